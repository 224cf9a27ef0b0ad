import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENCRYPTION_KEY, freePort, NOTIFY_KEY } from '../helpers/harness';

/**
 * The production entry point (src/index.ts through tsx) as a child process, so a crash is observable: its own
 * TMPDIR (empty), its stdout and stderr kept line by line, and its memory read from /proc.
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

export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const root = await mkdtemp(join(tmpdir(), 'do-security-'));
  const tmpDir = join(root, 'tmp');
  const cwd = join(root, 'cwd');
  await Promise.all([mkdir(tmpDir), mkdir(cwd)]);
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, '../../src/index.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      TMPDIR: tmpDir,
      // tsx would otherwise keep its compile cache in the temp folder the tests watch.
      TSX_DISABLE_CACHE: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      NOTIFY_API_KEY: NOTIFY_KEY,
      TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
      STORAGE_DIR: join(root, 'data'),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = lineCollector(child, 'stdout');
  const stderr = lineCollector(child, 'stderr');
  let exited = false;
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilListening(
    url,
    () => exited,
    () => [...stdout(), ...stderr()],
  ).catch(async (err: unknown) => {
    await rm(root, { recursive: true, force: true });
    throw err;
  });
  const pid = child.pid ?? 0;
  const terminate = () => {
    if (!exited) child.kill('SIGTERM');
    return closed;
  };

  return {
    url,
    pid,
    tmpDir,
    stdoutLines: stdout,
    stderrLines: stderr,
    tempEntries: () => listTree(tmpDir),
    memory: async () => {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
    },
    running: () => !exited,
    terminate,
    async stop() {
      await terminate();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function lineCollector(child: ChildProcess, stream: 'stdout' | 'stderr'): () => string[] {
  const lines: string[] = [];
  let partial = '';
  child[stream]?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  // Complete lines only: the rest of a line may still be in the pipe.
  return () => [...lines];
}

async function waitUntilListening(url: string, exited: () => boolean, output: () => string[]): Promise<void> {
  for (;;) {
    if (exited()) throw new Error(`the bot exited during startup:\n${output().join('\n')}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
