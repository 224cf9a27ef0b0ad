import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../core/logger';

/** What one request (a Teams activity, a sign-in form post) has in common across the modules it passes through. */
export interface RequestScope {
  /** The activity id Teams sent, or one the bot made up. */
  correlationId: string;
  /** The status of the last DigiOffice answer within the scope, or null when there was none. */
  digiOfficeStatus: number | null;
  /** The DigiOffice user id of the account a call as the user used within the scope (absent: there was none). */
  digiOfficeUserId?: string | null;
}

/**
 * The request a piece of work belongs to, carried along async calls (AsyncLocalStorage), one per app. Every log line
 * written inside a scope carries its `correlationId` (`logger`), so an audit entry leads to the other lines of its
 * request.
 */
export class Correlation {
  private readonly storage = new AsyncLocalStorage<RequestScope>();

  /** Runs `work` in a new scope named `correlationId` (a new id when there is none). */
  run<T>(correlationId: string | null | undefined, work: () => T): T {
    const id = correlationId?.trim() ? correlationId.trim().slice(0, 200) : randomUUID();
    return this.storage.run({ correlationId: id, digiOfficeStatus: null }, work);
  }

  /** Runs `work` in a scope of its own within the current request: same id, its own DigiOffice status. */
  async within<T>(work: () => Promise<T>): Promise<{ result: T; scope: RequestScope } | { error: unknown; scope: RequestScope }> {
    const scope: RequestScope = { correlationId: this.current()?.correlationId ?? randomUUID(), digiOfficeStatus: null };
    try {
      return { result: await this.storage.run(scope, work), scope };
    } catch (error) {
      return { error, scope };
    }
  }

  current(): RequestScope | undefined {
    return this.storage.getStore();
  }

  /** A logger whose lines carry the current scope's `correlationId`. */
  logger(base: Logger): Logger {
    const withId = (obj: object): object => {
      const scope = this.storage.getStore();
      return scope ? { correlationId: scope.correlationId, ...obj } : obj;
    };
    return {
      debug: (obj, msg) => base.debug(withId(obj), msg),
      info: (obj, msg) => base.info(withId(obj), msg),
      warn: (obj, msg) => base.warn(withId(obj), msg),
      error: (obj, msg) => base.error(withId(obj), msg),
      child: (bindings) => this.logger(base.child(bindings)),
    };
  }
}
