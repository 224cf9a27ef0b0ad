import type { Logger } from '../../../src/core/logger';
import { StoredOutboxAdmin } from '../../../src/notifications/outboxAdmin';
import { PendingReport } from '../../../src/ops/pendingReport';
import { notification } from '../notifications/fixtures';
import { outboxHarness, stopAll } from '../notifications/outboxHarness';

const DAY = 86_400_000;

class RecordingLogger implements Logger {
  readonly warnings: Array<{ obj: object; msg: string }> = [];
  debug(): void {}
  info(): void {}
  warn(obj: object, msg: string): void {
    this.warnings.push({ obj, msg });
  }
  error(): void {}
  child(): Logger {
    return this;
  }
}

afterEach(stopAll);

describe('PendingReport', () => {
  it('warns once per pending item older than the age, at start and on each later check', async () => {
    const { storage, clock, outbox, ticker } = outboxHarness();
    await outbox.start();
    const logger = new RecordingLogger();
    const report = new PendingReport({
      outbox: new StoredOutboxAdmin({ storage, clock, changed: (id) => outbox.refresh(id) }),
      ageMs: 7 * DAY,
      clock,
      every: ticker.every,
      logger,
    });
    const [old] = await outbox.accept([
      notification({ id: 'evt-old', task: { ID: 42, Name: 'Old' }, recipient: { email: 'jan@contoso.nl' } }),
    ]);
    clock.advance(8 * DAY);
    await outbox.accept([notification({ id: 'evt-new', task: { ID: 43, Name: 'New' }, recipient: { email: 'jan@contoso.nl' } })]);

    report.start();
    await report.runNow();
    expect(logger.warnings).toEqual([
      {
        obj: {
          outboxItem: expect.any(String),
          notificationId: old?.id,
          event: 'task.assigned',
          taskId: 42,
          recipient: { email: 'jan@contoso.nl' },
          acceptedAt: '2026-11-30T16:00:00.000Z',
        },
        msg: 'notification pending for over 7d: the recipient has not installed the bot',
      },
    ]);

    clock.advance(8 * DAY);
    ticker.fire(3_600_000);
    await report.runNow();
    expect(logger.warnings.map((w) => (w.obj as { notificationId: string }).notificationId)).toEqual(['evt-old', 'evt-new']);
    await report.stop();
  });
});
