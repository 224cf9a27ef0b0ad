import { z } from 'zod';

/**
 * The bodies `POST /api/notifications` answers with. The webhook's answers are typed from these schemas, and the
 * OpenAPI document describes them from the same schemas (openapi.ts).
 */

export const AcceptedNotification = z
  .object({
    id: z.string().meta({ description: 'The sender’s `id` when it gave one; otherwise an id the bot assigned.' }),
    status: z.enum(['queued', 'duplicate', 'pending']).meta({
      description:
        '`queued`: stored, and will be delivered. `duplicate`: the same notification was accepted before (same `id`, or the same ' +
        'content); nothing new is queued and the id of the first is answered. `pending`: stored; the recipient has not installed ' +
        'the bot yet, and it is delivered as soon as they do.',
    }),
  })
  .meta({ description: 'The notification is stored and will not be lost; there is no need to send it again.' });

export const AcceptedBatch = z
  .object({ results: z.array(AcceptedNotification).meta({ description: 'One result per notification, in the order sent.' }) })
  .meta({ description: 'Every notification of the batch is stored.' });

export const FieldProblem = z.object({
  path: z.string().meta({ description: 'Where: e.g. `notifications[3].task.ID`, `closedAt`, or `body` for the body as a whole.' }),
  message: z.string().meta({ description: 'What is wrong, e.g. `not a real date`.' }),
});

export const InvalidBody = z
  .object({
    error: z.enum(['invalidNotification', 'invalidJson']),
    message: z.string().meta({ description: 'Every problem in one line: `path: message; …`.' }),
    errors: z.array(FieldProblem).meta({ description: 'Every invalid field (empty for a body that is not JSON).' }),
  })
  .meta({ description: 'Nothing was stored (a batch is refused as a whole). Fix the body; sending it again as it is fails again.' });

export const Refusal = z.object({
  error: z.enum(['unauthorized', 'payloadTooLarge', 'unsupportedMediaType', 'unavailable']),
  message: z.string(),
});

export type AcceptedNotification = z.infer<typeof AcceptedNotification>;
export type AcceptedBatch = z.infer<typeof AcceptedBatch>;
export type InvalidBody = z.infer<typeof InvalidBody>;
export type Refusal = z.infer<typeof Refusal>;
