import type { IncomingHttpHeaders } from 'node:http';

/** Where the request says it came from, and how far to believe forwarded headers. */
export interface OriginPolicy {
  /** Public origins configured by the operator (`ALLOWED_ORIGINS`), e.g. `https://minka.example.org`. */
  allowedOrigins: readonly string[];
  /**
   * Whether a reverse proxy we trust sits in front (`TRUST_PROXY` > 0). Only then do `X-Forwarded-Host` and
   * `X-Forwarded-Proto` name our own origin; without a proxy anyone can send them, so they are ignored.
   */
  trustProxy: boolean;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(',')[0]?.trim();
  return first || undefined;
}

/**
 * The origin (scheme, host and port) this request was addressed to: the Host header and the connection's scheme,
 * or the forwarded ones when a trusted proxy terminated the connection.
 */
export function ownOrigin(
  headers: IncomingHttpHeaders,
  policy: Pick<OriginPolicy, 'trustProxy'>,
  encrypted = false,
): string | null {
  const host = (policy.trustProxy && firstValue(headers['x-forwarded-host'])) || firstValue(headers.host);
  if (!host) return null;
  const forwardedProto = policy.trustProxy ? firstValue(headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const scheme =
    forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : encrypted ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * CSRF defence for a cookie-authenticated app (Remix has none of its own): a state-changing request must come
 * from our own origin. Browsers send `Origin` on every cross-site POST and on WebSocket handshakes; modern ones
 * also send `Sec-Fetch-Site`. Without either, a `Referer` naming another origin (or one that is not an address) is
 * refused: an old browser or an extension that strips `Origin` still says where the form was. A request with none of
 * the three is not from a browser form, so it carries no ambient-cookie risk and is allowed (curl, server-to-server).
 *
 * The own origin is read from `Host`, which a browser always sets to the address it sends to: a page elsewhere cannot
 * make it name another site while sending our cookies (a rebinding name gets that name's cookies, not ours).
 *
 * Origins are compared whole (scheme, host and port, default ports normalised by `URL`): `https://localhost` is
 * not the origin of a plain-http server on localhost, nor `http://minka.test:8080` that of `http://minka.test`.
 */
export function isSameOriginRequest(headers: IncomingHttpHeaders, policy: OriginPolicy, encrypted = false): boolean {
  const origin = headers.origin;
  if (origin === 'null') return false;
  if (origin) {
    return isOwnOrAllowed(origin, headers, policy, encrypted);
  }
  const site = headers['sec-fetch-site'];
  if (site) return site === 'same-origin' || site === 'none';
  const referer = headers.referer;
  if (referer) return isOwnOrAllowed(referer, headers, policy, encrypted);
  return true;
}

function isOwnOrAllowed(address: string, headers: IncomingHttpHeaders, policy: OriginPolicy, encrypted: boolean) {
  let claimed: string;
  try {
    claimed = new URL(address).origin;
  } catch {
    return false;
  }
  if (claimed === 'null') return false;
  return (
    policy.allowedOrigins.some((allowed) => sameOrigin(allowed, claimed)) ||
    claimed === ownOrigin(headers, policy, encrypted)
  );
}

function sameOrigin(configured: string, claimed: string): boolean {
  try {
    return new URL(configured).origin === claimed;
  } catch {
    return false;
  }
}
