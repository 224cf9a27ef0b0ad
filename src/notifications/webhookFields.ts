import { z } from 'zod';
import { isDigiOfficeDate } from '../digioffice/dates';
import { WorkflowTaskDTO, WorkflowTransitionDTO } from '../digioffice/dto';

/**
 * The fields of a webhook body whose limits come from where they end up, so that what the door accepts the bot can
 * deliver:
 * - text shown on the task card is capped so the largest card a notification can produce stays inside Teams' message
 *   limit of about 28 KB (test/unit/notifications/cardBudget.test.ts renders it);
 * - dates must be real dates, because delivery reads them;
 * - a recipient's UPN and e-mail become lookup keys in storage; ASCII at 320 characters fits every backend's key
 *   limit (Azure blob names: 1024 characters after encoding), and Entra ID allows only ASCII in a UPN anyway.
 */
export const WEBHOOK_LIMITS = {
  /** Task `Name`, `WorkflowDescription`, `StatusDescription`, `TypeDescription`. */
  taskText: 255,
  transitionName: 100,
  transitions: 20,
  link: 2048,
  closedBy: 500,
  recipientId: 320,
} as const;

/**
 * Text without control characters (tab and line breaks allowed) and without lone UTF-16 surrogates: in JSON each of
 * those takes six bytes (`\u0001`), which would break the card budget, and a lone surrogate has no UTF-8 form.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PLAIN_TEXT = /^(?:[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

export function plainText(max: number): z.ZodString {
  return z.string().max(max).regex(PLAIN_TEXT, { error: 'must not contain control characters', abort: true });
}

/**
 * Every form `parseDigiOfficeDate` (src/digioffice/dates.ts) reads: DigiOffice's zone-less
 * `2026-11-30T17:05:00.0000000` (also shorter, down to a date), ISO with `Z` or an offset, and `/Date(ms±hhmm)/`.
 */
export const DIGIOFFICE_DATE_PATTERN =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)?$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$|^\/Date\(-?\d+(?:[+-]\d{4})?\)\/$/;

/** Whether the calendar and clock fields exist (no 13th month, no 25th hour). The zone does not matter for that. */
export const DigiOfficeDate = z
  .string()
  .regex(DIGIOFFICE_DATE_PATTERN, { error: 'expected a DigiOffice date like 2026-11-30T17:05:00.0000000', abort: true })
  .refine(isDigiOfficeDate, { error: 'not a real date' })
  .meta({ description: 'A DigiOffice date, as DigiOffice writes it (wall-clock time in DigiOffice’s zone), and a real one.' });

/** A task as a webhook sender passes it on from DigiOffice, with the limits above. */
export const WebhookTaskDTO = WorkflowTaskDTO.extend({
  Name: plainText(WEBHOOK_LIMITS.taskText).min(1),
  WorkflowDescription: plainText(WEBHOOK_LIMITS.taskText).nullish(),
  StatusDescription: plainText(WEBHOOK_LIMITS.taskText).nullish(),
  TypeDescription: plainText(WEBHOOK_LIMITS.taskText).nullish(),
  ExpirationDate: DigiOfficeDate.nullish(),
  AssignedDate: DigiOfficeDate.nullish(),
  RelativeDetailLink: plainText(WEBHOOK_LIMITS.link).nullish(),
}).meta({
  description:
    'The task as DigiOffice’s API returns it (WorkflowTaskDTO), passed on unchanged: at least ID and Name. Other fields are ' + 'ignored.',
});

export const WebhookTransitionDTO = WorkflowTransitionDTO.extend({
  Name: plainText(WEBHOOK_LIMITS.transitionName).min(1),
  DeferUntil: DigiOfficeDate.nullish(),
}).meta({ description: 'A transition as DigiOffice’s API returns it (WorkflowTransitionDTO), passed on unchanged.' });
