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
    'finish.unknown':
      'DigiOffice did not confirm in time whether {tasks} went through; it may have. Check it in DigiOffice, or try again: a retry will not do it twice.',
    'finish.alreadyFinished': 'Already finished in DigiOffice: {tasks}. Nothing more to do.',
    'finish.staleChat': 'Nothing was sent: {tasks} changed in the meantime. Look at the task and try again.',
    'action.unknownVerb': 'This button ({verb}) is not supported; the card may be out of date.',
    'finish.tasks': '{count, plural, one {task {ids}} other {tasks {ids}}}',
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
    'finish.unknown':
      'DigiOffice bevestigde niet op tijd of {tasks} is verwerkt; dat kan toch gebeurd zijn. Kijk in DigiOffice, of probeer het opnieuw: een nieuwe poging doet het niet dubbel.',
    'finish.alreadyFinished': 'Al afgerond in DigiOffice: {tasks}. Er hoeft niets meer te gebeuren.',
    'finish.staleChat': 'Er is niets verstuurd: {tasks} is intussen gewijzigd. Bekijk de taak en probeer het opnieuw.',
    'action.unknownVerb': 'Deze knop ({verb}) wordt niet ondersteund; de kaart is mogelijk verouderd.',
    'finish.tasks': '{count, plural, one {taak {ids}} other {taken {ids}}}',
  },
});
