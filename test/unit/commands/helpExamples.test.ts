import { parseCommand, splitAssignees } from '../../../src/commands';
import type { Locale } from '../../../src/core/locale';
import { HELP_COMMANDS, t } from '../../../src/i18n';

/** The help card's examples must be commands the grammar accepts, with the meaning the card gives them. */
const EXPECTED_KIND = {
  show: 'finish',
  finish: 'finish',
  finishTo: 'finish',
  finishMany: 'finish',
  defer: 'defer',
  deferInWords: 'defer',
  list: 'list',
  signIn: 'signIn',
  signInCode: 'signInCode',
  signOut: 'signOut',
  help: 'help',
} as const;

/** What the dates in words mean on Monday 2026-11-30: next Monday, and Tuesday of next week. */
const IN_WORDS: Record<Locale, { date: string; time: string }> = {
  en: { date: '2026-12-07', time: '09:00' },
  nl: { date: '2026-12-08', time: '09:00' },
};

describe.each(['en', 'nl'] as Locale[])('the help card’s examples (%s)', (locale) => {
  it.each([...HELP_COMMANDS])('"%s" parses to the command it describes', (name) => {
    const text = t(locale, `help.${name}.command`);
    const command = parseCommand(text, { today: '2026-11-30' });
    expect(command.kind).toBe(EXPECTED_KIND[name]);
    if (name === 'show') expect(command).toMatchObject({ taskIds: [42], rest: null });
    if (name === 'finish') expect(command).toMatchObject({ taskIds: [42], rest: expect.stringMatching(/\S+ \S+/) });
    if (name === 'finishTo' && command.kind === 'finish') {
      expect(command.taskIds).toEqual([43]);
      expect(splitAssignees((command.rest ?? '').replace(/^\S+\s/, '')).names).toEqual(['Jan de Vries']);
    }
    if (name === 'finishMany') expect(command).toMatchObject({ taskIds: [42, 43] });
    if (name === 'defer') expect(command).toMatchObject({ taskIds: [42], until: { date: '2026-12-05', time: null } });
    if (name === 'signInCode') expect(command).toEqual({ kind: 'signInCode', language: locale, code: '12345678' });
    if (name === 'deferInWords') expect(command).toMatchObject({ taskIds: [42], until: IN_WORDS[locale], reason: null });
  });
});
