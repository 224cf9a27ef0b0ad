import { parseCommand } from '../../../src/commands';
import type { Locale } from '../../../src/core/locale';
import { HELP_COMMANDS, t } from '../../../src/i18n';

/** The help card's examples must be commands the grammar accepts, with the meaning the card gives them. */
const EXPECTED_KIND = {
  show: 'finish',
  finish: 'finish',
  finishMany: 'finish',
  defer: 'defer',
  list: 'list',
  signIn: 'signIn',
  signOut: 'signOut',
  help: 'help',
} as const;

describe.each(['en', 'nl'] as Locale[])('the help card’s examples (%s)', (locale) => {
  it.each([...HELP_COMMANDS])('"%s" parses to the command it describes', (name) => {
    const text = t(locale, `help.${name}.command`);
    const command = parseCommand(text, { today: '2026-11-30' });
    expect(command.kind).toBe(EXPECTED_KIND[name]);
    if (name === 'show') expect(command).toMatchObject({ taskIds: [42], rest: null });
    if (name === 'finish') expect(command).toMatchObject({ taskIds: [42], rest: expect.stringMatching(/\S+ \S+/) });
    if (name === 'finishMany') expect(command).toMatchObject({ taskIds: [42, 43] });
    if (name === 'defer') expect(command).toMatchObject({ taskIds: [42], until: { date: '2026-12-05', time: null } });
  });
});
