import { KeyedMutex } from '../../../src/storage/keyedMutex';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeyedMutex.run()', () => {
  it('runs functions for one key one at a time, in call order, also after a failure', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const gate = deferred();
    const first = mutex.run('k', async () => {
      events.push('first start');
      await gate.promise;
      events.push('first end');
      throw new Error('boom');
    });
    const second = mutex.run('k', () => {
      events.push('second');
      return Promise.resolve(2);
    });
    await Promise.resolve();
    expect(events).toEqual(['first start']);
    gate.resolve();
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBe(2);
    expect(events).toEqual(['first start', 'first end', 'second']);
  });

  it('runs different keys concurrently and forgets keys when idle', async () => {
    const mutex = new KeyedMutex();
    const gate = deferred();
    const events: string[] = [];
    const a = mutex.run('a', async () => {
      await gate.promise;
      events.push('a');
    });
    const b = mutex.run('b', () => {
      events.push('b');
      return Promise.resolve();
    });
    await b;
    expect(events).toEqual(['b']);
    gate.resolve();
    await a;
    await new Promise((r) => setImmediate(r));
    expect(mutex.size).toBe(0);
  });
});
