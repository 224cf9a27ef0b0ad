import type { Token } from './tokens';
import { ID_JOINERS } from './vocabulary';

/** DigiOffice ids are 32-bit signed integers. */
export const MAX_TASK_ID = 2 ** 31 - 1;
/** The most tasks one command may name (one FinishTaskOperation). */
export const MAX_TASK_IDS = 100;

const ID_LIKE = /^#?\d+$/;

export type TaskIdsResult =
  /** `next` is the index of the first token after the list. */
  | { kind: 'ids'; taskIds: number[]; next: number }
  /** The token at `at` is not a number at all (or there is none). */
  | { kind: 'none'; at: number }
  /** The token at `at` looks like an id but is not one (0, too large). */
  | { kind: 'bad'; at: number }
  | { kind: 'tooMany'; count: number; next: number };

/**
 * Reads a list of task ids from token `start`: `42`, `#42`, `42 43`, `42, 43 and 44`, `42 en 43`. Duplicates are
 * dropped, first occurrence kept. `isDay` stops the list before a number that is really a day ("until 5 dec").
 */
export function parseTaskIds(tokens: readonly Token[], start: number, isDay: (index: number) => boolean = () => false): TaskIdsResult {
  const ids = new Set<number>();
  let index = start;
  while (isIdLike(tokens[index]) && !(ids.size > 0 && isDay(index))) {
    const id = Number(tokens[index]?.word.replace('#', ''));
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_TASK_ID) return { kind: 'bad', at: index };
    ids.add(id);
    index += 1;
    const joinerEnd = skipJoiners(tokens, index);
    if (isIdLike(tokens[joinerEnd])) index = joinerEnd;
  }
  if (ids.size === 0) return { kind: 'none', at: start };
  if (ids.size > MAX_TASK_IDS) return { kind: 'tooMany', count: ids.size, next: index };
  return { kind: 'ids', taskIds: [...ids], next: index };
}

export function isIdLike(token: Token | undefined): boolean {
  return token !== undefined && ID_LIKE.test(token.word);
}

function skipJoiners(tokens: readonly Token[], index: number): number {
  let end = index;
  while (tokens[end] && ID_JOINERS.has(tokens[end]?.word ?? '')) end += 1;
  return end;
}
