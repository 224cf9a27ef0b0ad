import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedEnvironment, shippedNodeFlags } from '../../bench/lib/shippedFlags';
import { createDigiOfficeSimulator, type DigiOfficeSimulator } from '../../tools/digioffice-sim';
import { ENCRYPTION_KEY, NOTIFY_KEY } from './harness';

/**
 * The production entry point as a real child process, for what only a process can show: a second process on one data
 * folder, a kill -9, the modules it loads. From the sources (src/index.ts through tsx), or from a shipped build
 * (`built`: its dist/index.js, run with `npm start`'s Node flags, the image's malloc setting and no TypeScript loader,
 * as the image runs it).
 * It runs in a folder of its own without a .env, in anonymous mode on loopback, on a port the OS picks, logging JSON.
 */

const ENTRY = join(__dirname, '../../src/index.ts');
/** The child exits when the test process ends in any way (a crash, a killed jest worker, a test that never stopped it). */
const EXIT_WITH_PARENT = '--import=data:text/javascript,process.once("disconnect",()=>process.exit(0))';
const START_TIMEOUT_MS = 30_000;

export interface BotProcessOptions {
  digiOfficeUrl: string;
  storageDir: string;
  /** Anonymous mode (the default); false for a bot started with Bot Framework credentials in `env`. */
  anonymous?: boolean;
  env?: Record<string, string>;
  /** Extra `--require` modules (JavaScript with `built`), loaded before the entry. */
  preload?: string[];
  /** The shipped build's entry (test/helpers/shippedBuild.ts) to run instead of the sources. */
  built?: string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BotProcess {
  pid: number;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has exited and everything it wrote has been read. */
  exited: Promise<Exit>;
  /** True until the process has exited. */
  running(): boolean;
  /** Resolves to the bot's base URL once it logs that it listens; rejects when it exits first. */
  listening: Promise<string>;
  /** Sends the signal and resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/** Starts the bot process; see `listening` and `exited`. Stop it (or let `stopAllBots` do so) before the test ends. */
export function spawnBot(options: BotProcessOptions): BotProcess {
  const cwd = mkdtempSync(join(tmpdir(), 'do-bot-cwd-'));
  const preload = (options.preload ?? []).flatMap((module) => ['--require', module]);
  const entry = options.built
    ? [...shippedNodeFlags(), ...preload, options.built]
    : ['--require', require.resolve('tsx/cjs'), ...preload, ENTRY];
  const child = spawn(process.execPath, [EXIT_WITH_PARENT, ...entry], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      ...(options.anonymous === false ? {} : { BOT_ALLOW_ANONYMOUS: 'true' }),
      HOST: '127.0.0.1',
      PORT: '0',
      DIGIOFFICE_BASE_URL: options.digiOfficeUrl,
      NOTIFY_API_KEY: NOTIFY_KEY,
      TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
      STORAGE_DIR: options.storageDir,
      LOG_LEVEL: 'info',
      ...(options.built ? shippedEnvironment({}) : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  let alive = true;
  child.once('exit', () => (alive = false));
  // 'close' comes after 'exit' and after the child's output has been read to its end.
  const exited = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => {
      running.delete(child);
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  const bot: BotProcess = {
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exited,
    running: () => alive,
    listening: listeningUrl(
      child,
      () => out,
      () => err,
      exited,
    ),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  // A test that only looks at `exited` must not fail on this rejection.
  bot.listening.catch(() => undefined);
  return bot;
}

const running = new Set<ChildProcess>();

/** Kills every bot process still running (afterEach / afterAll). */
export async function stopAllBots(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** What a test with bot processes gets: the simulator (for the whole file) and a fresh folder for each test. */
export interface BotProcessFixture {
  readonly sim: DigiOfficeSimulator;
  readonly root: string;
}

/**
 * A DigiOffice simulator for the file, a temp folder (`prefix`) for each test, and after each test every bot process
 * killed and the folder removed.
 */
export function useBotProcesses(prefix: string): BotProcessFixture {
  const fixture = { sim: null as unknown as DigiOfficeSimulator, root: '' };
  beforeAll(async () => {
    fixture.sim = createDigiOfficeSimulator();
    await fixture.sim.listen();
  });
  afterAll(async () => {
    await fixture.sim.close();
  });
  beforeEach(() => {
    fixture.root = mkdtempSync(join(tmpdir(), `${prefix}-`));
  });
  afterEach(async () => {
    await stopAllBots();
    rmSync(fixture.root, { recursive: true, force: true });
  });
  return fixture;
}

/** The JSON log lines written so far, parsed (other lines are skipped). */
export function logLines(bot: BotProcess): Array<Record<string, unknown>> {
  return bot
    .stdout()
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

function listeningUrl(child: ChildProcess, out: () => string, err: () => string, exited: Promise<Exit>): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the bot did not start within ${START_TIMEOUT_MS} ms:\n${out()}${err()}`)),
      START_TIMEOUT_MS,
    );
    const look = () => {
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"DigiOffice Tasks bot listening"/.exec(out());
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', look);
      resolve(match[1] as string);
    };
    child.stdout?.on('data', look);
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${exit.code ?? exit.signal}) before listening:\n${out()}${err()}`));
    });
  });
}
