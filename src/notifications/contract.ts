import { z } from 'zod';
import { MAX_NOTIFICATION_BYTES } from './webhook';
import { NotificationBatch, NotificationRecipient, TaskNotification } from './schema';
import { DigiOfficeDate, WebhookTaskDTO, WebhookTransitionDTO } from './webhookFields';
import { AcceptedBatch, AcceptedNotification, FieldProblem, InvalidBody, Refusal } from './webhookResponses';

/**
 * The parts both published descriptions of `POST /api/notifications` share (the OpenAPI 3.1 document, openapi.ts,
 * and the Swagger 2.0 connector, connector.ts): the JSON Schemas, generated from the very zod schemas the server
 * parses with, and the operations and answers in words.
 */

export type JsonObject = Record<string, unknown>;

export const CONTRACT_VERSION = '1.1.0';
export const CONTRACT_TITLE = 'DigiOffice Tasks for Microsoft Teams: task notifications';
export const CONTRACT_DESCRIPTION =
  'DigiOffice sends no events by itself: whatever runs next to it (a workflow step, a scheduled script, Power Automate) ' +
  'posts task events here, and the bot shows them as task cards in Teams. DigiOffice objects (`task`, `transitions`) ' +
  'are passed on exactly as DigiOffice’s API returns them. Send the key as `Authorization: Bearer <NOTIFY_API_KEY>`.';

const COMPONENTS = {
  TaskNotification,
  NotificationBatch,
  NotificationRecipient,
  WorkflowTask: WebhookTaskDTO,
  WorkflowTransition: WebhookTransitionDTO,
  DigiOfficeDate,
  AcceptedNotification,
  AcceptedBatch,
  InvalidBody,
  FieldProblem,
  Refusal,
} satisfies Record<string, z.ZodType>;

export type ComponentName = keyof typeof COMPONENTS;

/** JSON Schema (2020-12) of every component, as a sender writes it (`io: 'input'`: before the server's transforms). */
export function componentSchemas(): Record<ComponentName, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'throw',
    uri: (id) => componentRef(id),
  });
  const result: JsonObject = {};
  for (const id of Object.keys(COMPONENTS)) {
    const { $schema: _schema, $id: _id, ...schema } = schemas[id] as JsonObject;
    result[id] = schema;
  }
  return result as Record<ComponentName, JsonObject>;
}

export function componentRef(name: string): string {
  return `#/components/schemas/${name}`;
}

export interface Answer {
  description: string;
  schema: ComponentName;
}

/** What the webhook answers, besides 202; in the order a request is checked. */
export const REFUSALS: Record<'400' | '401' | '413' | '415' | '503', Answer> = {
  '400': {
    description:
      'The body is not JSON, or fields are invalid; every invalid field is named. Nothing was stored: fix the body, do not retry it as it is.',
    schema: 'InvalidBody',
  },
  '401': {
    description: 'The key is missing or wrong (`Authorization: Bearer <NOTIFY_API_KEY>`). Nothing was stored.',
    schema: 'Refusal',
  },
  '413': {
    description: `The body is over ${MAX_NOTIFICATION_BYTES} bytes (256 KiB). Nothing was stored: send fewer notifications per batch.`,
    schema: 'Refusal',
  },
  '415': {
    description: 'The body is not declared as `Content-Type: application/json`, or is compressed. Nothing was stored.',
    schema: 'Refusal',
  },
  '503': {
    description:
      'The bot could not store the notifications just now. Send the same body again later, with the same `id`s: whatever was stored is answered `duplicate`.',
    schema: 'Refusal',
  },
};

export const OPERATIONS = {
  single: {
    path: '/api/notifications',
    operationId: 'SendTaskNotification',
    summary: 'Send a task notification',
    description:
      'Queues one task event for delivery to its recipient in Teams. The same path also takes a batch (`{"notifications": [...]}`).',
    accepted: 'Stored: it will be delivered, and is never lost once answered 202.',
  },
  batch: {
    path: '/api/notifications/batch',
    operationId: 'SendTaskNotificationBatch',
    summary: 'Send a batch of task notifications',
    description: 'Queues 1 to 100 task events at once; the batch is accepted or refused as a whole.',
    accepted: 'Every notification is stored; one result per notification, in order.',
  },
} as const;
