import { z } from 'zod';

/**
 * The catalogue import format: one commitment with its sections, mandates, indicators and the treaty provisions the
 * mandates link to. Optional fields accept null or absence and come out as null, so that "not found" is written
 * the same way everywhere (the reference data marks missing official text with null, never with a placeholder).
 */
export const MAX_TEXT_LENGTH = 10_000;
const MAX_TITLE_LENGTH = 1_000;

export const TEXT_STATUSES = ['verified', 'partial', 'missing'] as const;
export const SECTION_CERTAINTIES = ['stated', 'inferred', 'unknown'] as const;
export const TREATIES = ['IACC', 'UNCAC'] as const;
/** How sure the research is that a topic belongs to the paragraph number (db/schema/catalogue.ts). */
export const TOPIC_CONFIDENCES = ['verified', 'inferred'] as const;
/** A topic is a short summary, not a paragraph: the limit keeps official text from being pasted in as a topic. */
export const MAX_TOPIC_LENGTH = 500;

const isBlank = (s: string) => s.trim() === '';

const text = (max: number, what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be ${what} in double quotes`) })
    .refine((s) => !isBlank(s), {
      message: `is empty: write the ${what}, or leave the field out (null) if it is not known`,
    })
    .refine((s) => s.length <= max, {
      message: `is longer than ${max.toLocaleString('en')} characters: shorten it or check that two records were not merged`,
    });

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

const wholeNumber = (min: number) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a whole number, e.g. 12') })
    .int({ error: 'must be a whole number, e.g. 12' })
    .min(min, { error: `must be ${min} or more` })
    // The database columns are 32-bit integers; a larger number must be a problem in the report, not a crash.
    .max(2_147_483_647, { error: 'is too large: use a number below 2,147,483,648' });

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `is required: one of ${values.join(', ')}`
        : `must be one of ${values.join(', ')} (found ${JSON.stringify(issue.input)})`,
  });

/** A real calendar date, not only the shape: 2018-02-30 is refused (Date would roll it over to 2 March). */
const isRealDate = (s: string) => {
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
};
const isoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s), {
    message: 'must be a real date written YYYY-MM-DD, e.g. 2018-04-14',
  });

/** For a record that is missing or is not an object: `what` shows its expected shape. */
const record = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be an object: ${what}`),
});

const list = <T extends z.ZodType>(item: T) => z.array(item, { error: 'must be a list ([…])' }).optional().default([]);

export const commitmentSchema = z.strictObject(
  {
    code: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, {
        message: 'must be lowercase letters, digits and hyphens (it appears in links), e.g. lima-2018',
      }),
    titleEn: text(MAX_TITLE_LENGTH, 'English title'),
    titleEs: optional(text(MAX_TITLE_LENGTH, 'Spanish title')),
    summit: optional(text(MAX_TITLE_LENGTH, 'summit name')),
    summitEs: optional(text(MAX_TITLE_LENGTH, 'Spanish summit name')),
    documentSymbol: optional(text(MAX_TITLE_LENGTH, 'document symbol')),
    adoptedOn: optional(isoDate),
    mandateCount: optional(wholeNumber(1)),
    note: optional(text(MAX_TEXT_LENGTH, 'note')),
  },
  record('{ "code": …, "titleEn": …, … }'),
);

export const sectionSchema = z.strictObject(
  {
    code: text(50, 'section code'),
    position: wholeNumber(0),
    titleEn: optional(text(MAX_TITLE_LENGTH, 'English title')),
    titleEs: optional(text(MAX_TITLE_LENGTH, 'Spanish title')),
    note: optional(text(MAX_TEXT_LENGTH, 'note')),
    noteEs: optional(text(MAX_TEXT_LENGTH, 'Spanish note')),
  },
  record('{ "code": …, "position": …, … }'),
);

export const mandateSchema = z.strictObject(
  {
    number: wholeNumber(1),
    section: optional(text(50, 'section code')),
    sectionCertainty: choice(SECTION_CERTAINTIES),
    textEn: optional(text(MAX_TEXT_LENGTH, 'English text')),
    textEs: optional(text(MAX_TEXT_LENGTH, 'Spanish text')),
    textStatusEn: choice(TEXT_STATUSES),
    textStatusEs: choice(TEXT_STATUSES),
    note: optional(text(MAX_TEXT_LENGTH, 'note')),
    noteEs: optional(text(MAX_TEXT_LENGTH, 'Spanish note')),
    sources: list(text(2_000, 'source')),
    // A summary in our own words, never the official wording; where it is unknown, leave it out.
    topicEn: optional(text(MAX_TOPIC_LENGTH, 'English topic')),
    topicEs: optional(text(MAX_TOPIC_LENGTH, 'Spanish topic')),
    topicConfidence: optional(choice(TOPIC_CONFIDENCES)),
    topicSources: list(text(2_000, 'source')),
  },
  record('{ "number": …, "sectionCertainty": …, "textStatusEn": …, "textStatusEs": …, … }'),
);

export const indicatorSchema = z.strictObject(
  {
    mandate: wholeNumber(1),
    code: text(50, 'indicator code'),
    position: optional(wholeNumber(0)),
    textEn: optional(text(MAX_TEXT_LENGTH, 'English text')),
    textEs: optional(text(MAX_TEXT_LENGTH, 'Spanish text')),
  },
  record('{ "mandate": …, "code": …, … }'),
);

export const provisionSchema = z.strictObject(
  {
    treaty: choice(TREATIES),
    reference: text(200, 'reference (e.g. "Article III")'),
    titleEn: optional(text(MAX_TITLE_LENGTH, 'English title')),
    titleEs: optional(text(MAX_TITLE_LENGTH, 'Spanish title')),
  },
  record('{ "treaty": …, "reference": …, … }'),
);

export const linkSchema = z.strictObject(
  {
    mandate: wholeNumber(1),
    treaty: choice(TREATIES),
    reference: text(200, 'reference (e.g. "Article III")'),
  },
  record('{ "mandate": …, "treaty": …, "reference": … }'),
);

/** A paragraph found for a section whose number is not established: a summary, kept apart from the mandates. */
export const unplacedTopicSchema = z.strictObject(
  {
    section: optional(text(50, 'section code')),
    topicEn: optional(text(MAX_TOPIC_LENGTH, 'English topic')),
    topicEs: optional(text(MAX_TOPIC_LENGTH, 'Spanish topic')),
    note: optional(text(MAX_TEXT_LENGTH, 'note')),
    topicSources: list(text(2_000, 'source')),
  },
  record('{ "section": …, "topicEn": …, "topicEs": …, … }'),
);

export const catalogueSchema = z.strictObject(
  {
    commitment: commitmentSchema,
    sections: list(sectionSchema),
    mandates: list(mandateSchema),
    indicators: list(indicatorSchema),
    provisions: list(provisionSchema),
    links: list(linkSchema),
    unplacedTopics: list(unplacedTopicSchema),
  },
  { error: 'must be an object: { "commitment": {…}, "sections": […], "mandates": […], … }' },
);

/** What a file may contain (optional fields may be left out). */
export type CatalogueFile = z.input<typeof catalogueSchema>;
/** What the importer receives: every optional field is present, null when unknown. */
export type Catalogue = z.output<typeof catalogueSchema>;
export type CatalogueMandate = Catalogue['mandates'][number];
export type CatalogueSection = Catalogue['sections'][number];
export type CatalogueIndicator = Catalogue['indicators'][number];
export type CatalogueProvision = Catalogue['provisions'][number];
export type CatalogueLink = Catalogue['links'][number];
export type CatalogueUnplacedTopic = Catalogue['unplacedTopics'][number];

/** The fields of each kind of record, for "unknown field" messages. */
export const FIELDS = {
  root: Object.keys(catalogueSchema.shape),
  commitment: Object.keys(commitmentSchema.shape),
  sections: Object.keys(sectionSchema.shape),
  mandates: Object.keys(mandateSchema.shape),
  indicators: Object.keys(indicatorSchema.shape),
  provisions: Object.keys(provisionSchema.shape),
  links: Object.keys(linkSchema.shape),
  unplacedTopics: Object.keys(unplacedTopicSchema.shape),
} as const;
