import { refuseContentType, refuseEncodingOrMultipart } from '../../../src/http/requestHeaders';

describe('refuseEncodingOrMultipart()', () => {
  it('lets requests without a body encoding or with identity through', () => {
    expect(
      [{}, { 'content-encoding': 'identity' }, { 'content-encoding': ' Identity ', 'content-type': 'application/json' }].map(
        refuseEncodingOrMultipart,
      ),
    ).toEqual([null, null, null]);
  });

  it('refuses every other encoding, named but shortened and printable', () => {
    expect(refuseEncodingOrMultipart({ 'content-encoding': 'x-gzip' })).toEqual({
      status: 415,
      error: 'unsupportedContentEncoding',
      message: 'Content-Encoding "x-gzip" is not accepted; send the body uncompressed (no Content-Encoding).',
    });
    expect(refuseEncodingOrMultipart({ 'content-encoding': `gzip\u0007${'x'.repeat(200)}` })?.message).toBe(
      `Content-Encoding "gzip?${'x'.repeat(75)}…" is not accepted; send the body uncompressed (no Content-Encoding).`,
    );
  });

  it('refuses multipart of any kind', () => {
    for (const type of ['multipart/form-data; boundary=x', 'Multipart/Mixed; boundary="y"', 'multipart/related']) {
      expect(refuseEncodingOrMultipart({ 'content-type': type })).toEqual({
        status: 415,
        error: 'unsupportedMediaType',
        message: 'Multipart bodies are not accepted here.',
      });
    }
  });
});

describe('refuseContentType()', () => {
  it('takes the media type in any case, with or without charset utf-8', () => {
    const accepted = [
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      'application/json;charset="UTF-8"',
      'application/json; charset=utf8',
    ];
    expect(accepted.map((header) => refuseContentType(header, 'application/json'))).toEqual(accepted.map(() => null));
  });

  it('refuses other types, a missing header, and other charsets', () => {
    expect(refuseContentType('application/problem+json', 'application/json')?.message).toBe(
      'Content-Type must be application/json (charset utf-8); got "application/problem+json".',
    );
    expect(refuseContentType(undefined, 'application/json')?.message).toBe(
      'Content-Type must be application/json (charset utf-8); got missing.',
    );
    expect(refuseContentType('application/json; charset=utf-16', 'application/json')).toEqual({
      status: 415,
      error: 'unsupportedCharset',
      message: 'The charset must be utf-8; got "utf-16".',
    });
  });
});
