import type { IncomingHttpHeaders } from 'node:http';

/**
 * CSRF defence for a cookie-authenticated app (Remix has none of its own): a state-changing request must come
 * from our own origin. Browsers send `Origin` on every cross-site POST and on WebSocket handshakes; modern ones
 * also send `Sec-Fetch-Site`. A request with neither header is not from a browser form, so it carries no
 * ambient-cookie risk and is allowed (curl, server-to-server).
 */
export function isSameOriginRequest(headers: IncomingHttpHeaders, allowedOrigins: readonly string[], forwardedProto?: string): boolean {
  const origin = headers.origin;
  if (origin && origin !== 'null') {
    if (allowedOrigins.includes(origin)) return true;
    const host = headers['x-forwarded-host'] ?? headers.host;
    if (!host) return false;
    try {
      const parsed = new URL(origin);
      if (parsed.host !== host) return false;
      return !forwardedProto || parsed.protocol === `${forwardedProto}:`;
    } catch {
      return false;
    }
  }
  if (origin === 'null') return false;
  const site = headers['sec-fetch-site'];
  if (site) return site === 'same-origin' || site === 'none';
  return true;
}
