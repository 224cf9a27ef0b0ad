import { createDigiOfficeSimulator, type DigiOfficeSimulator } from '../../tools/digioffice-sim';
import type { EventuallyOptions } from '../helpers/eventually';
import { NOTIFY_KEY } from '../helpers/harness';
import { startBotProcess, type BotProcess } from './botProcess';
import { APP_ID, ChannelSigner, typingActivity } from './channelTokens';
import { send, type HostileRequest, type HostileResponse } from './hostileClient';

/**
 * Peak resident memory the bot may reach while under attack. Measured: about 225 MiB right after startup (most of
 * it tsx compiling the TypeScript in-process) and the same after every hostile request of the suite; buffering one
 * 200 MB body, or inflating the gzip bomb, goes far past it.
 */
export const PEAK_RSS_BOUND_MIB = 300;

export interface HostileTarget {
  bot: BotProcess;
  sim: DigiOfficeSimulator;
  signer: ChannelSigner;
  send(req: HostileRequest): Promise<HostileResponse>;
  /** Headers of a request Teams' channel could send: a valid token. */
  channelHeaders(extra?: Record<string, string>): Record<string, string>;
  notifyHeaders(extra?: Record<string, string>): Record<string, string>;
  /** /healthz's status, and whether the process still runs. */
  health(): Promise<{ status: number; running: boolean }>;
}

/**
 * The real bot as a child process with production-like Bot Framework credentials, its channel's signing keys
 * served locally (so no token check ever reaches the network), and the DigiOffice simulator.
 */
export function useHostileTarget(): HostileTarget {
  let target: (HostileTarget & { stop(): Promise<void> }) | null = null;
  beforeAll(async () => {
    const signer = new ChannelSigner();
    const sim = createDigiOfficeSimulator();
    const [metadataUrl, simUrl] = await Promise.all([signer.start(), sim.listen()]);
    const bot = await startBotProcess({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret-0123456789',
      MicrosoftAppType: 'MultiTenant',
      BOT_OPENID_METADATA_URL: metadataUrl,
      DIGIOFFICE_BASE_URL: simUrl,
    });
    target = {
      bot,
      sim,
      signer,
      send: (req) => send(bot.url, req),
      channelHeaders: (extra = {}) => ({ 'content-type': 'application/json', authorization: `Bearer ${signer.token()}`, ...extra }),
      notifyHeaders: (extra = {}) => ({ 'content-type': 'application/json', authorization: `Bearer ${NOTIFY_KEY}`, ...extra }),
      health: async () => ({
        status: await fetch(`${bot.url}/healthz`).then(
          (r) => r.status,
          () => 0,
        ),
        running: bot.running(),
      }),
      async stop() {
        await bot.stop();
        await Promise.all([sim.close(), signer.stop()]);
      },
    };
  }, 60_000);
  afterAll(async () => {
    await target?.stop();
    target = null;
  });
  return new Proxy({} as HostileTarget, {
    get(_target, property) {
      if (!target) throw new Error('the hostile target is used outside a test');
      return Reflect.get(target, property) as unknown;
    },
  });
}

export function typingBody(): Buffer {
  return Buffer.from(JSON.stringify(typingActivity()));
}

/** Every line the process printed, parsed; a line that is not a JSON object is returned as a string. */
export function logEntries(bot: BotProcess): Array<Record<string, unknown> | string> {
  return [...bot.stdoutLines(), ...bot.stderrLines()]
    .filter((line) => line !== '')
    .map((line) => {
      try {
        const parsed = JSON.parse(line) as unknown;
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : line;
      } catch {
        return line;
      }
    });
}

/** Log lines travel through a pipe and may arrive after the answer: how `eventually` waits for one (up to 10 s). */
export const LOGGED: EventuallyOptions = { what: 'the log line', timeoutMs: 10_000, everyMs: 25 };

/**
 * The last tests of a suite against the target: nothing left in its temp folder, its peak memory within the bound,
 * still up; then it stops cleanly on SIGTERM, having printed only JSON log entries.
 */
export function describeAfterAllOfIt(target: HostileTarget): void {
  describe('after all of it', () => {
    it('left no file in the temp folder and stayed within the memory bound', async () => {
      const memory = await target.bot.memory();
      expect(await target.bot.tempEntries()).toEqual([]);
      expect(memory.peakMiB).toBeLessThan(PEAK_RSS_BOUND_MIB);
      expect(await target.health()).toEqual({ status: 200, running: true });
    });

    it('stops cleanly on SIGTERM, having printed nothing but JSON log entries, one per line', async () => {
      expect(await target.bot.terminate()).toBe(0);
      const entries = logEntries(target.bot);
      expect(entries.filter((entry) => typeof entry === 'string')).toEqual([]);
      expect(entries.map((entry) => (entry as { msg: string }).msg)).toEqual(
        expect.arrayContaining(['DigiOffice Tasks bot listening', 'shutting down']),
      );
    });
  });
}
