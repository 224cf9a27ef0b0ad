import { config as loadDotenv } from 'dotenv';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger, routeProcessOutputToLogger } from './logger';
import { StorageOpenError } from './storage/storage';

/** Production entry: config → storage → app → listen; refuses to start on an invalid config. */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  routeProcessOutputToLogger(logger);
  const app = createApp(config, logger);
  const url = await app.start().catch((err: unknown) => {
    logger.error({ err }, 'startup failed');
    process.exit(1);
  });
  logger.info({ url, anonymous: config.bot === null }, 'DigiOffice Tasks bot listening');
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // The data folder is the operator's to fix (another process holds it, no permission): one line, no stack trace.
  if (err instanceof StorageOpenError) process.stderr.write(`Cannot start: ${err.message}\n`);
  else process.stderr.write(`Startup failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
