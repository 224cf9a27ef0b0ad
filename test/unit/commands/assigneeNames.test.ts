import { splitAssignees } from '../../../src/commands/assigneeNames';

describe('splitAssignees()', () => {
  it.each([
    ['to Jan de Vries', ['Jan de Vries'], null],
    ['naar Jan', ['Jan'], null],
    ['aan Marie', ['Marie'], null],
    ['To Jan, Piet and Marie', ['Jan', 'Piet', 'Marie'], null],
    ['naar Jan, Piet en Marie: graag voor vrijdag', ['Jan', 'Piet', 'Marie'], 'graag voor vrijdag'],
    ['to Jan de Vries: Please Check The Amounts', ['Jan de Vries'], 'Please Check The Amounts'],
    ['to Jan "please check"', ['Jan'], 'please check'],
    ['naar Jan “graag snel”', ['Jan'], 'graag snel'],
    ['to Jan & Piet; Marie + Kees', ['Jan', 'Piet', 'Marie', 'Kees'], null],
    ['to Jan\nfirst line\nsecond line', ['Jan'], 'first line\nsecond line'],
    ['to jan, Jan, JAN', ['jan'], null],
    ["to O'Brien and Anne-Marie", ["O'Brien", 'Anne-Marie'], null],
    ['to Jan please check', ['Jan please check'], null],
    ['to Karen Jansen en Bert', ['Karen Jansen', 'Bert'], null],
    ['to Jan "half quoted', ['Jan'], '"half quoted'],
    ['to Jan:', ['Jan'], null],
  ])('%j → names %j, comment %j', (text, names, comment) => {
    expect(splitAssignees(text)).toEqual({ names, comment });
  });

  it.each([
    ['please check', 'please check'],
    ['tomorrow to Jan', 'tomorrow to Jan'],
    ['to: nobody', 'to: nobody'],
    ['to', 'to'],
    ['toward the end', 'toward the end'],
  ])('%j names no one; all of it is the comment', (text, comment) => {
    expect(splitAssignees(text)).toEqual({ names: [], comment });
  });

  it('has neither names nor comment for no text', () => {
    expect(splitAssignees(null)).toEqual({ names: [], comment: null });
  });
});
