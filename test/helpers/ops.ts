import { PassThrough } from 'node:stream';
import type { Logger } from '../../src/core/logger';
import { createLogger } from '../../src/logger';

/** Admin keys for tests: the current one and the one before a rotation. */
export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const OLD_ADMIN_KEY = 'test-admin-key-before-rotation-42';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** Calls the admin API of the bot at `baseUrl` with `key` (none: no Authorization header). */
export async function adminCall(baseUrl: string, method: string, path: string, key: string | null = ADMIN_KEY): Promise<JsonAnswer> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: key === null ? {} : { authorization: `Bearer ${key}` } });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** Every sample of a Prometheus text exposition by series (`name{labels}` exactly as written), e.g. `x_total{a="b"}` → 3. */
export function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*(?:\{.*\})?) (\S+)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    samples.set(match[1] ?? '', Number(match[2]));
  }
  return samples;
}

/** GET /metrics at `baseUrl` (with the admin key unless `key` is null), parsed. */
export async function scrape(baseUrl: string, key: string | null = ADMIN_KEY): Promise<Map<string, number>> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: key === null ? {} : { authorization: `Bearer ${key}` } });
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${await response.text()}`);
  return parseMetrics(await response.text());
}

/** How each series moved between two scrapes; series that did not move are left out. */
export function movement(before: Map<string, number>, after: Map<string, number>, names: RegExp): Record<string, number> {
  const moved: Record<string, number> = {};
  for (const [series, value] of after) {
    if (!names.test(series)) continue;
    const delta = value - (before.get(series) ?? 0);
    if (delta !== 0) moved[series] = delta;
  }
  return moved;
}

/** A real pino logger at `level` whose JSON lines the test can read. */
export function capturedLog(level: 'warn' | 'info' | 'debug' = 'info'): {
  logger: Logger;
  text(): string;
  entries(): Array<Record<string, unknown>>;
} {
  const chunks: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const text = () => chunks.join('');
  return {
    logger: createLogger(level, stream),
    text,
    entries: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
