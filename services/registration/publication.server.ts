import { and, asc, eq, inArray, isNull, lte, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  answers,
  disclosureRequests,
  mandates,
  organizations,
  publishedAnswers,
  questionnaires,
  reportingCycles,
  type AnswerRow,
  type DisclosureRequestRow,
} from '../../db/schema';
import type { Viewer } from '../actor';
import { writeAudit, type Executor } from '../audit/audit.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { isSecretariat } from '../permissions';

const requestSchema = z
  .object({
    scope: z.enum(['questionnaire', 'mandate', 'question', 'field'], 'Choose what to withhold.'),
    mandate: z.coerce.number().int().positive().optional(),
    question: z.enum(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7']).optional(),
    field: z.enum(['summary', 'full']).optional(),
    letterReference: z.string().trim().min(3, 'Give the reference of the letter to the Chair.').max(300),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((r) => r.scope === 'questionnaire' || r.mandate, { path: ['mandate'], message: 'Choose the mandate.' })
  .refine((r) => (r.scope !== 'question' && r.scope !== 'field') || r.question, { path: ['question'], message: 'Choose the question.' })
  .refine((r) => r.scope !== 'field' || r.field, { path: ['field'], message: 'Choose the field (summary or full answer).' });

type Withholding = Pick<DisclosureRequestRow, 'scope' | 'mandateId' | 'question' | 'field' | 'decision'>;

/**
 * What of an answer may be public under the State's non-disclosure requests. Pending requests count as granted
 * (until the Secretariat decides, nothing is published); refused ones do not. Returns null when the whole answer
 * is withheld, or the answer with withheld fields emptied.
 */
export function disclose<T extends Pick<AnswerRow, 'mandateId' | 'question' | 'summary' | 'full'>>(answer: T, requests: readonly Withholding[]): T | null {
  let result: T = answer;
  for (const r of requests) {
    if (r.decision === 'refused') continue;
    if (r.scope === 'questionnaire') return null;
    if (r.mandateId !== answer.mandateId) continue;
    if (r.scope === 'mandate') return null;
    if (r.question !== answer.question) continue;
    if (r.scope === 'question') return null;
    if (r.scope === 'field' && (r.field === 'summary' || r.field === 'full')) result = { ...result, [r.field]: '' };
  }
  return result;
}

/**
 * Non-disclosure requests and decisions, the publication of a cycle (claimed once in the database, whatever the
 * number of server instances), and the public read side: only what publication made public, filtered again
 * against the current decisions at every read.
 */
export function createPublicationService({ db, now }: { db: Database; now: () => Date }) {
  // Takes the executor: inside publishCycle's transaction it must be the transaction (PGlite has one connection).
  async function withholdingsOf(questionnaireIds: string[], executor: Executor = db) {
    if (!questionnaireIds.length) return new Map<string, Withholding[]>();
    const rows = await executor.select().from(disclosureRequests).where(and(inArray(disclosureRequests.questionnaireId, questionnaireIds), ne(disclosureRequests.decision, 'refused')));
    const map = new Map<string, Withholding[]>();
    for (const r of rows) map.set(r.questionnaireId, [...(map.get(r.questionnaireId) ?? []), r]);
    return map;
  }

  const service = {
    disclose,

    async requestNonDisclosure(actor: Viewer, cycleId: string, input: unknown): Promise<Outcome<DisclosureRequestRow>> {
      if (!actor || (actor.role !== 'national_coordinator' && actor.role !== 'deputy_focal_point')) return forbidden('Only the National Coordinator or the deputy focal point requests non-disclosure for their State.');
      const parsed = requestSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
      const [cycle] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, cycleId));
      if (!cycle) return notFound('This reporting cycle does not exist.');
      const [questionnaire] = await db.select().from(questionnaires).where(and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.organizationId, actor.organizationId)));
      if (!questionnaire) return conflict('Start your questionnaire first: there is nothing to withhold yet.');
      let mandateId: string | null = null;
      if (parsed.data.mandate) {
        const [mandate] = await db.select({ id: mandates.id }).from(mandates).where(and(eq(mandates.commitmentId, cycle.commitmentId), eq(mandates.number, parsed.data.mandate)));
        if (!mandate) return invalid('Check the highlighted fields.', { mandate: ['Unknown mandate.'] });
        mandateId = mandate.id;
      }
      const [row] = await db
        .insert(disclosureRequests)
        .values({ questionnaireId: questionnaire.id, scope: parsed.data.scope, mandateId, question: parsed.data.question ?? null, field: parsed.data.field ?? null, letterReference: parsed.data.letterReference, reason: parsed.data.reason ?? null, requestedBy: actor.userId, requestedAt: now() })
        .returning();
      await writeAudit(db, { action: 'disclosure.requested', actorUserId: actor.userId, organizationId: actor.organizationId, subjectType: 'disclosure_request', subjectId: row.id, data: { scope: row.scope } });
      return ok(row);
    },

    async decide(actor: Viewer, requestId: string, input: unknown): Promise<Outcome<DisclosureRequestRow>> {
      if (!actor || !isSecretariat(actor)) return forbidden('Only the Summits Secretariat records the decision on a non-disclosure request.');
      const parsed = z.object({ decision: z.enum(['granted', 'refused'], 'Granted or refused.'), note: z.string().trim().max(2000).optional() }).safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      if (!z.uuid().safeParse(requestId).success) return notFound('This request does not exist.');
      const [row] = await db
        .update(disclosureRequests)
        .set({ decision: parsed.data.decision, decisionNote: parsed.data.note ?? null, decidedBy: actor.userId, decidedAt: now() })
        .where(and(eq(disclosureRequests.id, requestId), eq(disclosureRequests.decision, 'pending')))
        .returning();
      if (!row) return conflict('This request does not exist or was already decided.');
      await writeAudit(db, { action: 'disclosure.decided', actorUserId: actor.userId, subjectType: 'disclosure_request', subjectId: row.id, data: { decision: row.decision } });
      return ok(row);
    },

    /**
     * Publishes a cycle once: the conditional update is the claim, so of several instances running the job at the
     * same minute exactly one copies the answers. Only submitted questionnaires; withheld items are left out.
     */
    async publishCycle(cycleId: string): Promise<Outcome<{ published: number }>> {
      return db.transaction(async (tx) => {
        const at = now();
        const [claimed] = await tx
          .update(reportingCycles)
          .set({ publishedAt: at })
          .where(and(eq(reportingCycles.id, cycleId), isNull(reportingCycles.publishedAt), lte(reportingCycles.publishesAt, at)))
          .returning();
        if (!claimed) return conflict('This cycle is already published, not due yet, or does not exist.');
        const submitted = await tx.select().from(questionnaires).where(and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.status, 'submitted')));
        const withholdings = await withholdingsOf(submitted.map((q) => q.id), tx);
        let published = 0;
        for (const q of submitted) {
          const rows = await tx.select().from(answers).where(eq(answers.questionnaireId, q.id));
          const visible = rows.map((a) => disclose(a, withholdings.get(q.id) ?? [])).filter((a): a is AnswerRow => a !== null);
          if (!visible.length) continue;
          await tx.insert(publishedAnswers).values(
            visible.map((a) => ({ cycleId, organizationId: q.organizationId, answerId: a.id, mandateId: a.mandateId, question: a.question, progress: a.progress, summary: a.summary, full: a.full, assistanceTypes: a.assistanceTypes, publishedAt: at })),
          );
          published += visible.length;
        }
        await writeAudit(tx, { action: 'cycle.published', subjectType: 'reporting_cycle', subjectId: cycleId, data: { answers: published, questionnaires: submitted.length } });
        return ok({ published });
      });
    },

    /** The node-cron job: every cycle whose publication date has passed. */
    async publishDue(): Promise<number> {
      const due = await db.select({ id: reportingCycles.id }).from(reportingCycles).where(and(isNull(reportingCycles.publishedAt), lte(reportingCycles.publishesAt, now())));
      let count = 0;
      for (const { id } of due) if ((await service.publishCycle(id)).ok) count += 1;
      return count;
    },

    publishedCycles: () => db.select().from(reportingCycles).where(lte(reportingCycles.publishedAt, now())).orderBy(asc(reportingCycles.publishesAt)),

    /** Public rows of a published cycle, filtered again against today's decisions (a later grant wins). */
    async publicAnswers(cycleId: string, organizationCode?: string) {
      if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
      const [cycle] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, cycleId));
      if (!cycle?.publishedAt) return notFound('This reporting cycle is not published.');
      const rows = await db
        .select({ row: publishedAnswers, mandate: mandates.number, code: organizations.code, nameEn: organizations.nameEn, nameEs: organizations.nameEs, kind: organizations.kind })
        .from(publishedAnswers)
        .innerJoin(mandates, eq(mandates.id, publishedAnswers.mandateId))
        .innerJoin(organizations, eq(organizations.id, publishedAnswers.organizationId))
        .where(and(eq(publishedAnswers.cycleId, cycleId), organizationCode ? eq(organizations.code, organizationCode) : undefined))
        .orderBy(asc(organizations.nameEn), asc(mandates.number), asc(publishedAnswers.question));
      const qs = await db.select({ id: questionnaires.id, organizationId: questionnaires.organizationId }).from(questionnaires).where(eq(questionnaires.cycleId, cycleId));
      const withholdings = await withholdingsOf(qs.map((q) => q.id));
      const byOrg = new Map(qs.map((q) => [q.organizationId, withholdings.get(q.id) ?? []]));
      const visible = rows
        .map((r) => {
          const disclosed = disclose(r.row, byOrg.get(r.row.organizationId) ?? []);
          return disclosed ? { organizationCode: r.code, organizationNameEn: r.nameEn, organizationNameEs: r.nameEs, organizationKind: r.kind, mandate: r.mandate, question: disclosed.question, progress: disclosed.progress, summary: disclosed.summary, full: disclosed.full, assistanceTypes: disclosed.assistanceTypes } : null;
        })
        .filter((r): r is NonNullable<typeof r> => r !== null);
      return ok({ cycle, answers: visible });
    },

    /** Per mandate, how many organizations reported each level A–D. Counts only: no State is named or ranked. */
    async distribution(cycleId: string) {
      const result = await service.publicAnswers(cycleId);
      if (!result.ok) return result;
      const perMandate = new Map<number, Record<'A' | 'B' | 'C' | 'D', number>>();
      for (const a of result.value.answers) {
        if (a.question !== 'Q1' || !a.progress) continue;
        const counts = perMandate.get(a.mandate) ?? { A: 0, B: 0, C: 0, D: 0 };
        counts[a.progress] += 1;
        perMandate.set(a.mandate, counts);
      }
      return ok({ cycle: result.value.cycle, mandates: [...perMandate.entries()].sort((a, b) => a[0] - b[0]).map(([mandate, counts]) => ({ mandate, counts })) });
    },

    /** The public export of a published cycle. CSV cells are quoted, and formulas are neutralised for spreadsheets. */
    async exportCycle(cycleId: string, format: 'csv' | 'json') {
      const result = await service.publicAnswers(cycleId);
      if (!result.ok) return result;
      if (format === 'json') return ok(JSON.stringify({ cycle: { id: result.value.cycle.id, name: result.value.cycle.name, publishedAt: result.value.cycle.publishedAt }, answers: result.value.answers }, null, 2));
      const cell = (v: unknown) => {
        let text = Array.isArray(v) ? v.join(' | ') : v === null || v === undefined ? '' : String(v);
        if (/^[=+\-@]/.test(text)) text = `'${text}`;
        return `"${text.replace(/"/g, '""')}"`;
      };
      const header = ['organization', 'organization_name', 'mandate', 'question', 'progress', 'summary', 'full', 'assistance_types'];
      const lines = result.value.answers.map((a) => [a.organizationCode, a.organizationNameEn, a.mandate, a.question, a.progress, a.summary, a.full, a.assistanceTypes].map(cell).join(','));
      return ok([header.join(','), ...lines].join('\r\n') + '\r\n');
    },

    async listRequests(viewer: Viewer, cycleId: string) {
      if (!viewer) return forbidden();
      if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
      const rows = await db
        .select({ request: disclosureRequests, organizationId: questionnaires.organizationId, code: organizations.code })
        .from(disclosureRequests)
        .innerJoin(questionnaires, eq(questionnaires.id, disclosureRequests.questionnaireId))
        .innerJoin(organizations, eq(organizations.id, questionnaires.organizationId))
        .where(and(eq(questionnaires.cycleId, cycleId), isSecretariat(viewer) ? undefined : eq(questionnaires.organizationId, viewer.organizationId)));
      return ok(rows.map((r) => ({ ...r.request, organizationCode: r.code })));
    },
  };
  return service;
}
export type PublicationService = ReturnType<typeof createPublicationService>;
