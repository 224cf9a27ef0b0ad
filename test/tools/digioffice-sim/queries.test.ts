import { TRANSITION_IDS } from '../../../tools/digioffice-sim';
import { call, signIn, useSignedInSim } from './simHttp';
import { TASK_42_DTO } from './task42';

const USER = 'IDB.API.DTO.UserInformation.User,IDB.API.DTO';
const GROUP = 'IDB.API.DTO.UserInformation.Group,IDB.API.DTO';
const NOT_AUTHENTICATED = { ResponseStatus: { ErrorCode: 'Not Authenticated', Message: 'Not Authenticated' } };

describe('DigiOffice simulator queries', () => {
  const ctx = useSignedInSim();

  it('GET /api/ping answers pong without auth', async () => {
    const result = await call(ctx.s.url, 'GET', '/api/ping');

    expect([result.status, result.headers.get('content-type'), result.body]).toEqual([
      200,
      'application/json; charset=utf-8',
      { Value: 'pong' },
    ]);
  });

  it.each(['GET', 'POST', 'PUT'])('%s /api/users/me/info answers the caller', async (method) => {
    const jan = (await signIn(ctx.s.url, 'jan', 'jan-secret')).bearer;

    const result = await call(ctx.s.url, method, '/api/users/me/info', { token: jan });

    expect([result.status, result.body]).toEqual([200, { ID: 14, DisplayName: 'Jan de Vries' }]);
  });

  describe('GET /api/workflowtransitions/{TransitionID}/getusersandgroups', () => {
    const path = (query = '') => `/api/workflowtransitions/${TRANSITION_IDS.drawingForward}/getusersandgroups${query}`;

    it('lists users then groups, each with its __type, and no roles', async () => {
      const result = await call(ctx.s.url, 'GET', path(), { token: ctx.alex });

      expect(result.status).toBe(200);
      expect(result.body).toEqual({
        NumberOfAllRecords: 7,
        UsersOrGroups: [
          { __type: USER, ID: 12, Title: 'Alex Wilber', IsChecked: false, Image: null },
          { __type: USER, ID: 15, Title: 'Els Bakker', IsChecked: false, Image: null },
          { __type: USER, ID: 14, Title: 'Jan de Vries', IsChecked: false, Image: null },
          { __type: USER, ID: 17, Title: 'Marie Bakker', IsChecked: false, Image: null },
          { __type: USER, ID: 16, Title: 'Piet Jansen', IsChecked: false, Image: null },
          { __type: GROUP, ID: 3, Title: 'Finance', IsChecked: false, Image: null },
          { __type: GROUP, ID: 4, Title: 'Legal', IsChecked: false, Image: null },
        ],
        QuickAddOptions: [],
      });
    });

    it('filters by a case-insensitive title substring and checks selected ids', async () => {
      const result = await call(ctx.s.url, 'GET', path('?SearchCriteria=AN&SelectedUserIDs=14&SelectedGroupIDs=3,4'), { token: ctx.alex });

      expect(result.body).toEqual({
        NumberOfAllRecords: 3,
        UsersOrGroups: [
          { __type: USER, ID: 14, Title: 'Jan de Vries', IsChecked: true, Image: null },
          { __type: USER, ID: 16, Title: 'Piet Jansen', IsChecked: false, Image: null },
          { __type: GROUP, ID: 3, Title: 'Finance', IsChecked: true, Image: null },
        ],
        QuickAddOptions: [],
      });
    });

    it('pages with PageSize and 1-based PageNumber, counting all matches', async () => {
      const result = await call(ctx.s.url, 'GET', path('?PageSize=2&PageNumber=2'), { token: ctx.alex });

      expect(result.body).toEqual({
        NumberOfAllRecords: 7,
        UsersOrGroups: [
          { __type: USER, ID: 14, Title: 'Jan de Vries', IsChecked: false, Image: null },
          { __type: USER, ID: 17, Title: 'Marie Bakker', IsChecked: false, Image: null },
        ],
        QuickAddOptions: [],
      });
    });

    it('answers 404 for an unknown transition, 400 for a malformed one, 401 without a token', async () => {
      const unknown = await call(ctx.s.url, 'GET', '/api/workflowtransitions/11111111-2222-3333-4444-555555555555/getusersandgroups', {
        token: ctx.alex,
      });
      const malformed = await call(ctx.s.url, 'GET', '/api/workflowtransitions/nope/getusersandgroups', { token: ctx.alex });
      const anonymous = await call(ctx.s.url, 'GET', path());

      expect([unknown.status, unknown.body]).toEqual([
        404,
        { ResponseStatus: { ErrorCode: 'NotFound', Message: 'Transition 11111111-2222-3333-4444-555555555555 not found.', Errors: [] } },
      ]);
      expect([malformed.status, malformed.statusText]).toEqual([400, 'SerializationException']);
      expect([anonymous.status, anonymous.body]).toEqual([401, NOT_AUTHENTICATED]);
    });
  });

  describe('POST /api/workflowmultitasks', () => {
    it('answers the requested tasks of the caller as full WorkflowTaskDTOs, skipping others', async () => {
      const result = await call(ctx.s.url, 'POST', '/api/workflowmultitasks', { token: ctx.alex, body: { TaskIDs: [42, 45, 99] } });

      expect([result.status, result.body]).toEqual([200, { Tasks: [TASK_42_DTO] }]);
    });

    it('lists the caller’s unfinished tasks without TaskIDs', async () => {
      await call(ctx.s.url, 'POST', '/api/workflowtasks/finish', {
        token: ctx.alex,
        body: { TaskIDs: [43], Comment: 'ok', Transitions: [{ ID: TRANSITION_IDS.drawingDone }] },
      });

      const result = await call(ctx.s.url, 'POST', '/api/workflowmultitasks', { token: ctx.alex, body: {} });

      expect((result.body as { Tasks: { ID: number }[] }).Tasks.map((t) => t.ID)).toEqual([42, 44, 46]);
    });

    it('shows a finished task as finished', async () => {
      await call(ctx.s.url, 'POST', '/api/workflowtasks/finish', {
        token: ctx.alex,
        body: { TaskIDs: [42], Reason: 'fine', Transitions: [{ ID: TRANSITION_IDS.invoiceReject }] },
      });

      const result = await call(ctx.s.url, 'POST', '/api/workflowmultitasks', { token: ctx.alex, body: { TaskIDs: [42] } });

      expect((result.body as { Tasks: unknown[] }).Tasks[0]).toEqual({
        ...TASK_42_DTO,
        TransitionID: TRANSITION_IDS.invoiceReject,
        TransitionName: 'Reject',
        StatusID: 3,
        StatusDescription: 'Finished',
        Status: 'Finished',
        Active: false,
        Progress: 100,
        FinishedDate: '2026-11-30T13:00:00.0000000',
        FinishedByUserID: 12,
        Reason: 'fine',
        FinishActions: [],
      });
    });
  });
});
