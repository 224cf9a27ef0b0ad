import { DeliveryError } from '../../../src/core/cardChannel';
import { OutboxStore } from '../../../src/notifications/outboxStore';
import { newRecord } from '../../../src/notifications/recordLifecycle';
import type { Logger } from '../../../src/core/logger';
import { eventually } from '../../helpers/eventually';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { notification } from './fixtures';
import { deferred, outboxHarness, stopAll, storedRecords } from './outboxHarness';

const T0 = Date.parse('2026-11-30T16:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const jan = { userPrincipalName: 'jan@contoso.nl' };
const piet = { userPrincipalName: 'piet@contoso.nl' };
const JAN_42 = 'task.assigned#42@upn:jan@contoso.nl';
const assigned = (taskId = 42, recipient: object = jan) => notification({ task: { ID: taskId, Name: `Task ${taskId}` }, recipient });
const updated = (taskId = 42, recipient: object = jan) =>
  notification({ event: 'task.updated', task: { ID: taskId, Name: `Task ${taskId} v2` }, recipient });
const closed = (taskId = 42, recipient: object = jan) =>
  notification({ event: 'task.closed', task: { ID: taskId, Name: `Task ${taskId}` }, recipient, transitions: undefined });

type Line = { level: 'warn' | 'error'; obj: Record<string, unknown>; msg: string };

/** Keeps the warnings and errors, the lines an operator acts on. */
function recordingLogger(): Logger & { lines: Line[] } {
  const lines: Line[] = [];
  const logger = {
    lines,
    debug: () => undefined,
    info: () => undefined,
    warn: (obj: object, msg: string) => void lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    error: (obj: object, msg: string) => void lines.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
    child: () => logger,
  };
  return logger;
}

/** The one error line of jan's task.assigned #42 that will not be delivered. */
function failedForGood(id: string | undefined, attempts: number, reason: string, error: object): Line {
  const obj = { id, event: 'task.assigned', taskId: 42, attempts, recipient: 'upn:jan@contoso.nl', reason, error };
  return { level: 'error', msg: 'notification delivery failed for good', obj };
}

afterEach(stopAll);

/** Alone on its storage (the embedded store) or sharing it with other instances (Azure): the same behaviour. */
describe.each([
  ['shared with other instances', false],
  ['alone on its storage', true],
])('an outbox %s', (_mode, sole) => {
  /** An outbox with jan and piet installed, started. */
  async function running(options: Parameters<typeof outboxHarness>[0] = {}) {
    const harness = outboxHarness({ sole, ...options });
    harness.installations.install('upn:jan@contoso.nl', 'upn:piet@contoso.nl');
    await harness.outbox.start();
    return harness;
  }

  describe('ordering and concurrency', () => {
    it('handles items of one task and recipient strictly in acceptance order, others alongside', async () => {
      const { outbox, handler } = await running();
      const gate = deferred<'delivered'>();
      handler.script(JAN_42, gate.promise);
      await outbox.accept([assigned(), updated(), closed(), assigned(7, piet), assigned(43, jan)]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(handler.labels()).toEqual([JAN_42, 'task.assigned#7@upn:piet@contoso.nl', 'task.assigned#43@upn:jan@contoso.nl']);
      gate.resolve('delivered');
      await outbox.whenIdle();
      expect(handler.labels().slice(3)).toEqual(['task.updated#42@upn:jan@contoso.nl', 'task.closed#42@upn:jan@contoso.nl']);
    });

    it('retries a failed item before the items behind it when its retry is due by the time its lane runs again', async () => {
      const { outbox, handler, clock } = await running({ concurrency: 1 });
      let fail!: () => void;
      handler.script(JAN_42, new Promise((_, reject) => (fail = () => reject(new DeliveryError('transient', 'Bot Connector: 502', 502)))));
      const gate = deferred<'delivered'>();
      handler.script('task.assigned#1@upn:jan@contoso.nl', gate.promise);
      await outbox.accept([assigned(), closed(), assigned(1)]);
      await eventually(() => handler.labels().length === 1, { what: 'the first attempt' });
      fail();
      // Task 1's lane was ready before 42's came back: it takes the one slot, and 42's retry falls due meanwhile.
      await eventually(() => handler.labels().length === 2, { what: 'task 1' });
      clock.advance(1_000);
      gate.resolve('delivered');
      await outbox.whenIdle();
      expect(handler.labels()).toEqual([JAN_42, 'task.assigned#1@upn:jan@contoso.nl', JAN_42, 'task.closed#42@upn:jan@contoso.nl']);
    });

    it('runs at most `concurrency` deliveries at once', async () => {
      const { outbox, handler } = await running({ concurrency: 2 });
      const gates = [deferred<'delivered'>(), deferred<'delivered'>()];
      handler.script('task.assigned#1@upn:jan@contoso.nl', gates[0]!.promise);
      handler.script('task.assigned#2@upn:jan@contoso.nl', gates[1]!.promise);
      await outbox.accept([assigned(1), assigned(2), assigned(3)]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(handler.labels()).toEqual(['task.assigned#1@upn:jan@contoso.nl', 'task.assigned#2@upn:jan@contoso.nl']);
      gates[0]!.resolve('delivered');
      gates[1]!.resolve('delivered');
      await outbox.whenIdle();
      expect(handler.labels()).toHaveLength(3);
    });
  });

  describe('retries', () => {
    it('does not let a failing item hold its lane: the next item goes ahead, and once it is delivered the failing one is failed for good, logged once', async () => {
      const logger = recordingLogger();
      const { outbox, handler, storage, waits } = await running({ logger });
      handler.script(
        JAN_42,
        ...Array.from({ length: 10 }, () => new DeliveryError('transient', 'Bot Connector: 500 Internal Server Error', 500)),
      );
      const [poison, next] = await outbox.accept([notification({ id: 'poison', recipient: jan }), updated()]);
      await outbox.whenIdle();

      expect(handler.labels()).toEqual([JAN_42, 'task.updated#42@upn:jan@contoso.nl']);
      expect(waits).toEqual([]);
      const lastError = { failure: 'transient', status: 500, message: 'Bot Connector: 500 Internal Server Error', at: iso(T0) };
      expect(storedRecords(storage).map((r) => [r.answerId, r.status, r.attempts, r.nextAttemptAt, r.lastError, r.supersededBy])).toEqual([
        ['poison', 'failed', 1, null, lastError, next?.id],
        [next?.id, 'delivered', 1, null, null, undefined],
      ]);
      expect(storage.snapshot('outbox-lane/')).toEqual({});
      expect(logger.lines.filter((line) => line.level === 'error')).toEqual([
        failedForGood(
          poison?.id,
          1,
          `a later notification of the same task and recipient (${next?.id}) was delivered while it waited for a retry`,
          lastError,
        ),
      ]);
    });

    it('fails a lone item that keeps failing after its retries, logged once with its id, task, recipient and last error', async () => {
      const logger = recordingLogger();
      const { outbox, handler, storage, clock } = await running({ logger, retry: { maxAttempts: 3 } });
      handler.script(JAN_42, ...[1, 2, 3].map((n) => new DeliveryError('transient', `Bot Connector: 500 (${n})`, 500)));
      const [poison] = await outbox.accept([notification({ id: 'poison', recipient: jan })]);
      await outbox.whenIdle();
      const lastError = { failure: 'transient', status: 500, message: 'Bot Connector: 500 (3)', at: clock.now().toISOString() };
      expect(storedRecords(storage).map((r) => [r.status, r.attempts, r.lastError])).toEqual([['failed', 3, lastError]]);
      expect(logger.lines.filter((line) => line.level === 'error')).toEqual([
        failedForGood(poison?.id, 3, 'gave up after 3 attempts', lastError),
      ]);
    });

    it('stores the failure and the persisted schedule, then retries after the exact backoff of the policy', async () => {
      // Looks at the stored record while the retry waits.
      let duringWait: unknown[] = [];
      const waits: number[] = [];
      const sleep = (ms: number) => {
        waits.push(ms);
        duringWait = storedRecords(storage);
        clock.advance(ms);
        return Promise.resolve();
      };
      const { outbox, handler, storage, clock } = await running({ sleep });
      handler.script(JAN_42, new DeliveryError('throttled', 'Bot Connector: 429 Too Many Requests', 429));
      await outbox.accept([assigned()]);
      await outbox.whenIdle();
      expect(waits).toEqual([500]);
      expect(duringWait).toEqual([
        expect.objectContaining({
          status: 'queued',
          attempts: 1,
          nextAttemptAt: iso(T0 + 500),
          lastError: { failure: 'throttled', status: 429, message: 'Bot Connector: 429 Too Many Requests', at: iso(T0) },
        }),
      ]);
    });

    it('retries a throttled item after Retry-After when that is longer than the backoff', async () => {
      const { outbox, handler, storage, waits } = await running();
      handler.script(
        JAN_42,
        new DeliveryError('throttled', 'Bot Connector: 429', 429, 3_000),
        new DeliveryError('transient', 'Bot Connector: 504', 504),
      );
      await outbox.accept([assigned()]);
      await outbox.whenIdle();
      expect(waits).toEqual([3_000, 1_000]);
      expect(handler.handled.map((h) => h.at - T0)).toEqual([0, 3_000, 4_000]);
      expect(storedRecords(storage).map((r) => [r.status, r.attempts, r.nextAttemptAt, r.lastError])).toEqual([
        ['delivered', 3, null, null],
      ]);
    });

    it('counts unexpected exceptions as transient', async () => {
      const { outbox, handler, storage, waits } = await running();
      handler.script(JAN_42, new TypeError('cannot read properties of undefined'));
      await outbox.accept([assigned()]);
      await outbox.whenIdle();
      expect([waits, storedRecords(storage).map((r) => r.status)]).toEqual([[500], ['delivered']]);
    });

    it('gives up after maxAttempts and records why', async () => {
      const { outbox, handler, storage, waits, clock } = await running({ retry: { maxAttempts: 3 } });
      handler.script(JAN_42, ...[1, 2, 3].map((n) => new DeliveryError('transient', `timeout ${n}`)));
      await outbox.accept([assigned()]);
      await outbox.whenIdle();
      expect(waits).toEqual([500, 1_000]);
      expect(storedRecords(storage).map((r) => [r.status, r.attempts, r.nextAttemptAt, r.lastError])).toEqual([
        ['failed', 3, null, { failure: 'transient', status: null, message: 'timeout 3', at: clock.now().toISOString() }],
      ]);
    });

    it.each(['blocked', 'permanent', 'notFound'] as const)('fails a %s item at once, without retrying', async (failure) => {
      const { outbox, handler, storage, waits } = await running();
      handler.script(JAN_42, new DeliveryError(failure, 'Bot Connector: 403 MessageWritesBlocked', 403));
      await outbox.accept([assigned(), closed()]);
      await outbox.whenIdle();
      expect(waits).toEqual([]);
      expect(handler.labels()).toEqual([JAN_42, 'task.closed#42@upn:jan@contoso.nl']);
      expect(storedRecords(storage).map((r) => [r.status, r.attempts, r.lastError])).toEqual([
        ['failed', 1, { failure, status: 403, message: 'Bot Connector: 403 MessageWritesBlocked', at: iso(T0) }],
        ['delivered', 1, null],
      ]);
    });
  });

  describe('restart', () => {
    it('resumes a queued item accepted before the restart', async () => {
      const first = outboxHarness();
      first.installations.install('upn:jan@contoso.nl');
      await first.outbox.accept([assigned()]);
      await first.outbox.stop();
      const second = await running({ storage: first.storage, clock: first.clock });
      await second.outbox.whenIdle();
      expect(second.handler.labels()).toEqual([JAN_42]);
    });

    it('resumes the persisted retry schedule rather than starting it over', async () => {
      const first = await running({ sleep: () => new Promise<void>(() => undefined) });
      first.handler.script(JAN_42, new DeliveryError('throttled', 'Bot Connector: 429', 429, 10_000));
      await first.outbox.accept([assigned()]);
      await new Promise((resolve) => setImmediate(resolve));
      await first.outbox.stop();
      expect(storedRecords(first.storage).map((r) => [r.status, r.nextAttemptAt])).toEqual([['queued', iso(T0 + 10_000)]]);

      first.clock.advance(4_000);
      const second = await running({ storage: first.storage, clock: first.clock });
      await second.outbox.whenIdle();
      expect(second.waits).toEqual([6_000]);
      expect(second.handler.handled.map((h) => h.at - T0)).toEqual([10_000]);
      expect(storedRecords(first.storage).map((r) => [r.status, r.attempts])).toEqual([['delivered', 2]]);
    });

    it('indexes and delivers items an older version stored without lane entries', async () => {
      const storage = new MemoryStorage();
      const old = newRecord(assigned(), {
        id: 'r-old',
        key: 'assigned:42:upn:jan@contoso.nl',
        order: 1,
        installed: true,
        now: new Date(T0),
      });
      await new OutboxStore(storage).saveRecord(old);
      const harness = outboxHarness({ storage, sleep: () => new Promise<void>(() => undefined) });
      harness.handler.script(JAN_42, new DeliveryError('transient', 'Bot Connector: 502', 502));
      await harness.outbox.start();
      await new Promise((resolve) => setImmediate(resolve));
      expect(Object.keys(storage.snapshot('outbox-lane/'))).toEqual([expect.stringMatching(/^outbox-lane\/[0-9a-f]{32}\/1_r-old$/)]);
      expect(storedRecords(storage).map((r) => [r.status, r.attempts])).toEqual([['queued', 1]]);
    });

    it('prunes delivered records and old idempotency keys on start, keeping failed ones longer', async () => {
      const first = await running();
      first.handler.script('task.assigned#1@upn:jan@contoso.nl', new DeliveryError('blocked', 'blocked'));
      await first.outbox.accept([assigned(1), assigned(2)]);
      await first.outbox.whenIdle();
      await first.outbox.stop();

      first.clock.advance(25 * 3_600_000);
      await (await running({ storage: first.storage, clock: first.clock })).outbox.stop();
      expect(storedRecords(first.storage).map((r) => r.status)).toEqual(['failed']);
      expect(Object.keys(first.storage.snapshot('outbox-key/'))).toHaveLength(2);

      first.clock.advance(7 * 24 * 3_600_000);
      await (await running({ storage: first.storage, clock: first.clock })).outbox.stop();
      expect(first.storage.snapshot('outbox')).toEqual({});
    });
  });

  describe('whenIdle() and stop()', () => {
    it('resolves at once when there is nothing to do, and ignores parked items', async () => {
      const { outbox } = outboxHarness();
      await outbox.whenIdle();
      await outbox.start();
      await outbox.accept([assigned()]);
      await outbox.whenIdle();
    });

    it('resolves only after the queued work is done', async () => {
      const { outbox, handler } = await running();
      const gate = deferred<'delivered'>();
      handler.script(JAN_42, gate.promise);
      await outbox.accept([assigned()]);
      let idle = false;
      const waiting = outbox.whenIdle().then(() => (idle = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(idle).toBe(false);
      gate.resolve('delivered');
      await waiting;
      expect(idle).toBe(true);
    });

    it('does not wait for items held behind a parked item of their lane, which go out after it once released', async () => {
      const { outbox, handler, storage } = await running();
      handler.script(JAN_42, 'pending');
      await outbox.accept([assigned()]);
      await outbox.whenIdle();
      await outbox.accept([closed()]);
      await outbox.whenIdle();
      expect(handler.labels()).toEqual([JAN_42]);
      expect(storedRecords(storage).map((r) => r.status)).toEqual(['pending', 'queued']);
      expect(await outbox.releasePending(jan)).toBe(1);
      await outbox.whenIdle();
      expect(handler.labels()).toEqual([JAN_42, JAN_42, 'task.closed#42@upn:jan@contoso.nl']);
    });

    it('start() twice at once loads once', async () => {
      const first = outboxHarness();
      first.installations.install('upn:jan@contoso.nl');
      await first.outbox.accept([assigned()]);
      const second = outboxHarness({ storage: first.storage, clock: first.clock });
      second.installations.install('upn:jan@contoso.nl');
      await Promise.all([second.outbox.start(), second.outbox.start()]);
      await second.outbox.whenIdle();
      expect(second.handler.labels()).toEqual([JAN_42]);
    });

    it('stop() waits for the delivery in flight and takes no new work', async () => {
      const { outbox, handler, storage } = await running();
      const gate = deferred<'delivered'>();
      handler.script(JAN_42, gate.promise);
      await outbox.accept([assigned(), closed()]);
      let stopped = false;
      const stopping = outbox.stop().then(() => (stopped = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(stopped).toBe(false);
      gate.resolve('delivered');
      await stopping;
      expect(handler.labels()).toEqual([JAN_42]);
      expect(storedRecords(storage).map((r) => r.status)).toEqual(['delivered', 'queued']);
    });

    it('stop() ends its own retry timers, so nothing keeps the process alive', async () => {
      const harness = outboxHarness({ sleep: undefined });
      harness.installations.install('upn:jan@contoso.nl');
      await harness.outbox.start();
      harness.handler.script(JAN_42, new DeliveryError('throttled', 'Bot Connector: 429', 429, 60_000));
      await harness.outbox.accept([assigned()]);
      await new Promise((resolve) => setImmediate(resolve));
      await harness.outbox.stop();
      expect(storedRecords(harness.storage).map((r) => r.status)).toEqual(['queued']);
    });
  });
});
