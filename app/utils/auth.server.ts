import type { AppLoadContext } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import type { Actor } from '../../services/actor';
import { statusFor, type Failure } from '../../services/outcome';

/** Small verb-named helpers (Epic Stack habit). They guard pages; the services still check every action. */
export function requireActor(context: AppLoadContext, request: Request): Actor {
  if (context.actor) return context.actor;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export function requireAnonymous(context: AppLoadContext): void {
  if (context.actor) throw redirect('/');
}

export function forbiddenResponse(message = 'Forbidden'): Response {
  return new Response(message, { status: 403, statusText: 'Forbidden' });
}

export function notFoundResponse(message = 'Not found'): Response {
  return new Response(message, { status: 404, statusText: 'Not Found' });
}

/** Turns a failed outcome from a loader into the matching error page. */
export function throwFailure(failure: Failure): never {
  if (failure.kind === 'forbidden') throw forbiddenResponse(failure.message);
  if (failure.kind === 'not_found') throw notFoundResponse(failure.message);
  // Same mapping as every action (a conflict is 409 here too, not 400 as this helper once said).
  throw new Response(failure.message, { status: statusFor(failure) });
}

/**
 * Only same-origin paths: an attacker cannot bounce a user elsewhere after login. Browsers drop TAB/CR/LF inside
 * URLs and read `\\` as `/`, so `/\t/evil.test` or `/\\evil.test` would become `//evil.test`; a newline would also
 * break the Location header. Anything with a control character or whitespace, a backslash, a leading `//`, or such a
 * shape once percent-decoded, falls back.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (!to || typeof to !== 'string' || to.length > 2048) return fallback;
  if (!isSafePath(to)) return fallback;
  // Encoded variants (%2F%2F, %5C, %09): check the decoded form too, repeatedly, in case of double encoding.
  let decoded = to;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (next === decoded) break;
    if (!isSafePath(next, true)) return fallback;
    decoded = next;
  }
  try {
    const resolved = new URL(to, 'http://same.invalid');
    if (resolved.origin !== 'http://same.invalid') return fallback;
  } catch {
    return fallback;
  }
  return to;
}

function isSafePath(path: string, decoded = false): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return false;
  // Raw: no control character, whitespace (Unicode spaces too) or backslash at all. Decoded: an encoded space in a
  // query string (`?q=a%20b`) is harmless, so only control characters and a leading `//` or `/\` count.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return decoded ? !/[\u0000-\u001f\u007f-\u009f]/.test(path) : !/[\u0000-\u001f\u007f-\u009f\s\\]/.test(path);
}
