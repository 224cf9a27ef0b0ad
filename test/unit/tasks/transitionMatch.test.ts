import type { StoredTransition } from '../../../src/core/task';
import { matchTransition } from '../../../src/tasks/transitionMatch';

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

describe('matchTransition()', () => {
  it('matches a name case-insensitively and keeps the rest, in its original case, as the comment', () => {
    expect(matchTransition('approve Looks Good', [approve])).toEqual({ transition: approve, comment: 'Looks Good' });
  });

  it('prefers the longest name that the text starts with', () => {
    expect(matchTransition('Sign off, follow up later: check delivery', [signOff, signOffLater])).toEqual({
      transition: signOffLater,
      comment: 'check delivery',
    });
    expect(matchTransition('sign off thanks', [signOff, signOffLater])).toEqual({ transition: signOff, comment: 'thanks' });
  });

  it('has no comment when only the name was typed', () => {
    expect(matchTransition('  APPROVE  ', [approve])).toEqual({ transition: approve, comment: null });
  });

  it('matches whole words only', () => {
    expect(matchTransition('approved', [approve])).toBeNull();
    expect(matchTransition('sign', [signOff])).toBeNull();
  });

  it('keeps line breaks inside the comment', () => {
    expect(matchTransition('approve first line\nsecond line', [approve])).toEqual({
      transition: approve,
      comment: 'first line\nsecond line',
    });
  });
});
