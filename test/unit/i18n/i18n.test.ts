import { resolveLocale, t } from '../../../src/i18n';

describe('t', () => {
  test('fills placeholders, numbers included', () => {
    expect(t('en', 'chat.noSuchTransition', { id: 42, offered: 'Approve, Reject' })).toBe(
      'Task 42 has no such step. Choose one of: Approve, Reject.',
    );
    expect(t('nl', 'chat.noSuchTransition', { id: 42, offered: 'Goedkeuren, Afwijzen' })).toBe(
      'Taak 42 heeft die stap niet. Kies uit: Goedkeuren, Afwijzen.',
    );
  });

  test('chooses the plural form by the language', () => {
    expect(t('en', 'finish.tasks', { count: 1, ids: '42' })).toBe('task 42');
    expect(t('en', 'finish.tasks', { count: 2, ids: '42, 46' })).toBe('tasks 42, 46');
    expect(t('nl', 'finish.tasks', { count: 1, ids: '42' })).toBe('taak 42');
    expect(t('nl', 'finish.tasks', { count: 2, ids: '42, 46' })).toBe('taken 42, 46');
    // @ts-expect-error: the number a plural counts is a number
    expect(t('en', 'finish.tasks', { count: '1', ids: '42' })).toBe('task 42');
  });

  test('text with quotes, apostrophes and angle brackets is text', () => {
    expect(t('en', 'chat.didYouMean', { text: "it's <b>{x}</b>" })).toBe('Did you mean "it\'s <b>{x}</b>"?');
  });

  test('a message without placeholders', () => {
    expect(t('nl', 'card.defer.action')).toBe('Uitstellen');
  });

  test('a value that looks like a placeholder is not filled again', () => {
    expect(t('en', 'chat.signedIn', { name: '{name}' })).toBe(
      'You are signed in to DigiOffice as {name}. You can now finish tasks from Teams.',
    );
  });

  test('a missing parameter (which the compiler already refuses) stays visible instead of failing the request', () => {
    // @ts-expect-error: the compiler requires the params of a message with placeholders
    expect(t('en', 'chat.signedIn')).toBe('You are signed in to DigiOffice as {name}. You can now finish tasks from Teams.');
    // @ts-expect-error: and names each one
    expect(t('en', 'card.result.deferred', { until: 'Mon 7 Dec' })).toBe('⏸ Deferred until Mon 7 Dec by {by}');
  });
});

describe('resolveLocale', () => {
  test.each([
    ['nl-NL', 'nl'],
    ['nl-BE', 'nl'],
    ['nl', 'nl'],
    ['NL-nl', 'nl'],
    ['nl_NL', 'nl'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['en', 'en'],
  ] as const)('%s → %s', (activityLocale, expected) => {
    expect(resolveLocale(activityLocale, expected === 'nl' ? 'en' : 'nl')).toBe(expected);
  });

  test.each([undefined, null, '', 'de-DE', 'fr', 'nld'])('%j → the fallback', (activityLocale) => {
    expect(resolveLocale(activityLocale, 'nl')).toBe('nl');
    expect(resolveLocale(activityLocale, 'en')).toBe('en');
  });
});
