import { z } from 'zod';
import type { Clock } from '../core/clock';
import { SIGN_IN_ATTEMPT_PREFIX, signInAttemptKey } from '../core/storageKeys';
import { ETagConflictError, type Storage } from '../storage/storage';

/** At most this many failed attempts per bucket (a Teams user, a DigiOffice user name) … */
export const MAX_FAILED_ATTEMPTS = 5;
/** … within this window. */
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

const Slot = z.object({ takenAt: z.string(), expiresAt: z.string() });

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
  async prune(): Promise<number> {
    const keys = await this.storage.list(SIGN_IN_ATTEMPT_PREFIX);
    const items = keys.length > 0 ? await this.storage.read(keys) : {};
    const now = this.clock.now().getTime();
    const expired = Object.entries(items)
      .filter(([, item]) => {
        const slot = Slot.safeParse(item);
        return !slot.success || now >= Date.parse(slot.data.expiresAt);
      })
      .map(([key]) => key);
    if (expired.length > 0) await this.storage.delete(expired);
    return expired.length;
  }

  /** The key of the slot taken, or how long until the earliest slot of the full bucket frees up. */
  private async takeOne(bucket: string): Promise<{ key: string } | number> {
    const now = this.clock.now();
    const slot = { takenAt: now.toISOString(), expiresAt: new Date(now.getTime() + ATTEMPT_WINDOW_MS).toISOString() };
    let freeAt = now.getTime() + ATTEMPT_WINDOW_MS;
    for (let index = 0; index < MAX_FAILED_ATTEMPTS; index++) {
      const key = signInAttemptKey(bucket, index);
      if (await this.storage.create(key, slot)) return { key };
      const existing = (await this.storage.read([key]))[key];
      const parsed = Slot.safeParse(existing);
      // A slot that is not ours to read never frees up by itself: it is taken over like an expired one.
      const expiresAt = parsed.success ? Date.parse(parsed.data.expiresAt) : Number.NaN;
      if (!existing || !(now.getTime() >= expiresAt || Number.isNaN(expiresAt))) {
        if (existing) freeAt = Math.min(freeAt, expiresAt);
        continue;
      }
      if (await this.takeOver(key, existing.eTag, slot)) return { key };
    }
    return Math.max(0, freeAt - now.getTime());
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
