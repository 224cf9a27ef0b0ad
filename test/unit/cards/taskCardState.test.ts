import { renderTaskCard } from '../../../src/cards';
import type { TaskState } from '../../../src/core/task';
import { APPROVE_ID, byId, cardView, enView, nlView, nodes, ofType, task42, texts, transition } from './fixtures';

/** The card says what happened, how urgent it still is, when things are due and in which zone, and stays current. */

const finished: TaskState = {
  kind: 'finished',
  by: 'Jan de Vries',
  at: '2026-11-30T16:05:00.000Z',
  transitionName: 'Approve',
  comment: 'Paid on time, thanks.',
};

const factSets = (card: object) => ofType(card, 'FactSet').map((f) => f.facts as unknown[]);

describe('the finished card', () => {
  test('shows the step, who, when, and the comment they gave', () => {
    const card = renderTaskCard(task42({ state: finished }), enView);
    expect((card.body as unknown[]).slice(2)).toEqual([
      {
        type: 'FactSet',
        facts: [
          { title: 'Task', value: '42' },
          { title: 'Due', value: 'Fri 4 Dec, 17:00' },
        ],
      },
      { type: 'TextBlock', text: '✔ Finished: Approve by Jan de Vries, Mon 30 Nov, 17:05', color: 'Good', weight: 'Bolder', wrap: true },
      { type: 'FactSet', spacing: 'Small', facts: [{ title: 'Comment', value: 'Paid on time, thanks.' }] },
    ]);
  });

  test('in Dutch', () => {
    const card = renderTaskCard(task42({ state: { ...finished, transitionName: 'Goedkeuren' } }), nlView);
    expect(texts(card)).toContain('✔ Afgerond: Goedkeuren door Jan de Vries, ma 30 nov, 17:05');
    expect(factSets(card)[1]).toEqual([{ title: 'Opmerking', value: 'Paid on time, thanks.' }]);
  });

  test('without a comment there is no comment line', () => {
    for (const comment of [undefined, null, '']) {
      const card = renderTaskCard(task42({ state: { ...finished, comment } }), enView);
      expect(factSets(card)).toEqual([
        [
          { title: 'Task', value: '42' },
          { title: 'Due', value: 'Fri 4 Dec, 17:00' },
        ],
      ]);
    }
  });

  test('a deferral shows its comment too', () => {
    const deferred: TaskState = {
      kind: 'deferred',
      by: 'Jan',
      at: finished.at,
      until: '2026-12-07T08:00:00.000Z',
      comment: 'Waiting for ACME',
    };
    expect(factSets(renderTaskCard(task42({ state: deferred }), enView)).at(-1)).toEqual([{ title: 'Comment', value: 'Waiting for ACME' }]);
  });
});

describe('the urgent badge', () => {
  const badge = (state: TaskState) => texts(renderTaskCard(task42({ state }), enView)).includes('Urgent');

  test('is shown while the task can be acted on, and gone once no one can', () => {
    expect([
      badge({ kind: 'open' }),
      badge({ kind: 'deferred', by: 'Jan', at: finished.at, until: '2026-12-07T08:00:00.000Z' }),
      badge(finished),
      badge({ kind: 'closed', by: 'Piet', at: null }),
      badge({ kind: 'unavailable', at: finished.at }),
    ]).toEqual([true, true, false, false, false]);
  });
});

describe('dates', () => {
  const due = (ExpirationDate: string, view = enView) => {
    const snapshot = task42();
    snapshot.task = { ...snapshot.task, ExpirationDate };
    return factSets(renderTaskCard(snapshot, view))[0]?.[1];
  };

  test('carry the year when it is not this year in the viewer’s zone', () => {
    expect(due('2027-03-29T12:00:00.0000000')).toEqual({ title: 'Due', value: 'Mon 29 Mar 2027, 12:00' });
    expect(due('2027-03-29T12:00:00.0000000', nlView)).toEqual({ title: 'Verloopt', value: 'ma 29 mrt 2027, 12:00' });
    expect(due('2026-03-29T00:00:00.0000000')).toEqual({ title: 'Due', value: 'Sun 29 Mar' });
  });

  test('name the zone while the viewer’s own zone is not known yet; the result line too', () => {
    const stranger = cardView('en', { zoneKnown: false });
    expect(due('2026-12-04T17:00:00.0000000', stranger)).toEqual({ title: 'Due', value: 'Fri 4 Dec, 17:00 (Europe/Amsterdam)' });
    expect(texts(renderTaskCard(task42({ state: finished }), stranger))).toContain(
      '✔ Finished: Approve by Jan de Vries, Mon 30 Nov, 17:05 (Europe/Amsterdam)',
    );
  });
});

describe('the deferral inputs', () => {
  const hold = transition('6f1c2a7e-3b9d-4c1e-9a51-2d0e4f7b8c09', 'Sign off, follow up later', { DeferAtStartWorkflowIsAdHoc: true });
  const approve = transition(APPROVE_ID, 'Approve', { IsNext: true });

  /** The container holding `id`, and the elements before the input's group in it. */
  function around(card: object, id: string) {
    const container = nodes(card).find(
      (n) => Array.isArray(n.items) && (n.items as object[]).some((item) => nodes(item).some((m) => m.id === id)),
    );
    const items = (container?.items ?? []) as object[];
    const at = items.findIndex((item) => nodes(item).some((m) => m.id === id));
    return { before: items[at - 1], group: items[at] };
  }

  test('are headed by the step that uses them; their ids stay as they are', () => {
    const card = renderTaskCard(task42({ transitions: [approve, hold] }), enView);
    const { before } = around(card, 'deferUntilDate');
    expect(before).toEqual({
      type: 'TextBlock',
      text: 'Only for the step "Sign off, follow up later":',
      weight: 'Bolder',
      wrap: true,
      separator: true,
      spacing: 'Medium',
    });
    expect([byId(card, 'deferUntilDate')?.type, byId(card, 'deferUntilTime')?.type, byId(card, 'deferralNote')?.type]).toEqual([
      'Input.Date',
      'Input.Time',
      'Input.Text',
    ]);
    expect(around(card, 'deferralNote').before).toBe(around(card, 'deferUntilDate').group);
  });

  test('name several steps, in Dutch too, and count the rest beyond three', () => {
    const steps = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...hold, ID: `${hold.ID.slice(0, -1)}${i}`, Name: `Step ${i + 1}` }));
    const heading = (view: typeof enView, n: number) =>
      around(renderTaskCard(task42({ transitions: [approve, ...steps(n)] }), view), 'deferUntilDate').before;
    expect(heading(nlView, 2)).toMatchObject({ text: 'Alleen bij de stappen "Step 1", "Step 2":' });
    expect(heading(enView, 5)).toMatchObject({ text: 'Only for the steps "Step 1", "Step 2", "Step 3" and 2 others:' });
    expect(heading(nlView, 4)).toMatchObject({ text: 'Alleen bij de stappen "Step 1", "Step 2", "Step 3" en nog 1 andere:' });
  });

  test('need no heading when every step uses them', () => {
    const card = renderTaskCard(task42({ transitions: [{ ...hold, IsNext: true }] }), enView);
    expect(around(card, 'deferUntilDate').before).toMatchObject({ id: 'reason' });
  });
});

describe('the automatic refresh', () => {
  const forJan = cardView('en', { teamsUserId: '29:1jan-mri' });
  const refresh = { action: { type: 'Action.Execute', verb: 'task.refresh', data: { taskIds: [42] } }, userIds: ['29:1jan-mri'] };

  test('asks Teams to fetch the current card for the viewer alone', () => {
    expect(renderTaskCard(task42(), forJan).refresh).toEqual(refresh);
    const deferred: TaskState = { kind: 'deferred', by: 'Jan', at: finished.at, until: '2026-12-07T08:00:00.000Z' };
    expect(renderTaskCard(task42({ state: deferred }), forJan).refresh).toEqual(refresh);
    expect(renderTaskCard(task42({ state: { kind: 'unavailable', at: finished.at } }), forJan).refresh).toEqual(refresh);
  });

  test('is left out where nothing can change, while DigiOffice works, on a card with the viewer’s errors, and without an id', () => {
    const without = [
      renderTaskCard(task42({ state: finished }), forJan),
      renderTaskCard(task42({ state: { kind: 'closed', by: null, at: null } }), forJan),
      renderTaskCard(task42(), { ...forJan, banner: { kind: 'working', text: '…' } }),
      renderTaskCard(task42(), { ...forJan, errors: [{ field: 'reason', code: 'required' }] }),
      renderTaskCard(task42(), enView),
    ];
    expect(without.map((card) => 'refresh' in card)).toEqual([false, false, false, false, false]);
  });
});
