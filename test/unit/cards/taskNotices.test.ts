import { renderTaskCard } from '../../../src/cards';
import type { TaskState, UnknownOutcome } from '../../../src/core/task';
import { t } from '../../../src/i18n';
import { APPROVE_ID, byId, enView, finishActions, nlView, ofType, task42, texts } from './fixtures';

const unknownApprove: UnknownOutcome = {
  by: 'Jan de Vries',
  at: '2026-11-30T16:05:00.000Z',
  attempt: { kind: 'finish', transitionId: APPROVE_ID, transitionName: 'Approve' },
  comment: 'paid on time',
  inputs: { comment: 'paid on time', reason: 'checked' },
};

/** The banner's bold line and its buttons (the first container of the body, when the card has a banner). */
function banner(card: ReturnType<typeof renderTaskCard>) {
  const first = (card.body as Array<Record<string, unknown>>)[0];
  if (first?.type !== 'Container') return null;
  return { style: first.style, text: texts(first)[0], buttons: ofType(first, 'Action.Execute') };
}

describe('renderTaskCard: a finish with an unknown outcome', () => {
  it('says DigiOffice may have finished it, keeps what was typed and offers the same step again', () => {
    const card = renderTaskCard(task42({ revision: 4, unknownOutcome: unknownApprove }), enView);

    expect(banner(card)).toEqual({
      style: 'attention',
      text: t('en', 'card.unknown.finish', { transition: 'Approve', at: 'Mon 30 Nov, 17:05' }),
      buttons: [
        {
          type: 'Action.Execute',
          verb: 'task.finish',
          title: 'Try again',
          data: { taskIds: [42], rev: 4, transitionId: APPROVE_ID },
        },
      ],
    });
    expect([byId(card, 'comment')?.value, byId(card, 'reason')?.value]).toEqual(['paid on time', 'checked']);
    expect(finishActions(card)).toHaveLength(3);
    expect(ofType(card, 'Action.OpenUrl').map((a) => a.url)).toEqual(['https://digioffice.example.nl/workflow/tasks/42']);
  });

  it('in Dutch', () => {
    const card = renderTaskCard(task42({ unknownOutcome: unknownApprove }), nlView);
    expect(banner(card)).toMatchObject({
      text: t('nl', 'card.unknown.finish', { transition: 'Approve', at: 'ma 30 nov, 17:05' }),
      buttons: [{ title: 'Opnieuw proberen' }],
    });
  });

  it('a deferral: the retry carries the date, which sits in the defer sub-card', () => {
    const deferral: UnknownOutcome = {
      ...unknownApprove,
      attempt: { kind: 'defer', until: '2026-12-07T08:00:00.000Z' },
      inputs: { deferToDate: '2026-12-07', deferToTime: '09:00' },
    };
    const card = renderTaskCard(task42({ unknownOutcome: deferral }), enView);

    expect(banner(card)).toEqual({
      style: 'attention',
      text: t('en', 'card.unknown.defer', { until: 'Mon 7 Dec, 09:00', at: 'Mon 30 Nov, 17:05' }),
      buttons: [
        {
          type: 'Action.Execute',
          verb: 'task.defer',
          title: 'Try again',
          data: { taskIds: [42], rev: 1, deferToDate: '2026-12-07', deferToTime: '09:00' },
        },
      ],
    });
    expect(byId(card, 'deferToDate')?.value).toBe('2026-12-07');
  });

  it('the banner of an answer (an input error, "working…") replaces it, and there is no retry while working', () => {
    const snapshot = task42({ unknownOutcome: unknownApprove });
    expect(banner(renderTaskCard(snapshot, { ...enView, banner: { kind: 'error', text: 'Check' } }))).toEqual({
      style: 'attention',
      text: 'Check',
      buttons: [],
    });
    expect(ofType(renderTaskCard(snapshot, { ...enView, banner: { kind: 'working', text: 'Working' } }), 'Action.Execute')).toEqual([]);
  });

  it('is not shown once the task is no longer open', () => {
    const card = renderTaskCard(task42({ state: { kind: 'closed', by: null, at: null }, unknownOutcome: unknownApprove }), enView);
    expect(banner(card)).toBeNull();
    expect(ofType(card, 'Action.Execute')).toEqual([]);
  });
});

describe('renderTaskCard: a click on a card drawn before the task changed', () => {
  const stale = (state: TaskState, view = enView) => banner(renderTaskCard(task42({ state }), { ...view, stale: true }));

  it.each<[string, TaskState, string]>([
    ['updated in DigiOffice', { kind: 'open' }, t('en', 'card.stale.updated')],
    [
      'deferred',
      { kind: 'deferred', by: 'Jan de Vries', at: '2026-11-30T16:05:00.000Z', until: '2026-12-07T08:00:00.000Z' },
      t('en', 'card.stale.deferred', { by: 'Jan de Vries', until: 'Mon 7 Dec, 09:00' }),
    ],
    [
      'finished',
      { kind: 'finished', by: 'Jan de Vries', at: '2026-11-30T16:05:00.000Z', transitionName: 'Approve' },
      t('en', 'card.stale.finished', { by: 'Jan de Vries', transition: 'Approve' }),
    ],
    ['closed elsewhere', { kind: 'closed', by: 'Piet Jansen', at: null }, t('en', 'card.stale.closed')],
    ['no longer available', { kind: 'unavailable', at: '2026-11-30T16:05:00.000Z' }, t('en', 'card.stale.unavailable')],
  ])('says what changed: %s', (_what, state, text) => {
    expect(stale(state)).toEqual({ style: 'accent', text, buttons: [] });
  });

  it('in Dutch', () => {
    expect(stale({ kind: 'closed', by: null, at: null }, nlView)?.text).toBe(t('nl', 'card.stale.closed'));
  });
});
