import { messages } from '../../src/i18n';
import { SEED } from '../../tools/digioffice-sim';
import { cardOf, ofType } from '../helpers/cardQueries';
import { englishWordsIn, wordsOf } from '../helpers/englishWords';
import type { ConnectorCall } from '../helpers/fakeConnector';
import { activityIdOf, click, deliverTask, finishRequests, say } from '../helpers/flows';
import { useHarness, type Harness } from '../helpers/harness';
import { ALEX } from '../helpers/teamsActivities';

const DUTCH = { locale: 'nl-NL' };

const catalogueWords = (locale: 'en' | 'nl') => new Set(Object.values(messages[locale]).flatMap(wordsOf));

/**
 * English the bot could say besides the shared list (englishWords.ts): every word of the English catalogue that the
 * Dutch one never uses, and everyday English (as in DigiOffice's own error messages) that is not Dutch as well.
 */
function englishWords(): Set<string> {
  const dutch = new Set([...catalogueWords('nl'), ...DUTCH_CALENDAR]);
  const everyday = ['the', 'please', 'must', 'not', 'empty', 'required', 'requires', 'least', 'already', 'task', 'tasks', 'done'];
  const more = ['finished', 'deferred', 'step', 'choose', 'type', 'you', 'your', 'this', 'that', 'was', 'has', 'will', 'can', 'for'];
  return new Set([...catalogueWords('en'), ...everyday, ...more].filter((word) => !dutch.has(word)));
}

/** Dutch names of days and months, short and long, as dates are written ("do 10 dec"). */
function dutchCalendarWords(): string[] {
  const days = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 10, 30 + i)));
  const months = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, i, 15)));
  const names = (dates: Date[], options: Intl.DateTimeFormatOptions) =>
    dates.map((d) => new Intl.DateTimeFormat('nl-NL', options).format(d));
  return [
    ...names(days, { weekday: 'short' }),
    ...names(days, { weekday: 'long' }),
    ...names(months, { month: 'short' }),
    ...names(months, { month: 'long' }),
  ].flatMap(wordsOf);
}

const DUTCH_CALENDAR = new Set(dutchCalendarWords());

/** Names that come from DigiOffice (tasks, steps, people), which stay as DigiOffice has them. */
function dataTexts(h: Harness): string[] {
  const fromTasks = SEED.tasks.flatMap((task) => {
    const { task: wire, transitions = [] } = h.sim.notificationFor(task.id, { userPrincipalName: ALEX.userPrincipalName });
    return [wire.Name, wire.WorkflowDescription, wire.StatusDescription, wire.TypeDescription, ...transitions.map((tr) => tr.Name)];
  });
  return [...fromTasks, ...SEED.users.map((u) => u.displayName), ...SEED.groups.map((g) => g.title)]
    .filter((text): text is string => typeof text === 'string' && text !== '')
    .sort((a, b) => b.length - a.length);
}

/** Every text a user reads in a chat activity or card: message text, card texts, titles, labels, placeholders. */
function readableTexts(body: unknown): string[] {
  const activity = body as { text?: unknown } | null;
  const own = typeof activity?.text === 'string' ? [activity.text] : [];
  const card = Array.isArray((body as { attachments?: unknown } | null)?.attachments)
    ? cardOf(body)
    : (body as { body?: unknown } | null)?.body
      ? body
      : null;
  return [...own, ...(card ? shownTexts(card) : [])];
}

/** The texts of a card's elements and actions; what an action sends back (`data`) is never shown. */
function shownTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(shownTexts);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    if (key === 'data') return [];
    if (['text', 'title', 'label', 'placeholder', 'errorMessage'].includes(key)) return typeof inner === 'string' ? [inner] : [];
    return shownTexts(inner);
  });
}

/** The English words in a text, once DigiOffice's own names are taken out. */
function englishIn(text: string, data: string[], english: Set<string>): string[] {
  const withoutData = data.reduce((rest, name) => rest.split(name).join(' '), text);
  // The shared list's short words can be Dutch abbreviations ("do" 10 dec: donderdag).
  const shared = englishWordsIn(withoutData).filter((word) => !DUTCH_CALENDAR.has(word));
  return [...shared, ...wordsOf(withoutData).filter((word) => english.has(word) && !shared.includes(word))];
}

describe('a Dutch chat is answered in Dutch only', () => {
  const h = useHarness({ install: [ALEX] });

  it('every reply of the Dutch chat flows, cards and buttons included, has no English word', async () => {
    await h.signIn(ALEX, 'alexw', 'demo');
    for (const id of [42, 43, 44, 46]) await deliverTask(h, ALEX, id);
    const replies: Array<{ said: string; body: unknown }> = [];
    const sayDutch = async (text: string): Promise<ConnectorCall[]> => {
      const calls = await say(h, ALEX, text, DUTCH);
      replies.push(...calls.filter((c) => c.body?.type === 'message').map((c) => ({ said: text, body: c.body })));
      if (calls.every((c) => c.body?.type !== 'message')) throw new Error(`no answer to "${text}"`);
      return calls;
    };
    const clickFirst = async (question: ConnectorCall[], said: string, index = 0) => {
      const call = question.find((c) => Array.isArray(c.body?.attachments));
      const data = ofType(cardOf(call?.body), 'Action.Execute')[index]?.data as Record<string, unknown>;
      const before = h.connector.calls.length;
      const answer = await click(h, ALEX, 'chat.run', data, activityIdOf(call as ConnectorCall), DUTCH);
      await h.idle();
      replies.push({ said: `${said} (clicked)`, body: answer.body.value });
      const after = h.connector.calls.slice(before).filter((c) => c.method === 'POST' && c.body?.type === 'message');
      replies.push(...after.map((c) => ({ said: `${said} (after the click)`, body: c.body })));
    };

    await sayDutch('hallo');
    await sayDutch('hulp');
    await sayDutch('mijn taken');
    await sayDutch('taak 42 afronden');
    await clickFirst(await sayDutch('taak 42 afrnoden'), 'taak 42 afrnoden');
    await sayDutch('taak 43 afronden forward');
    await sayDutch('taak 43 afronden forward naar Zoë Zwart');
    await sayDutch('taak 44 afronden sign');
    await sayDutch('taak 44 afronden sign off prima');
    await clickFirst(await sayDutch('taak 43 afronden forward naar Bakker: graag nakijken'), 'naar Bakker');
    await sayDutch('taak 42 uitstellen tot volgende week');
    await sayDutch('mijn taken');
    await sayDutch('taak 42 afronden approve prima');
    await sayDutch('taak 42 afronden approve');
    await sayDutch('taak 42 afronden bla');
    await sayDutch('taak 4711 afronden');
    await sayDutch('taak 46 uitstellen tot blursday');
    await sayDutch('aanmelden');
    await sayDutch('afmelden');
    await sayDutch('taak 46 afronden approve');
    await sayDutch('aanmelden');

    // The flows did what they say: Els Bakker got task 43, task 42 was deferred and then finished.
    expect(finishRequests(h).map((r) => [r.status, (r.body as { TaskIDs: number[] }).TaskIDs])).toEqual([
      [204, [43]],
      [204, [42]],
      [204, [42]],
    ]);
    const data = dataTexts(h);
    const english = englishWords();
    const found = replies.flatMap(({ said, body }) =>
      readableTexts(body).flatMap((text) => englishIn(text, data, english).map((word) => `"${word}" in the answer to "${said}": ${text}`)),
    );
    expect(found).toEqual([]);
  });

  it('the check finds English: the same kind of answers in English are caught', () => {
    const english = englishWords();
    const samples = ['chat.assigneesNeeded', 'chat.deferred', 'finish.notOpen', 'list.more', 'chat.whichStep'] as const;
    for (const key of samples) expect(englishIn(messages.en[key], [], english)).not.toEqual([]);
  });
});
