import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../core/clock';
import { LOCALES, type Locale } from '../core/locale';
import { SIGN_IN_STATE_PREFIX, signInStateKey } from '../core/storageKeys';
import { userKeyOf, type UserKey } from '../core/userKey';
import type { Storage } from '../storage/storage';
import { OneTimeRecords } from './oneTimeRecords';

/** What a sign-in link stands for: who asked, and in which language. */
export interface SignInContext {
  user: UserKey;
  locale: Locale;
}

/** Sign-in links are valid for 10 minutes (the sign-in card says so). */
export const SIGN_IN_STATE_TTL_MS = 10 * 60 * 1000;

/** 256 random bits as base64url: 43 characters. */
const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const Context = z.object({
  user: z.object({ tenantId: z.string(), aadObjectId: z.string() }),
  locale: z.enum(LOCALES),
});

/**
 * Opaque, single-use, expiring sign-in states (the `state` of `/auth/signin?state=…`). Stored under a hash of the
 * state (`signInStateKey`), so the storage never holds a usable state. Single use holds across bot instances
 * that share storage (`OneTimeRecords`).
 */
export class SignInStates {
  private readonly records: OneTimeRecords<SignInContext>;

  constructor(
    storage: Storage,
    clock: Clock,
    private readonly ttlMs: number = SIGN_IN_STATE_TTL_MS,
  ) {
    this.records = new OneTimeRecords(storage, clock, Context);
  }

  /** A new state for `context`, valid for the TTL. */
  async issue(context: SignInContext): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const stored: SignInContext = { user: userKeyOf(context.user), locale: context.locale };
    if (!(await this.records.create(signInStateKey(state), stored, this.ttlMs))) throw new Error('SignInStates: state collision');
    return state;
  }

  /** The context of a valid, unused, unexpired state, without using it up (to show the form); else null. */
  peek(state: string): Promise<SignInContext | null> {
    return STATE_PATTERN.test(state) ? this.records.peek(signInStateKey(state)) : Promise.resolve(null);
  }

  /** The context of a valid state, exactly once: every later or concurrent call gets null. Expired → null. */
  consume(state: string): Promise<SignInContext | null> {
    return STATE_PATTERN.test(state) ? this.records.consume(signInStateKey(state)) : Promise.resolve(null);
  }

  /** Deletes the states that expired unused; returns how many. */
  prune(): Promise<number> {
    return this.records.prune(SIGN_IN_STATE_PREFIX);
  }
}
