import { renderHelpCard, renderSignInCard, renderTaskListCard, TASK_LIST_LIMIT } from '../../../src/cards';
import { CARD_BUDGET_BYTES, cardBytes } from '../../../src/cards/cardBudget';
import { t } from '../../../src/i18n';
import { listView, ofType, task42, texts } from './fixtures';

const cardRoot = {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  type: 'AdaptiveCard',
  version: '1.5',
  msteams: { width: 'Full' },
};

describe('renderSignInCard', () => {
  test('explains why and links to the sign-in page', () => {
    expect(renderSignInCard('en', 'https://bot.example.nl/auth/signin?state=abc')).toEqual({
      ...cardRoot,
      body: [
        { type: 'TextBlock', text: 'Sign-in needed', style: 'heading', size: 'Medium', weight: 'Bolder', wrap: true },
        {
          type: 'TextBlock',
          text: 'To finish tasks from Teams, I act as you in DigiOffice. Sign in once with your DigiOffice account, then type the code the page shows here in this chat. Your password is not stored. The link is valid for 10 minutes.',
          wrap: true,
        },
      ],
      actions: [
        { type: 'Action.OpenUrl', title: 'Sign in to DigiOffice', url: 'https://bot.example.nl/auth/signin?state=abc', style: 'positive' },
      ],
    });
  });

  test('in Dutch', () => {
    const card = renderSignInCard('nl', 'https://bot.example.nl/auth/signin?state=abc');
    expect(ofType(card, 'Action.OpenUrl').map((a) => a.title)).toEqual(['Aanmelden bij DigiOffice']);
  });
});

describe('renderHelpCard', () => {
  test('lists every command with its description', () => {
    const card = renderHelpCard('en');
    expect((card.body as unknown[]).slice(0, 3)).toEqual([
      { type: 'TextBlock', text: 'DigiOffice tasks in Teams', style: 'heading', size: 'Medium', weight: 'Bolder', wrap: true },
      {
        type: 'TextBlock',
        text: 'I send you your DigiOffice workflow tasks as cards. Click a button on a card to finish a task, or type one of these:',
        wrap: true,
      },
      {
        type: 'Container',
        spacing: 'Medium',
        items: [
          { type: 'TextBlock', text: 'finish task 42', fontType: 'Monospace', weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: 'Shows the card of task 42.', isSubtle: true, wrap: true, spacing: 'None' },
        ],
      },
    ]);
    expect(ofType(card, 'Container').map((c) => texts(c)[0])).toEqual([
      'finish task 42',
      'finish task 42 approve looks good',
      'finish task 43 forward to Jan de Vries: please check',
      'finish tasks 42 43 approve',
      'defer task 42 until 2026-12-05 waiting for supplier',
      'defer task 42 until next monday 9:00',
      'my tasks',
      'sign in',
      'sign in 12345678',
      'sign out',
      'help',
    ]);
  });

  test('in Dutch', () => {
    expect(ofType(renderHelpCard('nl'), 'Container').map((c) => texts(c)[0])).toEqual([
      'taak 42 afronden',
      'taak 42 afronden goedkeuren ziet er goed uit',
      'taak 43 afronden doorsturen naar Jan de Vries: graag nakijken',
      'taken 42 43 afronden goedkeuren',
      'taak 42 uitstellen tot 2026-12-05 wacht op leverancier',
      'taak 42 uitstellen tot volgende week dinsdag 9 uur',
      'mijn taken',
      'aanmelden',
      'aanmelden 12345678',
      'afmelden',
      'help',
    ]);
  });
});

describe('renderTaskListCard', () => {
  test('one line per task with due date, urgent marker and a "Show card" button', () => {
    const other = task42();
    other.task = { ...other.task, ID: 43, Name: 'Review drawing', WorkflowDescription: null, ExpirationDate: null, Urgent: false };
    const card = renderTaskListCard([task42(), other], listView('en'));
    const line = (name: string, details: string, id: number, urgent: boolean) => ({
      type: 'ColumnSet',
      separator: true,
      spacing: 'Medium',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          verticalContentAlignment: 'Center',
          items: [
            { type: 'TextBlock', text: name, weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: details, isSubtle: true, size: 'Small', wrap: true, spacing: 'None' },
          ],
        },
        ...(urgent
          ? [
              {
                type: 'Column',
                width: 'auto',
                verticalContentAlignment: 'Center',
                items: [{ type: 'TextBlock', text: 'Urgent', color: 'Attention', weight: 'Bolder' }],
              },
            ]
          : []),
        {
          type: 'Column',
          width: 'auto',
          verticalContentAlignment: 'Center',
          items: [
            { type: 'ActionSet', actions: [{ type: 'Action.Execute', verb: 'task.show', title: 'Show card', data: { taskIds: [id] } }] },
          ],
        },
      ],
    });
    expect(card).toEqual({
      ...cardRoot,
      body: [
        { type: 'TextBlock', text: 'My open tasks (2)', style: 'heading', size: 'Medium', weight: 'Bolder', wrap: true },
        line('Approve invoice INV-2026-0042', 'Task 42 · Due Fri 4 Dec, 17:00 · Invoice approval', 42, true),
        line('Review drawing', 'Task 43', 43, false),
      ],
    });
  });

  test('empty state', () => {
    expect(texts(renderTaskListCard([], listView('nl')))).toEqual([
      'Mijn openstaande taken (0)',
      'Je hebt geen openstaande taken. Nieuwe taken komen hier binnen als kaart.',
    ]);
  });

  test(`shows at most ${TASK_LIST_LIMIT} tasks and says how many more there are`, () => {
    const many = Array.from({ length: TASK_LIST_LIMIT + 3 }, (_, i) => {
      const s = task42();
      s.task = { ...s.task, ID: 100 + i };
      return s;
    });
    const card = renderTaskListCard(many, listView('en'));
    expect(ofType(card, 'Action.Execute')).toHaveLength(TASK_LIST_LIMIT);
    expect(texts(card).at(-1)).toBe('…and 3 more.');
    expect(texts(card)[0]).toBe(`My open tasks (${TASK_LIST_LIMIT + 3})`);
  });

  test('a deferred task shows until when, in the viewer’s zone and the cards’ format', () => {
    const deferred = task42({
      state: { kind: 'deferred', by: 'Alex Wilber', at: '2026-11-30T16:05:00.000Z', until: '2026-12-07T08:00:00.000Z' },
    });
    expect(texts(renderTaskListCard([deferred], listView('en')))[2]).toBe(
      'Task 42 · Due Fri 4 Dec, 17:00 · Deferred until Mon 7 Dec, 09:00 · Invoice approval',
    );
    expect(texts(renderTaskListCard([deferred], listView('nl', { timezone: 'Europe/London' })))[2]).toBe(
      'Taak 42 · Verloopt vr 4 dec, 16:00 · Uitgesteld tot ma 7 dec, 08:00 · Invoice approval',
    );
  });

  test.each(['en', 'nl'] as const)(
    'with the longest names a notification can carry, shows as many tasks as fit in a Teams message and counts the rest (%s)',
    (locale) => {
      // 255 characters (the webhook's limit) of a character that takes 3 bytes in UTF-8.
      const wide = '€'.repeat(255);
      const many = Array.from({ length: 30 }, (_, i) =>
        task42({
          task: { ...task42().task, ID: 2_000_000_000 + i, Name: wide, WorkflowDescription: wide },
          state: { kind: 'deferred', by: 'Alex Wilber', at: '2026-11-30T16:05:00.000Z', until: '2026-12-07T08:00:00.000Z' },
        }),
      );
      const card = renderTaskListCard(many, listView(locale));
      const shown = ofType(card, 'Action.Execute').length;

      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
      expect(shown).toBeGreaterThan(5);
      expect(shown).toBeLessThan(TASK_LIST_LIMIT);
      expect(texts(card)[0]).toBe(t(locale, 'list.title', { count: 30 }));
      expect(texts(card).at(-1)).toBe(t(locale, 'list.more', { count: 30 - shown }));
    },
  );
});
