import { join } from 'node:path';
import { notificationsConnector } from '../../src/notifications/connector';
import type { JsonObject } from '../../src/notifications/contract';
import { notificationsOpenApi } from '../../src/notifications/openapi';

export const ROOT = join(__dirname, '..', '..');

/** The generated contract files, relative to the repository root (`npm run openapi` writes them). */
export const CONTRACT_FILES: ReadonlyArray<{ path: string; build: () => JsonObject }> = [
  { path: 'docs/openapi/notifications.openapi.json', build: notificationsOpenApi },
  { path: 'docs/openapi/notifications.swagger2.json', build: notificationsConnector },
];

/** The file text: two-space JSON and a final newline (docs/openapi/ is left alone by Prettier). */
export function renderContract(document: JsonObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
