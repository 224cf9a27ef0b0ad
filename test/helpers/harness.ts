import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/core/clock';
import type { Logger } from '../../src/core/logger';
import { silentLogger } from '../../src/logger';
import type { Storage } from '../../src/storage/storage';
import { createDigiOfficeSimulator, type DigiOfficeSimulator } from '../../tools/digioffice-sim';
import { FakeConnector } from './fakeConnector';
import { messagePattern } from './messages';
import { installActivity, messageActivity, type TeamsUser } from './teamsActivities';

export const NOTIFY_KEY = 'test-notify-key-0123456789abcdef';
/** A fixed test key (base64 of 32 distinct bytes); production keys come from the environment. */
export const ENCRYPTION_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Reuse a data folder (restart tests). */
  storageDir?: string;
  /** Reuse a simulator / connector (restart tests). */
  sim?: DigiOfficeSimulator;
  connector?: FakeConnector;
  /** Where the bot logs (default: nowhere). */
  logger?: Logger;
  /** The bot's clock (default: the system's), for tests that let time pass. */
  clock?: Clock;
  /** A store the test opened (and closes) instead of the one STORAGE_DIR names. */
  storage?: Storage;
  /** Sees (or wraps) the store the bot opened, e.g. to read its commit counts. */
  wrapStorage?: (storage: Storage) => Storage;
}

export interface Harness {
  sim: DigiOfficeSimulator;
  connector: FakeConnector;
  serviceUrl: string;
  app: App;
  botUrl: string;
  storageDir: string;
  /** POSTs an activity to /api/messages; resolves to the HTTP status and parsed body. */
  activity(activity: object): Promise<{ status: number; body: unknown }>;
  notify(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** Installs the bot for the user (installationUpdate add) and waits until the welcome arrived; the client's zone is Amsterdam unless `client` says otherwise. */
  install(user: TeamsUser, client?: { localTimezone?: string | null; locale?: string }): Promise<void>;
  /** Signs the user in to DigiOffice through the real sign-in page, typing the page's code into the chat. */
  signIn(user: TeamsUser, userName: string, password: string): Promise<void>;
  idle(): Promise<void>;
  /** Stops the bot only (simulator and connector stay up). */
  stopBot(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = options.sim ?? createDigiOfficeSimulator();
  const simUrl = options.sim ? sim.url : await sim.listen();
  const connector = options.connector ?? new FakeConnector();
  const serviceUrl = options.connector ? connector.url : await connector.start();
  const storageDir = options.storageDir ?? (await mkdtemp(join(tmpdir(), 'do-teams-')));
  const port = await freePort();
  const config = loadConfig({
    BOT_ALLOW_ANONYMOUS: 'true',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DIGIOFFICE_BASE_URL: simUrl,
    NOTIFY_API_KEY: NOTIFY_KEY,
    TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
    STORAGE_DIR: storageDir,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = createApp(config, options.logger ?? silentLogger, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.wrapStorage ? { wrapStorage: options.wrapStorage } : {}),
  });
  const botUrl = await app.start();

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${botUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };

  let botStopped = false;
  const harness: Harness = {
    sim,
    connector,
    serviceUrl,
    app,
    botUrl,
    storageDir,
    activity: (activity) => post('/api/messages', activity),
    notify: (body, headers) => post('/api/notifications', body, { authorization: `Bearer ${NOTIFY_KEY}`, ...headers }),
    async install(user, client = {}) {
      connector.setMember(user.id, {
        id: user.id,
        name: user.name,
        aadObjectId: user.aadObjectId,
        userPrincipalName: user.userPrincipalName,
        email: user.email,
      });
      const result = await post('/api/messages', installActivity(user, { serviceUrl, ...client }));
      if (result.status !== 200) throw new Error(`install failed: ${result.status} ${JSON.stringify(result.body)}`);
    },
    async signIn(user, userName, password) {
      const { signInCodeIn, signInUrlFor, stateOf, submitSignIn } = await import('./signIn');
      const page = await submitSignIn(harness, stateOf(await signInUrlFor(harness, user)), userName, password);
      const code = page.status === 200 ? signInCodeIn(page.html) : null;
      if (!code) throw new Error(`sign-in failed: ${page.status} ${page.html}`);
      const before = connector.calls.length;
      await post('/api/messages', messageActivity(user, `sign in ${code}`, { serviceUrl }));
      await connector.waitFor(
        (c) =>
          connector.calls.indexOf(c) >= before &&
          c.conversationId === user.conversationId &&
          typeof c.body?.text === 'string' &&
          messagePattern('en', 'chat.signedIn').test(c.body.text),
      );
    },
    idle: () => app.idle(),
    async stopBot() {
      if (botStopped) return;
      botStopped = true;
      await app.close();
    },
    async close() {
      await harness.stopBot();
      if (!options.connector) await connector.close();
      if (!options.sim) await sim.close();
      if (!options.storageDir) await rm(storageDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Registers the hooks most integration suites share: a fresh harness before each test (or once per file), with the
 * given users installed, closed afterwards. The returned object forwards to the current harness.
 */
export function useHarness(options: { per?: 'test' | 'file'; install?: TeamsUser[]; harness?: HarnessOptions } = {}): Harness {
  let current: Harness | null = null;
  const [before, after] = options.per === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    current = await startHarness(options.harness);
    for (const user of options.install ?? []) await current.install(user);
  });
  after(async () => {
    await current?.close();
    current = null;
  });
  return new Proxy({} as Harness, {
    get(_target, property) {
      if (!current) throw new Error('the harness is used outside a test');
      return Reflect.get(current, property) as unknown;
    },
  });
}

/**
 * For restart tests: a fresh bot before each test (`first`, forwarding to the current one), and `restart()`, which
 * starts another bot over the same data folder, simulator and connector. Stops them all and deletes the folder after
 * each test; stop `first` yourself before restarting.
 */
export function useRestarts(): { first: Harness; restart: (options?: Pick<HarnessOptions, 'env' | 'logger'>) => Promise<Harness> } {
  let current: Harness | null = null;
  const restarted: Harness[] = [];
  beforeEach(async () => {
    current = await startHarness();
  });
  afterEach(async () => {
    for (const bot of restarted.splice(0)) await bot.stopBot();
    if (!current) return;
    await current.stopBot();
    await current.connector.close();
    await current.sim.close();
    await rm(current.storageDir, { recursive: true, force: true });
    current = null;
  });
  const first = new Proxy({} as Harness, {
    get(_target, property) {
      if (!current) throw new Error('the harness is used outside a test');
      return Reflect.get(current, property) as unknown;
    },
  });
  return {
    first,
    restart: async (options = {}) => {
      if (!current) throw new Error('restart() is used outside a test');
      const bot = await startHarness({ ...options, storageDir: current.storageDir, sim: current.sim, connector: current.connector });
      restarted.push(bot);
      return bot;
    },
  };
}
