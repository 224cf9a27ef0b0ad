import { z } from 'zod';
import { DURATION_HINT, parseDuration } from '../core/duration';
import { GUID_PATTERN, normaliseGuid } from '../core/guid';
import { OUTBOX_STATES, type OutboxCursor, type OutboxState } from '../core/outboxAdmin';

/** The admin API's inputs (query strings and path ids), parsed once where they enter. */

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;
const STATES_TEXT = `${OUTBOX_STATES.slice(0, -1).join(', ')} or ${OUTBOX_STATES.at(-1) ?? ''}`;
/** `{order}_{id}`: where the next page starts. Orders are microseconds since 1970 (16 digits until the year 2286). */
const CURSOR = /^(\d{1,16})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const ListQuery = z.strictObject({
  state: z.enum(OUTBOX_STATES, {
    error: (issue) => (issue.input === undefined ? `is required: ${STATES_TEXT}` : `must be ${STATES_TEXT}`),
  }),
  limit: z
    .string({ error: 'must be given once, as a whole number' })
    .regex(/^\d{1,6}$/, `must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .transform(Number)
    .pipe(z.number().min(1, `must be at least 1`).max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`))
    .optional(),
  cursor: z
    .string({ error: 'must be given once' })
    .regex(CURSOR, 'must be the `next` value of the previous page')
    .transform((value): OutboxCursor => {
      const [, order = '0', id = ''] = CURSOR.exec(value) ?? [];
      return { order: Number(order), id };
    })
    .optional(),
  olderThan: z
    .string({ error: 'must be given once' })
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === null) ctx.addIssue({ code: 'custom', message: `must be ${DURATION_HINT}` });
      return ms ?? 0;
    })
    .optional(),
});

export interface ListRequest {
  state: OutboxState;
  limit: number;
  after: OutboxCursor | null;
  olderThanMs: number | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Array<{ path: string; message: string }> };

export function parseListQuery(query: unknown): Parsed<ListRequest> {
  const parsed = ListQuery.safeParse(query ?? {});
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'query', message: i.message })) };
  const { state, limit, cursor, olderThan } = parsed.data;
  return { ok: true, value: { state, limit: limit ?? DEFAULT_PAGE_SIZE, after: cursor ?? null, olderThanMs: olderThan ?? null } };
}

export function formatCursor(cursor: OutboxCursor): string {
  return `${cursor.order}_${cursor.id}`;
}

/** An outbox item id as the list shows it: a UUID (any case). */
export function parseItemId(id: unknown): Parsed<string> {
  if (typeof id !== 'string' || !GUID_PATTERN.test(id)) {
    return { ok: false, errors: [{ path: 'id', message: 'must be an outbox item id (a UUID, as the list shows it)' }] };
  }
  return { ok: true, value: normaliseGuid(id) };
}
