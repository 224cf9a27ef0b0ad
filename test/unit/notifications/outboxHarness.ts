import { recipientKeys } from '../../../src/core/userKey';
import { silentLogger } from '../../../src/logger';
import { Outbox, type NotificationHandler, type OutboxOptions } from '../../../src/notifications/outbox';
import type { TaskNotification } from '../../../src/notifications/schema';
import type { Storage } from '../../../src/storage/storage';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { FakeClock, ManualTicker, advancingSleep } from './fixtures';

export type Outcome = 'delivered' | 'pending' | Error | Promise<'delivered' | 'pending'>;

/** `task.assigned#42@upn:jan@contoso.nl` */
export function labelOf(n: TaskNotification): string {
  return `${n.event}#${n.task.ID}@${recipientKeys(n.recipient)[0] ?? ''}`;
}

/**
 * A NotificationHandler whose answers are scripted per notification label (default: delivered). Records what it was
 * asked, in order, with the fake time.
 */
export class ScriptedHandler implements NotificationHandler {
  readonly handled: Array<{ label: string; at: number }> = [];
  private readonly scripts = new Map<string, Outcome[]>();

  /** `journal`: a log shared by several handlers, as `{name}:{label}` (which instance handled what, in what order). */
  constructor(
    private readonly clock: FakeClock,
    private readonly journal?: { name: string; entries: string[] },
  ) {}

  script(label: string, ...outcomes: Outcome[]): void {
    this.scripts.set(label, [...(this.scripts.get(label) ?? []), ...outcomes]);
  }

  labels(): string[] {
    return this.handled.map((h) => h.label);
  }

  handle(n: TaskNotification): Promise<'delivered' | 'pending'> {
    const label = labelOf(n);
    this.handled.push({ label, at: this.clock.now().getTime() });
    this.journal?.entries.push(`${this.journal.name}:${label}`);
    const outcome = this.scripts.get(label)?.shift() ?? 'delivered';
    if (outcome instanceof Error) return Promise.reject(outcome);
    return Promise.resolve(outcome);
  }
}

export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Recipient keys of the users who "installed" the bot. */
export class Installations {
  readonly keys = new Set<string>();
  install(...keys: string[]): void {
    for (const key of keys) this.keys.add(key);
  }
  readonly isInstalled = (recipient: TaskNotification['recipient']): Promise<boolean> =>
    Promise.resolve(recipientKeys(recipient).some((key) => this.keys.has(key)));
}

const started: Outbox[] = [];

/**
 * Everything an outbox test needs; `sleep` advances the clock and records each wait, and periodic work (rescans,
 * lease renewals, pruning) runs only when the test fires `ticker`.
 */
export function outboxHarness(
  options: Partial<OutboxOptions> & { storage?: Storage; clock?: FakeClock; journal?: { name: string; entries: string[] } } = {},
) {
  const { journal, ...outboxOptions } = options;
  const storage = (options.storage ?? new MemoryStorage()) as MemoryStorage;
  const clock = options.clock ?? new FakeClock();
  const { sleep, waits } = advancingSleep(clock);
  const handler = new ScriptedHandler(clock, journal);
  const installations = new Installations();
  const ticker = new ManualTicker();
  const outbox = new Outbox({
    storage,
    handler,
    isInstalled: installations.isInstalled,
    clock,
    logger: silentLogger,
    sleep,
    random: () => 0.5,
    every: ticker.every,
    ...outboxOptions,
  });
  started.push(outbox);
  return { storage, clock, handler, installations, outbox, waits, ticker };
}

/** Stops every outbox a test made, so no work or timer outlives it. */
export async function stopAll(): Promise<void> {
  await Promise.all(started.splice(0).map((outbox) => outbox.stop()));
}

/** The stored outbox records, without their random ids, in acceptance order. */
export function storedRecords(storage: MemoryStorage): Array<Record<string, unknown>> {
  return Object.values(storage.snapshot('outbox/'))
    .map((r) => r as Record<string, unknown>)
    .sort((a, b) => (a.order as number) - (b.order as number));
}
