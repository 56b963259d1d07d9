import { and, asc, eq, inArray, isNull, lte, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { randomUUID } from 'node:crypto';
import {
  answers,
  attachments,
  disclosureRequests,
  mandates,
  organizations,
  publishedAnswers,
  publishedAttachments,
  questionnaires,
  reportingCycles,
  type AnswerRow,
  type DisclosureRequestRow,
} from '../../db/schema';
import type { Viewer } from '../actor';
import { writeAudit, type Executor } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Failure, type Outcome } from '../outcome';
import { isSecretariat } from '../permissions';
import { createMemoryFileStore, discardAll, storageKeyFor, type FileStore } from '../storage/file-store';
import { questionsFor } from './questions';
import { DEFAULT_ATTACHMENT_MAX_BYTES, stageUpload, type UploadedFile } from './uploads.server';

const requestSchema = z
  .object({
    scope: z.enum(['questionnaire', 'mandate', 'question', 'field', 'attachment'], 'Choose what to withhold.'),
    mandate: z.coerce.number().int().positive().optional(),
    question: z.enum(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7']).optional(),
    field: z.enum(['summary', 'full']).optional(),
    /** For scope 'attachment': one of the State's attached documents in this cycle. */
    attachmentId: z.uuid('Choose the attached document to withhold.').optional(),
    letterReference: z.string().trim().min(3, 'Give the reference of the letter to the Chair.').max(300),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((r) => r.scope === 'questionnaire' || r.scope === 'attachment' || r.mandate, { path: ['mandate'], message: 'Choose the mandate.' })
  .refine((r) => r.scope !== 'attachment' || r.attachmentId, { path: ['attachmentId'], message: 'Choose the attached document to withhold.' })
  .refine((r) => (r.scope !== 'question' && r.scope !== 'field') || r.question, { path: ['question'], message: 'Choose the question.' })
  .refine((r) => r.scope !== 'field' || r.field, { path: ['field'], message: 'Choose the field (summary or full answer).' });

export type Withholding = Pick<DisclosureRequestRow, 'scope' | 'mandateId' | 'question' | 'field' | 'decision'> & { attachmentId?: string | null };

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
    if (r.scope === 'attachment') continue; // withholds one document, not the answer's text
    if (r.mandateId !== answer.mandateId) continue;
    if (r.scope === 'mandate') return null;
    if (r.question !== answer.question) continue;
    if (r.scope === 'question') return null;
    if (r.scope === 'field' && (r.field === 'summary' || r.field === 'full')) result = { ...result, [r.field]: '' };
  }
  return result;
}

/**
 * Whether an attached document of an answer is withheld: a request for the document itself, or for anything that
 * contains it (the questionnaire, the answer's mandate, the answer's question). A withheld field is text only.
 * Like disclose(), used at publication and again at every public read and download.
 */
export function attachmentWithheld(attachment: { id: string }, answer: Pick<AnswerRow, 'mandateId' | 'question'>, requests: readonly Withholding[]): boolean {
  return requests.some((r) => {
    if (r.decision === 'refused') return false;
    if (r.scope === 'questionnaire') return true;
    if (r.scope === 'attachment') return r.attachmentId === attachment.id;
    if (r.mandateId !== answer.mandateId) return false;
    if (r.scope === 'mandate') return true;
    return r.scope === 'question' && r.question === answer.question;
  });
}

/**
 * Non-disclosure requests and decisions, the publication of a cycle (claimed once in the database, whatever the
 * number of server instances), and the public read side: only what publication made public, filtered again
 * against the current decisions at every read.
 */
interface PublicationDeps {
  db: Database;
  now: () => Date;
  /** Where letters to the Chair are kept (the same store as answer attachments). */
  store?: FileStore;
  maxBytes?: number;
  /** `results.changed` goes out after every change to what the public may read, so cached public pages drop it. */
  events?: DomainEventBus;
}

export function createPublicationService({ db, now, store = createMemoryFileStore(), maxBytes = DEFAULT_ATTACHMENT_MAX_BYTES, events }: PublicationDeps) {
  const announce = (reason: 'published' | 'disclosure_requested' | 'disclosure_decided') => events?.emit('results.changed', { reason });
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

    /**
     * Records a request; the letter to the Chair, when given, is stored as an attachment of the request. Everything
     * is checked before the letter is streamed in, and a refused letter records nothing.
     */
    async requestNonDisclosure(actor: Viewer, cycleId: string, input: unknown, letter?: UploadedFile): Promise<Outcome<DisclosureRequestRow>> {
      const refuse = async (failure: Failure) => {
        if (letter) await discardAll(letter.data);
        return failure;
      };
      if (!actor || (actor.role !== 'national_coordinator' && actor.role !== 'deputy_focal_point')) return refuse(forbidden('Only the National Coordinator or the deputy focal point requests non-disclosure for their State.'));
      const parsed = requestSchema.safeParse(input);
      if (!parsed.success) return refuse(invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues)));
      // Q7 is asked of JSWG organizations only (and Q4, Q5 of States only): nothing to withhold in a question never answered.
      if (parsed.data.question && parsed.data.scope !== 'attachment' && !questionsFor(actor.organizationKind).includes(parsed.data.question)) {
        return refuse(invalid('Check the highlighted fields.', { question: ['Your organization is not asked this question, so it has no answer to withhold.'] }));
      }
      if (!z.uuid().safeParse(cycleId).success) return refuse(notFound('This reporting cycle does not exist.'));
      const [cycle] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, cycleId));
      if (!cycle) return refuse(notFound('This reporting cycle does not exist.'));
      const [questionnaire] = await db.select().from(questionnaires).where(and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.organizationId, actor.organizationId)));
      if (!questionnaire) return refuse(conflict('Start your questionnaire first: there is nothing to withhold yet.'));
      let mandateId: string | null = null;
      if (parsed.data.mandate && parsed.data.scope !== 'attachment') {
        const [mandate] = await db.select({ id: mandates.id }).from(mandates).where(and(eq(mandates.commitmentId, cycle.commitmentId), eq(mandates.number, parsed.data.mandate)));
        if (!mandate) return refuse(invalid('Check the highlighted fields.', { mandate: ['Unknown mandate.'] }));
        mandateId = mandate.id;
      }
      let attachmentId: string | null = null;
      if (parsed.data.scope === 'attachment') {
        // Ownership inside the query: only a document of this State's questionnaire in this cycle.
        const [document] = await db
          .select({ id: attachments.id })
          .from(attachments)
          .where(and(eq(attachments.id, parsed.data.attachmentId!), eq(attachments.questionnaireId, questionnaire.id), eq(attachments.purpose, 'answer'), isNull(attachments.removedAt)));
        if (!document) return refuse(invalid('Check the highlighted fields.', { attachmentId: ['Choose one of your attached documents in this cycle.'] }));
        attachmentId = document.id;
      }
      const hasLetter = !!letter && letter.fileName.trim() !== '';
      const staged = hasLetter ? await stageUpload(store, maxBytes, letter!, 'letter') : null;
      if (staged && !staged.ok) return staged;
      if (!hasLetter && letter) await discardAll(letter.data);
      const letterId = randomUUID();
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(disclosureRequests)
          .values({ questionnaireId: questionnaire.id, scope: parsed.data.scope, mandateId, question: parsed.data.scope === 'attachment' ? null : (parsed.data.question ?? null), field: parsed.data.field ?? null, attachmentId, letterReference: parsed.data.letterReference, reason: parsed.data.reason ?? null, requestedBy: actor.userId, requestedAt: now() })
          .returning();
        if (staged?.ok) {
          const { file, fileName, mediaType } = staged.value;
          await tx.insert(attachments).values({ id: letterId, questionnaireId: questionnaire.id, purpose: 'disclosure_letter', disclosureRequestId: created.id, fileName, mediaType, sizeBytes: file.size, sha256: file.sha256, storageKey: storageKeyFor(letterId), uploadedBy: actor.userId, uploadedAt: now() });
          await writeAudit(tx, { action: 'attachment.uploaded', actorUserId: actor.userId, organizationId: actor.organizationId, subjectType: 'attachment', subjectId: letterId, data: { fileName, sha256: file.sha256, purpose: 'disclosure_letter', disclosureRequestId: created.id } });
        }
        return created;
      });
      // The row exists only once the bytes are in place; a failed move leaves a row the download reports as missing.
      if (staged?.ok) await staged.value.file.commit(storageKeyFor(letterId));
      await writeAudit(db, { action: 'disclosure.requested', actorUserId: actor.userId, organizationId: actor.organizationId, subjectType: 'disclosure_request', subjectId: row.id, data: { scope: row.scope } });
      announce('disclosure_requested'); // a pending request withholds at once
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
      announce('disclosure_decided');
      return ok(row);
    },

    /**
     * Publishes a cycle once: the conditional update is the claim, so of several instances running the job at the
     * same minute exactly one copies the answers. Only submitted questionnaires; withheld items are left out.
     */
    async publishCycle(cycleId: string): Promise<Outcome<{ published: number }>> {
      const result = await db.transaction(async (tx): Promise<Outcome<{ published: number }>> => {
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
        let publishedFiles = 0;
        for (const q of submitted) {
          const requests = withholdings.get(q.id) ?? [];
          const rows = await tx.select().from(answers).where(eq(answers.questionnaireId, q.id));
          const visible = rows.map((a) => disclose(a, requests)).filter((a): a is AnswerRow => a !== null);
          if (!visible.length) continue;
          const inserted = await tx
            .insert(publishedAnswers)
            .values(visible.map((a) => ({ cycleId, organizationId: q.organizationId, answerId: a.id, mandateId: a.mandateId, indicatorCode: a.indicatorCode, question: a.question, progress: a.progress, summary: a.summary, full: a.full, assistanceTypes: a.assistanceTypes, publishedAt: at })))
            .returning({ id: publishedAnswers.id, answerId: publishedAnswers.answerId });
          published += visible.length;
          // The documents of the published answers, except withheld ones: they never reach the public snapshot.
          const byAnswer = new Map(visible.map((a) => [a.id, a]));
          const publishedIdOf = new Map(inserted.map((r) => [r.answerId, r.id]));
          const files = await tx
            .select({ id: attachments.id, answerId: attachments.answerId })
            .from(attachments)
            .where(and(inArray(attachments.answerId, [...byAnswer.keys()]), eq(attachments.purpose, 'answer'), isNull(attachments.removedAt)));
          const publicFiles = files.filter((f) => f.answerId && !attachmentWithheld(f, byAnswer.get(f.answerId)!, requests));
          if (publicFiles.length) {
            await tx.insert(publishedAttachments).values(publicFiles.map((f) => ({ cycleId, publishedAnswerId: publishedIdOf.get(f.answerId!)!, attachmentId: f.id, publishedAt: at })));
            publishedFiles += publicFiles.length;
          }
        }
        await writeAudit(tx, { action: 'cycle.published', subjectType: 'reporting_cycle', subjectId: cycleId, data: { answers: published, attachments: publishedFiles, questionnaires: submitted.length } });
        return ok({ published });
      });
      if (result.ok) announce('published');
      return result;
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
        .orderBy(asc(organizations.nameEn), asc(mandates.number), asc(publishedAnswers.indicatorCode), asc(publishedAnswers.question));
      const qs = await db.select({ id: questionnaires.id, organizationId: questionnaires.organizationId }).from(questionnaires).where(eq(questionnaires.cycleId, cycleId));
      const withholdings = await withholdingsOf(qs.map((q) => q.id));
      const byOrg = new Map(qs.map((q) => [q.organizationId, withholdings.get(q.id) ?? []]));
      const files = rows.length
        ? await db
            .select({ publishedAnswerId: publishedAttachments.publishedAnswerId, id: attachments.id, fileName: attachments.fileName, mediaType: attachments.mediaType, sizeBytes: attachments.sizeBytes })
            .from(publishedAttachments)
            .innerJoin(attachments, eq(attachments.id, publishedAttachments.attachmentId))
            .where(and(eq(publishedAttachments.cycleId, cycleId), isNull(attachments.removedAt)))
            .orderBy(asc(attachments.uploadedAt))
        : [];
      const filesOf = new Map<string, typeof files>();
      for (const f of files) filesOf.set(f.publishedAnswerId, [...(filesOf.get(f.publishedAnswerId) ?? []), f]);
      const visible = rows
        .map((r) => {
          const requests = byOrg.get(r.row.organizationId) ?? [];
          const disclosed = disclose(r.row, requests);
          if (!disclosed) return null;
          const documents = (filesOf.get(r.row.id) ?? []).filter((f) => !attachmentWithheld(f, r.row, requests)).map((f) => ({ id: f.id, fileName: f.fileName, mediaType: f.mediaType, sizeBytes: f.sizeBytes }));
          return { organizationCode: r.code, organizationNameEn: r.nameEn, organizationNameEs: r.nameEs, organizationKind: r.kind, mandate: r.mandate, indicator: disclosed.indicatorCode, question: disclosed.question, progress: disclosed.progress, summary: disclosed.summary, full: disclosed.full, assistanceTypes: disclosed.assistanceTypes, attachments: documents };
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
      // The organizations with published answers, from the same read (the cycle page lists them beside the chart).
      const organizations = [...new Map(result.value.answers.map((a) => [a.organizationCode, { code: a.organizationCode, nameEn: a.organizationNameEn, nameEs: a.organizationNameEs }])).values()];
      return ok({ cycle: result.value.cycle, mandates: [...perMandate.entries()].sort((a, b) => a[0] - b[0]).map(([mandate, counts]) => ({ mandate, counts })), organizations });
    },

    /** The public export of a published cycle. CSV cells are quoted, and formulas are neutralised for spreadsheets. */
    async exportCycle(cycleId: string, format: 'csv' | 'json') {
      const result = await service.publicAnswers(cycleId);
      if (!result.ok) return result;
      if (format === 'json') return ok(JSON.stringify({ cycle: { id: result.value.cycle.id, name: result.value.cycle.name, publishedAt: result.value.cycle.publishedAt }, answers: result.value.answers }, null, 2));
      const cell = csvCell;
      const header = ['organization', 'organization_name', 'mandate', 'indicator', 'question', 'progress', 'summary', 'full', 'assistance_types', 'attachments'];
      const lines = result.value.answers.map((a) =>
        [a.organizationCode, a.organizationNameEn, a.mandate, a.indicator, a.question, a.progress, a.summary, a.full, a.assistanceTypes, a.attachments.map((f) => f.fileName)].map(cell).join(','),
      );
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
      const ids = rows.map((r) => r.request.id);
      const documentIds = rows.map((r) => r.request.attachmentId).filter((id): id is string => !!id);
      const letters = ids.length
        ? await db.select({ id: attachments.id, requestId: attachments.disclosureRequestId, fileName: attachments.fileName }).from(attachments).where(and(inArray(attachments.disclosureRequestId, ids), isNull(attachments.removedAt)))
        : [];
      const documents = documentIds.length ? await db.select({ id: attachments.id, fileName: attachments.fileName }).from(attachments).where(inArray(attachments.id, documentIds)) : [];
      return ok(
        rows.map((r) => ({
          ...r.request,
          organizationCode: r.code,
          letter: letters.find((l) => l.requestId === r.request.id) ?? null,
          attachmentFileName: documents.find((d) => d.id === r.request.attachmentId)?.fileName ?? null,
        })),
      );
    },

    /**
     * The Secretariat closes a cycle and publishes it now instead of waiting for its date (for instance when every
     * organization has submitted). The dates are moved, not ignored, so the cycle reads as closed and published.
     */
    async publishNow(actor: Viewer, cycleId: string): Promise<Outcome<{ published: number }>> {
      if (!actor || !isSecretariat(actor)) return forbidden('Only the Summits Secretariat publishes a cycle.');
      if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
      const [cycle] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, cycleId));
      if (!cycle) return notFound('This reporting cycle does not exist.');
      if (cycle.publishedAt) return conflict('This cycle is already published.');
      const at = now();
      await db
        .update(reportingCycles)
        .set({ closesAt: cycle.closesAt < at ? cycle.closesAt : at, publishesAt: cycle.publishesAt < at ? cycle.publishesAt : at, opensAt: cycle.opensAt < at ? cycle.opensAt : new Date(at.getTime() - 1) })
        .where(and(eq(reportingCycles.id, cycleId), isNull(reportingCycles.publishedAt)));
      const result = await service.publishCycle(cycleId);
      if (result.ok) await writeAudit(db, { action: 'cycle.published_now', actorUserId: actor.userId, organizationId: actor.organizationId, subjectType: 'reporting_cycle', subjectId: cycleId, data: { answers: result.value.published } });
      return result;
    },
  };
  return service;
}
export type PublicationService = ReturnType<typeof createPublicationService>;

/**
 * One quoted CSV cell for the public export. A cell a spreadsheet would read as a formula (starting with `=`, `+`,
 * `-`, `@`, or a TAB or CR, which some spreadsheets skip before evaluating) is prefixed with a single quote.
 */
export function csvCell(v: unknown): string {
  let text = Array.isArray(v) ? v.join(' | ') : v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
