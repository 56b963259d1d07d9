import { describe, expect, it } from 'vitest';
import { cleanDeep, cleanText, hasUnstorableCharacters } from './text';

describe('cleanText', () => {
  it('drops NUL and other control characters but keeps tabs and line breaks', () => {
    expect(cleanText('a\u0000b\u0007c\td\r\ne\u007f')).toBe('abc\td\r\ne');
  });

  it('replaces lone surrogates and keeps paired ones (emoji)', () => {
    expect(cleanText('x\ud800y')).toBe('x\ufffdy');
    expect(cleanText('x\udc00')).toBe('x\ufffd');
    expect(cleanText('ok 😀')).toBe('ok 😀');
  });

  it('strips bidirectional overrides and isolates, keeps direction marks and right-to-left text', () => {
    expect(cleanText('invoice\u202egnp.exe')).toBe('invoicegnp.exe');
    expect(cleanText('\u2066a\u2069')).toBe('a');
    expect(cleanText('שלום\u200f')).toBe('שלום\u200f');
  });
});

describe('hasUnstorableCharacters', () => {
  it('finds NUL and lone surrogates only', () => {
    expect(hasUnstorableCharacters('a\u0000')).toBe(true);
    expect(hasUnstorableCharacters('a\ud83d')).toBe(true);
    expect(hasUnstorableCharacters('a 😀\u202e')).toBe(false);
  });
});

describe('cleanDeep', () => {
  it('cleans strings in nested objects and arrays and leaves other values', () => {
    expect(cleanDeep({ a: 'x\u0000', b: ['y\ud800', 3], c: null, d: true })).toEqual({
      a: 'x',
      b: ['y\ufffd', 3],
      c: null,
      d: true,
    });
  });
});
