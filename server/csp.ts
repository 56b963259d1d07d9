import { randomBytes } from 'node:crypto';

/** What the policy needs from the server's configuration. */
export interface CspOptions {
  /** The LiveKit server the call page's browser connects to (config.livekit.url), if video is configured. */
  livekitUrl?: string;
}

/** The baseline every answer carries, `npm run dev` included: no plugins, no foreign <base>, no framing, forms here. */
const BASELINE = "base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * The Content-Security-Policy every answer carries (decision 037). With a nonce (the production server makes one per
 * request) the policy is complete: everything from this origin only (`default-src 'self'`), scripts from here or
 * inline with the nonce (the ones Remix writes into the page it renders, app/entry.server.tsx), stylesheets from here
 * only and no <style> element, but `style` attributes (progress bars, chart widths), images and fonts from here,
 * connections to here (fetches, Socket.IO's WebSocket) and to the LiveKit server when video is configured, no frames.
 * A script or a <style> injected into a page (a stored XSS) runs or applies nowhere; what it could load or send to
 * another origin is refused.
 *
 * In development Vite's client injects scripts and styles of its own, so `npm run dev` sends the baseline only.
 * A route that sets its own policy (downloads: `sandbox`) adds it; browsers enforce both.
 */
export function contentSecurityPolicy(nonce?: string, options: CspOptions = {}): string {
  if (!nonce) return BASELINE;
  return [
    BASELINE,
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    ['connect-src', "'self'", ...liveKitSources(options.livekitUrl)].join(' '),
    "media-src 'self'",
    "frame-src 'none'",
    "manifest-src 'self'",
  ].join('; ');
}

/**
 * The LiveKit server's origin in both forms livekit-client uses: the signal WebSocket (ws/wss) and its HTTP(S)
 * follow-ups (/rtc/validate after a failed connection, /settings/regions on LiveKit Cloud), whatever form
 * LIVEKIT_URL is written in. LiveKit Cloud moves a call to another region's host of the same domain
 * (`<project>.<region>.production.livekit.cloud`), so a Cloud address allows that domain's hosts.
 */
export function liveKitSources(livekitUrl: string | undefined): string[] {
  if (!livekitUrl) return [];
  const url = new URL(livekitUrl);
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  const [ws, http] = secure ? ['wss:', 'https:'] : ['ws:', 'http:'];
  const sources = [`${ws}//${url.host}`, `${http}//${url.host}`];
  const cloud = /\.(livekit\.cloud|livekit\.run)$/.exec(url.hostname);
  if (cloud) sources.push(`${ws}//*.${cloud[1]}`, `${http}//*.${cloud[1]}`);
  return sources;
}

/** A fresh nonce: 128 random bits, base64 (the CSP grammar's base64-value). */
export function newCspNonce(): string {
  return randomBytes(16).toString('base64');
}
