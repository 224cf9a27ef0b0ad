import { defineArea } from './catalog';

/** Outcomes of finishing or deferring a task, on the card banner and in chat. */
export const finish = defineArea({
  en: {
    'finish.done': 'Done: {tasks} finished in DigiOffice.',
    'finish.doneDeferred': 'Done: {tasks} deferred in DigiOffice.',
    'finish.notOpen': 'Nothing was changed: DigiOffice had already closed {tasks}.',
    'finish.notYours': 'Not sent to you, so you cannot finish it here: {tasks}.',
    'finish.inProgress': 'This task is already being finished. One moment…',
    'finish.working': 'Finishing… this card updates when DigiOffice answers.',
    'finish.needsSignIn': 'Sign in to DigiOffice first. What you entered is kept.',
    'finish.invalid': 'Please check what you entered.',
    'finish.unavailable': 'This can no longer be finished here; open it in DigiOffice: {tasks}.',
    'finish.failed': 'DigiOffice did not answer. Please try again.',
    'action.unknownVerb': 'This button ({verb}) is not supported; the card may be out of date.',
    'finish.taskOne': 'task {ids}',
    'finish.taskMany': 'tasks {ids}',
  },
  nl: {
    'finish.done': 'Klaar: {tasks} afgerond in DigiOffice.',
    'finish.doneDeferred': 'Klaar: {tasks} uitgesteld in DigiOffice.',
    'finish.notOpen': 'Er is niets gewijzigd: DigiOffice had {tasks} al afgesloten.',
    'finish.notYours': 'Niet naar jou gestuurd, dus hier niet af te ronden: {tasks}.',
    'finish.inProgress': 'Deze taak wordt al afgerond. Een ogenblik…',
    'finish.working': 'Bezig met afronden… deze kaart wordt bijgewerkt zodra DigiOffice antwoordt.',
    'finish.needsSignIn': 'Meld je eerst aan bij DigiOffice. Wat je hebt ingevuld blijft bewaard.',
    'finish.invalid': 'Controleer wat je hebt ingevuld.',
    'finish.unavailable': 'Dit kan hier niet meer worden afgerond; open het in DigiOffice: {tasks}.',
    'finish.failed': 'DigiOffice reageerde niet. Probeer het opnieuw.',
    'action.unknownVerb': 'Deze knop ({verb}) wordt niet ondersteund; de kaart is mogelijk verouderd.',
    'finish.taskOne': 'taak {ids}',
    'finish.taskMany': 'taken {ids}',
  },
});
