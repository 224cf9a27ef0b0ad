/**
 * Everyday English and Dutch words (articles, prepositions, conjunctions, pronouns) that say nothing on their own:
 * typed after a task's ids they begin a comment ("for the record", "naar Jan", "van mij") rather than name a step,
 * even when a step's name contains them ("Forward for review", "Doorsturen naar de afdeling"). Compared in lower case
 * without accents. Words that can carry a decision on their own ("no", "not", "niet", "geen") are not in the list.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // English
  ...['a', 'an', 'the', 'this', 'that', 'these', 'those', 'it', 'its', 'i', 'me', 'my', 'you', 'your', 'we', 'our'],
  ...['he', 'she', 'him', 'her', 'they', 'them', 'is', 'are', 'be', 'was', 'to', 'for', 'of', 'in', 'on', 'at', 'by'],
  ...['with', 'from', 'into', 'onto', 'about', 'as', 'and', 'or', 'but', 'so', 'if', 'up', 'out', 'off', 'over'],
  // Dutch
  ...['de', 'het', 'een', 'dit', 'dat', 'deze', 'die', 'ik', 'mij', 'me', 'mijn', 'jij', 'je', 'jou', 'jouw', 'u', 'uw'],
  ...['wij', 'we', 'ons', 'onze', 'hij', 'zij', 'ze', 'hem', 'haar', 'hun', 'is', 'zijn', 'was', 'er', 'van', 'voor'],
  ...['naar', 'aan', 'op', 'in', 'met', 'door', 'om', 'te', 'ter', 'ten', 'tot', 'bij', 'uit', 'af', 'over', 'onder'],
  ...['en', 'of', 'maar', 'als', 'dan', 'want'],
]);
