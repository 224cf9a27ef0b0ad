import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogLevel } from '../../src/core/logger';
import { createDigiOfficeSimulator, type DigiOfficeSimulator, type NotificationRecipient } from '../digioffice-sim';
import { startDemoBot, type DemoBot } from './bot';
import { startPlayground, type Playground } from './playground';
import { portOrFree } from './ports';

/** The Agents Playground's default user, as the simulator's seed knows him (DigiOffice sign-in alexw / demo). */
export const PLAYGROUND_USER = {
  name: 'Alex Wilber',
  userPrincipalName: 'alexw@example.com',
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
} as const;

export interface DemoStackOptions {
  /** Folder for the bot's storage and all logs; created if missing. */
  dataDir: string;
  /** Preferred ports; a taken port falls back to a free one, 0 means any free port. */
  ports: { digiOffice: number; bot: number; playground: number };
  logLevel: LogLevel;
}

export interface NotifyResult {
  status: number;
  body: unknown;
}

export interface DemoStack {
  sim: DigiOfficeSimulator;
  bot: DemoBot;
  playground: Playground;
  /** Where the logs are: bot.log, playground.log, playground-console.log. */
  dataDir: string;
  /** Posts the simulator's `task.assigned` notification for a seeded task to the bot, as DigiOffice's side would. */
  notify(taskId: number, recipient?: NotificationRecipient): Promise<NotifyResult>;
  /** Stops the Playground, then the bot, then the simulator; safe to call twice. */
  close(): Promise<void>;
}

/** The whole product locally: DigiOffice simulator → bot → Agents Playground. Used by `npm run demo` and the e2e test. */
export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  await mkdir(options.dataDir, { recursive: true });
  // Per-run secrets: the simulator forgets its tokens on restart, so a sign-in could not outlive a run anyway.
  const notifyApiKey = randomBytes(24).toString('base64url');
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };

  try {
    const sim = createDigiOfficeSimulator();
    await sim.listen(await portOrFree(options.ports.digiOffice), '127.0.0.1');
    cleanups.push(() => sim.close());

    const bot = await startDemoBot({
      digiOfficeUrl: sim.url,
      port: await portOrFree(options.ports.bot),
      storageDir: join(options.dataDir, 'storage'),
      logFile: join(options.dataDir, 'bot.log'),
      logLevel: options.logLevel,
      notifyApiKey,
      tokenEncryptionKey: randomBytes(32).toString('base64'),
    });
    cleanups.push(() => bot.close());

    const playground = await startPlayground({
      botEndpoint: `${bot.url}/api/messages`,
      port: await portOrFree(options.ports.playground, '0.0.0.0'),
      logFile: join(options.dataDir, 'playground.log'),
      consoleFile: join(options.dataDir, 'playground-console.log'),
    });
    cleanups.push(() => playground.stop());

    let closing: Promise<void> | null = null;
    return {
      sim,
      bot,
      playground,
      dataDir: options.dataDir,
      async notify(taskId, recipient = { userPrincipalName: PLAYGROUND_USER.userPrincipalName }) {
        const response = await fetch(`${bot.url}/api/notifications`, {
          method: 'POST',
          headers: { authorization: `Bearer ${notifyApiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(sim.notificationFor(taskId, recipient)),
        });
        const text = await response.text();
        return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
      },
      close: () => (closing ??= closeAll()),
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
