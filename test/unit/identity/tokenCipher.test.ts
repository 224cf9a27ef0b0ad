import { randomBytes } from 'node:crypto';
import { TokenCipher, TokenDecryptionError, type EncryptedEnvelope } from '../../../src/identity/tokenCipher';

const KEY = Buffer.alloc(32, 7);
const AD = 'tokens/tenant-1/user-1';

function flipBit(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe('new TokenCipher()', () => {
  it('rejects keys that are not 32 bytes', () => {
    for (const length of [0, 16, 31, 33, 64]) {
      expect(() => new TokenCipher(Buffer.alloc(length))).toThrow(`the key must be 32 bytes, got ${length}`);
    }
  });

  it('is not affected when the caller later changes its key buffer', () => {
    const key = Buffer.from(KEY);
    const cipher = new TokenCipher(key);
    const envelope = cipher.encrypt('secret', AD);
    key.fill(0);
    expect(cipher.decrypt(envelope, AD)).toBe('secret');
  });
});

describe('encrypt() / decrypt()', () => {
  const cipher = new TokenCipher(KEY);

  it('round-trips text, including empty and non-ASCII text', () => {
    for (const text of ['', 'bearer-token', 'Jan de Vriës 😀', 'x'.repeat(10_000)]) {
      expect(cipher.decrypt(cipher.encrypt(text, AD), AD)).toBe(text);
    }
  });

  it('writes a version 1 envelope with a 12-byte IV and a 16-byte tag, new each time', () => {
    const first = cipher.encrypt('secret', AD);
    const second = cipher.encrypt('secret', AD);
    expect(Object.keys(first).sort()).toEqual(['data', 'iv', 'tag', 'v']);
    expect(first.v).toBe(1);
    expect(Buffer.from(first.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(first.tag, 'base64')).toHaveLength(16);
    expect(second.iv).not.toBe(first.iv);
    expect(second.data).not.toBe(first.data);
  });

  it('never puts the plaintext in the ciphertext', () => {
    const plaintext = 'plain-bearer-token-value-0123456789';
    const envelope = cipher.encrypt(plaintext, AD);
    const json = JSON.stringify(envelope);
    expect(json).not.toContain(plaintext);
    expect(json).not.toContain(Buffer.from(plaintext).toString('base64').slice(0, 20));
    expect(Buffer.from(envelope.data, 'base64').includes(Buffer.from(plaintext))).toBe(false);
  });

  it.each(['data', 'tag', 'iv'] as const)('fails when one bit of %s is flipped', (field) => {
    const envelope = cipher.encrypt('secret', AD);
    const tampered: EncryptedEnvelope = { ...envelope, [field]: flipBit(envelope[field]) };
    expect(() => cipher.decrypt(tampered, AD)).toThrow(TokenDecryptionError);
    expect(() => cipher.decrypt(tampered, AD)).toThrow('TokenCipher: cannot decrypt (authentication failed)');
  });

  it('fails with another key', () => {
    const envelope = cipher.encrypt('secret', AD);
    expect(() => new TokenCipher(randomBytes(32)).decrypt(envelope, AD)).toThrow(TokenDecryptionError);
  });

  it('fails with other associated data (a record copied to another user)', () => {
    const envelope = cipher.encrypt('secret', AD);
    expect(() => cipher.decrypt(envelope, 'tokens/tenant-1/user-2')).toThrow(TokenDecryptionError);
  });

  it('rejects malformed envelopes, truncated tags and other IV sizes', () => {
    const envelope = cipher.encrypt('secret', AD);
    expect(() => cipher.decrypt({ ...envelope, v: 2 }, AD)).toThrow('not an encrypted envelope');
    expect(() => cipher.decrypt(null, AD)).toThrow('not an encrypted envelope');
    expect(() => cipher.decrypt({ ...envelope, data: '%%' }, AD)).toThrow('not an encrypted envelope');
    const shortTag = Buffer.from(envelope.tag, 'base64').subarray(0, 12).toString('base64');
    expect(() => cipher.decrypt({ ...envelope, tag: shortTag }, AD)).toThrow('wrong IV or tag size');
    expect(() => cipher.decrypt({ ...envelope, iv: randomBytes(16).toString('base64') }, AD)).toThrow('wrong IV or tag size');
  });
});

describe('a key rotation: new TokenCipher(key, previousKey)', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const rotating = new TokenCipher(newKey, oldKey);

  it('opens what the previous key encrypted and says so; what it encrypts opens with the new key only', () => {
    const old = new TokenCipher(oldKey).encrypt('secret', AD);
    expect(rotating.open(old, AD)).toEqual({ plaintext: 'secret', withPreviousKey: true });
    expect(rotating.decrypt(old, AD)).toBe('secret');

    const fresh = rotating.encrypt('secret', AD);
    expect(rotating.open(fresh, AD)).toEqual({ plaintext: 'secret', withPreviousKey: false });
    expect(new TokenCipher(newKey).decrypt(fresh, AD)).toBe('secret');
    expect(() => new TokenCipher(oldKey).decrypt(fresh, AD)).toThrow(TokenDecryptionError);
  });

  it('fails for a third key, and for the previous key with other associated data', () => {
    expect(() => rotating.open(new TokenCipher(randomBytes(32)).encrypt('secret', AD), AD)).toThrow(
      'TokenCipher: cannot decrypt (authentication failed)',
    );
    expect(() => rotating.open(new TokenCipher(oldKey).encrypt('secret', AD), 'tokens/tenant-1/user-2')).toThrow(TokenDecryptionError);
  });

  it('rejects a previous key that is not 32 bytes', () => {
    expect(() => new TokenCipher(newKey, Buffer.alloc(16))).toThrow('the key must be 32 bytes, got 16');
  });
});
