import { defineArea } from './catalog';

/** Replies in the 1:1 chat. */
export const chat = defineArea({
  en: {
    'chat.welcome':
      'Hi! I send you your DigiOffice workflow tasks here, so you can finish them without leaving Teams. Type "help" to see what I can do.',
    'chat.personalOnly': 'I only work in a personal chat. Open a 1:1 chat with me to see your tasks.',
    'chat.unknown': 'Sorry, I did not understand that. Type "help" to see what you can type.',
    'chat.didYouMean': 'Did you mean "{text}"?',
    'chat.invalid': 'That command is not quite right: {detail}. Type "help" for examples.',
    'chat.unknownTasks': 'I have no tasks for you with these numbers: {ids}.',
    'chat.noSuchTransition': 'Task {id} has no such step. Choose one of: {offered}.',
    'chat.signedIn': 'You are signed in to DigiOffice as {name}. You can now finish tasks from Teams.',
    'chat.signedOut': 'You are signed out of DigiOffice. Type "sign in" to sign in again.',
    'chat.alreadySignedIn': 'You are already signed in to DigiOffice as {name}.',
    'chat.signInCodeWrong':
      'That code does not link anything: it is mistyped, used already, older than 10 minutes, or from a sign-in link someone else asked for. Type "sign in" for a new link.',
    'chat.deferred': 'Done: {tasks} deferred until {until}.',
    'chat.whichStep': 'Several steps of {tasks} match what you typed. Which one do you mean?',
    'chat.whichAssignee': 'Several people or groups match "{name}". Whom do you mean?',
    'chat.assigneeNotFound': 'I found no one called "{name}" to pass {tasks} on to. Check the spelling, or choose on the card of the task.',
    'chat.assigneesNeeded':
      'The step "{step}" passes {tasks} on to someone. To whom? Type the names after the step, for example: {example}',
    'chat.assigneesExample': 'finish {tasks} {step} to Jan de Vries: your comment',
    'chat.choicesLeftOut': 'Not every match fits here. Type more of the name to narrow it down.',
    'chat.chosen': '✔ {choice}',
    'chat.working': 'Working on it… I answer here when DigiOffice does.',
    'error.internal': 'Something went wrong on my side. Please try again.',
  },
  nl: {
    'chat.welcome':
      'Hoi! Ik stuur je hier je DigiOffice-workflowtaken, zodat je ze kunt afronden zonder Teams te verlaten. Typ "help" om te zien wat ik kan.',
    'chat.personalOnly': 'Ik werk alleen in een persoonlijke chat. Open een chat met mij om je taken te zien.',
    'chat.unknown': 'Dat begreep ik niet. Typ "help" om te zien wat je kunt typen.',
    'chat.didYouMean': 'Bedoel je "{text}"?',
    'chat.invalid': 'Die opdracht klopt niet helemaal: {detail}. Typ "help" voor voorbeelden.',
    'chat.unknownTasks': 'Ik heb geen taken voor je met deze nummers: {ids}.',
    'chat.noSuchTransition': 'Taak {id} heeft die stap niet. Kies uit: {offered}.',
    'chat.signedIn': 'Je bent aangemeld bij DigiOffice als {name}. Je kunt nu taken vanuit Teams afronden.',
    'chat.signedOut': 'Je bent afgemeld bij DigiOffice. Typ "aanmelden" om je opnieuw aan te melden.',
    'chat.alreadySignedIn': 'Je bent al aangemeld bij DigiOffice als {name}.',
    'chat.signInCodeWrong':
      'Die code koppelt niets: hij is verkeerd getypt, al gebruikt, ouder dan 10 minuten, of hoort bij een aanmeldlink die iemand anders heeft aangevraagd. Typ "aanmelden" voor een nieuwe link.',
    'chat.deferred': 'Klaar: {tasks} uitgesteld tot {until}.',
    'chat.whichStep': 'Meerdere stappen van {tasks} passen bij wat je typte. Welke bedoel je?',
    'chat.whichAssignee': 'Meerdere personen of groepen passen bij "{name}". Wie bedoel je?',
    'chat.assigneeNotFound':
      'Ik vond niemand met de naam "{name}" om {tasks} aan door te geven. Controleer de spelling, of kies op de kaart van de taak.',
    'chat.assigneesNeeded': 'De stap "{step}" geeft {tasks} door aan iemand. Aan wie? Typ de namen na de stap, bijvoorbeeld: {example}',
    'chat.assigneesExample': '{tasks} afronden {step} naar Jan de Vries: je opmerking',
    'chat.choicesLeftOut': 'Niet alle treffers passen hier. Typ meer van de naam om te kiezen.',
    'chat.chosen': '✔ {choice}',
    'chat.working': 'Bezig… ik antwoord hier zodra DigiOffice antwoordt.',
    'error.internal': 'Er ging bij mij iets mis. Probeer het opnieuw.',
  },
});
