import { invalidKeyReason, invalidPrefixReason, prefixUpperBound } from '../../../src/storage/keyRange';

/** Code point order, as SQLite's BINARY collation compares UTF-8. */
const codePointLess = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0;

describe('prefixUpperBound', () => {
  it.each([
    ['a', 'b'],
    ['tokens/', 'tokens0'],
    ['50%', '50&'],
    ['5_', '5`'],
    ['a\u0000', 'a\u0001'],
    ['a\u007F', 'a\u0080'],
    ['a\uD7FF', 'a\uE000'],
    ['a\uFFFE', 'a\uFFFF'],
    ['a\uFFFF', 'a\u{10000}'],
    ['a\u{1F600}', 'a\u{1F601}'],
    ['a\u{FFFFF}', 'a\u{100000}'],
    ['a\u{10FFFF}', 'b'],
    ['a\u{10FFFF}\u{10FFFF}', 'b'],
    ['\u{10FFFF}a', '\u{10FFFF}b'],
  ])('of %j is %j', (prefix, upper) => {
    expect(prefixUpperBound(prefix)).toBe(upper);
    expect(codePointLess(prefix, upper)).toBe(true);
    expect(codePointLess(prefix + '\u{10FFFF}'.repeat(3), upper)).toBe(true);
  });

  it('is null when no string is above every key with the prefix', () => {
    expect(prefixUpperBound('')).toBeNull();
    expect(prefixUpperBound('\u{10FFFF}')).toBeNull();
    expect(prefixUpperBound('\u{10FFFF}\u{10FFFF}')).toBeNull();
  });
});

describe('invalidKeyReason / invalidPrefixReason', () => {
  it('accepts any non-empty key of whole code points', () => {
    for (const key of ['a', ' ', '\u0000', '😀', 'a/b:c%_*', '\u{10FFFF}', '\uFFFF']) expect(invalidKeyReason(key)).toBeNull();
  });

  it('refuses an empty key and lone surrogates; an empty prefix is fine', () => {
    expect(invalidKeyReason('')).toBe('the key is empty');
    expect(invalidPrefixReason('')).toBeNull();
    for (const bad of ['\uD83D', 'a\uDE00', '\uDE00\uD83D', 'x\uD83Dy']) {
      expect(invalidKeyReason(bad)).toBe('it contains a lone UTF-16 surrogate');
      expect(invalidPrefixReason(bad)).toBe('it contains a lone UTF-16 surrogate');
    }
  });
});
