/**
 * A save that a route's clientAction reports as never having reached the server (the network, a proxy's error page,
 * an ended session): see app/routes/questionnaire.$cycleId.$mandate.tsx. Routes whose loaders run after any
 * submission (the root) skip their reload after one, so that a failing reload does not replace the page.
 */
export function isUnsentSave(actionResult: unknown): boolean {
  return (
    typeof actionResult === 'object' && actionResult !== null && (actionResult as { kind?: unknown }).kind === 'unsent'
  );
}
