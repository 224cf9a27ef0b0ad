import type { Clock } from '../../../src/core/clock';
import type { Every } from '../../../src/core/every';
import { TaskNotification } from '../../../src/notifications/schema';

export const AAD = '6f1d2c3b-4a59-4e8f-9b7a-1c2d3e4f5a6b';
export const APPROVE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const REJECT_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** A valid webhook body for one notification, as a sender writes it (PascalCase DigiOffice objects, `__type` included). */
export function rawNotification(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event: 'task.assigned',
    recipient: { aadObjectId: AAD },
    task: {
      __type: 'DigiOffice.WorkflowTaskDTO',
      ID: 42,
      Name: 'Approve invoice 2026-117',
      WorkflowDescription: 'Invoice approval',
      ExpirationDate: '2026-12-05T17:00:00.0000000',
      Urgent: true,
    },
    transitions: [
      { ID: APPROVE_ID, Name: 'Approve', IsNext: true },
      { ID: REJECT_ID, Name: 'Reject' },
    ],
    comment: { Required: false },
    reason: { Required: true },
    ...overrides,
  };
}

/** The parsed form of `rawNotification(overrides)`. */
export function notification(overrides: Record<string, unknown> = {}): TaskNotification {
  return TaskNotification.parse(rawNotification(overrides));
}

/** A clock that only moves when told to. */
export class FakeClock implements Clock {
  constructor(private ms = Date.parse('2026-11-30T16:00:00.000Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A sleep that returns at once after moving the fake clock, and remembers every wait. */
export function advancingSleep(clock: FakeClock): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms) => {
      waits.push(ms);
      clock.advance(ms);
      return Promise.resolve();
    },
  };
}

/** Periodic work run by hand: `fire(ms)` runs what is registered for that interval, as a timer would. */
export class ManualTicker {
  private readonly tasks = new Set<{ ms: number; fn: () => void }>();

  readonly every: Every = (ms, fn) => {
    const task = { ms, fn };
    this.tasks.add(task);
    return () => this.tasks.delete(task);
  };

  fire(ms: number): void {
    for (const task of [...this.tasks]) if (task.ms === ms) task.fn();
  }

  /** The intervals registered now, sorted. */
  intervals(): number[] {
    return [...this.tasks].map((task) => task.ms).sort((a, b) => a - b);
  }
}
