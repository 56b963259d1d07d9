import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { initiativeOutcomeDocuments, initiativeOutcomes, initiativeParticipants, initiatives } from '../../db/schema';
import type { Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Failure, type Outcome } from '../outcome';
import { can } from '../permissions';
import { stageUpload, type UploadedFile } from '../registration/uploads.server';
import { discardAll, storageKeyFor, type FileStore } from '../storage/file-store';
import { scopeCondition, type InitiativeScope } from './initiatives.server';
import { INITIATIVE_TEXT_LIMITS } from './limits';
import { withheldIds } from './withholdings.server';

/*
 * Documents of an outcome version (issue 19): a report, a list of attendees, a manual. The bytes go through the same
 * staging as every other attachment (byte cap while streaming, type from the content, SHA-256), so a refused file
 * never reaches the store. A document belongs to one version and is added while that version waits for agreement:
 * what the participants agree to, and what the public reads once published, does not change under them.
 */

export interface OutcomeDocumentDownload {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  stream: Readable;
}

const { documentTitle: TITLE_MAX } = INITIATIVE_TEXT_LIMITS;
const uploadSchema = z.object({
  title: z.string().trim().max(TITLE_MAX, `Keep the title under ${TITLE_MAX} characters.`).optional(),
});

interface Deps {
  db: Database;
  now: () => Date;
  store: FileStore;
  maxBytes: number;
}

export type InitiativeDocumentsService = ReturnType<typeof createInitiativeDocumentsService>;

export function createInitiativeDocumentsService({ db, now, store, maxBytes }: Deps) {
  const missing = () => notFound('This document does not exist.');

  /**
   * The outcome (of the scope's initiative, when the caller names one) with its initiative, and whether the viewer is
   * the Secretariat or in a participant organization.
   */
  async function outcomeFor(viewer: Viewer, outcomeId: string, scope: InitiativeScope = {}) {
    const within = scopeCondition(initiativeOutcomes.initiativeId, scope);
    if (within === null || !z.uuid().safeParse(outcomeId).success) return null;
    const [found] = await db
      .select({ outcome: initiativeOutcomes, publishedAt: initiatives.publishedAt })
      .from(initiativeOutcomes)
      .innerJoin(initiatives, eq(initiatives.id, initiativeOutcomes.initiativeId))
      .where(and(eq(initiativeOutcomes.id, outcomeId), within));
    if (!found) return null;
    const [participant] = viewer
      ? await db
          .select({ id: initiativeParticipants.organizationId })
          .from(initiativeParticipants)
          .where(
            and(
              eq(initiativeParticipants.initiativeId, found.outcome.initiativeId),
              eq(initiativeParticipants.organizationId, viewer.organizationId),
            ),
          )
      : [];
    const participantOrganizationIds = participant ? [participant.id] : [];
    return {
      ...found,
      secretariat: can(viewer, { action: 'initiative.record' }),
      participant: !!participant,
      /** A focal point of a participant organization acts for it. */
      actsForParticipant: can(viewer, { action: 'initiative.participate', participantOrganizationIds }),
    };
  }

  return {
    maxBytes,

    /** The Secretariat or a participant's focal point attaches a file to an outcome version that waits for agreement. */
    async upload(
      actor: Viewer,
      outcomeId: string,
      input: unknown,
      upload: UploadedFile,
      scope: InitiativeScope = {},
    ): Promise<Outcome<typeof initiativeOutcomeDocuments.$inferSelect>> {
      const refuse = async (failure: Failure) => {
        await discardAll(upload.data);
        return failure;
      };
      const found = await outcomeFor(actor, outcomeId, scope);
      if (!found || (!found.secretariat && !found.participant)) return refuse(notFound('This outcome does not exist.'));
      if (!found.secretariat && !found.actsForParticipant)
        return refuse(
          forbidden('Only the Secretariat or a participant’s focal point attaches documents to an outcome.'),
        );
      if (found.outcome.status !== 'proposed')
        return refuse(
          conflict(
            'Documents are attached while the outcome waits for agreement; correct it with a new version instead.',
          ),
        );
      const parsed = uploadSchema.safeParse(input);
      if (!parsed.success)
        return refuse(
          invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues)),
        );
      const staged = await stageUpload(store, maxBytes, upload);
      if (!staged.ok) return staged;
      const { file, fileName, mediaType } = staged.value;
      const id = randomUUID();
      const storageKey = storageKeyFor(id);
      const row = await db.transaction(async (tx) => {
        // The outcome may have been agreed while the file streamed in: check again under a lock on its row.
        const [current] = await tx
          .select({ status: initiativeOutcomes.status })
          .from(initiativeOutcomes)
          .where(eq(initiativeOutcomes.id, outcomeId))
          .for('share');
        if (current?.status !== 'proposed') return null;
        const [inserted] = await tx
          .insert(initiativeOutcomeDocuments)
          .values({
            id,
            outcomeId,
            title: parsed.data.title || fileName,
            fileName,
            mediaType,
            sizeBytes: file.size,
            sha256: file.sha256,
            storageKey,
            uploadedBy: actor!.userId,
            uploadedAt: now(),
          })
          .returning();
        await writeAudit(tx, {
          action: 'initiative.outcome_document_added',
          actorUserId: actor!.userId,
          organizationId: actor!.organizationId,
          subjectType: 'initiative',
          subjectId: found.outcome.initiativeId,
          data: { outcomeId, documentId: id, fileName, sha256: file.sha256, sizeBytes: file.size, mediaType },
          ip: actor!.ip,
        });
        return inserted;
      });
      if (!row) {
        await file.discard();
        return conflict(
          'Documents are attached while the outcome waits for agreement; correct it with a new version instead.',
        );
      }
      // After the row: a crash in between leaves a row whose download is "not found", never bytes nobody can see.
      await file.commit(storageKey);
      return ok(row);
    },

    /**
     * Anyone, for a published outcome of a published initiative; otherwise the Secretariat and the participants'
     * members. Everyone else gets "not found", as for a document that does not exist.
     */
    async download(viewer: Viewer, documentId: string): Promise<Outcome<OutcomeDocumentDownload>> {
      if (!z.uuid().safeParse(documentId).success) return missing();
      const [doc] = await db
        .select()
        .from(initiativeOutcomeDocuments)
        .where(eq(initiativeOutcomeDocuments.id, documentId));
      if (!doc) return missing();
      const found = await outcomeFor(viewer, doc.outcomeId);
      if (!found) return missing();
      // Withheld at a participant's request (the document itself, or its outcome): not public, whatever its status.
      const withheld =
        (await withheldIds(db, 'document', [doc.id])).size > 0 ||
        (await withheldIds(db, 'outcome', [found.outcome.seriesId])).size > 0;
      const isPublic =
        !withheld && found.outcome.status === 'published' && !!found.publishedAt && found.publishedAt <= now();
      if (!isPublic && !found.secretariat && !found.participant) return missing();
      const stream = await store.open(doc.storageKey);
      if (!stream) return missing();
      return ok({
        fileName: doc.fileName,
        mediaType: doc.mediaType,
        sizeBytes: doc.sizeBytes,
        sha256: doc.sha256,
        stream,
      });
    },
  };
}
