import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, liveKitSources, newCspNonce } from './csp';

/** The policy's directives by name (each must appear once). */
function directives(policy: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of policy.split(';').map((p) => p.trim())) {
    const [name, ...values] = part.split(/\s+/);
    expect(map.has(name), `${name} twice in ${policy}`).toBe(false);
    map.set(name, values.join(' '));
  }
  return map;
}

describe('contentSecurityPolicy', () => {
  it('is complete with a nonce: each directive as tight as the pages allow', () => {
    expect(Object.fromEntries(directives(contentSecurityPolicy('abc=')))).toEqual({
      'base-uri': "'self'",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'self'",
      'default-src': "'self'",
      'script-src': "'self' 'nonce-abc='",
      'style-src': "'self'",
      'style-src-attr': "'unsafe-inline'",
      'img-src': "'self'",
      'font-src': "'self'",
      'connect-src': "'self'",
      'media-src': "'self'",
      'frame-src': "'none'",
      'manifest-src': "'self'",
    });
  });

  it('lets the browser reach the configured LiveKit server, in its WebSocket and HTTP forms, and nothing else', () => {
    const connect = (livekitUrl?: string) =>
      directives(contentSecurityPolicy('abc=', { livekitUrl })).get('connect-src');
    expect(connect(undefined)).toBe("'self'");
    expect(connect('wss://livekit.example.org')).toBe("'self' wss://livekit.example.org https://livekit.example.org");
    expect(connect('https://livekit.example.org:7443/some/path')).toBe(
      "'self' wss://livekit.example.org:7443 https://livekit.example.org:7443",
    );
    expect(connect('http://localhost:7880')).toBe("'self' ws://localhost:7880 http://localhost:7880");
    expect(connect('ws://127.0.0.1:7880')).toBe("'self' ws://127.0.0.1:7880 http://127.0.0.1:7880");
    // Only connect-src changes.
    const withVideo = directives(contentSecurityPolicy('abc=', { livekitUrl: 'wss://livekit.example.org' }));
    withVideo.delete('connect-src');
    const without = directives(contentSecurityPolicy('abc='));
    without.delete('connect-src');
    expect(withVideo).toEqual(without);
  });

  it('allows LiveKit Cloud’s other regions of the same domain, for its failover', () => {
    expect(liveKitSources('wss://minka-abc123.livekit.cloud')).toEqual([
      'wss://minka-abc123.livekit.cloud',
      'https://minka-abc123.livekit.cloud',
      'wss://*.livekit.cloud',
      'https://*.livekit.cloud',
    ]);
    expect(liveKitSources('wss://livekit.cloud.example.org')).toHaveLength(2);
  });

  it('sends the baseline only without a nonce (Vite’s dev server), LiveKit or not', () => {
    for (const policy of [
      contentSecurityPolicy(undefined),
      contentSecurityPolicy(undefined, { livekitUrl: 'wss://livekit.example.org' }),
    ])
      expect(policy).toBe("base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'");
  });

  it('makes 128-bit nonces that do not repeat', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newCspNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
