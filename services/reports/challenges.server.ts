import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { challengeReports, commitments, mandates, reportingCycles, sections } from '../../db/schema';
import type { Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import type { RequestsService } from '../cooperation/requests.server';
import { fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import { createPublicationService, csvCell } from '../registration/publication.server';
import { cleanText } from '../text';

/*
 * The Secretariat's report on the challenges States identified in implementing the Commitment (Mechanism, Phase 2;
 * Phase 3 a). Built at every read from what is public: the published Q4 answers (assistance needed) of a published
 * cycle, as publicAnswers() returns them (a State's withheld answers, fields and documents already left out), and
 * the published open assistance requests. Counts per mandate, section and assistance type only: the report never
 * ranks or compares States. The Secretariat adds an introduction and notes, then publishes it; until then only the
 * Secretariat sees it.
 */

const TEXT_MAX = 20_000;
const clean = (v: unknown) => (typeof v === 'string' ? cleanText(v) : v);
const textsSchema = z.object({
  introduction: z
    .preprocess(
      clean,
      z
        .string()
        .trim()
        .max(TEXT_MAX, `Keep each text under ${TEXT_MAX.toLocaleString('en')} characters.`),
    )
    .default(''),
  notes: z
    .preprocess(
      clean,
      z
        .string()
        .trim()
        .max(TEXT_MAX, `Keep each text under ${TEXT_MAX.toLocaleString('en')} characters.`),
    )
    .default(''),
});

export interface ChallengeCount {
  key: string;
  /** Q4 answers naming the challenge (one per State, mandate and indicator). */
  answers: number;
}

export interface ChallengesReport {
  cycle: { id: string; name: string; publishedAt: Date | null };
  commitment: string;
  introduction: string;
  notes: string;
  publishedAt: Date | null;
  updatedAt: Date | null;
  /** How many States' published Q4 answers the figures come from (a total, never a list of States). */
  statesReporting: number;
  byMandate: ChallengeCount[];
  bySection: ChallengeCount[];
  byAssistanceType: ChallengeCount[];
  /** The Q4 answers as published (summary only), by mandate: the challenges in the States' own words. */
  challenges: Array<{
    mandate: number;
    section: string | null;
    organizationCode: string;
    organizationNameEn: string;
    organizationNameEs: string;
    summary: string;
    assistanceTypes: string[];
  }>;
  openRequests: Array<{
    id: string;
    title: string;
    organizationCode: string;
    organizationNameEn: string;
    organizationNameEs: string;
    mandates: number[];
    types: string[];
  }>;
}

export type ChallengesService = ReturnType<typeof createChallengesService>;

export function createChallengesService({
  db,
  now,
  requests,
}: {
  db: Database;
  now: () => Date;
  requests: RequestsService;
}) {
  // Read-only use of the public read (publicAnswers filters withheld content at every read).
  const publication = createPublicationService({ db, now });
  async function build(cycleId: string): Promise<Outcome<ChallengesReport>> {
    const published = await publication.publicAnswers(cycleId);
    if (!published.ok) return published;
    const { cycle, answers } = published.value;
    const [commitment] = await db
      .select({ code: commitments.code })
      .from(commitments)
      .where(eq(commitments.id, cycle.commitmentId));
    const sectionRows = await db
      .select({ number: mandates.number, section: sections.code })
      .from(mandates)
      .leftJoin(sections, eq(sections.id, mandates.sectionId))
      .where(eq(mandates.commitmentId, cycle.commitmentId));
    const sectionOf = new Map(sectionRows.map((r) => [r.number, r.section]));
    const q4 = answers.filter(
      (a) => a.question === 'Q4' && a.organizationKind === 'state' && (a.summary.trim() || a.assistanceTypes.length),
    );
    const tally = (keys: Array<string | null | undefined>) => {
      const counts = new Map<string, number>();
      for (const k of keys) if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
      return [...counts]
        .map(([key, n]) => ({ key, answers: n }))
        .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
    };
    const [row] = await db.select().from(challengeReports).where(eq(challengeReports.cycleId, cycleId));
    const numbers = new Set(sectionRows.map((r) => r.number));
    const open = (await requests.listPublished()).filter(
      (r) => r.status === 'open' && r.mandates.some((n) => numbers.has(n)),
    );
    return ok({
      cycle: { id: cycle.id, name: cycle.name, publishedAt: cycle.publishedAt },
      commitment: commitment?.code ?? '',
      introduction: row?.introduction ?? '',
      notes: row?.notes ?? '',
      publishedAt: row?.publishedAt ?? null,
      updatedAt: row?.updatedAt ?? null,
      statesReporting: new Set(q4.map((a) => a.organizationCode)).size,
      byMandate: tally(q4.map((a) => String(a.mandate))),
      bySection: tally(q4.map((a) => sectionOf.get(a.mandate))),
      byAssistanceType: tally(q4.flatMap((a) => a.assistanceTypes)),
      // Ordered by mandate, then alphabetically by organization name: a reading order, not a ranking.
      challenges: q4
        .map((a) => ({
          mandate: a.mandate,
          section: sectionOf.get(a.mandate) ?? null,
          organizationCode: a.organizationCode,
          organizationNameEn: a.organizationNameEn,
          organizationNameEs: a.organizationNameEs,
          summary: a.summary,
          assistanceTypes: a.assistanceTypes,
        }))
        .sort((a, b) => a.mandate - b.mandate || a.organizationNameEn.localeCompare(b.organizationNameEn)),
      openRequests: open
        .map((r) => ({
          id: r.id,
          title: r.title,
          organizationCode: r.organizationCode,
          organizationNameEn: r.organizationNameEn,
          organizationNameEs: r.organizationNameEs,
          mandates: r.mandates,
          types: r.types,
        }))
        .sort((a, b) => (a.mandates[0] ?? 0) - (b.mandates[0] ?? 0) || a.title.localeCompare(b.title)),
    });
  }

  const service = {
    /** Cycles whose report the public may read (the Secretariat published it), oldest first. */
    async publishedReports() {
      return db
        .select({ cycleId: reportingCycles.id, name: reportingCycles.name, publishedAt: challengeReports.publishedAt })
        .from(challengeReports)
        .innerJoin(reportingCycles, eq(reportingCycles.id, challengeReports.cycleId))
        .orderBy(asc(reportingCycles.publishesAt))
        .then((rows) => rows.filter((r) => r.publishedAt && r.publishedAt.getTime() <= now().getTime()));
    },

    /** The report: public once the Secretariat published it; the Secretariat also reads its draft. */
    async get(viewer: Viewer, cycleId: string): Promise<Outcome<ChallengesReport & { canEdit: boolean }>> {
      if (!z.uuid().safeParse(cycleId).success) return notFound('This report does not exist.');
      const report = await build(cycleId);
      if (!report.ok) return notFound('This report does not exist.');
      const canEdit = can(viewer, { action: 'challenges_report.prepare' });
      if (!report.value.publishedAt && !canEdit) return notFound('This report does not exist.');
      return ok({ ...report.value, canEdit });
    },

    /** The Secretariat's introduction and notes (kept while it prepares the report, and editable after). */
    async saveTexts(actor: Viewer, cycleId: string, input: unknown): Promise<Outcome<null>> {
      if (!can(actor, { action: 'challenges_report.prepare' }))
        return forbidden('Only the Summits Secretariat prepares the report on challenges.');
      const report = await build(cycleId);
      if (!report.ok) return notFound('This report does not exist.');
      const parsed = textsSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      await db
        .insert(challengeReports)
        .values({ cycleId, ...parsed.data, updatedBy: actor!.userId, updatedAt: now() })
        .onConflictDoUpdate({
          target: challengeReports.cycleId,
          set: { ...parsed.data, updatedBy: actor!.userId, updatedAt: now() },
        });
      await writeAudit(db, {
        action: 'challenge_report.saved',
        actorUserId: actor!.userId,
        subjectType: 'reporting_cycle',
        subjectId: cycleId,
        ip: actor!.ip,
      });
      return ok(null);
    },

    async publish(actor: Viewer, cycleId: string): Promise<Outcome<null>> {
      if (!can(actor, { action: 'challenges_report.prepare' }))
        return forbidden('Only the Summits Secretariat prepares the report on challenges.');
      const report = await build(cycleId);
      if (!report.ok) return notFound('This report does not exist.');
      await db
        .insert(challengeReports)
        .values({ cycleId, publishedAt: now(), publishedBy: actor!.userId, updatedBy: actor!.userId, updatedAt: now() })
        .onConflictDoUpdate({
          target: challengeReports.cycleId,
          set: { publishedAt: now(), publishedBy: actor!.userId },
        });
      await writeAudit(db, {
        action: 'challenge_report.published',
        actorUserId: actor!.userId,
        subjectType: 'reporting_cycle',
        subjectId: cycleId,
        ip: actor!.ip,
      });
      return ok(null);
    },

    /**
     * The published report as data (docs/practices-export.md): JSON with the figures, the challenges and the open
     * requests; CSV with one row per published Q4 challenge, then one row per open request (column `row_type`).
     */
    async export(cycleId: string, format: 'csv' | 'json'): Promise<Outcome<string>> {
      const report = await service.get(null, cycleId);
      if (!report.ok) return report;
      const r = report.value;
      if (format === 'json') {
        const { canEdit: _canEdit, ...rest } = r;
        return ok(JSON.stringify({ schema: 'minka.challenges/1', ...rest }, null, 2));
      }
      const header = [
        'row_type',
        'cycle',
        'commitment',
        'mandate',
        'section',
        'organization',
        'organization_name_en',
        'organization_name_es',
        'text',
        'assistance_types',
        'request_id',
      ] as const;
      const lines = [
        ...r.challenges.map((c) => [
          'challenge',
          r.cycle.name,
          r.commitment,
          c.mandate,
          c.section,
          c.organizationCode,
          c.organizationNameEn,
          c.organizationNameEs,
          c.summary,
          c.assistanceTypes,
          '',
        ]),
        ...r.openRequests.map((q) => [
          'open_request',
          r.cycle.name,
          r.commitment,
          q.mandates,
          '',
          q.organizationCode,
          q.organizationNameEn,
          q.organizationNameEs,
          q.title,
          q.types,
          q.id,
        ]),
      ].map((cells) => cells.map(csvCell).join(','));
      return ok([header.join(','), ...lines].join('\r\n') + '\r\n');
    },
  };
  return service;
}
