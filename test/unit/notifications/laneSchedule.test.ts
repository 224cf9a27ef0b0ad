import { LaneSchedule, type ScheduledItem } from '../../../src/notifications/laneSchedule';

const item = (id: string, lane: string, order: number, extra: Partial<ScheduledItem> = {}): ScheduledItem => ({
  id,
  lane,
  order,
  status: 'queued',
  dueAt: 0,
  retrying: false,
  ...extra,
});

describe('LaneSchedule.runnable()', () => {
  it('offers the first item of each lane, lanes in the order they became ready, up to the free slots', () => {
    const schedule = new LaneSchedule(() => 0);
    for (const i of [item('a2', 'A', 4), item('b1', 'B', 2), item('a1', 'A', 1), item('c1', 'C', 3)]) schedule.put(i);
    expect(schedule.runnable(0, 10).ready.map((i) => i.id)).toEqual(['a1', 'b1', 'c1']);
    expect(schedule.runnable(0, 2).ready.map((i) => i.id)).toEqual(['a1', 'b1']);
  });

  it('skips busy lanes; a lane that was busy queues up behind the others again', () => {
    const schedule = new LaneSchedule(() => 0);
    schedule.put(item('a1', 'A', 1));
    schedule.put(item('b1', 'B', 2));
    schedule.setBusy('A', true);
    expect(schedule.runnable(0, 10).ready.map((i) => i.id)).toEqual(['b1']);
    schedule.setBusy('A', false);
    expect(schedule.runnable(0, 10).ready.map((i) => i.id)).toEqual(['b1', 'a1']);
  });

  it('lets items behind one that waits for a retry go first, and offers the retry when it falls due', () => {
    let now = 0;
    const schedule = new LaneSchedule(() => now);
    schedule.put(item('a1', 'A', 1, { retrying: true, dueAt: 5_000 }));
    schedule.put(item('a2', 'A', 2));
    schedule.put(item('a3', 'A', 3));
    expect(schedule.runnable(now, 10)).toEqual({ ready: [item('a2', 'A', 2)], nextDueAt: null });
    expect(schedule.retryingBefore('A', 3).map((i) => i.id)).toEqual(['a1']);
    expect(schedule.retryingBefore('A', 1)).toEqual([]);
    schedule.setBusy('A', true);
    expect(schedule.runnable(now, 10)).toEqual({ ready: [], nextDueAt: null });
    schedule.delete('a2');
    schedule.delete('a3');
    schedule.setBusy('A', false);
    expect(schedule.runnable(now, 10)).toEqual({ ready: [], nextDueAt: 5_000 });
    now = 5_000;
    expect(schedule.runnable(now, 10).ready.map((i) => i.id)).toEqual(['a1']);
    schedule.put(item('a1', 'A', 1, { status: 'pending' }));
    expect(schedule.runnable(now, 10)).toEqual({ ready: [], nextDueAt: null });
  });

  it('keeps thousands of lanes apart, one item per lane at a time, and forgets deleted items', () => {
    const schedule = new LaneSchedule(() => 0);
    for (let n = 0; n < 5_000; n++) schedule.put(item(`i${n}`, `L${n % 2_500}`, n));
    expect(schedule.runnable(0, 3).ready.map((i) => i.id)).toEqual(['i0', 'i1', 'i2']);
    for (let n = 0; n < 2_500; n++) schedule.delete(`i${n}`);
    expect(schedule.runnable(0, 2).ready.map((i) => i.id)).toEqual(['i2500', 'i2501']);
  });

  it('holds a lane behind a parked or not yet due head, and says when the next head falls due', () => {
    const schedule = new LaneSchedule(() => 0);
    schedule.put(item('a1', 'A', 1, { status: 'pending' }));
    schedule.put(item('a2', 'A', 2));
    schedule.put(item('b1', 'B', 3, { dueAt: 5_000 }));
    schedule.put(item('b2', 'B', 4));
    schedule.put(item('c1', 'C', 5, { dueAt: 7_000 }));
    expect(schedule.runnable(1_000, 10)).toEqual({ ready: [], nextDueAt: 5_000 });
    expect(schedule.runnable(5_000, 10)).toEqual({ ready: [item('b1', 'B', 3, { dueAt: 5_000 })], nextDueAt: 7_000 });
  });

  it('has work only while some lane has a queued head', () => {
    const schedule = new LaneSchedule(() => 0);
    expect(schedule.hasWork()).toBe(false);
    schedule.put(item('a1', 'A', 1, { status: 'pending' }));
    schedule.put(item('a2', 'A', 2, { dueAt: 9_000 }));
    expect(schedule.hasWork()).toBe(false);
    schedule.put(item('b1', 'B', 3, { dueAt: 9_000 }));
    expect(schedule.hasWork()).toBe(true);
  });

  it('counts items by status and forgets deleted ones', () => {
    const schedule = new LaneSchedule(() => 0);
    schedule.put(item('a1', 'A', 1, { status: 'pending' }));
    schedule.put(item('b1', 'B', 2));
    schedule.delete('b1');
    expect([schedule.count('pending'), schedule.count('queued'), schedule.get('a1')?.id, schedule.get('b1')]).toEqual([
      1,
      0,
      'a1',
      undefined,
    ]);
    schedule.clear();
    expect(schedule.count('pending')).toBe(0);
  });
});
