// `npm run outbox -- <command>`: the outbox admin API (/api/admin/outbox) from a shell; see USAGE in args.ts and
// docs/admin-guide.md, "Watching it".
import { config as loadDotenv } from 'dotenv';
import type { OutboxItemView } from '../../src/core/outboxAdmin';
import { parseInvocation, USAGE, UsageError, type Command } from './args';

type Item = Omit<OutboxItemView, 'order'>;

class ApiError extends Error {}

async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let invocation;
  try {
    invocation = parseInvocation(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  const key = env.ADMIN_API_KEY?.split(',')[0]?.trim();
  if (!key) {
    process.stderr.write('ADMIN_API_KEY is not set (in the environment or .env): the admin API needs it.\n');
    return 2;
  }
  const base = (invocation.url ?? env.BOT_URL ?? `http://localhost:${env.PORT ?? 3978}`).replace(/\/+$/, '');
  const call = async (method: string, path: string): Promise<Record<string, unknown>> => {
    const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}` } });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw new ApiError(`${response.status}: ${typeof body.message === 'string' ? body.message : response.statusText}`);
    return body;
  };
  try {
    for (const line of await run(invocation.command, call, invocation.json)) process.stdout.write(`${line}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ApiError) && !(err instanceof TypeError)) throw err;
    process.stderr.write(`${err instanceof ApiError ? err.message : `cannot reach ${base}: ${err.message}`}\n`);
    return 1;
  }
}

type Call = (method: string, path: string) => Promise<Record<string, unknown>>;

async function run(command: Command, call: Call, json: boolean): Promise<string[]> {
  const item = `/api/admin/outbox/items/${encodeURIComponent('id' in command ? command.id : '')}`;
  switch (command.kind) {
    case 'counts': {
      const body = await call('GET', '/api/admin/outbox/counts');
      if (json) return [JSON.stringify(body, null, 2)];
      const counts = body.counts as Record<string, number>;
      return [
        ...Object.entries(counts).map(([state, count]) => `${state.padEnd(10)}${count}`),
        `pending for over ${String(body.pendingReportAge)}: ${String(body.pendingOverAge)}`,
      ];
    }
    case 'list':
      return list(command, call, json);
    case 'show':
      return describe(await call('GET', item), 'item', json);
    case 'requeue':
      return describe(await call('POST', `${item}/requeue`), 'requeued', json);
    case 'drop':
      return describe(await call('DELETE', item), 'dropped', json);
  }
}

/** Every page (or the first `limit` items), oldest first. */
async function list(command: Extract<Command, { kind: 'list' }>, call: Call, json: boolean): Promise<string[]> {
  const items: Item[] = [];
  let next: string | null = null;
  do {
    const query = new URLSearchParams({ state: command.state, limit: String(Math.min(command.limit ?? 500, 500)) });
    if (command.olderThan) query.set('olderThan', command.olderThan);
    if (next) query.set('cursor', next);
    const page = await call('GET', `/api/admin/outbox/items?${query.toString()}`);
    items.push(...(page.items as Item[]));
    next = page.next as string | null;
  } while (next !== null && (command.limit === null || items.length < command.limit));
  const shown = command.limit === null ? items : items.slice(0, command.limit);
  if (json) return [JSON.stringify(shown, null, 2)];
  if (shown.length === 0) return [`no ${command.state} items`];
  return shown.map(summary);
}

function describe(body: Record<string, unknown>, field: string, json: boolean): string[] {
  if (json) return [JSON.stringify(body, null, 2)];
  const item = body[field] as Item;
  return [`${field === 'item' ? '' : `${field}: `}${summary(item)}`];
}

function summary(item: Item): string {
  const recipient = item.recipient.userPrincipalName ?? item.recipient.email ?? item.recipient.aadObjectId ?? '?';
  const error = item.lastError
    ? `  last error: ${item.lastError.failure} ${item.lastError.status ?? ''} ${item.lastError.message}`.trimEnd()
    : '';
  return `${item.id}  ${item.state}  ${item.event} task ${item.taskId}  to ${recipient}  attempts ${item.attempts}  accepted ${item.acceptedAt}${error}`;
}

loadDotenv({ quiet: true });
main(process.argv.slice(2), process.env).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
