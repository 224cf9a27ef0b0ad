/**
 * A detector for English left in a Dutch text: common English words that are not also Dutch words ("in", "is",
 * "of", "open", "week", "was", "had" and "status" are both). Product names and the typed command "help" are allowed.
 */
const ENGLISH = new Set(
  (
    'the a an and or but to for with from by at on into about this that these those you your we our us it its they their ' +
    'are were be been being has have do does did not cannot can could will would should must may please ' +
    'task tasks finish finished finishing defer deferred deferral sign signed user name password enter choose chosen required ' +
    'invalid valid step steps date time until due comment reason card show shown more again try failed already done what ' +
    'which when where who why how there here one some any all only also just still yet today tomorrow day days ' +
    'minutes hours error wrong working waiting assign assigned group role people person search not found nothing ' +
    'changed sent answer answered reply click button out date unknown future past least most characters'
  ).split(/\s+/),
);

/** Words that may stand in a Dutch text as they are. */
export const ALLOWED_IN_DUTCH = new Set(['digioffice', 'teams', 'microsoft', 'help', 'urgent', 'status']);

/** The words of `text`, lower case; digits and punctuation separate words. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** The English words in a (Dutch) text, in order. */
export function englishWordsIn(text: string): string[] {
  return wordsOf(text).filter((word) => ENGLISH.has(word) && !ALLOWED_IN_DUTCH.has(word));
}
