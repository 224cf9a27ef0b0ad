import type { StoredTransition } from '../../../src/core/task';
import { chooseTransition } from '../../../src/tasks/transitionMatch';

const transition = (ID: string, Name: string): StoredTransition => ({
  ID,
  Name,
  AssignmentAtStartWorkflowIsAdHoc: false,
  AssignmentIsAdHocRequired: false,
  DeferAtStartWorkflowIsAdHoc: false,
  IsNext: false,
});

const signOff = transition('t1', 'Sign off');
const signOffLater = transition('t2', 'Sign off, follow up later');
const approve = transition('t3', 'Approve');
const forward = transition('t4', 'Forward for review');
const review = transition('t5', 'Review');
const reject = transition('t6', 'Reject and return');
const goedkeuren = transition('t7', 'Goedkeuren');
const doorsturen = transition('t8', 'Doorsturen ter beoordeling');
const geenActie = transition('t9', 'Géén actie nodig');
const approveOrReject = transition('t10', 'Approve/Reject later');
const returnToSender = transition('t11', 'Return to sender');

describe('chooseTransition() on one name', () => {
  it('matches a name case-insensitively and keeps the rest, in its original case, as the comment', () => {
    expect(chooseTransition('approve Looks Good', [approve])).toEqual({ kind: 'match', transition: approve, comment: 'Looks Good' });
  });

  it('prefers the longest name that the text starts with', () => {
    expect(chooseTransition('Sign off, follow up later: check delivery', [signOff, signOffLater])).toEqual({
      kind: 'match',
      transition: signOffLater,
      comment: 'check delivery',
    });
    expect(chooseTransition('sign off thanks', [signOff, signOffLater])).toEqual({ kind: 'match', transition: signOff, comment: 'thanks' });
  });

  it('has no comment when only the name was typed', () => {
    expect(chooseTransition('  APPROVE  ', [approve])).toEqual({ kind: 'match', transition: approve, comment: null });
  });

  it('matches whole words only', () => {
    expect(chooseTransition('approved', [approve])).toEqual({ kind: 'none' });
    expect(chooseTransition('sig', [signOff])).toEqual({ kind: 'none' });
  });

  it('matches any word of a name: "sign" is "Sign off"', () => {
    expect(chooseTransition('sign', [signOff])).toEqual({ kind: 'match', transition: signOff, comment: null });
  });

  it('keeps line breaks inside the comment', () => {
    expect(chooseTransition('approve first line\nsecond line', [approve])).toEqual({
      kind: 'match',
      transition: approve,
      comment: 'first line\nsecond line',
    });
  });

  it('is ambiguous when several transitions match equally well', () => {
    expect(chooseTransition('sign', [signOff, signOffLater])).toEqual({
      kind: 'ambiguous',
      transitions: [signOff, signOffLater],
      comment: null,
    });
  });
});

describe('chooseTransition()', () => {
  const all = [signOff, signOffLater, approve, forward, review, reject, goedkeuren, doorsturen, geenActie, approveOrReject, returnToSender];

  it.each([
    ['forward', forward, null],
    ['Forward please check the amounts', forward, 'please check the amounts'],
    ['for review: see attachment', forward, 'see attachment'],
    ['forward for review Looks OK', forward, 'Looks OK'],
    ['review', review, null],
    ['Review - done', review, 'done'],
    ['goedkeuren Prima', goedkeuren, 'Prima'],
    ['GOEDKEUREN', goedkeuren, null],
    ['doorsturen naar Jan', doorsturen, 'naar Jan'],
    ['beoordeling', doorsturen, null],
    ['geen actie nodig, klaar', geenActie, 'klaar'],
    ['géén', geenActie, null],
    ['Geen Actie Ziet Er Goed Uit', geenActie, 'Ziet Er Goed Uit'],
    ['approve', approve, null],
    ['approve/reject later', approveOrReject, null],
    ['reject and return: wrong amount', reject, 'wrong amount'],
    ['sign off thanks', signOff, 'thanks'],
    ['sender', returnToSender, null],
    ['- approve: fine', approve, 'fine'],
  ] as const)('%j → one transition', (text, expected, comment) => {
    expect(chooseTransition(text, all)).toEqual({ kind: 'match', transition: expected, comment });
  });

  it.each([
    ['sign', [signOff, signOffLater], null],
    ['later: check', [signOffLater, approveOrReject], 'check'],
    ['reject Wrong Amount', [reject, approveOrReject], 'Wrong Amount'],
    ['return', [reject, returnToSender], null],
  ] as const)('%j → ambiguous, in the order DigiOffice gave them', (text, transitions, comment) => {
    expect(chooseTransition(text, all)).toEqual({ kind: 'ambiguous', transitions, comment });
  });

  it.each([['approved'], [''], ['please approve'], ['ok'], ['- -']])('%j → none', (text) => {
    expect(chooseTransition(text, all)).toEqual({ kind: 'none' });
  });

  it('lets two transitions with the same name be asked about', () => {
    const twin = transition('t12', 'Approve');
    expect(chooseTransition('approve', [approve, twin])).toEqual({ kind: 'ambiguous', transitions: [approve, twin], comment: null });
  });

  describe('everyday words on their own name no step: they begin a comment', () => {
    const naarAfdeling = transition('t14', 'Doorsturen naar de afdeling');
    const vanMij = transition('t15', 'Terug van vakantie');
    const steps = [forward, returnToSender, naarAfdeling, vanMij, approve];

    it.each([['for the record'], ['for'], ['to Jan'], ['To: Jan'], ['naar Jan'], ['van mij'], ['naar de'], ['off']])(
      '%j → none',
      (text) => {
        expect(chooseTransition(text, steps)).toEqual({ kind: 'none' });
      },
    );

    it.each([
      ['for review', forward, null],
      ['to sender please', returnToSender, 'please'],
      ['naar de afdeling graag', naarAfdeling, 'graag'],
      ['van vakantie', vanMij, null],
      ['afdeling', naarAfdeling, null],
    ] as const)('%j → one step, because it holds more than everyday words', (text, expected, comment) => {
      expect(chooseTransition(text, steps)).toEqual({ kind: 'match', transition: expected, comment });
    });

    it('a step named only by everyday words is still named by its whole name', () => {
      const over = transition('t16', 'Over');
      const voorDe = transition('t17', 'Voor de');
      expect(chooseTransition('over: klaar', [over, voorDe])).toEqual({ kind: 'match', transition: over, comment: 'klaar' });
      expect(chooseTransition('voor de', [over, voorDe])).toEqual({ kind: 'match', transition: voorDe, comment: null });
      expect(chooseTransition('voor', [over, voorDe])).toEqual({ kind: 'none' });
    });
  });

  it('ignores the accents and case of the typed text too', () => {
    const cafe = transition('t13', 'Cafe order');
    expect(chooseTransition('CAFÉ', [cafe])).toEqual({ kind: 'match', transition: cafe, comment: null });
  });
});
