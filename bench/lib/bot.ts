import { join } from 'node:path';
import type { Agent } from 'node:http';
import { signInCodeIn } from '../../test/helpers/signIn';
import { installActivity, messageActivity, type TeamsUser } from '../../test/helpers/teamsActivities';
import { digiOfficeUser, teamsUser } from './fixtures';
import type { MemoryDetail } from './memoryDetail';
import { keepAliveAgent, postJson, send, type HttpAnswer } from './http';
import { Child } from './processes';
import { shippedEnvironment } from './shippedFlags';

export const NOTIFY_KEY = 'bench-notify-key-0123456789abcdef';
/** A fixed bench key (base64 of 32 bytes). */
export const ENCRYPTION_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 53 + 9) % 256)).toString('base64');

export interface BotOptions {
  name: string;
  /** The bot launcher: bundled (see bundleBot.ts) or bench/children/bot.ts. */
  script: string;
  logDir: string;
  storageDir: string;
  simUrl: string;
  /** The connector (service URL) the bot's activities name. */
  teamsUrl: string;
  rateScale: number;
  /** More environment for the bot (e.g. STORAGE=azure); STORAGE itself is left at its default otherwise. */
  env?: Record<string, string>;
  countStorage?: boolean;
  /** Node/V8 flags for the bot process (`--bot-node-flags`), e.g. to measure a heap setting. */
  nodeFlags?: string[];
}

/** The bot as a child process, and what the bench does to it over HTTP (as Teams and DigiOffice would). */
export class Bot {
  readonly agent: Agent = keepAliveAgent(64);

  private constructor(
    readonly child: Child,
    readonly url: string,
    readonly options: BotOptions,
  ) {}

  static async start(options: BotOptions): Promise<Bot> {
    const env = {
      BOT_ALLOW_ANONYMOUS: 'true',
      HOST: '127.0.0.1',
      PORT: '0',
      DIGIOFFICE_BASE_URL: options.simUrl,
      NOTIFY_API_KEY: NOTIFY_KEY,
      TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
      STORAGE_DIR: options.storageDir,
      LOG_LEVEL: 'info',
      ...options.env,
    };
    const child = await Child.start(options.name, options.script, {
      logFile: join(options.logDir, `${options.name}.log`),
      execArgv: options.nodeFlags ?? [],
      env: {
        ...shippedEnvironment(),
        BENCH_BOT_ENV: JSON.stringify(env),
        BENCH_RATE_SCALE: String(options.rateScale),
        BENCH_COUNT_STORAGE: options.countStorage ? '1' : '0',
      },
    });
    return new Bot(child, String(child.info.url), options);
  }

  /** Starts another process on the same storage (after a kill). */
  restart(): Promise<Bot> {
    return Bot.start(this.options);
  }

  activity(activity: object | string): Promise<HttpAnswer> {
    return postJson(this.agent, `${this.url}/api/messages`, typeof activity === 'string' ? activity : JSON.stringify(activity));
  }

  notify(body: object | string, agent: Agent = this.agent): Promise<HttpAnswer> {
    return postJson(agent, `${this.url}/api/notifications`, typeof body === 'string' ? body : JSON.stringify(body), {
      authorization: `Bearer ${NOTIFY_KEY}`,
    });
  }

  async install(user: TeamsUser): Promise<void> {
    const answer = await this.activity(installActivity(user, { serviceUrl: this.options.teamsUrl }));
    if (answer.status !== 200) throw new Error(`install of ${user.id} answered ${answer.status} ${answer.text}`);
  }

  /**
   * Signs bench user n in to DigiOffice through the real route: "sign in" in chat, the sign-in page's form, then the
   * one-time code the page shows typed in chat (the bot links the account within that turn).
   */
  async signIn(n: number, stubs: Child): Promise<void> {
    const user = teamsUser(n);
    const said = await this.activity(messageActivity(user, 'sign in', { serviceUrl: this.options.teamsUrl }));
    if (said.status !== 200) throw new Error(`"sign in" answered ${said.status}`);
    const link = await stubs.call<string | null>('signInUrl', { conversationId: user.conversationId, timeoutMs: 10_000 });
    if (!link) throw new Error(`no sign-in link for ${user.id}`);
    const state = new URL(link).searchParams.get('state') ?? '';
    const { userName, password } = digiOfficeUser(n);
    const form = new URLSearchParams({ state, username: userName, password }).toString();
    const answer = await send(this.agent, `${this.url}/auth/signin`, 'POST', form, { 'content-type': 'application/x-www-form-urlencoded' });
    const code = answer.status === 200 ? signInCodeIn(answer.text) : null;
    if (!code) throw new Error(`sign-in of ${user.id} answered ${answer.status} without a code`);
    const typed = await this.activity(messageActivity(user, `sign in ${code}`, { serviceUrl: this.options.teamsUrl }));
    if (typed.status !== 200) throw new Error(`"sign in <code>" answered ${typed.status}`);
  }

  /** CPU time the bot used so far, in µs: its main thread (the event loop) and the whole process. */
  cpu(): Promise<{ mainUs: number; processUs: number }> {
    return this.child.call('cpu');
  }

  memory(): Promise<NodeJS.MemoryUsage> {
    return this.child.call('memory');
  }

  /** Where the bot's resident memory is (bench/lib/memoryDetail.ts). */
  memoryDetail(): Promise<MemoryDetail> {
    return this.child.call('memoryDetail');
  }

  idle(): Promise<void> {
    return this.child.call('idle');
  }

  /** Writes a V8 heap snapshot of the bot (open it in Chrome DevTools, Memory tab). */
  heapSnapshot(file: string): Promise<void> {
    return this.child.call('heapSnapshot', { file });
  }

  async stop(): Promise<void> {
    await this.child.stop();
    this.agent.destroy();
  }

  async kill9(): Promise<void> {
    await this.child.kill9();
    this.agent.destroy();
  }
}

/** Runs `task` for each item with at most `concurrency` at once. */
export async function eachLimit<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
