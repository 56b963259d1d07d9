import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { mandates } from './catalogue';
import { assistanceRequests, cooperationOffers, matches } from './cooperation';
import { organizations } from './organizations';
import { roundtables } from './roundtables';

/*
 * Cooperation initiatives and their outcomes (issue 19, decision 019): what a confirmed match or the Secretariat's
 * own brokering became. "All cooperation initiatives and their outcomes will be registered on the Eighth Summit of
 * the Americas web page" (Mechanism, Phase 3).
 */

/** The forms of cooperation the Mechanism names; text[] like assistance types (postgres.js and enum arrays), checked by zod. */
export const INITIATIVE_FORM_VALUES = [
  'technical_meeting',
  'working_roundtable',
  'videoconference',
  'exchange_visit',
  'training',
  'expert_assistance',
  'other',
] as const;
export type InitiativeForm = (typeof INITIATIVE_FORM_VALUES)[number];

export const initiativeStatus = pgEnum('initiative_status', ['planned', 'in_progress', 'completed', 'suspended']);
export type InitiativeStatus = (typeof initiativeStatus.enumValues)[number];
export const initiativeParticipantRole = pgEnum('initiative_participant_role', [
  'requesting',
  'providing',
  'co_operating',
  'funding',
]);
export type InitiativeParticipantRole = (typeof initiativeParticipantRole.enumValues)[number];
/** proposed → agreed (every participant agreed) → published (by the Secretariat); declined: a participant's proposal the Secretariat refused. */
export const outcomeStatus = pgEnum('initiative_outcome_status', ['proposed', 'agreed', 'published', 'declined']);
export type OutcomeStatus = (typeof outcomeStatus.enumValues)[number];
export const initiativeUpdateStatus = pgEnum('initiative_update_status', ['pending', 'accepted', 'declined']);

/**
 * An initiative. Created by the Secretariat (from scratch or from a confirmed match); public only once
 * `published_at` is set, and then only what the public read functions choose (never unagreed funding, never an
 * outcome that is not published).
 */
export const initiatives = pgTable(
  'initiatives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    forms: text('forms').array().$type<InitiativeForm[]>().notNull(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    status: initiativeStatus('status').notNull().default('planned'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('initiatives_status_idx').on(t.status),
    index('initiatives_published_idx').on(t.publishedAt),
    check(
      'initiatives_period_check',
      sql`${t.startsOn} is null or ${t.endsOn} is null or ${t.startsOn} <= ${t.endsOn}`,
    ),
  ],
);
export type InitiativeRow = typeof initiatives.$inferSelect;

export const initiativeMandates = pgTable(
  'initiative_mandates',
  {
    initiativeId: uuid('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.mandateId] })],
);

/** An organization taking part, in one role. Its members see the initiative before publication; its focal points propose and agree. */
export const initiativeParticipants = pgTable(
  'initiative_participants',
  {
    initiativeId: uuid('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    role: initiativeParticipantRole('role').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.initiativeId, t.organizationId] }),
    index('initiative_participants_org_idx').on(t.organizationId),
  ],
);

/**
 * What an initiative grew from: exactly one of request, offer, match, roundtable or meeting per row. `meeting_id`
 * has no foreign key yet: the meetings (videoconference) table belongs to another issue and joins it when it lands.
 */
export const initiativeLinks = pgTable(
  'initiative_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    initiativeId: uuid('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id').references(() => assistanceRequests.id),
    offerId: uuid('offer_id').references(() => cooperationOffers.id),
    matchId: uuid('match_id').references(() => matches.id),
    roundtableId: uuid('roundtable_id').references(() => roundtables.id),
    meetingId: uuid('meeting_id'),
  },
  (t) => [
    check(
      'initiative_links_one_target',
      sql`num_nonnulls(${t.requestId}, ${t.offerId}, ${t.matchId}, ${t.roundtableId}, ${t.meetingId}) = 1`,
    ),
    index('initiative_links_initiative_idx').on(t.initiativeId),
    index('initiative_links_request_idx').on(t.requestId),
    index('initiative_links_offer_idx').on(t.offerId),
    // A confirmed match becomes one initiative, not two.
    uniqueIndex('initiative_links_match_idx').on(t.matchId),
  ],
);

/**
 * External funding "subject to what the States and/or JSWG entities involved may agree upon": public only when every
 * participant has agreed (computed at read time against the current participants, so adding one withholds it again).
 */
export const initiativeFunding = pgTable('initiative_funding', {
  id: uuid('id').primaryKey().defaultRandom(),
  initiativeId: uuid('initiative_id')
    .notNull()
    .references(() => initiatives.id, { onDelete: 'cascade' }),
  source: text('source').notNull(),
  amount: numeric('amount', { precision: 16, scale: 2 }).notNull(),
  /** ISO 4217 code. */
  currency: text('currency').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type InitiativeFundingRow = typeof initiativeFunding.$inferSelect;

/** Who agreed, for which participant organization, and when. */
export const initiativeFundingAgreements = pgTable(
  'initiative_funding_agreements',
  {
    fundingId: uuid('funding_id')
      .notNull()
      .references(() => initiativeFunding.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    agreedBy: uuid('agreed_by')
      .notNull()
      .references(() => users.id),
    agreedAt: timestamp('agreed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fundingId, t.organizationId] })],
);

export interface OutcomeFigure {
  label: string;
  value: number;
}

/**
 * One version of an outcome. A correction is a new row in the same series (`series_id`, `version` + 1); rows are
 * never edited in place except for their status. The public reads the latest published version of each series.
 */
export const initiativeOutcomes = pgTable(
  'initiative_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    initiativeId: uuid('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id').notNull(),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    figures: jsonb('figures').$type<OutcomeFigure[]>().notNull().default([]),
    status: outcomeStatus('status').notNull().default('proposed'),
    /** The participant organization that proposed it; null when the Secretariat logged it. */
    proposedByOrganizationId: uuid('proposed_by_organization_id').references(() => organizations.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    declinedReason: text('declined_reason'),
  },
  (t) => [
    uniqueIndex('initiative_outcomes_series_version_idx').on(t.seriesId, t.version),
    index('initiative_outcomes_initiative_idx').on(t.initiativeId, t.status),
  ],
);
export type InitiativeOutcomeRow = typeof initiativeOutcomes.$inferSelect;

export const initiativeOutcomeAgreements = pgTable(
  'initiative_outcome_agreements',
  {
    outcomeId: uuid('outcome_id')
      .notNull()
      .references(() => initiativeOutcomes.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    agreedBy: uuid('agreed_by')
      .notNull()
      .references(() => users.id),
    agreedAt: timestamp('agreed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.outcomeId, t.organizationId] })],
);

/** Documents of an outcome version, stored through the same staged-upload checks as other attachments. */
export const initiativeOutcomeDocuments = pgTable('initiative_outcome_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  outcomeId: uuid('outcome_id')
    .notNull()
    .references(() => initiativeOutcomes.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What a participant's focal point proposes to change (title, summary, dates, status, forms); the Secretariat accepts or declines. */
export interface InitiativeChanges {
  title?: string;
  summary?: string;
  startsOn?: string | null;
  endsOn?: string | null;
  status?: InitiativeStatus;
  forms?: InitiativeForm[];
}

export const initiativeUpdates = pgTable(
  'initiative_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    initiativeId: uuid('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    changes: jsonb('changes').$type<InitiativeChanges>().notNull(),
    note: text('note'),
    status: initiativeUpdateStatus('status').notNull().default('pending'),
    proposedBy: uuid('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('initiative_updates_initiative_idx').on(t.initiativeId, t.status)],
);
export type InitiativeUpdateRow = typeof initiativeUpdates.$inferSelect;

/**
 * A participant's request that a part of an initiative not be published (issue 19; the rules of non-disclosure,
 * decision 008): a pending request withholds, the Secretariat grants or refuses it, a refused one withholds nothing.
 * The part is an outcome (its series: every version and correction), one outcome document, or one funding record.
 */
export const INITIATIVE_WITHHOLDABLE_PARTS = ['outcome', 'document', 'funding'] as const;
export type InitiativeWithholdablePart = (typeof INITIATIVE_WITHHOLDABLE_PARTS)[number];
export const initiativeWithholdingStatus = pgEnum('initiative_withholding_status', ['pending', 'granted', 'refused']);

export const initiativeWithholdings = pgTable(
  'initiative_withholdings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    initiativeId: uuid('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    /** outcome | document | funding (checked by zod and by the constraint below). */
    part: text('part').$type<InitiativeWithholdablePart>().notNull(),
    /** The outcome's series id, the document's id or the funding record's id. */
    partId: uuid('part_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    reason: text('reason').notNull(),
    status: initiativeWithholdingStatus('status').notNull().default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    check('initiative_withholdings_part', sql`${t.part} in ('outcome', 'document', 'funding')`),
    index('initiative_withholdings_part_idx').on(t.part, t.partId, t.status),
    index('initiative_withholdings_initiative_idx').on(t.initiativeId),
  ],
);
export type InitiativeWithholdingRow = typeof initiativeWithholdings.$inferSelect;
