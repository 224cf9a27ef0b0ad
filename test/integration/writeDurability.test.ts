import { SqliteStorage } from '../../src/storage/sqliteStorage';
import type { Storage } from '../../src/storage/storage';
import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { click, deliverTask, finishRequests } from '../helpers/flows';
import { useHarness } from '../helpers/harness';
import { ALEX } from '../helpers/teamsActivities';

/**
 * STORAGE=sqlite commits a card click's own writes (the lock before the POST, the outcome with the lock's release)
 * without an fsync, and everything else with one (docs/deployment.md, "Durability"). Counted on the real store, per
 * `synchronous` level, around a real click and a real accept.
 */
describe('STORAGE=sqlite: which writes are fsynced', () => {
  let store: SqliteStorage | null = null;
  const h = useHarness({
    install: [ALEX],
    harness: {
      wrapStorage(storage: Storage) {
        if (!(storage instanceof SqliteStorage)) throw new Error('the harness runs on SQLite');
        store = storage;
        return storage;
      },
    },
  });
  const commits = () => ({ ...(store as SqliteStorage).commitsBySync });

  it('commits a click (lock, then outcome with the release) as two commits without an fsync, and nothing of it with one', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    const { activityId } = await deliverTask(h, ALEX, 42);
    await h.idle();
    const before = commits();

    const response = await click(h, ALEX, 'task.finish', { taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove }, activityId);
    await h.idle();

    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(finishRequests(h).map((r) => r.status)).toEqual([204]);
    expect(commits()).toEqual({ full: before.full, normal: before.normal + 2 });
  });

  it('commits an accepted notification, and its delivery, with an fsync', async () => {
    await h.idle();
    const before = commits();
    const pending = await h.notify(h.sim.notificationFor(42, { userPrincipalName: 'nobody@contoso.nl' }));
    expect(pending).toEqual({ status: 202, body: { id: expect.any(String), status: 'pending' } });
    expect(commits()).toEqual({ full: before.full + 1, normal: before.normal });

    await deliverTask(h, ALEX, 43);
    await h.idle();
    const after = commits();
    expect(after.normal).toBe(before.normal);
    expect(after.full).toBeGreaterThanOrEqual(before.full + 3);
  });
});
