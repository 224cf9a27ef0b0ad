import { defineArea } from './catalog';

/** Why an input was refused (FieldError codes), shown next to the input, so the field's name is not repeated. */
export const inputErrors = defineArea({
  en: {
    'inputError.required': 'This is required.',
    'inputError.requiredAssignees': 'Choose at least one person, group or role for "{transition}".',
    'inputError.transitionMissing': 'Choose one of the steps this task offers.',
    'inputError.transitionNotOffered': 'Task {id} does not offer this step. It offers: {offered}.',
    'inputError.notAllowed': 'The step "{transition}" does not use this.',
    'inputError.invalidAssignee': '"{value}" is not a person, group or role.',
    'inputError.dateRequired': 'Choose a date as well.',
    'inputError.invalidDate': '"{value}" is not a valid date.',
    'inputError.invalidTime': '"{value}" is not a valid time.',
    'inputError.invalidTimeZone': 'Your time zone ({zone}) is unknown, so the date cannot be read.',
    'inputError.inPast': 'Choose a moment in the future.',
    'inputError.tooLong': 'At most {max} characters.',
    'inputError.rejected': 'DigiOffice did not accept this.',
    'inputError.fromDigiOffice': 'DigiOffice did not accept this and says: {message}',
  },
  nl: {
    'inputError.required': 'Dit is verplicht.',
    'inputError.requiredAssignees': 'Kies minstens één persoon, groep of rol voor "{transition}".',
    'inputError.transitionMissing': 'Kies een van de stappen die deze taak biedt.',
    'inputError.transitionNotOffered': 'Taak {id} heeft deze stap niet. Wel: {offered}.',
    'inputError.notAllowed': 'De stap "{transition}" gebruikt dit niet.',
    'inputError.invalidAssignee': '"{value}" is geen persoon, groep of rol.',
    'inputError.dateRequired': 'Kies ook een datum.',
    'inputError.invalidDate': '"{value}" is geen geldige datum.',
    'inputError.invalidTime': '"{value}" is geen geldige tijd.',
    'inputError.invalidTimeZone': 'Je tijdzone ({zone}) is onbekend, dus de datum kan niet worden gelezen.',
    'inputError.inPast': 'Kies een moment in de toekomst.',
    'inputError.tooLong': 'Maximaal {max} tekens.',
    'inputError.rejected': 'DigiOffice heeft dit niet geaccepteerd.',
    'inputError.fromDigiOffice': 'DigiOffice heeft dit niet geaccepteerd en meldt: {message}',
  },
});
