import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { roundtableDocuments, roundtables, type RoundtableDocumentRow } from '../../db/schema';
import type { Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Failure, type Outcome } from '../outcome';
import { stageUpload, type UploadedFile } from '../registration/uploads.server';
import { discardAll, storageKeyFor, type FileStore } from '../storage/file-store';
import { mutedRefusal, type RoundtablesService } from './roundtables.server';

export interface RoomDocumentDownload {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  stream: Readable;
}

/** The fields that come before the file in the form; the title is optional (the file's name stands in). */
const uploadSchema = z.object({ title: z.string().trim().max(200, 'Keep the title under 200 characters.').optional() });

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
  store: FileStore;
  maxBytes: number;
  rooms: Pick<RoundtablesService, 'access'>;
}

/**
 * Files shared in a room, beside the links. The room decides who may: its members and the Secretariat upload to an
 * open room and download; moderators or the uploader remove. Anyone else gets "not found" for everything, so a
 * guessed room or document id reveals nothing. Bytes go through the same staging as registration attachments
 * (byte cap while streaming, type from content, SHA-256), so a refused file never reaches the store.
 */
export function createRoomDocumentsService({ db, events, now, store, maxBytes, rooms }: Deps) {
  const missingRoom = () => notFound('This roundtable does not exist.');
  const missingDocument = () => notFound('This document does not exist.');

  /** Room access where refusal is "not found": a non-member must not learn that the room or document exists. */
  async function roomFor(viewer: Viewer, roundtableId: string) {
    const allowed = await rooms.access(viewer, roundtableId);
    if (!allowed.ok) return allowed.kind === 'forbidden' || allowed.kind === 'not_found' ? missingRoom() : allowed;
    return allowed;
  }

  async function liveDocument(roundtableId: string, documentId: string): Promise<RoundtableDocumentRow | undefined> {
    if (!z.uuid().safeParse(documentId).success) return undefined;
    const [row] = await db
      .select()
      .from(roundtableDocuments)
      .where(
        and(
          eq(roundtableDocuments.id, documentId),
          eq(roundtableDocuments.roundtableId, roundtableId),
          isNull(roundtableDocuments.removedAt),
        ),
      );
    return row;
  }

  return {
    maxBytes,

    /** Shares an uploaded file. Every check runs before the bytes are read; a refused file stores nothing. */
    async upload(
      actor: Viewer,
      roundtableId: string,
      input: unknown,
      upload: UploadedFile,
    ): Promise<Outcome<RoundtableDocumentRow>> {
      const refuse = async (failure: Failure) => {
        await discardAll(upload.data);
        return failure;
      };
      const allowed = await roomFor(actor, roundtableId);
      if (!allowed.ok) return refuse(allowed);
      if (allowed.value.room.status !== 'open') return refuse(conflict('This roundtable is closed: it is read-only.'));
      // A file reaches the room like a message: a muted member shares none (issue 15).
      const muted = mutedRefusal(allowed.value.mutedUntil, now());
      if (muted) return refuse(muted);
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
        // The room may have been closed while the file streamed in: check again under a lock on its row, which
        // closing (an update of that row) has to wait for, or has already committed.
        const [current] = await tx
          .select({ status: roundtables.status })
          .from(roundtables)
          .where(eq(roundtables.id, roundtableId))
          .for('share');
        if (current?.status !== 'open') return null;
        const [inserted] = await tx
          .insert(roundtableDocuments)
          .values({
            id,
            roundtableId,
            title: parsed.data.title || fileName,
            fileName,
            mediaType,
            sizeBytes: file.size,
            sha256: file.sha256,
            storageKey,
            sharedBy: actor!.userId,
            sharedAt: now(),
          })
          .returning();
        await writeAudit(tx, {
          action: 'roundtable.document_shared',
          actorUserId: actor!.userId,
          organizationId: actor!.organizationId,
          subjectType: 'roundtable_document',
          subjectId: id,
          data: { roundtableId, fileName, sha256: file.sha256, sizeBytes: file.size, mediaType },
          ip: actor!.ip,
        });
        return inserted;
      });
      if (!row) {
        await file.discard();
        return conflict('This roundtable is closed: it is read-only.');
      }
      // After the row: a crash in between leaves a row whose download is "not found", never bytes nobody can see.
      await file.commit(storageKey);
      events.emit('roundtable.changed', { roundtableId, what: 'documents' });
      return ok(row);
    },

    /** Removes a shared link or file: a moderator (the Secretariat is one) or whoever shared it, while the room is open. */
    async remove(actor: Viewer, roundtableId: string, documentId: string): Promise<Outcome<RoundtableDocumentRow>> {
      const allowed = await roomFor(actor, roundtableId);
      if (!allowed.ok) return allowed;
      const row = await liveDocument(roundtableId, documentId);
      if (!row) return missingDocument();
      if (allowed.value.room.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
      if (!allowed.value.moderator && row.sharedBy !== actor!.userId)
        return forbidden('Only a moderator or the person who shared this document can remove it.');
      const [removed] = await db
        .update(roundtableDocuments)
        .set({ removedAt: now(), removedBy: actor!.userId })
        .where(and(eq(roundtableDocuments.id, row.id), isNull(roundtableDocuments.removedAt)))
        .returning();
      if (!removed) return missingDocument();
      await writeAudit(db, {
        action: 'roundtable.document_removed',
        actorUserId: actor!.userId,
        organizationId: actor!.organizationId,
        subjectType: 'roundtable_document',
        subjectId: row.id,
        data: { roundtableId, title: row.title, url: row.url, fileName: row.fileName, sha256: row.sha256 },
      });
      // The row and the audit entry keep the name and hash; the bytes are no longer served, so they go.
      if (row.storageKey) await store.remove(row.storageKey);
      events.emit('roundtable.changed', { roundtableId, what: 'documents' });
      return ok(removed);
    },

    /** Members of the room and the Secretariat; everyone else, and removed or link documents, "not found". */
    async download(viewer: Viewer, roundtableId: string, documentId: string): Promise<Outcome<RoomDocumentDownload>> {
      const allowed = await roomFor(viewer, roundtableId);
      if (!allowed.ok) return missingDocument();
      const row = await liveDocument(roundtableId, documentId);
      if (!row || !row.storageKey || !row.fileName || !row.mediaType || row.sizeBytes === null || !row.sha256)
        return missingDocument();
      const stream = await store.open(row.storageKey);
      if (!stream) return missingDocument();
      return ok({
        fileName: row.fileName,
        mediaType: row.mediaType,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        stream,
      });
    },
  };
}
export type RoomDocumentsService = ReturnType<typeof createRoomDocumentsService>;
