import { InvalidBlobKeyError, MAX_BLOB_NAME_LENGTH, blobNameOf, encodePrefix, keyOfBlobName } from '../../../src/storage/blobNames';

describe('blobNameOf()', () => {
  it('keeps letters (either case), digits, _ and - and escapes everything else per UTF-8 byte', () => {
    expect(blobNameOf('tokens/T-1/a_b')).toBe('tokens%2FT-1%2Fa_b');
    expect(blobNameOf('A.b:*~!é%')).toBe('A%2Eb%3A%2A%7E%21%C3%A9%25');
    expect(blobNameOf('..')).toBe('%2E%2E');
  });

  it("maps a key prefix to a prefix of the key's name", () => {
    expect(blobNameOf('outbox-lane/ab/1_x').startsWith(encodePrefix('outbox-lane/'))).toBe(true);
    expect(encodePrefix('')).toBe('');
  });

  it('rejects empty keys, lone surrogates and keys too long for a blob name', () => {
    expect(() => blobNameOf('')).toThrow(InvalidBlobKeyError);
    expect(() => blobNameOf('a\uD800b')).toThrow('lone UTF-16 surrogate');
    expect(blobNameOf('a'.repeat(MAX_BLOB_NAME_LENGTH))).toHaveLength(MAX_BLOB_NAME_LENGTH);
    expect(() => blobNameOf('/'.repeat(342))).toThrow(`its blob name would be 1026 characters (at most ${MAX_BLOB_NAME_LENGTH})`);
  });
});

describe('keyOfBlobName()', () => {
  it('decodes what blobNameOf produced', () => {
    for (const key of ['tokens/t/u', 'signin-state/ABC', 'a:b*c.d', 'ünïcødé/😀', '%41', 'Key']) {
      expect(keyOfBlobName(blobNameOf(key))).toBe(key);
    }
  });

  it('ignores blobs this storage did not write', () => {
    expect(keyOfBlobName('README.txt')).toBeNull();
    expect(keyOfBlobName('folder/file')).toBeNull();
    expect(keyOfBlobName('%E0%A4%A')).toBeNull();
    expect(keyOfBlobName('%2f')).toBeNull();
  });
});
