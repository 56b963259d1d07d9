import { and, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  commitments,
  disclosureRequests,
  organizations,
  publishedAnswers,
  questionnaires,
  reportingCycles,
  type OrganizationKind,
} from '../../db/schema';
import type { QuestionCode } from '../../db/schema/registration';
import type { CatalogueService, MandateView } from '../catalogue/catalogue.server';
import { notFound, ok, type Outcome } from '../outcome';
import { disclose } from './publication.server';

export const LEVELS = ['A', 'B', 'C', 'D'] as const;
export type Level = (typeof LEVELS)[number];

/** Organizations per page of answers: 47 organizations × 6 answers of full text is too long for one page. */
export const RESULTS_PAGE_SIZE = 20;

export interface PublicAnswer {
  question: QuestionCode;
  indicatorCode: string;
  progress: Level | null;
  summary: string;
  full: string;
  assistanceTypes: string[];
}

export interface AnsweringOrganization {
  code: string;
  nameEn: string;
  nameEs: string;
  kind: OrganizationKind;
}

export interface MandateResults {
  cycle: { id: string; name: string; publishedAt: string };
  commitment: { code: string; titleEn: string; titleEs: string | null };
  mandate: MandateView;
  /** Q1 answers per progress level. Counts only: which organization is at which level is never part of it. */
  counts: Record<Level, number>;
  /** Every organization with a public answer on this mandate, alphabetical in the reader's language. */
  organizations: AnsweringOrganization[];
  /** The answers themselves, by organization in the same alphabetical order, one page at a time. */
  answers: {
    page: number;
    pageCount: number;
    pageSize: number;
    total: number;
    items: Array<{ organization: AnsweringOrganization; answers: PublicAnswer[] }>;
  };
}

const inputSchema = z.object({
  cycleId: z.uuid(),
  number: z.coerce.number().int().positive().max(10_000),
  page: z.coerce.number().int().positive().max(10_000).default(1),
  lang: z.enum(['en', 'es']).default('en'),
});

const QUESTION_ORDER: Record<QuestionCode, number> = { Q1: 1, Q2: 2, Q3: 3, Q4: 4, Q5: 5, Q6: 6, Q7: 7 };
const collators = { en: new Intl.Collator('en'), es: new Intl.Collator('es') };

/**
 * The public results of one mandate in one published cycle: its A–D distribution and the published answers by
 * organization. Reads only what publication made public, filtered again against today's non-disclosure decisions
 * (`disclose`, shared with publication), like every public read.
 *
 * The number of statements is fixed whatever the number of organizations (guarded by results.test.ts and measured
 * by `npm run bench:registration`): the cycle; who answered the mandate at what level, beside the cycle's
 * withholdings that can touch it; then the texts of the page's organizations only. The mandate itself comes from
 * the catalogue's in-memory view.
 */
export function createResultsService({
  db,
  catalogue,
  pageSize = RESULTS_PAGE_SIZE,
  now = () => new Date(),
}: {
  db: Database;
  catalogue: CatalogueService;
  pageSize?: number;
  now?: () => Date;
}) {
  return {
    async mandateResults(input: {
      cycleId: string;
      number: string | number;
      page?: string | number | null;
      lang?: string;
    }): Promise<Outcome<MandateResults>> {
      const parsed = inputSchema.safeParse({ ...input, page: input.page ?? undefined });
      if (!parsed.success) return notFound('This reporting cycle or mandate does not exist.');
      const { cycleId, number, page, lang } = parsed.data;

      const [cycle] = await db
        .select({
          id: reportingCycles.id,
          name: reportingCycles.name,
          publishedAt: reportingCycles.publishedAt,
          commitmentCode: commitments.code,
        })
        .from(reportingCycles)
        .innerJoin(commitments, eq(commitments.id, reportingCycles.commitmentId))
        .where(eq(reportingCycles.id, cycleId));
      // An unpublished cycle is as absent as an unknown one: its existence is not public either.
      if (!cycle?.publishedAt) return notFound('This reporting cycle is not published.');
      const detail = await catalogue.getMandate(cycle.commitmentCode, number);
      if (!detail.ok) return detail;
      const { mandate, commitment } = detail.value;

      // Two light statements first: which organizations answered and at what level (no texts), and the cycle's
      // requests that can touch this mandate (never one statement per organization).
      const [index, withholdings] = await Promise.all([
        db
          .select({
            question: publishedAnswers.question,
            progress: publishedAnswers.progress,
            mandateId: publishedAnswers.mandateId,
            organizationId: publishedAnswers.organizationId,
            code: organizations.code,
            nameEn: organizations.nameEn,
            nameEs: organizations.nameEs,
            kind: organizations.kind,
          })
          .from(publishedAnswers)
          .innerJoin(organizations, eq(organizations.id, publishedAnswers.organizationId))
          .where(and(eq(publishedAnswers.cycleId, cycleId), eq(publishedAnswers.mandateId, mandate.id))),
        db
          .select({
            organizationId: questionnaires.organizationId,
            scope: disclosureRequests.scope,
            mandateId: disclosureRequests.mandateId,
            question: disclosureRequests.question,
            field: disclosureRequests.field,
            decision: disclosureRequests.decision,
            // A refused request still withholds during the State's amendment period (decision 015): `disclose` decides.
            amendUntil: disclosureRequests.amendUntil,
            withdrawnAt: disclosureRequests.withdrawnAt,
          })
          .from(disclosureRequests)
          .innerJoin(questionnaires, eq(questionnaires.id, disclosureRequests.questionnaireId))
          .where(
            and(
              eq(questionnaires.cycleId, cycleId),
              or(eq(disclosureRequests.scope, 'questionnaire'), eq(disclosureRequests.mandateId, mandate.id)),
            ),
          ),
      ]);

      const at = now();
      const withheldBy = new Map<string, typeof withholdings>();
      for (const w of withholdings) withheldBy.set(w.organizationId, [...(withheldBy.get(w.organizationId) ?? []), w]);

      // Whether an answer is public at all does not depend on its texts (a field-level request empties a field,
      // it never hides the answer), so the texts are left for the page's organizations only.
      const counts: Record<Level, number> = { A: 0, B: 0, C: 0, D: 0 };
      const answering = new Map<string, AnsweringOrganization>();
      for (const row of index) {
        const visible = disclose({ ...row, summary: '', full: '' }, withheldBy.get(row.organizationId) ?? [], at);
        if (!visible) continue;
        if (visible.question === 'Q1' && visible.progress) counts[visible.progress] += 1;
        if (!answering.has(row.organizationId))
          answering.set(row.organizationId, { code: row.code, nameEn: row.nameEn, nameEs: row.nameEs, kind: row.kind });
      }

      // Alphabetical in the reader's language (the code breaks ties): never by progress, which would rank States.
      const collator = collators[lang];
      const nameOf = (o: AnsweringOrganization) => (lang === 'es' ? o.nameEs : o.nameEn);
      const sorted = [...answering.entries()].sort(
        ([, a], [, b]) => collator.compare(nameOf(a), nameOf(b)) || a.code.localeCompare(b.code),
      );
      const pageCount = Math.max(1, Math.ceil(sorted.length / pageSize));
      if (page > pageCount) return notFound('There is no such page.');
      const onPage = sorted.slice((page - 1) * pageSize, page * pageSize);

      const texts = onPage.length
        ? await db
            .select({
              organizationId: publishedAnswers.organizationId,
              mandateId: publishedAnswers.mandateId,
              question: publishedAnswers.question,
              indicatorCode: publishedAnswers.indicatorCode,
              progress: publishedAnswers.progress,
              summary: publishedAnswers.summary,
              full: publishedAnswers.full,
              assistanceTypes: publishedAnswers.assistanceTypes,
            })
            .from(publishedAnswers)
            .where(
              and(
                eq(publishedAnswers.cycleId, cycleId),
                eq(publishedAnswers.mandateId, mandate.id),
                inArray(
                  publishedAnswers.organizationId,
                  onPage.map(([id]) => id),
                ),
              ),
            )
        : [];
      const answersOf = new Map<string, PublicAnswer[]>(onPage.map(([id]) => [id, []]));
      for (const row of texts) {
        const visible = disclose(row, withheldBy.get(row.organizationId) ?? [], at);
        if (!visible) continue;
        answersOf.get(row.organizationId)?.push({
          question: visible.question,
          indicatorCode: visible.indicatorCode,
          progress: visible.progress,
          summary: visible.summary,
          full: visible.full,
          assistanceTypes: visible.assistanceTypes,
        });
      }
      for (const list of answersOf.values())
        list.sort(
          (a, b) =>
            QUESTION_ORDER[a.question] - QUESTION_ORDER[b.question] || a.indicatorCode.localeCompare(b.indicatorCode),
        );

      return ok({
        cycle: { id: cycle.id, name: cycle.name, publishedAt: cycle.publishedAt.toISOString() },
        commitment: { code: commitment.code, titleEn: commitment.titleEn, titleEs: commitment.titleEs },
        mandate,
        counts,
        organizations: sorted.map(([, o]) => o),
        answers: {
          page,
          pageCount,
          pageSize,
          total: sorted.length,
          items: onPage.map(([id, organization]) => ({ organization, answers: answersOf.get(id) ?? [] })),
        },
      });
    },
  };
}
export type ResultsService = ReturnType<typeof createResultsService>;
