import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { mandates } from './catalogue';
import { organizations } from './organizations';
import { answers, attachments, reportingCycles } from './registration';

/*
 * Phase 2 of the Mechanism: the database of good practices, its two-week review by the States, its publication, and
 * the Secretariat's report on challenges. Decision record: docs/decisions/017-good-practices.md.
 *
 * The official good-practice form (Annex 3) was not found; the fields are derived from the Mechanism's own
 * definition of a good practice (shared/reference/good_practice_form.md, section 4) and say so in the interface.
 */

/**
 * draft (private to its organization) → submitted (complete form, waiting for the Secretariat) → in_review (in an
 * open review round) → reviewed (the round closed) → published. `merged`: replaced by a merged entry (kept, linked
 * through `merged_into_id`). `withdrawn`: its organization took it back before publication.
 */
export const practiceStatus = pgEnum('practice_status', [
  'draft',
  'submitted',
  'in_review',
  'reviewed',
  'published',
  'merged',
  'withdrawn',
]);
export type PracticeStatus = (typeof practiceStatus.enumValues)[number];

/** The form's text fields, in the order the form shows them. One place, so versions, exports and search agree. */
export const PRACTICE_TEXT_FIELDS = [
  'summary',
  'situation',
  'action',
  'innovation',
  'results',
  'assessment',
  'feedback',
  'lessons',
  'transfer',
] as const;
export type PracticeTextField = (typeof PRACTICE_TEXT_FIELDS)[number];

/** What a version records: the whole form as it was saved. */
export interface PracticeSnapshot {
  title: string;
  texts: Record<PracticeTextField, string>;
  mandates: number[];
  iaccSubjects: string[];
  assistanceTypes: string[];
  languages: string[];
  contactName: string;
  contactEmail: string;
}

/** A good practice: the form's fields, its organization, its place in the review, and the Q6 answer it came from. */
export const practices = pgTable(
  'practices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    status: practiceStatus('status').notNull().default('draft'),
    title: text('title').notNull().default(''),
    /** Short description (Q6: "Provide a short description of each practice"). */
    summary: text('summary').notNull().default(''),
    /** The situation that required amending or improving. */
    situation: text('situation').notNull().default(''),
    /** What was done. */
    action: text('action').notNull().default(''),
    /** How it is innovative (a new action, or a different, creative way to perform or reorganize). */
    innovation: text('innovation').notNull().default(''),
    /** Results, and the positive impact or qualitative leap. */
    results: text('results').notNull().default(''),
    /** How results were assessed. */
    assessment: text('assessment').notNull().default(''),
    /** Feedback on the actions and the reorganization it led to. */
    feedback: text('feedback').notNull().default(''),
    /** Lessons learnt. */
    lessons: text('lessons').notNull().default(''),
    /** Conditions for transfer to another State. */
    transfer: text('transfer').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    /** Subjects of the Inter-American Convention against Corruption (MESICIC's list; services/practices/vocabulary.ts). */
    iaccSubjects: text('iacc_subjects').array().$type<string[]>().notNull().default([]),
    /** The kinds of assistance the practice could support (the Mechanism's Q4/Q5 types). */
    assistanceTypes: text('assistance_types').array().$type<string[]>().notNull().default([]),
    /** Languages the practice and its documents are available in (the OAS's four). */
    languages: text('languages').array().$type<string[]>().notNull().default([]),
    /** The Q6 answer it was drafted from; its non-disclosure requests apply to this practice (decision 017). */
    sourceAnswerId: uuid('source_answer_id').references(() => answers.id, { onDelete: 'set null' }),
    /** The Secretariat's tags for the consolidated base. */
    tags: text('tags').array().$type<string[]>().notNull().default([]),
    /** Marked by the Secretariat as a duplicate of another entry (both stay until merged). */
    duplicateOfId: uuid('duplicate_of_id').references((): AnyPgColumn => practices.id, { onDelete: 'set null' }),
    /** Set on the originals of a merge: the entry that replaced them. The originals are kept, never deleted. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => practices.id, { onDelete: 'set null' }),
    /** Set on a merged entry: the originals it combines. */
    mergedFrom: uuid('merged_from').array().$type<string[]>().notNull().default([]),
    roundId: uuid('round_id').references((): AnyPgColumn => reviewRounds.id, { onDelete: 'set null' }),
    /** Optimistic-concurrency token and version number: each save of the form is one version. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The version the public reads (a revision after publication waits for the next round). */
    publishedVersion: integer('published_version'),
  },
  (t) => [
    index('practices_org_idx').on(t.organizationId, t.status),
    index('practices_status_idx').on(t.status, t.publishedAt),
    index('practices_round_idx').on(t.roundId),
    index('practices_source_answer_idx').on(t.sourceAnswerId),
    check('practices_published_check', sql`${t.status} <> 'published' or ${t.publishedAt} is not null`),
  ],
);
export type PracticeRow = typeof practices.$inferSelect;

export const practiceMandates = pgTable(
  'practice_mandates',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.mandateId] }), index('practice_mandates_mandate_idx').on(t.mandateId)],
);

/** Every saved state of a practice's form, append-only: the version history a published practice keeps. */
export const practiceVersions = pgTable(
  'practice_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<PracticeSnapshot>().notNull(),
    savedBy: uuid('saved_by').references(() => users.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
    /** When this version became the public one (null: never published). */
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('practice_versions_practice_version_idx').on(t.practiceId, t.version)],
);
export type PracticeVersionRow = typeof practiceVersions.$inferSelect;

/**
 * A document attached to a practice: uploaded through the same checks as answer attachments (its own bytes under
 * `storage_key`), or carried from the Q6 answer the practice was drafted from (`source_attachment_id`, no copy of the
 * bytes), in which case the answer's non-disclosure requests decide at every read whether it may be shown.
 */
export const practiceDocuments = pgTable(
  'practice_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key'),
    sourceAttachmentId: uuid('source_attachment_id').references(() => attachments.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id),
  },
  (t) => [
    index('practice_documents_practice_idx').on(t.practiceId),
    check('practice_documents_source_check', sql`${t.storageKey} is not null or ${t.sourceAttachmentId} is not null`),
  ],
);
export type PracticeDocumentRow = typeof practiceDocuments.$inferSelect;

/** open (States read and comment until closes_at) → closed (claimed once by the job or the Secretariat) → published. */
export const reviewRoundStatus = pgEnum('review_round_status', ['open', 'closed', 'published']);

/** The Secretariat's consolidation of submitted practices, reviewed by the participating States for two weeks. */
export const reviewRounds = pgTable(
  'review_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    status: reviewRoundStatus('status').notNull().default('open'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    /** The Secretariat may open a round to JSWG organizations and to civil society (States always take part). */
    openToJswg: boolean('open_to_jswg').notNull().default(false),
    openToCivilSociety: boolean('open_to_civil_society').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
  },
  (t) => [
    index('review_rounds_status_idx').on(t.status, t.closesAt),
    check('review_rounds_dates_check', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);
export type ReviewRoundRow = typeof reviewRounds.$inferSelect;

/** A comment on an entry during its review round; threaded (`parent_id`), resolvable by the owner or the Secretariat. */
export const practiceComments = pgTable(
  'practice_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id')
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => practiceComments.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    authorId: uuid('author_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
  },
  (t) => [index('practice_comments_practice_idx').on(t.practiceId, t.createdAt)],
);
export type PracticeCommentRow = typeof practiceComments.$inferSelect;

/**
 * The Secretariat's report on the challenges States identified (Phase 2; Phase 3 a), one per reporting cycle: its
 * introduction and notes; the figures are computed from published data at every read, never stored.
 */
export const challengeReports = pgTable('challenge_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  cycleId: uuid('cycle_id')
    .notNull()
    .unique()
    .references(() => reportingCycles.id),
  introduction: text('introduction').notNull().default(''),
  notes: text('notes').notNull().default(''),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  publishedBy: uuid('published_by').references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true }),
});
export type ChallengeReportRow = typeof challengeReports.$inferSelect;
