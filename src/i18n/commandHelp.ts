import { defineArea } from './catalog';

/** The commands the help card lists, in the order shown. Each has `help.<name>.command` and `help.<name>.description`. */
export const HELP_COMMANDS = [
  'show',
  'finish',
  'finishMany',
  'defer',
  'deferInWords',
  'list',
  'signIn',
  'signInCode',
  'signOut',
  'help',
] as const;
export type HelpCommand = (typeof HELP_COMMANDS)[number];

/** Typed chat commands as the help card shows them; they must match the grammar in `src/commands`. */
export const commandHelp = defineArea({
  en: {
    'help.show.command': 'finish task 42',
    'help.show.description': 'Shows the card of task 42.',
    'help.finish.command': 'finish task 42 approve looks good',
    'help.finish.description': 'Finishes task 42 with the step "approve" and the comment "looks good".',
    'help.finishMany.command': 'finish tasks 42 43 approve',
    'help.finishMany.description': 'Finishes several tasks with the same step.',
    'help.defer.command': 'defer task 42 until 2026-12-05 waiting for supplier',
    'help.defer.description': 'Defers task 42 until that date, with a reason.',
    'help.deferInWords.command': 'defer task 42 until next monday 9:00',
    'help.deferInWords.description': 'Dates in words work too: tomorrow, Friday 14:30, next week, in 3 days.',
    'help.list.command': 'my tasks',
    'help.list.description': 'Lists your open tasks.',
    'help.signIn.command': 'sign in',
    'help.signIn.description': 'Links your DigiOffice account, so I can finish tasks as you.',
    'help.signInCode.command': 'sign in 12345678',
    'help.signInCode.description': 'Finishes the link with the code the sign-in page showed you (the code alone works too).',
    'help.signOut.command': 'sign out',
    'help.signOut.description': 'Removes the link to your DigiOffice account.',
    'help.help.command': 'help',
    'help.help.description': 'Shows this overview.',
  },
  nl: {
    'help.show.command': 'taak 42 afronden',
    'help.show.description': 'Toont de kaart van taak 42.',
    'help.finish.command': 'taak 42 afronden goedkeuren ziet er goed uit',
    'help.finish.description': 'Rondt taak 42 af met de stap "goedkeuren" en de opmerking "ziet er goed uit".',
    'help.finishMany.command': 'taken 42 43 afronden goedkeuren',
    'help.finishMany.description': 'Rondt meerdere taken af met dezelfde stap.',
    'help.defer.command': 'taak 42 uitstellen tot 2026-12-05 wacht op leverancier',
    'help.defer.description': 'Stelt taak 42 uit tot die datum, met een reden.',
    'help.deferInWords.command': 'taak 42 uitstellen tot volgende week dinsdag 9 uur',
    'help.deferInWords.description': 'Een datum in woorden kan ook: morgen, vrijdag 14:30, volgende week, over 3 dagen.',
    'help.list.command': 'mijn taken',
    'help.list.description': 'Toont je openstaande taken.',
    'help.signIn.command': 'aanmelden',
    'help.signIn.description': 'Koppelt je DigiOffice-account, zodat ik taken namens jou kan afronden.',
    'help.signInCode.command': 'aanmelden 12345678',
    'help.signInCode.description': 'Rondt de koppeling af met de code die de aanmeldpagina je liet zien (alleen de code kan ook).',
    'help.signOut.command': 'afmelden',
    'help.signOut.description': 'Verbreekt de koppeling met je DigiOffice-account.',
    'help.help.command': 'help',
    'help.help.description': 'Toont dit overzicht.',
  },
});
