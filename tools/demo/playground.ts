import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Preferred port; the Playground itself falls back to a random one when it is taken. */
  port: number;
  /** Its own log (it logs to a file, not the console, when stdout is not a TTY). */
  logFile: string;
  /** Its console output (start-up errors). */
  consoleFile: string;
  startTimeoutMs?: number;
}

export interface Playground {
  /** The page to open, e.g. http://localhost:56150. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The log file and console output, for debugging a failed run. */
  logs(): Promise<string>;
  /** Ends the Playground's whole process group; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Runs the Microsoft 365 Agents Playground CLI as a child process in its own process group, so stopping it cannot
 * leave a grandchild behind and a Ctrl-C in the terminal reaches only us (we stop it in order).
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const consoleOut = createWriteStream(options.consoleFile);
  const child = spawn(
    process.execPath,
    [CLI, 'start', '-e', options.botEndpoint, '-c', 'msteams', '-p', String(options.port), '--disable-telemetry'],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile },
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start the Agents Playground (${CLI})`);
  // 'close' comes after the child's stdout/stderr are drained, so nothing writes to the console file after we end it.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const killOnExit = () => killGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);
  child.stderr?.pipe(consoleOut, { end: false });

  const logs = async () => {
    const read = (file: string) => readFile(file, 'utf8').catch((err: Error) => `(no ${file}: ${err.message})`);
    return `--- ${options.consoleFile}\n${await read(options.consoleFile)}\n--- ${options.logFile}\n${await read(options.logFile)}`;
  };
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      await new Promise<void>((resolve) => consoleOut.end(resolve));
    })();
    return stopped;
  };

  try {
    const port = await listeningPort(child, consoleOut, options.startTimeoutMs ?? 30_000);
    return { url: `http://localhost:${port}`, port, pid, logs, stop };
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${await logs()}`, { cause: err });
  }
}

/** Reads stdout until the CLI says "Listening on <port>"; keeps draining it into the console file afterwards. */
function listeningPort(child: ChildProcess, consoleOut: NodeJS.WritableStream, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`the Agents Playground did not start listening within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`the Agents Playground exited (code ${code}, signal ${signal}) before listening`));
    const onData = (chunk: Buffer) => {
      consoleOut.write(chunk);
      seen += chunk.toString('utf8');
      const match = /Listening on (\d+)/.exec(seen);
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    function cleanup() {
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      child.stdout?.removeListener('data', onData);
      child.stdout?.on('data', (chunk: Buffer) => consoleOut.write(chunk));
    }
    function fail(err: Error) {
      cleanup();
      reject(err);
    }
    child.once('exit', onExit);
    child.stdout?.on('data', onData);
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
