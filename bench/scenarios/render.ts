import { performance } from 'node:perf_hooks';
import { TENANT_ID } from '../../test/helpers/teamsActivities';
import { assignedNotification, teamsUser } from '../lib/fixtures';
import { bindCardViews, newSnapshot, parseNotificationBody } from '../lib/product';
import { median, round } from '../lib/stats';
import { fmt, type BenchContext, type FigureResult } from './context';

/**
 * Render: milliseconds per task card from the product's renderer (snapshot → Adaptive Card JSON object), for tasks
 * with 1, 5 and 20 transitions, and the card's size as JSON. Runs in the bench process while nothing else runs;
 * rounds alternate the three sizes.
 */

const SIZES = [1, 5, 20] as const;

/** Renders the task card of a task with `transitions` transitions (1, 5 or 20), as the bot does for a new card. */
export function cardRenderer(): (transitions: (typeof SIZES)[number]) => unknown {
  const clock = { now: () => new Date() };
  const views = bindCardViews({ digiOfficeZone: 'Europe/Amsterdam', webBaseUrl: 'https://digioffice.example.test', clock });
  const viewer = { locale: 'en' as const, timezone: 'Europe/Amsterdam', zoneKnown: true, teamsUserId: '29:bench-user' };
  const snapshots = Object.fromEntries(SIZES.map((n) => [n, snapshotWith(n)]));
  return (n) => views.task(snapshots[n] as never, viewer);
}

export function renderFigure(ctx: BenchContext): Promise<FigureResult> {
  const render = cardRenderer();
  const perRound = ctx.options.quick ? 300 : 1_000;
  const timings: Record<number, number[]> = { 1: [], 5: [], 20: [] };
  for (const n of SIZES) for (let i = 0; i < 200; i++) render(n);
  for (let r = 0; r < ctx.options.rounds; r++) {
    for (const n of SIZES) {
      const t0 = performance.now();
      for (let i = 0; i < perRound; i++) render(n);
      timings[n]?.push((performance.now() - t0) / perRound);
    }
  }
  const bytes = Object.fromEntries(SIZES.map((n) => [n, Buffer.byteLength(JSON.stringify(render(n)))]));
  const rows = SIZES.map((n) => ({
    figure: `render, ${n} transition${n > 1 ? 's' : ''}`,
    value: fmt.ms(median(timings[n] ?? [])),
    goal: '≤ 0.2 ms',
    detail: `per round ${(timings[n] ?? []).map((t) => t.toFixed(3)).join(', ')} ms; card ${fmt.n(bytes[n] ?? NaN)} bytes`,
  }));
  return Promise.resolve({
    rows,
    data: {
      rendersPerRound: perRound,
      msPerCard: Object.fromEntries(SIZES.map((n) => [n, round(median(timings[n] ?? []), 4)])),
      rounds: timings,
      cardBytes: bytes,
    },
  });
}

/** A parsed `task.assigned` with `count` transitions (every third needs assignees, every third a deferral) as stored. */
function snapshotWith(count: number) {
  const notification = assignedNotification(70_000_000 + count, 1);
  const transitions = Array.from({ length: count }, (_, k) => ({
    ...(notification.transitions?.[0] ?? {}),
    ID: `be0c2a9e-3b4d-4e5f-8a7b-${String(100 + k).padStart(12, '0')}`,
    Name: k === 0 ? 'Approve' : `Transition ${k + 1}`,
    IsNext: k === 0,
    AssignmentIsAdHocRequired: k % 3 === 1,
    AssignmentAtStartWorkflowIsAdHoc: k % 3 === 1,
    DeferAtStartWorkflowIsAdHoc: k % 3 === 2,
  }));
  const parsed = parseNotificationBody({ ...notification, transitions });
  if (!parsed.ok) throw new Error(`render: the notification does not parse: ${JSON.stringify(parsed.errors)}`);
  const user = teamsUser(1);
  return newSnapshot({ tenantId: TENANT_ID, aadObjectId: user.aadObjectId }, parsed.notifications[0] as never, new Date());
}
