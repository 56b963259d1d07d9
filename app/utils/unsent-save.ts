import { isRouteErrorResponse, type ShouldRevalidateFunction } from '@remix-run/react';

/** Why a save never reached the server: the network (or a proxy's error page instead of Minka's answer), or an ended session. */
export type UnsentReason = 'network' | 'session';

/** The reply a route's clientAction gives for a save that never reached the server. */
export interface UnsentSave {
  kind: 'unsent';
  reason: UnsentReason;
}

/**
 * A save that a route's clientAction reports as never having reached the server (the network, a proxy's error page,
 * an ended session): see app/routes/questionnaire.$cycleId.$mandate.tsx. Routes whose loaders run after any
 * submission (the root) skip their reload after one, so that a failing reload does not replace the page.
 */
export function isUnsentSave(actionResult: unknown): actionResult is UnsentSave {
  return (
    typeof actionResult === 'object' && actionResult !== null && (actionResult as { kind?: unknown }).kind === 'unsent'
  );
}

/**
 * A route's `shouldRevalidate` that skips the reload after an unsent save: nothing changed on the server, and the
 * reload would fail too (no network) or redirect to the login page (an ended session), taking the typed text with it.
 */
export const skipReloadAfterUnsent: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  isUnsentSave(actionResult) ? false : defaultShouldRevalidate;

/**
 * Runs a route's server action from its clientAction (decision 038). A redirect to the login page (the session
 * ended) becomes `{ kind: 'unsent', reason: 'session' }`; a failed fetch, or an answer that is not Remix's (a proxy's
 * 502/503 page), becomes `{ kind: 'unsent', reason: 'network' }`. The action's own answers, its other redirects and
 * its thrown error responses (403, 404…) are Remix's, unchanged. The page keeps what was typed and says why.
 *
 *   export const clientAction = ({ serverAction }: ClientActionFunctionArgs) =>
 *     sendOrKeep(() => serverAction<typeof action>());
 */
export async function sendOrKeep<T>(serverAction: () => Promise<T>): Promise<T | UnsentSave> {
  try {
    return await serverAction();
  } catch (error) {
    if (error instanceof Response) {
      const toLogin =
        error.status >= 300 && error.status < 400 && (error.headers.get('Location') ?? '').startsWith('/login');
      if (!toLogin) throw error;
      return { kind: 'unsent', reason: 'session' };
    }
    if (isRouteErrorResponse(error)) throw error;
    // A network failure, or an answer that is not the action's (a proxy's error page): nothing was saved.
    return { kind: 'unsent', reason: 'network' };
  }
}
