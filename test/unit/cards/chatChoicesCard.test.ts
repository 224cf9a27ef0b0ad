import { MAX_CHOICES, parseChatRunData, renderChoicesCard, renderChosenCard } from '../../../src/cards';
import { CARD_BUDGET_BYTES, cardBytes } from '../../../src/cards/cardBudget';
import { MAX_TEXT_LENGTH } from '../../../src/core/limits';
import { t } from '../../../src/i18n';
import { ofType, texts } from './fixtures';

const cardRoot = {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  type: 'AdaptiveCard',
  version: '1.5',
  msteams: { width: 'Full' },
};

const button = (title: string, data: Record<string, unknown>) => ({
  type: 'ActionSet',
  spacing: 'Small',
  actions: [{ type: 'Action.Execute', verb: 'chat.run', title, data }],
});

describe('renderChoicesCard', () => {
  it('asks the question with one button per choice, each carrying the command to run and what it settles', () => {
    const card = renderChoicesCard('en', 'Whom do you mean?', [
      {
        title: 'Els Bakker',
        run: { text: 'finish task 43 forward to Bakker', step: 'Forward for review', assignees: { Bakker: 'user:15' } },
      },
      {
        title: 'Marie Bakker',
        run: { text: 'finish task 43 forward to Bakker', step: 'Forward for review', assignees: { Bakker: 'user:17' } },
      },
    ]);

    expect(card).toEqual({
      ...cardRoot,
      body: [
        { type: 'TextBlock', text: 'Whom do you mean?', wrap: true },
        button('Els Bakker', {
          text: 'finish task 43 forward to Bakker',
          step: 'Forward for review',
          assignees: { Bakker: 'user:15' },
          label: 'Els Bakker',
        }),
        button('Marie Bakker', {
          text: 'finish task 43 forward to Bakker',
          step: 'Forward for review',
          assignees: { Bakker: 'user:17' },
          label: 'Marie Bakker',
        }),
      ],
    });
  });

  it(`offers at most ${MAX_CHOICES} choices and says that more matched`, () => {
    const choices = Array.from({ length: MAX_CHOICES + 2 }, (_, i) => ({
      title: `Person ${i}`,
      run: { text: 'finish task 43 forward to P' },
    }));
    const card = renderChoicesCard('nl', 'Wie bedoel je?', choices);

    expect(ofType(card, 'Action.Execute').map((a) => a.title)).toEqual(choices.slice(0, MAX_CHOICES).map((c) => c.title));
    expect(texts(card).at(-1)).toBe(t('nl', 'chat.choicesLeftOut'));
  });

  it('stays inside a Teams message with the longest command, names and titles, leaving out what does not fit', () => {
    const wide = (n: number) => '€'.repeat(n);
    const text = wide(MAX_TEXT_LENGTH + 1000);
    const assignees = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${wide(90)}${i}`, `user:${2_000_000_000 + i}`]));
    const choices = Array.from({ length: MAX_CHOICES }, (_, i) => ({
      title: wide(255),
      run: { text, step: wide(100), assignees: { ...assignees, [i]: 'user:1' } },
    }));
    const card = renderChoicesCard('en', wide(600), choices);

    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(ofType(card, 'Action.Execute').length).toBeLessThan(MAX_CHOICES);
    expect(texts(card).at(-1)).toBe(t('en', 'chat.choicesLeftOut'));
  });
});

describe('renderChosenCard', () => {
  it('shows the choice that was clicked, with no button left', () => {
    expect(renderChosenCard('nl', 'Jan de Vries')).toEqual({
      ...cardRoot,
      body: [
        { type: 'TextBlock', text: t('nl', 'chat.chosen', { choice: 'Jan de Vries' }), weight: 'Bolder', wrap: true, spacing: 'Medium' },
      ],
    });
  });
});

describe('parseChatRunData', () => {
  it('takes the command, the settled step and names, and the label (the command when absent)', () => {
    expect(
      parseChatRunData({
        text: 'finish task 43 review',
        step: 'Review',
        assignees: { Jan: 'user:14', Finance: 'group:3' },
        label: 'Review',
      }),
    ).toEqual({
      ok: true,
      run: { text: 'finish task 43 review', step: 'Review', assignees: { Jan: 'user:14', Finance: 'group:3' } },
      label: 'Review',
    });
    expect(parseChatRunData({ text: 'finish task 42', taskIds: [42] })).toEqual({
      ok: true,
      run: { text: 'finish task 42' },
      label: 'finish task 42',
    });
  });

  it.each([
    [null, 'data: expected the command to run'],
    ['finish task 42', 'data: expected the command to run'],
    [{ text: '' }, 'text: the command text is empty'],
    [{ text: 42 }, 'text: expected the command text'],
    [{ text: 'x'.repeat(MAX_TEXT_LENGTH + 1001) }, 'text: the command text is too long'],
    [{ text: 'finish task 43', assignees: { Jan: 'user:14; drop table' } }, 'assignees.Jan: expected values like user:12'],
    [{ text: 'finish task 43', assignees: ['user:14'] }, 'assignees: expected names with their assignees'],
  ])('refuses %j, naming the field', (data, error) => {
    expect(parseChatRunData(data)).toEqual({ ok: false, error });
  });

  it('keeps "constructor" as an ordinary name and lets "__proto__" change no prototype', () => {
    const parsed = parseChatRunData(
      JSON.parse('{"text":"finish task 43 forward to constructor","assignees":{"constructor":"user:14","__proto__":{"x":1}}}'),
    );
    expect(parsed.ok && Object.entries(parsed.run.assignees ?? {})).toEqual([['constructor', 'user:14']]);
    expect(parsed.ok && Object.getPrototypeOf(parsed.run.assignees)).toBe(Object.prototype);
  });
});
