import { useHarness } from '../helpers/harness';

describe('GET /healthz and /readyz', () => {
  const h = useHarness({ per: 'file' });

  it('/healthz answers 200 while the process is up', async () => {
    const response = await fetch(`${h.botUrl}/healthz`);
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('/readyz answers 200 when storage and DigiOffice answer, and 503 naming DigiOffice when it does not', async () => {
    const ready = await fetch(`${h.botUrl}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { status: 'ready', checks: { storage: 'ok', digiOffice: 'ok' } },
    });

    h.sim.failNext('GET', '/api/ping', 503, 'Service Unavailable');
    const notReady = await fetch(`${h.botUrl}/readyz`);
    const body = (await notReady.json()) as { status: string; checks: Record<string, string> };
    expect(notReady.status).toBe(503);
    expect(body.status).toBe('not ready');
    expect(body.checks.storage).toBe('ok');
    expect(body.checks.digiOffice).toMatch(/503/);
  });
});
