import { z } from 'zod';
import { GUID_PATTERN, normaliseGuid } from '../core/guid';
import { issueMessage } from './issueMessages';
import { DigiOfficeDate, WEBHOOK_LIMITS, WebhookTaskDTO, WebhookTransitionDTO, plainText } from './webhookFields';

/**
 * The webhook contract of `POST /api/notifications` (docs/admin-guide.md, section 8; published as
 * docs/openapi/notifications.openapi.json, generated from these schemas). Unknown fields are dropped, never rejected.
 */

export const TASK_EVENTS = ['task.assigned', 'task.updated', 'task.closed'] as const;
export type TaskEventName = (typeof TASK_EVENTS)[number];

export const MAX_BATCH = 100;

/** Printable ASCII without spaces: what Entra ID allows in a user principal name. */
const UPN = /^[\x21-\x7E]+$/;

/** Senders may write null for an identity they do not know; null and absent mean the same. */
const absentWhenNull = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

export const NotificationRecipient = z
  .object({
    aadObjectId: z.string().regex(GUID_PATTERN, 'expected a GUID').transform(normaliseGuid).nullish().transform(absentWhenNull),
    userPrincipalName: z
      .string()
      .trim()
      .min(1, { abort: true })
      .max(WEBHOOK_LIMITS.recipientId)
      .regex(UPN, 'expected a user principal name: ASCII letters, digits and symbols, no spaces')
      .nullish()
      .transform(absentWhenNull),
    email: z
      .email({ error: (issue) => (issue.code === 'invalid_format' ? 'expected an e-mail address' : undefined) })
      .max(WEBHOOK_LIMITS.recipientId)
      .nullish()
      .transform(absentWhenNull),
  })
  .refine((r) => r.aadObjectId !== undefined || r.userPrincipalName !== undefined || r.email !== undefined, {
    error: 'at least one of aadObjectId, userPrincipalName, email is required',
  })
  .meta({
    description:
      'Who gets the card, by Entra ID object id, user principal name or e-mail address; at least one of them (null counts as ' +
      'absent). The most specific one that matches a user who installed the bot is used.',
  });
export type NotificationRecipient = z.infer<typeof NotificationRecipient>;

const Requirement = z.object({ Required: z.boolean() });

export const TaskNotification = z
  .object({
    id: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .meta({
        title: 'Notification id',
        description:
          'Your idempotency key: a notification with an id accepted before (within 7 days) is answered `duplicate` and not sent ' +
          'again. Send one, and reuse it when you retry.',
      }),
    event: z.enum(TASK_EVENTS).meta({
      title: 'Event',
      description:
        '`task.assigned`: send the card. `task.updated`: replace the card already sent (or send it). `task.closed`: the task ' +
        'was finished elsewhere; the card becomes read-only.',
    }),
    recipient: NotificationRecipient,
    task: WebhookTaskDTO,
    // Optional for task.closed; the check below requires it for the other events.
    transitions: z
      .array(WebhookTransitionDTO)
      .max(WEBHOOK_LIMITS.transitions)
      .nullish()
      .transform((list) => list ?? [])
      .meta({
        title: 'Transitions',
        description: 'The ways the task can be finished, one button each; required (at least one) for task.assigned and task.updated.',
      }),
    comment: Requirement.nullish().transform(absentWhenNull).meta({ description: 'Whether finishing the task requires a comment.' }),
    reason: Requirement.nullish().transform(absentWhenNull).meta({ description: 'Whether finishing the task requires a reason.' }),
    closedBy: plainText(WEBHOOK_LIMITS.closedBy)
      .nullish()
      .transform(absentWhenNull)
      .meta({ title: 'Closed by', description: 'For task.closed: who finished the task, as shown on the card.' }),
    closedAt: DigiOfficeDate.nullish()
      .transform(absentWhenNull)
      .meta({ title: 'Closed at', description: 'For task.closed: when the task was finished, a DigiOffice date.' }),
  })
  .superRefine(
    (n, ctx) => {
      if (n.event !== 'task.closed' && n.transitions.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['transitions'], message: `must contain at least one transition for ${n.event}` });
      }
    },
    { when: (payload) => transitionsNeedCheck(payload.value) },
  )
  .meta({ description: 'One task event for one recipient. Unknown fields (such as `__type`) are ignored.' });
export type TaskNotification = z.infer<typeof TaskNotification>;

export const NotificationBatch = z
  .object({
    notifications: z
      .array(TaskNotification)
      .min(1, 'a batch must contain at least one notification')
      .max(MAX_BATCH, {
        error: (issue) => `a batch holds at most ${MAX_BATCH} notifications (got ${Array.isArray(issue.input) ? issue.input.length : '?'})`,
      }),
  })
  .meta({ description: `1 to ${MAX_BATCH} notifications, accepted or refused as a whole.` });

export interface FieldIssue {
  /** Where, e.g. `notifications[3].task.ID` or `recipient`; `body` for the body as a whole. */
  path: string;
  message: string;
}

export type ParsedNotifications = { ok: true; batch: boolean; notifications: TaskNotification[] } | { ok: false; errors: FieldIssue[] };

/**
 * Parses a webhook body: one notification, or `{"notifications": [...]}` with 1..100 of them (`form: 'batch'`: only
 * the latter). A batch is accepted or rejected as a whole; the errors name every invalid field of every item.
 */
export function parseNotificationBody(body: unknown, form: 'either' | 'batch' = 'either'): ParsedNotifications {
  if (!isObject(body)) return { ok: false, errors: [{ path: 'body', message: 'expected a JSON object' }] };
  if (form === 'either' && !('notifications' in body)) {
    const single = parseOne(body);
    return single.ok ? { ok: true, batch: false, notifications: [single.value] } : single;
  }
  const batch = NotificationBatch.safeParse(body, { error: issueMessage });
  if (!batch.success) return { ok: false, errors: batch.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  return { ok: true, batch: true, notifications: batch.data.notifications };
}

function parseOne(input: unknown): { ok: true; value: TaskNotification } | { ok: false; errors: FieldIssue[] } {
  const parsed = TaskNotification.safeParse(input, { error: issueMessage });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
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
