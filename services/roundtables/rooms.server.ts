import { and, asc, count, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  agendaItems,
  assistanceRequests,
  mandates,
  matches,
  memberships,
  messages,
  organizations,
  requestMandates,
  roundtableDocuments,
  roundtableMandates,
  roundtableMembers,
  roundtableOrganizations,
  roundtables,
  users,
  type RoundtableRow,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import { resolveMandateIds } from '../cooperation/common.server';
import { notifyOrganization } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can, isSecretariat } from '../permissions';
import {
  requireConvener,
  requireNotMuted,
  requireOpenRoom,
  type MessageView,
  type RoomAccessService,
  type RoomDeps,
} from './access.server';
import { MAX_DOCUMENT_TITLE_LENGTH, MAX_ROOM_DESCRIPTION_LENGTH, MAX_ROOM_TITLE_LENGTH } from './limits';
import { addOrganizationMembers } from './membership.server';

// Every check says what to do in words the catalogue translates (services/messages/es.ts), never zod's own
// "Too big: expected string to have <=200 characters" or "Invalid input"; the limits are the forms' maxLength too.
const TITLE_MESSAGE = 'Give the roundtable a title (at least 5 characters).';
const createSchema = z.object({
  title: z
    .string(TITLE_MESSAGE)
    .trim()
    .min(5, TITLE_MESSAGE)
    .max(MAX_ROOM_TITLE_LENGTH, `A roundtable’s title has at most ${MAX_ROOM_TITLE_LENGTH} characters.`),
  description: z
    .string('Write the description as text.')
    .trim()
    .max(MAX_ROOM_DESCRIPTION_LENGTH, `The description has at most ${MAX_ROOM_DESCRIPTION_LENGTH} characters.`)
    .optional(),
  kind: z.enum(['technical_meeting', 'working_roundtable'], 'Choose a kind.'),
  organizationIds: z
    .array(z.uuid('Choose the organizations from the list.'), 'Invite at least one organization.')
    .min(1, 'Invite at least one organization.'),
  moderatorIds: z
    .array(z.uuid('Choose the moderators among the people invited.'), 'Choose the moderators among the people invited.')
    .default([]),
  mandates: z
    .array(
      z.coerce
        .number('Mandates are numbers, such as 2 or 12.')
        .int('Mandates are whole numbers, such as 2 or 12.')
        .positive('Mandates are numbers from 1, such as 2 or 12.'),
      'Mandates are numbers, such as 2 or 12.',
    )
    .default([]),
});
const LINK_TITLE_MESSAGE = 'Give the link a title (at least 2 characters).';
const sharedLinkSchema = z.object({
  title: z
    .string(LINK_TITLE_MESSAGE)
    .trim()
    .min(2, LINK_TITLE_MESSAGE)
    .max(MAX_DOCUMENT_TITLE_LENGTH, `A link’s title has at most ${MAX_DOCUMENT_TITLE_LENGTH} characters.`),
  url: z.url({ protocol: /^https?$/, error: 'Give an http(s) link.' }),
});

/** A person in several organizations is listed once, under the first (members come ordered by person). */
function onePerPerson<T extends { userId: string }>(rows: T[]): T[] {
  return rows.filter((row, i) => i === 0 || rows[i - 1].userId !== row.userId);
}

type History = (
  viewer: Viewer,
  roundtableId: string,
) => Promise<Outcome<{ messages: MessageView[]; hasOlder: boolean }>>;

/**
 * The rooms themselves: convening (by hand or for a confirmed match), the list with unread counts, the room page's
 * snapshot, the status (open, closed, archived) and the links shared in a room.
 */
export function createRoomsModule(
  { db, events, now }: RoomDeps,
  { access, enter }: RoomAccessService,
  latestMessages: History,
) {
  const module = {
    async create(
      actor: Viewer,
      input: unknown,
      link: { matchId?: string; requestId?: string } = {},
    ): Promise<Outcome<RoundtableRow>> {
      if (!can(actor, { action: 'roundtable.convene' }))
        return forbidden('Only the Summits Secretariat convenes roundtables.');
      const parsed = createSchema.safeParse(input);
      if (!parsed.success) {
        // A bad mandate number is the mandates field's error (not "mandates.1"), said once however many are bad.
        const issues = parsed.error.issues.map((issue) =>
          issue.path[0] === 'mandates' ? { ...issue, path: ['mandates'] } : issue,
        );
        const unique = issues.filter(
          (issue, i) =>
            issues.findIndex(
              (other) => other.path.join('.') === issue.path.join('.') && other.message === issue.message,
            ) === i,
        );
        return invalid('Check the highlighted fields.', fieldErrorsFrom(unique));
      }
      const { title, description, kind, organizationIds } = parsed.data;
      const moderatorIds = [...new Set([actor!.userId, ...parsed.data.moderatorIds])];
      const mandateIds = await resolveMandateIds(db, parsed.data.mandates);
      if (mandateIds.unknown.length)
        return invalid('Check the highlighted fields.', {
          mandates: [`Unknown mandate number(s): ${mandateIds.unknown.join(', ')}.`],
        });
      const room = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(roundtables)
          .values({
            title,
            description: description ?? null,
            kind,
            matchId: link.matchId ?? null,
            requestId: link.requestId ?? null,
            createdBy: actor!.userId,
          })
          .returning();
        await tx
          .insert(roundtableOrganizations)
          .values(organizationIds.map((organizationId) => ({ roundtableId: row.id, organizationId })))
          .onConflictDoNothing();
        if (mandateIds.ids.length)
          await tx
            .insert(roundtableMandates)
            .values(mandateIds.ids.map((mandateId) => ({ roundtableId: row.id, mandateId })));
        await addOrganizationMembers(tx, row.id, organizationIds, moderatorIds);
        await writeAudit(tx, {
          action: 'roundtable.created',
          actorUserId: actor!.userId,
          subjectType: 'roundtable',
          subjectId: row.id,
          data: { kind, matchId: link.matchId ?? null },
        });
        for (const organizationId of organizationIds) {
          await notifyOrganization(tx, organizationId, {
            kind: 'roundtable.opened',
            link: `/roundtables/${row.id}`,
            subject: `Roundtable opened: ${title}`,
            body: `The Summits Secretariat opened the roundtable "${title}". Join it from Minka.`,
            data: { title },
          });
        }
        return row;
      });
      return ok(room);
    },

    /** Opens the room of a confirmed match (once: the match id is unique among rooms). */
    async openForMatch(matchId: string, actor?: Actor): Promise<Outcome<RoundtableRow>> {
      const [match] = await db
        .select({
          match: matches,
          requestTitle: assistanceRequests.title,
          requestOrganizationId: assistanceRequests.organizationId,
        })
        .from(matches)
        .innerJoin(assistanceRequests, eq(assistanceRequests.id, matches.requestId))
        .where(eq(matches.id, matchId));
      if (!match) return notFound('This match does not exist.');
      if (match.match.status !== 'confirmed') return conflict('Only a confirmed match opens a roundtable.');
      const [existing] = await db.select().from(roundtables).where(eq(roundtables.matchId, matchId));
      if (existing) return ok(existing);
      const convener = actor ?? (match.match.proposedBy ? { userId: match.match.proposedBy } : null);
      if (!convener) return forbidden('No Secretariat member to convene this roundtable.');
      const moderatorIds = [convener.userId];
      const organizationIds = [match.requestOrganizationId, match.match.providerOrganizationId];
      const room = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(roundtables)
          // The request's own title: the room's kind is shown beside it in the reader's language, so no English prefix.
          .values({
            title: match.requestTitle.slice(0, 200),
            kind: 'technical_meeting',
            matchId,
            requestId: match.match.requestId,
            createdBy: convener.userId,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return null;
        await tx
          .insert(roundtableOrganizations)
          .values(organizationIds.map((organizationId) => ({ roundtableId: row.id, organizationId })));
        // The room works on the request's mandates.
        const requestMandateRows = await tx
          .select({ mandateId: requestMandates.mandateId })
          .from(requestMandates)
          .where(eq(requestMandates.requestId, match.match.requestId));
        if (requestMandateRows.length)
          await tx
            .insert(roundtableMandates)
            .values(requestMandateRows.map((r) => ({ roundtableId: row.id, mandateId: r.mandateId })));
        await addOrganizationMembers(tx, row.id, organizationIds, moderatorIds);
        await writeAudit(tx, {
          action: 'roundtable.created',
          actorUserId: convener.userId,
          subjectType: 'roundtable',
          subjectId: row.id,
          data: { matchId },
        });
        for (const organizationId of organizationIds) {
          await notifyOrganization(tx, organizationId, {
            kind: 'roundtable.opened',
            link: `/roundtables/${row.id}`,
            subject: `Roundtable opened: ${row.title}`,
            body: `A room is open for your confirmed match "${match.requestTitle}".`,
            data: { title: row.title },
          });
        }
        return row;
      });
      if (!room) {
        const [again] = await db.select().from(roundtables).where(eq(roundtables.matchId, matchId));
        return ok(again);
      }
      return ok(room);
    },

    /** The rooms the viewer is in (all for the Secretariat), with unread counts for the navigation. */
    async list(actor: Actor) {
      const rows = await db
        .select({ room: roundtables })
        .from(roundtables)
        .leftJoin(
          roundtableMembers,
          and(
            eq(roundtableMembers.roundtableId, roundtables.id),
            eq(roundtableMembers.userId, actor.userId),
            isNull(roundtableMembers.removedAt),
          ),
        )
        .where(isSecretariat(actor) ? undefined : sql`${roundtableMembers.userId} is not null`)
        .orderBy(desc(roundtables.createdAt));
      // One grouped query for every room's unread count: this runs on each page view (the navigation badge).
      const unreadRows = rows.length
        ? await db
            .select({ roundtableId: messages.roundtableId, unread: count() })
            .from(messages)
            .leftJoin(
              roundtableMembers,
              and(
                eq(roundtableMembers.roundtableId, messages.roundtableId),
                eq(roundtableMembers.userId, actor.userId),
              ),
            )
            .where(
              and(
                inArray(
                  messages.roundtableId,
                  rows.map((r) => r.room.id),
                ),
                gt(messages.seq, sql`coalesce(${roundtableMembers.lastReadSeq}, 0)`),
                isNull(messages.deletedAt),
                sql`${messages.authorId} <> ${actor.userId}`,
              ),
            )
            .groupBy(messages.roundtableId)
        : [];
      const unreadByRoom = new Map(unreadRows.map((r) => [r.roundtableId, Number(r.unread)]));
      return rows.map(({ room }) => ({ ...room, unread: unreadByRoom.get(room.id) ?? 0 }));
    },

    async unreadTotal(actor: Actor): Promise<number> {
      const rooms = await module.list(actor);
      return rooms.filter((r) => r.status === 'open').reduce((sum, r) => sum + r.unread, 0);
    },

    /** Everything the room page needs at once. */
    async snapshot(viewer: Viewer, roundtableId: string) {
      const allowed = await access(viewer, roundtableId);
      if (!allowed.ok) return allowed;
      const { room } = allowed.value;
      // Read before the messages: the page holds every change up to here, and its live connection asks for the
      // changes since (decision 034).
      const syncedAt = now().toISOString();
      const [members, orgs, agenda, documents, history, mandateRows] = await Promise.all([
        db
          .select({
            userId: roundtableMembers.userId,
            role: roundtableMembers.role,
            mutedUntil: roundtableMembers.mutedUntil,
            removedAt: roundtableMembers.removedAt,
            displayName: users.displayName,
            organizationCode: organizations.code,
            organizationNameEn: organizations.nameEn,
            organizationNameEs: organizations.nameEs,
          })
          .from(roundtableMembers)
          .innerJoin(users, eq(users.id, roundtableMembers.userId))
          .leftJoin(memberships, eq(memberships.userId, roundtableMembers.userId))
          .leftJoin(organizations, eq(organizations.id, memberships.organizationId))
          .where(eq(roundtableMembers.roundtableId, roundtableId))
          .orderBy(asc(users.displayName), asc(roundtableMembers.userId), asc(organizations.code)),
        db
          .select({
            id: organizations.id,
            code: organizations.code,
            nameEn: organizations.nameEn,
            nameEs: organizations.nameEs,
          })
          .from(roundtableOrganizations)
          .innerJoin(organizations, eq(organizations.id, roundtableOrganizations.organizationId))
          .where(eq(roundtableOrganizations.roundtableId, roundtableId)),
        db
          .select()
          .from(agendaItems)
          .where(eq(agendaItems.roundtableId, roundtableId))
          .orderBy(asc(agendaItems.position)),
        db
          .select({
            id: roundtableDocuments.id,
            title: roundtableDocuments.title,
            url: roundtableDocuments.url,
            fileName: roundtableDocuments.fileName,
            mediaType: roundtableDocuments.mediaType,
            sizeBytes: roundtableDocuments.sizeBytes,
            sharedBy: roundtableDocuments.sharedBy,
            sharedByName: users.displayName,
            sharedAt: roundtableDocuments.sharedAt,
          })
          .from(roundtableDocuments)
          .leftJoin(users, eq(users.id, roundtableDocuments.sharedBy))
          // Removed documents stay in the table for the audit trail, not in the room.
          .where(and(eq(roundtableDocuments.roundtableId, roundtableId), isNull(roundtableDocuments.removedAt)))
          .orderBy(asc(roundtableDocuments.sharedAt)),
        latestMessages(viewer, roundtableId),
        db
          .select({ number: mandates.number })
          .from(roundtableMandates)
          .innerJoin(mandates, eq(mandates.id, roundtableMandates.mandateId))
          .where(eq(roundtableMandates.roundtableId, roundtableId))
          .orderBy(asc(mandates.number)),
      ]);
      return ok({
        room,
        syncedAt,
        moderator: allowed.value.moderator,
        members: onePerPerson(members),
        organizations: orgs,
        mandates: mandateRows.map((m) => m.number),
        agenda,
        documents,
        messages: history.ok ? history.value.messages : [],
        hasOlder: history.ok ? history.value.hasOlder : false,
      });
    },

    /**
     * The room a match opened: whether there is one, and the room if the viewer may enter it. Only for pages that
     * already checked the viewer may see the match (its parties and the Secretariat).
     */
    async roomOfMatch(
      viewer: Viewer,
      matchId: string,
    ): Promise<
      { exists: false } | { exists: true; room: { id: string; title: string; status: RoundtableRow['status'] } | null }
    > {
      if (!z.uuid().safeParse(matchId).success) return { exists: false };
      const [room] = await db.select({ id: roundtables.id }).from(roundtables).where(eq(roundtables.matchId, matchId));
      if (!room) return { exists: false };
      const allowed = await access(viewer, room.id);
      return {
        exists: true,
        room: allowed.ok
          ? { id: allowed.value.room.id, title: allowed.value.room.title, status: allowed.value.room.status }
          : null,
      };
    },

    /** The Secretariat opens a confirmed match's room by hand (when opening it on confirmation failed). */
    async openRoomForMatch(actor: Viewer, matchId: string): Promise<Outcome<RoundtableRow>> {
      if (!can(actor, { action: 'roundtable.convene' }))
        return forbidden('Only the Summits Secretariat convenes roundtables.');
      if (!z.uuid().safeParse(matchId).success) return notFound('This match does not exist.');
      return module.openForMatch(matchId, actor!);
    },

    async setStatus(actor: Viewer, roundtableId: string, statusInput: unknown) {
      const allowed = await enter(
        actor,
        roundtableId,
        requireConvener(actor, 'Only the Summits Secretariat closes or archives roundtables.'),
      );
      if (!allowed.ok) return allowed;
      const status = z.enum(['open', 'closed', 'archived']).safeParse(statusInput);
      if (!status.success) return invalid('Status is open, closed or archived.');
      await db
        .update(roundtables)
        .set({ status: status.data, closedAt: status.data === 'open' ? null : now() })
        .where(eq(roundtables.id, roundtableId));
      await writeAudit(db, {
        action: 'roundtable.status_changed',
        actorUserId: actor!.userId,
        subjectType: 'roundtable',
        subjectId: roundtableId,
        data: { status: status.data },
      });
      events.emit('roundtable.changed', { roundtableId, what: 'status' });
      return ok({ status: status.data });
    },

    async shareDocument(actor: Viewer, roundtableId: string, input: unknown) {
      // A link reaches the room and the transcript like a message: a muted member shares none.
      const allowed = await enter(actor, roundtableId, requireOpenRoom, requireNotMuted(now));
      if (!allowed.ok) return allowed;
      const parsed = sharedLinkSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      // Audited like a file shared in the room (documents.server.ts), in the same transaction.
      await db.transaction(async (tx) => {
        const [shared] = await tx
          .insert(roundtableDocuments)
          .values({
            roundtableId,
            title: parsed.data.title,
            url: parsed.data.url,
            sharedBy: actor!.userId,
            sharedAt: now(),
          })
          .returning({ id: roundtableDocuments.id });
        await writeAudit(tx, {
          action: 'roundtable.document_shared',
          actorUserId: actor!.userId,
          organizationId: actor!.organizationId,
          subjectType: 'roundtable_document',
          subjectId: shared.id,
          data: { roundtableId, title: parsed.data.title, url: parsed.data.url },
          ip: actor!.ip,
        });
      });
      events.emit('roundtable.changed', { roundtableId, what: 'documents' });
      return ok(
        await db
          .select()
          .from(roundtableDocuments)
          .where(and(eq(roundtableDocuments.roundtableId, roundtableId), isNull(roundtableDocuments.removedAt)))
          .orderBy(asc(roundtableDocuments.sharedAt)),
      );
    },
  };
  return module;
}
