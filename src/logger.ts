import { format } from 'node:util';
import pino from 'pino';
import type { Logger, LogLevel } from './core/logger';

/** Field names whose values never reach a log line, wherever they appear. */
const REDACTED_PATHS = [
  'password',
  '*.password',
  'Password',
  '*.Password',
  'token',
  '*.token',
  'bearerToken',
  '*.bearerToken',
  'refreshToken',
  '*.refreshToken',
  'BearerToken',
  '*.BearerToken',
  'RefreshToken',
  '*.RefreshToken',
  'AccessToken',
  '*.AccessToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: undefined };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger('silent');

/**
 * Makes every line the process prints one JSON log entry: libraries that write with `console` (botbuilder prints
 * token errors with their stack traces and the signing key, over several lines), Node's process warnings, and an
 * uncaught exception (logged, then the process exits as Node would). Called once by the production entry point.
 */
export function routeProcessOutputToLogger(logger: Logger, proc: NodeJS.Process = process, target: Console = console): void {
  const entry =
    (level: 'debug' | 'info' | 'warn') =>
    (...args: unknown[]): void =>
      logger[level]({ source: 'console' }, format(...args));
  // A library's console.error is its own diagnosis; the app logs the decision it led to at the right level.
  target.error = entry('warn');
  target.warn = entry('warn');
  target.info = entry('info');
  target.log = entry('info');
  target.debug = entry('debug');
  target.trace = entry('debug');
  target.dir = entry('info');

  proc.removeAllListeners('warning');
  proc.on('warning', (warning: Error) => logger.warn({ source: 'process', warning: warning.name }, warning.message));
  proc.on('uncaughtException', (err) => {
    logger.error({ err }, 'uncaught exception; exiting');
    proc.exit(1);
  });
}
