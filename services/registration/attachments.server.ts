import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  answers,
  attachments,
  disclosureRequests,
  mandates,
  publishedAnswers,
  publishedAttachments,
  questionnaires,
  reportingCycles,
  type AttachmentRow,
} from '../../db/schema';
import type { Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Failure, type Outcome } from '../outcome';
import { can, isSecretariat } from '../permissions';
import { discardAll, storageKeyFor, type FileStore } from '../storage/file-store';
import { attachmentWithheld, disclose } from './publication.server';
import type { RegistrationService } from './registration.server';
import { stageUpload, type UploadedFile } from './uploads.server';

const targetSchema = z.object({
  mandate: z.coerce.number().int().positive('Choose a mandate.'),
  indicator: z.string().max(50).default(''),
  question: z.enum(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7'], 'Unknown question.'),
});

export interface AttachmentView {
  id: string;
  answerId: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

export interface Download {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  stream: Readable;
}

const view = (row: AttachmentRow): AttachmentView => ({
  id: row.id,
  answerId: row.answerId,
  fileName: row.fileName,
  mediaType: row.mediaType,
  sizeBytes: row.sizeBytes,
  sha256: row.sha256,
  uploadedAt: row.uploadedAt,
});

interface Deps {
  db: Database;
  now: () => Date;
  store: FileStore;
  maxBytes: number;
  registration: RegistrationService;
}

/**
 * Documents attached to answers: uploaded and removed by the people who may edit the answer, while it is
 * editable; downloaded like the answer itself (the organization and the Secretariat always, the public only what
 * publication made public and no non-disclosure request withholds today). Letters to the Chair are stored by the
 * publication service and read here under the same rule, never by the public.
 */
export function createAttachmentsService({ db, now, store, maxBytes, registration }: Deps) {
  /** The viewer's editable questionnaire in a cycle, or why it cannot be edited. */
  async function editableQuestionnaire(actor: Viewer, cycleId: string) {
    // The same people who edit answers (Mechanism, section 4 e).
    if (!actor || !can(actor, { action: 'questionnaire.draft' }))
      return forbidden('Only a State’s or JSWG organization’s focal points and delegates attach documents to answers.');
    const context = await registration.questionnaire(actor, cycleId);
    if (!context.ok) return context;
    if (!context.value.open)
      return conflict(
        'The cycle is closed: answers and their documents are read-only until the Secretariat reopens your questionnaire.',
      );
    if (context.value.questionnaire.status === 'submitted')
      return conflict('Your questionnaire was submitted: it is locked until the Secretariat reopens it.');
    return ok(context.value);
  }

  async function withholdingsOf(questionnaireId: string) {
    return db
      .select()
      .from(disclosureRequests)
      .where(and(eq(disclosureRequests.questionnaireId, questionnaireId), ne(disclosureRequests.decision, 'refused')));
  }

  const service = {
    maxBytes,

    /** Attaches a document to a saved answer. Checks come before the bytes are read; a refused file changes nothing. */
    async uploadForAnswer(
      actor: Viewer,
      cycleId: string,
      target: unknown,
      upload: UploadedFile,
    ): Promise<Outcome<AttachmentView>> {
      const refuse = async (failure: Failure) => {
        await discardAll(upload.data);
        return failure;
      };
      const editable = await editableQuestionnaire(actor, cycleId);
      if (!editable.ok) return refuse(editable);
      const parsed = targetSchema.safeParse(target);
      if (!parsed.success)
        return refuse(
          invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues)),
        );
      const { questionnaire, cycle } = editable.value;
      const [answer] = await db
        .select({ id: answers.id })
        .from(answers)
        .innerJoin(mandates, eq(mandates.id, answers.mandateId))
        .where(
          and(
            eq(answers.questionnaireId, questionnaire.id),
            eq(mandates.commitmentId, cycle.commitmentId),
            eq(mandates.number, parsed.data.mandate),
            eq(answers.indicatorCode, parsed.data.indicator),
            eq(answers.question, parsed.data.question),
          ),
        );
      if (!answer)
        return refuse(
          invalid('Save this answer first, then attach documents to it.', {
            file: ['Save this answer first, then attach documents to it.'],
          }),
        );
      const staged = await stageUpload(store, maxBytes, upload);
      if (!staged.ok) return staged;
      const { file, fileName, mediaType } = staged.value;
      const id = randomUUID();
      const row = await db.transaction(async (tx) => {
        // The questionnaire may have been submitted while the file streamed in: check again under its row lock,
        // which submitting also takes, so a document never lands on a submitted questionnaire.
        const [current] = await tx
          .select({ status: questionnaires.status })
          .from(questionnaires)
          .where(eq(questionnaires.id, questionnaire.id))
          .for('update');
        if (current?.status === 'submitted') return null;
        const [inserted] = await tx
          .insert(attachments)
          .values({
            id,
            questionnaireId: questionnaire.id,
            purpose: 'answer',
            answerId: answer.id,
            fileName,
            mediaType,
            sizeBytes: file.size,
            sha256: file.sha256,
            storageKey: storageKeyFor(id),
            uploadedBy: actor!.userId,
            uploadedAt: now(),
          })
          .returning();
        await writeAudit(tx, {
          action: 'attachment.uploaded',
          actorUserId: actor!.userId,
          organizationId: actor!.organizationId,
          subjectType: 'attachment',
          subjectId: id,
          data: { fileName, sha256: file.sha256, sizeBytes: file.size, mediaType, answerId: answer.id },
        });
        return inserted;
      });
      if (!row) {
        await file.discard();
        return conflict('Your questionnaire was submitted: it is locked until the Secretariat reopens it.');
      }
      await file.commit(storageKeyFor(id));
      return ok(view(row));
    },

    /** Removes a document from an answer while the answer is editable. The row stays for the audit trail. */
    async remove(actor: Viewer, attachmentId: string): Promise<Outcome<AttachmentView>> {
      if (!z.uuid().safeParse(attachmentId).success) return notFound('This document does not exist.');
      const [found] = await db
        .select({ row: attachments, cycleId: questionnaires.cycleId, organizationId: questionnaires.organizationId })
        .from(attachments)
        .innerJoin(questionnaires, eq(questionnaires.id, attachments.questionnaireId))
        .where(and(eq(attachments.id, attachmentId), eq(attachments.purpose, 'answer'), isNull(attachments.removedAt)));
      // Another organization's document is "not found": its existence is not revealed.
      if (!found || !actor || found.organizationId !== actor.organizationId)
        return notFound('This document does not exist.');
      const editable = await editableQuestionnaire(actor, found.cycleId);
      if (!editable.ok) return editable;
      const [row] = await db
        .update(attachments)
        .set({ removedAt: now(), removedBy: actor.userId })
        .where(and(eq(attachments.id, attachmentId), isNull(attachments.removedAt)))
        .returning();
      if (!row) return notFound('This document does not exist.');
      await writeAudit(db, {
        action: 'attachment.removed',
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: 'attachment',
        subjectId: row.id,
        data: { fileName: row.fileName, sha256: row.sha256, answerId: row.answerId },
      });
      // Bytes that were never made public go; published ones stay with the audit trail (never served: removed). So do
      // bytes another row shares: the same document carried into an update cycle (registration.server.ts).
      const [published] = await db
        .select({ id: publishedAttachments.id })
        .from(publishedAttachments)
        .where(eq(publishedAttachments.attachmentId, row.id))
        .limit(1);
      const [shared] = await db
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(eq(attachments.storageKey, row.storageKey), ne(attachments.id, row.id)))
        .limit(1);
      if (!published && !shared) await store.remove(row.storageKey);
      return ok(view(row));
    },

    /** The documents of the viewer's organization's answers in a cycle (for its questionnaire and its requests). */
    async forQuestionnaire(
      actor: Viewer,
      cycleId: string,
    ): Promise<Outcome<Array<AttachmentView & { mandate: number; indicatorCode: string; question: string }>>> {
      if (!actor) return forbidden();
      if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
      const rows = await db
        .select({
          row: attachments,
          mandate: mandates.number,
          indicatorCode: answers.indicatorCode,
          question: answers.question,
        })
        .from(attachments)
        .innerJoin(questionnaires, eq(questionnaires.id, attachments.questionnaireId))
        .innerJoin(answers, eq(answers.id, attachments.answerId))
        .innerJoin(mandates, eq(mandates.id, answers.mandateId))
        .where(
          and(
            eq(questionnaires.cycleId, cycleId),
            eq(questionnaires.organizationId, actor.organizationId),
            eq(attachments.purpose, 'answer'),
            isNull(attachments.removedAt),
          ),
        )
        .orderBy(asc(mandates.number), asc(answers.indicatorCode), asc(answers.question), asc(attachments.uploadedAt));
      return ok(
        rows.map((r) => ({ ...view(r.row), mandate: r.mandate, indicatorCode: r.indicatorCode, question: r.question })),
      );
    },

    /**
     * Authorized exactly like the answer (or request) the document belongs to. Anything the viewer may not read is
     * "not found", so a guessed id reveals nothing.
     */
    async download(viewer: Viewer, attachmentId: string): Promise<Outcome<Download>> {
      const missing = notFound('This document does not exist or is not public.');
      if (!z.uuid().safeParse(attachmentId).success) return missing;
      const [found] = await db
        .select({ row: attachments, organizationId: questionnaires.organizationId })
        .from(attachments)
        .innerJoin(questionnaires, eq(questionnaires.id, attachments.questionnaireId))
        .where(and(eq(attachments.id, attachmentId), isNull(attachments.removedAt)));
      if (!found) return missing;
      const own = !!viewer && (isSecretariat(viewer) || viewer.organizationId === found.organizationId);
      if (!own && !(await publiclyVisible(found.row))) return missing;
      const stream = await store.open(found.row.storageKey);
      if (!stream) return missing;
      const { fileName, mediaType, sizeBytes, sha256 } = found.row;
      return ok({ fileName, mediaType, sizeBytes, sha256, stream });
    },
  };

  /** Published with an answer of a published cycle, and neither that answer nor the document is withheld today. */
  async function publiclyVisible(row: AttachmentRow): Promise<boolean> {
    if (row.purpose !== 'answer') return false; // letters to the Chair are never public
    const snapshots = await db
      .select({ answer: publishedAnswers, publishedAt: reportingCycles.publishedAt })
      .from(publishedAttachments)
      .innerJoin(publishedAnswers, eq(publishedAnswers.id, publishedAttachments.publishedAnswerId))
      .innerJoin(reportingCycles, eq(reportingCycles.id, publishedAttachments.cycleId))
      .where(inArray(publishedAttachments.attachmentId, [row.id]));
    const live = snapshots.filter((s) => s.publishedAt && s.publishedAt.getTime() <= now().getTime());
    if (!live.length) return false;
    const requests = await withholdingsOf(row.questionnaireId);
    return live.some((s) => disclose(s.answer, requests) !== null && !attachmentWithheld(row, s.answer, requests));
  }

  return service;
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
