import { HELP_COMMANDS, messages, resolveLocale, t } from '../../../src/i18n';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  test('en and nl have exactly the same keys', () => {
    expect(Object.keys(messages.nl).sort()).toEqual(Object.keys(messages.en).sort());
  });

  test('each message has the same placeholders in en and nl', () => {
    const mismatches = Object.entries(messages.en)
      .filter(([key, en]) => placeholders(en).join() !== placeholders(messages.nl[key as keyof typeof messages.nl]).join())
      .map(([key]) => key);
    expect(mismatches).toEqual([]);
  });

  test('no message is empty or has an unbalanced brace', () => {
    const bad = (['en', 'nl'] as const).flatMap((locale) =>
      Object.entries(messages[locale])
        .filter(
          ([, text]) => text.trim() === '' || text.replace(/\{\w+\}/g, '').includes('{') || text.replace(/\{\w+\}/g, '').includes('}'),
        )
        .map(([key]) => `${locale}:${key}`),
    );
    expect(bad).toEqual([]);
  });

  test('every help command has a command and a description', () => {
    const missing = HELP_COMMANDS.flatMap((name) => [`help.${name}.command`, `help.${name}.description`]).filter(
      (key) => !(key in messages.en),
    );
    expect(missing).toEqual([]);
  });
});

describe('t', () => {
  test('fills placeholders, numbers included', () => {
    expect(t('en', 'chat.noSuchTransition', { id: 42, offered: 'Approve, Reject' })).toBe(
      'Task 42 has no such step. Choose one of: Approve, Reject.',
    );
    expect(t('nl', 'chat.noSuchTransition', { id: 42, offered: 'Goedkeuren, Afwijzen' })).toBe(
      'Taak 42 heeft die stap niet. Kies uit: Goedkeuren, Afwijzen.',
    );
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
