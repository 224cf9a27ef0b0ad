import { InvalidStorageKeyError, MAX_ENCODED_LENGTH, encodeKey, keyOfFileName } from '../../../src/storage/fileNames';

describe('encodeKey()', () => {
  it('keeps lower-case letters, digits, _ and - and escapes everything else per UTF-8 byte', () => {
    expect(encodeKey('tokens/t-1/a_b')).toBe('tokens%2Ft-1%2Fa_b');
    expect(encodeKey('A.b:*~!é')).toBe('%41%2Eb%3A%2A%7E%21%C3%A9');
  });

  it('never produces a name that differs from another key only in case', () => {
    expect(encodeKey('Ab').toLowerCase()).not.toBe(encodeKey('ab').toLowerCase());
  });

  it('escapes names Windows reserves', () => {
    expect(encodeKey('con')).toBe('%63on');
    expect(encodeKey('lpt1')).toBe('%6Cpt1');
    expect(encodeKey('console')).toBe('console');
  });

  it('rejects empty keys, lone surrogates and keys too long for a file name', () => {
    expect(() => encodeKey('')).toThrow(InvalidStorageKeyError);
    expect(() => encodeKey('a\uD800b')).toThrow('lone UTF-16 surrogate');
    expect(encodeKey('a'.repeat(MAX_ENCODED_LENGTH))).toHaveLength(MAX_ENCODED_LENGTH);
    expect(() => encodeKey('a'.repeat(MAX_ENCODED_LENGTH + 1))).toThrow(`at most ${MAX_ENCODED_LENGTH}`);
  });
});

describe('keyOfFileName()', () => {
  it('decodes what encodeKey produced', () => {
    for (const key of ['tokens/t/u', 'signin-state/ABC', 'a:b*c.d', 'con', 'ünïcødé/😀', '%41']) {
      expect(keyOfFileName(`${encodeKey(key)}.json`)).toBe(key);
    }
  });

  it('ignores names this storage did not write', () => {
    expect(keyOfFileName('README.json')).toBeNull();
    expect(keyOfFileName('a.b.json')).toBeNull();
    expect(keyOfFileName('abc.123456.tmp')).toBeNull();
    expect(keyOfFileName('abc')).toBeNull();
    expect(keyOfFileName('%E0%A4%A.json')).toBeNull();
    expect(keyOfFileName('%2f.json')).toBeNull();
  });
});
