import { parseArgs } from 'node:util';
import { DURATION_HINT, parseDuration } from '../../src/core/duration';
import { OUTBOX_STATES, type OutboxState } from '../../src/core/outboxAdmin';

export const USAGE = `Usage: npm run outbox -- <command> [options]

Commands:
  counts                          items per state, and pending items older than OUTBOX_PENDING_REPORT_AGE
  list <state> [--older-than 7d]  items in a state: ${OUTBOX_STATES.join(', ')} (every page; --limit N for the first N)
  show <id>                       one item
  requeue <id>                    queue a failed or pending item for delivery now
  drop <id>                       delete an item (a sender repeating its notification gets "duplicate")

Options:
  --url URL      the bot's base URL (default: $BOT_URL, else http://localhost:$PORT)
  --json         print the API's JSON answers
  --older-than   only items accepted longer ago than this (${DURATION_HINT})
  --limit N      list at most N items

The admin key is read from ADMIN_API_KEY (the first key, during a rotation); variables may also come from .env.`;

export type Command =
  | { kind: 'counts' }
  | { kind: 'list'; state: OutboxState; olderThan: string | null; limit: number | null }
  | { kind: 'show' | 'requeue' | 'drop'; id: string };

export interface Invocation {
  command: Command;
  url: string | null;
  json: boolean;
}

export class UsageError extends Error {}

/** The command line, checked: every mistake is a UsageError that says what is wrong. */
export function parseInvocation(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { url: { type: 'string' }, json: { type: 'boolean' }, 'older-than': { type: 'string' }, limit: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const [name, argument, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  return { command: commandOf(name, argument, values), url: values.url ?? null, json: values.json === true };
}

function commandOf(name: string | undefined, argument: string | undefined, values: { 'older-than'?: string; limit?: string }): Command {
  switch (name) {
    case 'counts':
      if (argument !== undefined) throw new UsageError('counts takes no argument');
      return { kind: 'counts' };
    case 'list':
      return listCommand(argument, values);
    case 'show':
    case 'requeue':
    case 'drop':
      if (!argument) throw new UsageError(`${name} needs the item id (as list shows it)`);
      return { kind: name, id: argument };
    default:
      throw new UsageError(name ? `unknown command: ${name}` : 'no command given');
  }
}

function listCommand(state: string | undefined, values: { 'older-than'?: string; limit?: string }): Command {
  if (!OUTBOX_STATES.includes(state as OutboxState)) throw new UsageError(`list needs a state: ${OUTBOX_STATES.join(', ')}`);
  const olderThan = values['older-than'] ?? null;
  if (olderThan !== null && parseDuration(olderThan) === null) throw new UsageError(`--older-than must be ${DURATION_HINT}`);
  const limit = values.limit === undefined ? null : Number(values.limit);
  if (limit !== null && !(Number.isInteger(limit) && limit >= 1)) throw new UsageError('--limit must be a whole number of at least 1');
  return { kind: 'list', state: state as OutboxState, olderThan, limit };
}
