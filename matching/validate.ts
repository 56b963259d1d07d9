/**
 * Input validation at the engine's boundary, with messages a person can act on. zod is a library, not our
 * code, so matching/ may use it.
 */
import { z } from 'zod';
import {
  ASSISTANCE_TYPES,
  LANGUAGES,
  MODALITIES,
  REQUEST_STATUSES,
  type AssistanceRequest,
  type CooperationOffer,
  type PeerSignal,
} from './types';

export const MAX_DESCRIPTION_LENGTH = 5000;
export const MAX_ID_LENGTH = 200;

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface ValidateOptions {
  /** Mandate numbers of the commitment; without it any positive integer is accepted. */
  knownMandates?: ReadonlySet<number>;
}

export class MatchingInputError extends Error {
  readonly errors: string[];
  constructor(what: string, errors: string[]) {
    super(`Invalid ${what}: ${errors.join('; ')}`);
    this.name = 'MatchingInputError';
    this.errors = errors;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Days since 1970-01-01 of an ISO date (the date part of a timestamp), or NaN. Uses no clock. */
export function dayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return Number.NaN;
  return Math.round(ms / 86_400_000);
}

export function dayToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

// Messages name no field: the path in front of each message does (`capacity: must be 0 or more`).
const id = () =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`);

const isoDate = () =>
  z.string({ error: 'must be an ISO date (YYYY-MM-DD)' }).refine((s) => !Number.isNaN(dayNumber(s)), {
    message: 'must be a valid ISO date (YYYY-MM-DD)',
  });

const enumOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    error: (issue) => `unknown ${what} ${JSON.stringify(issue.input)} (expected one of: ${values.join(', ')})`,
  });

const mandate = () =>
  z.number({ error: 'must be a mandate number' }).int('must be a whole number').positive('mandate numbers start at 1');

const mandates = z
  .array(mandate(), { error: 'must be a list of mandate numbers' })
  .min(1, 'at least one mandate is required');

const description = z
  .string({ error: 'must be a string' })
  .refine((s) => s.trim().length > 0, { message: 'must not be empty' })
  .refine((s) => s.length <= MAX_DESCRIPTION_LENGTH, {
    message: `must be at most ${MAX_DESCRIPTION_LENGTH} characters`,
  });

const count = () => z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more');

const types = z.array(enumOf(ASSISTANCE_TYPES, 'assistance type')).min(1, 'at least one assistance type is required');
const languages = z.array(enumOf(LANGUAGES, 'language')).min(1, 'at least one working language is required');

const period = z
  .object({ from: isoDate(), to: isoDate() })
  .refine((p) => dayNumber(p.from) <= dayNumber(p.to), { message: '"from" must not be after "to"' });

const requestSchema = z.object({
  id: id(),
  organizationId: id(),
  mandates,
  types,
  description,
  languages,
  modality: enumOf(MODALITIES, 'modality'),
  period: period.optional(),
  status: enumOf(REQUEST_STATUSES, 'status'),
  withheld: z.boolean().optional(),
  withheldFields: z.array(enumOf(['description', 'languages', 'period'] as const, 'withheld field')).optional(),
});

const offerSchema = z
  .object({
    id: id().refine((s) => !s.startsWith('peer:'), {
      message: 'must not start with "peer:" (reserved for States suggested from evidence)',
    }),
    organizationId: id(),
    kind: enumOf(['jswg', 'peer_state'] as const, 'offer kind'),
    mandates,
    types,
    description,
    languages,
    modality: enumOf(MODALITIES, 'modality'),
    capacity: count(),
    activeMatches: count(),
    funding: z
      .union([z.boolean(), z.number().min(0, 'an amount must be 0 or more')], {
        error: 'must be true, false or an amount',
      })
      .optional(),
    validFrom: isoDate().optional(),
    validTo: isoDate().optional(),
    withheld: z.boolean().optional(),
    withheldFields: z
      .array(enumOf(['description', 'languages', 'funding', 'validity'] as const, 'withheld field'))
      .optional(),
  })
  .refine((o) => !o.validFrom || !o.validTo || dayNumber(o.validFrom) <= dayNumber(o.validTo), {
    message: 'must not be before validFrom',
    path: ['validTo'],
  });

const signalSchema = z
  .object({
    id: id().optional(),
    organizationId: id(),
    mandate: mandate(),
    kind: enumOf(['progress', 'good_practice'] as const, 'signal kind'),
    level: enumOf(['A', 'B', 'C', 'D'] as const, 'progress level').optional(),
    text: z
      .string({ error: 'must be a string' })
      .max(MAX_DESCRIPTION_LENGTH, `must be at most ${MAX_DESCRIPTION_LENGTH} characters`)
      .optional(),
    languages: languages.optional(),
    withheld: z.boolean().optional(),
    withheldFields: z.array(enumOf(['text'] as const, 'withheld field')).optional(),
  })
  .refine((s) => s.kind !== 'progress' || s.level !== undefined, {
    message: 'required for a progress signal (A, B, C or D)',
    path: ['level'],
  });

function messages(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string[] {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
}

function checkMandates(list: number[], options: ValidateOptions | undefined, path = 'mandates'): string[] {
  const errors: string[] = [];
  const seen = new Set<number>();
  list.forEach((m, i) => {
    if (seen.has(m)) errors.push(`${path}.${i}: mandate ${m} is listed twice`);
    seen.add(m);
    if (options?.knownMandates && !options.knownMandates.has(m)) errors.push(`${path}.${i}: unknown mandate ${m}`);
  });
  return errors;
}

export function validateRequest(input: unknown, options?: ValidateOptions): Validation<AssistanceRequest> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: messages(parsed.error.issues) };
  const errors = checkMandates(parsed.data.mandates, options);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data as AssistanceRequest };
}

export function validateOffer(input: unknown, options?: ValidateOptions): Validation<CooperationOffer> {
  const parsed = offerSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: messages(parsed.error.issues) };
  const errors = checkMandates(parsed.data.mandates, options);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data as CooperationOffer };
}

export function validatePeerSignal(input: unknown, options?: ValidateOptions): Validation<PeerSignal> {
  const parsed = signalSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: messages(parsed.error.issues) };
  const errors = checkMandates([parsed.data.mandate], options, 'mandate');
  return errors.length
    ? { ok: false, errors: errors.map((e) => e.replace('mandate.0', 'mandate')) }
    : { ok: true, value: parsed.data as PeerSignal };
}

/** One entry point for callers that hold an input of a known kind. */
export function validate(
  kind: 'request' | 'offer' | 'signal',
  input: unknown,
  options?: ValidateOptions,
): Validation<AssistanceRequest | CooperationOffer | PeerSignal> {
  if (kind === 'request') return validateRequest(input, options);
  if (kind === 'offer') return validateOffer(input, options);
  return validatePeerSignal(input, options);
}
