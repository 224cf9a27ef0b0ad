import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logLines, spawnBot, useBotProcesses, type BotProcess } from '../helpers/botProcess';
import { FakeConnector, type ConnectorCall } from '../helpers/fakeConnector';
import { NOTIFY_KEY, startHarness } from '../helpers/harness';
import { buildShipped } from '../helpers/shippedBuild';
import { REPO_ROOT } from '../../tools/bundle/bundle';
import { ALEX, installActivity } from '../helpers/teamsActivities';

/**
 * The shipped build (`npm run build`: one bundled dist/index.js and the writer thread's dist/sqliteWriterWorker.js)
 * started as the image starts it, without a TypeScript loader: it reads its card templates and the sign-in page's
 * files from beside dist/, writes through its writer thread, and delivers the very card the sources deliver.
 */
describe('the shipped build, run as a process', () => {
  const processes = useBotProcesses('shipped-build');
  const buildRoot = mkdtempSync(join(tmpdir(), 'shipped-build-'));
  let entry = '';
  let connector: FakeConnector;

  beforeAll(async () => {
    entry = await buildShipped(buildRoot);
  }, 120_000);
  afterAll(() => rmSync(buildRoot, { recursive: true, force: true }));
  beforeEach(async () => {
    connector = new FakeConnector();
    await connector.start();
  });
  afterEach(async () => {
    await connector.close();
  });

  const start = (): BotProcess => spawnBot({ digiOfficeUrl: processes.sim.url, storageDir: join(processes.root, 'data'), built: entry });
  const notification = () => processes.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName });

  it('holds the two entry points, their source maps and the licences, nothing else', () => {
    expect(readdirSync(join(buildRoot, 'dist')).sort()).toEqual([
      'index.js',
      'index.js.LEGAL.txt',
      'index.js.map',
      'sqliteWriterWorker.js',
      'sqliteWriterWorker.js.map',
    ]);
    const code = readFileSync(join(buildRoot, 'dist', 'index.js'), 'utf8');
    // ASCII only, so V8 keeps the source as a one-byte string (tools/bundle/asciiOutput.ts).
    expect(code).not.toMatch(/[\u0080-\uffff]/);
    // zod 3 once: botbuilder's copy serves the identical copies inside botbuilder-core, botframework-connector and
    // botframework-schema (each CommonJS file of a package is named by its path in the bundle).
    const zod3Copies = new Set([...code.matchAll(/"node_modules\/([^"]+)\/node_modules\/zod\//g)].map((match) => match[1]));
    expect([...zod3Copies]).toEqual(['botbuilder']);
  });

  it('delivers the same card as the sources, commits through its writer thread, and keeps it over a restart', async () => {
    connector.setMember(ALEX.id, { ...ALEX });
    const sources = await startHarness({ sim: processes.sim, connector });
    let fromSources: ConnectorCall;
    try {
      expect((await sources.activity(installActivity(ALEX, { serviceUrl: connector.url }))).status).toBe(200);
      expect((await sources.notify(notification())).status).toBe(202);
      await sources.idle();
      fromSources = onlyCard(connector.calls);
    } finally {
      await sources.close();
    }
    const before = connector.calls.length;

    const bot = start();
    const url = await bot.listening;
    expect((await post(`${url}/api/messages`, installActivity(ALEX, { serviceUrl: connector.url }), {})).status).toBe(200);
    const accepted = await post(`${url}/api/notifications`, notification(), { authorization: `Bearer ${NOTIFY_KEY}` });
    expect(accepted).toEqual({ status: 202, body: { id: expect.any(String), status: 'queued' } });
    await connector.waitFor(() => connector.calls.slice(before).some(isCard), 20_000);
    const fromBuild = onlyCard(connector.calls.slice(before));
    expect(sent(fromBuild)).toEqual(sent(fromSources));

    // The sign-in page's stylesheet comes from web/ beside dist/.
    const css = await fetch(`${url}/auth/assets/signin.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toBe(readFileSync(join(REPO_ROOT, 'web', 'signin.css'), 'utf8'));
    expect(await bot.stop()).toEqual({ code: 0, signal: null });
    // Node warned about nothing (a bundled `require('punycode')` made it log a DeprecationWarning at every start).
    expect(logLines(bot).filter((line) => line.source === 'process')).toEqual([]);

    // What the writer thread committed is there for the next process: the same notification is a duplicate.
    const again = start();
    const againUrl = await again.listening;
    const duplicate = await post(`${againUrl}/api/notifications`, notification(), { authorization: `Bearer ${NOTIFY_KEY}` });
    expect(duplicate).toEqual({ status: 202, body: { id: accepted.body.id, status: 'duplicate' } });
    expect(await again.stop()).toEqual({ code: 0, signal: null });
    expect(again.stderr()).toBe('');
  }, 90_000);
});

function isCard(call: ConnectorCall): boolean {
  return call.method === 'POST' && Array.isArray(call.body?.attachments);
}

/**
 * What the bot sent: where to and the whole activity. The card replies to the welcome message, whose id the connector
 * made up in each run: it reads `<welcome>` here (in the path and in `replyToId`).
 */
function sent(call: ConnectorCall): unknown {
  const welcome = String(call.body?.replyToId);
  return JSON.parse(JSON.stringify({ method: call.method, path: call.path, body: call.body }).replaceAll(welcome, '<welcome>'));
}

function onlyCard(calls: readonly ConnectorCall[]): ConnectorCall {
  const cards = calls.filter(isCard);
  expect(cards).toHaveLength(1);
  return cards[0] as ConnectorCall;
}

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: { id?: string } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as { id?: string }) : {} };
}
