import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Logger } from '../core/logger';

/** Teams hides a typing indicator after a few seconds, so while the work lasts it is sent again this often. */
const REPEAT_MS = 3000;

/**
 * "The bot is typing…" in the user's chat while a command waits for DigiOffice: sent once when the work starts and
 * repeated until `stop`, which the turn calls before its answer (and in any case before the turn ends, when the
 * context can no longer send: a `start` after `stop` sends nothing). A typing activity that cannot be sent is logged;
 * the command goes on.
 */
export class TypingIndicator {
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private stopped = false;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: TurnContext,
    private readonly logger: Logger,
  ) {}

  /** Sends the first typing activity (once per turn; later calls, and calls after `stop`, do nothing). */
  async start(): Promise<void> {
    if (this.started || this.stopped) return;
    this.started = true;
    this.sending = this.send();
    await this.sending;
    // `stop` may have come while the first one was on its way.
    if (this.stopped) return;
    this.timer = setInterval(() => {
      this.sending = this.send();
    }, REPEAT_MS);
  }

  /** Stops repeating for good, and waits for a typing activity on its way, so that nothing follows the answer. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sending;
  }

  private async send(): Promise<void> {
    try {
      await this.context.sendActivity({ type: ActivityTypes.Typing });
    } catch (err) {
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'typing indicator not sent');
    }
  }
}
