import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { mandates } from './catalogue';
import { organizations } from './organizations';

/** The Mechanism's assistance types (Q4/Q5); the same list as matching/types.ts ASSISTANCE_TYPES. */
export const ASSISTANCE_TYPE_VALUES = [
  'legislative',
  'institutions',
  'policy_design',
  'capacity_building',
  'data',
  'international_cooperation',
  'other',
] as const;
export type AssistanceTypeValue = (typeof ASSISTANCE_TYPE_VALUES)[number];

export const modality = pgEnum('modality', ['in_person', 'virtual', 'either']);
export const requestStatus = pgEnum('request_status', [
  'open',
  'in_brokering',
  'matched',
  'in_progress',
  'fulfilled',
  'withdrawn',
]);
export const offerStatus = pgEnum('offer_status', ['draft', 'published', 'withdrawn']);
export const offerKind = pgEnum('offer_kind', ['jswg', 'peer_state']);
export const matchStatus = pgEnum('match_status', ['proposed', 'confirmed', 'declined', 'withdrawn']);
export const decision = pgEnum('decision', ['accepted', 'declined']);

/** An answer's newer text, offered to the organization to confirm or ignore once the request/offer has left draft. */
export interface PendingAnswerUpdate {
  title: string;
  description: string;
  types: AssistanceTypeValue[];
  /** The answer version the text comes from. */
  answerVersion: number;
  at: string;
}

/**
 * Columns of a request or offer drafted from a questionnaire answer (decision 014). The answer's text is copied only
 * while it is a draft and only what non-disclosure leaves visible; after that, answer edits wait in `pending_update`
 * for the organization's confirmation. `held_at`: publication suspended because the answer became withheld.
 * `own_text_at`: the organization wrote the text itself while the answer was withheld (what may be shown).
 */
const answerLinkColumns = () => ({
  pendingUpdate: jsonb('pending_update').$type<PendingAnswerUpdate>(),
  heldAt: timestamp('held_at', { withTimezone: true }),
  ownTextAt: timestamp('own_text_at', { withTimezone: true }),
});

/**
 * A State's technical-assistance need. It may come from a Q4 answer (the registration issue fills
 * `source_answer_id`) or be posted directly. Drafts are visible to the State and the Secretariat only.
 */
export const assistanceRequests = pgTable(
  'assistance_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    // text[] rather than an enum array: postgres.js returns arrays of custom enums as raw strings. Validated by zod.
    types: text('types').array().$type<AssistanceTypeValue[]>().notNull(),
    languages: text('languages').array().$type<string[]>().notNull(),
    /** Null while a draft leaves it open; publishing requires it (a draft is a draft, issue 15). */
    modality: modality('modality'),
    neededFrom: date('needed_from'),
    neededTo: date('needed_to'),
    status: requestStatus('status').notNull().default('open'),
    /** Null while a draft; set when the State publishes it (then the public directory and brokering see it). */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    sourceAnswerId: uuid('source_answer_id'),
    ...answerLinkColumns(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('assistance_requests_org_idx').on(t.organizationId),
    index('assistance_requests_status_idx').on(t.status),
  ],
);
export type AssistanceRequestRow = typeof assistanceRequests.$inferSelect;

export const requestMandates = pgTable(
  'request_mandates',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => assistanceRequests.id, { onDelete: 'cascade' }),
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.mandateId] })],
);

/** What a JSWG organization (or a State, as peer support) can offer. Public once published; drafts are not. */
export const cooperationOffers = pgTable(
  'cooperation_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: offerKind('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    // text[] rather than an enum array: postgres.js returns arrays of custom enums as raw strings. Validated by zod.
    types: text('types').array().$type<AssistanceTypeValue[]>().notNull(),
    languages: text('languages').array().$type<string[]>().notNull(),
    /** Null while a draft leaves it open; publishing requires it (a draft is a draft, issue 15). */
    modality: modality('modality'),
    /** How many States it can support at once; null while a draft leaves it open, required to publish. */
    capacity: integer('capacity'),
    /** Funding it brings, in words ("travel and experts' fees covered"); null when none. */
    funding: text('funding'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    status: offerStatus('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The JSWG organization's Q7 answer (cooperation offered) this offer was drafted from, if any. */
    sourceAnswerId: uuid('source_answer_id'),
    ...answerLinkColumns(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cooperation_offers_org_idx').on(t.organizationId),
    check('cooperation_offers_capacity_check', sql`${t.capacity} >= 0`),
  ],
);
export type CooperationOfferRow = typeof cooperationOffers.$inferSelect;

export const offerMandates = pgTable(
  'offer_mandates',
  {
    offerId: uuid('offer_id')
      .notNull()
      .references(() => cooperationOffers.id, { onDelete: 'cascade' }),
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.mandateId] })],
);

/**
 * A match the Secretariat proposes between a request and an offer (or a peer State). Each side accepts or
 * declines with a reason; both accepting confirms it. Every step has its timestamp, so time from request to
 * match is visible. The engine's score and explanation at proposal time are kept as they were shown.
 */
export const matches = pgTable(
  'matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => assistanceRequests.id),
    offerId: uuid('offer_id').references(() => cooperationOffers.id),
    /** The providing organization: the offer's, or the peer State's. */
    providerOrganizationId: uuid('provider_organization_id')
      .notNull()
      .references(() => organizations.id),
    score: real('score'),
    // explanationsEs: matches proposed since 2026-12-05; older ones have the English sentences only.
    explanation: jsonb('explanation').$type<{
      explanations: string[];
      explanationsEs?: string[];
      contributions: Array<{ criterion: string; contribution: number }>;
    }>(),
    status: matchStatus('status').notNull().default('proposed'),
    note: text('note'),
    proposedBy: uuid('proposed_by').references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    requesterDecision: decision('requester_decision'),
    requesterReason: text('requester_reason'),
    requesterDecidedAt: timestamp('requester_decided_at', { withTimezone: true }),
    requesterDecidedBy: uuid('requester_decided_by').references(() => users.id),
    providerDecision: decision('provider_decision'),
    providerReason: text('provider_reason'),
    providerDecidedAt: timestamp('provider_decided_at', { withTimezone: true }),
    providerDecidedBy: uuid('provider_decided_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [
    index('matches_request_idx').on(t.requestId),
    index('matches_provider_idx').on(t.providerOrganizationId),
    index('matches_offer_idx').on(t.offerId),
  ],
);
export type MatchRow = typeof matches.$inferSelect;

/** In-app notifications, one row per recipient. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Link inside the app the notification leads to. */
    link: text('link'),
    data: jsonb('data').$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);
export type NotificationRow = typeof notifications.$inferSelect;

/** Every e-mail Minka sends or would send: the development outbox page reads it; SMTP delivery marks it sent. */
export const mailOutbox = pgTable('mail_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  /**
   * The path inside the app the body's last line points to. The body keeps it as a path (the outbox page shows it
   * so); the mailer writes it as an address under PUBLIC_URL when it sends, so e-mails open Minka wherever it runs.
   */
  link: text('link'),
  /**
   * Files sent with the mail (issue 18: a meeting's calendar file, `text/calendar; method=REQUEST` or `CANCEL`).
   * Text content only; null when there are none.
   */
  attachments: jsonb('attachments').$type<MailAttachment[]>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  error: text('error'),
});
export interface MailAttachment {
  filename: string;
  /** The full MIME type with its parameters, e.g. `text/calendar; charset=utf-8; method=REQUEST`. */
  contentType: string;
  content: string;
}
