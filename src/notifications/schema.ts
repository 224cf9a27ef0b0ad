import { z } from 'zod';
import { GUID_PATTERN, normaliseGuid } from '../core/guid';
import { WorkflowTaskDTO, WorkflowTransitionDTO } from '../digioffice/dto';
import { issueMessage } from './issueMessages';

/** The webhook contract of `POST /api/notifications` (docs/admin-guide.md §8). Unknown fields are dropped, never rejected. */

export const TASK_EVENTS = ['task.assigned', 'task.updated', 'task.closed'] as const;
export type TaskEventName = (typeof TASK_EVENTS)[number];

export const MAX_BATCH = 100;

/**
 * ISO-8601 as DigiOffice writes it (`2026-11-30T17:05:00.0000000`, optionally with `Z` or an offset) or the
 * ServiceStack `/Date(ms±hhmm)/` form (docs/digioffice-contract.md).
 */
const DIGIOFFICE_DATE =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$|^\/Date\(-?\d+(?:[+-]\d{4})?\)\/$/;

/** Senders may write null for an identity they do not know; null and absent mean the same. */
const absentWhenNull = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

export const NotificationRecipient = z
  .object({
    aadObjectId: z.string().regex(GUID_PATTERN, 'expected a GUID').transform(normaliseGuid).nullish().transform(absentWhenNull),
    userPrincipalName: z.string().trim().min(1).max(320).nullish().transform(absentWhenNull),
    email: z.email({ error: 'expected an e-mail address' }).max(320).nullish().transform(absentWhenNull),
  })
  .refine((r) => r.aadObjectId !== undefined || r.userPrincipalName !== undefined || r.email !== undefined, {
    error: 'at least one of aadObjectId, userPrincipalName, email is required',
  });
export type NotificationRecipient = z.infer<typeof NotificationRecipient>;

const Requirement = z.object({ Required: z.boolean() });

export const TaskNotification = z
  .object({
    id: z.string().min(1).max(200).optional(),
    event: z.enum(TASK_EVENTS),
    recipient: NotificationRecipient,
    task: WorkflowTaskDTO,
    // Optional for task.closed; the check below requires it for the other events.
    transitions: z
      .array(WorkflowTransitionDTO)
      .nullish()
      .transform((list) => list ?? []),
    comment: Requirement.nullish().transform(absentWhenNull),
    reason: Requirement.nullish().transform(absentWhenNull),
    closedBy: z.string().max(500).nullish().transform(absentWhenNull),
    closedAt: z
      .string()
      .regex(DIGIOFFICE_DATE, 'expected a DigiOffice date like 2026-11-30T17:05:00.0000000')
      .nullish()
      .transform(absentWhenNull),
  })
  .superRefine(
    (n, ctx) => {
      if (n.event !== 'task.closed' && n.transitions.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['transitions'], message: `must contain at least one transition for ${n.event}` });
      }
    },
    { when: (payload) => transitionsNeedCheck(payload.value) },
  );
export type TaskNotification = z.infer<typeof TaskNotification>;

const Batch = z.object({
  notifications: z
    .array(z.unknown())
    .min(1, 'a batch must contain at least one notification')
    .max(MAX_BATCH, {
      error: (issue) => `a batch holds at most ${MAX_BATCH} notifications (got ${Array.isArray(issue.input) ? issue.input.length : '?'})`,
    }),
});

export interface FieldIssue {
  /** Where, e.g. `notifications[3].task.ID` or `recipient`; `body` for the body as a whole. */
  path: string;
  message: string;
}

export type ParsedNotifications = { ok: true; batch: boolean; notifications: TaskNotification[] } | { ok: false; errors: FieldIssue[] };

/**
 * Parses a webhook body: one notification, or `{"notifications": [...]}` with 1..100 of them. A batch is accepted or
 * rejected as a whole; the errors name every invalid field of every item.
 */
export function parseNotificationBody(body: unknown): ParsedNotifications {
  if (!isObject(body)) return { ok: false, errors: [{ path: 'body', message: 'expected a JSON object' }] };
  if (!('notifications' in body)) {
    const single = parseOne(body, []);
    return single.ok ? { ok: true, batch: false, notifications: [single.value] } : single;
  }
  const batch = Batch.safeParse(body, { error: issueMessage });
  if (!batch.success) return { ok: false, errors: batch.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };

  const notifications: TaskNotification[] = [];
  const errors: FieldIssue[] = [];
  batch.data.notifications.forEach((item, index) => {
    const parsed = parseOne(item, ['notifications', index]);
    if (parsed.ok) notifications.push(parsed.value);
    else errors.push(...parsed.errors);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, batch: true, notifications };
}

function parseOne(input: unknown, prefix: PropertyKey[]): { ok: true; value: TaskNotification } | { ok: false; errors: FieldIssue[] } {
  const parsed = TaskNotification.safeParse(input, { error: issueMessage });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message })) };
}

/**
 * The transitions rule runs even when other fields are invalid, so one answer names every problem; it needs only a
 * known event and a transitions value that is not itself malformed.
 */
function transitionsNeedCheck(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value.event !== 'task.assigned' && value.event !== 'task.updated') return false;
  return (
    value.transitions === undefined || value.transitions === null || (Array.isArray(value.transitions) && value.transitions.length === 0)
  );
}

/** `["notifications", 3, "task", "ID"]` → `notifications[3].task.ID`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? 'body' : out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
