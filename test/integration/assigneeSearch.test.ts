import { deliverTask } from '../helpers/flows';
import { useHarness } from '../helpers/harness';
import { ALEX, searchActivity } from '../helpers/teamsActivities';

describe('the assignee picker’s typeahead (application/search → DigiOffice getusersandgroups)', () => {
  const h = useHarness({ install: [ALEX] });

  const search = async (dataset: string, query: string) =>
    await h.activity(searchActivity(ALEX, dataset, query, { serviceUrl: h.serviceUrl }));

  it('answers with DigiOffice’s users and groups for the task’s ad-hoc transition, as the signed-in user', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 43);

    const response = await search('digioffice.assignees:43', 'e');

    expect(response).toEqual({
      status: 200,
      body: {
        type: 'application/vnd.microsoft.search.searchResponse',
        value: {
          results: [
            { title: 'Alex Wilber', value: 'user:12' },
            { title: 'Els Bakker', value: 'user:15' },
            { title: 'Jan de Vries', value: 'user:14' },
            { title: 'Marie Bakker', value: 'user:17' },
            { title: 'Piet Jansen', value: 'user:16' },
            { title: 'Finance', value: 'group:3' },
            { title: 'Legal', value: 'group:4' },
          ],
        },
      },
    });
    const asked = h.sim.requests.filter((r) => r.path.endsWith('/getusersandgroups'));
    expect(asked.map((r) => [r.path, r.query])).toEqual([
      [
        '/api/workflowtransitions/b7e4d2c1-5a6f-4b8e-9c0d-2e3f4a5b6c02/getusersandgroups',
        { SearchCriteria: 'e', PageSize: '15', PageNumber: '1' },
      ],
    ]);
  });

  it('answers no results (and asks DigiOffice nothing) for a task without ad-hoc assignment or not sent to the user', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    await deliverTask(h, ALEX, 42);
    const empty = { status: 200, body: { type: 'application/vnd.microsoft.search.searchResponse', value: { results: [] } } };
    expect(await search('digioffice.assignees:42', 'fin')).toEqual(empty);
    expect(await search('digioffice.assignees:45', 'fin')).toEqual(empty);
    expect(h.sim.requests.filter((r) => r.path.endsWith('/getusersandgroups'))).toEqual([]);
  });

  it('refuses an unknown dataset with an invoke error', async () => {
    expect(await search('graph.microsoft.com/users', 'x')).toEqual({
      status: 200,
      body: {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'UnknownDataset', message: 'Unknown search dataset.' },
      },
    });
  });
});
