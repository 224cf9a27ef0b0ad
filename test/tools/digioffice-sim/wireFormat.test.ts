import { TRANSITION_IDS } from '../../../tools/digioffice-sim';
import { call, fieldErrorBody, useSignedInSim } from './simHttp';

/** Routing and the wire rules every operation shares (docs/digioffice-contract.md). */

describe('DigiOffice simulator wire format', () => {
  const ctx = useSignedInSim();

  describe('routing', () => {
    it.each(['/api/nothing-here', '/', '/api/workflowtasks/finish/extra'])('answers 404 NotFound for %s', async (path) => {
      const result = await call(ctx.s.url, 'GET', path);

      expect([result.status, result.statusText]).toEqual([404, 'NotFound']);
      expect(result.body).toEqual({
        ResponseStatus: { ErrorCode: 'NotFound', Message: `Handler for Request not found: GET ${path}`, Errors: [] },
      });
    });

    it('answers 405 with Allow for a wrong verb on a known route', async () => {
      const result = await call(ctx.s.url, 'GET', '/api/workflowtasks/finish', { token: ctx.alex });

      expect([result.status, result.statusText, result.headers.get('allow')]).toEqual([405, 'NotImplementedException', 'POST']);
      expect(result.body).toEqual({
        ResponseStatus: {
          ErrorCode: 'NotImplementedException',
          Message: 'The verb GET is not supported by /api/workflowtasks/finish; use POST',
          Errors: [],
        },
      });
    });

    it('matches route paths case-insensitively, as ServiceStack does', async () => {
      const result = await call(ctx.s.url, 'GET', '/API/Ping');

      expect([result.status, result.body]).toEqual([200, { Value: 'pong' }]);
    });
  });

  describe('dates in', () => {
    async function deferTo(value: string) {
      const result = await call(ctx.s.url, 'POST', '/api/workflowtasks/finish', {
        token: ctx.alex,
        body: { TaskIDs: [42], DeferTo: value },
      });
      return { status: result.status, body: result.body, until: ctx.s.sim.taskState(42)?.deferred?.until ?? null };
    }

    it.each([
      ['7-digit zone-less wall-clock', '2026-12-05T09:30:00.1234567', '2026-12-05T09:30:00.1234567'],
      ['zone-less without fraction', '2026-12-05T09:30:00', '2026-12-05T09:30:00.0000000'],
      ['zone-less without seconds', '2026-12-05T09:30', '2026-12-05T09:30:00.0000000'],
      ['UTC with Z', '2026-12-05T08:30:00.000Z', '2026-12-05T09:30:00.0000000'],
      ['an offset', '2026-12-05T03:30:00-05:00', '2026-12-05T09:30:00.0000000'],
      ['summer time (UTC+2)', '2027-06-01T10:00:00Z', '2027-06-01T12:00:00.0000000'],
      ['/Date(ms)/', '/Date(1796459400000)/', '2026-12-05T09:30:00.0000000'],
      ['/Date(ms+hhmm)/', '/Date(1796459400000+0100)/', '2026-12-05T09:30:00.0000000'],
    ])('accepts %s and stores Amsterdam wall-clock time', async (_name, input, stored) => {
      expect(await deferTo(input)).toEqual({ status: 204, body: null, until: stored });
    });

    it('treats an empty string as no date, as ServiceStack does for nullable DateTime', async () => {
      expect(await deferTo('')).toEqual({
        status: 400,
        body: fieldErrorBody('NotEmpty', 'Transitions', "Either 'Transitions' or 'Defer To' must be given."),
        until: null,
      });
    });

    it.each(['05-12-2026 09:30', '2026-02-30T09:00:00', '2026-12-05T25:00:00', 'tomorrow'])(
      'refuses %j with 400 SerializationException',
      async (input) => {
        const result = await deferTo(input);

        expect(result).toEqual({
          status: 400,
          body: {
            ResponseStatus: {
              ErrorCode: 'SerializationException',
              Message: "Unable to bind to request 'FinishTaskOperation'",
              Errors: [
                { ErrorCode: 'SerializationException', FieldName: 'DeferTo', Message: `'${input}' is an Invalid value for 'DeferTo'` },
              ],
            },
          },
          until: null,
        });
      },
    );
  });

  it('writes Guids hyphenated lower-case even when they were sent otherwise', async () => {
    const upper = TRANSITION_IDS.invoiceApprove.replace(/-/g, '').toUpperCase();

    const result = await call(ctx.s.url, 'POST', '/api/workflowtasks/finish', {
      token: ctx.alex,
      body: { TaskIDs: [42], Transitions: [{ ID: upper }] },
    });
    const tasks = await call(ctx.s.url, 'POST', '/api/workflowmultitasks', { token: ctx.alex, body: { TaskIDs: [42] } });

    expect(result.status).toBe(204);
    expect((tasks.body as { Tasks: { TransitionID: string }[] }).Tasks[0]?.TransitionID).toBe(TRANSITION_IDS.invoiceApprove);
  });

  it('accepts numeric strings for ints, as ServiceStack does', async () => {
    const result = await call(ctx.s.url, 'POST', '/api/workflowtasks/finish', {
      token: ctx.alex,
      body: { TaskIDs: ['42'], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] },
    });

    expect(result.status).toBe(204);
  });

  it('binds before authenticating: a malformed body is 400 even without a token', async () => {
    const result = await call(ctx.s.url, 'POST', '/api/workflowtasks/finish', { body: { TaskIDs: 'x,y' } });

    expect([result.status, result.statusText]).toEqual([400, 'SerializationException']);
  });
});
