import { MAX_TASK_ID, MAX_TASK_IDS, parseTaskIds } from '../../../src/commands/taskIds';
import { tokenize } from '../../../src/commands/tokens';

function ids(text: string, isDay?: (index: number) => boolean): ReturnType<typeof parseTaskIds> {
  return parseTaskIds(tokenize(text), 0, isDay);
}

describe('parseTaskIds()', () => {
  it.each([
    ['42', [42], 1],
    ['#42', [42], 1],
    ['42 43', [42, 43], 2],
    ['42, 43 and 44', [42, 43, 44], 5],
    ['42,43,44', [42, 43, 44], 5],
    ['42 en 43 & 44; 45', [42, 43, 44, 45], 7],
    ['42, and 43', [42, 43], 4],
    ['042', [42], 1],
    [`${MAX_TASK_ID}`, [MAX_TASK_ID], 1],
  ])('reads %j', (text, taskIds, next) => {
    expect(ids(text)).toEqual({ kind: 'ids', taskIds, next });
  });

  it('drops duplicates and keeps the first order', () => {
    expect(ids('43 42 43 #42')).toEqual({ kind: 'ids', taskIds: [43, 42], next: 4 });
  });

  it('stops before a joiner that no id follows, so it stays in the free text', () => {
    expect(ids('42 and approve')).toEqual({ kind: 'ids', taskIds: [42], next: 1 });
    expect(ids('42, approve')).toEqual({ kind: 'ids', taskIds: [42], next: 1 });
  });

  it('stops before a number that isDay claims, but never at the first id', () => {
    const isDay = (index: number): boolean => index <= 1;
    expect(ids('42 5 dec', isDay)).toEqual({ kind: 'ids', taskIds: [42], next: 1 });
  });

  it.each([['abc'], [''], ['#'], ['-5'], ['4.5'], ['42abc'], ['and 42']])('finds no id in %j', (text) => {
    expect(ids(text)).toEqual({ kind: 'none', at: 0 });
  });

  it.each([
    ['0', 0],
    [`${MAX_TASK_ID + 1}`, 0],
    ['99999999999999999999', 0],
    ['42 0', 1],
    ['42, #0', 2],
  ])('rejects the id-like but impossible id in %j', (text, at) => {
    expect(ids(text)).toEqual({ kind: 'bad', at });
  });

  it(`accepts ${MAX_TASK_IDS} distinct ids and refuses one more`, () => {
    const upTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
    const list = (n: number): string => upTo(n).join(' ');
    expect(ids(list(MAX_TASK_IDS))).toEqual({ kind: 'ids', taskIds: upTo(MAX_TASK_IDS), next: MAX_TASK_IDS });
    expect(ids(`${list(MAX_TASK_IDS + 1)} approve`)).toEqual({ kind: 'tooMany', count: MAX_TASK_IDS + 1, next: MAX_TASK_IDS + 1 });
  });

  it('counts distinct ids against the limit', () => {
    const repeated = Array.from({ length: 150 }, (_, i) => String((i % MAX_TASK_IDS) + 1)).join(' ');
    expect(ids(repeated)).toEqual({ kind: 'ids', taskIds: Array.from({ length: MAX_TASK_IDS }, (_, i) => i + 1), next: 150 });
  });
});
