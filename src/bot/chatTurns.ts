import { CardFactory, MessageFactory, type InvokeResponse, type TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { parseChatRunData, renderChosenCard } from '../cards';
import { parseCommand, type Command } from '../commands';
import type { ChatRun } from '../core/chatViews';
import type { Clock } from '../core/clock';
import type { Installation } from '../core/installation';
import type { Locale } from '../core/locale';
import type { Logger } from '../core/logger';
import { viewerOf } from '../core/viewer';
import type { ChatCommands, ChatReply } from '../tasks/chatCommands';
import type { TaskStore } from '../tasks/taskStore';
import type { ActivityUser } from './activityContext';
import { invokeResponses } from './invokeResponses';
import { TypingIndicator } from './typingIndicator';

export interface ChatTurnsDeps {
  chat: ChatCommands;
  tasks: TaskStore;
  clock: Clock;
  /** The zone of a user whose Teams client sent none (DIGIOFFICE_TIMEZONE). */
  digiOfficeZone: string;
  logger: Logger;
}

/**
 * The chat at the Teams edge: a typed message, or a click on a chat question's button (`chat.run`), is parsed against
 * the user's clock and locale, run, and answered in the chat, with "typing…" while DigiOffice is called.
 */
export class ChatTurns {
  constructor(private readonly deps: ChatTurnsDeps) {}

  async message(context: TurnContext, user: ActivityUser, installation: Installation): Promise<void> {
    await this.run(context, user, installation, { text: context.activity.text ?? '' });
  }

  /** Runs the button's command as the clicking user; the question is replaced by the choice, so it cannot run twice. */
  async click(context: TurnContext, user: ActivityUser, installation: Installation, data: unknown): Promise<InvokeResponse> {
    const parsed = parseChatRunData(data);
    if (!parsed.ok) return invokeResponses.error(400, 'InvalidActionData', parsed.error);
    const locale = await this.run(context, user, installation, parsed.run);
    return invokeResponses.card(renderChosenCard(locale, parsed.label));
  }

  /** Resolves to the language the command was answered in. */
  private async run(context: TurnContext, user: ActivityUser, installation: Installation, run: ChatRun): Promise<Locale> {
    const viewer = viewerOf(installation, this.deps.digiOfficeZone);
    const command = parseCommand(run.text, { ...this.wallClock(viewer.timezone), ...(user.localeTag ? { locale: user.localeTag } : {}) });
    const locale = answerLanguage(command, user.locale);
    const typing = new TypingIndicator(context, this.deps.logger);
    try {
      const replies = await this.deps.chat.run(command, {
        user: { key: user.key, viewer: { ...viewer, locale } },
        installation,
        text: run.text,
        pins: { ...(run.step ? { step: run.step } : {}), ...(run.assignees ? { assignees: run.assignees } : {}) },
        working: () => typing.start(),
      });
      await typing.stop();
      await this.send(context, user, replies);
    } finally {
      await typing.stop();
    }
    return locale;
  }

  /** The user's calendar day and wall-clock time, which relative dates ("tomorrow 9:00", "in 3 hours") count from. */
  private wallClock(zone: string): { today: string; time: string } {
    const local = DateTime.fromJSDate(this.deps.clock.now(), { zone });
    const now = local.isValid ? local : DateTime.fromJSDate(this.deps.clock.now(), { zone: 'utc' });
    return { today: now.toFormat('yyyy-MM-dd'), time: now.toFormat('HH:mm') };
  }

  private async send(context: TurnContext, user: ActivityUser, replies: ChatReply[]): Promise<void> {
    for (const reply of replies) {
      if (reply.kind === 'text') {
        await context.sendActivity(reply.text);
        continue;
      }
      const response = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(reply.card)));
      if (reply.taskId !== undefined && response?.id) await this.deps.tasks.addCard(user.key, reply.taskId, response.id);
    }
  }
}

/** A command typed in Dutch is answered in Dutch, whatever the client's language. */
function answerLanguage(command: Command, clientLocale: Locale): Locale {
  return command.kind !== 'unknown' && command.language === 'nl' ? 'nl' : clientLocale;
}
