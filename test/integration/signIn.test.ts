import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { t } from '../../src/i18n';
import { escapeHtml } from '../../src/identity/signInPage';
import { createLogger } from '../../src/logger';
import { say } from '../helpers/flows';
import { startHarness, type Harness } from '../helpers/harness';
import { signInUrlFor } from '../helpers/signIn';
import { storedRows } from '../helpers/storeCopy';
import { ALEX } from '../helpers/teamsActivities';

const PASSWORD = 'demo';

describe('account linking: /auth/signin (DIGIOFFICE_AUTH=credentials)', () => {
  let h: Harness;
  const logLines: string[] = [];
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logLines.push(chunk.toString('utf8')));
    h = await startHarness({ env: { LOG_LEVEL: 'debug' }, logger: createLogger('debug', stream) });
    await h.install(ALEX);
  });
  afterAll(async () => {
    await h.close();
  });

  const submit = (state: string, username: string, password: string) =>
    fetch(`${h.botUrl}/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state, username, password }).toString(),
    });

  it('serves a plain form for a valid link, with a strict content security policy and no caching', async () => {
    const url = await signInUrlFor(h, ALEX);
    const state = new URL(url).searchParams.get('state') ?? '';
    const page = await fetch(url);
    const html = await page.text();

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('<form method="post" action="/auth/signin"');
    expect(html).toContain(`<input type="hidden" name="state" value="${state}">`);
    expect(html).toContain('name="username"');
    expect(html).toContain('name="password" type="password"');
  });

  it('refuses an unknown link with 410 and a clear page', async () => {
    const page = await fetch(`${h.botUrl}/auth/signin?state=not-a-real-state`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain(escapeHtml(t('en', 'signin.expired')));
  });

  it('keeps the link usable after a wrong password, then signs in, tells the user in Teams, and burns the link', async () => {
    const url = await signInUrlFor(h, ALEX);
    const state = new URL(url).searchParams.get('state') ?? '';

    const wrong = await submit(state, 'alexw', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain(escapeHtml(t('en', 'signin.rejected')));

    const before = h.connector.calls.length;
    const right = await submit(state, 'alexw', PASSWORD);
    expect(right.status).toBe(200);
    expect(await right.text()).toContain(escapeHtml(t('en', 'signin.done', { name: 'Alex Wilber' })));
    const message = await h.connector.waitFor((c) => h.connector.calls.indexOf(c) >= before && typeof c.body?.text === 'string');
    expect(message.body?.text).toBe(t('en', 'chat.signedIn', { name: 'Alex Wilber' }));

    const reused = await submit(state, 'alexw', PASSWORD);
    expect(reused.status).toBe(410);

    const replies = await say(h, ALEX, 'sign in');
    expect(replies.map((c) => c.body?.text)).toEqual([t('en', 'chat.alreadySignedIn', { name: 'Alex Wilber' })]);
  });

  it('burns a link after five wrong passwords', async () => {
    await say(h, ALEX, 'sign out');
    const url = await signInUrlFor(h, ALEX);
    const state = new URL(url).searchParams.get('state') ?? '';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await submit(state, 'alexw', `guess-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 410, 410]);
    expect((await submit(state, 'alexw', PASSWORD)).status).toBe(410);
    await h.signIn(ALEX, 'alexw', PASSWORD);
  });

  it('never stores or logs the password or the DigiOffice tokens in plain text', async () => {
    const credentialsCalls = h.sim.requestsTo('POST', '/api/auth/credentials');
    expect(credentialsCalls.length).toBeGreaterThan(0);
    const issued = await fetch(`${h.sim.url}/api/auth/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ UserName: 'alexw', Password: PASSWORD, RememberMe: true }),
    });
    const tokenShape = ((await issued.json()) as { BearerToken: string }).BearerToken.split('.')[0] ?? '';

    // Every byte on disk (the database and its write-ahead log), and the token record itself.
    const files = await readdir(h.storageDir);
    const stored = (await Promise.all(files.map((f) => readFile(join(h.storageDir, f), 'utf8')))).join('\n');
    const tokenRecords = storedRows(h.storageDir).filter((row) => row.key.startsWith('tokens/'));
    expect(tokenRecords).toHaveLength(1);
    const tokenRecord = JSON.stringify(tokenRecords[0]?.value);
    expect(tokenRecord).toContain('"secret":{');
    expect(tokenRecord).not.toContain('Alex Wilber');
    expect(tokenRecord).not.toContain('alexw');
    expect(stored).not.toContain('not-the-password');
    expect(stored).not.toContain(`"${PASSWORD}"`);
    expect(stored).not.toMatch(new RegExp(`${tokenShape}\\.[A-Za-z0-9_-]+`));

    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain('not-the-password');
    expect(logs).not.toMatch(new RegExp(`${tokenShape}\\.[A-Za-z0-9_-]+`));
  });

  it('shows the form in Dutch for a Dutch Teams client', async () => {
    const out = await say(h, ALEX, 'afmelden', { locale: 'nl-NL' });
    expect(out.map((c) => c.body?.text)).toEqual([t('nl', 'chat.signedOut')]);
    const before = h.connector.calls.length;
    await say(h, ALEX, 'aanmelden', { locale: 'nl-NL' });
    const call = h.connector.calls.slice(before).find((c) => JSON.stringify(c.body).includes('/auth/signin'));
    const url = /"url":"([^"]+\/auth\/signin\?state=[^"]+)"/.exec(JSON.stringify(call?.body))?.[1] ?? '';
    const html = await (await fetch(url)).text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain(t('nl', 'signin.username'));
  });
});
