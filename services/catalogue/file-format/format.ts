import type { z } from 'zod';
import { readCatalogueCsv } from './csv-catalogue';
import { findJsonSyntaxError } from './json-syntax';
import { crossRecordProblems, type LocatedProblem, type Path, type Vocabulary } from './rules';
import { catalogueSchema, FIELDS, type Catalogue } from './schema';

export {
  catalogueSchema,
  MAX_TEXT_LENGTH,
  MAX_TOPIC_LENGTH,
  SECTION_CERTAINTIES,
  TEXT_STATUSES,
  TOPIC_CONFIDENCES,
  TREATIES,
} from './schema';
export type {
  Catalogue,
  CatalogueFile,
  CatalogueIndicator,
  CatalogueLink,
  CatalogueMandate,
  CatalogueProvision,
  CatalogueSection,
  CatalogueUnplacedTopic,
} from './schema';
export { CSV_COLUMNS, catalogueToCsv } from './csv-catalogue';

export type CatalogueFormat = 'json' | 'csv';

/** `where` is a JSON path (`mandates[3].textStatusEn`) or a CSV position (`line 12, column text_status_en`). */
export interface CatalogueProblem {
  where: string;
  message: string;
}

export type ParsedCatalogue = { ok: true; catalogue: Catalogue } | { ok: false; problems: CatalogueProblem[] };

/**
 * Reads a whole catalogue file and reports every problem in it, not only the first: the Secretariat fixes a file
 * in one pass instead of one upload per mistake.
 */
export function parseCatalogue(text: string, format: CatalogueFormat): ParsedCatalogue {
  return format === 'csv' ? parseCsvCatalogue(text) : parseJsonCatalogue(text);
}

/** Validates an already-parsed value (e.g. a catalogue built in code), with JSON paths. */
export function checkCatalogue(value: unknown): ParsedCatalogue {
  return finish(
    validate(value, jsonVocabulary).map((p) => ({ where: jsonPath(p.path), message: p.message })),
    value,
  );
}

function parseJsonCatalogue(input: string): ParsedCatalogue {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    const where = found ? `line ${found.line}, column ${found.column}` : 'file';
    const detail = found?.message ?? (error as Error).message;
    return { ok: false, problems: [{ where, message: `the file is not valid JSON: ${detail}` }] };
  }
  return checkCatalogue(value);
}

function parseCsvCatalogue(text: string): ParsedCatalogue {
  const csv = readCatalogueCsv(text);
  const vocabulary: Vocabulary = {
    record: (path) => `line ${csv.locate(path).line}`,
    field: (name) => csvColumn(name),
  };
  const located = validate(csv.value, vocabulary)
    // A missing commitment row is already reported in CSV terms; zod's "commitment is required" would repeat it.
    .filter((p) => csv.hasCommitment || p.path[0] !== 'commitment')
    .map((p) => ({ ...csv.locate(p.path), message: p.message }));
  const problems = [...csv.problems, ...located]
    .sort((a, b) => a.line - b.line)
    .map(({ where, message }) => ({ where, message }));
  return finish(problems, csv.value);
}

function finish(problems: CatalogueProblem[], value: unknown): ParsedCatalogue {
  if (problems.length) return { ok: false, problems: dedupe(problems) };
  // Only reached when validation found nothing, so this parse cannot fail; it applies defaults and nulls.
  return { ok: true, catalogue: catalogueSchema.parse(value) };
}

function validate(value: unknown, vocabulary: Vocabulary): LocatedProblem[] {
  const parsed = catalogueSchema.safeParse(value);
  const shape = parsed.success ? [] : parsed.error.issues.flatMap(fromZodIssue);
  return [...shape, ...crossRecordProblems(value, vocabulary)];
}

function fromZodIssue(issue: z.core.$ZodIssue): LocatedProblem[] {
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedFields(issue.path);
    return issue.keys.map((key) => ({
      path: [...issue.path.map(pathPart), key],
      message: `unknown field: check its spelling${allowed ? ` (the fields here are ${allowed.join(', ')})` : ''}`,
    }));
  }
  return [{ path: issue.path.map(pathPart), message: issue.message }];
}

const pathPart = (p: PropertyKey): string | number => (typeof p === 'symbol' ? String(p) : p);

function allowedFields(path: ReadonlyArray<PropertyKey>): readonly string[] | null {
  if (path.length === 0) return FIELDS.root;
  const head = path[0];
  if (typeof head === 'string' && head in FIELDS) return FIELDS[head as keyof typeof FIELDS];
  return null;
}

const jsonVocabulary: Vocabulary = { record: (path) => jsonPath(path), field: (name) => name };

/** ['mandates', 3, 'textStatusEn'] → mandates[3].textStatusEn */
export function jsonPath(path: Path): string {
  if (path.length === 0) return 'file';
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
}

const csvColumn = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function dedupe(problems: CatalogueProblem[]): CatalogueProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.where}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
