import { foldKnown } from '../../../src/cards/templateFolding';

const where = 'cards/test.json';

describe('foldKnown', () => {
  it('writes known values in, keeps elements whose $when is known true without it, leaves out those known false', () => {
    const payload = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${fixed.title}', maxLength: '${fixed.max}' },
        { $when: '${open}', type: 'Input.Text', label: '${fixed.label}', value: '${fields.comment.value}' },
        { $when: '${fields.comment.showError}', type: 'TextBlock', text: '${fields.comment.error}' },
        { $when: '${banner.show}', type: 'Container', items: [] },
        { $data: '${rows}', $when: '${open}', type: 'ActionSet', actions: '${actions}', title: '${fixed.title}' },
        { type: 'TextBlock', text: 'Hello ${name}' },
      ],
    };
    const known = { 'fixed.title': 'Task', 'fixed.max': 4000, 'fixed.label': 'Comment', open: true, 'fields.comment.showError': false };
    expect(foldKnown(payload, known, where)).toEqual({
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: 'Task', maxLength: 4000 },
        { type: 'Input.Text', label: 'Comment', value: '${fields.comment.value}' },
        { $when: '${banner.show}', type: 'Container', items: [] },
        // Under $data the bindings read the row, not the root: only the fixed values are written in.
        { $data: '${rows}', $when: '${open}', type: 'ActionSet', actions: '${actions}', title: 'Task' },
        { type: 'TextBlock', text: 'Hello ${name}' },
      ],
    });
  });

  it('leaves the payload it was given as it was', () => {
    const payload = { body: [{ $when: '${open}', text: '${fixed.title}' }] };
    foldKnown(payload, { open: false, 'fixed.title': 'Task' }, where);
    expect(payload).toEqual({ body: [{ $when: '${open}', text: '${fixed.title}' }] });
  });

  it.each([
    [{ text: '${fixed.missing}' }, {}, 'cards/test.json: "${fixed.missing}" is not one of its fixed values'],
    [{ text: 'Due: ${fixed.due}' }, { 'fixed.due': 'Due' }, 'cards/test.json: "Due: ${fixed.due}" uses a fixed value inside a longer text'],
    [{ text: '${fixed.title}' }, { 'fixed.title': 'Hi ${name}' }, 'cards/test.json: the value of "${fixed.title}" holds "${"'],
    [{ body: [{ $when: '${style}' }] }, { style: 'accent' }, 'cards/test.json: "$when": "${style}" is known as "accent"'],
    [
      { refresh: { $when: '${refresh.show}' } },
      { 'refresh.show': false },
      'cards/test.json: "refresh" would be left out of its object, not of a list',
    ],
    [{ $when: '${open}' }, { open: false }, 'cards/test.json: the whole template is left out'],
  ])('refuses %p with %p: %s', (payload, known, message) => {
    expect(() => foldKnown(payload, known, where)).toThrow(message);
  });
});
