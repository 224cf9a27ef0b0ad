import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  renderChoicesCard,
  renderChosenCard,
  renderHelpCard,
  renderSignInCard,
  renderTaskCard,
  renderTaskListCard,
  type TaskCardView,
} from '../../../src/cards';
import { CARDS_DIR } from '../../../src/appFolders';
import type { TaskSnapshot, TaskState } from '../../../src/core/task';
import { enView, listView, nlView, task42, transition } from './fixtures';

const allFlags = { AssignmentAtStartWorkflowIsAdHoc: true, AssignmentIsAdHocRequired: true, DeferAtStartWorkflowIsAdHoc: true };

const states: TaskState[] = [
  { kind: 'open' },
  { kind: 'finished', by: 'Jan de Vries', at: '2026-11-30T16:05:00.000Z', transitionName: 'Approve' },
  { kind: 'deferred', by: 'Jan de Vries', at: '2026-11-30T16:05:00.000Z', until: '2026-12-07T08:00:00.000Z' },
  { kind: 'closed', by: 'Piet Jansen', at: '2026-12-01T09:30:00.000Z' },
  { kind: 'closed', by: null, at: null },
  { kind: 'unavailable', at: '2026-12-01T09:30:00.000Z' },
];

const extras: Array<Partial<TaskCardView>> = [
  {},
  { banner: { kind: 'working', text: 'Finishing…' } },
  { banner: { kind: 'info', text: 'One moment' } },
  {
    banner: { kind: 'error', text: 'Check' },
    signInUrl: 'https://bot.example.nl/auth/signin?state=s',
    inputs: {
      comment: 'c',
      reason: 'r',
      assignees: 'user:1',
      deferUntilDate: '2026-12-07',
      deferUntilTime: '09:00',
      deferralNote: 'n',
      deferToDate: '2026-12-08',
      deferToTime: '10:00',
    },
    errors: (
      [
        'comment',
        'reason',
        'assignees',
        'deferUntilDate',
        'deferUntilTime',
        'deferralNote',
        'deferToDate',
        'deferToTime',
        'task',
        'transition',
        null,
      ] as const
    ).map((field) => ({
      field,
      message: `bad ${field}`,
    })),
  },
];

/** A task with every optional part present or absent, to exercise each `$when`. */
function variants(): TaskSnapshot[] {
  const bare = task42({ transitions: [] });
  bare.task = {
    ...bare.task,
    WorkflowDescription: null,
    StatusDescription: null,
    ExpirationDate: null,
    Urgent: false,
    RelativeDetailLink: null,
  };
  const full = task42({ commentRequired: true, reasonRequired: true });
  full.transitions = [transition('00000000-0000-0000-0000-000000000001', 'Forward', { ...allFlags, IsNext: true }), ...full.transitions];
  return [bare, task42(), full];
}

describe('card templates', () => {
  test.each(['task', 'signin', 'help', 'taskList', 'chatChoices'])('cards/%s.json is an Adaptive Card 1.5, full width', (name) => {
    const template = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;
    expect([template.$schema, template.type, template.version, template.msteams]).toEqual([
      'http://adaptivecards.io/schemas/adaptive-card.json',
      'AdaptiveCard',
      '1.5',
      { width: 'Full' },
    ]);
  });

  test('no ${ is left in the task card, in any state, banner and language', () => {
    const rendered: string[] = [];
    const unbound: string[] = [];
    variants().forEach((snapshot, variant) => {
      for (const state of states) {
        extras.forEach((extra, e) => {
          for (const view of [enView, nlView]) {
            const label = `variant ${variant}, ${state.kind}, extras ${e}, ${view.viewer.locale}`;
            rendered.push(label);
            if (JSON.stringify(renderTaskCard({ ...snapshot, state }, { ...view, ...extra })).includes('${')) unbound.push(label);
          }
        });
      }
    });
    expect(rendered).toHaveLength(3 * states.length * extras.length * 2);
    expect(unbound).toEqual([]);
  });

  test("the plain open card (refresh, no banner, no errors), drawn from its own version, is the full template's card", () => {
    // Without a Teams id there is no refresh, so the card comes from the full template; with one, from the plain version.
    const pairs = variants().flatMap((snapshot) =>
      [enView, nlView].flatMap((view) =>
        [{}, { inputs: { comment: 'c', assignees: 'user:1', deferToDate: '2026-12-08' } }].map((extra) => {
          const full = renderTaskCard(snapshot, { ...view, ...extra });
          const plain = renderTaskCard(snapshot, { ...view, ...extra, viewer: { ...view.viewer, teamsUserId: '29:1jan' } });
          const { refresh, ...rest } = plain;
          return [refresh, JSON.stringify(rest) === JSON.stringify(full)];
        }),
      ),
    );
    const refresh = { action: { type: 'Action.Execute', verb: 'task.refresh', data: { taskIds: [42] } }, userIds: ['29:1jan'] };
    expect(pairs).toEqual(Array.from({ length: 3 * 2 * 2 }, () => [refresh, true]));
  });

  test('no ${ is left in the sign-in, help, task list and chat question cards', () => {
    const list = [task42(), ...variants()];
    for (const locale of ['en', 'nl'] as const) {
      const zones = listView(locale);
      for (const card of [
        renderSignInCard(locale, 'https://bot.example.nl/auth/signin?state=s'),
        renderHelpCard(locale),
        renderTaskListCard([], zones),
        renderTaskListCard(list, zones),
        renderTaskListCard(
          Array.from({ length: 30 }, () => task42()),
          zones,
        ),
        renderChoicesCard(locale, 'Which?', [{ title: 'Approve', run: { text: 'finish task 42 app', step: 'Approve' } }]),
        renderChoicesCard(
          locale,
          'Which?',
          Array.from({ length: 12 }, (_, i) => ({ title: `Person ${i}`, run: { text: 'x' } })),
        ),
        renderChosenCard(locale, 'Approve'),
      ]) {
        expect(JSON.stringify(card)).not.toContain('${');
      }
    }
  });

  test('the task card with 8 transitions, long texts and every input stays under 28 KB', () => {
    const long = (n: number) => 'Lorem ipsum dolor sit amet, één twee drie. '.repeat(Math.ceil(n / 42)).slice(0, n);
    const snapshot = task42({
      commentRequired: true,
      reasonRequired: true,
      transitions: Array.from({ length: 8 }, (_, i) =>
        transition(`00000000-0000-0000-0000-00000000000${i}`, long(60), { ...allFlags, IsNext: i === 0 }),
      ),
    });
    snapshot.task = {
      ...snapshot.task,
      Name: long(255),
      WorkflowDescription: long(255),
      StatusDescription: long(100),
      RelativeDetailLink: `/workflow/tasks/42?${long(200)}`,
    };
    const card = renderTaskCard(snapshot, {
      ...enView,
      banner: { kind: 'error', text: long(300) },
      signInUrl: `https://bot.example.nl/auth/signin?state=${'x'.repeat(64)}`,
      inputs: {
        comment: long(4000),
        reason: long(4000),
        assignees: Array.from({ length: 20 }, (_, i) => `user:${1000 + i}`).join(','),
        deferUntilDate: '2026-12-07',
        deferUntilTime: '09:00',
        deferralNote: long(4000),
        deferToDate: '2026-12-08',
        deferToTime: '10:00',
      },
      errors: (['comment', 'reason', 'assignees', 'deferUntilDate', 'deferralNote', 'deferToDate', null] as const).map((field) => ({
        field,
        message: long(200),
      })),
    });
    const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
    expect(bytes).toBeLessThan(28 * 1024);
  });
});
