import {
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The commitment catalogue is data the Secretariat imports (ARCHITECTURE.md): the platform can follow other Summit
 * commitments the same way. Natural keys (commitment code, section code, mandate number, indicator code,
 * treaty + reference) make imports idempotent.
 */
export const commitments = pgTable('commitments', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  titleEn: text('title_en').notNull(),
  titleEs: text('title_es'),
  summit: text('summit'),
  summitEs: text('summit_es'),
  documentSymbol: text('document_symbol'),
  adoptedOn: date('adopted_on'),
  /** How many mandates the official document has, even when not all of their texts are imported. */
  mandateCount: integer('mandate_count'),
  note: text('note'),
  /**
   * Paragraphs that sources place in a section (or in none) but whose number is not established: summaries in our
   * own words, never official wording. They are kept with the commitment, not as mandates, so that no number is
   * guessed; the file is the whole list (an import replaces it).
   */
  unplacedTopics: jsonb('unplaced_topics').$type<UnplacedTopic[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Commitment = typeof commitments.$inferSelect;

export interface UnplacedTopic {
  /** The section code, or null where no section is established. */
  section: string | null;
  topicEn: string | null;
  topicEs: string | null;
  /** Why the section is given (English, as the research notes say it). */
  note: string | null;
  topicSources: string[];
}

export const sections = pgTable(
  'sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    /** Null where the official title was not found: the UI says so instead of inventing one. */
    titleEn: text('title_en'),
    titleEs: text('title_es'),
    note: text('note'),
    /** The same note in Spanish, where the catalogue gives one (English otherwise, marked as such in the UI). */
    noteEs: text('note_es'),
  },
  (t) => [uniqueIndex('sections_commitment_code_idx').on(t.commitmentId, t.code)],
);
export type Section = typeof sections.$inferSelect;

/** verified: the official wording from a source; partial: a fragment only; missing: not yet imported. */
export const textStatus = pgEnum('text_status', ['verified', 'partial', 'missing']);
export type TextStatus = (typeof textStatus.enumValues)[number];

/** stated: a source places the mandate in the section; inferred: derived, not confirmed; unknown: no section. */
export const sectionCertainty = pgEnum('section_certainty', ['stated', 'inferred', 'unknown']);
export type SectionCertainty = (typeof sectionCertainty.enumValues)[number];

/**
 * How sure the research is that a summary belongs to this paragraph number: verified (the paragraph was seen with
 * its number in a copy of the official text) or inferred (deduced from a numbered citation or from the order
 * between fixed paragraphs). Where it is unknown there is no topic at all.
 */
export const topicConfidence = pgEnum('topic_confidence', ['verified', 'inferred']);
export type TopicConfidence = (typeof topicConfidence.enumValues)[number];

export const mandates = pgTable(
  'mandates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    sectionId: uuid('section_id').references(() => sections.id, { onDelete: 'set null' }),
    sectionCertainty: sectionCertainty('section_certainty').notNull().default('unknown'),
    textEn: text('text_en'),
    textEs: text('text_es'),
    textStatusEn: textStatus('text_status_en').notNull().default('missing'),
    textStatusEs: textStatus('text_status_es').notNull().default('missing'),
    /** Context that is not official wording (e.g. "topic cited by the Mechanism"), clearly labelled in the UI. */
    note: text('note'),
    noteEs: text('note_es'),
    sources: jsonb('sources').$type<string[]>().notNull().default([]),
    /**
     * A short topic in our own words (a summary, NOT the official text), for mandates whose official text is not yet
     * imported. The official text takes precedence: the catalogue service hides the topic in a language whose
     * official text is verified. Null where the topic is unknown.
     */
    topicEn: text('topic_en'),
    topicEs: text('topic_es'),
    topicConfidence: topicConfidence('topic_confidence'),
    topicSources: jsonb('topic_sources').$type<string[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mandates_commitment_number_idx').on(t.commitmentId, t.number),
    index('mandates_section_idx').on(t.sectionId),
  ],
);
export type Mandate = typeof mandates.$inferSelect;

export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    position: integer('position').notNull().default(0),
    textEn: text('text_en'),
    textEs: text('text_es'),
  },
  (t) => [uniqueIndex('indicators_mandate_code_idx').on(t.mandateId, t.code)],
);
export type Indicator = typeof indicators.$inferSelect;

export const treaty = pgEnum('treaty', ['IACC', 'UNCAC']);
export type Treaty = (typeof treaty.enumValues)[number];

export const treatyProvisions = pgTable(
  'treaty_provisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    treaty: treaty('treaty').notNull(),
    /** "Article III", "Chapter II", "Article 13": the citation as the treaty writes it. */
    reference: text('reference').notNull(),
    titleEn: text('title_en'),
    titleEs: text('title_es'),
  },
  (t) => [uniqueIndex('treaty_provisions_ref_idx').on(t.treaty, t.reference)],
);
export type TreatyProvision = typeof treatyProvisions.$inferSelect;

export const mandateProvisions = pgTable(
  'mandate_provisions',
  {
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id, { onDelete: 'cascade' }),
    provisionId: uuid('provision_id')
      .notNull()
      .references(() => treatyProvisions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.mandateId, t.provisionId] })],
);
