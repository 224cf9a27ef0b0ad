import { defineArea } from './catalog';

/**
 * Why a typed task command was refused (the `detail` of an `invalid` command). `{text}` is what the user typed,
 * quoted back as typed; `{example}` is one of the `command.example.*` messages.
 */
export const commandProblems = defineArea({
  en: {
    'command.example.finish': 'finish task 42',
    'command.example.defer': 'defer task 42 until 2026-12-05',
    'command.missingTaskId': 'Which task? Type for example "{example}".',
    'command.badTaskId': '"{text}" is not a task number.',
    'command.tooManyTasks': 'You named {count} tasks; at most {max} can be done at once.',
    'command.missingDate': 'Until when? Type for example "{example}".',
    'command.badDate':
      '"{text}" is not a date or time I understand. Use for example tomorrow, Friday 9:00, next week, in 3 days or 2026-12-05; put a colon before a reason that starts with a number.',
    'command.dateInPast': '{text} is in the past.',
  },
  nl: {
    'command.example.finish': 'taak 42 afronden',
    'command.example.defer': 'taak 42 uitstellen tot 2026-12-05',
    'command.missingTaskId': 'Welke taak? Typ bijvoorbeeld "{example}".',
    'command.badTaskId': '"{text}" is geen taaknummer.',
    'command.tooManyTasks': 'Je noemde {count} taken; er kunnen er hoogstens {max} tegelijk.',
    'command.missingDate': 'Tot wanneer? Typ bijvoorbeeld "{example}".',
    'command.badDate':
      '"{text}" is geen datum of tijd die ik begrijp. Gebruik bijvoorbeeld morgen, vrijdag 9:00, volgende week, over 3 dagen of 2026-12-05; zet een dubbele punt voor een reden die met een getal begint.',
    'command.dateInPast': '{text} ligt in het verleden.',
  },
});
