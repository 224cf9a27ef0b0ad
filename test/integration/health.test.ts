import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/logger';
import { useHarness } from '../helpers/harness';

describe('GET /healthz and /readyz', () => {
  const logLines: string[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const h = useHarness({ per: 'file', harness: { logger: createLogger('warn', logStream) } });

  it('/healthz answers 200 while the process is up', async () => {
    const response = await fetch(`${h.botUrl}/healthz`);
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('/readyz answers 200 when storage and DigiOffice answer, and a bare 503 when DigiOffice does not, naming it only in the log', async () => {
    const ready = await fetch(`${h.botUrl}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready' } });

    h.sim.failNext('GET', '/api/ping', 503, 'Service Unavailable');
    const notReady = await fetch(`${h.botUrl}/readyz`);
    expect({ status: notReady.status, body: await notReady.json() }).toEqual({ status: 503, body: { status: 'not ready' } });

    const logged = logLines.map((line) => JSON.parse(line) as { msg: string; checks?: Record<string, string> });
    expect(logged.filter((entry) => entry.msg === 'not ready')).toEqual([
      expect.objectContaining({ checks: { storage: 'ok', digiOffice: expect.stringMatching(/503/) } }),
    ]);
  });
});
