import type { InvokeResponse, TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { parseChatRunData, renderChosenCard } from '../cards';
import { parseCommand, type Command } from '../commands';
import type { ChatRun } from '../core/chatViews';
import type { Clock } from '../core/clock';
import type { ConversationRef, Installation } from '../core/installation';
import type { Locale } from '../core/locale';
import type { Logger } from '../core/logger';
import { viewerOf } from '../core/viewer';
import { t } from '../i18n';
import type { ChatCommands, ChatReply } from '../tasks/chatCommands';
import type { TaskStore } from '../tasks/taskStore';
import type { ActivityUser } from './activityContext';
import type { BackgroundWork } from './backgroundWork';
import { cardActivity } from './cardChannel';
import { raceWithBudget } from './invokeBudget';
import { invokeResponses } from './invokeResponses';
import { TypingIndicator } from './typingIndicator';

export interface ChatTurnsDeps {
  chat: ChatCommands;
  tasks: TaskStore;
  clock: Clock;
  /** The zone of a user whose Teams client sent none (DIGIOFFICE_TIMEZONE). */
  digiOfficeZone: string;
  background: BackgroundWork;
  /** Runs `logic` in the user's conversation outside their turn: a slow click's answer comes after the click's. */
  inConversation(reference: ConversationRef, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  /** How long a click waits for DigiOffice before answering with "working…" (INVOKE_BUDGET_MS). */
  invokeBudgetMs: number;
  logger: Logger;
}

/** A command on its way: the language it is answered in, its replies, and its "typing…". */
interface Started {
  locale: Locale;
  replies: Promise<ChatReply[]>;
  typing: TypingIndicator;
}

/**
 * The chat at the Teams edge: a typed message, or a click on a chat question's button (`chat.run`), is parsed against
 * the user's clock and locale, run, and answered in the chat, with "typing…" while DigiOffice is called.
 */
export class ChatTurns {
  constructor(private readonly deps: ChatTurnsDeps) {}

  async message(context: TurnContext, user: ActivityUser, installation: Installation): Promise<void> {
    const { replies } = this.start(context, user, installation, { text: context.activity.text ?? '' });
    await this.send(context, user, await replies);
  }

  /**
   * Runs the button's command as the clicking user; the question is replaced by the choice, so it cannot run twice.
   * Within the invoke budget the replies come before the answer; past it the choice says "working…", and when the
   * command ends the replies follow in the chat and the choice loses its "working…".
   */
  async click(context: TurnContext, user: ActivityUser, installation: Installation, data: unknown): Promise<InvokeResponse> {
    const parsed = parseChatRunData(data);
    if (!parsed.ok) return invokeResponses.error(400, 'InvalidActionData', parsed.error);
    const { locale, replies, typing } = this.start(context, user, installation, parsed.run);
    const chosen = renderChosenCard(locale, parsed.label);
    const inTime = await raceWithBudget(replies, this.deps.invokeBudgetMs);
    if (inTime !== 'overtime') {
      await this.send(context, user, inTime);
      return invokeResponses.card(chosen);
    }
    // The turn's context ends with this answer: nothing may type in it any more.
    await typing.stop();
    const questionId = context.activity.replyToId ?? null;
    const summary = t(locale, 'chat.chosen', { choice: parsed.label });
    this.deps.background.run('slow chat click', async () => {
      // A failed command still ends the choice's "working…" and says so in the chat, then is logged.
      const answer = await replies.then(
        (done) => ({ done }),
        (err: unknown) => ({ err }),
      );
      await this.deps.inConversation(installation.reference, async (later) => {
        // The replies matter more than the question's "working…": a question that cannot be updated (deleted, a
        // refusal) does not keep them from being sent.
        if (questionId) {
          await later
            .updateActivity({ ...cardActivity({ card: chosen, summary }), id: questionId })
            .catch((err: unknown) => this.deps.logger.warn({ err }, 'the chat question could not be updated'));
        }
        if ('done' in answer) await this.send(later, user, answer.done);
        else await later.sendActivity(t(locale, 'error.internal'));
      });
      if ('err' in answer) throw answer.err;
    });
    return invokeResponses.card(renderChosenCard(locale, parsed.label, { working: true }));
  }

  /** Parses the command and starts it; "typing…" ends when its replies are ready. */
  private start(context: TurnContext, user: ActivityUser, installation: Installation, run: ChatRun): Started {
    const viewer = viewerOf(installation, this.deps.digiOfficeZone);
    const command = parseCommand(run.text, { ...this.wallClock(viewer.timezone), ...(user.localeTag ? { locale: user.localeTag } : {}) });
    const locale = answerLanguage(command, user.locale);
    const typing = new TypingIndicator(context, this.deps.logger);
    const replies = this.deps.chat
      .run(command, {
        user: { key: user.key, viewer: { ...viewer, locale } },
        installation,
        text: run.text,
        pins: { ...(run.step ? { step: run.step } : {}), ...(run.assignees ? { assignees: run.assignees } : {}) },
        working: () => typing.start(),
      })
      .finally(() => typing.stop());
    return { locale, replies, typing };
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
      const response = await context.sendActivity(cardActivity(reply));
      if (reply.taskId !== undefined && response?.id) await this.deps.tasks.addCard(user.key, reply.taskId, response.id);
    }
  }
}

/** A command typed in Dutch is answered in Dutch, whatever the client's language. */
function answerLanguage(command: Command, clientLocale: Locale): Locale {
  return command.kind !== 'unknown' && command.language === 'nl' ? 'nl' : clientLocale;
}
