import type { Request } from 'express';
import type { Config } from './env';

export const SESSION_COOKIE = 'minka_session';
export const LANG_COOKIE = 'minka_lang';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Secure cookies everywhere except plain http on localhost, where browsers would drop them. */
export function cookieShouldBeSecure(
  config: Pick<Config, 'COOKIE_SECURE'>,
  req: Pick<Request, 'protocol' | 'hostname'>,
): boolean {
  if (config.COOKIE_SECURE !== 'auto') return config.COOKIE_SECURE === 'always';
  return req.protocol === 'https' || !LOCAL_HOSTS.has(req.hostname);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!name || name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A cookie we cannot decode is a cookie we ignore: never a 500.
    }
  }
  return cookies;
}

export function serializeCookie(
  name: string,
  value: string,
  options: { expires?: Date; maxAgeSeconds?: number; secure: boolean; httpOnly?: boolean },
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax'];
  if (options.httpOnly !== false) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.expires) parts.push(`Expires=${options.expires.toUTCString()}`);
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join('; ');
}
