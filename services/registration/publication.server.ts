import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
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
  questionnairePublications,
  questionnaires,
  reportingCycles,
  type AnswerRow,
  type DisclosureRequestRow,
  type QuestionnaireRow,
} from '../../db/schema';
import type { Viewer } from '../actor';
import { writeAudit, type Executor } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { notifyOrganization } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Failure, type Outcome } from '../outcome';
import { can, isSecretariat } from '../permissions';
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
  .refine((r) => r.scope === 'questionnaire' || r.scope === 'attachment' || r.mandate, {
    path: ['mandate'],
    message: 'Choose the mandate.',
  })
  .refine((r) => r.scope !== 'attachment' || r.attachmentId, {
    path: ['attachmentId'],
    message: 'Choose the attached document to withhold.',
  })
  .refine((r) => (r.scope !== 'question' && r.scope !== 'field') || r.question, {
    path: ['question'],
    message: 'Choose the question.',
  })
  .refine((r) => r.scope !== 'field' || r.field, {
    path: ['field'],
    message: 'Choose the field (summary or full answer).',
  });

export type Withholding = Pick<DisclosureRequestRow, 'scope' | 'mandateId' | 'question' | 'field' | 'decision'> & {
  attachmentId?: string | null;
  /** A refusal's amendment period: until then the refused item is still withheld (decision 015). */
  amendUntil?: Date | string | null;
  /** The State withdrew the refused content: it stays withheld for good. */
  withdrawnAt?: Date | string | null;
};

/**
 * Whether a request withholds at `now`: pending (until the Chair decides, nothing is published) and granted ones do;
 * a refused one does while the State's amendment period runs, and for good once the State withdrew the content.
 */
export function withholds(request: Withholding, now: Date = new Date()): boolean {
  if (request.decision !== 'refused') return true;
  if (request.withdrawnAt) return true;
  return !!request.amendUntil && new Date(request.amendUntil).getTime() > now.getTime();
}

/**
 * What of an answer may be public under the State's non-disclosure requests at `now` (see `withholds`). Returns
 * null when the whole answer is withheld, or the answer with withheld fields emptied.
 */
export function disclose<T extends Pick<AnswerRow, 'mandateId' | 'question' | 'summary' | 'full'>>(
  answer: T,
  requests: readonly Withholding[],
  now: Date = new Date(),
): T | null {
  let result: T = answer;
  for (const r of requests) {
    if (!withholds(r, now)) continue;
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
export function attachmentWithheld(
  attachment: { id: string },
  answer: Pick<AnswerRow, 'mandateId' | 'question'>,
  requests: readonly Withholding[],
  now: Date = new Date(),
): boolean {
  return requests.some((r) => {
    if (!withholds(r, now)) return false;
    if (r.scope === 'questionnaire') return true;
    if (r.scope === 'attachment') return r.attachmentId === attachment.id;
    if (r.mandateId !== answer.mandateId) return false;
    if (r.scope === 'mandate') return true;
    return r.scope === 'question' && r.question === answer.question;
  });
}

/** What a request asks to withhold, as one key: two requests with the same key ask for the same thing. */
export function disclosureTarget(
  request: Pick<DisclosureRequestRow, 'scope' | 'mandateId' | 'question' | 'field' | 'attachmentId'>,
): string {
  // Only the columns the scope uses: a form sent without JavaScript may carry a mandate with a whole-questionnaire scope.
  switch (request.scope) {
    case 'questionnaire':
      return 'questionnaire';
    case 'mandate':
      return `mandate:${request.mandateId}`;
    case 'question':
      return `question:${request.mandateId}:${request.question}`;
    case 'field':
      return `field:${request.mandateId}:${request.question}:${request.field}`;
    case 'attachment':
      return `attachment:${request.attachmentId}`;
  }
}

/**
 * A request already made for the same thing and still in force at `now` (pending, granted, or refused with its
 * amendment period running or its content withdrawn): asking again would only duplicate it. Requests carried over
 * from the previous cycle count, since they withhold in this one.
 */
export function alreadyRequested(
  target: Parameters<typeof disclosureTarget>[0],
  requests: ReadonlyArray<Parameters<typeof disclosureTarget>[0] & Withholding>,
  now: Date = new Date(),
): boolean {
  const key = disclosureTarget(target);
  return requests.some((r) => withholds(r, now) && disclosureTarget(r) === key);
}

const DUPLICATE_REQUEST =
  'This is already withheld, or a request to withhold it is waiting for the Chair’s decision: there is nothing to request again.';

/** What a published version publishes: one submission (by its time), or the release of refused content. */
const submissionBasis = (q: Pick<QuestionnaireRow, 'submittedAt'>) => `submission:${q.submittedAt!.toISOString()}`;

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
  /** Days a State has to amend or withdraw content the Chair refused to withhold (DISCLOSURE_AMEND_DAYS). */
  amendDays?: number;
}

export const DEFAULT_DISCLOSURE_AMEND_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

const decisionSchema = z.object({
  decision: z.enum(['granted', 'refused'], 'Granted or refused.'),
  /** The Chair's written reply: the decision is the Chair's, the Secretariat records it on the Chair's behalf. */
  chairReply: z
    .string('Give the reference of the Chair’s written reply.')
    .trim()
    .min(3, 'Give the reference of the Chair’s written reply.')
    .max(300),
  note: z.string().trim().max(2000).optional(),
});

export function createPublicationService({
  db,
  now,
  store = createMemoryFileStore(),
  maxBytes = DEFAULT_ATTACHMENT_MAX_BYTES,
  events,
  amendDays = DEFAULT_DISCLOSURE_AMEND_DAYS,
}: PublicationDeps) {
  const announce = (reason: 'published' | 'disclosure_requested' | 'disclosure_decided') =>
    events?.emit('results.changed', { reason });
  // Takes the executor: inside a publication's transaction it must be the transaction (PGlite has one connection).
  // Every request is read; `withholds` decides at `now` (refused ones still withhold during the amendment period).
  async function withholdingsOf(questionnaireIds: string[], executor: Executor = db) {
    if (!questionnaireIds.length) return new Map<string, Withholding[]>();
    const rows = await executor
      .select()
      .from(disclosureRequests)
      .where(inArray(disclosureRequests.questionnaireId, questionnaireIds));
    const map = new Map<string, Withholding[]>();
    for (const r of rows) map.set(r.questionnaireId, [...(map.get(r.questionnaireId) ?? []), r]);
    return map;
  }

  /**
   * Publishes a submitted questionnaire as its next version: the insert into questionnaire_publications is the claim
   * (unique per questionnaire and basis, and per questionnaire and version), so whatever the number of instances a
   * given submission is published once. The organization's rows in published_answers are replaced by the new
   * snapshot (withheld items left out, at `at`). Returns null when another run already claimed it.
   */
  async function publishQuestionnaire(
    tx: Executor,
    q: QuestionnaireRow,
    basis: string,
    at: Date,
  ): Promise<{ answers: number; attachments: number; version: number } | null> {
    const [last] = await tx
      .select({ version: questionnairePublications.version })
      .from(questionnairePublications)
      .where(eq(questionnairePublications.questionnaireId, q.id))
      .orderBy(desc(questionnairePublications.version))
      .limit(1);
    const version = (last?.version ?? 0) + 1;
    const [claimed] = await tx
      .insert(questionnairePublications)
      .values({
        cycleId: q.cycleId,
        questionnaireId: q.id,
        organizationId: q.organizationId,
        version,
        basis,
        submittedAt: q.submittedAt ?? at,
        publishedAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (!claimed) return null;
    // The previous version's snapshot goes (its documents with it, by cascade); the history keeps its date.
    await tx
      .delete(publishedAnswers)
      .where(and(eq(publishedAnswers.cycleId, q.cycleId), eq(publishedAnswers.organizationId, q.organizationId)));
    const requests = (await withholdingsOf([q.id], tx)).get(q.id) ?? [];
    const rows = await tx.select().from(answers).where(eq(answers.questionnaireId, q.id));
    const visible = rows.map((a) => disclose(a, requests, at)).filter((a): a is AnswerRow => a !== null);
    let files = 0;
    if (visible.length) {
      const inserted = await tx
        .insert(publishedAnswers)
        .values(
          visible.map((a) => ({
            cycleId: q.cycleId,
            organizationId: q.organizationId,
            answerId: a.id,
            mandateId: a.mandateId,
            indicatorCode: a.indicatorCode,
            question: a.question,
            progress: a.progress,
            summary: a.summary,
            full: a.full,
            assistanceTypes: a.assistanceTypes,
            publishedAt: at,
          })),
        )
        .returning({ id: publishedAnswers.id, answerId: publishedAnswers.answerId });
      // The documents of the published answers, except withheld ones: they never reach the public snapshot.
      const byAnswer = new Map(visible.map((a) => [a.id, a]));
      const publishedIdOf = new Map(inserted.map((r) => [r.answerId, r.id]));
      const found = await tx
        .select({ id: attachments.id, answerId: attachments.answerId })
        .from(attachments)
        .where(
          and(
            inArray(attachments.answerId, [...byAnswer.keys()]),
            eq(attachments.purpose, 'answer'),
            isNull(attachments.removedAt),
          ),
        );
      const publicFiles = found.filter(
        (f) => f.answerId && !attachmentWithheld(f, byAnswer.get(f.answerId)!, requests, at),
      );
      if (publicFiles.length) {
        await tx.insert(publishedAttachments).values(
          publicFiles.map((f) => ({
            cycleId: q.cycleId,
            publishedAnswerId: publishedIdOf.get(f.answerId!)!,
            attachmentId: f.id,
            publishedAt: at,
          })),
        );
        files = publicFiles.length;
      }
    }
    await tx
      .update(questionnairePublications)
      .set({ answers: visible.length })
      .where(eq(questionnairePublications.id, claimed.id));
    await writeAudit(tx, {
      action: 'questionnaire.published',
      organizationId: q.organizationId,
      subjectType: 'questionnaire',
      subjectId: q.id,
      data: { version, basis, answers: visible.length, attachments: files },
    });
    return { answers: visible.length, attachments: files, version };
  }

  /**
   * A refusal recorded after publication: what the refused request covers leaves the public snapshot at once (it is
   * withheld during the amendment period), so no reader can serve it, whatever filter it applies. It comes back with
   * the release's new version, or the State's next submission.
   */
  async function pruneSnapshot(
    tx: Executor,
    q: Pick<QuestionnaireRow, 'cycleId' | 'organizationId'>,
    request: DisclosureRequestRow,
  ) {
    const asPending: Withholding[] = [{ ...request, decision: 'pending' }];
    const rows = await tx
      .select()
      .from(publishedAnswers)
      .where(and(eq(publishedAnswers.cycleId, q.cycleId), eq(publishedAnswers.organizationId, q.organizationId)));
    for (const row of rows) {
      const shown = disclose(row, asPending);
      if (!shown) {
        await tx.delete(publishedAnswers).where(eq(publishedAnswers.id, row.id));
        continue;
      }
      if (shown.summary !== row.summary || shown.full !== row.full)
        await tx
          .update(publishedAnswers)
          .set({ summary: shown.summary, full: shown.full })
          .where(eq(publishedAnswers.id, row.id));
      const files = await tx
        .select({ id: publishedAttachments.id, attachmentId: publishedAttachments.attachmentId })
        .from(publishedAttachments)
        .where(eq(publishedAttachments.publishedAnswerId, row.id));
      for (const f of files)
        if (attachmentWithheld({ id: f.attachmentId }, row, asPending))
          await tx.delete(publishedAttachments).where(eq(publishedAttachments.id, f.id));
    }
  }

  /**
   * The amendment periods that ended: each refused request not withdrawn is released once (the conditional update of
   * `released_at` is the claim) and, when its questionnaire is submitted in a published cycle, the questionnaire is
   * published again as a new version that includes the content. Returns how many versions it published.
   */
  async function releaseEnded(): Promise<number> {
    const ended = await db
      .select({ id: disclosureRequests.id })
      .from(disclosureRequests)
      .where(
        and(
          eq(disclosureRequests.decision, 'refused'),
          isNull(disclosureRequests.releasedAt),
          isNull(disclosureRequests.withdrawnAt),
          lte(disclosureRequests.amendUntil, now()),
        ),
      );
    let count = 0;
    for (const { id } of ended) {
      const published = await db
        .transaction(async (tx) => {
          const at = now();
          const [released] = await tx
            .update(disclosureRequests)
            .set({ releasedAt: at })
            .where(
              and(
                eq(disclosureRequests.id, id),
                isNull(disclosureRequests.releasedAt),
                isNull(disclosureRequests.withdrawnAt),
                lte(disclosureRequests.amendUntil, at),
              ),
            )
            .returning();
          if (!released) return false;
          await writeAudit(tx, {
            action: 'disclosure.released',
            subjectType: 'disclosure_request',
            subjectId: id,
            data: { amendUntil: released.amendUntil?.toISOString() ?? null },
          });
          const [q] = await tx
            .select()
            .from(questionnaires)
            .where(eq(questionnaires.id, released.questionnaireId))
            .for('update');
          const [cycle] = await tx
            .select({ publishedAt: reportingCycles.publishedAt })
            .from(reportingCycles)
            .where(eq(reportingCycles.id, q.cycleId));
          // A draft is never published: a questionnaire reopened now is published when it is submitted again.
          if (q.status !== 'submitted' || !cycle?.publishedAt) return false;
          // A version published after the period ended already includes the content: nothing more to publish.
          const [latest] = await tx
            .select({ publishedAt: questionnairePublications.publishedAt })
            .from(questionnairePublications)
            .where(eq(questionnairePublications.questionnaireId, q.id))
            .orderBy(desc(questionnairePublications.version))
            .limit(1);
          if (latest && released.amendUntil && latest.publishedAt.getTime() >= released.amendUntil.getTime())
            return false;
          const done = await publishQuestionnaire(tx, q, `release:${id}`, at);
          // Another version claimed the same number at the same moment: roll back, the next run releases it.
          if (!done) throw new Error('publication claimed concurrently');
          return true;
        })
        .catch(() => false);
      if (published) {
        count += 1;
        announce('published');
      }
    }
    return count;
  }

  /**
   * The cycle's first publication, at its date or earlier (`early`, by the Secretariat): the conditional update of
   * `published_at` is the claim, then every questionnaire submitted so far is published. The window is not touched:
   * organizations still answering keep it, and their submissions are published as they arrive.
   */
  async function publishCycleOnce(cycleId: string, early: boolean): Promise<Outcome<{ published: number }>> {
    if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
    const result = await db.transaction(async (tx): Promise<Outcome<{ published: number }>> => {
      const at = now();
      const [claimed] = await tx
        .update(reportingCycles)
        .set({ publishedAt: at })
        .where(
          and(
            eq(reportingCycles.id, cycleId),
            isNull(reportingCycles.publishedAt),
            early ? undefined : lte(reportingCycles.publishesAt, at),
          ),
        )
        .returning();
      if (!claimed) return conflict('This cycle is already published, not due yet, or does not exist.');
      const submitted = await tx
        .select()
        .from(questionnaires)
        .where(and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.status, 'submitted')));
      let published = 0;
      let publishedFiles = 0;
      for (const q of submitted) {
        const done = await publishQuestionnaire(tx, q, submissionBasis(q), at);
        published += done?.answers ?? 0;
        publishedFiles += done?.attachments ?? 0;
      }
      await writeAudit(tx, {
        action: 'cycle.published',
        subjectType: 'reporting_cycle',
        subjectId: cycleId,
        data: { answers: published, attachments: publishedFiles, questionnaires: submitted.length, early },
      });
      return ok({ published });
    });
    if (result.ok) announce('published');
    return result;
  }

  /**
   * A questionnaire submitted (again) in a cycle whose publication has begun: published at once as its next version.
   * The row is locked and re-read in the transaction, so a questionnaire reopened meanwhile is not published.
   */
  async function publishSubmission(questionnaireId: string): Promise<Outcome<{ published: number; version: number }>> {
    if (!z.uuid().safeParse(questionnaireId).success) return notFound('This questionnaire does not exist.');
    const result = await db.transaction(async (tx): Promise<Outcome<{ published: number; version: number }>> => {
      const [q] = await tx.select().from(questionnaires).where(eq(questionnaires.id, questionnaireId)).for('update');
      if (!q) return notFound('This questionnaire does not exist.');
      const [cycle] = await tx
        .select({ publishedAt: reportingCycles.publishedAt })
        .from(reportingCycles)
        .where(eq(reportingCycles.id, q.cycleId));
      if (q.status !== 'submitted' || !cycle?.publishedAt)
        return conflict('Nothing to publish: the questionnaire is not submitted or its cycle is not published yet.');
      const done = await publishQuestionnaire(tx, q, submissionBasis(q), now());
      if (!done) return conflict('This submission is already published.');
      return ok({ published: done.answers, version: done.version });
    });
    if (result.ok) announce('published');
    return result;
  }

  // A submission in a published cycle (late in the window, or a late update after reopening) is published at once by
  // publishSubmission, wired in services/subscriptions.ts; the cron sweep (`publishDue`) catches any the event missed.

  const service = {
    disclose,

    /**
     * Records a request; the letter to the Chair, when given, is stored as an attachment of the request. Everything
     * is checked before the letter is streamed in, and a refused letter records nothing.
     */
    async requestNonDisclosure(
      actor: Viewer,
      cycleId: string,
      input: unknown,
      letter?: UploadedFile,
    ): Promise<Outcome<DisclosureRequestRow>> {
      const refuse = async (failure: Failure) => {
        if (letter) await discardAll(letter.data);
        return failure;
      };
      if (!actor || !can(actor, { action: 'disclosure.request' }))
        return refuse(
          forbidden('Only the National Coordinator or the deputy focal point requests non-disclosure for their State.'),
        );
      const parsed = requestSchema.safeParse(input);
      if (!parsed.success)
        return refuse(
          invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues)),
        );
      // Q7 is asked of JSWG organizations only (and Q4, Q5 of States only): nothing to withhold in a question never answered.
      if (
        parsed.data.question &&
        parsed.data.scope !== 'attachment' &&
        !questionsFor(actor.organizationKind).includes(parsed.data.question)
      ) {
        return refuse(
          invalid('Check the highlighted fields.', {
            question: ['Your organization is not asked this question, so it has no answer to withhold.'],
          }),
        );
      }
      if (!z.uuid().safeParse(cycleId).success) return refuse(notFound('This reporting cycle does not exist.'));
      const [cycle] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, cycleId));
      if (!cycle) return refuse(notFound('This reporting cycle does not exist.'));
      const [questionnaire] = await db
        .select()
        .from(questionnaires)
        .where(and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.organizationId, actor.organizationId)));
      if (!questionnaire) return refuse(conflict('Start your questionnaire first: there is nothing to withhold yet.'));
      let mandateId: string | null = null;
      if (parsed.data.mandate && parsed.data.scope !== 'attachment') {
        const [mandate] = await db
          .select({ id: mandates.id })
          .from(mandates)
          .where(and(eq(mandates.commitmentId, cycle.commitmentId), eq(mandates.number, parsed.data.mandate)));
        if (!mandate) return refuse(invalid('Check the highlighted fields.', { mandate: ['Unknown mandate.'] }));
        mandateId = mandate.id;
      }
      let attachmentId: string | null = null;
      if (parsed.data.scope === 'attachment') {
        // Ownership inside the query: only a document of this State's questionnaire in this cycle.
        const [document] = await db
          .select({ id: attachments.id })
          .from(attachments)
          .where(
            and(
              eq(attachments.id, parsed.data.attachmentId!),
              eq(attachments.questionnaireId, questionnaire.id),
              eq(attachments.purpose, 'answer'),
              isNull(attachments.removedAt),
            ),
          );
        if (!document)
          return refuse(
            invalid('Check the highlighted fields.', {
              attachmentId: ['Choose one of your attached documents in this cycle.'],
            }),
          );
        attachmentId = document.id;
      }
      const target = {
        scope: parsed.data.scope,
        mandateId,
        question: parsed.data.scope === 'attachment' ? null : (parsed.data.question ?? null),
        field: parsed.data.field ?? null,
        attachmentId,
      };
      const duplicate = async (executor: Executor) =>
        alreadyRequested(
          target,
          await executor
            .select()
            .from(disclosureRequests)
            .where(eq(disclosureRequests.questionnaireId, questionnaire.id)),
          now(),
        );
      if (await duplicate(db)) return refuse(conflict(DUPLICATE_REQUEST));
      const hasLetter = !!letter && letter.fileName.trim() !== '';
      const staged = hasLetter ? await stageUpload(store, maxBytes, letter!, 'letter') : null;
      if (staged && !staged.ok) return staged;
      if (!hasLetter && letter) await discardAll(letter.data);
      const letterId = randomUUID();
      const repeated = new Error('already requested');
      const row = await db
        .transaction(async (tx) => {
          // Two submissions of the same request at once: the lock on the questionnaire's row makes the second wait,
          // then find the first.
          await tx
            .select({ id: questionnaires.id })
            .from(questionnaires)
            .where(eq(questionnaires.id, questionnaire.id))
            .for('no key update');
          if (await duplicate(tx)) throw repeated;
          const [created] = await tx
            .insert(disclosureRequests)
            .values({
              questionnaireId: questionnaire.id,
              ...target,
              letterReference: parsed.data.letterReference,
              reason: parsed.data.reason ?? null,
              requestedBy: actor.userId,
              requestedAt: now(),
            })
            .returning();
          if (staged?.ok) {
            const { file, fileName, mediaType } = staged.value;
            await tx.insert(attachments).values({
              id: letterId,
              questionnaireId: questionnaire.id,
              purpose: 'disclosure_letter',
              disclosureRequestId: created.id,
              fileName,
              mediaType,
              sizeBytes: file.size,
              sha256: file.sha256,
              storageKey: storageKeyFor(letterId),
              uploadedBy: actor.userId,
              uploadedAt: now(),
            });
            await writeAudit(tx, {
              action: 'attachment.uploaded',
              actorUserId: actor.userId,
              organizationId: actor.organizationId,
              subjectType: 'attachment',
              subjectId: letterId,
              data: { fileName, sha256: file.sha256, purpose: 'disclosure_letter', disclosureRequestId: created.id },
              ip: actor.ip,
            });
          }
          return created;
        })
        .catch((error: unknown) => {
          if (error === repeated) return null;
          throw error;
        });
      if (!row) {
        if (staged?.ok) await staged.value.file.discard();
        return conflict(DUPLICATE_REQUEST);
      }
      // The row exists only once the bytes are in place; a failed move leaves a row the download reports as missing.
      if (staged?.ok) await staged.value.file.commit(storageKeyFor(letterId));
      await writeAudit(db, {
        action: 'disclosure.requested',
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: 'disclosure_request',
        subjectId: row.id,
        data: { scope: row.scope },
        ip: actor.ip,
      });
      announce('disclosure_requested'); // a pending request withholds at once
      return ok(row);
    },

    /**
     * Records the Summits Chair's decision on a request (addressed to the Chair): the Secretariat records it on the
     * Chair's behalf, with the reference of the Chair's written reply and, optionally, the reply as a file. A refusal
     * gives the State `amendDays` to amend or withdraw the content, tells its focal points, and takes what the
     * request covers out of the public snapshot until then.
     */
    async decide(
      actor: Viewer,
      requestId: string,
      input: unknown,
      reply?: UploadedFile,
    ): Promise<Outcome<DisclosureRequestRow>> {
      const refuse = async (failure: Failure) => {
        if (reply) await discardAll(reply.data);
        return failure;
      };
      if (!actor || !can(actor, { action: 'disclosure.decide' }))
        return refuse(forbidden('Only the Summits Secretariat records the decision on a non-disclosure request.'));
      const parsed = decisionSchema.safeParse(input);
      if (!parsed.success)
        return refuse(invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues)));
      if (!z.uuid().safeParse(requestId).success) return refuse(notFound('This request does not exist.'));
      const [current] = await db
        .select({ request: disclosureRequests, questionnaire: questionnaires })
        .from(disclosureRequests)
        .innerJoin(questionnaires, eq(questionnaires.id, disclosureRequests.questionnaireId))
        .where(eq(disclosureRequests.id, requestId));
      if (!current || current.request.decision !== 'pending')
        return refuse(conflict('This request does not exist or was already decided.'));
      const hasReply = !!reply && reply.fileName.trim() !== '';
      const staged = hasReply ? await stageUpload(store, maxBytes, reply!, 'chairReply') : null;
      if (staged && !staged.ok) return staged;
      if (!hasReply && reply) await discardAll(reply.data);
      const replyId = staged?.ok ? randomUUID() : null;
      const at = now();
      const refused = parsed.data.decision === 'refused';
      const lost = new Error('already decided');
      const row = await db
        .transaction(async (tx) => {
          const [updated] = await tx
            .update(disclosureRequests)
            .set({
              decision: parsed.data.decision,
              decisionNote: parsed.data.note ?? null,
              chairReplyReference: parsed.data.chairReply,
              decidedBy: actor.userId,
              decidedAt: at,
              amendUntil: refused ? new Date(at.getTime() + amendDays * DAY_MS) : null,
            })
            .where(and(eq(disclosureRequests.id, requestId), eq(disclosureRequests.decision, 'pending')))
            .returning();
          if (!updated) throw lost; // decided meanwhile by someone else: nothing of this one is kept
          let result = updated;
          if (staged?.ok && replyId) {
            const { file, fileName, mediaType } = staged.value;
            // Kept like the State's letter (never public); the request points to it as the Chair's reply.
            await tx.insert(attachments).values({
              id: replyId,
              questionnaireId: current.questionnaire.id,
              purpose: 'disclosure_letter',
              disclosureRequestId: requestId,
              fileName,
              mediaType,
              sizeBytes: file.size,
              sha256: file.sha256,
              storageKey: storageKeyFor(replyId),
              uploadedBy: actor.userId,
              uploadedAt: at,
            });
            await writeAudit(tx, {
              action: 'attachment.uploaded',
              actorUserId: actor.userId,
              organizationId: current.questionnaire.organizationId,
              subjectType: 'attachment',
              subjectId: replyId,
              data: { fileName, sha256: file.sha256, purpose: 'chair_reply', disclosureRequestId: requestId },
              ip: actor.ip,
            });
            [result] = await tx
              .update(disclosureRequests)
              .set({ chairReplyAttachmentId: replyId })
              .where(eq(disclosureRequests.id, requestId))
              .returning();
          }
          if (refused) {
            await pruneSnapshot(tx, current.questionnaire, result);
            const until = result.amendUntil!.toISOString().slice(0, 10);
            await notifyOrganization(tx, current.questionnaire.organizationId, {
              kind: 'disclosure.refused',
              link: `/disclosure/${current.questionnaire.cycleId}`,
              subject: 'The Summits Chair refused a non-disclosure request',
              body: `The Summits Chair refused your request to withhold information (letter ${result.letterReference}). Until ${until} it stays unpublished: amend the content in your questionnaire, or withdraw it on the non-disclosure page. After that date it is published.`,
              data: { letterReference: result.letterReference, amendUntil: until },
            });
          }
          return result;
        })
        .catch((error: unknown) => {
          if (error === lost) return null;
          throw error;
        });
      if (!row) {
        if (staged?.ok) await staged.value.file.discard();
        return conflict('This request does not exist or was already decided.');
      }
      // The row exists only once the bytes are in place; a failed move leaves a row the download reports as missing.
      if (staged?.ok && replyId) await staged.value.file.commit(storageKeyFor(replyId));
      await writeAudit(db, {
        action: 'disclosure.decided',
        actorUserId: actor.userId,
        subjectType: 'disclosure_request',
        subjectId: row.id,
        data: {
          decision: row.decision,
          decidedFor: 'summits_chair',
          chairReply: row.chairReplyReference,
          amendUntil: row.amendUntil?.toISOString() ?? null,
        },
        ip: actor.ip,
      });
      announce('disclosure_decided');
      return ok(row);
    },

    /**
     * During the amendment period after a refusal, the State withdraws the content instead of having it published:
     * it stays withheld for good, recorded as the State's withdrawal (not as a grant).
     */
    async withdrawContent(actor: Viewer, requestId: string): Promise<Outcome<DisclosureRequestRow>> {
      if (!actor || !can(actor, { action: 'disclosure.request' }))
        return forbidden('Only the National Coordinator or the deputy focal point withdraws content for their State.');
      if (!z.uuid().safeParse(requestId).success) return notFound('This request does not exist.');
      const [mine] = await db
        .select({ id: disclosureRequests.id })
        .from(disclosureRequests)
        .innerJoin(questionnaires, eq(questionnaires.id, disclosureRequests.questionnaireId))
        .where(and(eq(disclosureRequests.id, requestId), eq(questionnaires.organizationId, actor.organizationId)));
      // Another State's request is "not found": its existence is not disclosed.
      if (!mine) return notFound('This request does not exist.');
      const at = now();
      const [row] = await db
        .update(disclosureRequests)
        .set({ withdrawnAt: at, withdrawnBy: actor.userId })
        .where(
          and(
            eq(disclosureRequests.id, requestId),
            eq(disclosureRequests.decision, 'refused'),
            isNull(disclosureRequests.withdrawnAt),
            isNull(disclosureRequests.releasedAt),
            gt(disclosureRequests.amendUntil, at),
          ),
        )
        .returning();
      if (!row)
        return conflict(
          'Only content the Chair refused to withhold can be withdrawn, and only before its amendment period ends.',
        );
      await writeAudit(db, {
        action: 'disclosure.content_withdrawn',
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: 'disclosure_request',
        subjectId: row.id,
        ip: actor.ip,
      });
      announce('disclosure_decided');
      return ok(row);
    },

    /** Publishes a cycle once, at its date: of several instances running the job at the same minute, one does. */
    publishCycle: (cycleId: string) => publishCycleOnce(cycleId, false),

    publishSubmission,

    /**
     * The node-cron job: every cycle whose publication date has passed, then every submission in a published cycle
     * that is not yet published (a late one the event missed). Returns how many publications it made.
     */
    async publishDue(): Promise<number> {
      const due = await db
        .select({ id: reportingCycles.id })
        .from(reportingCycles)
        .where(and(isNull(reportingCycles.publishedAt), lte(reportingCycles.publishesAt, now())));
      let count = 0;
      for (const { id } of due) if ((await service.publishCycle(id)).ok) count += 1;
      const submitted = await db
        .select({ id: questionnaires.id, submittedAt: questionnaires.submittedAt })
        .from(questionnaires)
        .innerJoin(reportingCycles, eq(reportingCycles.id, questionnaires.cycleId))
        .where(
          and(
            eq(questionnaires.status, 'submitted'),
            isNotNull(reportingCycles.publishedAt),
            lte(reportingCycles.publishedAt, now()),
          ),
        );
      if (submitted.length) {
        const done = new Set(
          (
            await db
              .select({
                questionnaireId: questionnairePublications.questionnaireId,
                basis: questionnairePublications.basis,
              })
              .from(questionnairePublications)
              .where(
                inArray(
                  questionnairePublications.questionnaireId,
                  submitted.map((q) => q.id),
                ),
              )
          ).map((p) => `${p.questionnaireId} ${p.basis}`),
        );
        for (const q of submitted)
          if (!done.has(`${q.id} ${submissionBasis(q)}`) && (await publishSubmission(q.id)).ok) count += 1;
      }
      return count + (await releaseEnded());
    },

    publishedCycles: () =>
      db
        .select()
        .from(reportingCycles)
        .where(lte(reportingCycles.publishedAt, now()))
        .orderBy(asc(reportingCycles.publishesAt)),

    /** Public rows of a published cycle, filtered again against today's decisions (a later grant wins). */
    async publicAnswers(cycleId: string, organizationCode?: string) {
      if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
      const [cycle] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, cycleId));
      if (!cycle?.publishedAt) return notFound('This reporting cycle is not published.');
      const rows = await db
        .select({
          row: publishedAnswers,
          mandate: mandates.number,
          code: organizations.code,
          nameEn: organizations.nameEn,
          nameEs: organizations.nameEs,
          kind: organizations.kind,
        })
        .from(publishedAnswers)
        .innerJoin(mandates, eq(mandates.id, publishedAnswers.mandateId))
        .innerJoin(organizations, eq(organizations.id, publishedAnswers.organizationId))
        .where(
          and(
            eq(publishedAnswers.cycleId, cycleId),
            organizationCode ? eq(organizations.code, organizationCode) : undefined,
          ),
        )
        .orderBy(
          asc(organizations.nameEn),
          asc(mandates.number),
          asc(publishedAnswers.indicatorCode),
          asc(publishedAnswers.question),
        );
      const qs = await db
        .select({ id: questionnaires.id, organizationId: questionnaires.organizationId })
        .from(questionnaires)
        .where(eq(questionnaires.cycleId, cycleId));
      const at = now();
      const withholdings = await withholdingsOf(qs.map((q) => q.id));
      const byOrg = new Map(qs.map((q) => [q.organizationId, withholdings.get(q.id) ?? []]));
      const files = rows.length
        ? await db
            .select({
              publishedAnswerId: publishedAttachments.publishedAnswerId,
              id: attachments.id,
              fileName: attachments.fileName,
              mediaType: attachments.mediaType,
              sizeBytes: attachments.sizeBytes,
            })
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
          const disclosed = disclose(r.row, requests, at);
          if (!disclosed) return null;
          const documents = (filesOf.get(r.row.id) ?? [])
            .filter((f) => !attachmentWithheld(f, r.row, requests, at))
            .map((f) => ({ id: f.id, fileName: f.fileName, mediaType: f.mediaType, sizeBytes: f.sizeBytes }));
          return {
            organizationCode: r.code,
            organizationNameEn: r.nameEn,
            organizationNameEs: r.nameEs,
            organizationKind: r.kind,
            mandate: r.mandate,
            indicator: disclosed.indicatorCode,
            question: disclosed.question,
            progress: disclosed.progress,
            summary: disclosed.summary,
            full: disclosed.full,
            assistanceTypes: disclosed.assistanceTypes,
            attachments: documents,
          };
        })
        .filter((r): r is NonNullable<typeof r> => r !== null);
      return ok({ cycle, answers: visible });
    },

    /**
     * The public history of one organization's published versions in a cycle (latest first): dates and counts only,
     * the texts public being the latest version's. Not found unless the cycle is published and the organization
     * has a published version.
     */
    async publicationHistory(
      cycleId: string,
      organizationCode: string,
    ): Promise<Outcome<Array<{ version: number; publishedAt: Date; answers: number }>>> {
      if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
      const rows = await db
        .select({
          version: questionnairePublications.version,
          publishedAt: questionnairePublications.publishedAt,
          answers: questionnairePublications.answers,
        })
        .from(questionnairePublications)
        .innerJoin(organizations, eq(organizations.id, questionnairePublications.organizationId))
        .innerJoin(reportingCycles, eq(reportingCycles.id, questionnairePublications.cycleId))
        .where(
          and(
            eq(questionnairePublications.cycleId, cycleId),
            eq(organizations.code, organizationCode),
            lte(reportingCycles.publishedAt, now()),
          ),
        )
        .orderBy(desc(questionnairePublications.version));
      if (!rows.length) return notFound('This organization has no published questionnaire in this cycle.');
      return ok(rows);
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
      const organizations = [
        ...new Map(
          result.value.answers.map((a) => [
            a.organizationCode,
            { code: a.organizationCode, nameEn: a.organizationNameEn, nameEs: a.organizationNameEs },
          ]),
        ).values(),
      ];
      return ok({
        cycle: result.value.cycle,
        mandates: [...perMandate.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([mandate, counts]) => ({ mandate, counts })),
        organizations,
      });
    },

    /** The public export of a published cycle. CSV cells are quoted, and formulas are neutralised for spreadsheets. */
    async exportCycle(cycleId: string, format: 'csv' | 'json') {
      const result = await service.publicAnswers(cycleId);
      if (!result.ok) return result;
      if (format === 'json')
        return ok(
          JSON.stringify(
            {
              cycle: {
                id: result.value.cycle.id,
                name: result.value.cycle.name,
                publishedAt: result.value.cycle.publishedAt,
              },
              answers: result.value.answers,
            },
            null,
            2,
          ),
        );
      const cell = csvCell;
      const header = [
        'organization',
        'organization_name',
        'mandate',
        'indicator',
        'question',
        'progress',
        'summary',
        'full',
        'assistance_types',
        'attachments',
      ];
      const lines = result.value.answers.map((a) =>
        [
          a.organizationCode,
          a.organizationNameEn,
          a.mandate,
          a.indicator,
          a.question,
          a.progress,
          a.summary,
          a.full,
          a.assistanceTypes,
          a.attachments.map((f) => f.fileName),
        ]
          .map(cell)
          .join(','),
      );
      return ok([header.join(','), ...lines].join('\r\n') + '\r\n');
    },

    async listRequests(viewer: Viewer, cycleId: string) {
      if (!viewer) return forbidden();
      if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
      const rows = await db
        .select({
          request: disclosureRequests,
          organizationId: questionnaires.organizationId,
          code: organizations.code,
        })
        .from(disclosureRequests)
        .innerJoin(questionnaires, eq(questionnaires.id, disclosureRequests.questionnaireId))
        .innerJoin(organizations, eq(organizations.id, questionnaires.organizationId))
        .where(
          and(
            eq(questionnaires.cycleId, cycleId),
            isSecretariat(viewer) ? undefined : eq(questionnaires.organizationId, viewer.organizationId),
          ),
        );
      const ids = rows.map((r) => r.request.id);
      const documentIds = rows.map((r) => r.request.attachmentId).filter((id): id is string => !!id);
      const letters = ids.length
        ? await db
            .select({ id: attachments.id, requestId: attachments.disclosureRequestId, fileName: attachments.fileName })
            .from(attachments)
            .where(and(inArray(attachments.disclosureRequestId, ids), isNull(attachments.removedAt)))
        : [];
      const documents = documentIds.length
        ? await db
            .select({ id: attachments.id, fileName: attachments.fileName })
            .from(attachments)
            .where(inArray(attachments.id, documentIds))
        : [];
      return ok(
        rows.map((r) => ({
          ...r.request,
          organizationCode: r.code,
          // The State's letter to the Chair, and the Chair's written reply (both kept as request attachments).
          letter:
            letters.find((l) => l.requestId === r.request.id && l.id !== r.request.chairReplyAttachmentId) ?? null,
          chairReplyFile: letters.find((l) => l.id === r.request.chairReplyAttachmentId) ?? null,
          /** Refused, and the State's period to amend or withdraw the content is still running. */
          inAmendment:
            r.request.decision === 'refused' &&
            !r.request.withdrawnAt &&
            !r.request.releasedAt &&
            withholds(r.request, now()),
          attachmentFileName: documents.find((d) => d.id === r.request.attachmentId)?.fileName ?? null,
        })),
      );
    },

    /**
     * The attached documents of the actor's questionnaire in this cycle that a new request would duplicate (the rule
     * requestNonDisclosure refuses with): the form shows them as already requested instead of offering them.
     */
    async requestedDocumentIds(actor: Viewer, cycleId: string): Promise<Outcome<string[]>> {
      if (!actor) return forbidden();
      if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
      const rows = await db
        .select({ request: disclosureRequests })
        .from(disclosureRequests)
        .innerJoin(questionnaires, eq(questionnaires.id, disclosureRequests.questionnaireId))
        .where(and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.organizationId, actor.organizationId)));
      const requests = rows.map((r) => r.request);
      const at = now();
      const documentIds = new Set(
        requests.flatMap((r) => (r.scope === 'attachment' && r.attachmentId ? [r.attachmentId] : [])),
      );
      return ok(
        [...documentIds].filter((attachmentId) =>
          alreadyRequested(
            { scope: 'attachment', attachmentId, mandateId: null, question: null, field: null },
            requests,
            at,
          ),
        ),
      );
    },

    /**
     * The Secretariat publishes a cycle before its date (for instance when most organizations have submitted). Only
     * what is submitted is published; the window stays open for the others, whose submissions are published as
     * they arrive (decision 015). The dates are not moved.
     */
    async publishNow(actor: Viewer, cycleId: string): Promise<Outcome<{ published: number }>> {
      if (!actor || !can(actor, { action: 'questionnaire.administer' }))
        return forbidden('Only the Summits Secretariat publishes a cycle.');
      if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
      const [cycle] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, cycleId));
      if (!cycle) return notFound('This reporting cycle does not exist.');
      if (cycle.publishedAt) return conflict('This cycle is already published.');
      const result = await publishCycleOnce(cycleId, true);
      if (result.ok)
        await writeAudit(db, {
          action: 'cycle.published_now',
          actorUserId: actor.userId,
          organizationId: actor.organizationId,
          subjectType: 'reporting_cycle',
          subjectId: cycleId,
          data: { answers: result.value.published },
        });
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
