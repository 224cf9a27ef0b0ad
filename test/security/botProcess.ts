import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnBot } from '../helpers/botProcess';
import { freePort } from '../helpers/harness';

/**
 * The bot process of test/helpers/botProcess.ts with what the security suites watch besides: its own TMPDIR
 * (empty, so a body spooled to disk shows), its output line by line, and its memory read from /proc. It runs with
 * the credentials `env` gives (not in anonymous mode) and with PUBLIC_URL set to its own address.
 */
export interface BotProcess {
  url: string;
  pid: number;
  /** The folder the bot sees as its temp folder (TMPDIR). */
  tmpDir: string;
  stdoutLines(): string[];
  stderrLines(): string[];
  /** Every file and folder under the temp folder, relative to it. */
  tempEntries(): Promise<string[]>;
  /** VmRSS and VmHWM (peak resident set since start) in MiB. */
  memory(): Promise<{ rssMiB: number; peakMiB: number }>;
  /** True while the process has not exited. */
  running(): boolean;
  /** Sends SIGTERM and resolves with the exit code once the process is gone (all its output read). */
  terminate(): Promise<number | null>;
  /** Terminates the process if needed and deletes its folders. */
  stop(): Promise<void>;
}

/** `env` must name DIGIOFFICE_BASE_URL. */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const root = await mkdtemp(join(tmpdir(), 'do-security-'));
  const tmpDir = join(root, 'tmp');
  await mkdir(tmpDir);
  const port = await freePort();
  const bot = spawnBot({
    digiOfficeUrl: env.DIGIOFFICE_BASE_URL ?? '',
    storageDir: join(root, 'data'),
    anonymous: false,
    env: {
      TMPDIR: tmpDir,
      // tsx would otherwise keep its compile cache in the temp folder the tests watch.
      TSX_DISABLE_CACHE: '1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
  });
  const url = await bot.listening.catch(async (err: unknown) => {
    await rm(root, { recursive: true, force: true });
    throw err;
  });
  const terminate = async () => (await bot.stop('SIGTERM')).code;

  return {
    url,
    pid: bot.pid,
    tmpDir,
    stdoutLines: () => completeLines(bot.stdout()),
    stderrLines: () => completeLines(bot.stderr()),
    tempEntries: () => listTree(tmpDir),
    memory: async () => {
      const status = await readFile(`/proc/${bot.pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
    },
    running: () => bot.running(),
    terminate,
    async stop() {
      await terminate();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Complete lines only: the rest of a line may still be in the pipe. */
function completeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

async function listTree(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    const name = join(prefix, entry.name);
    names.push(name);
    if (entry.isDirectory()) names.push(...(await listTree(join(dir, entry.name), name)));
  }
  return names;
}
