import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { OUTBOX_STATES, type OutboxCounts, type OutboxState } from '../core/outboxAdmin';

/** What the webhook answered per notification. */
export type AcceptedStatus = 'queued' | 'pending' | 'duplicate';
/** The sign-in page's exchange with DigiOffice; `signedIn`: DigiOffice accepted, the page shows the one-time code. */
export type SignInResultKind = 'signedIn' | 'rejected' | 'expired' | 'limited' | 'unavailable';
/** A one-time sign-in code brought back (typed, or passed by Teams): `linked` is an account linked. */
export type SignInCodeResultKind = 'linked' | 'wrong' | 'limited';
/** A DigiOffice call that failed: no answer in time, no answer at all, or an HTTP status class (`4xx`, `5xx`). */
export type DigiOfficeErrorKind = 'timeout' | 'network' | `${number}xx`;

export interface AppMetricsOptions {
  /** The outbox's items per state, read on every scrape. */
  outboxCounts(): Promise<OutboxCounts>;
  /** A scrape could not count the outbox (the gauges keep their last values). */
  onCountFailure(err: unknown): void;
}

const ACCEPTED: AcceptedStatus[] = ['queued', 'pending', 'duplicate'];
const SIGN_IN_RESULTS: SignInResultKind[] = ['signedIn', 'rejected', 'expired', 'limited', 'unavailable'];
const SIGN_IN_CODE_RESULTS: SignInCodeResultKind[] = ['linked', 'wrong', 'limited'];
/** DigiOffice answers in well under a second when healthy; the client gives up after DIGIOFFICE_TIMEOUT_MS (8 s by default). */
const LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30];

/**
 * The bot's Prometheus metrics (docs/admin-guide.md, "Watching it"), in a registry of their own per app, so several
 * apps in one process (tests) never share a counter. Named and labelled here only; the decorators in `ops/` record.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly accepted = this.counter('notifications_accepted_total', 'Notifications answered 202, by status.', ['status']);
  private readonly delivered = this.counter('notifications_delivered_total', 'Notifications delivered to Teams.', []);
  private readonly failed = this.counter('notifications_failed_total', 'Notifications given up for good, by the last failure.', ['reason']);
  private readonly retried = this.counter('notification_retries_total', 'Delivery attempts that failed and were scheduled again.', [
    'reason',
  ]);
  private readonly finishes = this.counter('finish_requests_total', 'Finish and defer requests (card clicks, chat), by outcome.', [
    'action',
    'outcome',
  ]);
  private readonly digiOfficeSeconds = new Histogram({
    name: 'digioffice_request_duration_seconds',
    help: 'DigiOffice requests until the answer arrived (or failed), by operation.',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly digiOfficeErrors = this.counter('digioffice_request_errors_total', 'DigiOffice requests that failed, by kind.', [
    'operation',
    'kind',
  ]);
  private readonly teams = this.counter('teams_requests_total', 'Cards and messages sent or updated in Teams, by outcome.', [
    'operation',
    'outcome',
  ]);
  private readonly signIns = this.counter('signins_total', 'DigiOffice sign-ins through the sign-in page, by result.', ['result']);
  private readonly signInCodes = this.counter('signin_codes_total', 'One-time sign-in codes brought back, by result.', ['result']);
  private readonly signOuts = this.counter('signouts_total', 'Sign-outs (the linked DigiOffice account removed).', []);
  private countsInFlight: Promise<OutboxCounts | null> | null = null;

  constructor(private readonly options: AppMetricsOptions) {
    collectDefaultMetrics({ register: this.registry });
    for (const status of ACCEPTED) this.accepted.inc({ status }, 0);
    for (const result of SIGN_IN_RESULTS) this.signIns.inc({ result }, 0);
    for (const result of SIGN_IN_CODE_RESULTS) this.signInCodes.inc({ result }, 0);
    this.delivered.inc(0);
    this.signOuts.inc(0);
    this.outboxGauges();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  notificationAccepted(status: AcceptedStatus): void {
    this.accepted.inc({ status });
  }

  /** An outcome the outbox recorded: delivered, retried, or failed for good (`reason`: the last failure). */
  outboxOutcome(status: OutboxState, reason: string | null): void {
    if (status === 'delivered') this.delivered.inc();
    else if (status === 'failed') this.failed.inc({ reason: reason ?? 'unknown' });
    else if (status === 'queued' && reason !== null) this.retried.inc({ reason });
  }

  finishRequest(action: 'finish' | 'defer', outcome: string): void {
    this.finishes.inc({ action, outcome });
  }

  digiOfficeRequest(operation: string, seconds: number, error: DigiOfficeErrorKind | null): void {
    this.digiOfficeSeconds.observe({ operation }, seconds);
    if (error !== null) this.digiOfficeErrors.inc({ operation, kind: error });
  }

  /** `outcome`: `ok`, or why the call failed (`throttled` for 429 and 412, `transient`, `blocked`, …). */
  teamsRequest(operation: string, outcome: string): void {
    this.teams.inc({ operation, outcome });
  }

  signIn(result: SignInResultKind): void {
    this.signIns.inc({ result });
  }

  signInCode(result: SignInCodeResultKind): void {
    this.signInCodes.inc({ result });
  }

  signOut(): void {
    this.signOuts.inc();
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** Both gauges come from one count per scrape. */
  private outboxGauges(): void {
    const counts = () => (this.countsInFlight ??= this.countOutbox().finally(() => (this.countsInFlight = null)));
    new Gauge({
      name: 'outbox_items',
      help: 'Notifications in the outbox, by state (delivered ones are kept a day, failed ones 7 days).',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const found = await counts();
        if (found) for (const state of OUTBOX_STATES) this.set({ state }, found[state]);
      },
    });
    new Gauge({
      name: 'outbox_pending_over_age',
      help: 'Pending notifications (the recipient has not installed the bot) older than OUTBOX_PENDING_REPORT_AGE.',
      registers: [this.registry],
      async collect() {
        const found = await counts();
        if (found) this.set(found.pendingOverAge);
      },
    });
  }

  private async countOutbox(): Promise<OutboxCounts | null> {
    try {
      return await this.options.outboxCounts();
    } catch (err) {
      this.options.onCountFailure(err);
      return null;
    }
  }
}
