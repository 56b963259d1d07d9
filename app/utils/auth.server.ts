import type { AppLoadContext } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import type { Actor } from '../../services/actor';
import type { Failure } from '../../services/outcome';

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
  throw new Response(failure.message, { status: 400 });
}

/** Only same-site relative paths: an attacker cannot bounce a user elsewhere after login. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (!to || typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}
