import { describe, expect, it } from 'vitest';
import { isSameOriginRequest } from './origin';

describe('isSameOriginRequest', () => {
  it.each([
    [{ host: 'minka.test', origin: 'http://minka.test' }, true],
    [{ host: 'minka.test:3000', origin: 'http://minka.test:3000' }, true],
    [{ host: 'minka.test', origin: 'https://evil.test' }, false],
    [{ host: 'minka.test', origin: 'http://minka.test.evil.test' }, false],
    [{ host: 'minka.test', origin: 'null' }, false],
    [{ host: 'minka.test', origin: 'not a url' }, false],
    [{ host: 'minka.test', 'sec-fetch-site': 'cross-site' }, false],
    [{ host: 'minka.test', 'sec-fetch-site': 'same-site' }, false],
    [{ host: 'minka.test', 'sec-fetch-site': 'same-origin' }, true],
    [{ host: 'minka.test' }, true],
  ])('%o → %s', (headers, expected) => {
    expect(isSameOriginRequest(headers, [])).toBe(expected);
  });

  it('accepts a configured public origin (behind a proxy)', () => {
    expect(isSameOriginRequest({ host: '10.0.0.5:3000', origin: 'https://minka.example.org' }, ['https://minka.example.org'])).toBe(true);
  });
});
