import { z } from 'zod';
import type { Clock } from '../core/clock';
import { ETagConflictError, type Storage, type StoreItem } from '../storage/storage';

/**
 * Expiring, single-use records (sign-in states, sign-in codes): created only if absent, read while unexpired,
 * consumed exactly once — also across bot instances sharing storage, because `consume` claims the record with a
 * conditional (eTag) write before deleting it. An expired record is deleted when it is read, and by `prune`.
 */
export class OneTimeRecords<T> {
  private readonly record: z.ZodType<{ payload: T; expiresAt: string; consumedAt: string | null }>;

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    payload: z.ZodType<T>,
  ) {
    this.record = z.object({
      payload,
      expiresAt: z.string(),
      /** Set by the one `consume` that won; the record is deleted right after, this guards the moment in between. */
      consumedAt: z.string().nullable(),
    });
  }

  /** Stores `payload` under `key` for `ttlMs`; false (writing nothing) when the key is taken. */
  create(key: string, payload: T, ttlMs: number): Promise<boolean> {
    const expiresAt = new Date(this.clock.now().getTime() + ttlMs).toISOString();
    return this.storage.create(key, { payload, expiresAt, consumedAt: null });
  }

  /** The payload of a usable record, without using it up; else null. */
  async peek(key: string): Promise<T | null> {
    return (await this.live(key))?.payload ?? null;
  }

  /** The payload of a usable record, exactly once: every later or concurrent call gets null. */
  async consume(key: string): Promise<T | null> {
    const found = await this.live(key);
    if (!found) return null;
    try {
      await this.storage.write({ [key]: { ...found, consumedAt: this.clock.now().toISOString() } });
    } catch (error) {
      if (error instanceof ETagConflictError) return null;
      throw error;
    }
    await this.storage.delete([key]);
    return found.payload;
  }

  /** Deletes the records under `prefix` that expired (or were left consumed by a crash); returns how many. */
  prune(prefix: string): Promise<number> {
    const now = this.clock.now().getTime();
    return pruneWhere(this.storage, prefix, (item) => {
      const parsed = this.record.safeParse(item);
      return !parsed.success || parsed.data.consumedAt !== null || now >= Date.parse(parsed.data.expiresAt);
    });
  }

  /** The stored record of a usable key (with its eTag); an expired one is deleted, an unreadable one is no record. */
  private async live(key: string): Promise<{ payload: T; expiresAt: string; consumedAt: null; eTag: string } | null> {
    const item = (await this.storage.read([key]))[key];
    if (!item) return null;
    const parsed = this.record.safeParse(item);
    if (!parsed.success || parsed.data.consumedAt !== null) return null;
    if (typeof item.eTag !== 'string') throw new Error('OneTimeRecords: the storage returned no eTag');
    if (this.clock.now().getTime() >= Date.parse(parsed.data.expiresAt)) {
      await this.storage.delete([key]);
      return null;
    }
    return { payload: parsed.data.payload, expiresAt: parsed.data.expiresAt, consumedAt: null, eTag: item.eTag };
  }
}

/**
 * Deletes the items under `prefix` that `dead` picks (one listing, one read, one delete); returns how many. The pruning
 * of expiring records here and of attempt slots (attemptSlots.ts).
 */
export async function pruneWhere(storage: Storage, prefix: string, dead: (item: StoreItem) => boolean): Promise<number> {
  const keys = await storage.list(prefix);
  const items = keys.length > 0 ? await storage.read(keys) : {};
  const doomed = Object.entries(items)
    .filter(([, item]) => dead(item))
    .map(([key]) => key);
  if (doomed.length > 0) await storage.delete(doomed);
  return doomed.length;
}
