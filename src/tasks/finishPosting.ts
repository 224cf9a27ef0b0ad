import type { Logger } from '../core/logger';
import type { ActAsUser, ActingAccount } from '../core/session';
import type { UserKey } from '../core/userKey';
import type { FinishTaskOperation } from '../digioffice/dto';
import { toFinishTaskOperation, type FinishTarget } from '../digioffice/finishOperation';
import { classifyFinishFailure, type FinishFailure } from './finishFailures';
import type { PlannedOperation } from './finishPlan';

/** The part of the DigiOffice client that finishes tasks. */
export interface FinishApi {
  finishTasks(operation: FinishTaskOperation, bearerToken: string): Promise<void>;
}

export interface FinishPostingDeps {
  session: ActAsUser;
  digiOffice: FinishApi;
  target: FinishTarget;
  logger: Logger;
}

/**
 * What became of a POST: taken (`failure` null) or a failure, with the user's name as their sign-in gives it, for the
 * record (null when nothing was posted because the session failed first).
 */
export type Posted = { failure: null; displayName: string | null } | { failure: FinishFailure; displayName: string | null };

/** Posts planned operations to DigiOffice as the user, one call each; nothing is retried here. */
export class FinishPosting {
  constructor(private readonly deps: FinishPostingDeps) {}

  async post(user: UserKey, planned: PlannedOperation): Promise<Posted> {
    const operation = toFinishTaskOperation(planned.command, this.deps.target);
    // What the POST itself threw, to tell it from a failure of the session around it (nothing posted then).
    let postError: unknown = undefined;
    let displayName: string | null = null;
    const postAs = (bearer: string, account: ActingAccount) => {
      displayName = account.displayName;
      return this.deps.digiOffice.finishTasks(operation, bearer).catch((err: unknown) => {
        postError = err;
        throw err;
      });
    };
    try {
      await this.deps.session.callAsUser(user, postAs);
      return { failure: null, displayName };
    } catch (err) {
      const failure = classifyFinishFailure(err, err === postError);
      this.deps.logger.warn({ taskIds: operation.TaskIDs, failure: failure.kind, err: failure.logDetail }, 'finishing tasks failed');
      return { failure, displayName };
    }
  }
}
