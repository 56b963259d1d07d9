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
  /** An upload over the size limit: its own kind so transports answer 413 whatever language the message is in. */
  | { ok: false; kind: 'too_large'; message: string; fieldErrors?: FieldErrors }
  | { ok: false; kind: 'rate_limited'; message: string; retryAfterSeconds: number };

export type Failure = Exclude<Outcome<never>, { ok: true }>;

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const invalid = (message: string, fieldErrors?: FieldErrors): Failure => ({
  ok: false,
  kind: 'invalid',
  message,
  fieldErrors,
});
export const forbidden = (message = 'You are not allowed to do this.'): Failure => ({
  ok: false,
  kind: 'forbidden',
  message,
});
export const notFound = (message = 'Not found.'): Failure => ({ ok: false, kind: 'not_found', message });
export const conflict = (message: string): Failure => ({ ok: false, kind: 'conflict', message });
export const tooLarge = (message: string, fieldErrors?: FieldErrors): Failure => ({
  ok: false,
  kind: 'too_large',
  message,
  fieldErrors,
});

export type FailureKind = Failure['kind'];

/**
 * The one failure-to-HTTP mapping (issue 14): every route, `throwFailure` and the socket acks' kinds agree. A
 * Record, so a new failure kind does not compile until it has a status here.
 */
export const HTTP_STATUS: Readonly<Record<FailureKind, number>> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

export const statusFor = (failure: { kind: FailureKind }): number => HTTP_STATUS[failure.kind];

/** The per-field messages a failure carries (invalid input, an oversized file), if any. */
export const fieldErrorsOf = (failure: Failure): FieldErrors | undefined =>
  failure.kind === 'invalid' || failure.kind === 'too_large' ? failure.fieldErrors : undefined;

/** Turns a zod error into per-field messages keyed by dotted path. */
export function fieldErrorsFrom(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_form';
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
