import type { AssigneeCandidate } from '../core/assigneeDirectory';

export type AssigneePick =
  | { kind: 'one'; pick: AssigneeCandidate }
  /** Ask which, best first. Can hold one candidate: a partial match is offered, not taken. */
  | { kind: 'several'; candidates: AssigneeCandidate[] }
  | { kind: 'none' };

/** How well a candidate's title matches the typed name; lower is better. */
const Tier = {
  /** The whole title: "Jan de Vries" typed, "Jan de Vries" found. */
  exact: 0,
  /** Every typed word is a word of the title: "Jan" or "de Vries" for "Jan de Vries". */
  wholeWords: 1,
  /** Every typed word is part of a word of the title: "Jan" for "Piet Jansen". */
  partial: 2,
  /** DigiOffice found it for another reason (a login name, an e-mail address). */
  other: 3,
} as const;
type Tier = (typeof Tier)[keyof typeof Tier];

/**
 * Which of DigiOffice's search results a typed name means, compared case- and accent-insensitively. The best tier
 * that has candidates decides: one exact or whole-word match is taken ("Jan" is Jan de Vries, not Piet Jansen), more
 * are offered. Partial and other matches are always offered, even alone, because giving a task to the wrong person
 * is worse than one more click.
 */
export function pickAssignee(typed: string, candidates: readonly AssigneeCandidate[]): AssigneePick {
  const typedWords = words(typed);
  const unique = [...new Map(candidates.map((c) => [c.value, c])).values()];
  if (unique.length === 0) return { kind: 'none' };
  const tiered = unique.map((candidate) => ({ candidate, tier: tierOf(typedWords, words(candidate.title)) }));
  const best = Math.min(...tiered.map((entry) => entry.tier));
  const top = tiered.filter((entry) => entry.tier === best).map((entry) => entry.candidate);
  const [only] = top;
  if (only && top.length === 1 && best <= Tier.wholeWords) return { kind: 'one', pick: only };
  return { kind: 'several', candidates: top };
}

function tierOf(typed: readonly string[], title: readonly string[]): Tier {
  if (typed.length === 0) return Tier.other;
  if (typed.join(' ') === title.join(' ')) return Tier.exact;
  if (typed.every((word) => title.includes(word))) return Tier.wholeWords;
  if (typed.every((word) => title.some((titleWord) => titleWord.includes(word)))) return Tier.partial;
  return Tier.other;
}

/** "Vries, Jan de" → ["vries", "jan", "de"]; "Marie-Louise" → ["marie", "louise"]; "Jérôme" → ["jerome"]. */
function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}
