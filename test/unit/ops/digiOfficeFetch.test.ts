import { Correlation } from '../../../src/ops/correlation';
import { observedFetch } from '../../../src/ops/digiOfficeFetch';

const BASE = 'https://do.example.nl/services';

function observed(answer: (url: string, init?: RequestInit) => Promise<Response>) {
  const seen: Array<[string, number, string | null]> = [];
  const correlation = new Correlation();
  let clock = 0;
  const fetch = observedFetch(
    (input, init) => answer(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init),
    {
      observer: { digiOfficeRequest: (operation, seconds, error) => seen.push([operation, seconds, error]) },
      correlation,
      now: () => (clock += 250),
    },
  );
  return { fetch, seen, correlation };
}

describe('observedFetch()', () => {
  it('names each DigiOffice operation by its path and measures it; unknown paths are "other"', async () => {
    const { fetch, seen } = observed(() => Promise.resolve(new Response(null, { status: 204 })));
    for (const path of [
      '/api/auth/credentials',
      '/api/access-token',
      '/api/workflowtasks/finish',
      '/api/workflowtransitions/0f8fad5b-d9cb-469f-a165-70867728950e/getusersandgroups?SearchCriteria=x&PageSize=15',
      '/api/ping',
      '/api/somethingelse',
    ])
      await fetch(`${BASE}${path}`);
    expect(seen).toEqual([
      ['authenticate', 0.25, null],
      ['refreshToken', 0.25, null],
      ['finishTasks', 0.25, null],
      ['searchAssignees', 0.25, null],
      ['ping', 0.25, null],
      ['other', 0.25, null],
    ]);
  });

  it('counts HTTP failures by status class, a timeout by the aborted signal, anything else as the network', async () => {
    const statuses = [401, 503];
    const { fetch, seen } = observed(() => Promise.resolve(new Response('', { status: statuses.shift() ?? 200 })));
    await fetch(`${BASE}/api/workflowtasks/finish`);
    await fetch(`${BASE}/api/workflowtasks/finish`);

    const aborted = AbortSignal.abort();
    const failing = observed(() => Promise.reject(new TypeError('fetch failed')));
    await expect(failing.fetch(`${BASE}/api/ping`, { signal: aborted })).rejects.toThrow('fetch failed');
    await expect(failing.fetch(`${BASE}/api/ping`)).rejects.toThrow('fetch failed');

    expect([...seen, ...failing.seen].map(([operation, , error]) => [operation, error])).toEqual([
      ['finishTasks', '4xx'],
      ['finishTasks', '5xx'],
      ['ping', 'timeout'],
      ['ping', 'network'],
    ]);
  });

  it('notes the answer’s status in the current request scope, for the audit', async () => {
    const { fetch, correlation } = observed(() => Promise.resolve(new Response(null, { status: 204 })));
    const status = await correlation.run('activity-1', async () => {
      await fetch(`${BASE}/api/workflowtasks/finish`);
      return correlation.current();
    });
    expect(status).toEqual({ correlationId: 'activity-1', digiOfficeStatus: 204 });
  });
});
