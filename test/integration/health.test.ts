import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/logger';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { startHarness, useHarness } from '../helpers/harness';

function collectLog(): { stream: PassThrough; lines: () => Array<{ msg: string; checks?: Record<string, string> }> } {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return { stream, lines: () => lines.map((line) => JSON.parse(line) as { msg: string; checks?: Record<string, string> }) };
}

describe('GET /healthz and /readyz', () => {
  const log = collectLog();
  const h = useHarness({ per: 'file', harness: { logger: createLogger('warn', log.stream) } });

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

    expect(log.lines().filter((entry) => entry.msg === 'not ready')).toEqual([
      expect.objectContaining({ checks: { storage: 'ok', digiOffice: expect.stringMatching(/503/) } }),
    ]);
  });
});

describe('/readyz when the embedded store cannot write', () => {
  it('answers 503 once the store’s writer thread died, naming why in the log, and acknowledges nothing it could not store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'do-teams-writer-'));
    const writerEntry = join(__dirname, '..', 'fixtures', 'sqliteWriter', 'diesOnFirstGroup.ts');
    const storage = SqliteStorage.open(dir, { writerEntry });
    const log = collectLog();
    const h = await startHarness({ storage, logger: createLogger('warn', log.stream) });
    try {
      const ready = await fetch(`${h.botUrl}/readyz`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready' } });

      const answer = await h.notify(h.sim.notificationFor(42, { userPrincipalName: 'nobody@contoso.nl' }));
      expect(answer.status).toBe(503);

      const notReady = await fetch(`${h.botUrl}/readyz`);
      expect({ status: notReady.status, body: await notReady.json() }).toEqual({ status: 503, body: { status: 'not ready' } });
      expect(log.lines().filter((entry) => entry.msg === 'not ready')).toEqual([
        expect.objectContaining({ checks: { storage: 'the SQLite writer thread stopped (exit code 7)', digiOffice: 'ok' } }),
      ]);
    } finally {
      await h.close();
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
