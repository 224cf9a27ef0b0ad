import { defineArea } from './catalog';

/** Outcomes of finishing or deferring a task, on the card banner and in chat. */
export const finish = defineArea({
  en: {
    'finish.done': 'Done: task {ids} is finished in DigiOffice.',
    'finish.doneDeferred': 'Done: task {ids} is deferred in DigiOffice.',
    'finish.notOpen': 'Task {ids} is no longer open; nothing was changed.',
    'finish.notYours': 'Task {ids} was not sent to you, so you cannot finish it here.',
    'finish.inProgress': 'This task is already being finished. One moment…',
    'finish.working': 'Finishing… this card updates when DigiOffice answers.',
    'finish.needsSignIn': 'Sign in to DigiOffice first. What you entered is kept.',
    'finish.invalid': 'Please check what you entered.',
    'finish.unavailable': 'Task {ids} can no longer be finished here. Open it in DigiOffice.',
    'finish.failed': 'DigiOffice did not answer. Please try again.',
    'action.unknownVerb': 'This button ({verb}) is not supported; the card may be out of date.',
  },
  nl: {
    'finish.done': 'Klaar: taak {ids} is afgerond in DigiOffice.',
    'finish.doneDeferred': 'Klaar: taak {ids} is uitgesteld in DigiOffice.',
    'finish.notOpen': 'Taak {ids} staat niet meer open; er is niets gewijzigd.',
    'finish.notYours': 'Taak {ids} is niet naar jou gestuurd, dus je kunt die hier niet afronden.',
    'finish.inProgress': 'Deze taak wordt al afgerond. Een ogenblik…',
    'finish.working': 'Bezig met afronden… deze kaart wordt bijgewerkt zodra DigiOffice antwoordt.',
    'finish.needsSignIn': 'Meld je eerst aan bij DigiOffice. Wat je hebt ingevuld blijft bewaard.',
    'finish.invalid': 'Controleer wat je hebt ingevuld.',
    'finish.unavailable': 'Taak {ids} kan hier niet meer worden afgerond. Open de taak in DigiOffice.',
    'finish.failed': 'DigiOffice reageerde niet. Probeer het opnieuw.',
    'action.unknownVerb': 'Deze knop ({verb}) wordt niet ondersteund; de kaart is mogelijk verouderd.',
  },
});
