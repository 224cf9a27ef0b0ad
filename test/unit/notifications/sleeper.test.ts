import { Sleeper } from '../../../src/notifications/sleeper';

describe('Sleeper', () => {
  it('ends every pending sleep at once on cancelAll, leaving no timer', async () => {
    const sleeper = new Sleeper();
    const woke: string[] = [];
    const sleeps = [sleeper.sleep(60_000).then(() => woke.push('a')), sleeper.sleep(2 ** 40).then(() => woke.push('b'))];
    sleeper.cancelAll();
    await Promise.all(sleeps);
    expect(woke).toEqual(['a', 'b']);
  });

  it('wakes after a zero or negative delay', async () => {
    const sleeper = new Sleeper();
    await sleeper.sleep(0);
    await sleeper.sleep(-5);
    sleeper.cancelAll();
  });
});
