import { describe, expect, it } from 'vitest';
import { safeRedirect } from './auth.server';

describe('safeRedirect', () => {
  it.each([
    '/\t/evil.test',
    '/\n/evil.test',
    '/\r/evil.test',
    '/x\r\nSet-Cookie: a=b',
    '//evil.test',
    '/\\evil.test',
    '/\\\\evil.test',
    '\\\\evil.test',
    '/%09/evil.test',
    '/%0a/evil.test',
    '%2F%2Fevil.test',
    '/%2F/evil.test',
    '/%5Cevil.test',
    '/%252F/evil.test',
    'https://evil.test',
    'http:/evil.test',
    'javascript:alert(1)',
    '/\u0000',
    ' /x',
    '/ /evil.test',
    '/\u00a0/evil.test',
    'evil.test',
    '',
    '/%E0%A4%A',
  ])('refuses %j', (to) => {
    expect(safeRedirect(to)).toBe('/');
  });

  it.each(['/', '/cycles/3', '/search?q=a%20b&x=1', '/mandates#top', '/r%C3%A9sultats'])('keeps %j', (to) => {
    expect(safeRedirect(to)).toBe(to);
  });

  it('falls back for non-strings and uses the given fallback', () => {
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect(undefined, '/home')).toBe('/home');
    expect(safeRedirect(new File([], 'x'))).toBe('/');
  });
});
