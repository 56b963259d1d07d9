import { randomBytes } from 'node:crypto';

/**
 * The Content-Security-Policy every answer carries (decision 037). The baseline: no plugins, no <base> pointing
 * elsewhere, no framing, forms post here only. With a nonce (the production server makes one per request), scripts
 * are restricted too: only this origin's files and the inline scripts that carry the nonce, which are the ones Remix
 * writes into the page it renders (app/entry.server.tsx). A script injected into a page (a stored XSS) has neither.
 *
 * Styles are not restricted: the pages use `style` attributes (progress bars, chart widths), which a nonce cannot
 * cover. In development Vite's client injects scripts of its own, so `npm run dev` sends the baseline only.
 * A route that sets its own policy (downloads: `sandbox`) adds it; browsers enforce both.
 */
export function contentSecurityPolicy(nonce?: string): string {
  const baseline = "base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'";
  return nonce ? `${baseline}; script-src 'self' 'nonce-${nonce}'` : baseline;
}

/** A fresh nonce: 128 random bits, base64 (the CSP grammar's base64-value). */
export function newCspNonce(): string {
  return randomBytes(16).toString('base64');
}
