import type { TurnContext } from 'botbuilder';
import { BackgroundWork } from '../../../src/bot/backgroundWork';
import { CardActions } from '../../../src/bot/cardActions';
import { CardSignIn } from '../../../src/bot/cardSignIn';
import { bindCardViews } from '../../../src/cards/cardViews';
import type { CardJson } from '../../../src/core/cardChannel';
import type { CardViews } from '../../../src/core/cardViews';
import type { Installation } from '../../../src/core/installation';
import type { TaskSnapshot } from '../../../src/core/task';
import { silentLogger } from '../../../src/logger';
import type { FinishOutcome, FinishRequest, TaskFinisher } from '../../../src/tasks/finishTasks';
import { TaskStore } from '../../../src/tasks/taskStore';
import { MemoryStorage } from '../../helpers/memoryStorage';
import { ALEX, APPROVE, openTask } from '../tasks/taskFixtures';

const ZONE = 'Europe/Amsterdam';
const installation: Installation = {
  ...ALEX,
  userPrincipalName: 'alexw@example.com',
  email: null,
  name: 'Alex Wilber',
  locale: 'en',
  timezone: 'Europe/Amsterdam',
  reference: {
    channelId: 'msteams',
    serviceUrl: 'http://connector',
    conversation: { id: 'a:1' },
    user: { id: '29:1' },
    bot: { id: '28:b' },
  },
  installedAt: '2026-11-30T16:00:00.000Z',
};
const NOW = '2026-11-30T16:00:00.000Z';
const user = { key: ALEX, name: 'Alex Wilber', locale: 'en' as const, localeTag: 'en-US', timezone: null, personal: true };
const finished = (snapshot: TaskSnapshot): TaskSnapshot => ({
  ...snapshot,
  state: { kind: 'finished', by: 'Alex Wilber', at: NOW, transitionName: 'Approve', comment: null },
});

/** CardActions with the real card views (counted), a scripted finisher and the refreshes it asks for recorded. */
async function setup(outcome: FinishOutcome) {
  const storage = new MemoryStorage();
  const tasks = new TaskStore(storage);
  await tasks.save({ ...openTask(42), cardActivityIds: ['card-1'] });
  const real = bindCardViews({ digiOfficeZone: ZONE, webBaseUrl: 'https://do.example.nl', clock: { now: () => new Date(NOW) } });
  const rendered: Array<{ taskId: number; card: CardJson }> = [];
  const views: CardViews = {
    ...real,
    task: (snapshot, viewer, extras) => {
      const card = real.task(snapshot, viewer, extras);
      rendered.push({ taskId: snapshot.task.ID, card });
      return card;
    },
  };
  const refreshed: Array<{ taskId: number; rendered: CardJson | undefined }> = [];
  const background = new BackgroundWork(silentLogger);
  const finisher = { finish: (_request: FinishRequest) => Promise.resolve(outcome) } as unknown as TaskFinisher;
  const actions = new CardActions({
    tasks,
    finisher,
    views,
    channel: { sendCard: () => Promise.resolve(''), updateCard: () => Promise.resolve() },
    background,
    logger: silentLogger,
    signIn: new CardSignIn({
      signInUrl: () => Promise.resolve('https://bot/signin'),
      redeem: () => Promise.resolve({ kind: 'linked', displayName: 'Alex Wilber' }),
      isLinked: () => Promise.resolve(true),
    }),
    refreshCards: (_installation, snapshot, card) => {
      refreshed.push({ taskId: snapshot.task.ID, rendered: card });
      return Promise.resolve();
    },
    invokeBudgetMs: 5_000,
    digiOfficeZone: ZONE,
  });
  const click = (taskIds: number[]) =>
    actions.handle({ activity: { replyToId: 'card-1' } } as unknown as TurnContext, user, installation, 'task.finish', {
      taskIds,
      transitionId: APPROVE.ID,
    });
  return { click, rendered, refreshed, background };
}

describe('CardActions: a finished click', () => {
  it('renders the finished card once: the answer, and the refresh of every card showing the task reuses it', async () => {
    const done = finished(openTask(42));
    const { click, rendered, refreshed, background } = await setup({ kind: 'done', snapshots: [done] });

    const response = await click([42]);
    await background.idle();

    expect(rendered.map((r) => r.taskId)).toEqual([42]);
    expect(response).toEqual({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: rendered[0]?.card },
    });
    expect(refreshed).toEqual([{ taskId: 42, rendered: rendered[0]?.card }]);
  });

  it('draws the refreshed cards anew when the answer is not the plain card (an unknown outcome keeps what was typed)', async () => {
    const unknown: TaskSnapshot = {
      ...openTask(42),
      unknownOutcome: {
        by: 'Alex Wilber',
        at: NOW,
        attempt: { kind: 'finish', transitionId: APPROVE.ID, transitionName: 'Approve' },
        comment: null,
        inputs: { comment: 'typed' },
      },
    };
    const { click, rendered, refreshed, background } = await setup({ kind: 'unknown', snapshots: [unknown] });

    await click([42]);
    await background.idle();

    expect(rendered.map((r) => r.taskId)).toEqual([42]);
    expect(refreshed).toEqual([{ taskId: 42, rendered: undefined }]);
  });

  it('refreshes the other tasks of a batch with cards of their own', async () => {
    const [first, second] = [finished(openTask(42)), finished(openTask(43))];
    const { click, rendered, refreshed, background } = await setup({ kind: 'done', snapshots: [first, second] });

    await click([42, 43]);
    await background.idle();

    expect(rendered.map((r) => r.taskId)).toEqual([42]);
    expect(refreshed).toEqual([
      { taskId: 42, rendered: rendered[0]?.card },
      { taskId: 43, rendered: undefined },
    ]);
  });
});
