import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { createLogger, routeProcessOutputToLogger } from '../../src/logger';

/** A console and a process of its own, so the test routes nothing of jest's. */
function routed() {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const target = { ...console };
  const exits: number[] = [];
  const proc = Object.assign(new EventEmitter(), { exit: (code: number) => exits.push(code) }) as unknown as NodeJS.Process;
  proc.on('warning', () => lines.push('the default printer ran'));
  routeProcessOutputToLogger(createLogger('debug', stream), proc, target);
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { target, proc, exits, entries, lines };
}

describe('routeProcessOutputToLogger()', () => {
  it('turns console output, however many lines it spans, into one JSON entry per call', () => {
    const { target, entries } = routed();
    target.error('Error finding key for token. Available keys: %s', '-----BEGIN KEY-----\nabc\n-----END KEY-----');
    target.log('plain', 42);
    target.debug('details');
    expect(entries().map(({ level, source, msg }) => ({ level, source, msg }))).toEqual([
      { level: 40, source: 'console', msg: 'Error finding key for token. Available keys: -----BEGIN KEY-----\nabc\n-----END KEY-----' },
      { level: 30, source: 'console', msg: 'plain 42' },
      { level: 20, source: 'console', msg: 'details' },
    ]);
  });

  it("replaces Node's warning printer with warn entries", () => {
    const { proc, entries, lines } = routed();
    const warning = Object.assign(new Error('Possible EventEmitter memory leak detected.'), { name: 'MaxListenersExceededWarning' });
    proc.emit('warning', warning);
    expect(lines).not.toContain('the default printer ran');
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 40,
        source: 'process',
        warning: 'MaxListenersExceededWarning',
        msg: 'Possible EventEmitter memory leak detected.',
      }),
    ]);
  });

  it('logs an uncaught exception with its stack in one entry, then exits 1', () => {
    const { proc, entries, exits } = routed();
    proc.emit('uncaughtException', new Error('boom'));
    expect(exits).toEqual([1]);
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'uncaught exception; exiting',
        err: expect.objectContaining({ message: 'boom', stack: expect.stringContaining('\n') }),
      }),
    ]);
  });
});

describe('createLogger()', () => {
  function logged() {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    return { logger: createLogger('debug', stream), entries };
  }
  const withoutTime = ({ time: _time, ...entry }: Record<string, unknown>) => entry;

  it('censors every redacted name at the top, one field down, and in headers one field down', () => {
    const { logger, entries } = logged();
    logger.info({ password: 'p1', token: 't1', other: 'kept' }, 'top');
    logger.warn({ user: { Password: 'p2', name: 'Jan' }, answer: { AccessToken: 'a1', RefreshToken: 'r1', BearerToken: 'b1' } }, 'nested');
    logger.error(
      { request: { headers: { authorization: 'Bearer x', accept: 'json' } }, headers: { authorization: 'Bearer y' } },
      'headers',
    );
    logger.debug({ account: { bearerToken: 'b2', refreshToken: 'r2', authorization: 'z' } }, 'account');
    expect(entries().map(withoutTime)).toEqual([
      { level: 30, password: '[redacted]', token: '[redacted]', other: 'kept', msg: 'top' },
      {
        level: 40,
        user: { Password: '[redacted]', name: 'Jan' },
        answer: { AccessToken: '[redacted]', RefreshToken: '[redacted]', BearerToken: '[redacted]' },
        msg: 'nested',
      },
      {
        level: 50,
        request: { headers: { authorization: '[redacted]', accept: 'json' } },
        headers: { authorization: '[redacted]' },
        msg: 'headers',
      },
      { level: 20, account: { bearerToken: '[redacted]', refreshToken: '[redacted]', authorization: '[redacted]' }, msg: 'account' },
    ]);
  });

  it('censors what an error or a class instance carries', () => {
    const { logger, entries } = logged();
    class Credentials {
      constructor(readonly password: string) {}
    }
    logger.warn({ err: Object.assign(new Error('refused'), { token: 't3', status: 401 }) }, 'error');
    logger.info({ credentials: new Credentials('p3') }, 'instance');
    const [error, instance] = entries();
    expect(error).toEqual(
      expect.objectContaining({ err: expect.objectContaining({ message: 'refused', token: '[redacted]', status: 401 }), msg: 'error' }),
    );
    expect(instance && withoutTime(instance)).toEqual({ level: 30, credentials: { password: '[redacted]' }, msg: 'instance' });
  });

  it("censors a child logger's bindings and lines", () => {
    const { logger, entries } = logged();
    const child = logger.child({ token: 't4', worker: 1 });
    child.info({ done: true }, 'bound');
    const grandchild = logger.child({ worker: 2 }).child({ job: 'x' });
    grandchild.info({ user: { password: 'p5' } }, 'line');
    grandchild.info({ count: 3 }, 'plain');
    expect(entries().map(withoutTime)).toEqual([
      { level: 30, token: '[redacted]', worker: 1, done: true, msg: 'bound' },
      { level: 30, worker: 2, job: 'x', user: { password: '[redacted]' }, msg: 'line' },
      { level: 30, worker: 2, job: 'x', count: 3, msg: 'plain' },
    ]);
  });

  it('leaves what is not a redacted path as it is: deeper fields, lists, other names', () => {
    const { logger, entries } = logged();
    logger.info({ a: { b: { password: 'deep' } }, list: [{ token: 'in a list' }], tokens: 2, at: '2026-12-03' }, 'kept');
    expect(entries().map(withoutTime)).toEqual([
      { level: 30, a: { b: { password: 'deep' } }, list: [{ token: 'in a list' }], tokens: 2, at: '2026-12-03', msg: 'kept' },
    ]);
  });
});
