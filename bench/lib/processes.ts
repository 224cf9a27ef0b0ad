import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { CallMessage, ChildMessage } from './rpc';

/** Every child still running, so an interrupted bench leaves nothing behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface StartOptions {
  /** Variables added to this process's environment. */
  env?: Record<string, string>;
  /** Node flags before the script (e.g. `--cpu-prof`). */
  execArgv?: string[];
  /** The child's stdout and stderr are appended here. */
  logFile: string;
  startTimeoutMs?: number;
}

/**
 * A script run as a separate Node process (this Node; a .ts script through tsx), driven over IPC: it has its own
 * event loop, so the load generator in the bench process never shares one with a server it measures.
 */
export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly name: string,
    private readonly process: ChildProcess,
    readonly info: Record<string, unknown>,
  ) {
    this.exited = new Promise((resolve) => {
      if (process.exitCode !== null || process.signalCode !== null) resolve({ code: process.exitCode, signal: process.signalCode });
      else process.once('exit', (code, signal) => resolve({ code, signal }));
    });
    process.on('message', (message: ChildMessage) => {
      if (message.kind !== 'result') return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(`${name}: ${message.error}`));
    });
    void this.exited.then(({ code, signal }) => {
      running.delete(process);
      for (const waiter of this.pending.values()) waiter.reject(new Error(`${name} exited (${code ?? signal ?? '?'})`));
      this.pending.clear();
    });
  }

  static async start(name: string, script: string, options: StartOptions): Promise<Child> {
    const log = openSync(options.logFile, 'a');
    const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
    const child = spawn(process.execPath, [...(options.execArgv ?? []), ...loader, script], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    running.add(child);
    const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`${name} did not start within ${options.startTimeoutMs ?? 60_000} ms`)),
        options.startTimeoutMs ?? 60_000,
      );
      const fail = (err: Error) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`${err.message}; see ${options.logFile}`));
      };
      child.once('error', fail);
      child.once('exit', (code, signal) => fail(new Error(`${name} exited (${code ?? signal ?? '?'}) before it was ready`)));
      child.on('message', (message: ChildMessage) => {
        if (message.kind !== 'ready') return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(message.info);
      });
    });
    return new Child(name, child, info);
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  call<T>(method: string, params: unknown = null): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const message: CallMessage = { kind: 'call', id, method, params };
      this.process.send(message, (err) => {
        if (!err) return;
        this.pending.delete(id);
        reject(err);
      });
    });
  }

  /** Asks the child to stop cleanly (it flushes a CPU profile then); kills it if it has not gone within `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    if (!running.has(this.process)) return;
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    this.call('stop').catch(() => undefined);
    await this.exited;
    clearTimeout(timer);
  }

  /** kill -9: no chance to finish anything. */
  async kill9(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.exited;
  }
}
