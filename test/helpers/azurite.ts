import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** Azurite's well-known development account (public, in Azurite's own source); never a real secret. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const BIN = join(__dirname, '..', '..', 'node_modules', '.bin', 'azurite-blob');
/** Below jest's 20 s hook timeout, so a failed start reports Azurite's own output. */
const START_TIMEOUT_MS = 15_000;
/**
 * Preloaded into Azurite's process: it exits when its IPC channel to the test process closes, i.e. when that process
 * ends in any way (a crash, a killed jest worker, a suite that never called stop()).
 */
const EXIT_WITH_PARENT = '--import=data:text/javascript,process.once("disconnect",()=>process.exit(0))';

export interface Azurite {
  /** e.g. `http://127.0.0.1:41234/devstoreaccount1` */
  blobEndpoint: string;
  connectionString: string;
  stop(): Promise<void>;
}

/** The connection string of the Azurite account at `blobEndpoint`, optionally with another (wrong) key. */
export function azuriteConnectionString(blobEndpoint: string, accountKey = ACCOUNT_KEY): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${accountKey};BlobEndpoint=${blobEndpoint};`;
}

/** A container name nobody else uses (3–63 lower-case letters, digits and dashes). */
export function uniqueContainer(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 63);
}

/**
 * Starts an in-memory Azurite blob service on a port the OS picks, and resolves once it listens. The process is the
 * server itself (node runs Azurite's script directly, no npx or shell in between), so `stop()` ends it for sure; it also
 * ends by itself when the test process ends without stopping it. Call `stop()` in `afterAll`.
 */
export async function startAzurite(): Promise<Azurite> {
  const child = spawn(
    process.execPath,
    [
      EXIT_WITH_PARENT,
      BIN,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--silent',
    ],
    { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  // Nothing of Azurite's keeps the test process alive, so a suite that never stops it still lets jest exit.
  child.unref();
  child.channel?.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
  const killHard = () => child.kill('SIGKILL');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let serverUrl: string;
  try {
    serverUrl = await listeningUrl(child);
  } catch (error) {
    killHard();
    throw error;
  }
  const blobEndpoint = `${serverUrl}/${ACCOUNT}`;
  return {
    blobEndpoint,
    connectionString: azuriteConnectionString(blobEndpoint),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGKILL: the data is in memory and thrown away anyway, and a graceful close waits for the clients'
      // keep-alive connections to time out (5 s).
      killHard();
      await exited;
    },
  };
}

/** Azurite prints `… successfully listens on http://127.0.0.1:PORT` once it accepts connections. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${START_TIMEOUT_MS} ms:\n${out}${err}`)), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /successfully listens on (http:\/\/[^\s]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve((match[1] as string).replace(/\/+$/, ''));
      }
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`Azurite exited (${code ?? signal ?? '?'}) before listening:\n${out}${err}`)));
  });
}
