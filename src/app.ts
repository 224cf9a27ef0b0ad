import { createAdapter } from './bot/adapter';
import { AssigneeSearch } from './bot/assigneeSearch';
import { BackgroundWork } from './bot/backgroundWork';
import { CardActions } from './bot/cardActions';
import { CardSignIn } from './bot/cardSignIn';
import { BotCardChannel } from './bot/cardChannel';
import { ChatTurns } from './bot/chatTurns';
import { InstallationCapture } from './bot/installationCapture';
import { TaskBot } from './bot/taskBot';
import { bindCardViews } from './cards/cardViews';
import { bindChatViews } from './cards/chatViews';
import type { Config } from './config';
import { systemClock, type Clock } from './core/clock';
import { realEvery } from './core/every';
import { READINESS_PROBE_KEY } from './core/storageKeys';
import type { Logger } from './core/logger';
import type { UserKey } from './core/userKey';
import { DigiOfficeClient } from './digioffice/client';
import { assigneeValue } from './digioffice/client';
import { DigiOfficeHttpError } from './digioffice/errors';
import { AccountLinking } from './identity/accountLinking';
import { AttemptSlots } from './identity/attemptSlots';
import { SignInCodes } from './identity/signInCodes';
import { SignInFlow } from './identity/signInFlow';
import { SignInPruning } from './identity/signInPruning';
import { SignInStates } from './identity/signInStates';
import { TokenCipher } from './identity/tokenCipher';
import { TokenStore } from './identity/tokenStore';
import { UserSession } from './identity/userSession';
import { Outbox } from './notifications/outbox';
import { StoredOutboxAdmin } from './notifications/outboxAdmin';
import { ThrottledCardChannel } from './notifications/throttledChannel';
import { NotificationWebhook } from './notifications/webhook';
import { AdminApi } from './ops/adminApi';
import { decorate } from './ops/decorate';
import { Observability } from './ops/observability';
import { PendingReport } from './ops/pendingReport';
import { eventLoopBusyShare, exposedCollect, QuietHeapTrim, unrefSleep } from './ops/quietHeapTrim';
import { createServer, type HttpServer } from './server';
import { createStorage } from './storage/createStorage';
import type { Storage } from './storage/storage';
import { ChatCommands } from './tasks/chatCommands';
import { TaskDelivery } from './tasks/deliverTask';
import { ClosedTaskPruning } from './tasks/closedTaskPruning';
import { FinishLocks } from './tasks/finishLocks';
import { TaskFinisher } from './tasks/finishTasks';
import { InstallationStore } from './tasks/installations';
import { TaskStore } from './tasks/taskStore';

export interface AppOverrides {
  fetch?: typeof fetch;
  clock?: Clock;
  storage?: Storage;
  /** Wraps the storage the app uses, e.g. to count its calls (`npm run bench`). */
  wrapStorage?: (storage: Storage) => Storage;
  /** Paces Teams traffic this many times faster (`npm run bench`, against a connector that enforces scaled limits). */
  rateLimitTimeScale?: number;
}

export interface App {
  server: HttpServer;
  /** Starts the outbox and listens; resolves to the base URL. */
  start(): Promise<string>;
  /** Stops listening, finishes in-flight work and stops the outbox. */
  close(): Promise<void>;
  /** Resolves when queued notifications and background card work are done (tests). */
  idle(): Promise<void>;
}

/** The composition root: every dependency is built here, from the parsed config, and nowhere else. */
export function createApp(config: Config, baseLogger: Logger, overrides: AppOverrides = {}): App {
  const clock = overrides.clock ?? systemClock;
  const { storage: opened, closeStorage } = openStorage(config, overrides.storage);
  const storage = overrides.wrapStorage ? overrides.wrapStorage(opened) : opened;
  // Metrics, audit and correlation ids (src/ops/) are decorators around the parts built below.
  const outboxAdmin = new StoredOutboxAdmin({ storage, clock, changed: (id): Promise<void> => outbox.refresh(id) });
  const ops = new Observability({ logger: baseLogger, outbox: outboxAdmin, pendingReportAgeMs: config.outboxPendingReportAgeMs, clock });
  const logger = ops.logger;
  const digiOffice = new DigiOfficeClient({
    baseUrl: config.digiOffice.baseUrl,
    timeoutMs: config.digiOffice.timeoutMs,
    fetch: ops.digiOfficeFetch(overrides.fetch ?? globalThis.fetch),
  });
  const isUnauthorized = (err: unknown) => err instanceof DigiOfficeHttpError && err.status === 401;

  const cipher = new TokenCipher(config.tokenEncryptionKey, config.previousTokenEncryptionKey);
  const tokens = new TokenStore(storage, cipher, clock, logger);
  const session = new UserSession({
    tokens,
    auth: digiOffice,
    isUnauthorized,
    isRefreshRejected: (err) => err instanceof DigiOfficeHttpError && err.status >= 400 && err.status < 500,
  });
  const signInStates = new SignInStates(storage, clock);
  const signInCodes = new SignInCodes(storage, clock, cipher);
  const signInAttempts = new AttemptSlots(storage, clock);
  const linkedAccount = async (user: UserKey) => {
    const account = await tokens.load(user);
    return account ? { digiOfficeUserId: account.digiOfficeUserId } : null;
  };
  const accountLinking = new AccountLinking({
    states: signInStates,
    codes: signInCodes,
    attempts: signInAttempts,
    tokens,
    auth: digiOffice,
    publicUrl: config.publicUrl,
    clock,
    isInvalidCredentials: isUnauthorized,
  });
  const linking = ops.linking(accountLinking, linkedAccount);
  const actAsUser = ops.actingUser({ callAsUser: session.callAsUser.bind(session) });

  const adapter = createAdapter(config.bot, logger, config.defaultLocale);
  const background = new BackgroundWork(logger);
  const teams = new BotCardChannel(adapter, config.bot?.appId ?? '');
  const channel = new ThrottledCardChannel(ops.teamsChannel(teams), {
    clock,
    logger,
    ...(overrides.rateLimitTimeScale ? { timeScale: overrides.rateLimitTimeScale } : {}),
  });
  const views = bindCardViews({ digiOfficeZone: config.digiOffice.timezone, webBaseUrl: config.digiOffice.webUrl, clock });
  const installations = new InstallationStore(storage);
  const tasks = new TaskStore(storage);
  const delivery = new TaskDelivery({ installations, tasks, channel, views, clock, digiOfficeZone: config.digiOffice.timezone, logger });
  const outbox = new Outbox({
    storage,
    handler: delivery,
    isInstalled: (r) => installations.isInstalled(r),
    clock,
    logger,
    // The embedded store admits one process at a time: its outbox knows every item and takes no leases, so a
    // restarted bot resumes at once the deliveries it had claimed before it died. On Azure instances coordinate.
    sole: config.storage.kind === 'sqlite',
    onOutcome: ops.outboxOutcome,
  });
  const pendingReport = new PendingReport({
    outbox: outboxAdmin,
    ageMs: config.outboxPendingReportAgeMs,
    clock,
    every: realEvery,
    logger,
  });
  const taskFinisher = new TaskFinisher({
    tasks,
    locks: new FinishLocks(storage, clock),
    session: actAsUser,
    digiOffice,
    clock,
    digiOfficeZone: config.digiOffice.timezone,
    wsVerbindingId: config.digiOffice.wsVerbindingId,
    logger,
  });
  const finisher = ops.finisher(taskFinisher, linkedAccount);
  const heapTrim = new QuietHeapTrim({
    collect: exposedCollect(),
    rss: () => process.memoryUsage.rss(),
    busyShare: eventLoopBusyShare(),
    every: realEvery,
    sleep: unrefSleep,
    logger,
  });
  const pruning = new ClosedTaskPruning({ tasks, clock, every: realEvery, logger });
  const signInPruning = new SignInPruning({
    parts: { states: signInStates, codes: signInCodes, attempts: signInAttempts },
    every: realEvery,
    logger,
  });
  const refreshCards = delivery.refreshCards.bind(delivery);
  const assigneeDirectory = {
    searchAssignees: async (transitionId: string, query: string, bearer: string, pageSize: number) => {
      const response = await digiOffice.searchAssignees(transitionId, query, bearer, pageSize);
      return (response.UsersOrGroups ?? []).map((entry) => ({ title: entry.Title, value: assigneeValue(entry) }));
    },
  };

  const taskBot = new TaskBot({
    capture: new InstallationCapture({
      installations,
      clock,
      logger,
      onInstalled: async (installation) => {
        await outbox.releasePending(installation);
      },
    }),
    cardActions: new CardActions({
      tasks,
      finisher,
      views,
      channel,
      background,
      logger,
      signIn: new CardSignIn(linking),
      refreshCards,
      invokeBudgetMs: config.invokeBudgetMs,
      digiOfficeZone: config.digiOffice.timezone,
    }),
    assigneeSearch: new AssigneeSearch({ tasks, session: actAsUser, directory: assigneeDirectory, logger }),
    chat: new ChatTurns({
      chat: new ChatCommands({
        tasks,
        finisher,
        views,
        chatViews: bindChatViews(clock),
        signIn: linking,
        session: actAsUser,
        directory: assigneeDirectory,
        logger,
        refreshCards,
      }),
      tasks,
      clock,
      digiOfficeZone: config.digiOffice.timezone,
      background,
      inConversation: (reference, logic) => teams.inConversation(reference, logic),
      invokeBudgetMs: config.invokeBudgetMs,
      logger,
    }),
    defaultLocale: config.defaultLocale,
    logger,
  });
  const signInFlow = new SignInFlow({ linking, defaultLocale: config.defaultLocale, logger });

  const server = createServer({
    adapter,
    bot: ops.activities(taskBot),
    webhook: new NotificationWebhook({ apiKeys: config.notifyApiKeys, outbox: ops.countAccepted(outbox), logger }),
    signIn: decorate(signInFlow, { submit: ops.requests((fields) => signInFlow.submit(fields)) }),
    readiness: {
      check: async () => {
        const checks: Record<string, string> = {};
        await storage.read([READINESS_PROBE_KEY]).then(
          () => (checks.storage = 'ok'),
          (err: Error) => (checks.storage = err.message),
        );
        await digiOffice.ping().then(
          () => (checks.digiOffice = 'ok'),
          (err: Error) => (checks.digiOffice = err.message),
        );
        return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
      },
    },
    admin:
      config.adminApiKeys.length > 0
        ? {
            api: new AdminApi({
              apiKeys: config.adminApiKeys,
              outbox: outboxAdmin,
              pendingReportAgeMs: config.outboxPendingReportAgeMs,
              clock,
              audit: ops.audit,
              correlation: ops.correlation,
              logger,
            }),
            metrics: ops.metrics,
          }
        : null,
    logger,
  });

  return {
    server,
    async start() {
      await outbox.start();
      pruning.start();
      signInPruning.start();
      pendingReport.start();
      heapTrim.start();
      if (config.metricsPort !== null) await ops.serveMetrics(config.metricsPort, config.host);
      await new Promise<void>((resolve) => {
        server.listen(config.port, config.host, () => resolve());
      });
      const address = server.address();
      return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      // Rate-limit waits end first, so in-flight deliveries settle and the outbox can stop.
      channel.stop();
      await background.idle();
      await outbox.stop();
      await pruning.stop();
      await signInPruning.stop();
      await pendingReport.stop();
      await heapTrim.stop();
      await ops.close();
      await closeStorage();
    },
    async idle() {
      await outbox.whenIdle();
      await background.idle();
      await outbox.whenIdle();
    },
  };
}

/** The storage the config names, opened here and closed by the app (SQLite takes its one-process lock now), or a test's own. */
function openStorage(config: Config, given: Storage | undefined): { storage: Storage; closeStorage: () => Promise<void> } {
  if (given) return { storage: given, closeStorage: () => Promise.resolve() };
  const owned = createStorage(config.storage);
  return { storage: owned, closeStorage: () => owned.close() };
}
