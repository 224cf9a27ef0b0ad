import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DomUtils, parseDocument } from 'htmlparser2';
import { SIGN_IN_STATE_PREFIX, signInStateKey } from '../../src/core/storageKeys';
import { t } from '../../src/i18n';
import { escapeHtml } from '../../src/identity/signInPage';
import { createLogger } from '../../src/logger';
import { replyTexts, say } from '../helpers/flows';
import { startHarness, useHarness, type Harness } from '../helpers/harness';
import { MemoryStorage } from '../helpers/memoryStorage';
import { linkedUsers, signInCodeIn, signInUrlFor, stateOf, submitSignIn } from '../helpers/signIn';
import { storedRows } from '../helpers/storeCopy';
import { ALEX, JAN } from '../helpers/teamsActivities';

const PASSWORD = 'demo';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** What a page loads and runs, read with an HTML parser: scripts, stylesheets, inline code and styles. */
function resourcesOf(html: string) {
  const elements = DomUtils.findAll(() => true, parseDocument(html).children);
  return {
    scripts: elements
      .filter((e) => e.name === 'script')
      .map((e) => ({ src: e.attribs.src ?? null, inline: DomUtils.textContent(e).trim() })),
    stylesheets: elements.filter((e) => e.name === 'link').map((e) => `${e.attribs.rel} ${e.attribs.href}`),
    styleElements: elements.filter((e) => e.name === 'style').length,
    inlineAttributes: elements.flatMap((e) => Object.keys(e.attribs).filter((name) => name === 'style' || name.startsWith('on'))),
  };
}

const ALEX_PATH = `72f988bf-86f1-41af-91ab-2d7cd011db47/${ALEX.aadObjectId}`;

function waitingCodes(h: Harness) {
  return storedRows(h.storageDir).filter((row) => row.key.startsWith('signin-code/'));
}

describe('account linking: the sign-in page and the code typed into the chat', () => {
  let h: Harness;
  const logLines: string[] = [];
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logLines.push(chunk.toString('utf8')));
    h = await startHarness({ env: { LOG_LEVEL: 'debug' }, logger: createLogger('debug', stream) });
    await h.install(ALEX);
    await h.install(JAN);
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(async () => {
    await say(h, ALEX, 'sign out');
    await say(h, JAN, 'sign out');
  });

  it('serves the form with a policy that allows only the page’s own files, and no inline script or style', async () => {
    const url = await signInUrlFor(h, ALEX);
    const page = await fetch(url);
    const html = await page.text();

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(html).toContain(`<input type="hidden" name="state" value="${stateOf(url)}">`);
    expect(resourcesOf(html)).toEqual({
      scripts: [],
      stylesheets: ['stylesheet /auth/assets/signin.css'],
      styleElements: 0,
      inlineAttributes: [],
    });

    const code = await submitSignIn(h, stateOf(url), 'alexw', PASSWORD);
    expect(code.headers.get('content-security-policy')).toBe(CSP);
    expect(resourcesOf(code.html)).toEqual({
      scripts: [
        { src: '/auth/assets/MicrosoftTeams.min.js', inline: '' },
        { src: '/auth/assets/signin.js', inline: '' },
      ],
      stylesheets: ['stylesheet /auth/assets/signin.css'],
      styleElements: 0,
      inlineAttributes: [],
    });
  });

  it('serves Teams JS and the page’s own script and stylesheet from the bot’s own host', async () => {
    const files = {
      '/auth/assets/MicrosoftTeams.min.js': require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'),
      '/auth/assets/signin.js': join(__dirname, '..', '..', 'web', 'signin.js'),
      '/auth/assets/signin.css': join(__dirname, '..', '..', 'web', 'signin.css'),
    };
    for (const [path, file] of Object.entries(files)) {
      const response = await fetch(`${h.botUrl}${path}`);
      expect([path, response.status, response.headers.get('content-type'), response.headers.get('x-content-type-options')]).toEqual([
        path,
        200,
        path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
        'nosniff',
      ]);
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(file))).toBe(true);
    }
  });

  it('refuses an unknown link with 410 and a clear page', async () => {
    const page = await fetch(`${h.botUrl}/auth/signin?state=not-a-real-state`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain(escapeHtml(t('en', 'signin.expired')));
  });

  it('keeps the user name after a wrong password; the right one shows a code, and only that code typed in the chat links', async () => {
    const state = stateOf(await signInUrlFor(h, ALEX));

    const wrong = await submitSignIn(h, state, 'alexw', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain(escapeHtml(t('en', 'signin.rejected')));
    expect(wrong.html).toContain('<input id="username" name="username" autocomplete="username" required value="alexw">');
    expect(wrong.html).not.toContain('not-the-password');

    const before = h.connector.calls.length;
    const right = await submitSignIn(h, state, 'alexw', PASSWORD);
    expect(right.status).toBe(200);
    expect(right.html).toContain(escapeHtml(t('en', 'signin.codeSignedIn', { name: 'Alex Wilber' })));
    const code = signInCodeIn(right.html) ?? '';
    expect(code).toMatch(/^\d{8}$/);
    // Nothing is linked, and nothing said in Teams, until the code comes back from Alex.
    await h.idle();
    expect(h.connector.calls.slice(before)).toEqual([]);
    expect(linkedUsers(h)).toEqual([]);
    expect((await submitSignIn(h, state, 'alexw', PASSWORD)).status).toBe(410);

    const replies = await say(h, ALEX, `sign in ${code}`);
    expect(replies.map((c) => c.body?.text)).toEqual([t('en', 'chat.signedIn', { name: 'Alex Wilber' })]);
    expect(linkedUsers(h)).toEqual([`tokens/${ALEX_PATH}`]);
    expect((await say(h, ALEX, code)).map((c) => c.body?.text)).toEqual([t('en', 'chat.signInCodeWrong')]);
  });

  it('links nothing when Jan completes Alex’s link with his own credentials, or types its code into his own chat', async () => {
    const state = stateOf(await signInUrlFor(h, ALEX));
    const page = await submitSignIn(h, state, 'jan', 'jan-secret');
    expect(page.status).toBe(200);
    const code = signInCodeIn(page.html) ?? '';

    const replies = await say(h, JAN, code);
    expect(replies.map((c) => c.body?.text)).toEqual([t('en', 'chat.signInCodeWrong')]);
    expect(linkedUsers(h)).toEqual([]);
  });

  it('answers in Dutch and takes `aanmelden <code>`', async () => {
    const before = h.connector.calls.length;
    await say(h, ALEX, 'aanmelden', { locale: 'nl-NL' });
    const call = h.connector.calls.slice(before).find((c) => JSON.stringify(c.body).includes('/auth/signin'));
    const url = /"url":"([^"]+\/auth\/signin\?state=[^"]+)"/.exec(JSON.stringify(call?.body))?.[1] ?? '';
    const html = await (await fetch(url)).text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain(t('nl', 'signin.username'));

    const wrong = await submitSignIn(h, stateOf(url), 'alexw', 'fout');
    expect(wrong.html).toContain(escapeHtml(t('nl', 'signin.rejected')));
    const page = await submitSignIn(h, stateOf(url), 'alexw', PASSWORD);
    expect(page.html).toContain(escapeHtml(t('nl', 'signin.codeInstruction')));
    const replies = await say(h, ALEX, `aanmelden ${signInCodeIn(page.html) ?? ''}`, { locale: 'nl-NL' });
    expect(replies.map((c) => c.body?.text)).toEqual([t('nl', 'chat.signedIn', { name: 'Alex Wilber' })]);
  });

  it('never stores or logs the password, and keeps waiting tokens encrypted like linked ones', async () => {
    const earlier = new Set(waitingCodes(h).map((row) => row.key));
    const page = await submitSignIn(h, stateOf(await signInUrlFor(h, ALEX)), 'alexw', PASSWORD);
    const code = signInCodeIn(page.html) ?? '';
    const issued = await fetch(`${h.sim.url}/api/auth/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ UserName: 'alexw', Password: PASSWORD, RememberMe: true }),
    });
    const tokenShape = ((await issued.json()) as { BearerToken: string }).BearerToken.split('.')[0] ?? '';

    const waiting = waitingCodes(h).filter((row) => !earlier.has(row.key));
    expect(waiting).toEqual([
      {
        key: expect.stringMatching(new RegExp(`^signin-code/${ALEX_PATH}/[0-9a-f]{64}$`)),
        value: {
          payload: {
            user: { tenantId: ALEX_PATH.split('/')[0], aadObjectId: ALEX.aadObjectId },
            locale: 'en',
            secret: { v: 1, iv: expect.any(String), tag: expect.any(String), data: expect.any(String) },
          },
          expiresAt: expect.any(String),
          consumedAt: null,
        },
      },
    ]);
    expect(JSON.stringify(waiting)).not.toContain(code);
    await say(h, ALEX, code);

    // Every byte on disk (the database and its write-ahead log), and the token record itself.
    const files = await readdir(h.storageDir);
    const stored = (await Promise.all(files.map((f) => readFile(join(h.storageDir, f), 'utf8')))).join('\n');
    const tokenRecords = storedRows(h.storageDir).filter((row) => row.key.startsWith('tokens/'));
    expect(tokenRecords).toHaveLength(1);
    const tokenRecord = JSON.stringify(tokenRecords[0]?.value);
    expect(tokenRecord).toContain('"secret":{');
    expect(tokenRecord).not.toContain('Alex Wilber');
    expect(tokenRecord).not.toContain('alexw');
    expect(waitingCodes(h).filter((row) => !earlier.has(row.key))).toEqual([]);
    expect(stored).not.toContain('not-the-password');
    expect(stored).not.toContain(`"${PASSWORD}"`);
    expect(stored).not.toMatch(new RegExp(`${tokenShape}\\.[A-Za-z0-9_-]+`));

    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain('not-the-password');
    expect(logs).not.toContain(code);
    expect(logs).not.toMatch(new RegExp(`${tokenShape}\\.[A-Za-z0-9_-]+`));
  });
});

describe('account linking: what the sign-in page and the code read from storage', () => {
  const storage = new MemoryStorage();
  const h = useHarness({ per: 'file', install: [ALEX], harness: { storage } });
  const readsSince = (from: number, prefix: string) =>
    storage.calls.slice(from).filter((call) => call.op === 'read' && call.keys.some((key) => key.startsWith(prefix)));

  it('reads the link once per posted form (and once more to use it up), and the link by its code reads no tokens', async () => {
    const state = stateOf(await signInUrlFor(h, ALEX));
    const link = { op: 'read', keys: [signInStateKey(state)] };

    let from = storage.calls.length;
    expect((await submitSignIn(h, state, 'alexw', 'not-the-password')).status).toBe(401);
    expect(readsSince(from, SIGN_IN_STATE_PREFIX)).toEqual([link]);

    from = storage.calls.length;
    const page = await submitSignIn(h, state, 'alexw', PASSWORD);
    expect(page.status).toBe(200);
    expect(readsSince(from, SIGN_IN_STATE_PREFIX)).toEqual([link, link]);

    from = storage.calls.length;
    const replies = await say(h, ALEX, signInCodeIn(page.html) ?? '');
    expect(replyTexts(replies)).toEqual([t('en', 'chat.signedIn', { name: 'Alex Wilber' })]);
    expect(readsSince(from, 'tokens/')).toEqual([]);
  });
});
