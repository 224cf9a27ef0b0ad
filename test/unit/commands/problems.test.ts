import { invalidCommand } from '../../../src/commands/problems';

describe('invalidCommand()', () => {
  it.each([
    ['en', 'finish', 'missingTaskId', '', 'Which task? Type for example "finish task 42".'],
    ['en', 'defer', 'missingTaskId', '', 'Which task? Type for example "defer task 42 until 2026-12-05".'],
    ['en', 'finish', 'badTaskId', 'abc', '"abc" is not a task number.'],
    ['en', 'finish', 'tooManyTasks', '101', 'You named 101 tasks; at most 100 can be done at once.'],
    ['en', 'defer', 'missingDate', '', 'Until when? Type for example "defer task 42 until 2026-12-05".'],
    [
      'en',
      'defer',
      'badDate',
      '31-11-2026',
      '"31-11-2026" is not a date or time I understand. Use for example tomorrow, Friday 9:00, next week, in 3 days or 2026-12-05; put a colon before a reason that starts with a number.',
    ],
    ['en', 'defer', 'dateInPast', '1-1-2020', '1-1-2020 is in the past.'],
    ['nl', 'finish', 'missingTaskId', '', 'Welke taak? Typ bijvoorbeeld "taak 42 afronden".'],
    ['nl', 'defer', 'missingTaskId', '', 'Welke taak? Typ bijvoorbeeld "taak 42 uitstellen tot 2026-12-05".'],
    ['nl', 'finish', 'badTaskId', 'abc', '"abc" is geen taaknummer.'],
    ['nl', 'defer', 'tooManyTasks', '101', 'Je noemde 101 taken; er kunnen er hoogstens 100 tegelijk.'],
    ['nl', 'defer', 'missingDate', '', 'Tot wanneer? Typ bijvoorbeeld "taak 42 uitstellen tot 2026-12-05".'],
    [
      'nl',
      'defer',
      'badDate',
      'ooit',
      '"ooit" is geen datum of tijd die ik begrijp. Gebruik bijvoorbeeld morgen, vrijdag 9:00, volgende week, over 3 dagen of 2026-12-05; zet een dubbele punt voor een reden die met een getal begint.',
    ],
    ['nl', 'defer', 'dateInPast', '1-1-2020', '1-1-2020 ligt in het verleden.'],
  ] as const)('%s %s %s', (language, command, problem, subject, detail) => {
    expect(invalidCommand(language, command, problem, subject)).toEqual({ kind: 'invalid', language, command, problem, detail });
  });
});
