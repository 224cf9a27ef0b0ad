import type { CardChannel } from '../core/cardChannel';
import type { Logger } from '../core/logger';
import { acceptedCutoff, type OutboxAdmin } from '../core/outboxAdmin';
import type { ActAsUser, ActingAccount } from '../core/session';
import type { UserKey } from '../core/userKey';
import type { AccountLinking } from '../identity/accountLinking';
import { AppMetrics } from '../metrics/appMetrics';
import { MetricsServer } from '../metrics/metricsServer';
import type { Outbox } from '../notifications/outbox';
import type { OutboxRecord } from '../notifications/outboxStore';
import type { TaskFinisher } from '../tasks/finishTasks';
import { AuditLog, observedFinisher, observedLinking, type LinkedAccountLookup } from './audit';
import { Correlation } from './correlation';
import { decorate } from './decorate';
import { observedFetch } from './digiOfficeFetch';
import { meteredChannel } from './meteredChannel';

/** Anything that runs a request per call, such as the Teams bot (`run(context)` with the activity). */
interface Runner<C> {
  run(context: C): Promise<void>;
}

/**
 * Metrics, audit and correlation for one app, put around the app's parts in the composition root (app.ts) as
 * decorators, so the parts themselves know nothing of them (docs/admin-guide.md, "Watching it").
 */
export class Observability {
  readonly correlation = new Correlation();
  readonly metrics: AppMetrics;
  /** The app's logger: every line written within a request carries its correlation id. */
  readonly logger: Logger;
  readonly audit: AuditLog;
  private metricsServer: MetricsServer | null = null;

  constructor(deps: { logger: Logger; outbox: OutboxAdmin; pendingReportAgeMs: number; clock: { now(): Date } }) {
    this.logger = this.correlation.logger(deps.logger);
    this.audit = new AuditLog(this.logger);
    this.metrics = new AppMetrics({
      outboxCounts: () => deps.outbox.counts(acceptedCutoff(deps.clock.now(), deps.pendingReportAgeMs)),
      onCountFailure: (err) => this.logger.warn({ err }, 'metrics: the outbox could not be counted'),
    });
  }

  /** The fetch of the DigiOffice client: latency and errors per operation, the status for the audit. */
  digiOfficeFetch(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
    return observedFetch(fetch, { observer: this.metrics, correlation: this.correlation });
  }

  /** Calls as the user: the account each used is noted in the request's scope, for the audit (no second read). */
  actingUser(session: ActAsUser): ActAsUser {
    return decorate(session, {
      callAsUser: <T>(user: UserKey, call: (bearerToken: string, account: ActingAccount) => Promise<T>) =>
        session.callAsUser(user, (bearerToken, account) => {
          const scope = this.correlation.current();
          if (scope) scope.digiOfficeUserId = account.digiOfficeUserId;
          return call(bearerToken, account);
        }),
    });
  }

  /** The channel to Teams, below the rate limiter: every send and 429 counted. */
  teamsChannel(channel: CardChannel): CardChannel {
    return meteredChannel(channel, this.metrics);
  }

  /** The outbox as the webhook sees it: every answer counted by status. */
  countAccepted(outbox: Outbox): Outbox {
    return decorate(outbox, {
      accept: async (notifications) => {
        const results = await outbox.accept(notifications);
        for (const result of results) this.metrics.notificationAccepted(result.status);
        return results;
      },
    });
  }

  /** Told every outcome the outbox records. */
  readonly outboxOutcome = (record: OutboxRecord): void => {
    this.metrics.outboxOutcome(record.status, record.lastError?.failure ?? null);
  };

  finisher(finisher: TaskFinisher, account: LinkedAccountLookup): TaskFinisher {
    return observedFinisher(finisher, { audit: this.audit, correlation: this.correlation, observer: this.metrics, account });
  }

  linking(linking: AccountLinking, account: LinkedAccountLookup): AccountLinking {
    return observedLinking(linking, { audit: this.audit, correlation: this.correlation, observer: this.metrics, account });
  }

  /** Each Teams activity is one request, correlated by the activity's id. */
  activities<C extends { activity: { id?: string } }, T extends Runner<C>>(bot: T): T {
    const run = (context: C) => this.correlation.run(context.activity.id, () => bot.run(context));
    return decorate(bot, { run } as Partial<T>);
  }

  /** Each call is one request with an id of its own (the sign-in form, which carries no activity). */
  requests<A extends unknown[], R>(call: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => this.correlation.run(null, () => call(...args));
  }

  /** `METRICS_PORT`: `/metrics` without a key on a port of its own. Resolves to its base URL. */
  async serveMetrics(port: number, host: string): Promise<string> {
    this.metricsServer = new MetricsServer(this.metrics, (err) => this.logger.error({ err }, 'metrics could not be collected'));
    return this.metricsServer.listen(port, host);
  }

  async close(): Promise<void> {
    await this.metricsServer?.close();
    this.metricsServer = null;
  }
}
