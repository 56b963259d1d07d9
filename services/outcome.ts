/**
 * Every use case returns an explicit outcome instead of throwing for expected failures (Decidim's habit):
 * callers (Remix actions, socket handlers, jobs) map each kind to their own transport.
 */
export type FieldErrors = Record<string, string[]>;

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'invalid'; message: string; fieldErrors?: FieldErrors }
  | { ok: false; kind: 'forbidden'; message: string }
  | { ok: false; kind: 'not_found'; message: string }
  | { ok: false; kind: 'conflict'; message: string }
  | { ok: false; kind: 'rate_limited'; message: string; retryAfterSeconds: number };

export type Failure = Exclude<Outcome<never>, { ok: true }>;

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const invalid = (message: string, fieldErrors?: FieldErrors): Failure => ({ ok: false, kind: 'invalid', message, fieldErrors });
export const forbidden = (message = 'You are not allowed to do this.'): Failure => ({ ok: false, kind: 'forbidden', message });
export const notFound = (message = 'Not found.'): Failure => ({ ok: false, kind: 'not_found', message });
export const conflict = (message: string): Failure => ({ ok: false, kind: 'conflict', message });

/** Turns a zod error into per-field messages keyed by dotted path. */
export function fieldErrorsFrom(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_form';
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
