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
