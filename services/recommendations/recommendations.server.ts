import { and, asc, count, desc, eq, isNotNull, lte, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  commitments,
  mandates,
  organizations,
  recommendationLanguage,
  recommendations,
  reportingCycles,
  type RecommendationLanguage,
  type RecommendationRow,
  type RecommendationStatus,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import { notifyOrganization, notifySecretariat } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import { csvCell } from '../registration/publication.server';
import { cleanText } from '../text';

/*
 * Public recommendations by civil-society organizations (Mechanism, section 3 d: the Summits Secretariat "will
 * continue to coordinate the process of participation and follow-up by social actors … including … the presentation
 * of such recommendations as are deemed pertinent"). Decision record: docs/decisions/016-civil-society-recommendations.md.
 *
 * Unlike a contribution to a State's draft (decision 010), a recommendation needs no State's invitation and is
 * published on its own, in its author's words. So the Secretariat moderates it first: it publishes the text as
 * written or declines it with a reason told to the organization; it never edits it (the record stays the
 * organization's). Only published recommendations are ever public; pending, declined and withdrawn ones are seen by
 * their organization and the Secretariat only.
 */

export const RECOMMENDATION_TITLE_MAX = 200;
export const RECOMMENDATION_TEXT_MAX = 10_000;
const REASON_MAX = 2_000;
/** Far above any commitment's mandate count, and inside PostgreSQL's integer range, so the query never compares out of range. */
const MANDATE_MAX = 100_000;
export const QUEUE_PAGE_SIZE = 20;
export const PUBLIC_PAGE_SIZE = 50;
export const RECOMMENDATION_LANGUAGES = recommendationLanguage.enumValues;

/** A member of a civil-society organization (services/permissions.ts); narrows the viewer to an actor. */
const mayRecommend = (a: Viewer): a is Actor => can(a, { action: 'recommendation.submit' });
const mayModerate = (a: Viewer): boolean => can(a, { action: 'recommendation.moderate' });

const clean = (v: unknown) => (typeof v === 'string' ? cleanText(v) : v);
/** An empty form field means "not given". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const submitSchema = z
  .object({
    title: z.preprocess(
      clean,
      z
        .string('Give your recommendation a title.')
        .trim()
        .min(1, 'Give your recommendation a title.')
        .max(RECOMMENDATION_TITLE_MAX, `Keep the title under ${RECOMMENDATION_TITLE_MAX} characters.`),
    ),
    text: z.preprocess(
      clean,
      z
        .string('Write your recommendation.')
        .trim()
        .min(1, 'Write your recommendation.')
        .max(
          RECOMMENDATION_TEXT_MAX,
          `Keep the recommendation under ${RECOMMENDATION_TEXT_MAX.toLocaleString('en')} characters.`,
        ),
    ),
    language: z.enum(RECOMMENDATION_LANGUAGES, 'Choose the language the recommendation is written in.'),
    /** The commitment whose mandate is meant; not needed when a cycle is given (the cycle names its commitment). */
    commitment: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
    mandate: z.preprocess(
      blankToUndefined,
      z.coerce
        .number('Choose a mandate.')
        .int('Choose a mandate.')
        .positive('Choose a mandate.')
        .max(MANDATE_MAX, 'Choose a mandate.')
        .optional(),
    ),
    cycleId: z.preprocess(blankToUndefined, z.uuid('Choose a published reporting cycle.').optional()),
  })
  .refine((v) => v.mandate !== undefined || v.cycleId !== undefined, {
    message: 'Choose a mandate, a published reporting cycle, or both.',
    path: ['mandate'],
  });

const reasonSchema = z.preprocess(
  clean,
  z
    .string('Give the organization the reason.')
    .trim()
    .min(1, 'Give the organization the reason.')
    .max(REASON_MAX, `Keep the reason under ${REASON_MAX.toLocaleString('en')} characters.`),
);

interface Deps {
  db: Database;
  now: () => Date;
}

/** What the public may read of one published recommendation. */
export interface PublicRecommendation {
  id: string;
  title: string;
  text: string;
  language: RecommendationLanguage;
  organizationCode: string;
  organizationNameEn: string;
  organizationNameEs: string;
  commitmentCode: string | null;
  mandate: number | null;
  cycleId: string | null;
  cycleName: string | null;
  publishedAt: Date;
}

export type RecommendationsService = ReturnType<typeof createRecommendationsService>;

export function createRecommendationsService({ db, now }: Deps) {
  const mandateCommitments = alias(commitments, 'mandate_commitments');

  /** The columns every listing reads: the row, its target and its organization. */
  const listing = () =>
    db
      .select({
        row: recommendations,
        organizationCode: organizations.code,
        organizationNameEn: organizations.nameEn,
        organizationNameEs: organizations.nameEs,
        mandate: mandates.number,
        commitmentCode: mandateCommitments.code,
        cycleName: reportingCycles.name,
      })
      .from(recommendations)
      .innerJoin(organizations, eq(organizations.id, recommendations.organizationId))
      .leftJoin(mandates, eq(mandates.id, recommendations.mandateId))
      .leftJoin(mandateCommitments, eq(mandateCommitments.id, mandates.commitmentId))
      .leftJoin(reportingCycles, eq(reportingCycles.id, recommendations.cycleId));
  type ListingRow = Awaited<ReturnType<ReturnType<typeof listing>['where']>>[number];

  const toPublic = (r: ListingRow): PublicRecommendation => ({
    id: r.row.id,
    title: r.row.title,
    text: r.row.text,
    language: r.row.language,
    organizationCode: r.organizationCode,
    organizationNameEn: r.organizationNameEn,
    organizationNameEs: r.organizationNameEs,
    commitmentCode: r.commitmentCode,
    mandate: r.mandate,
    cycleId: r.row.cycleId,
    cycleName: r.cycleName,
    publishedAt: r.row.decidedAt!,
  });

  /** Published and nothing else: the one filter of every public read. */
  const published = () => eq(recommendations.status, 'published');
  /** A cycle is a public target only once published (its results are public then). */
  const cyclePublished = () => and(isNotNull(reportingCycles.publishedAt), lte(reportingCycles.publishedAt, now()));

  async function organizationName(id: string) {
    const [org] = await db.select({ nameEn: organizations.nameEn }).from(organizations).where(eq(organizations.id, id));
    return org?.nameEn ?? 'A civil-society organization';
  }

  /** Common part of publish and decline: the Secretariat, an existing pending recommendation. */
  async function claim(
    actor: Viewer,
    id: string,
    status: Extract<RecommendationStatus, 'published' | 'declined'>,
    reason: string | null,
  ) {
    // Conditional on `pending`: of two moderators deciding at once one wins, and the other is told.
    const [row] = await db
      .update(recommendations)
      .set({ status, decidedBy: actor!.userId, decidedAt: now(), declineReason: reason })
      .where(and(eq(recommendations.id, id), eq(recommendations.status, 'pending')))
      .returning();
    return row;
  }

  async function pendingCheck(actor: Viewer, id: string): Promise<Outcome<null>> {
    if (!mayModerate(actor)) return forbidden('Only the Summits Secretariat moderates recommendations.');
    if (!z.uuid().safeParse(id).success) return notFound('This recommendation does not exist.');
    return ok(null);
  }

  async function alreadyDecided(id: string) {
    const [row] = await db
      .select({ status: recommendations.status })
      .from(recommendations)
      .where(eq(recommendations.id, id));
    if (!row) return notFound('This recommendation does not exist.');
    return conflict('This recommendation was already decided or withdrawn.');
  }

  const service = {
    /**
     * A member of a registered (active) civil-society organization submits a recommendation; it waits for the
     * Secretariat. The target is a mandate, a published cycle, or a mandate within a published cycle.
     */
    async submit(actor: Viewer, input: unknown): Promise<Outcome<RecommendationRow>> {
      if (!mayRecommend(actor))
        return forbidden('Only members of a registered civil-society organization submit recommendations.');
      const [org] = await db
        .select({ active: organizations.active, kind: organizations.kind })
        .from(organizations)
        .where(eq(organizations.id, actor.organizationId));
      if (!org?.active || org.kind !== 'civil_society')
        return forbidden('Only members of a registered civil-society organization submit recommendations.');
      const parsed = submitSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      const p = parsed.data;

      let cycle: { id: string; commitmentId: string; name: string } | null = null;
      if (p.cycleId) {
        const [row] = await db
          .select({ id: reportingCycles.id, commitmentId: reportingCycles.commitmentId, name: reportingCycles.name })
          .from(reportingCycles)
          .where(and(eq(reportingCycles.id, p.cycleId), cyclePublished()));
        // An unpublished cycle is not public: the same answer as for one that does not exist.
        if (!row)
          return invalid('Choose a published reporting cycle.', {
            cycleId: ['This reporting cycle is not published.'],
          });
        cycle = row;
      }
      let mandateId: string | null = null;
      if (p.mandate !== undefined) {
        let commitmentId = cycle?.commitmentId;
        if (!commitmentId) {
          const [c] = p.commitment
            ? await db.select({ id: commitments.id }).from(commitments).where(eq(commitments.code, p.commitment))
            : [];
          if (!c) return invalid('Choose the commitment of the mandate.', { commitment: ['Unknown commitment.'] });
          commitmentId = c.id;
        }
        const [m] = await db
          .select({ id: mandates.id })
          .from(mandates)
          .where(and(eq(mandates.commitmentId, commitmentId), eq(mandates.number, p.mandate)));
        if (!m) return invalid(`Mandate ${p.mandate} is not in this commitment.`, { mandate: ['Unknown mandate.'] });
        mandateId = m.id;
      }

      const [row] = await db
        .insert(recommendations)
        .values({
          organizationId: actor.organizationId,
          mandateId,
          cycleId: cycle?.id ?? null,
          title: p.title,
          text: p.text,
          language: p.language,
          createdBy: actor.userId,
          createdAt: now(),
        })
        .returning();
      await writeAudit(db, {
        action: 'recommendation.submitted',
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: 'recommendation',
        subjectId: row.id,
        data: { mandate: p.mandate ?? null, cycleId: cycle?.id ?? null, language: p.language },
        ip: actor.ip,
      });
      const name = await organizationName(actor.organizationId);
      await notifySecretariat(db, {
        kind: 'recommendation.submitted',
        link: '/admin/recommendations',
        subject: `${name} submitted a recommendation`,
        body: `${name} submitted a recommendation for publication. Publish it as written or decline it with a reason.`,
        data: { organization: name, title: row.title },
      });
      return ok(row);
    },

    /** The organization's own recommendations, every status, newest first. Another organization's never. */
    async mine(actor: Viewer) {
      if (!mayRecommend(actor)) return forbidden('Only members of a civil-society organization have recommendations.');
      const rows = await listing()
        .where(eq(recommendations.organizationId, actor.organizationId))
        .orderBy(desc(recommendations.createdAt));
      return ok(
        rows.map((r) => ({
          id: r.row.id,
          title: r.row.title,
          text: r.row.text,
          language: r.row.language,
          status: r.row.status,
          commitmentCode: r.commitmentCode,
          mandate: r.mandate,
          cycleId: r.row.cycleId,
          cycleName: r.cycleName,
          createdAt: r.row.createdAt,
          decidedAt: r.row.decidedAt,
          declineReason: r.row.declineReason,
          withdrawnAt: r.row.withdrawnAt,
        })),
      );
    },

    /** The Secretariat's queue: pending recommendations, oldest first (first come, first moderated), paginated. */
    async queue(actor: Viewer, pageInput: unknown = 1) {
      if (!mayModerate(actor)) return forbidden('Only the Summits Secretariat moderates recommendations.');
      const [{ n: total }] = await db
        .select({ n: count() })
        .from(recommendations)
        .where(eq(recommendations.status, 'pending'));
      const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
      const asked = z.coerce
        .number()
        .int()
        .min(1)
        .catch(1)
        .parse(pageInput ?? 1);
      const page = Math.min(asked, pages);
      const rows = await listing()
        .where(eq(recommendations.status, 'pending'))
        .orderBy(asc(recommendations.createdAt), asc(recommendations.id))
        .limit(QUEUE_PAGE_SIZE)
        .offset((page - 1) * QUEUE_PAGE_SIZE);
      return ok({
        total,
        page,
        pages,
        items: rows.map((r) => ({
          id: r.row.id,
          title: r.row.title,
          text: r.row.text,
          language: r.row.language,
          organizationCode: r.organizationCode,
          organizationNameEn: r.organizationNameEn,
          organizationNameEs: r.organizationNameEs,
          commitmentCode: r.commitmentCode,
          mandate: r.mandate,
          cycleId: r.row.cycleId,
          cycleName: r.cycleName,
          createdAt: r.row.createdAt,
        })),
      });
    },

    /** Publishes the text exactly as the organization wrote it. */
    async publish(actor: Viewer, id: string): Promise<Outcome<RecommendationRow>> {
      const check = await pendingCheck(actor, id);
      if (!check.ok) return check;
      const row = await claim(actor, id, 'published', null);
      if (!row) return alreadyDecided(id);
      await writeAudit(db, {
        action: 'recommendation.published',
        actorUserId: actor!.userId,
        organizationId: row.organizationId,
        subjectType: 'recommendation',
        subjectId: row.id,
        ip: actor!.ip,
      });
      await notifyOrganization(
        db,
        row.organizationId,
        {
          kind: 'recommendation.published',
          link: '/recommendations',
          subject: 'The Summits Secretariat published your recommendation',
          body: `Your recommendation “${row.title}” is now public on Minka, as you wrote it.`,
          data: { title: row.title },
        },
        ['civil_society_member'],
      );
      return ok(row);
    },

    /** Declines with a reason, which the organization is told; the text is kept as written and never published. */
    async decline(actor: Viewer, id: string, reasonInput: unknown): Promise<Outcome<RecommendationRow>> {
      const check = await pendingCheck(actor, id);
      if (!check.ok) return check;
      const reason = reasonSchema.safeParse(reasonInput);
      if (!reason.success)
        return invalid(reason.error.issues[0].message, { reason: reason.error.issues.map((i) => i.message) });
      const row = await claim(actor, id, 'declined', reason.data);
      if (!row) return alreadyDecided(id);
      await writeAudit(db, {
        action: 'recommendation.declined',
        actorUserId: actor!.userId,
        organizationId: row.organizationId,
        subjectType: 'recommendation',
        subjectId: row.id,
        data: { reason: reason.data },
        ip: actor!.ip,
      });
      await notifyOrganization(
        db,
        row.organizationId,
        {
          kind: 'recommendation.declined',
          link: '/recommendations',
          subject: 'The Summits Secretariat did not publish your recommendation',
          body: `The Summits Secretariat declined your recommendation “${row.title}”. Its reason is below.`,
          note: reason.data,
          data: { title: row.title },
        },
        ['civil_society_member'],
      );
      return ok(row);
    },

    /** Its organization withdraws a recommendation the Secretariat has not decided yet. Ownership is in the query. */
    async withdraw(actor: Viewer, id: string): Promise<Outcome<RecommendationRow>> {
      if (!mayRecommend(actor))
        return forbidden('Only the organization that submitted a recommendation may withdraw it.');
      if (!z.uuid().safeParse(id).success) return notFound('This recommendation does not exist.');
      const [row] = await db
        .update(recommendations)
        .set({ status: 'withdrawn', withdrawnBy: actor.userId, withdrawnAt: now() })
        .where(
          and(
            eq(recommendations.id, id),
            eq(recommendations.organizationId, actor.organizationId),
            eq(recommendations.status, 'pending'),
          ),
        )
        .returning();
      // Another organization's recommendation gets the same answer as a missing or decided one: nothing is learnt.
      if (!row)
        return conflict('This recommendation does not exist, is not your organization’s, or is no longer pending.');
      await writeAudit(db, {
        action: 'recommendation.withdrawn',
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: 'recommendation',
        subjectId: row.id,
        ip: actor.ip,
      });
      return ok(row);
    },

    /** Public: the published recommendations on one mandate (with or without a cycle), newest first. */
    async publicForMandate(commitmentCode: string, number: number): Promise<PublicRecommendation[]> {
      if (!Number.isInteger(number) || number < 1 || number > MANDATE_MAX) return [];
      const rows = await listing()
        .where(and(published(), eq(mandateCommitments.code, commitmentCode), eq(mandates.number, number)))
        .orderBy(desc(recommendations.decidedAt), desc(recommendations.id));
      return rows.map(toPublic);
    },

    /** Public: every published recommendation, newest first, optionally of one cycle; paginated. */
    async publicList(query: { cycleId?: string | null; page?: unknown } = {}) {
      const filters: SQL[] = [published()];
      if (query.cycleId) {
        if (!z.uuid().safeParse(query.cycleId).success)
          return { total: 0, page: 1, pages: 1, items: [] as PublicRecommendation[] };
        filters.push(eq(recommendations.cycleId, query.cycleId));
      }
      const where = and(...filters);
      const [{ n: total }] = await db.select({ n: count() }).from(recommendations).where(where);
      const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
      const page = Math.min(
        z.coerce
          .number()
          .int()
          .min(1)
          .catch(1)
          .parse(query.page ?? 1),
        pages,
      );
      const rows = await listing()
        .where(where)
        .orderBy(desc(recommendations.decidedAt), desc(recommendations.id))
        .limit(PUBLIC_PAGE_SIZE)
        .offset((page - 1) * PUBLIC_PAGE_SIZE);
      return { total, page, pages, items: rows.map(toPublic) };
    },

    /** Published cycles a recommendation may be about (the form's choices). */
    async publishedCycles() {
      return db
        .select({ id: reportingCycles.id, name: reportingCycles.name })
        .from(reportingCycles)
        .where(cyclePublished())
        .orderBy(asc(reportingCycles.publishesAt));
    },

    /**
     * The public export: every published recommendation and nothing else. CSV cells are quoted and formula-like
     * cells neutralised with the same `csvCell` as the cycle export.
     */
    async exportPublished(format: 'csv' | 'json'): Promise<string> {
      const rows = (
        await listing().where(published()).orderBy(asc(recommendations.decidedAt), asc(recommendations.id))
      ).map(toPublic);
      const records = rows.map((r) => ({
        id: r.id,
        organization: r.organizationCode,
        organization_name_en: r.organizationNameEn,
        organization_name_es: r.organizationNameEs,
        commitment: r.commitmentCode,
        mandate: r.mandate,
        cycle_id: r.cycleId,
        cycle: r.cycleName,
        language: r.language,
        published_at: r.publishedAt.toISOString(),
        title: r.title,
        text: r.text,
      }));
      if (format === 'json') return JSON.stringify({ recommendations: records }, null, 2);
      const header = [
        'id',
        'organization',
        'organization_name_en',
        'organization_name_es',
        'commitment',
        'mandate',
        'cycle_id',
        'cycle',
        'language',
        'published_at',
        'title',
        'text',
      ] as const;
      const lines = records.map((r) => header.map((h) => csvCell(r[h])).join(','));
      return [header.join(','), ...lines].join('\r\n') + '\r\n';
    },
  };

  return service;
}
