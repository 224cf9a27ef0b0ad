import { PassThrough } from 'node:stream';
import type { ActAsUser } from '../../../src/core/session';
import type { UserKey } from '../../../src/core/userKey';
import type { OutboxAdmin } from '../../../src/core/outboxAdmin';
import { createLogger } from '../../../src/logger';
import { Observability } from '../../../src/ops/observability';
import type { FinishOutcome, FinishRequest, TaskFinisher } from '../../../src/tasks/finishTasks';

const ALEX: UserKey = { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', aadObjectId: 'b1b2c3d4-0000-4000-8000-0000000000a1' };
const request: FinishRequest = {
  user: ALEX,
  verb: 'task.finish',
  taskIds: [42],
  transition: { id: 'approve' },
  inputs: {},
  userZone: 'Europe/Amsterdam',
};

/** The observed finisher over a finisher that calls DigiOffice as the user (`calls`) or not; the audit lines it writes. */
function observed(calls: boolean) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) =>
    lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    ),
  );
  const ops = new Observability({
    logger: createLogger('info', stream),
    outbox: {} as OutboxAdmin,
    pendingReportAgeMs: 60_000,
    clock: { now: () => new Date() },
  });
  const session: ActAsUser = ops.actingUser({
    callAsUser: (_user, call) => call('bearer', { displayName: 'Alex Wilber', digiOfficeUserId: '4711' }),
  });
  const finisher = {
    finish: async (r: FinishRequest): Promise<FinishOutcome> => {
      if (calls) await session.callAsUser(r.user, () => Promise.resolve());
      return { kind: calls ? 'done' : 'stale', snapshots: [] };
    },
  } as unknown as TaskFinisher;
  const lookups: UserKey[] = [];
  const lookUp = (user: UserKey) => {
    lookups.push(user);
    return Promise.resolve({ digiOfficeUserId: '4711 (looked up)' });
  };
  return { finisher: ops.finisher(finisher, lookUp), lines, lookups };
}

describe('the audit of a finish: the DigiOffice user id', () => {
  it('is the one of the account the call as the user used, without reading the account again', async () => {
    const { finisher, lines, lookups } = observed(true);

    await finisher.finish(request);
    await new Promise((resolve) => setImmediate(resolve));

    expect(lookups).toEqual([]);
    expect(lines.map(({ time: _time, correlationId: _id, ...line }) => line)).toEqual([
      {
        level: 30,
        audit: 'finish',
        user: ALEX,
        digiOfficeUserId: '4711',
        taskIds: [42],
        transition: { id: 'approve', name: null },
        result: 'done',
        digiOfficeStatus: null,
        msg: 'audit: finish',
      },
    ]);
  });

  it('is looked up when the finish called DigiOffice as nobody (a stale card, invalid input)', async () => {
    const { finisher, lines, lookups } = observed(false);

    await finisher.finish(request);
    await new Promise((resolve) => setImmediate(resolve));

    expect(lookups).toEqual([ALEX]);
    expect(lines.map((line) => line.digiOfficeUserId)).toEqual(['4711 (looked up)']);
  });
});
