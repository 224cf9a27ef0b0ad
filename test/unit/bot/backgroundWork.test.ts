import { BackgroundWork } from '../../../src/bot/backgroundWork';
import { silentLogger } from '../../../src/logger';

describe('BackgroundWork', () => {
  it('starts the work after the current turn of the event loop (the answer goes first), and idle() waits for it', async () => {
    const background = new BackgroundWork(silentLogger);
    const order: string[] = [];

    background.run('refresh', async () => {
      order.push('work started');
      await Promise.resolve();
      order.push('work ended');
    });
    order.push('answered');
    await Promise.resolve();
    order.push('still answering');
    await background.idle();

    expect(order).toEqual(['answered', 'still answering', 'work started', 'work ended']);
  });
});
