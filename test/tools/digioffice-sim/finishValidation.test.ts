import { TRANSITION_IDS } from '../../../tools/digioffice-sim';
import { call, fieldErrorBody, signIn, type StartedSim, startSim, useSignedInSim } from './simHttp';

/** FinishTaskOperation refusals: every request here must leave all tasks untouched. */

const FINISH = '/api/workflowtasks/finish';
const UNKNOWN_GUID = '11111111-2222-3333-4444-555555555555';

describe('POST /api/workflowtasks/finish (refusals)', () => {
  const ctx = useSignedInSim();

  async function finish(body: unknown, token = ctx.alex) {
    return call(ctx.s.url, 'POST', FINISH, { token, body });
  }

  function expectUntouched(...ids: number[]) {
    for (const id of ids)
      expect(ctx.s.sim.taskState(id)).toEqual({ id, userId: id === 45 ? 14 : 12, status: 'open', finished: null, deferred: null });
  }

  it.each([
    ['missing', { Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] }],
    ['empty', { TaskIDs: [], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] }],
  ])('refuses %s TaskIDs', async (_name, body) => {
    const result = await finish(body);

    expect([result.status, result.statusText]).toEqual([400, 'NotEmpty']);
    expect(result.body).toEqual(fieldErrorBody('NotEmpty', 'TaskIDs', "'Task IDs' must not be empty."));
  });

  it('refuses a request with neither Transitions nor DeferTo', async () => {
    const result = await finish({ TaskIDs: [42], Transitions: [], DeferTo: null });

    expect(result.status).toBe(400);
    expect(result.body).toEqual(fieldErrorBody('NotEmpty', 'Transitions', "Either 'Transitions' or 'Defer To' must be given."));
    expectUntouched(42);
  });

  it('refuses Transitions combined with DeferTo', async () => {
    const result = await finish({ TaskIDs: [42], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }], DeferTo: '2026-12-05T09:00:00' });

    expect(result.body).toEqual(fieldErrorBody('ArgumentException', 'DeferTo', "'Defer To' cannot be combined with 'Transitions'."));
    expectUntouched(42);
  });

  it('refuses a transition the task does not offer', async () => {
    const result = await finish({ TaskIDs: [42], Transitions: [{ ID: TRANSITION_IDS.drawingDone }] });

    expect([result.status, result.statusText]).toEqual([400, 'ArgumentException']);
    expect(result.body).toEqual(
      fieldErrorBody(
        'ArgumentException',
        'Transitions[0].ID',
        `Transition ${TRANSITION_IDS.drawingDone} is not offered for workflow task 42.`,
      ),
    );
    expectUntouched(42);
  });

  it('refuses the whole batch when one task does not offer the transition, changing nothing', async () => {
    const result = await finish({ TaskIDs: [42, 43], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }], Comment: 'x' });

    expect(result.body).toEqual(
      fieldErrorBody(
        'ArgumentException',
        'Transitions[0].ID',
        `Transition ${TRANSITION_IDS.invoiceApprove} is not offered for workflow task 43.`,
      ),
    );
    expectUntouched(42, 43);
  });

  it('refuses an ad-hoc-required transition without users, groups or roles', async () => {
    const result = await finish({
      TaskIDs: [43],
      Comment: 'x',
      Transitions: [{ ID: TRANSITION_IDS.drawingForward, UserIDs: [], GroupIDs: [], RoleIDs: [] }],
    });

    expect([result.status, result.statusText]).toEqual([400, 'NotEmpty']);
    expect(result.body).toEqual(
      fieldErrorBody('NotEmpty', 'Transitions[0].UserIDs', "Transition 'Forward for review' requires at least one user, group or role."),
    );
    expectUntouched(43);
  });

  it('refuses assignee ids that do not exist (a group id sent as a user id, say)', async () => {
    const result = await finish({
      TaskIDs: [43],
      Comment: 'x',
      Transitions: [{ ID: TRANSITION_IDS.drawingForward, UserIDs: [3], GroupIDs: [12] }],
    });

    expect(result.body).toEqual({
      ResponseStatus: {
        ErrorCode: 'ArgumentException',
        Message: 'Unknown user 3.',
        Errors: [
          { ErrorCode: 'ArgumentException', FieldName: 'Transitions[0].UserIDs', Message: 'Unknown user 3.' },
          { ErrorCode: 'ArgumentException', FieldName: 'Transitions[0].GroupIDs', Message: 'Unknown group 12.' },
        ],
      },
    });
  });

  it('refuses DeferUntil on a transition without DeferAtStartWorkflowIsAdHoc', async () => {
    const result = await finish({
      TaskIDs: [44],
      Reason: 'r',
      Transitions: [{ ID: TRANSITION_IDS.contractSignOff, DeferUntil: '2026-12-05T09:00:00.0000000' }],
    });

    expect(result.body).toEqual(
      fieldErrorBody('ArgumentException', 'Transitions[0].DeferUntil', "Transition 'Sign off' cannot be deferred."),
    );
    expectUntouched(44);
  });

  it('refuses a DeferUntil in the past', async () => {
    const result = await finish({
      TaskIDs: [44],
      Reason: 'r',
      Transitions: [{ ID: TRANSITION_IDS.contractSignOffFollowUp, DeferUntil: '2026-11-30T12:59:59.9990000' }],
    });

    expect(result.body).toEqual(fieldErrorBody('ArgumentException', 'Transitions[0].DeferUntil', "'Defer Until' must be in the future."));
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['missing', undefined],
  ])('refuses a required Reason that is %s', async (_name, reason) => {
    const result = await finish({ TaskIDs: [44], Reason: reason, Transitions: [{ ID: TRANSITION_IDS.contractSignOff }] });

    expect([result.status, result.statusText]).toEqual([400, 'NotEmpty']);
    expect(result.body).toEqual(fieldErrorBody('NotEmpty', 'Reason', "'Reason' must not be empty."));
    expectUntouched(44);
  });

  it('refuses a required Comment that is empty', async () => {
    const result = await finish({ TaskIDs: [43], Comment: '', Transitions: [{ ID: TRANSITION_IDS.drawingDone }] });

    expect(result.body).toEqual(fieldErrorBody('NotEmpty', 'Comment', "'Comment' must not be empty."));
    expectUntouched(43);
  });

  it('applies the required Reason to a deferral too', async () => {
    const result = await finish({ TaskIDs: [44], DeferTo: '2026-12-05T09:00:00' });

    expect(result.body).toEqual(fieldErrorBody('NotEmpty', 'Reason', "'Reason' must not be empty."));
    expectUntouched(44);
  });

  it('refuses a task that is already finished with InvalidOperationException', async () => {
    expect((await finish({ TaskIDs: [42], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] })).status).toBe(204);

    const again = await finish({ TaskIDs: [42], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] });

    expect([again.status, again.statusText]).toEqual([400, 'InvalidOperationException']);
    expect(again.body).toEqual(fieldErrorBody('InvalidOperationException', 'TaskIDs', 'Workflow task 42 is already finished.'));
  });

  it('[inference] refuses a finished task as such before looking at the inputs', async () => {
    expect((await finish({ TaskIDs: [44], Reason: 'signed', Transitions: [{ ID: TRANSITION_IDS.contractSignOff }] })).status).toBe(204);

    const again = await finish({ TaskIDs: [44], DeferTo: '2026-11-30T13:00:00.0000000' });

    expect([again.status, again.statusText]).toEqual([400, 'InvalidOperationException']);
    expect(again.body).toEqual(fieldErrorBody('InvalidOperationException', 'TaskIDs', 'Workflow task 44 is already finished.'));
  });

  it('refuses a DeferTo in the past', async () => {
    const result = await finish({ TaskIDs: [42], DeferTo: '2026-11-30T13:00:00.0000000' });

    expect(result.body).toEqual(fieldErrorBody('ArgumentException', 'DeferTo', "'Defer To' must be in the future."));
    expectUntouched(42);
  });

  it('answers 403 for a task assigned to someone else, even inside a batch', async () => {
    const result = await finish({ TaskIDs: [42, 45], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] });

    expect([result.status, result.statusText]).toEqual([403, 'UnauthorizedAccessException']);
    expect(result.body).toEqual({
      ResponseStatus: { ErrorCode: 'UnauthorizedAccessException', Message: 'Workflow task 45 is not assigned to you.', Errors: [] },
    });
    expectUntouched(42, 45);
  });

  it('lets the assignee finish what another user may not', async () => {
    const jan = (await signIn(ctx.s.url, 'jan', 'jan-secret')).bearer;

    expect((await finish({ TaskIDs: [45], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] }, jan)).status).toBe(204);
    expect(ctx.s.sim.taskState(45)?.finished?.byUserId).toBe(14);
  });

  it('answers 404 for an unknown task by default, changing nothing', async () => {
    const result = await finish({ TaskIDs: [42, 99], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] });

    expect([result.status, result.statusText]).toEqual([404, 'NotFound']);
    expect(result.body).toEqual({ ResponseStatus: { ErrorCode: 'NotFound', Message: 'Workflow task 99 not found.', Errors: [] } });
    expectUntouched(42);
  });

  it('collects every field error of a request in one answer', async () => {
    const result = await finish({
      TaskIDs: [43, 44],
      Transitions: [{ ID: TRANSITION_IDS.drawingForward }, { ID: TRANSITION_IDS.contractSignOff }, { ID: UNKNOWN_GUID }],
    });

    expect(result.status).toBe(400);
    expect((result.body as { ResponseStatus: { Errors: { FieldName: string }[] } }).ResponseStatus.Errors.map((e) => e.FieldName)).toEqual([
      'Reason',
      'Comment',
      'Transitions[2].ID',
      'Transitions[0].UserIDs',
    ]);
    expectUntouched(43, 44);
  });

  it('answers 400 SerializationException for values that cannot be bound', async () => {
    const result = await finish({ TaskIDs: ['abc'], WSVerbindingID: 'not-a-guid', DeferTo: 'tomorrow', Transitions: [{ ID: 'x' }] });

    expect([result.status, result.statusText]).toEqual([400, 'SerializationException']);
    expect(result.body).toEqual({
      ResponseStatus: {
        ErrorCode: 'SerializationException',
        Message: "Unable to bind to request 'FinishTaskOperation'",
        Errors: [
          { ErrorCode: 'SerializationException', FieldName: 'TaskIDs[0]', Message: "'abc' is an Invalid value for 'TaskIDs[0]'" },
          {
            ErrorCode: 'SerializationException',
            FieldName: 'WSVerbindingID',
            Message: "'not-a-guid' is an Invalid value for 'WSVerbindingID'",
          },
          {
            ErrorCode: 'SerializationException',
            FieldName: 'Transitions[0].ID',
            Message: "'x' is an Invalid value for 'Transitions[0].ID'",
          },
          { ErrorCode: 'SerializationException', FieldName: 'DeferTo', Message: "'tomorrow' is an Invalid value for 'DeferTo'" },
        ],
      },
    });
  });

  it('answers 400 SerializationException for a body that is not JSON', async () => {
    const result = await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, rawBody: '{"TaskIDs":[42' });

    expect([result.status, result.statusText]).toEqual([400, 'SerializationException']);
    expect(result.body).toEqual({
      ResponseStatus: { ErrorCode: 'SerializationException', Message: "Could not deserialize 'application/json' request body", Errors: [] },
    });
  });
});

describe.each([
  [
    400,
    {
      ResponseStatus: {
        ErrorCode: 'ArgumentException',
        Message: 'Workflow task 99 does not exist.',
        Errors: [{ ErrorCode: 'ArgumentException', FieldName: 'TaskIDs', Message: 'Workflow task 99 does not exist.' }],
      },
    },
  ],
  [
    500,
    {
      ResponseStatus: { ErrorCode: 'NullReferenceException', Message: 'Object reference not set to an instance of an object.', Errors: [] },
    },
  ],
] as const)('an unknown task with unknownTaskStatus %i', (status, body) => {
  let s: StartedSim;

  beforeAll(async () => {
    s = await startSim({ unknownTaskStatus: status });
  });
  afterAll(() => s.sim.close());

  it('answers that status and body', async () => {
    const { bearer } = await signIn(s.url, 'alexw', 'demo');

    const result = await call(s.url, 'POST', FINISH, {
      token: bearer,
      body: { TaskIDs: [99], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] },
    });

    expect([result.status, result.statusText]).toEqual([status, body.ResponseStatus.ErrorCode]);
    expect(result.body).toEqual(body);
  });
});
