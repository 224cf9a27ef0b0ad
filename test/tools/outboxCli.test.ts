import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEAMS_ERRORS } from '../helpers/fakeConnector';
import { freePort, useHarness } from '../helpers/harness';
import { ADMIN_KEY, adminCall, UUID } from '../helpers/ops';
import { ALEX, JAN } from '../helpers/teamsActivities';

const CLI = join(__dirname, '../../tools/outbox/main.ts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run outbox -- …` as a process of its own, in a folder whose .env holds `dotenv` (if given). */
function outbox(args: string[], options: { env?: Record<string, string>; dotenv?: string } = {}): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'outbox-cli-'));
  if (options.dotenv !== undefined) writeFileSync(join(cwd, '.env'), options.dotenv);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), CLI, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', ...options.env } },
      (error, stdout, stderr) => {
        rmSync(cwd, { recursive: true, force: true });
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('npm run outbox (the admin API from a shell)', () => {
  const h = useHarness({ per: 'file', harness: { env: { ADMIN_API_KEY: ADMIN_KEY } } });
  const env = () => ({ BOT_URL: h.botUrl, ADMIN_API_KEY: ADMIN_KEY });

  beforeAll(async () => {
    await h.install(ALEX);
    h.connector.failNext({ method: 'POST', path: ALEX.conversationId, status: 403, body: TEAMS_ERRORS.conversationBlockedByUser });
    await h.notify(h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName }));
    await h.notify(h.sim.notificationFor(45, { email: JAN.email }));
    await h.notify(h.sim.notificationFor(44, { email: JAN.email }));
    await h.idle();
  });

  const idOf = (line: string | undefined) => line?.split('  ')[0] ?? '';

  it('counts, reading the bot URL and the key from .env', async () => {
    const run = await outbox(['counts'], { dotenv: `BOT_URL=${h.botUrl}\nADMIN_API_KEY=${ADMIN_KEY}\n` });
    expect(run).toEqual({
      code: 0,
      stdout: 'queued    0\npending   2\nfailed    1\ndelivered 0\npending for over 7d: 0\n',
      stderr: '',
    });
  });

  it('lists failed items, and pending ones older than an age', async () => {
    const failed = await outbox(['list', 'failed'], { env: env() });
    expect(failed.code).toBe(0);
    const lines = failed.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^[0-9a-f-]{36}  failed  task.assigned task 42  to ${ALEX.userPrincipalName}  attempts 1  accepted \\S+  last error: blocked 403 .+$`,
        ),
      ),
    ]);
    expect(idOf(lines[0])).toMatch(UUID);

    expect(await outbox(['list', 'pending', '--older-than', '7d'], { env: env() })).toEqual({
      code: 0,
      stdout: 'no pending items\n',
      stderr: '',
    });
    const pending = await outbox(['list', 'pending', '--json'], { env: env() });
    expect((JSON.parse(pending.stdout) as Array<{ taskId: number }>).map((item) => item.taskId)).toEqual([45, 44]);
  });

  it('requeues the failed item (delivered now) and drops a pending one', async () => {
    const id = idOf((await outbox(['list', 'failed'], { env: env() })).stdout);
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await outbox(['requeue', id, '--url', nobody], { env: env() });
    expect(unreachable).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining(`cannot reach ${nobody}: fetch failed`) });

    const done = await outbox(['requeue', id, '--url', h.botUrl], { env: { ADMIN_API_KEY: ADMIN_KEY } });
    expect(done).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^requeued: ${id}  queued  task.assigned task 42 `)) });
    await h.idle();
    expect((await adminCall(h.botUrl, 'GET', `/api/admin/outbox/items/${id}`)).body).toMatchObject({ item: { state: 'delivered' } });

    const pendingId = idOf((await outbox(['list', 'pending', '--limit', '1'], { env: env() })).stdout);
    const dropped = await outbox(['drop', pendingId], { env: env() });
    expect(dropped).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`^dropped: ${pendingId}  pending  task.assigned task 45 `)),
    });
    expect((await adminCall(h.botUrl, 'GET', `/api/admin/outbox/items/${pendingId}`)).status).toBe(404);
  });

  it('says what is wrong: usage, a bad id, a wrong key', async () => {
    const usage = await outbox(['list', 'lost'], { env: env() });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^list needs a state: queued, pending, failed, delivered\n\nUsage: npm run outbox/);

    expect(await outbox(['requeue', '../../etc'], { env: env() })).toEqual({
      code: 1,
      stdout: '',
      stderr: '400: id: must be an outbox item id (a UUID, as the list shows it)\n',
    });
    expect(await outbox(['counts'], { env: { ...env(), ADMIN_API_KEY: 'not-the-admin-key-0123' } })).toEqual({
      code: 1,
      stdout: '',
      stderr: '401: Send the admin key as "Authorization: Bearer <ADMIN_API_KEY>".\n',
    });
    expect(await outbox(['counts'], { env: { BOT_URL: h.botUrl } })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ADMIN_API_KEY is not set (in the environment or .env): the admin API needs it.\n',
    });
  });
});
