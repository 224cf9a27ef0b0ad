import { TeamsActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { CHAT_RUN_VERB } from '../cards';
import type { Locale } from '../core/locale';
import type { Logger } from '../core/logger';
import { TimeZoneNames } from './timeZoneNames';
import { t } from '../i18n';
import { activityUser, type ActivityUser } from './activityContext';
import type { AssigneeSearch } from './assigneeSearch';
import { AdaptiveCardActionValue, type CardActions } from './cardActions';
import type { ChatTurns } from './chatTurns';
import type { InstallationCapture } from './installationCapture';
import { invokeResponses } from './invokeResponses';

export interface TaskBotDeps {
  capture: InstallationCapture;
  cardActions: CardActions;
  assigneeSearch: AssigneeSearch;
  chat: ChatTurns;
  defaultLocale: Locale;
  logger: Logger;
}

/**
 * The Teams edge: routes installs, messages and invokes to the use cases. Kept thin so the Microsoft 365 Agents SDK
 * can replace botbuilder here without touching `tasks/`.
 */
export class TaskBot extends TeamsActivityHandler {
  private readonly zones = new TimeZoneNames();

  constructor(private readonly deps: TaskBotDeps) {
    super();
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.installed(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const user = this.user(context);
      if (user) await deps.capture.remove(user);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await this.installed(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name;
    if (name !== 'adaptiveCard/action' && name !== 'application/search') return super.onInvokeActivity(context);
    const user = this.user(context);
    if (!user)
      return invokeResponses.error(400, 'UnknownUser', 'The activity does not identify a Microsoft Entra user (from.aadObjectId).');
    try {
      if (name === 'application/search') return await this.deps.assigneeSearch.handle(user, context.activity.value);
      const parsed = AdaptiveCardActionValue.safeParse(context.activity.value);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => `value.${issue.path.join('.')}: ${issue.message}`).join('; ');
        return invokeResponses.error(400, 'InvalidActionValue', fields);
      }
      if (parsed.data.action.type !== 'Action.Execute')
        return invokeResponses.error(400, 'NotSupported', 'Only Action.Execute is supported.');
      const installation = await this.deps.capture.capture(context, user);
      if (!installation) return invokeResponses.message(t(user.locale, 'chat.personalOnly'));
      const { action, state } = parsed.data;
      if (action.verb === CHAT_RUN_VERB) return await this.deps.chat.click(context, user, installation, action.data);
      return await this.deps.cardActions.handle(context, user, installation, action.verb, action.data, state);
    } catch (err) {
      this.deps.logger.error({ err, invoke: name }, 'invoke failed');
      return invokeResponses.error(500, 'InternalError', t(user.locale, 'error.internal'));
    }
  }

  private async installed(context: TurnContext): Promise<void> {
    const user = this.user(context);
    if (!user) return;
    const captured = await this.deps.capture.captureNew(context, user, { force: true });
    if (captured?.isNew) await context.sendActivity(t(user.locale, 'chat.welcome'));
  }

  private async message(context: TurnContext): Promise<void> {
    const user = this.user(context);
    if (!user) return;
    const installation = await this.deps.capture.capture(context, user);
    if (!installation) {
      await context.sendActivity(t(user.locale, 'chat.personalOnly'));
      return;
    }
    await this.deps.chat.message(context, user, installation);
  }

  private user(context: TurnContext): ActivityUser | null {
    return activityUser(context.activity, this.deps.defaultLocale, this.zones);
  }
}
