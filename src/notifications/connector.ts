import {
  CONTRACT_DESCRIPTION,
  CONTRACT_TITLE,
  CONTRACT_VERSION,
  OPERATIONS,
  REFUSALS,
  componentSchemas,
  type ComponentName,
  type JsonObject,
} from './contract';

/**
 * The custom-connector definition Power Automate and Azure Logic Apps import: Swagger 2.0, generated from the same
 * schemas as the OpenAPI 3.1 document. Swagger 2.0 has no `anyOf` and no null type, so a nullable field becomes an
 * optional one; it allows one operation per path and method, so the batch has its own path.
 */
export function notificationsConnector(): JsonObject {
  const definitions: JsonObject = {};
  for (const [name, schema] of Object.entries(componentSchemas())) definitions[name] = toSwagger2(schema, name);
  return {
    swagger: '2.0',
    info: { title: CONTRACT_TITLE, version: CONTRACT_VERSION, description: CONTRACT_DESCRIPTION },
    // A placeholder: set the bot's host (PUBLIC_URL) on the connector's General tab after importing.
    host: 'bot.example.com',
    basePath: '/',
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    securityDefinitions: {
      notifyKey: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'Enter "Bearer " followed by the NOTIFY_API_KEY, e.g. Bearer 3q2+7w…',
      },
    },
    security: [{ notifyKey: [] }],
    paths: {
      [OPERATIONS.single.path]: { post: operation(OPERATIONS.single, 'TaskNotification', 'AcceptedNotification') },
      [OPERATIONS.batch.path]: { post: operation(OPERATIONS.batch, 'NotificationBatch', 'AcceptedBatch') },
    },
    definitions,
  };
}

type Operation = (typeof OPERATIONS)[keyof typeof OPERATIONS];

function operation(op: Operation, body: ComponentName, accepted: ComponentName): JsonObject {
  const refusals = Object.fromEntries(
    Object.entries(REFUSALS).map(([status, answer]) => [status, { description: answer.description, schema: definitionRef(answer.schema) }]),
  );
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: op.description,
    parameters: [{ name: 'body', in: 'body', required: true, 'x-ms-summary': 'Body', schema: definitionRef(body) }],
    responses: { '202': { description: op.accepted, schema: definitionRef(accepted) }, ...refusals },
  };
}

function definitionRef(name: string): JsonObject {
  return { $ref: `#/definitions/${name}` };
}

/** Keywords that mean the same in JSON Schema 2020-12 and in Swagger 2.0's schema subset. */
const SAME = new Set([
  'type',
  'format',
  'pattern',
  'enum',
  'default',
  'description',
  'required',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
]);

/**
 * One schema in Swagger 2.0's terms: nullables flattened, `$ref`s to definitions, numeric exclusive bounds as
 * booleans, titles also as `x-ms-summary` (the label Power Automate shows), required fields marked important. Any
 * keyword without a translation throws, so the connector never silently says less than the schema.
 */
export function toSwagger2(schema: JsonObject, where: string): JsonObject {
  const flat = withoutNull(schema, where);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(flat)) {
    if (SAME.has(key)) out[key] = value;
    else if (key === '$ref') out.$ref = String(value).replace('#/components/schemas/', '#/definitions/');
    else if (key === 'title') Object.assign(out, { title: value, 'x-ms-summary': value });
    else if (key === 'exclusiveMinimum') Object.assign(out, { minimum: value, exclusiveMinimum: true });
    else if (key === 'exclusiveMaximum') Object.assign(out, { maximum: value, exclusiveMaximum: true });
    else if (key === 'const') out.enum = [value];
    else if (key === 'items') out.items = toSwagger2(value as JsonObject, `${where}[]`);
    else if (key === 'properties') out.properties = properties(value as Record<string, JsonObject>, flat.required, where);
    else throw new Error(`Swagger 2.0 cannot express "${key}" (at ${where})`);
  }
  return out;
}

function properties(props: Record<string, JsonObject>, required: unknown, where: string): JsonObject {
  const important = new Set(Array.isArray(required) ? required : []);
  const out: JsonObject = {};
  for (const [name, schema] of Object.entries(props)) {
    const converted = toSwagger2(schema, `${where}.${name}`);
    out[name] = important.has(name) ? { ...converted, 'x-ms-visibility': 'important' } : converted;
  }
  return out;
}

/** `anyOf: [X, {type: 'null'}]` → X, and `type: [T, 'null']` → T, keeping the outer description and title. */
function withoutNull(schema: JsonObject, where: string): JsonObject {
  const { anyOf, ...rest } = schema;
  if (Array.isArray(anyOf)) {
    const others = (anyOf as JsonObject[]).filter((branch) => branch.type !== 'null');
    if (others.length !== 1 || others.length === anyOf.length) throw new Error(`Swagger 2.0 cannot express this anyOf (at ${where})`);
    return withoutNull({ ...(others[0] as JsonObject), ...rest }, where);
  }
  if (Array.isArray(rest.type)) {
    const types = (rest.type as string[]).filter((t) => t !== 'null');
    if (types.length !== 1) throw new Error(`Swagger 2.0 cannot express the type ${JSON.stringify(rest.type)} (at ${where})`);
    return { ...rest, type: types[0] };
  }
  return rest;
}
