import { createWriteStream } from 'node:fs';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { LogLevel } from '../../src/core/logger';
import { createLogger } from '../../src/logger';

export interface DemoBotOptions {
  digiOfficeUrl: string;
  port: number;
  storageDir: string;
  logFile: string;
  logLevel: LogLevel;
  notifyApiKey: string;
  tokenEncryptionKey: string;
}

export interface DemoBot {
  app: App;
  /** e.g. http://127.0.0.1:3978 */
  url: string;
  close(): Promise<void>;
}

/** The real bot (src/app.ts) in anonymous mode on loopback, as the Agents Playground needs it; logs go to a file. */
export async function startDemoBot(options: DemoBotOptions): Promise<DemoBot> {
  const config = loadConfig({
    BOT_ALLOW_ANONYMOUS: 'true',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    PUBLIC_URL: `http://127.0.0.1:${options.port}`,
    DIGIOFFICE_BASE_URL: options.digiOfficeUrl,
    NOTIFY_API_KEY: options.notifyApiKey,
    TOKEN_ENCRYPTION_KEY: options.tokenEncryptionKey,
    STORAGE: 'sqlite',
    STORAGE_DIR: options.storageDir,
    LOG_LEVEL: options.logLevel,
  });
  const logStream = createWriteStream(options.logFile, { flags: 'a' });
  const app = createApp(config, createLogger(config.logLevel, logStream));
  const url = await app.start().catch(async (err: unknown) => {
    await new Promise<void>((resolve) => logStream.end(resolve));
    throw err;
  });
  return {
    app,
    url,
    async close() {
      await app.close();
      await new Promise<void>((resolve) => logStream.end(resolve));
    },
  };
}
