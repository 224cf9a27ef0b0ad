import type { TurnContext } from 'botbuilder';
import { TypingIndicator } from '../../../src/bot/typingIndicator';
import { silentLogger } from '../../../src/logger';

/** A turn context that records what is sent, each send held until `release`. */
function heldContext() {
  const sent: string[] = [];
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const context = {
    sendActivity: async (activity: { type: string }) => {
      sent.push(activity.type);
      await held;
    },
  } as unknown as TurnContext;
  return { context, sent, release };
}

describe('TypingIndicator', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('sends nothing once stopped, also when the work starts after the stop', async () => {
    const { context, sent, release } = heldContext();
    release();
    const typing = new TypingIndicator(context, silentLogger);
    await typing.stop();
    await typing.start();
    expect(sent).toEqual([]);
  });

  it('stopped while its first "typing…" is on its way, it sends no more', async () => {
    jest.useFakeTimers();
    const { context, sent, release } = heldContext();
    const typing = new TypingIndicator(context, silentLogger);
    const started = typing.start();
    const stopped = typing.stop();
    release();
    await Promise.all([started, stopped]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual(['typing']);
  });

  it('repeats "typing…" until stopped', async () => {
    jest.useFakeTimers();
    const { context, sent, release } = heldContext();
    release();
    const typing = new TypingIndicator(context, silentLogger);
    await typing.start();
    await jest.advanceTimersByTimeAsync(7_000);
    await typing.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual(['typing', 'typing', 'typing']);
  });
});
