import { MAX_JSON_DEPTH, parseJsonBytes } from '../../../src/http/jsonBody';

const parse = (text: string | Buffer) => parseJsonBytes(Buffer.isBuffer(text) ? text : Buffer.from(text));
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('parseJsonBytes()', () => {
  it('parses UTF-8 JSON, skipping a byte order mark', () => {
    expect(parse('{"text":"één ✓"}')).toEqual({ ok: true, value: { text: 'één ✓' } });
    expect(parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]))).toEqual({ ok: true, value: { a: 1 } });
  });

  it('refuses bytes that are not UTF-8, naming the encoding', () => {
    expect(parse(Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x7d]))).toEqual({
      ok: false,
      refusal: { status: 400, error: 'invalidUtf8', message: 'The body is not valid UTF-8; send JSON encoded as UTF-8.' },
    });
  });

  it('allows exactly MAX_JSON_DEPTH levels, not counting brackets inside strings', () => {
    expect(parse(nested(MAX_JSON_DEPTH))).toMatchObject({ ok: true });
    expect(parse(nested(MAX_JSON_DEPTH + 1))).toEqual({
      ok: false,
      refusal: { status: 400, error: 'tooDeep', message: 'The JSON is nested more than 64 levels deep.' },
    });
    const bracketsInStrings = `{"a":"${'['.repeat(200)}","b":"\\"${'{'.repeat(200)}"}`;
    expect(parse(bracketsInStrings)).toEqual({ ok: true, value: { a: '['.repeat(200), b: `"${'{'.repeat(200)}` } });
  });

  it("says where the JSON breaks, in the parser's words", () => {
    expect(parse('{"type": "message",')).toEqual({
      ok: false,
      refusal: { status: 400, error: 'invalidJson', message: expect.stringMatching(/^The body is not valid JSON: .*position 19\b/) },
    });
  });

  it('drops "__proto__" keys, which would become an object\'s prototype once it is merged with Object.assign', () => {
    const result = parse('{"a":{"__proto__":{"polluted":true},"b":1},"__proto__":{"polluted":true}}');
    expect(result).toEqual({ ok: true, value: { a: { b: 1 } } });
    const value = (result as { value: object }).value;
    expect(Object.keys(value)).toEqual(['a']);
    expect((Object.assign({}, value) as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('drops a "__proto__" key spelled with \\u escapes too', () => {
    for (const key of ['\\u005f_proto__', '_\\u005fproto__', '\\u005F\\u005Fproto\\u005f\\u005f']) {
      const result = parse(`{"a":1,"${key}":{"polluted":true}}`);
      expect(result).toEqual({ ok: true, value: { a: 1 } });
      expect(Object.keys((result as { value: object }).value)).toEqual(['a']);
    }
  });
});
