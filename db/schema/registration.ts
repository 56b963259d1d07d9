import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { commitments, mandates } from './catalogue';
import { organizations } from './organizations';

export const cycleKind = pgEnum('cycle_kind', ['registration', 'update']);
export const questionnaireStatus = pgEnum('questionnaire_status', ['drafting', 'submitted']);
export const questionCode = pgEnum('question_code', ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7']);
export const progressLevel = pgEnum('progress_level', ['A', 'B', 'C', 'D']);
export type QuestionCode = (typeof questionCode.enumValues)[number];

/** A reporting cycle (e.g. "2019 registration", "2020 update"): its window and publication date, in its time zone. */
export const reportingCycles = pgTable('reporting_cycles', {
  id: uuid('id').primaryKey().defaultRandom(),
  commitmentId: uuid('commitment_id')
    .notNull()
    .references(() => commitments.id),
  name: text('name').notNull(),
  kind: cycleKind('kind').notNull(),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  publishesAt: timestamp('publishes_at', { withTimezone: true }).notNull(),
  /** IANA zone the dates were set in; shown with every date. */
  timeZone: text('time_zone').notNull(),
  /** An update cycle starts from each organization's answers in this one. */
  previousCycleId: uuid('previous_cycle_id'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type ReportingCycleRow = typeof reportingCycles.$inferSelect;

/** One organization's questionnaire in one cycle. */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => reportingCycles.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    status: questionnaireStatus('status').notNull().default('drafting'),
    civilSocietyContributed: boolean('civil_society_contributed').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    /** A late update agreed with the Chair: the Secretariat reopens, with the reason kept (also in the audit log). */
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenReason: text('reopen_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('questionnaires_cycle_org_idx').on(t.cycleId, t.organizationId)],
);
export type QuestionnaireRow = typeof questionnaires.$inferSelect;

/**
 * One answer: for a mandate (and an indicator when the catalogue has them; '' otherwise) and one of the seven
 * questions. `version` is the optimistic-concurrency token: a save names the version it edited.
 */
export const answers = pgTable(
  'answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id),
    /** The indicator's code, or '' for the mandate itself (so the unique index works without nulls). */
    indicatorCode: text('indicator_code').notNull().default(''),
    question: questionCode('question').notNull(),
    progress: progressLevel('progress'),
    summary: text('summary').notNull().default(''),
    full: text('full').notNull().default(''),
    /** Q4 (assistance needed) and Q5 (assistance received): the Mechanism's types. */
    assistanceTypes: text('assistance_types').array().$type<string[]>().notNull().default([]),
    carriedOver: boolean('carried_over').notNull().default(false),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [uniqueIndex('answers_key_idx').on(t.questionnaireId, t.mandateId, t.indicatorCode, t.question)],
);
export type AnswerRow = typeof answers.$inferSelect;

/** Every saved state of an answer, append-only: the history and the comparison between two versions. */
export const answerVersions = pgTable(
  'answer_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    answerId: uuid('answer_id')
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    progress: progressLevel('progress'),
    summary: text('summary').notNull(),
    full: text('full').notNull(),
    assistanceTypes: text('assistance_types').array().$type<string[]>().notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
    savedBy: uuid('saved_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('answer_versions_answer_version_idx').on(t.answerId, t.version),
    index('answer_versions_answer_idx').on(t.answerId),
  ],
);
export type AnswerVersionRow = typeof answerVersions.$inferSelect;

export const disclosureScope = pgEnum('disclosure_scope', [
  'questionnaire',
  'mandate',
  'question',
  'field',
  'attachment',
]);
export const disclosureDecision = pgEnum('disclosure_decision', ['pending', 'granted', 'refused']);

/**
 * A State's written request to the Chair for full or partial non-disclosure, and the Secretariat's record of the
 * decision. Granted items never leave the State and the Secretariat. Pending ones are withheld too: until decided,
 * the safe default is not to publish.
 */
export const disclosureRequests = pgTable(
  'disclosure_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    scope: disclosureScope('scope').notNull(),
    mandateId: uuid('mandate_id').references(() => mandates.id),
    question: questionCode('question'),
    /** For scope 'field': 'summary' or 'full'. */
    field: text('field'),
    /** Reference of the letter to the Chair; the letter itself is an attachment with purpose 'disclosure_letter'. */
    letterReference: text('letter_reference').notNull(),
    /** For scope 'attachment': the attached document to withhold. */
    attachmentId: uuid('attachment_id').references((): AnyPgColumn => attachments.id, { onDelete: 'cascade' }),
    reason: text('reason'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decision: disclosureDecision('decision').notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /**
     * Copied forward from the previous cycle's request when an update cycle started (the State's withholding carries
     * over until the Secretariat records otherwise). A fact: the pages say it in the reader's language (issue 15).
     */
    carriedOver: boolean('carried_over').notNull().default(false),
    /**
     * The decision is the Summits Chair's (the request is addressed to the Chair); the Secretariat records it on the
     * Chair's behalf (`decidedBy`) with the reference of the Chair's written reply and, when given, the reply itself
     * as an attachment (purpose 'disclosure_letter', like the State's letter).
     */
    chairReplyReference: text('chair_reply_reference'),
    chairReplyAttachmentId: uuid('chair_reply_attachment_id').references((): AnyPgColumn => attachments.id, {
      onDelete: 'set null',
    }),
    /** A refusal gives the State until this date to amend or withdraw the content; until then it is still withheld. */
    amendUntil: timestamp('amend_until', { withTimezone: true }),
    /** The State withdrew the content the Chair refused to withhold: it is never published. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    /** The amendment period ended and the content was released to publication (claimed once). */
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [index('disclosure_requests_questionnaire_idx').on(t.questionnaireId)],
);
export type DisclosureRequestRow = typeof disclosureRequests.$inferSelect;

/** What a cycle's publication made public: a snapshot of submitted answers, withheld items already left out. */
export const publishedAnswers = pgTable(
  'published_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => reportingCycles.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    answerId: uuid('answer_id')
      .notNull()
      .references(() => answers.id),
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id),
    indicatorCode: text('indicator_code').notNull().default(''),
    question: questionCode('question').notNull(),
    progress: progressLevel('progress'),
    summary: text('summary').notNull(),
    full: text('full').notNull(),
    assistanceTypes: text('assistance_types').array().$type<string[]>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('published_answers_cycle_answer_idx').on(t.cycleId, t.answerId),
    index('published_answers_cycle_mandate_idx').on(t.cycleId, t.mandateId),
  ],
);

/**
 * Each published version of one organization's questionnaire in a cycle. Inserting the row is the claim: the unique
 * (questionnaire, basis) lets exactly one server instance publish a given submission (basis `submission:<time>`) or
 * a given release of refused content (basis `release:<request id>`), and (questionnaire, version) keeps versions in
 * order. `published_answers` holds the latest version's snapshot; this table is the public history of versions.
 */
export const questionnairePublications = pgTable(
  'questionnaire_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => reportingCycles.id),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    version: integer('version').notNull(),
    basis: text('basis').notNull(),
    /** The submission this version publishes. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    answers: integer('answers').notNull().default(0),
  },
  (t) => [
    uniqueIndex('questionnaire_publications_version_idx').on(t.questionnaireId, t.version),
    uniqueIndex('questionnaire_publications_basis_idx').on(t.questionnaireId, t.basis),
    index('questionnaire_publications_cycle_idx').on(t.cycleId, t.organizationId),
  ],
);
export type QuestionnairePublicationRow = typeof questionnairePublications.$inferSelect;

export const attachmentPurpose = pgEnum('attachment_purpose', ['answer', 'disclosure_letter']);

/**
 * A document attached to an answer, or the letter to the Chair of a non-disclosure request. The bytes live in the
 * file store (DATA_DIR/attachments by default) under `storageKey`; the type is the one sniffed from the content,
 * never the one the name claims. Downloads are authorized like the answer (or request) they belong to.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    purpose: attachmentPurpose('purpose').notNull(),
    answerId: uuid('answer_id').references(() => answers.id, { onDelete: 'cascade' }),
    disclosureRequestId: uuid('disclosure_request_id').references((): AnyPgColumn => disclosureRequests.id, {
      onDelete: 'cascade',
    }),
    /** The name as uploaded, cleaned of path parts and control characters. */
    fileName: text('file_name').notNull(),
    /** Sniffed from the content (e.g. application/pdf). */
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Hex SHA-256 of the content: integrity, and the same file uploaded twice is recognisable. */
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    /** Removed from the answer (kept for the audit trail; the bytes may be deleted). */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id),
  },
  (t) => [
    index('attachments_answer_idx').on(t.answerId),
    index('attachments_questionnaire_idx').on(t.questionnaireId),
    index('attachments_request_idx').on(t.disclosureRequestId),
  ],
);
export type AttachmentRow = typeof attachments.$inferSelect;

/** The attachments publication made public with a published answer (a snapshot, like published_answers). */
export const publishedAttachments = pgTable(
  'published_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => reportingCycles.id),
    publishedAnswerId: uuid('published_answer_id')
      .notNull()
      .references(() => publishedAnswers.id, { onDelete: 'cascade' }),
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => attachments.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('published_attachments_cycle_attachment_idx').on(t.cycleId, t.attachmentId),
    index('published_attachments_answer_idx').on(t.publishedAnswerId),
  ],
);

/** A State invites a civil-society organization to contribute to its draft questionnaire. */
export const contributionInvitations = pgTable(
  'contribution_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    note: text('note'),
    invitedBy: uuid('invited_by').references(() => users.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [uniqueIndex('contribution_invitations_questionnaire_org_idx').on(t.questionnaireId, t.organizationId)],
);

export const contributionStatus = pgEnum('contribution_status', ['proposed', 'accepted', 'left_out']);

/**
 * A civil-society contribution to one answer of a State's draft. The State accepts it (it enters the answer as a
 * new version, attributed) or leaves it out; it is never published on its own.
 */
export const contributions = pgTable(
  'contributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id),
    indicatorCode: text('indicator_code').notNull().default(''),
    question: questionCode('question').notNull(),
    text: text('text').notNull(),
    status: contributionStatus('status').notNull().default('proposed'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /** The answer version the accepted contribution produced. */
    acceptedIntoVersion: integer('accepted_into_version'),
  },
  (t) => [index('contributions_questionnaire_idx').on(t.questionnaireId, t.status)],
);
export type ContributionRow = typeof contributions.$inferSelect;
