import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { mandates } from './catalogue';
import { organizations } from './organizations';
import { reportingCycles } from './registration';

/**
 * pending → published | declined (by the Secretariat, with a reason) | withdrawn (by the author organization while
 * pending). Withdrawn and declined rows are kept: the organization sees what happened, the audit log points at them.
 */
export const recommendationStatus = pgEnum('recommendation_status', ['pending', 'published', 'declined', 'withdrawn']);
export type RecommendationStatus = (typeof recommendationStatus.enumValues)[number];

/** The language the organization wrote in: the OAS's four official languages. The text is never translated. */
export const recommendationLanguage = pgEnum('recommendation_language', ['en', 'es', 'fr', 'pt']);
export type RecommendationLanguage = (typeof recommendationLanguage.enumValues)[number];

/**
 * A public recommendation by a registered civil-society organization (Mechanism, section 3 d: the Secretariat
 * coordinates "the presentation of such recommendations as are deemed pertinent"), on a mandate, on a published
 * reporting cycle, or on one mandate within a published cycle. Unlike a contribution (decision 010) it needs no
 * State's invitation and is published on its own, after the Secretariat's moderation. The text is never edited.
 */
export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    mandateId: uuid('mandate_id').references(() => mandates.id),
    cycleId: uuid('cycle_id').references(() => reportingCycles.id),
    title: text('title').notNull(),
    text: text('text').notNull(),
    language: recommendationLanguage('language').notNull(),
    status: recommendationStatus('status').notNull().default('pending'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The Secretariat's decision; for a published one, `decidedAt` is its publication date. */
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Why it was declined: told to the organization, never shown publicly. */
    declineReason: text('decline_reason'),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    check('recommendations_target_check', sql`${t.mandateId} is not null or ${t.cycleId} is not null`),
    check('recommendations_decline_reason_check', sql`${t.status} <> 'declined' or ${t.declineReason} is not null`),
    index('recommendations_status_idx').on(t.status, t.createdAt),
    index('recommendations_org_idx').on(t.organizationId, t.createdAt),
    index('recommendations_mandate_idx').on(t.mandateId, t.status),
    index('recommendations_cycle_idx').on(t.cycleId, t.status),
  ],
);
export type RecommendationRow = typeof recommendations.$inferSelect;
