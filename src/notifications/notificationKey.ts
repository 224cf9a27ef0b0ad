import { createHash } from 'node:crypto';
import { recipientKeys } from '../core/userKey';
import type { TaskNotification } from './schema';

/**
 * The idempotency key of a notification:
 * - the sender's `id` when it gave one (`id:{id}`, namespaced so it can never equal a derived key);
 * - `task.assigned`: `assigned:{taskId}:{recipient}` — the same event for the same task and recipient is a
 *   duplicate, whatever else it carries (docs/architecture.md, "Outbox");
 * - `task.updated` / `task.closed`: `{event}:{taskId}:{sha256}` over the event, task, recipient and content, so only
 *   an identical repeat is a duplicate and every real change goes out.
 */
export function notificationKey(n: TaskNotification): string {
  if (n.id !== undefined) return `id:${n.id}`;
  const recipient = recipientKeys(n.recipient)[0] ?? '';
  if (n.event === 'task.assigned') return `assigned:${n.task.ID}:${recipient}`;
  const content = { ...n, id: undefined, recipient: recipientKeys(n.recipient) };
  const digest = createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
  return `${n.event}:${n.task.ID}:${digest}`;
}

/** JSON with object keys sorted at every level and undefined members left out, so equal content hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
