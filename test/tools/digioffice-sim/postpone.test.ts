import { call, fieldErrorBody, useSignedInSim } from './simHttp';

const POSTPONE = '/api/workflowtasks/postpone';

describe('POST /api/workflowtasks/postpone', () => {
  const ctx = useSignedInSim();

  it('answers 204 and defers the tasks until DateTime', async () => {
    const result = await call(ctx.s.url, 'POST', POSTPONE, {
      token: ctx.alex,
      body: { TaskIDs: [42, 46], DateTime: '/Date(1796464800000+0100)/', Reason: 'holiday' },
    });

    expect([result.status, result.text]).toEqual([204, '']);
    const deferred = {
      byUserId: 12,
      until: '2026-12-05T11:00:00.0000000',
      reason: 'holiday',
      comment: null,
      wsVerbindingId: null,
      via: 'postpone',
    };
    expect(ctx.s.sim.taskState(42)).toEqual({ id: 42, userId: 12, status: 'deferred', finished: null, deferred });
    expect(ctx.s.sim.taskState(46)?.deferred).toEqual(deferred);
  });

  it('shows the deferral in the task DTO', async () => {
    await call(ctx.s.url, 'POST', POSTPONE, {
      token: ctx.alex,
      body: { TaskIDs: [42], DateTime: '2026-12-05T09:00:00', Reason: 'holiday' },
    });

    const tasks = await call(ctx.s.url, 'POST', '/api/workflowmultitasks', { token: ctx.alex, body: { TaskIDs: [42] } });

    expect((tasks.body as { Tasks: unknown[] }).Tasks[0]).toMatchObject({
      StatusDescription: 'Deferred',
      DeferDate: '2026-12-05T09:00:00.0000000',
      DeferReason: 'holiday',
    });
  });

  it('names every missing required field', async () => {
    const result = await call(ctx.s.url, 'POST', POSTPONE, { token: ctx.alex, body: { TaskIDs: [] } });

    expect([result.status, result.statusText]).toEqual([400, 'NotEmpty']);
    expect(result.body).toEqual({
      ResponseStatus: {
        ErrorCode: 'NotEmpty',
        Message: "'Task IDs' must not be empty.",
        Errors: [
          { ErrorCode: 'NotEmpty', FieldName: 'TaskIDs', Message: "'Task IDs' must not be empty." },
          { ErrorCode: 'NotEmpty', FieldName: 'DateTime', Message: "'Date Time' must not be empty." },
          { ErrorCode: 'NotEmpty', FieldName: 'Reason', Message: "'Reason' must not be empty." },
        ],
      },
    });
  });

  it('refuses a DateTime in the past', async () => {
    const result = await call(ctx.s.url, 'POST', POSTPONE, {
      token: ctx.alex,
      body: { TaskIDs: [42], DateTime: '2026-11-30T11:59:00Z', Reason: 'r' },
    });

    expect(result.body).toEqual(fieldErrorBody('ArgumentException', 'DateTime', "'Date Time' must be in the future."));
    expect(ctx.s.sim.taskState(42)?.status).toBe('open');
  });

  it("answers 403 for another user's task and 401 without a token", async () => {
    const body = { TaskIDs: [45], DateTime: '2026-12-05T09:00:00', Reason: 'r' };

    const foreign = await call(ctx.s.url, 'POST', POSTPONE, { token: ctx.alex, body });
    const anonymous = await call(ctx.s.url, 'POST', POSTPONE, { body });

    expect([foreign.status, foreign.body]).toEqual([
      403,
      { ResponseStatus: { ErrorCode: 'UnauthorizedAccessException', Message: 'Workflow task 45 is not assigned to you.', Errors: [] } },
    ]);
    expect(anonymous.status).toBe(401);
  });

  it('refuses a finished task', async () => {
    await call(ctx.s.url, 'POST', '/api/workflowtasks/finish', {
      token: ctx.alex,
      body: { TaskIDs: [42], Transitions: [{ ID: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a01' }] },
    });

    const result = await call(ctx.s.url, 'POST', POSTPONE, {
      token: ctx.alex,
      body: { TaskIDs: [42], DateTime: '2026-12-05T09:00:00', Reason: 'r' },
    });

    expect(result.body).toEqual(fieldErrorBody('InvalidOperationException', 'TaskIDs', 'Workflow task 42 is already finished.'));
  });
});
