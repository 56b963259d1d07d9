import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { ASSISTANCE_TYPE_VALUES, commitments, mandates } from '../../db/schema';
import type { Executor } from '../audit/audit.server';
import { fieldErrorsFrom, invalid, type Failure } from '../outcome';

export const LANGUAGE_CODES = ['en', 'es', 'fr', 'pt'] as const;
export const MAX_DESCRIPTION = 5_000;

const isoDate = z.iso.date('Use a date like 2027-03-31.');

/** What both a request and an offer carry. Messages say what to fix; they reach the form next to the field. */
export const cooperationFields = {
  title: z
    .string()
    .trim()
    .min(5, 'Give a short title (at least 5 characters).')
    .max(200, 'Keep the title under 200 characters.'),
  description: z
    .string()
    .trim()
    .min(30, 'Describe it in at least 30 characters: what, for whom, and what result is expected.')
    .max(MAX_DESCRIPTION, `Keep the description under ${MAX_DESCRIPTION.toLocaleString('en')} characters.`),
  mandates: z
    .array(z.coerce.number().int('Mandates are numbers.').positive('Mandates are numbers from 1.'))
    .min(1, 'Choose at least one mandate.')
    .max(57, 'Too many mandates.'),
  types: z
    .array(z.enum(ASSISTANCE_TYPE_VALUES, 'Unknown assistance type.'))
    .min(1, 'Choose at least one type of assistance.'),
  languages: z.array(z.enum(LANGUAGE_CODES, 'Unknown language.')).min(1, 'Choose at least one working language.'),
  modality: z.enum(['in_person', 'virtual', 'either'], 'Choose how the work can happen.'),
};

export const optionalDate = isoDate.optional().or(z.literal('').transform(() => undefined));

/**
 * What a draft carries (issue 15 item 6: a draft is a draft). Only the title is required, so the draft can be found
 * again; everything else may be missing or partial, within the same limits. Publishing checks completeness
 * (`missingForPublication`).
 */
export const draftFields = {
  title: cooperationFields.title,
  description: z
    .string()
    .trim()
    .max(MAX_DESCRIPTION, `Keep the description under ${MAX_DESCRIPTION.toLocaleString('en')} characters.`)
    .optional()
    .transform((v) => v ?? ''),
  mandates: z
    .array(z.coerce.number().int('Mandates are numbers.').positive('Mandates are numbers from 1.'))
    .max(57, 'Too many mandates.')
    .optional()
    .transform((v) => v ?? []),
  types: z
    .array(z.enum(ASSISTANCE_TYPE_VALUES, 'Unknown assistance type.'))
    .optional()
    .transform((v) => v ?? []),
  languages: z
    .array(z.enum(LANGUAGE_CODES, 'Unknown language.'))
    .optional()
    .transform((v) => v ?? []),
  modality: cooperationFields.modality.optional().or(z.literal('').transform(() => undefined)),
};

/** What publishing needs and a draft may lack: the stored item as the publish check reads it. */
export interface PublishableItem {
  description: string;
  mandateCount: number;
  types: readonly string[];
  languages: readonly string[];
  modality: string | null;
  /** Offers only: how many States it can support at once. */
  capacity?: number | null;
}

export const INCOMPLETE_DRAFT = 'This draft is not complete yet. Fill in what is marked, save, then publish.';

/**
 * The fields a draft still lacks before it may be published, each with the sentence saying what to do; null when it
 * is complete. `withOwnText`: the organization publishes its own title and description (withheld answer), so the
 * stored description is not checked.
 */
export function missingForPublication(item: PublishableItem, withOwnText = false): Record<string, string[]> | null {
  const missing: Record<string, string[]> = {};
  if (!withOwnText && item.description.trim().length < 30)
    missing.description = ['Describe it in at least 30 characters: what, for whom, and what result is expected.'];
  if (item.mandateCount < 1) missing.mandates = ['Choose at least one mandate.'];
  if (!item.types.length) missing.types = ['Choose at least one type of assistance.'];
  if (!item.languages.length) missing.languages = ['Choose at least one working language.'];
  if (!item.modality) missing.modality = ['Choose how the work can happen.'];
  if (item.capacity === null) missing.capacity = ['Say how many States it can support at once.'];
  return Object.keys(missing).length ? missing : null;
}

/** The commitment requests and offers refer to: the given code, or the most recently adopted one. */
export async function resolveMandateIds(
  db: Executor | Database,
  numbers: number[],
  commitmentCode?: string,
): Promise<{ ids: string[]; unknown: number[]; commitmentCode: string | null }> {
  const [commitment] = commitmentCode
    ? await db
        .select({ id: commitments.id, code: commitments.code })
        .from(commitments)
        .where(eq(commitments.code, commitmentCode))
        .limit(1)
    : await db
        .select({ id: commitments.id, code: commitments.code })
        .from(commitments)
        .orderBy(desc(commitments.adoptedOn))
        .limit(1);
  if (!commitment) return { ids: [], unknown: numbers, commitmentCode: null };
  const unique = [...new Set(numbers)];
  const rows = unique.length
    ? await db
        .select({ id: mandates.id, number: mandates.number })
        .from(mandates)
        .where(and(eq(mandates.commitmentId, commitment.id), inArray(mandates.number, unique)))
    : [];
  const found = new Set(rows.map((r) => r.number));
  return { ids: rows.map((r) => r.id), unknown: unique.filter((n) => !found.has(n)), commitmentCode: commitment.code };
}

export function periodProblem(from?: string, to?: string): string | null {
  return from && to && from > to ? 'The end date is before the start date.' : null;
}

const NOTHING_SAVED = 'Check the highlighted fields. Nothing was saved.';

/**
 * Shared by requests and offers: the fields, then the period (`fromField` ≤ `toField`), then the mandate numbers
 * against the catalogue. Returns the parsed data with the mandate ids, or the failure to hand back to the form.
 */
export async function validateCooperationInput<S extends z.ZodType<{ mandates: number[] }>>(
  db: Database,
  schema: S,
  input: unknown,
  period: { from: keyof z.output<S>; to: keyof z.output<S> },
): Promise<
  | { failure: Failure; data?: undefined; mandateIds?: undefined }
  | { failure?: undefined; data: z.output<S>; mandateIds: string[] }
> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { failure: invalid(NOTHING_SAVED, fieldErrorsFrom(parsed.error.issues)) };
  const data = parsed.data as z.output<S>;
  const problem = periodProblem(data[period.from] as string | undefined, data[period.to] as string | undefined);
  if (problem) return { failure: invalid(NOTHING_SAVED, { [String(period.to)]: [problem] }) };
  const resolved = await resolveMandateIds(db, data.mandates);
  if (resolved.unknown.length)
    return {
      failure: invalid(NOTHING_SAVED, { mandates: [`Unknown mandate number(s): ${resolved.unknown.join(', ')}.`] }),
    };
  return { data, mandateIds: resolved.ids };
}

interface WithOrganization<Row> {
  row: Row;
  code: string;
  nameEn: string;
  nameEs: string;
}

/**
 * Requests and offers are shown with their organization's names and their mandate numbers: this joins the rows
 * (already fetched with the organization) and the mandate links, in the order of `ids`, skipping missing ids.
 */
export function withMandatesAndOrganization<Row extends { id: string }, Shown>(
  ids: string[],
  rows: Array<WithOrganization<Row>>,
  links: Array<{ ownerId: string; number: number }>,
  show: (row: Row) => Shown,
): Array<
  Shown & { mandates: number[]; organizationCode: string; organizationNameEn: string; organizationNameEs: string }
> {
  const byId = new Map(rows.map((r) => [r.row.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is WithOrganization<Row> => !!r)
    .map(({ row, code, nameEn, nameEs }) => ({
      ...show(row),
      mandates: links.filter((l) => l.ownerId === row.id).map((l) => l.number),
      organizationCode: code,
      organizationNameEn: nameEn,
      organizationNameEs: nameEs,
    }));
}
