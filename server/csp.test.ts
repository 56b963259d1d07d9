import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newCspNonce } from './csp';

describe('contentSecurityPolicy', () => {
  it('restricts scripts to this origin and the nonce when there is one', () => {
    expect(contentSecurityPolicy('abc=')).toBe(
      "base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; script-src 'self' 'nonce-abc='",
    );
  });

  it('sends the baseline only without a nonce (Vite’s dev server)', () => {
    const policy = contentSecurityPolicy(undefined);
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('script-src');
  });

  it('makes 128-bit nonces that do not repeat', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newCspNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
