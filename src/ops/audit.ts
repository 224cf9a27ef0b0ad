import type { Logger } from '../core/logger';
import type { TaskSnapshot } from '../core/task';
import { userKeyOf, type UserKey } from '../core/userKey';
import type { AccountLinking, SignInLink } from '../identity/accountLinking';
import type { SignInCodeResultKind, SignInResultKind } from '../metrics/appMetrics';
import type { FinishOutcome, FinishRequest, TaskFinisher } from '../tasks/finishTasks';
import type { Correlation } from './correlation';
import { decorate } from './decorate';

/**
 * One `audit` log line per action taken in a user's name (docs/admin-guide.md, "Watching it"): who (Teams tenant and
 * AAD object id, the DigiOffice user id when known), what (task ids, transition), how it ended, DigiOffice's status and
 * the request's correlation id. Built field by field, so nothing a user typed (comments, reasons, user names) and no
 * secret can reach it.
 */
export type AuditEntry =
  | (AuditCommon & { audit: 'finish' | 'defer'; taskIds: number[]; transition: { id: string | null; name: string | null } | null })
  | (AuditCommon & { audit: 'signIn' | 'link' | 'signOut' })
  | { audit: 'outboxRequeue' | 'outboxDrop'; adminKey: string; itemId: string; result: string; correlationId: string };

interface AuditCommon {
  correlationId: string;
  user: UserKey | null;
  digiOfficeUserId: string | null;
  result: string;
  digiOfficeStatus: number | null;
}

export class AuditLog {
  constructor(private readonly logger: Logger) {}

  write(entry: AuditEntry): void {
    this.logger.info(entry, `audit: ${entry.audit}`);
  }
}

/** The DigiOffice user id of a linked Teams user (nothing else of the account), or null when none is linked. */
export type LinkedAccountLookup = (user: UserKey) => Promise<{ digiOfficeUserId: string | null } | null>;

export interface ActionObserver {
  finishRequest(action: 'finish' | 'defer', outcome: string): void;
  signIn(result: SignInResultKind): void;
  signInCode(result: SignInCodeResultKind): void;
  signOut(): void;
}

interface ObserverDeps {
  audit: AuditLog;
  correlation: Correlation;
  observer: ActionObserver;
  account: LinkedAccountLookup;
}

/** Every finish and defer, from a card or a chat command: counted by outcome and audited. */
export function observedFinisher(finisher: TaskFinisher, deps: ObserverDeps): TaskFinisher {
  return decorate(finisher, {
    finish: async (request: FinishRequest): Promise<FinishOutcome> => {
      const run = await deps.correlation.within(() => finisher.finish(request));
      // The account the POST was made with; looked up only when the finish called DigiOffice as nobody.
      const acted = run.scope.digiOfficeUserId;
      const account = acted !== undefined ? { digiOfficeUserId: acted } : await lookUp(deps.account, request.user);
      const action = request.verb === 'task.defer' ? 'defer' : 'finish';
      const result = 'result' in run ? run.result.kind : 'error';
      deps.observer.finishRequest(action, result);
      deps.audit.write({
        audit: action,
        correlationId: run.scope.correlationId,
        user: userKeyOf(request.user),
        digiOfficeUserId: account?.digiOfficeUserId ?? null,
        taskIds: request.taskIds,
        transition: 'result' in run ? transitionOf(request, run.result) : null,
        result,
        digiOfficeStatus: run.scope.digiOfficeStatus,
      });
      if ('error' in run) throw run.error;
      return run.result;
    },
  });
}

/**
 * Sign-in (the sign-in page's exchange with DigiOffice), the link (the page's one-time code brought back by the Teams
 * user) and sign-out: counted and audited. A sign-in is audited for the Teams user its link was issued to, so a
 * rejected password is too; a link names the DigiOffice user of the account it linked. Neither reads anything more.
 */
export function observedLinking(linking: AccountLinking, deps: ObserverDeps): AccountLinking {
  return decorate(linking, {
    complete: async (link: SignInLink, userName: string, password: string) => {
      const run = await deps.correlation.within(() => linking.complete(link, userName, password));
      const outcome = 'result' in run ? run.result : null;
      const accepted = outcome?.kind === 'code' ? outcome : null;
      const result: SignInResultKind = !outcome ? 'unavailable' : outcome.kind === 'code' ? 'signedIn' : outcome.kind;
      deps.observer.signIn(result);
      deps.audit.write({
        audit: 'signIn',
        correlationId: run.scope.correlationId,
        user: userKeyOf(accepted ? accepted.user : link.user),
        digiOfficeUserId: accepted?.digiOfficeUserId ?? null,
        result,
        digiOfficeStatus: run.scope.digiOfficeStatus,
      });
      if ('error' in run) throw run.error;
      return run.result;
    },
    redeem: async (user: UserKey, code: string) => {
      const run = await deps.correlation.within(() => linking.redeem(user, code));
      if ('result' in run) deps.observer.signInCode(run.result.kind);
      const linked = 'result' in run && run.result.kind === 'linked' ? run.result : null;
      deps.audit.write({
        audit: 'link',
        correlationId: run.scope.correlationId,
        user: userKeyOf(user),
        digiOfficeUserId: linked?.digiOfficeUserId ?? null,
        result: 'result' in run ? run.result.kind : 'error',
        digiOfficeStatus: run.scope.digiOfficeStatus,
      });
      if ('error' in run) throw run.error;
      return run.result;
    },
    signOut: async (user: UserKey) => {
      const account = await lookUp(deps.account, user);
      const run = await deps.correlation.within(() => linking.signOut(user));
      if ('result' in run) deps.observer.signOut();
      deps.audit.write({
        audit: 'signOut',
        correlationId: run.scope.correlationId,
        user: userKeyOf(user),
        digiOfficeUserId: account?.digiOfficeUserId ?? null,
        result: 'error' in run ? 'error' : account ? 'signedOut' : 'notLinked',
        digiOfficeStatus: run.scope.digiOfficeStatus,
      });
      if ('error' in run) throw run.error;
    },
  });
}

/** The transition the request chose, as stored with the task (id and name), or null for a deferral. */
function transitionOf(request: FinishRequest, outcome: FinishOutcome): { id: string | null; name: string | null } | null {
  const chosen = request.transition;
  if (request.verb === 'task.defer' || chosen === null) return null;
  const snapshots: TaskSnapshot[] = 'snapshots' in outcome ? outcome.snapshots : [];
  const offered = snapshots.flatMap((s) => s.transitions);
  const found =
    'id' in chosen
      ? offered.find((t) => t.ID.toLowerCase() === chosen.id.toLowerCase())
      : offered.find((t) => t.Name.toLowerCase() === chosen.name.toLowerCase());
  return { id: found?.ID ?? ('id' in chosen ? chosen.id : null), name: found?.Name ?? null };
}

/** The audit never stops an action: an account that cannot be read is an unknown DigiOffice user id. */
async function lookUp(account: LinkedAccountLookup, user: UserKey): Promise<{ digiOfficeUserId: string | null } | null> {
  return account(user).catch(() => null);
}
