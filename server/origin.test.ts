import { describe, expect, it } from 'vitest';
import { isSameOriginRequest, ownOrigin } from './origin';

const direct = { allowedOrigins: [], trustProxy: false };
const behindProxy = { allowedOrigins: [], trustProxy: true };

describe('isSameOriginRequest', () => {
  it.each([
    [{ host: 'minka.test', origin: 'http://minka.test' }, true],
    [{ host: 'minka.test:3000', origin: 'http://minka.test:3000' }, true],
    [{ host: 'minka.test', origin: 'http://minka.test:80' }, true],
    [{ host: 'minka.test', origin: 'https://evil.test' }, false],
    [{ host: 'minka.test', origin: 'http://minka.test.evil.test' }, false],
    [{ host: 'minka.test', origin: 'null' }, false],
    [{ host: 'minka.test', origin: 'not a url' }, false],
    [{ host: 'minka.test', 'sec-fetch-site': 'cross-site' }, false],
    [{ host: 'minka.test', 'sec-fetch-site': 'same-site' }, false],
    [{ host: 'minka.test', 'sec-fetch-site': 'same-origin' }, true],
    [{ host: 'minka.test' }, true],
    // Without Origin and Sec-Fetch-Site, the Referer says where the form was.
    [{ host: 'minka.test', referer: 'https://evil.test/x' }, false],
    [{ host: 'minka.test', referer: 'http://minka.test/roundtables/1' }, true],
    [{ host: 'minka.test', referer: 'not a url' }, false],
    [{ host: 'minka.test', referer: 'http://minka.test.evil.test/' }, false],
    // The scheme and the port are part of the origin.
    [{ host: 'localhost:3000', origin: 'https://localhost:3000' }, false],
    [{ host: 'minka.test', origin: 'https://minka.test' }, false],
    [{ host: 'minka.test', origin: 'http://minka.test:8080' }, false],
  ])('without a proxy: %o → %s', (headers, expected) => {
    expect(isSameOriginRequest(headers, direct)).toBe(expected);
  });

  it('ignores X-Forwarded-Host and X-Forwarded-Proto when no proxy is trusted', () => {
    const forged = { host: 'minka.test', origin: 'http://evil.test', 'x-forwarded-host': 'evil.test' };
    expect(isSameOriginRequest(forged, direct)).toBe(false);
    const forgedProto = { host: 'minka.test', origin: 'https://minka.test', 'x-forwarded-proto': 'https' };
    expect(isSameOriginRequest(forgedProto, direct)).toBe(false);
  });

  it('uses the forwarded host and scheme of a trusted proxy, scheme included', () => {
    const viaProxy = { host: '10.0.0.5:3000', 'x-forwarded-host': 'minka.example.org', 'x-forwarded-proto': 'https' };
    expect(isSameOriginRequest({ ...viaProxy, origin: 'https://minka.example.org' }, behindProxy)).toBe(true);
    expect(isSameOriginRequest({ ...viaProxy, origin: 'http://minka.example.org' }, behindProxy)).toBe(false);
    expect(isSameOriginRequest({ ...viaProxy, origin: 'https://evil.test' }, behindProxy)).toBe(false);
  });

  it('takes the first value of a forwarded list (the proxy nearest the browser)', () => {
    expect(
      ownOrigin(
        { host: 'x', 'x-forwarded-host': 'minka.example.org, inner.local', 'x-forwarded-proto': 'https, http' },
        { trustProxy: true },
      ),
    ).toBe('https://minka.example.org');
  });

  it('counts a TLS connection as https', () => {
    expect(isSameOriginRequest({ host: 'minka.test', origin: 'https://minka.test' }, direct, true)).toBe(true);
    expect(isSameOriginRequest({ host: 'minka.test', origin: 'http://minka.test' }, direct, true)).toBe(false);
  });

  it('accepts a configured public origin (behind a proxy), compared as an origin', () => {
    const policy = { allowedOrigins: ['https://minka.example.org/'], trustProxy: false };
    expect(isSameOriginRequest({ host: '10.0.0.5:3000', origin: 'https://minka.example.org' }, policy)).toBe(true);
    expect(isSameOriginRequest({ host: '10.0.0.5:3000', origin: 'http://minka.example.org' }, policy)).toBe(false);
  });
});
