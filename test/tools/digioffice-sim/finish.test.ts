import { TRANSITION_IDS } from '../../../tools/digioffice-sim';
import { call, useSignedInSim } from './simHttp';

/** Successful FinishTaskOperation calls and what they change. Refusals are in finishValidation.test.ts. */

const FINISH = '/api/workflowtasks/finish';

function transition(ID: string, extra: Record<string, unknown> = {}) {
  return {
    ID,
    Name: 'ignored',
    AssignmentAtStartWorkflowIsAdHoc: false,
    AssignmentIsAdHocRequired: false,
    DeferAtStartWorkflowIsAdHoc: false,
    IsNext: true,
    UserIDs: [],
    GroupIDs: [],
    RoleIDs: [],
    DeferUntil: null,
    DeferralNote: null,
    ...extra,
  };
}

describe('POST /api/workflowtasks/finish (success)', () => {
  const ctx = useSignedInSim();

  it('answers 204 with an empty body and finishes the task as the caller', async () => {
    const result = await call(ctx.s.url, 'POST', FINISH, {
      token: ctx.alex,
      body: {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: [transition(TRANSITION_IDS.invoiceApprove)],
        DeferTo: null,
        Reason: null,
        Comment: 'looks good',
      },
    });

    expect([result.status, result.text, result.headers.get('content-type')]).toEqual([204, '', null]);
    expect(ctx.s.sim.taskState(42)).toEqual({
      id: 42,
      userId: 12,
      status: 'finished',
      finished: {
        byUserId: 12,
        at: '2026-11-30T13:00:00.0000000',
        transition: {
          ID: TRANSITION_IDS.invoiceApprove,
          Name: 'Approve',
          UserIDs: [],
          GroupIDs: [],
          RoleIDs: [],
          DeferUntil: null,
          DeferralNote: null,
        },
        reason: null,
        comment: 'looks good',
        wsVerbindingId: null,
      },
      deferred: null,
    });
  });

  it('finishes several tasks of one workflow definition with one shared transition', async () => {
    const result = await call(ctx.s.url, 'POST', FINISH, {
      token: ctx.alex,
      body: { TaskIDs: [42, 46], Transitions: [transition(TRANSITION_IDS.invoiceReject)] },
    });

    expect(result.status).toBe(204);
    expect([ctx.s.sim.taskState(42)?.status, ctx.s.sim.taskState(42)?.finished?.transition.Name]).toEqual(['finished', 'Reject']);
    expect([ctx.s.sim.taskState(46)?.status, ctx.s.sim.taskState(46)?.finished?.transition.Name]).toEqual(['finished', 'Reject']);
  });

  it('finishes tasks of different workflows with one transition each', async () => {
    const result = await call(ctx.s.url, 'POST', FINISH, {
      token: ctx.alex,
      body: {
        TaskIDs: [42, 43],
        Transitions: [transition(TRANSITION_IDS.invoiceApprove), transition(TRANSITION_IDS.drawingDone)],
        Comment: 'ok',
      },
    });

    expect(result.status).toBe(204);
    expect(ctx.s.sim.taskState(42)?.finished?.transition.Name).toBe('Approve');
    expect(ctx.s.sim.taskState(43)?.finished?.transition.Name).toBe('Done');
  });

  it('records ad-hoc assignees, the WSVerbindingID (normalised) and the comment', async () => {
    const result = await call(ctx.s.url, 'POST', FINISH, {
      token: ctx.alex,
      body: {
        TaskIDs: [43],
        WSVerbindingID: '{0F8FAD5B-D9CB-469F-A165-70867728950E}',
        Transitions: [transition(TRANSITION_IDS.drawingForward, { UserIDs: [14], GroupIDs: [3], RoleIDs: [5] })],
        Comment: 'please check the dimensions',
      },
    });

    expect(result.status).toBe(204);
    expect(ctx.s.sim.taskState(43)?.finished).toEqual({
      byUserId: 12,
      at: '2026-11-30T13:00:00.0000000',
      transition: {
        ID: TRANSITION_IDS.drawingForward,
        Name: 'Forward for review',
        UserIDs: [14],
        GroupIDs: [3],
        RoleIDs: [5],
        DeferUntil: null,
        DeferralNote: null,
      },
      reason: null,
      comment: 'please check the dimensions',
      wsVerbindingId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    });
  });

  it('keeps a transition DeferUntil as DigiOffice wall-clock time, converting an offset to Amsterdam', async () => {
    const result = await call(ctx.s.url, 'POST', FINISH, {
      token: ctx.alex,
      body: {
        TaskIDs: [44],
        Reason: 'supplier late',
        Transitions: [
          transition(TRANSITION_IDS.contractSignOffFollowUp, { DeferUntil: '2026-12-05T08:00:00Z', DeferralNote: 'call supplier' }),
        ],
      },
    });

    expect(result.status).toBe(204);
    expect(ctx.s.sim.taskState(44)?.finished?.transition).toMatchObject({
      DeferUntil: '2026-12-05T09:00:00.0000000',
      DeferralNote: 'call supplier',
    });
    expect(ctx.s.sim.taskState(44)?.finished?.reason).toBe('supplier late');
  });

  it('defers the task when only DeferTo is given', async () => {
    const result = await call(ctx.s.url, 'POST', FINISH, {
      token: ctx.alex,
      body: { TaskIDs: [42], Transitions: null, DeferTo: '2026-12-05T09:30:00.0000000', Reason: 'waiting for supplier' },
    });

    expect(result.status).toBe(204);
    expect(ctx.s.sim.taskState(42)).toEqual({
      id: 42,
      userId: 12,
      status: 'deferred',
      finished: null,
      deferred: {
        byUserId: 12,
        until: '2026-12-05T09:30:00.0000000',
        reason: 'waiting for supplier',
        comment: null,
        wsVerbindingId: null,
        via: 'finish',
      },
    });
  });

  it('can still finish a deferred task', async () => {
    await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body: { TaskIDs: [42], DeferTo: '2026-12-05T09:30:00' } });

    const result = await call(ctx.s.url, 'POST', FINISH, {
      token: ctx.alex,
      body: { TaskIDs: [42], Transitions: [transition(TRANSITION_IDS.invoiceApprove)] },
    });

    expect(result.status).toBe(204);
    expect(ctx.s.sim.taskState(42)?.status).toBe('finished');
  });

  it('binds camelCase names and ignores __type and unknown properties', async () => {
    const result = await call(ctx.s.url, 'POST', FINISH, {
      token: ctx.alex,
      body: {
        __type: 'IDB.Workflow.API.Operations.FinishTaskOperation',
        taskIds: [46],
        transitions: [{ id: TRANSITION_IDS.invoiceApprove, userIds: [] }],
        comment: 'ok',
        somethingElse: 1,
      },
    });

    expect(result.status).toBe(204);
    expect(ctx.s.sim.taskState(46)?.finished?.comment).toBe('ok');
  });

  it('records the request for assertions: exactly one finish call with the body as sent', async () => {
    const body = { TaskIDs: [42], Transitions: [transition(TRANSITION_IDS.invoiceApprove)], Comment: 'x' };
    await call(ctx.s.url, 'POST', FINISH, { token: ctx.alex, body });

    const finishes = ctx.s.sim.requestsTo('POST', FINISH);
    expect(finishes).toHaveLength(1);
    expect(finishes[0]).toMatchObject({ method: 'POST', path: FINISH, query: {}, body, status: 204 });
    expect(finishes[0]?.headers['authorization']).toBe(`Bearer ${ctx.alex}`);
    // The recorder reports what was actually sent, so a client sending a wrong value is caught.
    expect(finishes[0]?.body).not.toEqual({ ...body, Comment: 'y' });
  });
});
