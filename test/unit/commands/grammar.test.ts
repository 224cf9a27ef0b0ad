import { parseCommand, type Command, type ParseOptions } from '../../../src/commands';
import { messages } from '../../../src/i18n';

/**
 * The natural grammar, English and Dutch: each row is a message, the user's clock and locale, and the full command
 * it parses to. 2026-11-30 is a Monday; the clock is 10:00 unless a row says otherwise.
 */
const TODAY = '2026-11-30';
const CLOCK: Omit<ParseOptions, 'today'> = { time: '10:00', locale: 'nl-NL' };

type Language = 'en' | 'nl';

function defer(language: Language, taskIds: number[], date: string, time: string | null = null, reason: string | null = null): Command {
  return { kind: 'defer', language, taskIds, until: { date, time }, reason };
}

function finish(language: Language, taskIds: number[], rest: string | null = null): Command {
  return { kind: 'finish', language, taskIds, rest };
}

function badDate(language: Language, quoted: string): Command {
  return {
    kind: 'invalid',
    language,
    command: 'defer',
    problem: 'badDate',
    detail: messages[language]['command.badDate'].replace('{text}', quoted),
  };
}

function inPast(language: Language, quoted: string): Command {
  return {
    kind: 'invalid',
    language,
    command: 'defer',
    problem: 'dateInPast',
    detail: messages[language]['command.dateInPast'].replace('{text}', quoted),
  };
}

function didYouMean(language: Language, text: string): Command {
  return { kind: 'didYouMean', language, text };
}

const MISSING_DATE = 'Until when? Type for example "defer task 42 until 2026-12-05".';

type Row = [text: string, expected: Command, options?: Partial<ParseOptions>];

function check(rows: Row[]): void {
  // Every row gets its options, so jest does not take the third parameter for a `done` callback.
  const complete = rows.map(([text, expected, options]): Required<Row> => [text, expected, options ?? {}]);
  it.each(complete)('%j', (text, expected, options) => {
    expect(parseCommand(text, { today: TODAY, ...CLOCK, ...options })).toEqual(expected);
  });
}

describe('the natural grammar', () => {
  describe('relative dates, English', () => {
    check([
      ['defer task 42 until tomorrow', defer('en', [42], '2026-12-01')],
      ['defer task 42 tomorrow', defer('en', [42], '2026-12-01')],
      ['defer task 42 until next week', defer('en', [42], '2026-12-07')],
      ['defer task 42 until next week', defer('en', [42], '2026-12-10'), { today: '2026-12-03' }],
      ['defer task 42 in 3 days', defer('en', [42], '2026-12-03')],
      ['defer task 42 until in 3 days', defer('en', [42], '2026-12-03')],
      ['defer task 42 for 2 weeks', defer('en', [42], '2026-12-14')],
      ['defer task 42 in 2 weeks waiting for audit', defer('en', [42], '2026-12-14', null, 'waiting for audit')],
      ['defer task 42 until the day after tomorrow', defer('en', [42], '2026-12-02')],
      ['postpone task 42 until next month', defer('en', [42], '2026-12-30')],
      ['defer task 42 until in a week', defer('en', [42], '2026-12-07')],
    ]);
  });

  describe('relative dates, Dutch', () => {
    check([
      ['taak 42 uitstellen tot morgen', defer('nl', [42], '2026-12-01')],
      ['taak 42 uitstellen tot volgende week', defer('nl', [42], '2026-12-07')],
      ['taak 42 uitstellen over 2 weken', defer('nl', [42], '2026-12-14')],
      ['taak 42 uitstellen tot over 2 weken', defer('nl', [42], '2026-12-14')],
      ['taak 42 uitstellen over 3 dagen wacht op offerte', defer('nl', [42], '2026-12-03', null, 'wacht op offerte')],
      ['stel taak 42 uit tot overmorgen', defer('nl', [42], '2026-12-02')],
      ['taak 42 uitstellen tot over een week', defer('nl', [42], '2026-12-07')],
      ['taak 42 uitstellen tot volgende maand', defer('nl', [42], '2026-12-30')],
      ['taak 42 uitstellen tot vandaag', defer('nl', [42], '2026-11-30')],
    ]);
  });

  describe('weekdays and times', () => {
    check([
      ['defer task 44 until monday 9am waiting', defer('en', [44], '2026-12-07', '09:00', 'waiting')],
      ['defer task 44 until Monday 9am', defer('en', [44], '2026-12-07', '09:00')],
      ['defer task 42 until friday', defer('en', [42], '2026-12-04')],
      ['defer task 42 until next friday', defer('en', [42], '2026-12-04')],
      ['defer task 42 until friday next week', defer('en', [42], '2026-12-11')],
      ['defer task 42 until next week friday 9am call back', defer('en', [42], '2026-12-11', '09:00', 'call back')],
      ['defer task 42 until 14:30', defer('en', [42], '2026-11-30', '14:30')],
      ['defer task 42 until 9:00', defer('en', [42], '2026-12-01', '09:00')],
      ['defer task 42 until 14:30', defer('en', [42], '2026-12-01', '14:30'), { time: '15:00' }],
      ['defer task 42 until tomorrow at 3pm', defer('en', [42], '2026-12-01', '15:00')],
      ['defer task 42 until tomorrow noon lunch meeting', defer('en', [42], '2026-12-01', '12:00', 'lunch meeting')],
      ['defer task 42 in 3 hours', defer('en', [42], '2026-11-30', '13:00')],
      ['taak 42 uitstellen tot volgende week dinsdag', defer('nl', [42], '2026-12-08')],
      ['taak 42 uitstellen tot volgende week dinsdag', defer('nl', [42], '2026-12-08'), { today: '2026-12-03' }],
      ['taak 42 uitstellen tot morgen 9 uur', defer('nl', [42], '2026-12-01', '09:00')],
      ['taak 42 uitstellen tot morgen om 9 uur wacht op Jan', defer('nl', [42], '2026-12-01', '09:00', 'wacht op Jan')],
      ['taak 42 uitstellen tot morgen om half 10', defer('nl', [42], '2026-12-01', '09:30')],
      ['taak 42 uitstellen tot dinsdag 14:30', defer('nl', [42], '2026-12-01', '14:30')],
      ['taak 42 uitstellen tot maandag', defer('nl', [42], '2026-12-07')],
      ['taak 42 uitstellen tot aanstaande vrijdag', defer('nl', [42], '2026-12-04')],
      ['taak 42 uitstellen tot 14.30 uur', defer('nl', [42], '2026-11-30', '14:30')],
      ['taak 42 uitstellen tot over 3 dagen om 14:30 overleg', defer('nl', [42], '2026-12-03', '14:30', 'overleg')],
    ]);
  });

  describe('numeric dates in the user’s locale order', () => {
    check([
      ['defer task 42 until 12/05', defer('en', [42], '2026-12-05'), { locale: 'en-US' }],
      ['defer task 42 until 12/05', defer('en', [42], '2027-05-12'), { locale: 'en-GB' }],
      ['defer task 42 until 12/05', defer('en', [42], '2027-05-12'), { locale: 'nl-NL' }],
      ['defer task 42 until 12/05', defer('en', [42], '2027-05-12'), { locale: undefined }],
      ['taak 42 uitstellen tot 5/12', defer('nl', [42], '2026-12-05'), { locale: 'nl-BE' }],
      ['taak 42 uitstellen tot 5-12', badDate('nl', '5-12')],
      ['taak 42 uitstellen tot 5-12-2026', defer('nl', [42], '2026-12-05')],
      ['defer task 42 until 5-12-2027', defer('en', [42], '2027-05-12'), { locale: 'en-US' }],
      ['defer task 42 until 5-12-2026', inPast('en', '5-12-2026'), { locale: 'en-US' }],
      ['defer task 42 until 2026-12-05', defer('en', [42], '2026-12-05'), { locale: 'en-US' }],
      ['defer task 42 until 2026-12-05 14:30 supplier', defer('en', [42], '2026-12-05', '14:30', 'supplier'), { locale: 'en-US' }],
      ['defer task 42 until 13/5', defer('en', [42], '2027-05-13'), { locale: 'en-US' }],
      ['taak 42 uitstellen tot 1-2-2027 vakantie', defer('nl', [42], '2027-02-01', null, 'vakantie')],
    ]);
  });

  describe('where the date ends and the reason begins', () => {
    check([
      ['defer task 42 until tomorrow: 2 invoices missing', defer('en', [42], '2026-12-01', null, '2 invoices missing')],
      ['defer task 42 until tomorrow, supplier', defer('en', [42], '2026-12-01', null, 'supplier')],
      ['defer task 42 until friday - Supplier Is Late', defer('en', [42], '2026-12-04', null, 'Supplier Is Late')],
      ['defer task 42 until monday at the office', defer('en', [42], '2026-12-07', null, 'at the office')],
      ['taak 42 uitstellen tot vrijdag: 3 facturen ontbreken', defer('nl', [42], '2026-12-04', null, '3 facturen ontbreken')],
      ['taak 42 uitstellen tot morgen\nWacht op Piet', defer('nl', [42], '2026-12-01', null, 'Wacht op Piet')],
    ]);
  });

  describe('dates that are not understood are asked back, never made a reason', () => {
    check([
      ['defer task 44 until blursday waiting', badDate('en', 'blursday waiting')],
      ['defer task 44 until blursday waiting for the supplier', badDate('en', 'blursday waiting for…')],
      ['defer task 42 until tomorrow 2 invoices missing', badDate('en', 'tomorrow 2')],
      ['defer task 42 until monday 9 waiting', badDate('en', 'monday 9')],
      ['defer task 42 until tomorrow at 25:00', badDate('en', 'tomorrow at 25:00')],
      ['defer task 42 until december', badDate('en', 'december')],
      ['defer task 42 until 2026-13-01', badDate('en', '2026-13-01')],
      ['defer task 42 until 29 feb', badDate('en', '29 feb')],
      ['defer task 42 until in 3 hours', badDate('en', 'in 3 hours'), { time: undefined }],
      ['taak 42 uitstellen tot blursdag wacht', badDate('nl', 'blursdag wacht')],
      ['taak 42 uitstellen tot morgen 9:00u', badDate('nl', 'morgen 9:00u')],
      ['taak 42 uitstellen tot morgen 9 wacht op Jan', badDate('nl', 'morgen 9')],
      ['taak 42 uitstellen tot ooit: wacht', badDate('nl', 'ooit')],
      ['stel taak 42 uit tot morgen om 25 uur', badDate('nl', 'morgen om 25')],
    ]);
  });

  describe('in the past', () => {
    check([
      ['defer task 42 until today 9:00', inPast('en', 'today 9:00')],
      ['defer task 42 until 2026-11-01', inPast('en', '2026-11-01')],
      ['taak 42 uitstellen tot vandaag 8 uur', inPast('nl', 'vandaag 8 uur')],
      ['defer task 42 until today 9:00', defer('en', [42], '2026-11-30', '09:00'), { time: '08:30' }],
    ]);
  });

  describe('ambiguous numbers: task ids first, days only where a date must be', () => {
    check([
      ['defer task 12 until 13', badDate('en', '13')],
      ['defer tasks 12 13 until 14 dec', defer('en', [12, 13], '2026-12-14')],
      ['defer tasks 12 13 14 dec', defer('en', [12, 13], '2026-12-14')],
      ['defer tasks 12 13 9 uur', { kind: 'invalid', language: 'en', command: 'defer', problem: 'missingDate', detail: MISSING_DATE }],
      ['defer tasks 12 13 until 9 uur', defer('en', [12, 13], '2026-12-01', '09:00')],
      ['defer tasks 12 1 tomorrow', defer('en', [12, 1], '2026-12-01')],
      ['defer tasks 12 and 13 tomorrow', defer('en', [12, 13], '2026-12-01')],
      ['finish task 42 approve', finish('en', [42], 'approve')],
      ['finish task 42 13 dec', finish('en', [42, 13], 'dec')],
      ['finish tasks 5 6 approve until 7 dec', finish('en', [5, 6], 'approve until 7 dec')],
      ['taken 12 en 13 uitstellen tot 14 december', defer('nl', [12, 13], '2026-12-14')],
      ['taak 12 uitstellen tot 13', badDate('nl', '13')],
      ['taak 12 afronden 13 december', finish('nl', [12], '13 december')],
    ]);
  });

  describe('typos get "did you mean"', () => {
    check([
      ['finsh task 42', didYouMean('en', 'finish task 42')],
      ['Finsh task 42 approve Looks good', didYouMean('en', 'Finish task 42 approve Looks good')],
      ['fnish task 42 aprove', didYouMean('en', 'finish task 42 aprove')],
      ['finish tsak 42', didYouMean('en', 'finish task 42')],
      ['defer tsak 42 until tomorrow', didYouMean('en', 'defer task 42 until tomorrow')],
      ['defer task 42 untill friday', didYouMean('en', 'defer task 42 until friday')],
      ['deffer task 42 until friday waiting', didYouMean('en', 'defer task 42 until friday waiting')],
      ['my taks', didYouMean('en', 'my tasks')],
      ['sgin out', didYouMean('en', 'sign out')],
      ['hepl', didYouMean('en', 'help')],
      ['mijn takne', didYouMean('nl', 'mijn taken')],
      ['taak 42 afrnoden', didYouMean('nl', 'taak 42 afronden')],
      ['taak 42 afrnoden goedkeuren Prima', didYouMean('nl', 'taak 42 afronden goedkeuren Prima')],
      ['taak 42 uitstelen tot morgen', didYouMean('nl', 'taak 42 uitstellen tot morgen')],
      ['aanmleden', didYouMean('nl', 'aanmelden')],
      ['uitlogen', didYouMean('nl', 'uitloggen')],
    ]);
  });

  describe('no "did you mean" for free text or what would still not be a command', () => {
    check([
      ['hello', { kind: 'unknown', text: 'hello' }],
      ['finishing task 42', { kind: 'unknown', text: 'finishing task 42' }],
      ['taken zijn leuk', { kind: 'unknown', text: 'taken zijn leuk' }],
      ['please finsh the work on task 42', { kind: 'unknown', text: 'please finsh the work on task 42' }],
      ['finish task 42 aprove tsak', finish('en', [42], 'aprove tsak')],
      ['defer task 42 until friday waitng for tsak', defer('en', [42], '2026-12-04', null, 'waitng for tsak')],
      ['finsh task', { kind: 'unknown', text: 'finsh task' }],
      ['defer task 42 until blursdy', badDate('en', 'blursdy')],
    ]);
  });
});
