import type { Clock } from '../core/clock';
import { formatDuration } from '../core/duration';
import type { Every } from '../core/every';
import type { Logger } from '../core/logger';
import { acceptedCutoff, type OutboxAdmin, type OutboxCursor } from '../core/outboxAdmin';
import { PeriodicJob } from '../core/periodicJob';

const CHECK_EVERY_MS = 3_600_000;
const PAGE = 500;

/**
 * Pending notifications (the recipient has not installed the bot) are kept until the recipient installs or an
 * administrator drops them; those older than `OUTBOX_PENDING_REPORT_AGE` are reported, so none waits unseen: one
 * warning per item and bot process (at start, then hourly), and a count in the metrics and the admin API.
 */
export class PendingReport extends PeriodicJob {
  /** Items this process has warned about; forgotten once they stop being pending. */
  private reported = new Set<string>();

  constructor(private readonly deps: { outbox: OutboxAdmin; ageMs: number; clock: Clock; every: Every; logger: Logger }) {
    super(deps.every, CHECK_EVERY_MS);
  }

  /** Warns once about each pending item over the age. */
  protected runOnce(): Promise<void> {
    return this.report().catch((err: unknown) =>
      this.deps.logger.warn({ err }, 'could not look for old pending notifications; will try again'),
    );
  }

  private async report(): Promise<void> {
    const acceptedBefore = acceptedCutoff(this.deps.clock.now(), this.deps.ageMs);
    const stillOld = new Set<string>();
    let after: OutboxCursor | null = null;
    do {
      const page = await this.deps.outbox.list({ state: 'pending', limit: PAGE, after, acceptedBefore });
      for (const item of page.items) {
        stillOld.add(item.id);
        if (this.reported.has(item.id)) continue;
        this.deps.logger.warn(
          {
            outboxItem: item.id,
            notificationId: item.notificationId,
            event: item.event,
            taskId: item.taskId,
            recipient: item.recipient,
            acceptedAt: item.acceptedAt,
          },
          `notification pending for over ${formatDuration(this.deps.ageMs)}: the recipient has not installed the bot`,
        );
      }
      after = page.next;
    } while (after !== null);
    this.reported = stillOld;
  }
}
