import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../core/clock';
import { LOCALES, type Locale } from '../core/locale';
import { signInStateKey } from '../core/storageKeys';
import type { UserKey } from '../core/userKey';
import { ETagConflictError, type Storage } from '../storage/storage';

/** What a sign-in link stands for: who asked, and in which language. */
export interface SignInContext {
  user: UserKey;
  locale: Locale;
}

/** Sign-in links are valid for 10 minutes (the sign-in card says so). */
export const SIGN_IN_STATE_TTL_MS = 10 * 60 * 1000;

/** 256 random bits as base64url: 43 characters. */
const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const StateRecord = z.object({
  context: z.object({
    user: z.object({ tenantId: z.string(), aadObjectId: z.string() }),
    locale: z.enum(LOCALES),
  }),
  expiresAt: z.string(),
  /** Set by the one `consume` that won; the record is deleted right after, this guards the moment in between. */
  consumedAt: z.string().nullable(),
});
type StateRecord = z.infer<typeof StateRecord>;

/**
 * Opaque, single-use, expiring sign-in states (the `state` of `/auth/signin?state=…`). Stored under a hash of the
 * state (`signInStateKey`), so the storage never holds a usable state. Single use holds across bot instances
 * that share storage: `consume` claims the record with a conditional (eTag) write.
 */
export class SignInStates {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly ttlMs: number = SIGN_IN_STATE_TTL_MS,
  ) {}

  /** A new state for `context`, valid for the TTL. */
  async issue(context: SignInContext): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const record: StateRecord = {
      context: {
        user: { tenantId: context.user.tenantId, aadObjectId: context.user.aadObjectId },
        locale: context.locale,
      },
      expiresAt: new Date(this.clock.now().getTime() + this.ttlMs).toISOString(),
      consumedAt: null,
    };
    if (!(await this.storage.create(signInStateKey(state), record))) throw new Error('SignInStates: state collision');
    return state;
  }

  /** The context of a valid, unused, unexpired state, without using it up (to show the form); else null. */
  async peek(state: string): Promise<SignInContext | null> {
    return (await this.live(state))?.record.context ?? null;
  }

  /** The context of a valid state, exactly once: every later or concurrent call gets null. Expired → null. */
  async consume(state: string): Promise<SignInContext | null> {
    const found = await this.live(state);
    if (!found) return null;
    const { key, record, eTag } = found;
    try {
      await this.storage.write({ [key]: { ...record, consumedAt: this.clock.now().toISOString(), eTag } });
    } catch (error) {
      if (error instanceof ETagConflictError) return null;
      throw error;
    }
    await this.storage.delete([key]);
    return record.context;
  }

  /** The stored record of a usable state (with its eTag), deleting it when it has expired. */
  private async live(state: string): Promise<{ key: string; record: StateRecord; eTag: string } | null> {
    if (!STATE_PATTERN.test(state)) return null;
    const key = signInStateKey(state);
    const item = (await this.storage.read([key]))[key];
    if (!item) return null;
    const record = StateRecord.parse(item);
    if (typeof item.eTag !== 'string') throw new Error('SignInStates: the storage returned no eTag');
    if (record.consumedAt !== null) return null;
    if (this.clock.now().getTime() >= Date.parse(record.expiresAt)) {
      await this.storage.delete([key]);
      return null;
    }
    return { key, record, eTag: item.eTag };
  }
}
