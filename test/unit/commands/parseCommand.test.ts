import { parseCommand, type Command } from '../../../src/commands';

/** A Monday. */
const TODAY = '2026-11-30';

function parse(text: string, today = TODAY): Command {
  return parseCommand(text, { today });
}

function finish(language: 'en' | 'nl', taskIds: number[], rest: string | null = null): Command {
  return { kind: 'finish', language, taskIds, rest };
}

function defer(language: 'en' | 'nl', taskIds: number[], date: string, time: string | null = null, reason: string | null = null): Command {
  return { kind: 'defer', language, taskIds, until: { date, time }, reason };
}

const EN_BAD_DATE =
  'is not a date or time I understand. Use for example tomorrow, Friday 9:00, next week, in 3 days or 2026-12-05; put a colon before a reason that starts with a number.';
const NL_BAD_DATE =
  'is geen datum of tijd die ik begrijp. Gebruik bijvoorbeeld morgen, vrijdag 9:00, volgende week, over 3 dagen of 2026-12-05; zet een dubbele punt voor een reden die met een getal begint.';

describe('parseCommand()', () => {
  describe('finish, English', () => {
    it.each([
      ['finish task 42', finish('en', [42])],
      ['finish task #42', finish('en', [42])],
      ['finish 42', finish('en', [42])],
      ['finish #42', finish('en', [42])],
      ['Finish Task 42.', finish('en', [42])],
      ['complete task 42', finish('en', [42])],
      ['finish task 42 approve', finish('en', [42], 'approve')],
      ['finish task 42 approve looks good', finish('en', [42], 'approve looks good')],
      ['finish task 42 Approve  Looks GOOD, thanks!', finish('en', [42], 'Approve  Looks GOOD, thanks!')],
      ['finish task 42: Approve', finish('en', [42], 'Approve')],
      ['finish task 42 Approve\nLooks good.\nJan', finish('en', [42], 'Approve\nLooks good.\nJan')],
      ['finish tasks 42 43 approve', finish('en', [42, 43], 'approve')],
      ['finish tasks 42, 43 and 44 approve', finish('en', [42, 43, 44], 'approve')],
      ['finish tasks 42,43,44', finish('en', [42, 43, 44])],
      ['finish tasks 42 43 42 #43', finish('en', [42, 43])],
      ['finish task 42 and approve', finish('en', [42], 'and approve')],
      ['finish task 2147483647', finish('en', [2147483647])],
    ])('%j', (text, expected) => {
      expect(parse(text)).toEqual(expected);
    });
  });

  describe('finish, Dutch', () => {
    it.each([
      ['taak 42 afronden', finish('nl', [42])],
      ['Taak #42 Afronden.', finish('nl', [42])],
      ['rond taak 42 af', finish('nl', [42])],
      ['rond 42 af', finish('nl', [42])],
      ['rond taak 42 af Goedkeuren', finish('nl', [42], 'Goedkeuren')],
      ['rond taak 42 goedkeuren', finish('nl', [42], 'goedkeuren')],
      ['taak 42 afronden goedkeuren ziet er goed uit', finish('nl', [42], 'goedkeuren ziet er goed uit')],
      ['taak 42 afronden Goedkeuren Ziet er GOED uit', finish('nl', [42], 'Goedkeuren Ziet er GOED uit')],
      ['taken 42 43 afronden goedkeuren', finish('nl', [42, 43], 'goedkeuren')],
      ['taken 42, 43 en 44 afronden', finish('nl', [42, 43, 44])],
      ['taak afronden 42 goedkeuren', finish('nl', [42], 'goedkeuren')],
      ['afronden taak 42', finish('nl', [42])],
      ['voltooien 42', finish('nl', [42])],
    ])('%j', (text, expected) => {
      expect(parse(text)).toEqual(expected);
    });
  });

  describe('defer', () => {
    it.each([
      ['defer task 42 until 2026-12-05 waiting for supplier', defer('en', [42], '2026-12-05', null, 'waiting for supplier')],
      ['defer task 42 until 2026-12-05 14:30 Waiting for Supplier', defer('en', [42], '2026-12-05', '14:30', 'Waiting for Supplier')],
      ['defer task 42 until 2026-12-05 at 9:00', defer('en', [42], '2026-12-05', '09:00')],
      ['defer task 42 to tomorrow', defer('en', [42], '2026-12-01')],
      ['defer task 42 tomorrow', defer('en', [42], '2026-12-01')],
      ['defer tasks 42 43 until 5 Dec Supplier is late', defer('en', [42, 43], '2026-12-05', null, 'Supplier is late')],
      ['defer tasks 42 43 5 dec', defer('en', [42, 43], '2026-12-05')],
      ['defer task 42 until Dec 5, 2027, audit', defer('en', [42], '2027-12-05', null, 'audit')],
      ['defer task 42 until next monday - on holiday', defer('en', [42], '2026-12-07', null, 'on holiday')],
      ['defer task 42 until friday at the latest', defer('en', [42], '2026-12-04', null, 'at the latest')],
      ['postpone #42 till today', defer('en', [42], '2026-11-30')],
      ['taak 42 uitstellen tot 2026-12-05 wacht op leverancier', defer('nl', [42], '2026-12-05', null, 'wacht op leverancier')],
      ['taak 42 uitstellen tot 5-12-2026', defer('nl', [42], '2026-12-05')],
      ['taak 42 uitstellen tot morgen', defer('nl', [42], '2026-12-01')],
      ['taken 42 en 43 uitstellen tot maandag', defer('nl', [42, 43], '2026-12-07')],
      ['stel taak 42 uit tot morgen om 14.30 uur Wacht op Piet', defer('nl', [42], '2026-12-01', '14:30', 'Wacht op Piet')],
      ['taak uitstellen 42 naar 5 december', defer('nl', [42], '2026-12-05')],
      ['uitstellen 42 tot overmorgen', defer('nl', [42], '2026-12-02')],
    ])('%j', (text, expected) => {
      expect(parse(text)).toEqual(expected);
    });

    it('reads relative dates and weekdays from the given day, across month and year ends', () => {
      expect(parse('defer task 42 until tomorrow', '2026-12-31')).toEqual(defer('en', [42], '2027-01-01'));
      expect(parse('taak 42 uitstellen tot morgen', '2028-02-28')).toEqual(defer('nl', [42], '2028-02-29'));
      expect(parse('defer task 42 until 5 jan', '2026-12-30')).toEqual(defer('en', [42], '2027-01-05'));
      expect(parse('taak 42 uitstellen tot maandag', '2027-12-31')).toEqual(defer('nl', [42], '2028-01-03'));
    });
  });

  describe('whole-message commands', () => {
    it.each([
      ['my tasks', { kind: 'list', language: 'en' }],
      ['My Tasks.', { kind: 'list', language: 'en' }],
      ['tasks', { kind: 'list', language: 'en' }],
      ['list', { kind: 'list', language: 'en' }],
      ['show my tasks', { kind: 'list', language: 'en' }],
      ['mijn taken', { kind: 'list', language: 'nl' }],
      ['taken', { kind: 'list', language: 'nl' }],
      ['sign in', { kind: 'signIn', language: 'en' }],
      ['signin', { kind: 'signIn', language: 'en' }],
      ['Log in', { kind: 'signIn', language: 'en' }],
      ['aanmelden', { kind: 'signIn', language: 'nl' }],
      ['inloggen', { kind: 'signIn', language: 'nl' }],
      ['sign out', { kind: 'signOut', language: 'en' }],
      ['log out', { kind: 'signOut', language: 'en' }],
      ['afmelden', { kind: 'signOut', language: 'nl' }],
      ['uitloggen', { kind: 'signOut', language: 'nl' }],
      ['help', { kind: 'help', language: 'en' }],
      ['HELP!', { kind: 'help', language: 'en' }],
      ['?', { kind: 'help', language: 'en' }],
      ['hulp', { kind: 'help', language: 'nl' }],
    ] satisfies Array<[string, Command]>)('%j', (text, expected) => {
      expect(parse(text)).toEqual(expected);
    });
  });

  describe('Teams markup', () => {
    it.each([
      ['<at>DigiOffice Tasks</at> finish task 42', finish('en', [42])],
      ['<at>DigiOffice Tasks</at>&nbsp;finish task 42 Approve <b>Looks</b> good', finish('en', [42], 'Approve Looks good')],
      ['<p>finish&nbsp;task&nbsp;42</p>', finish('en', [42])],
      ['<p>finish task 42 Approve</p><p>Looks good</p>', finish('en', [42], 'Approve\n\nLooks good')],
      ['\n  taak 42 afronden  \n', finish('nl', [42])],
      ['<at>DigiOffice Tasks</at> my tasks', { kind: 'list', language: 'en' }],
      ['<at>DigiOffice Tasks</at> <p>help</p>', { kind: 'help', language: 'en' }],
    ] satisfies Array<[string, Command]>)('%j', (text, expected) => {
      expect(parse(text)).toEqual(expected);
    });
  });

  describe('invalid task ids', () => {
    it.each([
      ['finish task', 'en', 'finish', 'missingTaskId', 'Which task? Type for example "finish task 42".'],
      ['finish', 'en', 'finish', 'missingTaskId', 'Which task? Type for example "finish task 42".'],
      ['defer task until tomorrow', 'en', 'defer', 'missingTaskId', 'Which task? Type for example "defer task 42 until 2026-12-05".'],
      ['taak afronden', 'nl', 'finish', 'missingTaskId', 'Welke taak? Typ bijvoorbeeld "taak 42 afronden".'],
      ['rond taak af', 'nl', 'finish', 'missingTaskId', 'Welke taak? Typ bijvoorbeeld "taak 42 afronden".'],
      ['taak uitstellen tot morgen', 'nl', 'defer', 'missingTaskId', 'Welke taak? Typ bijvoorbeeld "taak 42 uitstellen tot 2026-12-05".'],
      ['finish task abc', 'en', 'finish', 'badTaskId', '"abc" is not a task number.'],
      ['finish task ABC.', 'en', 'finish', 'badTaskId', '"ABC" is not a task number.'],
      ['finish task 0', 'en', 'finish', 'badTaskId', '"0" is not a task number.'],
      ['finish task 2147483648', 'en', 'finish', 'badTaskId', '"2147483648" is not a task number.'],
      ['finish tasks 42, #0 approve', 'en', 'finish', 'badTaskId', '"#0" is not a task number.'],
      ['finish task -5', 'en', 'finish', 'badTaskId', '"-5" is not a task number.'],
      ['defer task x42 until tomorrow', 'en', 'defer', 'badTaskId', '"x42" is not a task number.'],
      ['taak abc afronden', 'nl', 'finish', 'badTaskId', '"abc" is geen taaknummer.'],
      ['taken 42 0 afronden', 'nl', 'finish', 'badTaskId', '"0" is geen taaknummer.'],
    ] as const)('%j', (text, language, command, problem, detail) => {
      expect(parse(text)).toEqual({ kind: 'invalid', language, command, problem, detail });
    });

    it('refuses more than 100 distinct tasks', () => {
      const ids = Array.from({ length: 101 }, (_, i) => i + 1).join(', ');
      expect(parse(`finish tasks ${ids} approve`)).toEqual({
        kind: 'invalid',
        language: 'en',
        command: 'finish',
        problem: 'tooManyTasks',
        detail: 'You named 101 tasks; at most 100 can be done at once.',
      });
      expect(parse(`taken ${ids} uitstellen tot morgen`)).toEqual({
        kind: 'invalid',
        language: 'nl',
        command: 'defer',
        problem: 'tooManyTasks',
        detail: 'Je noemde 101 taken; er kunnen er hoogstens 100 tegelijk.',
      });
    });
  });

  describe('invalid dates', () => {
    it.each([
      ['defer task 42', 'en', 'missingDate', 'Until when? Type for example "defer task 42 until 2026-12-05".'],
      ['defer task 42 until', 'en', 'missingDate', 'Until when? Type for example "defer task 42 until 2026-12-05".'],
      ['defer task 42 waiting for supplier', 'en', 'missingDate', 'Until when? Type for example "defer task 42 until 2026-12-05".'],
      ['taak 42 uitstellen', 'nl', 'missingDate', 'Tot wanneer? Typ bijvoorbeeld "taak 42 uitstellen tot 2026-12-05".'],
      ['defer task 42 until 31-11-2026', 'en', 'badDate', `"31-11-2026" ${EN_BAD_DATE}`],
      ['defer task 42 until 2027-02-29', 'en', 'badDate', `"2027-02-29" ${EN_BAD_DATE}`],
      ['defer task 42 until 31 Nov', 'en', 'badDate', `"31 Nov" ${EN_BAD_DATE}`],
      ['defer task 42 until someday', 'en', 'badDate', `"someday" ${EN_BAD_DATE}`],
      ['defer task 42 until friday 25:00', 'en', 'badDate', `"friday 25:00" ${EN_BAD_DATE}`],
      ['taak 42 uitstellen tot 31-11-2026', 'nl', 'badDate', `"31-11-2026" ${NL_BAD_DATE}`],
      ['taak 42 uitstellen tot ooit', 'nl', 'badDate', `"ooit" ${NL_BAD_DATE}`],
      ['defer task 42 until 2026-11-29', 'en', 'dateInPast', '2026-11-29 is in the past.'],
      ['taak 42 uitstellen tot 1-1-2026 wacht', 'nl', 'dateInPast', '1-1-2026 ligt in het verleden.'],
    ] as const)('%j', (text, language, problem, detail) => {
      expect(parse(text)).toEqual({ kind: 'invalid', language, command: 'defer', problem, detail });
    });

    it('accepts a leap day that exists', () => {
      expect(parse('defer task 42 until 29-2-2028')).toEqual(defer('en', [42], '2028-02-29'));
    });
  });

  describe('anything else', () => {
    it.each([
      ['helpdesk'],
      ['help me with task 42'],
      ['tasks are great'],
      ['my tasks please'],
      ['taken zijn leuk'],
      ['taak 42'],
      ['taak 42 goedkeuren'],
      ['finishing task 42'],
      ['rond de tafel'],
      ['stel je voor'],
      ['hello'],
      ['@DigiOffice Tasks finish task 42'],
      [''],
    ])('%j is unknown, the text kept', (text) => {
      expect(parse(text)).toEqual({ kind: 'unknown', text });
    });

    it('reports the text without Teams markup', () => {
      expect(parse('<at>DigiOffice Tasks</at>&nbsp;Hello <b>there</b>')).toEqual({ kind: 'unknown', text: 'Hello there' });
    });
  });

  it('throws on a today that is not a YYYY-MM-DD day, a programming error', () => {
    expect(() => parse('help', '2026-02-30')).toThrow(RangeError);
    expect(() => parse('help', '30-11-2026')).toThrow('parseCommand: today must be a YYYY-MM-DD date, got "30-11-2026"');
  });
});
