import { gzipSync } from 'node:zlib';
import { filler, json, multipartUpload } from './hostileClient';
import { describeAfterAllOfIt, typingBody, useHostileTarget } from './hostileTarget';

const MiB = 1024 * 1024;
/** What a client has handed to its socket when the answer comes: kernel buffers hold a few MiB, never hundreds. */
const READ_NO_FURTHER_THAN = 32 * MiB;

const refused = (error: string, message: unknown) => ({ error, message });
const encodingRefused = (encoding: string) =>
  refused(
    'unsupportedContentEncoding',
    `Content-Encoding "${encoding}" is not accepted; send the body uncompressed (no Content-Encoding).`,
  );
const MULTIPART = refused('unsupportedMediaType', 'Multipart bodies are not accepted here.');
const tooLarge = (limit: string, hint = '') => refused('payloadTooLarge', `The body exceeds the limit of ${limit}.${hint}`);
const ACTIVITY_TOO_LARGE = tooLarge('262144 bytes (256 KiB)');
const NOTIFICATION_TOO_LARGE = tooLarge('262144 bytes (256 KiB)', ' Send fewer notifications per batch.');
const FORM_TOO_LARGE = tooLarge('16384 bytes (16 KiB)');
const UNAUTHORIZED = refused('unauthorized', 'The request is not authorized.');
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** `{"type":"message","text":"aaaa…` of `total` bytes, never complete. */
function* endlessJson(total: number): Iterable<Buffer> {
  yield Buffer.from('{"type":"message","text":"');
  yield* filler(total);
}

/** Ten gzip members of 64 MiB of zeros each: about 650 KiB that inflate to 640 MiB (deflate stops near 1:1000). */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(64 * MiB));
  return Buffer.concat(Array.from({ length: 10 }, () => member));
}

describe('the HTTP edge under hostile bodies (the real server as a child process)', () => {
  const target = useHostileTarget();

  const expectUp = async () => expect(await target.health()).toEqual({ status: 200, running: true });

  describe('compressed bodies are refused with 415 before a byte is inflated', () => {
    it('answers the 15-byte request that used to kill the process (gzip header, plain body, no token)', async () => {
      const response = await target.send({
        path: '/api/messages',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: [Buffer.from('hello')],
      });
      expect({ status: response.status, body: json(response) }).toEqual({ status: 415, body: encodingRefused('gzip') });
      await expectUp();
    });

    it.each([
      ['/api/messages', 'gzip', () => target.channelHeaders()],
      ['/api/messages', 'deflate', () => target.channelHeaders()],
      ['/api/messages', 'br', () => target.channelHeaders()],
      ['/api/notifications', 'gzip', () => target.notifyHeaders()],
      ['/api/notifications', 'br', () => target.notifyHeaders()],
      ['/auth/signin', 'gzip', () => FORM],
      ['/auth/signin', 'deflate', () => FORM],
    ])('%s with Content-Encoding %s and a garbage body → 415', async (path, encoding, headers) => {
      const response = await target.send({
        path,
        headers: { ...headers(), 'content-encoding': encoding },
        body: [Buffer.from('not compressed at all')],
      });
      expect({ status: response.status, body: json(response) }).toEqual({ status: 415, body: encodingRefused(encoding) });
      await expectUp();
    });

    it('refuses a gzip bomb on every route, and any encoding list that is not just identity', async () => {
      const bomb = gzipBomb();
      expect(bomb.length).toBeLessThan(700 * 1024);
      const statuses = [];
      for (const [path, headers] of [
        ['/api/messages', target.channelHeaders()],
        ['/api/notifications', target.notifyHeaders()],
        ['/auth/signin', FORM],
      ] as const) {
        const response = await target.send({
          path,
          headers: { ...headers, 'content-encoding': 'gzip', 'content-length': String(bomb.length) },
          body: [bomb],
        });
        statuses.push({ path, status: response.status, body: json(response) });
      }
      expect(statuses).toEqual([
        { path: '/api/messages', status: 415, body: encodingRefused('gzip') },
        { path: '/api/notifications', status: 415, body: encodingRefused('gzip') },
        { path: '/auth/signin', status: 415, body: encodingRefused('gzip') },
      ]);
      const listed = await target.send({
        path: '/api/messages',
        headers: target.channelHeaders({ 'content-encoding': 'identity, GZIP' }),
        body: [gzipSync(typingBody())],
      });
      expect({ status: listed.status, body: json(listed) }).toEqual({ status: 415, body: encodingRefused('identity, gzip') });
      await expectUp();
    });

    it('takes Content-Encoding: identity as no encoding', async () => {
      const response = await target.send({
        path: '/api/messages',
        headers: target.channelHeaders({ 'content-encoding': 'identity' }),
        body: [typingBody()],
      });
      expect({ status: response.status, text: response.text }).toEqual({ status: 200, text: '' });
    });
  });

  describe('size limits hold while reading: 413 as soon as the limit passes, and the rest is never read', () => {
    it.each([
      ['/api/messages', () => target.channelHeaders(), ACTIVITY_TOO_LARGE],
      ['/api/notifications', () => target.notifyHeaders(), NOTIFICATION_TOO_LARGE],
      ['/auth/signin', () => FORM, FORM_TOO_LARGE],
    ])('%s: a 600 MiB body with its Content-Length is refused before it is read', async (path, headers, body) => {
      const response = await target.send({ path, headers: { ...headers(), 'content-length': String(600 * MiB) }, body: filler(600 * MiB) });
      expect({ status: response.status, body: json(response), close: response.headers.connection }).toEqual({
        status: 413,
        body,
        close: 'close',
      });
      expect(response.bytesSent).toBeLessThan(READ_NO_FURTHER_THAN);
      await expectUp();
    });

    it.each([
      ['/api/messages', () => target.channelHeaders(), ACTIVITY_TOO_LARGE],
      ['/api/notifications', () => target.notifyHeaders(), NOTIFICATION_TOO_LARGE],
      ['/auth/signin', () => FORM, FORM_TOO_LARGE],
    ])('%s: an endless chunked body is refused once it passes the limit', async (path, headers, body) => {
      const response = await target.send({ path, headers: headers(), body: filler(Infinity) });
      expect({ status: response.status, body: json(response) }).toEqual({ status: 413, body });
      expect(response.bytesSent).toBeLessThan(READ_NO_FURTHER_THAN);
      await expectUp();
    });

    it('refuses a 200 MB JSON activity, declared or chunked', async () => {
      const declared = await target.send({
        path: '/api/messages',
        headers: target.channelHeaders({ 'content-length': String(200_000_000) }),
        body: endlessJson(200_000_000),
      });
      const chunked = await target.send({ path: '/api/messages', headers: target.channelHeaders(), body: endlessJson(200_000_000) });
      expect([declared.status, json(declared), chunked.status, json(chunked)]).toEqual([413, ACTIVITY_TOO_LARGE, 413, ACTIVITY_TOO_LARGE]);
      expect(Math.max(declared.bytesSent, chunked.bytesSent)).toBeLessThan(READ_NO_FURTHER_THAN);
      await expectUp();
    });

    it('reads no body at all from a caller without a token or key', async () => {
      const messages = await target.send({
        path: '/api/messages',
        headers: { 'content-type': 'application/json', 'content-length': String(600 * MiB) },
        body: filler(600 * MiB),
      });
      const notifications = await target.send({
        path: '/api/notifications',
        headers: { 'content-type': 'application/json' },
        body: filler(Infinity),
      });
      expect([messages.status, json(messages), notifications.status, json(notifications)]).toEqual([
        401,
        UNAUTHORIZED,
        401,
        refused('unauthorized', 'Send the notification key as "Authorization: Bearer <NOTIFY_API_KEY>".'),
      ]);
      expect(Math.max(messages.bytesSent, notifications.bytesSent)).toBeLessThan(READ_NO_FURTHER_THAN);
      await expectUp();
    });

    it('accepts an activity just under the limit', async () => {
      const activity = JSON.parse(typingBody().toString()) as Record<string, unknown>;
      const padded = Buffer.from(JSON.stringify({ ...activity, channelData: { padding: 'x'.repeat(250 * 1024) } }));
      expect(padded.length).toBeLessThan(256 * 1024);
      const response = await target.send({ path: '/api/messages', headers: target.channelHeaders(), body: [padded] });
      expect({ status: response.status, text: response.text }).toEqual({ status: 200, text: '' });
    });
  });

  describe('no multipart anywhere: nothing is spooled to disk', () => {
    it.each([
      ['/api/messages', () => target.channelHeaders()],
      ['/api/notifications', () => target.notifyHeaders()],
      ['/auth/signin', () => ({})],
    ])('%s: a 50 MB multipart upload → 415, read no further', async (path, headers) => {
      const upload = multipartUpload(50_000_000);
      const response = await target.send({ path, headers: { ...headers(), ...upload.headers }, body: upload.body });
      expect({ status: response.status, body: json(response) }).toEqual({ status: 415, body: MULTIPART });
      expect(response.bytesSent).toBeLessThan(READ_NO_FURTHER_THAN);
      expect(await target.bot.tempEntries()).toEqual([]);
      await expectUp();
    });
  });

  describe('each route takes one media type', () => {
    it.each([
      ['text/plain', 'unsupportedMediaType', 'Content-Type must be application/json (charset utf-8); got "text/plain".'],
      ['application/xml', 'unsupportedMediaType', 'Content-Type must be application/json (charset utf-8); got "application/xml".'],
      [undefined, 'unsupportedMediaType', 'Content-Type must be application/json (charset utf-8); got missing.'],
      ['application/json; charset=iso-8859-1', 'unsupportedCharset', 'The charset must be utf-8; got "iso-8859-1".'],
    ])('/api/messages with Content-Type %s → 415', async (contentType, error, message) => {
      const headers = target.channelHeaders();
      if (contentType) headers['content-type'] = contentType;
      else delete headers['content-type'];
      const response = await target.send({ path: '/api/messages', headers, body: [typingBody()] });
      expect({ status: response.status, body: json(response) }).toEqual({ status: 415, body: refused(error, message) });
    });

    it('takes application/json with charset=UTF-8 on /api/messages, and refuses JSON on the sign-in form', async () => {
      const utf8 = await target.send({
        path: '/api/messages',
        headers: target.channelHeaders({ 'content-type': 'application/json; charset=UTF-8' }),
        body: [typingBody()],
      });
      const form = await target.send({
        path: '/auth/signin',
        headers: { 'content-type': 'application/json' },
        body: [Buffer.from('{"state":"x"}')],
      });
      expect([utf8.status, form.status, json(form)]).toEqual([
        200,
        415,
        refused('unsupportedMediaType', 'Content-Type must be application/x-www-form-urlencoded (charset utf-8); got "application/json".'),
      ]);
    });
  });

  describe('bodies that are not what they claim get a 400 that says why', () => {
    const invalidUtf8 = Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const deep = (levels: number) => Buffer.from(`{"type":"typing","value":${'['.repeat(levels)}${']'.repeat(levels)}}`);

    it.each([
      ['/api/messages', () => target.channelHeaders()],
      ['/api/notifications', () => target.notifyHeaders()],
    ])('%s: invalid UTF-8, invalid JSON, and 100 000 levels of nesting', async (path, headers) => {
      const answers = [];
      for (const body of [invalidUtf8, Buffer.from('{"type": "message",'), deep(100_000)]) {
        const response = await target.send({ path, headers: headers(), body: [body] });
        answers.push({ status: response.status, body: json(response) });
      }
      expect(answers).toEqual([
        { status: 400, body: refused('invalidUtf8', 'The body is not valid UTF-8; send JSON encoded as UTF-8.') },
        { status: 400, body: refused('invalidJson', expect.stringMatching(/^The body is not valid JSON: .*position 19\b/)) },
        { status: 400, body: refused('tooDeep', 'The JSON is nested more than 64 levels deep.') },
      ]);
      await expectUp();
    });

    it('/api/messages: JSON that is not an activity', async () => {
      const answers = [];
      for (const body of ['[]', '"typing"', '{"text":"no type"}', 'null']) {
        const response = await target.send({ path: '/api/messages', headers: target.channelHeaders(), body: [Buffer.from(body)] });
        answers.push(response.status === 400 ? json(response) : response.status);
      }
      const notAnActivity = refused('invalidActivity', 'The body must be a Bot Framework activity: a JSON object with a string "type".');
      expect(answers).toEqual([notAnActivity, notAnActivity, notAnActivity, notAnActivity]);
    });

    it('/auth/signin: a form that is not UTF-8, a broken %-escape, a field sent twice', async () => {
      const answers = [];
      for (const body of [
        Buffer.from([0x73, 0x3d, 0xff]),
        Buffer.from('state=abc&username=%E0%A4%A&password=x'),
        Buffer.from('state=a&state=b'),
      ]) {
        const response = await target.send({ path: '/auth/signin', headers: FORM, body: [body] });
        answers.push({ status: response.status, body: json(response) });
      }
      expect(answers).toEqual([
        { status: 400, body: refused('invalidForm', 'The form is not valid UTF-8.') },
        { status: 400, body: refused('invalidForm', 'The form has a malformed %-escape or one that is not UTF-8.') },
        { status: 400, body: refused('invalidForm', 'The form field "state" appears more than once.') },
      ]);
      await expectUp();
    });
  });

  describeAfterAllOfIt(target);
});
