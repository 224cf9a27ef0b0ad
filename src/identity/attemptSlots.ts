import { z } from 'zod';
import type { Clock } from '../core/clock';
import { SIGN_IN_ATTEMPT_PREFIX, signInAttemptKey, signInAttemptPrefix } from '../core/storageKeys';
import { ETagConflictError, type Storage, type StoreItem } from '../storage/storage';
import { pruneWhere } from './oneTimeRecords';

/** At most this many failed attempts per bucket (a Teams user, a DigiOffice user name) … */
const MAX_FAILED_ATTEMPTS = 5;
/** … within this window. */
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

const Slot = z.object({ takenAt: z.string(), expiresAt: z.string() });
const SLOTS = Array.from({ length: MAX_FAILED_ATTEMPTS }, (_, index) => index);

/** An attempt that holds a slot in each of its buckets until the caller says how it went. */
export interface AttemptTicket {
  /** The attempt does not count (it succeeded, or could not be checked): its slots are free again. */
  release(): Promise<void>;
  /** The attempt failed: its slots stay taken for the window and count against the limit. */
  failed(): void;
}

export type AttemptOutcome = { ok: true; ticket: AttemptTicket } | { ok: false; retryAfterMs: number };

/**
 * Limits guessing, counted in storage before the guess is checked: each bucket has MAX_FAILED_ATTEMPTS slots, and an
 * attempt must take a free one in every bucket it counts against before anything is asked. A slot is taken with
 * create-if-absent, or, once its window has passed, with a conditional (eTag) write; so however many attempts run at
 * once, on however many bot instances, at most MAX_FAILED_ATTEMPTS of a bucket are under way or have failed within
 * ATTEMPT_WINDOW_MS. A failed attempt keeps its slots for the window; a successful one frees them.
 */
export class AttemptSlots {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  /** Takes one slot in every bucket, or none (then says when the first slot of a full bucket frees up). */
  async take(buckets: string[]): Promise<AttemptOutcome> {
    const taken: string[] = [];
    for (const bucket of buckets) {
      const slot = await this.takeOne(bucket);
      if (typeof slot === 'number') {
        await this.free(taken);
        return { ok: false, retryAfterMs: slot };
      }
      taken.push(slot.key);
    }
    return { ok: true, ticket: { release: () => this.free(taken), failed: () => undefined } };
  }

  /** Deletes the slots whose window has passed; returns how many. */
  prune(): Promise<number> {
    const now = this.clock.now().getTime();
    return pruneWhere(this.storage, SIGN_IN_ATTEMPT_PREFIX, (item) => isFree(item, now));
  }

  /**
   * The key of the slot taken, or how long until the earliest slot of the full bucket frees up. Usually the bucket is
   * empty (an attempt that succeeds frees its slots): then the first slot is taken in one call. Else one listing
   * shows the free slots, and one read the expiry of the taken ones when none is free. A round that loses a race
   * (another attempt took the slot first) looks again; each lost race is a slot taken, so after MAX_FAILED_ATTEMPTS
   * of them the bucket is full.
   */
  private async takeOne(bucket: string): Promise<{ key: string } | number> {
    const now = this.clock.now();
    const slot = { takenAt: now.toISOString(), expiresAt: new Date(now.getTime() + ATTEMPT_WINDOW_MS).toISOString() };
    const first = signInAttemptKey(bucket, 0);
    if (await this.storage.create(first, slot)) return { key: first };
    for (let round = 0; round < MAX_FAILED_ATTEMPTS; round++) {
      const taken = new Set(await this.storage.list(signInAttemptPrefix(bucket)));
      const keys = SLOTS.map((index) => signInAttemptKey(bucket, index));
      const free = keys.find((key) => !taken.has(key));
      if (free !== undefined) {
        if (await this.storage.create(free, slot)) return { key: free };
        continue;
      }
      const found = await this.takeExpired(keys, slot, now.getTime());
      if (typeof found !== 'number' || found > 0) return found;
    }
    return ATTEMPT_WINDOW_MS;
  }

  /**
   * Takes over a slot of `keys` (a full bucket's) whose window has passed: its key; else how long until the earliest
   * frees up, or 0 when one was freed or taken meanwhile (look again).
   */
  private async takeExpired(keys: string[], slot: object, now: number): Promise<{ key: string } | number> {
    const items = await this.storage.read(keys);
    let freeAt = Infinity;
    for (const key of keys) {
      const item = items[key];
      if (!item) return 0;
      if (isFree(item, now)) return (await this.takeOver(key, item.eTag, slot)) ? { key } : 0;
      freeAt = Math.min(freeAt, expiryOf(item));
    }
    return Math.max(0, freeAt - now);
  }

  private async takeOver(key: string, eTag: string | undefined, slot: object): Promise<boolean> {
    if (eTag === undefined) return false;
    try {
      await this.storage.write({ [key]: { ...slot, eTag } });
      return true;
    } catch (error) {
      if (error instanceof ETagConflictError) return false;
      throw error;
    }
  }

  private async free(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.storage.delete(keys);
  }
}

/** When the slot frees up; NaN for a slot that is not ours to read. */
function expiryOf(item: StoreItem): number {
  const parsed = Slot.safeParse(item);
  return parsed.success ? Date.parse(parsed.data.expiresAt) : Number.NaN;
}

/** Its window has passed; a slot that is not ours to read never frees up by itself, so it counts as free too. */
function isFree(item: StoreItem, now: number): boolean {
  const expiresAt = expiryOf(item);
  return Number.isNaN(expiresAt) || now >= expiresAt;
}
