import {
  CONTRACT_DESCRIPTION,
  CONTRACT_TITLE,
  CONTRACT_VERSION,
  OPERATIONS,
  REFUSALS,
  componentRef,
  componentSchemas,
  type ComponentName,
  type JsonObject,
} from './contract';
import { CONTRACT_EXAMPLES } from './contractExamples';

/** Where the document is served (without authentication) and written to. */
export const OPENAPI_PATH = '/api/notifications/openapi.json';

/**
 * The rules the server checks in code (zod refinements) that zod's JSON Schema output cannot carry, written out by
 * hand here and nowhere else. Swagger 2.0 can express none of them; there the descriptions say them in words.
 * ("A date must be a real date" fits no JSON Schema keyword: the `DigiOfficeDate` description says it.)
 */
const REFINEMENTS: Partial<Record<ComponentName, JsonObject>> = {
  NotificationRecipient: {
    anyOf: ['aadObjectId', 'userPrincipalName', 'email'].map((name) => ({ required: [name], properties: { [name]: { type: 'string' } } })),
  },
  TaskNotification: {
    if: { required: ['event'], properties: { event: { enum: ['task.assigned', 'task.updated'] } } },
    then: { required: ['transitions'], properties: { transitions: { type: 'array', minItems: 1 } } },
    // A body with a `notifications` member is read as a batch.
    not: { required: ['notifications'] },
  },
};

/** The OpenAPI 3.1 document of the notifications webhook. */
export function notificationsOpenApi(): JsonObject {
  const schemas = componentSchemas();
  for (const [name, extra] of Object.entries(REFINEMENTS)) Object.assign(schemas[name as ComponentName], extra);
  return {
    openapi: '3.1.0',
    info: { title: CONTRACT_TITLE, version: CONTRACT_VERSION, description: CONTRACT_DESCRIPTION },
    paths: {
      [OPERATIONS.single.path]: {
        post: operation(
          OPERATIONS.single,
          { oneOf: [ref('TaskNotification'), ref('NotificationBatch')] },
          {
            oneOf: [ref('AcceptedNotification'), ref('AcceptedBatch')],
          },
        ),
      },
      [OPERATIONS.batch.path]: {
        post: operation(OPERATIONS.batch, ref('NotificationBatch'), ref('AcceptedBatch'), ['batch']),
      },
      [OPENAPI_PATH]: {
        get: {
          operationId: 'GetNotificationsOpenApi',
          summary: 'This document',
          security: [],
          responses: {
            '200': { description: 'The OpenAPI 3.1 document of the notifications webhook.', content: json({ type: 'object' }) },
          },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: {
        notifyKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'NOTIFY_API_KEY. During a key rotation the bot accepts both the new and the old key.',
        },
      },
    },
  };
}

type Operation = (typeof OPERATIONS)[keyof typeof OPERATIONS];

function operation(
  op: Operation,
  body: JsonObject,
  accepted: JsonObject,
  exampleNames?: Array<keyof typeof CONTRACT_EXAMPLES>,
): JsonObject {
  const names = exampleNames ?? (Object.keys(CONTRACT_EXAMPLES) as Array<keyof typeof CONTRACT_EXAMPLES>);
  const examples = Object.fromEntries(names.map((name) => [name, CONTRACT_EXAMPLES[name]]));
  const refusals = Object.fromEntries(
    Object.entries(REFUSALS).map(([status, answer]) => [status, { description: answer.description, content: json(ref(answer.schema)) }]),
  );
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: op.description,
    security: [{ notifyKey: [] }],
    requestBody: { required: true, content: { 'application/json': { schema: body, examples } } },
    responses: { '202': { description: op.accepted, content: json(accepted) }, ...refusals },
  };
}

function ref(name: ComponentName): JsonObject {
  return { $ref: componentRef(name) };
}

function json(schema: JsonObject): JsonObject {
  return { 'application/json': { schema } };
}
