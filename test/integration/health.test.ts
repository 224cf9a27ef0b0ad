import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { startHarness, useHarness } from '../helpers/harness';
import { capturedLog } from '../helpers/ops';

describe('GET /healthz and /readyz', () => {
  const log = capturedLog('warn');
  const h = useHarness({ per: 'file', harness: { logger: log.logger } });

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

    expect(log.entries().filter((entry) => entry.msg === 'not ready')).toEqual([
      expect.objectContaining({ checks: { storage: 'ok', digiOffice: expect.stringMatching(/503/) } }),
    ]);
  });
});

describe('/readyz when the embedded store cannot write', () => {
  it('answers 503 once the store’s writer thread died, naming why in the log, and acknowledges nothing it could not store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'do-teams-writer-'));
    const writerEntry = join(__dirname, '..', 'fixtures', 'sqliteWriter', 'diesOnFirstGroup.ts');
    const storage = SqliteStorage.open(dir, { writerEntry });
    const log = capturedLog('warn');
    const h = await startHarness({ storage, logger: log.logger });
    try {
      const ready = await fetch(`${h.botUrl}/readyz`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready' } });

      const answer = await h.notify(h.sim.notificationFor(42, { userPrincipalName: 'nobody@contoso.nl' }));
      expect(answer.status).toBe(503);

      const notReady = await fetch(`${h.botUrl}/readyz`);
      expect({ status: notReady.status, body: await notReady.json() }).toEqual({ status: 503, body: { status: 'not ready' } });
      expect(log.entries().filter((entry) => entry.msg === 'not ready')).toEqual([
        expect.objectContaining({ checks: { storage: 'the SQLite writer thread stopped (exit code 7)', digiOffice: 'ok' } }),
      ]);
    } finally {
      await h.close();
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
