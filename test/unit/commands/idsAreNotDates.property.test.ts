import fc from 'fast-check';
import { MAX_TASK_ID, parseCommand, type Command } from '../../../src/commands';
import { messages } from '../../../src/i18n';

/** A Monday, 10:00. */
const OPTIONS = { today: '2026-11-30', time: '10:00', locale: 'nl-NL' };

/** Date phrases and what they mean on OPTIONS' day; several start with a number, as a task id does. */
const PHRASES: Array<[phrase: string, date: string, time: string | null]> = [
  ['tomorrow', '2026-12-01', null],
  ['morgen 9 uur', '2026-12-01', '09:00'],
  ['5 dec', '2026-12-05', null],
  ['14 december 2027', '2027-12-14', null],
  ['1 januari', '2027-01-01', null],
  ['next week', '2026-12-07', null],
  ['volgende week dinsdag', '2026-12-08', null],
  ['in 3 days', '2026-12-03', null],
  ['over 2 weken', '2026-12-14', null],
  ['friday 14:30', '2026-12-04', '14:30'],
  ['2026-12-24', '2026-12-24', null],
  ['24-12-2026', '2026-12-24', null],
  ['12/5', '2027-05-12', null],
  ['15:45', '2026-11-30', '15:45'],
];

/** Reasons, with and without numbers; one that starts with a number needs the colon. */
const REASONS: Array<[typed: string, reason: string | null]> = [
  ['', null],
  [' waiting for supplier', 'waiting for supplier'],
  [': 3 invoices missing', '3 invoices missing'],
  [' wacht op 2 handtekeningen', 'wacht op 2 handtekeningen'],
  [', see 42 and 43', 'see 42 and 43'],
];

/** Small ids collide with days, months and hours; large ones with years. */
const taskId = fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: MAX_TASK_ID }));
const taskIds = fc.uniqueArray(taskId, { minLength: 1, maxLength: 6 });
const joiner = fc.constantFrom(' ', ', ', ',', ' and ', ' en ', ' & ');
const hash = fc.boolean();

function typedIds(ids: number[], joiners: string[], hashes: boolean[]): string {
  return ids.map((id, i) => `${i > 0 ? (joiners[i % joiners.length] ?? ' ') : ''}${hashes[i % hashes.length] ? '#' : ''}${id}`).join('');
}

const forms = {
  en: (ids: string, rest: string) => `defer tasks ${ids} until ${rest}`,
  enBare: (ids: string, rest: string) => `defer tasks ${ids} ${rest}`,
  nl: (ids: string, rest: string) => `taken ${ids} uitstellen tot ${rest}`,
  nlSeparable: (ids: string, rest: string) => `stel taken ${ids} uit tot ${rest}`,
};

describe('a task number is never taken for a date', () => {
  it('a deferral keeps exactly the typed ids, and its date is the typed phrase’s', () => {
    fc.assert(
      fc.property(
        taskIds,
        fc.array(joiner, { minLength: 1, maxLength: 3 }),
        fc.array(hash, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...(Object.keys(forms) as Array<keyof typeof forms>)),
        fc.constantFrom(...PHRASES),
        fc.constantFrom(...REASONS),
        (ids, joiners, hashes, form, [phrase, date, time], [typedReason, reason]) => {
          const text = forms[form](typedIds(ids, joiners, hashes), `${phrase}${typedReason}`);
          const language = form.startsWith('nl') ? 'nl' : 'en';
          const expected: Command = { kind: 'defer', language, taskIds: ids, until: { date, time }, reason };
          expect(parseCommand(text, OPTIONS)).toEqual(expected);
        },
      ),
    );
  });

  it('a finish command keeps exactly the typed ids, and the rest as typed, dates and numbers included', () => {
    const word = fc.constantFrom(
      'approve',
      'Goedkeuren',
      'until',
      'tot',
      'friday',
      '5',
      'dec',
      '14:30',
      'morgen',
      '2026-12-05',
      'next',
      'week',
    );
    const rest = fc.tuple(fc.constantFrom('approve', 'Forward', 'goedkeuren', 'Afwijzen'), fc.array(word, { maxLength: 6 }));
    fc.assert(
      fc.property(taskIds, fc.array(joiner, { minLength: 1, maxLength: 3 }), rest, (ids, joiners, [first, more]) => {
        const typedRest = [first, ...more].join(' ');
        const text = `finish tasks ${typedIds(ids, joiners, [false])} ${typedRest}`;
        expect(parseCommand(text, OPTIONS)).toEqual({ kind: 'finish', language: 'en', taskIds: ids, rest: typedRest });
      }),
    );
  });

  it('a number where a date must be, that is no date, is asked back, not read as a day', () => {
    fc.assert(
      fc.property(taskIds, fc.integer({ min: 1, max: 99 }), (ids, number) => {
        expect(parseCommand(`defer tasks ${ids.join(' ')} until ${number} waiting`, OPTIONS)).toEqual({
          kind: 'invalid',
          language: 'en',
          command: 'defer',
          problem: 'badDate',
          detail: messages.en['command.badDate'].replace('{text}', `${number} waiting`),
        });
      }),
    );
  });
});
