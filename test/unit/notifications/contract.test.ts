import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notificationsConnector, toSwagger2 } from '../../../src/notifications/connector';
import { CONTRACT_EXAMPLES } from '../../../src/notifications/contractExamples';
import { notificationsOpenApi } from '../../../src/notifications/openapi';
import { parseNotificationBody } from '../../../src/notifications/schema';
import { notificationFor, SEED, type TaskEvent } from '../../../tools/digioffice-sim';
import { CONTRACT_FILES, ROOT, renderContract } from '../../../tools/openapi/files';
import { APPROVE_ID, rawNotification } from './fixtures';

type Json = Record<string, unknown>;

/** A validator for the request body of `path` in the generated OpenAPI document (JSON Schema 2020-12). */
function requestValidator(path: string) {
  const document = notificationsOpenApi() as Json & { paths: Record<string, { post: Json }> };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: 'https://contract.test/openapi.json' });
  const pointer = `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/post/requestBody/content/application~1json/schema`;
  return ajv.compile({ $ref: `https://contract.test/openapi.json${pointer}` });
}

const validSingle = requestValidator('/api/notifications');

function docAccepts(body: unknown): boolean {
  return validSingle(body);
}

function serverAccepts(body: unknown): boolean {
  return parseNotificationBody(body).ok;
}

/** The JSON bodies of the sender examples in the admin guide: curl heredocs and PowerShell here-strings. */
function guideBodies(): Array<{ kind: 'curl' | 'powershell'; body: unknown }> {
  const guide = readFileSync(join(ROOT, 'docs/admin-guide.md'), 'utf8');
  const curl = [...guide.matchAll(/<<'JSON'\n([\s\S]*?)\nJSON\n/g)].map((m) => ({ kind: 'curl' as const, text: m[1] ?? '' }));
  const powershell = [...guide.matchAll(/@'\n([\s\S]*?)\n'@/g)].map((m) => ({ kind: 'powershell' as const, text: m[1] ?? '' }));
  return [...curl, ...powershell].map(({ kind, text }) => ({ kind, body: JSON.parse(text) as unknown }));
}

function shapeOf(body: unknown): string {
  const b = body as { notifications?: unknown; event?: string };
  return b.notifications ? 'batch' : (b.event ?? '?');
}

describe('the committed contract files', () => {
  it.each(CONTRACT_FILES.map((file) => [file.path, file] as const))('%s is what `npm run openapi` generates', (path, file) => {
    const committed = readFileSync(join(ROOT, path), 'utf8');
    // On failure: run `npm run openapi` and commit docs/openapi/.
    expect(committed).toBe(renderContract(file.build()));
  });
});

describe('example bodies validate against the OpenAPI document and are accepted by the server', () => {
  const bodies: Array<[string, unknown]> = [
    ...Object.entries(CONTRACT_EXAMPLES).map(([name, example]): [string, unknown] => [`OpenAPI example ${name}`, example.value]),
    ...guideBodies().map(({ kind, body }, i): [string, unknown] => [`admin guide ${kind} #${i + 1} (${shapeOf(body)})`, body]),
    ['unit fixture rawNotification()', rawNotification()],
    ['unit fixture, closed', rawNotification({ event: 'task.closed', transitions: undefined, closedAt: '2026-11-30T17:05:00.0000000' })],
    ...SEED.tasks.flatMap((task) =>
      (['task.assigned', 'task.updated', 'task.closed'] as TaskEvent[]).map((event): [string, unknown] => [
        `simulator notificationFor(${task.id}, ${event})`,
        notificationFor(task.id, { userPrincipalName: 'jan@contoso.nl' }, event),
      ]),
    ),
  ];

  it.each(bodies)('%s', (_name, body) => {
    expect(validSingle.errors ?? []).toEqual([]);
    const valid = docAccepts(body);
    expect(validSingle.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(parseNotificationBody(body)).toMatchObject({ ok: true });
  });

  it('the admin guide has a single notification, a batch and task.closed, in curl and in PowerShell', () => {
    const shapes = guideBodies().map(({ kind, body }) => `${kind}:${shapeOf(body)}`);
    expect([...new Set(shapes)].sort()).toEqual([
      'curl:batch',
      'curl:task.assigned',
      'curl:task.closed',
      'powershell:batch',
      'powershell:task.assigned',
      'powershell:task.closed',
    ]);
  });
});

describe('the OpenAPI document and the server agree', () => {
  const base = rawNotification();
  it.each<[string, unknown]>([
    ['no recipient id (a hand-written refinement)', { ...base, recipient: {} }],
    ['only null recipient ids', { ...base, recipient: { aadObjectId: null, email: null } }],
    ['task.assigned without transitions (a hand-written refinement)', { ...base, transitions: undefined }],
    ['task.updated with an empty transitions list', { ...base, event: 'task.updated', transitions: [] }],
    ['a single notification that also has `notifications` (read as a batch)', { ...base, notifications: [] }],
    ['a date not in a DigiOffice form', { ...base, task: { ID: 42, Name: 'x', ExpirationDate: '05-12-2026' } }],
    ['a task Name over its limit', { ...base, task: { ID: 42, Name: 'x'.repeat(256) } }],
    ['21 transitions', { ...base, transitions: Array.from({ length: 21 }, () => ({ ID: APPROVE_ID, Name: 'Go' })) }],
    ['a control character in a name', { ...base, task: { ID: 42, Name: 'a\u0007b' } }],
    ['a UPN with a space', { ...base, recipient: { userPrincipalName: 'jan de vries@contoso.nl' } }],
    ['an unknown event', { ...base, event: 'task.moved' }],
    ['101 notifications', { notifications: Array.from({ length: 101 }, () => base) }],
    ['an empty batch', { notifications: [] }],
    ['a batch with one invalid item', { notifications: [base, { ...base, task: { ID: 0, Name: 'x' } }] }],
  ])('both refuse %s', (_name, body) => {
    expect([docAccepts(body), serverAccepts(body)]).toEqual([false, false]);
  });

  it.each<[string, unknown]>([
    ['task.closed without transitions', { ...base, event: 'task.closed', transitions: null }],
    [
      'null for every optional field',
      { ...base, comment: null, reason: null, closedBy: null, closedAt: null, task: { ID: 42, Name: 'x', Urgent: null } },
    ],
    ['unknown fields such as __type', { ...base, __type: 'Envelope', task: { ID: 42, Name: 'x', __type: 'WorkflowTaskDTO' } }],
    ['a batch of 100', { notifications: Array.from({ length: 100 }, () => base) }],
  ])('both accept %s', (_name, body) => {
    expect([docAccepts(body), serverAccepts(body)]).toEqual([true, true]);
  });

  it('differ only where JSON Schema has no word for the rule: a well-formed date that does not exist (said in its description)', () => {
    const body = { ...base, event: 'task.closed', closedAt: '2026-13-45T25:61:00' };
    expect([docAccepts(body), serverAccepts(body)]).toEqual([true, false]);
    const date = (notificationsOpenApi() as { components: { schemas: Record<string, { description?: string }> } }).components.schemas
      .DigiOfficeDate;
    expect(date?.description).toContain('a real one');
  });

  it('the batch path takes only batches', () => {
    const validBatch = requestValidator('/api/notifications/batch');
    expect([validBatch({ notifications: [base] }), validBatch(base)]).toEqual([true, false]);
    expect([parseNotificationBody({ notifications: [base] }, 'batch').ok, parseNotificationBody(base, 'batch').ok]).toEqual([true, false]);
  });
});

describe('the Swagger 2.0 connector', () => {
  const connector = notificationsConnector() as Json & { paths: Record<string, Record<string, Json>>; definitions: Record<string, Json> };

  it('has one operation for a single notification and one for a batch, keyed by the bearer key in a header', () => {
    expect(
      Object.entries(connector.paths).map(([path, ops]) => [path, Object.keys(ops), ops.post?.operationId, ops.post?.parameters]),
    ).toEqual([
      [
        '/api/notifications',
        ['post'],
        'SendTaskNotification',
        [expect.objectContaining({ in: 'body', schema: { $ref: '#/definitions/TaskNotification' } })],
      ],
      [
        '/api/notifications/batch',
        ['post'],
        'SendTaskNotificationBatch',
        [expect.objectContaining({ in: 'body', schema: { $ref: '#/definitions/NotificationBatch' } })],
      ],
    ]);
    expect(connector.securityDefinitions).toEqual({
      notifyKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: expect.stringContaining('Bearer ') },
    });
  });

  it('has no anyOf, oneOf or null type anywhere: nullables became optional fields', () => {
    const text = JSON.stringify(connector);
    expect(text).not.toMatch(/"(anyOf|oneOf|allOf|if|then|not|const|\$defs)":/);
    expect(text).not.toContain('"null"');
    expect(connector.definitions.TaskNotification?.required).toEqual(['event', 'recipient', 'task']);
    expect((connector.definitions.TaskNotification?.properties as Record<string, Json>).closedAt).toEqual({
      $ref: '#/definitions/DigiOfficeDate',
      title: 'Closed at',
      'x-ms-summary': 'Closed at',
      description: 'For task.closed: when the task was finished, a DigiOffice date.',
    });
  });

  it('refuses to flatten what Swagger 2.0 cannot say, instead of saying less', () => {
    expect(() => toSwagger2({ anyOf: [{ type: 'string' }, { type: 'integer' }] }, 'X')).toThrow(
      'Swagger 2.0 cannot express this anyOf (at X)',
    );
    expect(() => toSwagger2({ type: 'object', properties: { a: { if: {} } } }, 'X')).toThrow('Swagger 2.0 cannot express "if" (at X.a)');
  });
});
