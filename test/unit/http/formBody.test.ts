import { parseFormBytes } from '../../../src/http/formBody';

const parse = (text: string | Buffer) => parseFormBytes(Buffer.isBuffer(text) ? text : Buffer.from(text));
const refused = (message: string) => ({ ok: false, refusal: { status: 400, error: 'invalidForm', message } });

describe('parseFormBytes()', () => {
  it('decodes what browsers send: + as space, %-escapes as UTF-8, empty and valueless fields', () => {
    const result = parse('state=a%2Bb&username=Jan+de+Vries&password=p%C3%A4ss%26%3D&empty=&flag&&');
    expect(result).toEqual({ ok: true, fields: { state: 'a+b', username: 'Jan de Vries', password: 'päss&=', empty: '', flag: '' } });
  });

  it('keeps "__proto__" as a plain field name', () => {
    const result = parse('__proto__=x&state=y');
    expect(result.ok && Object.entries(result.fields)).toEqual([
      ['__proto__', 'x'],
      ['state', 'y'],
    ]);
    expect(result.ok && Object.getPrototypeOf(result.fields)).toBeNull();
  });

  it('refuses what URLSearchParams would silently alter, and a field sent twice', () => {
    expect(parse('password=%E0%A4%A')).toEqual(refused('The form has a malformed %-escape or one that is not UTF-8.'));
    expect(parse('password=%C0%AF')).toEqual(refused('The form has a malformed %-escape or one that is not UTF-8.'));
    expect(parse(Buffer.from([0x61, 0x3d, 0xfe]))).toEqual(refused('The form is not valid UTF-8.'));
    expect(parse('state=a&state=b')).toEqual(refused('The form field "state" appears more than once.'));
  });
});
