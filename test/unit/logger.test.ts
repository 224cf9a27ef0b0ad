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
