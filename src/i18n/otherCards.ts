import { defineArea } from './catalog';

/** The "my tasks" list, the help card and the sign-in card. */
export const otherCards = defineArea({
  en: {
    'list.title': 'My open tasks ({count})',
    'list.empty': 'You have no open tasks. New tasks arrive here as cards.',
    'list.due': 'Due {date}',
    'list.task': 'Task {id}',
    'list.show': 'Show card',
    'list.deferred': 'Deferred until {date}',
    'list.more': '…and {count} more.',
    'help.title': 'DigiOffice tasks in Teams',
    'help.intro': 'I send you your DigiOffice workflow tasks as cards. Click a button on a card to finish a task, or type one of these:',
    'signinCard.title': 'Sign-in needed',
    'signinCard.text':
      'To finish tasks from Teams, I act as you in DigiOffice. Sign in once with your DigiOffice account, then type the code the page shows here in this chat. Your password is not stored. The link is valid for 10 minutes.',
    'signinCard.button': 'Sign in to DigiOffice',
  },
  nl: {
    'list.title': 'Mijn openstaande taken ({count})',
    'list.empty': 'Je hebt geen openstaande taken. Nieuwe taken komen hier binnen als kaart.',
    'list.due': 'Verloopt {date}',
    'list.task': 'Taak {id}',
    'list.show': 'Kaart tonen',
    'list.deferred': 'Uitgesteld tot {date}',
    'list.more': '…en nog {count}.',
    'help.title': 'DigiOffice-taken in Teams',
    'help.intro':
      'Ik stuur je je DigiOffice-workflowtaken als kaart. Klik op een knop op de kaart om een taak af te ronden, of typ een van deze opdrachten:',
    'signinCard.title': 'Aanmelden nodig',
    'signinCard.text':
      'Om taken vanuit Teams af te ronden, werk ik namens jou in DigiOffice. Meld je eenmalig aan met je DigiOffice-account en typ daarna de code die de pagina toont hier in deze chat. Je wachtwoord wordt niet bewaard. De link is 10 minuten geldig.',
    'signinCard.button': 'Aanmelden bij DigiOffice',
  },
});
