import { and, asc, count, desc, eq, gt, ilike, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
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
  type MessageRow,
  type RoundtableRow,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { notifyOrganization } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can, isSecretariat } from '../permissions';
import { resolveMandateIds } from '../cooperation/common.server';
import { cleanText } from '../text';
import { createMemoryFloodLimiter, type FloodLimiter } from './flood.server';
import { createMessageStore } from './message-store.server';

export const MAX_MESSAGE_LENGTH = 4_000;
export const EDIT_WINDOW_MS = 15 * 60_000;
export const HISTORY_PAGE = 50;
export const REPLAY_LIMIT = 1_000;
/** Flood protection: at most this many messages per user per window. */
export const FLOOD_RULE = { limit: 10, windowMs: 10_000 };

export interface MessageView {
  id: number;
  roundtableId: string;
  /** Its place in the room: 1, 2, 3… without gaps, in commit order (migration 0007). */
  seq: number;
  authorId: string;
  authorName: string;
  clientId: string;
  body: string;
  replyToId: number | null;
  pinned: boolean;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  /**
   * A moderator hid it (issue 15): the room sees who, when and why, never the words (body is ''). The words stay in
   * the database and the audit trail.
   */
  hidden: { byName: string; reason: string; at: string } | null;
}

export interface RoomAccess {
  room: RoundtableRow;
  moderator: boolean;
  /** Secretariat staff who are not listed members still see every room. */
  member: boolean;
  mutedUntil: Date | null;
}

const createSchema = z.object({
  title: z.string().trim().min(5, 'Give the roundtable a title (at least 5 characters).').max(200),
  description: z.string().trim().max(5000).optional(),
  kind: z.enum(['technical_meeting', 'working_roundtable'], 'Choose a kind.'),
  organizationIds: z.array(z.uuid()).min(1, 'Invite at least one organization.'),
  moderatorIds: z.array(z.uuid()).default([]),
  mandates: z
    .array(
      z.coerce
        .number('Mandates are numbers, such as 2 or 12.')
        .int('Mandates are whole numbers, such as 2 or 12.')
        .positive('Mandates are numbers from 1, such as 2 or 12.'),
    )
    .default([]),
});

const sendSchema = z.object({
  clientId: z.string().min(8, 'clientId must be a client-generated id of 8 to 64 characters.').max(64),
  body: z
    .string()
    .trim()
    .min(1, 'A message cannot be empty.')
    .max(MAX_MESSAGE_LENGTH, `A message has at most ${MAX_MESSAGE_LENGTH} characters.`),
  replyToId: z.number().int().positive().optional(),
});

/** What a moderator gives when hiding a message: the room reads it, so it says why in a sentence. */
export const MAX_HIDE_REASON_LENGTH = 300;
const hideReasonSchema = z
  .string('Say why you hide this message.')
  .trim()
  .min(3, 'Say why you hide this message (at least 3 characters).')
  .max(MAX_HIDE_REASON_LENGTH, `Keep the reason under ${MAX_HIDE_REASON_LENGTH} characters.`);

/**
 * The refusal for a member muted until later than `at`, or null. Mute means no new content before the room (issue
 * 15): no message, edit, link, file or raised hand; every path that adds content asks this.
 */
export function mutedRefusal(mutedUntil: Date | null, at: Date) {
  if (!mutedUntil || mutedUntil.getTime() <= at.getTime()) return null;
  return forbidden(`A moderator muted you until ${mutedUntil.toISOString().slice(11, 16)} UTC.`);
}

function toView(row: MessageRow & { authorName: string; hiddenByName?: string | null }): MessageView {
  return {
    id: row.id,
    roundtableId: row.roundtableId,
    seq: row.seq,
    authorId: row.authorId,
    authorName: row.authorName,
    clientId: row.clientId,
    // A deleted or hidden message keeps its place in the history, not its words.
    body: row.deletedAt || row.hiddenAt ? '' : row.body,
    replyToId: row.replyToId,
    pinned: row.pinned,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted: !!row.deletedAt,
    hidden:
      row.hiddenAt && !row.deletedAt
        ? { byName: row.hiddenByName ?? '', reason: row.hiddenReason ?? '', at: row.hiddenAt.toISOString() }
        : null,
  };
}

/** A person in several organizations is listed once, under the first (members come ordered by person). */
function onePerPerson<T extends { userId: string }>(rows: T[]): T[] {
  return rows.filter((row, i) => i === 0 || rows[i - 1].userId !== row.userId);
}

export type TranscriptLang = 'en' | 'es';

/**
 * What people wrote, made inert in the Markdown transcript (issue 12): bidirectional overrides stripped (cleanText),
 * HTML's `& < >` as entities, Markdown's punctuation backslash-escaped (so no link, image, emphasis, table or
 * heading can be formed), and link schemes other than http(s) (`javascript:`, `data:`...) broken with an escaped
 * colon. One line: line breaks become spaces.
 */
export function transcriptInline(text: string): string {
  return escapeTranscriptLine(cleanText(text).replace(/\s*[\r\n]+\s*/g, ' '));
}

/**
 * A multi-line text (a message, the room's purpose): every line escaped as above, continuation lines indented by
 * `indent` and with a leading block marker (`-`, `+`, `>`, `=`, `1.`) escaped, so no line can pose as a numbered
 * message (`- #99 ...`), a heading, a list item or a quote.
 */
export function transcriptBlock(text: string, indent = ''): string {
  return cleanText(text)
    .split(/\r\n|\r|\n/)
    .map((line, i) => (i === 0 ? '' : indent) + escapeTranscriptLine(line))
    .join('\n');
}

function escapeTranscriptLine(line: string): string {
  return (
    line
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*{}[\]()#!|~]/g, (c) => `\\${c}`)
      // An underscore inside a word (user_name) cannot start emphasis in CommonMark: only the others are escaped.
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
      .replace(/\b([A-Za-z][A-Za-z0-9+.-]*):(?=\S)/g, (match, scheme: string) =>
        /^https?$/i.test(scheme) ? match : `${scheme}\\:`,
      )
      .replace(/^(\s*)([-+=]|\d+(?=[.)]))/, (_m, space: string, marker: string) =>
        /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
      )
  );
}

/** The transcript's own words (what people wrote is kept as written). */
const TRANSCRIPT_LABELS = {
  en: {
    kind: 'Kind',
    kinds: { technical_meeting: 'technical meeting', working_roundtable: 'working roundtable' },
    status: 'Status',
    statuses: { open: 'open', closed: 'closed (read-only)', archived: 'archived' },
    organizations: 'Organizations',
    mandates: 'Mandates',
    exported: 'Exported',
    purpose: 'Purpose',
    participants: 'Participants',
    moderator: 'moderator',
    agenda: 'Agenda',
    agendaStatuses: { pending: 'pending', in_discussion: 'in discussion', done: 'done' },
    noAgenda: '(no agenda)',
    documents: 'Documents',
    noDocuments: '(no documents)',
    sharedBy: (name: string, date: string) => `shared by ${name} on ${date}`,
    formerMember: 'a former member',
    messages: 'Messages (times in UTC)',
    deleted: '(message deleted)',
    hidden: (name: string, reason: string) => `(hidden by ${name}: ${reason})`,
    edited: '(edited)',
    replyTo: (ref: string) => `reply to ${ref}`,
  },
  es: {
    kind: 'Tipo',
    kinds: { technical_meeting: 'reunión técnica', working_roundtable: 'mesa de trabajo' },
    status: 'Estado',
    statuses: { open: 'abierta', closed: 'cerrada (solo lectura)', archived: 'archivada' },
    organizations: 'Organizaciones',
    mandates: 'Mandatos',
    exported: 'Exportada',
    purpose: 'Propósito',
    participants: 'Participantes',
    moderator: 'moderador',
    agenda: 'Orden del día',
    agendaStatuses: { pending: 'pendiente', in_discussion: 'en discusión', done: 'tratado' },
    noAgenda: '(sin orden del día)',
    documents: 'Documentos',
    noDocuments: '(sin documentos)',
    sharedBy: (name: string, date: string) => `compartido por ${name} el ${date}`,
    formerMember: 'un antiguo miembro',
    messages: 'Mensajes (horas en UTC)',
    deleted: '(mensaje eliminado)',
    hidden: (name: string, reason: string) => `(ocultado por ${name}: ${reason})`,
    edited: '(editado)',
    replyTo: (ref: string) => `respuesta a ${ref}`,
  },
} as const;

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
  /** The per-user message rate limit; default: in this process's memory (per node). */
  floodLimiter?: FloodLimiter;
}

/**
 * Roundtable rooms: membership, messages (store first, dedupe on the client's id, replay after an id), agenda,
 * moderation and transcripts. Every function checks access itself; the socket layer only transports.
 */
export function createRoundtablesService({ db, events, now, floodLimiter }: Deps) {
  const flood = floodLimiter ?? createMemoryFloodLimiter(FLOOD_RULE, () => now().getTime());
  const store = createMessageStore(db);

  const messageColumns = {
    id: messages.id,
    roundtableId: messages.roundtableId,
    seq: messages.seq,
    authorId: messages.authorId,
    clientId: messages.clientId,
    body: messages.body,
    replyToId: messages.replyToId,
    pinned: messages.pinned,
    createdAt: messages.createdAt,
    editedAt: messages.editedAt,
    deletedAt: messages.deletedAt,
    hiddenAt: messages.hiddenAt,
    hiddenBy: messages.hiddenBy,
    hiddenReason: messages.hiddenReason,
    authorName: users.displayName,
    // Who hid it, by name (a second join on users would need an alias; this runs only where hidden_by is set).
    hiddenByName: sql<string | null>`(select h.display_name from users h where h.id = ${messages.hiddenBy})`,
  };

  /** Who may be in the room: listed members (not removed) and, always, the Secretariat. */
  /** One query: the room and the viewer's membership in it (the hot path of every send). */
  async function access(viewer: Viewer, roundtableId: string): Promise<Outcome<RoomAccess>> {
    if (!viewer) return forbidden('Log in to join a roundtable.');
    if (!z.uuid().safeParse(roundtableId).success) return notFound('This roundtable does not exist.');
    const [row] = await db
      .select({ room: roundtables, role: roundtableMembers.role, mutedUntil: roundtableMembers.mutedUntil })
      .from(roundtables)
      .leftJoin(
        roundtableMembers,
        and(
          eq(roundtableMembers.roundtableId, roundtables.id),
          eq(roundtableMembers.userId, viewer.userId),
          isNull(roundtableMembers.removedAt),
        ),
      )
      .where(eq(roundtables.id, roundtableId))
      .limit(1);
    if (!row) return notFound('This roundtable does not exist.');
    const member = row.role !== null;
    if (!member && !isSecretariat(viewer)) return forbidden('You are not a member of this roundtable.');
    return ok({
      room: row.room,
      moderator: can(viewer, { action: 'roundtable.moderate', namedModerator: row.role === 'moderator' }),
      member,
      mutedUntil: row.mutedUntil,
    });
  }

  /** The refusal for a member muted until later than now (the same words as a refused send), or null. */
  const mutedNow = (mutedUntil: Date | null) => mutedRefusal(mutedUntil, now());

  async function messageById(id: number) {
    const [row] = await db
      .select(messageColumns)
      .from(messages)
      .innerJoin(users, eq(users.id, messages.authorId))
      .where(eq(messages.id, id))
      .limit(1);
    return row;
  }

  async function addOrganizationMembers(
    tx: Database | Parameters<Parameters<Database['transaction']>[0]>[0],
    roundtableId: string,
    organizationIds: string[],
    moderatorIds: string[],
  ) {
    const people = organizationIds.length
      ? await tx
          .select({ userId: memberships.userId })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(inArray(memberships.organizationId, organizationIds), isNull(users.disabledAt)))
      : [];
    const ids = new Set([...people.map((p) => p.userId), ...moderatorIds]);
    if (!ids.size) return 0;
    const added = await tx
      .insert(roundtableMembers)
      .values(
        [...ids].map((userId) => ({
          roundtableId,
          userId,
          role: moderatorIds.includes(userId) ? ('moderator' as const) : ('participant' as const),
        })),
      )
      .onConflictDoNothing()
      .returning({ userId: roundtableMembers.userId });
    return added.length;
  }

  /**
   * The send path when the one-statement store stored nothing, or the flood limit says wait: every check on its
   * own, in the order that gives the right answer. A resend stores nothing and is never refused (not by the flood
   * limit, not by a later mute): it is found by (room, author, clientId).
   */
  async function sendChecked(
    actor: Actor | NonNullable<Viewer>,
    roundtableId: string,
    clientId: string,
    body: string,
    replyToId: number | undefined,
    floodWait: number,
  ): Promise<Outcome<{ message: MessageView; duplicate: boolean }>> {
    const allowed = await access(actor, roundtableId);
    if (!allowed.ok) return allowed;
    const { room, mutedUntil } = allowed.value;
    if (room.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
    const previous = async () => {
      const [row] = await db
        .select(messageColumns)
        .from(messages)
        .innerJoin(users, eq(users.id, messages.authorId))
        .where(
          and(
            eq(messages.roundtableId, roundtableId),
            eq(messages.authorId, actor.userId),
            eq(messages.clientId, clientId),
          ),
        );
      if (!row) return null;
      return ok({ message: toView(row), duplicate: true });
    };
    const stored = await previous();
    if (stored) return stored;
    if (mutedUntil && mutedUntil.getTime() > now().getTime())
      return forbidden(`A moderator muted you until ${mutedUntil.toISOString().slice(11, 16)} UTC.`);
    if (floodWait > 0)
      return {
        ok: false,
        kind: 'rate_limited',
        message: `You are sending too fast. Wait ${floodWait} s.`,
        retryAfterSeconds: floodWait,
      };
    if (replyToId) {
      const [parent] = await db
        .select({ roundtableId: messages.roundtableId })
        .from(messages)
        .where(eq(messages.id, replyToId));
      if (!parent || parent.roundtableId !== roundtableId)
        return invalid('The message you reply to is not in this roundtable.', { replyToId: ['Unknown message.'] });
    }
    // Every check passes now (a mute was lifted, a member added between the two): store it after all.
    const wait = await flood.take(actor.userId);
    if (wait > 0)
      return {
        ok: false,
        kind: 'rate_limited',
        message: `You are sending too fast. Wait ${wait} s.`,
        retryAfterSeconds: wait,
      };
    const row = await store.store({
      roundtableId,
      authorId: actor.userId,
      clientId,
      body,
      replyToId: replyToId ?? null,
      createdAt: now(),
      secretariat: isSecretariat(actor),
    });
    if (row) return ok({ message: toView({ ...row, authorName: actor.displayName }), duplicate: false });
    flood.refund(actor.userId);
    return (await previous()) ?? conflict('The message could not be stored; send it again.');
  }

  const service = {
    access,
    /** How long authors may edit or delete their own messages (the room page shows the buttons for as long). */
    editWindowMs: EDIT_WINDOW_MS,

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
      const rooms = await service.list(actor);
      return rooms.filter((r) => r.status === 'open').reduce((sum, r) => sum + r.unread, 0);
    },

    /** Everything the room page needs at once. */
    async snapshot(viewer: Viewer, roundtableId: string) {
      const allowed = await access(viewer, roundtableId);
      if (!allowed.ok) return allowed;
      const { room } = allowed.value;
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
        service.history(viewer, roundtableId),
        db
          .select({ number: mandates.number })
          .from(roundtableMandates)
          .innerJoin(mandates, eq(mandates.id, roundtableMandates.mandateId))
          .where(eq(roundtableMandates.roundtableId, roundtableId))
          .orderBy(asc(mandates.number)),
      ]);
      return ok({
        room,
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
     * A send from the room page's plain form (no socket, no JavaScript): stored exactly as `send`, then announced
     * so the realtime layer broadcasts it to the room. A resend is answered, never announced twice.
     */
    async post(
      actor: Viewer,
      roundtableId: string,
      input: unknown,
    ): Promise<Outcome<{ message: MessageView; duplicate: boolean }>> {
      const sent = await service.send(actor, roundtableId, input);
      if (sent.ok && !sent.value.duplicate)
        events.emit('roundtable.message_posted', { roundtableId, message: sent.value.message });
      return sent;
    },

    /** The latest messages, or those before `beforeSeq`, oldest first. */
    async history(
      viewer: Viewer,
      roundtableId: string,
      options: { beforeSeq?: number; limit?: number } = {},
    ): Promise<Outcome<{ messages: MessageView[]; hasOlder: boolean }>> {
      const allowed = await access(viewer, roundtableId);
      if (!allowed.ok) return allowed;
      const limit = Math.min(Math.max(options.limit ?? HISTORY_PAGE, 1), 200);
      const rows = await db
        .select(messageColumns)
        .from(messages)
        .innerJoin(users, eq(users.id, messages.authorId))
        .where(
          and(
            eq(messages.roundtableId, roundtableId),
            options.beforeSeq ? lt(messages.seq, options.beforeSeq) : undefined,
          ),
        )
        .orderBy(desc(messages.seq))
        .limit(limit + 1);
      const page = rows.slice(0, limit).reverse();
      return ok({ messages: page.map(toView), hasOlder: rows.length > limit });
    },

    /**
     * Search in a room's history (issue 15): members find the messages whose words contain the text, newest first,
     * at most 50. Deleted and hidden messages are never found (their words are not the room's any more). The text is
     * matched literally (`%` and `_` are not wildcards), case-insensitively.
     */
    async search(
      viewer: Viewer,
      roundtableId: string,
      queryInput: unknown,
    ): Promise<Outcome<{ query: string; messages: MessageView[] }>> {
      const allowed = await access(viewer, roundtableId);
      if (!allowed.ok) return allowed;
      const query = z
        .string()
        .trim()
        .min(2, 'Search for at least 2 characters.')
        .max(100, 'Search for at most 100 characters.')
        .safeParse(queryInput);
      if (!query.success)
        return invalid(query.error.issues[0].message, { q: query.error.issues.map((i) => i.message) });
      const pattern = `%${query.data.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await db
        .select(messageColumns)
        .from(messages)
        .innerJoin(users, eq(users.id, messages.authorId))
        .where(
          and(
            eq(messages.roundtableId, roundtableId),
            isNull(messages.deletedAt),
            isNull(messages.hiddenAt),
            ilike(messages.body, pattern),
          ),
        )
        .orderBy(desc(messages.seq))
        .limit(50);
      return ok({ query: query.data, messages: rows.map(toView) });
    },

    /**
     * Messages after seq `afterSeq`: what a reconnecting client missed. Seqs commit in order, so this is exactly the
     * gap, whichever server process stored each message.
     */
    async since(
      viewer: Viewer,
      roundtableId: string,
      afterSeq: number,
    ): Promise<Outcome<{ messages: MessageView[]; truncated: boolean }>> {
      const allowed = await access(viewer, roundtableId);
      if (!allowed.ok) return allowed;
      const rows = await db
        .select(messageColumns)
        .from(messages)
        .innerJoin(users, eq(users.id, messages.authorId))
        .where(and(eq(messages.roundtableId, roundtableId), gt(messages.seq, Math.max(0, Math.floor(afterSeq)))))
        .orderBy(asc(messages.seq))
        .limit(REPLAY_LIMIT + 1);
      return ok({ messages: rows.slice(0, REPLAY_LIMIT).map(toView), truncated: rows.length > REPLAY_LIMIT });
    },

    /**
     * Stores the message first; the caller acknowledges with the stored id and broadcasts only after this returns.
     * A resend with the same client id returns the stored message with `duplicate: true` and stores nothing.
     *
     * The common path is one statement shared with the other sends waiting at that moment (message-store.server.ts):
     * it checks the room, membership, mute and reply target as it inserts. Only when it stores nothing (a resend or
     * a refusal) do the separate checks below run, to answer with the stored message or the reason.
     */
    async send(
      actor: Viewer,
      roundtableId: string,
      input: unknown,
    ): Promise<Outcome<{ message: MessageView; duplicate: boolean }>> {
      if (!actor) return forbidden('Log in to join a roundtable.');
      if (!z.uuid().safeParse(roundtableId).success) return notFound('This roundtable does not exist.');
      const parsed = sendSchema.safeParse(input);
      if (!parsed.success) {
        // The room's own refusal (not found, not a member) comes before a complaint about the payload.
        const allowed = await access(actor, roundtableId);
        if (!allowed.ok) return allowed;
        return invalid(parsed.error.issues[0]?.message ?? 'Invalid message.', fieldErrorsFrom(parsed.error.issues));
      }
      const { clientId, body, replyToId } = parsed.data;
      const floodKey = actor.userId;
      const wait = await flood.take(floodKey);
      if (wait === 0) {
        const row = await store.store({
          roundtableId,
          authorId: actor.userId,
          clientId,
          body,
          replyToId: replyToId ?? null,
          createdAt: now(),
          secretariat: isSecretariat(actor),
        });
        if (row) return ok({ message: toView({ ...row, authorName: actor.displayName }), duplicate: false });
        // Nothing new stored: a stored message does not count against the limit twice, a refused one not at all.
        flood.refund(floodKey);
      }
      return sendChecked(actor, roundtableId, clientId, body, replyToId, wait);
    },

    async edit(actor: Viewer, messageId: number, bodyInput: unknown): Promise<Outcome<MessageView>> {
      const row = await messageById(messageId);
      if (!row) return notFound('This message does not exist.');
      const allowed = await access(actor, row.roundtableId);
      if (!allowed.ok) return allowed.kind === 'forbidden' ? notFound('This message does not exist.') : allowed;
      if (allowed.value.room.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
      // Mute means no new content: an edit would put new text before the room as surely as a send.
      const muted = mutedNow(allowed.value.mutedUntil);
      if (muted) return muted;
      const body = sendSchema.shape.body.safeParse(bodyInput);
      if (!body.success)
        return invalid(body.error.issues[0].message, { body: body.error.issues.map((i) => i.message) });
      // Only the author changes their words (issue 15): a moderator hides a message, with a reason, and never
      // rewrites it, so the minutes never attribute to someone words they did not write.
      const own = row.authorId === actor!.userId && now().getTime() - row.createdAt.getTime() <= EDIT_WINDOW_MS;
      if (!own)
        return forbidden(
          row.authorId === actor!.userId
            ? 'You can edit your message for 15 minutes after sending it.'
            : 'Only the author can edit a message. A moderator may hide it instead.',
        );
      if (row.deletedAt) return conflict('This message was deleted.');
      if (row.hiddenAt) return conflict('A moderator hid this message.');
      // The words before the edit stay in the audit trail, written with the edit (one transaction: no edit unaudited).
      await db.transaction(async (tx) => {
        await tx.update(messages).set({ body: body.data, editedAt: now() }).where(eq(messages.id, messageId));
        await writeAudit(tx, {
          action: 'message.edited',
          actorUserId: actor!.userId,
          subjectType: 'message',
          subjectId: String(messageId),
          data: { roundtableId: row.roundtableId, previousBody: row.body },
        });
      });
      return ok(toView((await messageById(messageId))!));
    },

    /**
     * May this person raise a hand in the room now? Members of an open room who are not muted (a raised hand asks
     * for the floor: mute means not now). The hand itself lives with the sockets (realtime/roundtables.ts).
     */
    async raiseHand(actor: Viewer, roundtableId: string): Promise<Outcome<{ roundtableId: string }>> {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (allowed.value.room.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
      const muted = mutedNow(allowed.value.mutedUntil);
      if (muted) return muted;
      return ok({ roundtableId });
    },

    async remove(actor: Viewer, messageId: number): Promise<Outcome<MessageView>> {
      const row = await messageById(messageId);
      if (!row) return notFound('This message does not exist.');
      const allowed = await access(actor, row.roundtableId);
      if (!allowed.ok) return allowed.kind === 'forbidden' ? notFound('This message does not exist.') : allowed;
      if (allowed.value.room.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
      // Authors delete their own words (for 15 minutes); a moderator hides someone else's, saying why (hide below).
      const own = row.authorId === actor!.userId && now().getTime() - row.createdAt.getTime() <= EDIT_WINDOW_MS;
      if (!own)
        return forbidden(
          row.authorId === actor!.userId
            ? 'You can delete your message for 15 minutes after sending it.'
            : 'Only the author can delete a message. A moderator may hide it instead.',
        );
      if (row.deletedAt) return ok(toView(row));
      await db.update(messages).set({ deletedAt: now() }).where(eq(messages.id, messageId));
      await writeAudit(db, {
        action: 'message.deleted',
        actorUserId: actor!.userId,
        subjectType: 'message',
        subjectId: String(messageId),
        data: { roundtableId: row.roundtableId, body: row.body },
      });
      return ok(toView((await messageById(messageId))!));
    },

    /**
     * A moderator hides a message (issue 15): the room and the transcript show who hid it and why in its place; the
     * author's words stay in the database and in the audit entry. Hiding again changes nothing (the first reason
     * stands); moderators cannot hide a deleted message (nothing is shown to hide).
     */
    async hide(actor: Viewer, messageId: number, reasonInput: unknown): Promise<Outcome<MessageView>> {
      const row = await messageById(messageId);
      if (!row) return notFound('This message does not exist.');
      const allowed = await access(actor, row.roundtableId);
      if (!allowed.ok) return allowed.kind === 'forbidden' ? notFound('This message does not exist.') : allowed;
      if (!allowed.value.moderator) return forbidden('Only moderators hide messages.');
      if (allowed.value.room.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
      if (row.deletedAt) return conflict('This message was deleted.');
      if (row.hiddenAt) return ok(toView(row));
      const reason = hideReasonSchema.safeParse(reasonInput);
      if (!reason.success)
        return invalid(reason.error.issues[0].message, { reason: reason.error.issues.map((i) => i.message) });
      await db
        .update(messages)
        .set({ hiddenAt: now(), hiddenBy: actor!.userId, hiddenReason: reason.data })
        .where(and(eq(messages.id, messageId), isNull(messages.hiddenAt)));
      await writeAudit(db, {
        action: 'message.hidden',
        actorUserId: actor!.userId,
        subjectType: 'message',
        subjectId: String(messageId),
        data: { roundtableId: row.roundtableId, authorId: row.authorId, reason: reason.data, body: row.body },
      });
      return ok(toView((await messageById(messageId))!));
    },

    async pin(actor: Viewer, messageId: number, pinned: boolean): Promise<Outcome<MessageView>> {
      const row = await messageById(messageId);
      if (!row) return notFound('This message does not exist.');
      const allowed = await access(actor, row.roundtableId);
      if (!allowed.ok) return allowed.kind === 'forbidden' ? notFound('This message does not exist.') : allowed;
      if (!allowed.value.moderator) return forbidden('Only moderators pin messages.');
      if (allowed.value.room.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
      await db.update(messages).set({ pinned }).where(eq(messages.id, messageId));
      return ok(toView((await messageById(messageId))!));
    },

    /**
     * The member has seen the room up to this message: the read mark moves to its place in the room (never back).
     * The mark is a seq, so everything the room numbered before it counts as read and everything after as unread,
     * whichever process stored it. Secretariat staff without a membership row keep no mark (`lastReadSeq` 0).
     */
    async markRead(actor: Viewer, roundtableId: string, messageId: number): Promise<Outcome<{ lastReadSeq: number }>> {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      const [seen] = await db
        .select({ seq: messages.seq })
        .from(messages)
        .where(and(eq(messages.id, messageId), eq(messages.roundtableId, roundtableId)));
      if (!seen) return notFound('That message is not in this roundtable.');
      const [row] = await db
        .update(roundtableMembers)
        .set({ lastReadSeq: sql`greatest(${roundtableMembers.lastReadSeq}, ${seen.seq})` })
        .where(and(eq(roundtableMembers.roundtableId, roundtableId), eq(roundtableMembers.userId, actor!.userId)))
        .returning({ lastReadSeq: roundtableMembers.lastReadSeq });
      return ok({ lastReadSeq: row?.lastReadSeq ?? 0 });
    },

    // Agenda: moderators add, reorder and mark items.
    async addAgendaItem(actor: Viewer, roundtableId: string, titleInput: unknown) {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (!allowed.value.moderator) return forbidden('Only moderators change the agenda.');
      const title = z
        .string()
        .trim()
        .min(2, 'Give the item a title.')
        .max(300, 'Keep the item under 300 characters.')
        .safeParse(titleInput);
      if (!title.success)
        return invalid(title.error.issues[0].message, { title: title.error.issues.map((i) => i.message) });
      const [{ next }] = await db
        .select({ next: sql<number>`coalesce(max(${agendaItems.position}), 0) + 1` })
        .from(agendaItems)
        .where(eq(agendaItems.roundtableId, roundtableId));
      await db.insert(agendaItems).values({ roundtableId, title: title.data, position: Number(next) });
      events.emit('roundtable.changed', { roundtableId, what: 'agenda' });
      return ok(await service.agenda(roundtableId));
    },

    async reorderAgenda(actor: Viewer, roundtableId: string, orderInput: unknown) {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (!allowed.value.moderator) return forbidden('Only moderators change the agenda.');
      const order = z.array(z.uuid()).safeParse(orderInput);
      const current = await service.agenda(roundtableId);
      if (
        !order.success ||
        order.data.length !== current.length ||
        !current.every((item) => order.data.includes(item.id))
      ) {
        return invalid('Send every agenda item id exactly once, in the new order.');
      }
      await db.transaction(async (tx) => {
        for (const [index, id] of order.data.entries())
          await tx
            .update(agendaItems)
            .set({ position: index + 1, updatedAt: now() })
            .where(and(eq(agendaItems.id, id), eq(agendaItems.roundtableId, roundtableId)));
      });
      events.emit('roundtable.changed', { roundtableId, what: 'agenda' });
      return ok(await service.agenda(roundtableId));
    },

    /** One step up or down (the room page's buttons, which work without JavaScript); at either end, nothing moves. */
    async moveAgendaItem(actor: Viewer, roundtableId: string, itemId: string, directionInput: unknown) {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (!allowed.value.moderator) return forbidden('Only moderators change the agenda.');
      const direction = z.enum(['up', 'down']).safeParse(directionInput);
      if (!direction.success) return invalid('Move an agenda item up or down.');
      const items = await service.agenda(roundtableId);
      const from = items.findIndex((item) => item.id === itemId);
      if (from < 0) return notFound('This agenda item does not exist.');
      const to = direction.data === 'up' ? from - 1 : from + 1;
      if (to < 0 || to >= items.length) return ok(items);
      // The two neighbours trade places; nothing else moves.
      const [moving, other] = [items[from], items[to]];
      await db.transaction(async (tx) => {
        await tx
          .update(agendaItems)
          .set({ position: other.position, updatedAt: now() })
          .where(eq(agendaItems.id, moving.id));
        await tx
          .update(agendaItems)
          .set({ position: moving.position, updatedAt: now() })
          .where(eq(agendaItems.id, other.id));
      });
      events.emit('roundtable.changed', { roundtableId, what: 'agenda' });
      return ok(await service.agenda(roundtableId));
    },

    async markAgendaItem(actor: Viewer, roundtableId: string, itemId: string, statusInput: unknown) {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (!allowed.value.moderator) return forbidden('Only moderators change the agenda.');
      const status = z.enum(['pending', 'in_discussion', 'done']).safeParse(statusInput);
      if (!status.success) return invalid('Status is pending, in_discussion or done.');
      const updated = await db
        .update(agendaItems)
        .set({ status: status.data, updatedAt: now() })
        .where(and(eq(agendaItems.id, itemId), eq(agendaItems.roundtableId, roundtableId)))
        .returning({ id: agendaItems.id });
      if (!updated.length) return notFound('This agenda item does not exist.');
      events.emit('roundtable.changed', { roundtableId, what: 'agenda' });
      return ok(await service.agenda(roundtableId));
    },

    agenda: (roundtableId: string) =>
      db
        .select()
        .from(agendaItems)
        .where(eq(agendaItems.roundtableId, roundtableId))
        .orderBy(asc(agendaItems.position)),

    // Moderation.
    async mute(actor: Viewer, roundtableId: string, userId: string, minutesInput: unknown) {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (!allowed.value.moderator) return forbidden('Only moderators mute participants.');
      const minutes = z.coerce
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .safeParse(minutesInput);
      if (!minutes.success) return invalid('Mute for 0 to 1440 minutes (0 lifts the mute).');
      const until = minutes.data ? new Date(now().getTime() + minutes.data * 60_000) : null;
      const updated = await db.transaction(async (tx) => {
        const rows = await tx
          .update(roundtableMembers)
          .set({ mutedUntil: until })
          .where(
            and(
              eq(roundtableMembers.roundtableId, roundtableId),
              eq(roundtableMembers.userId, userId),
              isNull(roundtableMembers.removedAt),
            ),
          )
          .returning({ userId: roundtableMembers.userId });
        if (rows.length)
          await writeAudit(tx, {
            action: 'roundtable.member_muted',
            actorUserId: actor!.userId,
            subjectType: 'user',
            subjectId: userId,
            data: { roundtableId, minutes: minutes.data },
          });
        return rows;
      });
      if (!updated.length) return notFound('This person is not a member of the roundtable.');
      // The person hears it at once (with the end time) and their raised hand comes down (realtime/roundtables.ts).
      events.emit('roundtable.member_muted', { roundtableId, userId, mutedUntil: until?.toISOString() ?? null });
      events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return ok({ userId, mutedUntil: until?.toISOString() ?? null });
    },

    async removeMember(actor: Viewer, roundtableId: string, userId: string) {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (!allowed.value.moderator) return forbidden('Only moderators remove participants.');
      if (userId === actor!.userId) return invalid('You cannot remove yourself; ask another moderator.');
      const updated = await db.transaction(async (tx) => {
        const rows = await tx
          .update(roundtableMembers)
          .set({ removedAt: now() })
          .where(
            and(
              eq(roundtableMembers.roundtableId, roundtableId),
              eq(roundtableMembers.userId, userId),
              isNull(roundtableMembers.removedAt),
            ),
          )
          .returning({ userId: roundtableMembers.userId });
        if (rows.length)
          await writeAudit(tx, {
            action: 'roundtable.member_removed',
            actorUserId: actor!.userId,
            subjectType: 'user',
            subjectId: userId,
            data: { roundtableId },
          });
        return rows;
      });
      if (!updated.length) return notFound('This person is not a member of the roundtable.');
      events.emit('roundtable.member_removed', { roundtableId, userId });
      events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return ok({ userId });
    },

    /** The Secretariat names (or un-names) moderators among the members. */
    async setMemberRole(actor: Viewer, roundtableId: string, userId: string, roleInput: unknown) {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (!can(actor, { action: 'roundtable.convene' }))
        return forbidden('Only the Summits Secretariat names moderators.');
      const role = z.enum(['moderator', 'participant']).safeParse(roleInput);
      if (!role.success) return invalid('The role is moderator or participant.');
      const updated = await db
        .update(roundtableMembers)
        .set({ role: role.data })
        .where(
          and(
            eq(roundtableMembers.roundtableId, roundtableId),
            eq(roundtableMembers.userId, userId),
            isNull(roundtableMembers.removedAt),
          ),
        )
        .returning({ userId: roundtableMembers.userId });
      if (!updated.length) return notFound('This person is not a member of the roundtable.');
      await writeAudit(db, {
        action: 'roundtable.member_role_changed',
        actorUserId: actor!.userId,
        subjectType: 'user',
        subjectId: userId,
        data: { roundtableId, role: role.data },
      });
      events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return ok({ userId, role: role.data });
    },

    /**
     * Invites one more organization: all its active people become participants. Asking again for an organization
     * already in the room brings in its people who are not members yet (someone who joined it since), without
     * telling the organization twice. People a moderator removed stay removed: only "add back" restores them.
     */
    async addOrganization(
      actor: Viewer,
      roundtableId: string,
      organizationId: string,
    ): Promise<
      Outcome<{ organizationId: string; nameEn: string; nameEs: string; added: number; alreadyInvited: boolean }>
    > {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (!can(actor, { action: 'roundtable.convene' }))
        return forbidden('Only the Summits Secretariat invites organizations to a roundtable.');
      if (allowed.value.room.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
      const [organization] = z.uuid().safeParse(organizationId).success
        ? await db.select().from(organizations).where(eq(organizations.id, organizationId))
        : [];
      if (!organization) return notFound('This organization does not exist.');
      const title = allowed.value.room.title;
      const outcome = await db.transaction(async (tx) => {
        const invited = await tx
          .insert(roundtableOrganizations)
          .values({ roundtableId, organizationId })
          .onConflictDoNothing()
          .returning({ organizationId: roundtableOrganizations.organizationId });
        const added = await addOrganizationMembers(tx, roundtableId, [organizationId], []);
        if (invited.length) {
          await notifyOrganization(tx, organizationId, {
            kind: 'roundtable.opened',
            link: `/roundtables/${roundtableId}`,
            subject: `Roundtable: ${title}`,
            body: `Your organization was invited to the roundtable "${title}".`,
            data: { title },
          });
        }
        await writeAudit(tx, {
          action: 'roundtable.organization_invited',
          actorUserId: actor!.userId,
          organizationId,
          subjectType: 'roundtable',
          subjectId: roundtableId,
          data: { added, alreadyInvited: !invited.length },
        });
        return {
          organizationId,
          nameEn: organization.nameEn,
          nameEs: organization.nameEs,
          added,
          alreadyInvited: !invited.length,
        };
      });
      events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return ok(outcome);
    },

    /** Moderators add back someone they removed: the same membership (role, read mark) comes back. */
    async restoreMember(actor: Viewer, roundtableId: string, userId: string): Promise<Outcome<{ userId: string }>> {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (!allowed.value.moderator) return forbidden('Only moderators add people back.');
      if (allowed.value.room.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
      const restored = z.uuid().safeParse(userId).success
        ? await db
            .update(roundtableMembers)
            .set({ removedAt: null })
            .where(
              and(
                eq(roundtableMembers.roundtableId, roundtableId),
                eq(roundtableMembers.userId, userId),
                isNotNull(roundtableMembers.removedAt),
              ),
            )
            .returning({ userId: roundtableMembers.userId })
        : [];
      if (!restored.length) return notFound('This person was not removed from the roundtable.');
      await writeAudit(db, {
        action: 'roundtable.member_restored',
        actorUserId: actor!.userId,
        subjectType: 'user',
        subjectId: userId,
        data: { roundtableId },
      });
      events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return ok({ userId });
    },

    /**
     * Someone who joins an organization (an accepted invitation) joins its open rooms, as the organization's people
     * did when it was invited. Rooms they were removed from stay closed to them. It acts for no one, so it checks
     * the person really is an active member of that organization: it can only ever do what the invitation did.
     */
    async joinOrganizationRooms(userId: string, organizationId: string): Promise<number> {
      const [member] = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId), isNull(users.disabledAt)),
        );
      if (!member) return 0;
      const rooms = await db
        .select({ roundtableId: roundtableOrganizations.roundtableId })
        .from(roundtableOrganizations)
        .innerJoin(roundtables, eq(roundtables.id, roundtableOrganizations.roundtableId))
        .where(and(eq(roundtableOrganizations.organizationId, organizationId), eq(roundtables.status, 'open')));
      if (!rooms.length) return 0;
      const added = await db
        .insert(roundtableMembers)
        .values(rooms.map((r) => ({ roundtableId: r.roundtableId, userId, role: 'participant' as const })))
        .onConflictDoNothing()
        .returning({ roundtableId: roundtableMembers.roundtableId });
      for (const { roundtableId } of added) events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return added.length;
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
      return service.openForMatch(matchId, actor!);
    },

    async setStatus(actor: Viewer, roundtableId: string, statusInput: unknown) {
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (!can(actor, { action: 'roundtable.convene' }))
        return forbidden('Only the Summits Secretariat closes or archives roundtables.');
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
      const allowed = await access(actor, roundtableId);
      if (!allowed.ok) return allowed;
      if (allowed.value.room.status !== 'open') return conflict('This roundtable is closed: it is read-only.');
      // A link reaches the room and the transcript like a message: a muted member shares none.
      const muted = mutedNow(allowed.value.mutedUntil);
      if (muted) return muted;
      const parsed = z
        .object({
          title: z.string().trim().min(2).max(200),
          url: z.url({ protocol: /^https?$/, error: 'Give an http(s) link.' }),
        })
        .safeParse(input);
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

    /**
     * The minutes' raw material: the room's purpose, mandates, participants, agenda, documents and every message as
     * Markdown, times in UTC, deleted messages marked. Messages carry their place in the room (#n), which replies
     * refer to. Headings and labels in the reader's language; what people wrote, as they wrote it.
     */
    async transcript(viewer: Viewer, roundtableId: string, lang: TranscriptLang = 'en'): Promise<Outcome<string>> {
      const snapshot = await service.snapshot(viewer, roundtableId);
      if (!snapshot.ok) return snapshot;
      const all: MessageView[] = [];
      let after = 0;
      for (;;) {
        const page = await service.since(viewer, roundtableId, after);
        if (!page.ok) return page;
        all.push(...page.value.messages);
        if (!page.value.truncated) break;
        after = page.value.messages[page.value.messages.length - 1].seq;
      }
      const { room, organizations: orgs, agenda, documents, members, mandates: mandateNumbers } = snapshot.value;
      const l = TRANSCRIPT_LABELS[lang];
      const orgName = (o: { nameEn: string | null; nameEs: string | null }) =>
        transcriptInline((lang === 'es' ? o.nameEs : o.nameEn) ?? '');
      const md = transcriptInline;
      const day = (d: Date) => d.toISOString().slice(0, 10);
      // Links as they were shared; files by name and their address in Minka (members sign in to download them).
      const documentLine = (d: (typeof documents)[number]) =>
        `- ${md(d.title)}: ${d.url ? md(d.url) : `${md(d.fileName ?? '')} (/roundtables/${room.id}/documents/${d.id})`}, ${l.sharedBy(d.sharedByName ? md(d.sharedByName) : l.formerMember, day(d.sharedAt))}`;
      const people = members.filter((m) => !m.removedAt);
      const seqOf = new Map(all.map((m) => [m.id, m.seq]));
      const lines = [
        `# ${md(room.title)}`,
        '',
        `- ${l.kind}: ${l.kinds[room.kind]}`,
        `- ${l.status}: ${l.statuses[room.status]}`,
        `- ${l.organizations}: ${orgs
          .map(orgName)
          .sort((a, b) => a.localeCompare(b, lang))
          .join(', ')}`,
        ...(mandateNumbers.length ? [`- ${l.mandates}: ${mandateNumbers.join(', ')}`] : []),
        `- ${l.exported}: ${now().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
        ...(room.description ? ['', `## ${l.purpose}`, '', transcriptBlock(room.description)] : []),
        '',
        `## ${l.participants}`,
        '',
        ...people.map(
          (m) =>
            `- ${md(m.displayName)}${m.organizationCode ? ` (${orgName({ nameEn: m.organizationNameEn, nameEs: m.organizationNameEs })})` : ''}${m.role === 'moderator' ? `, ${l.moderator}` : ''}`,
        ),
        '',
        `## ${l.agenda}`,
        '',
        ...(agenda.length
          ? agenda.map((item, i) => `${i + 1}. ${md(item.title)} (${l.agendaStatuses[item.status]})`)
          : [l.noAgenda]),
        '',
        `## ${l.documents}`,
        '',
        ...(documents.length ? documents.map(documentLine) : [l.noDocuments]),
        '',
        `## ${l.messages}`,
        '',
        ...all.map((m) => {
          const when = m.createdAt.replace('T', ' ').slice(0, 16);
          if (m.deleted) return `- #${m.seq} **${when}** ${md(m.authorName)}: _${l.deleted}_`;
          if (m.hidden)
            return `- #${m.seq} **${when}** ${md(m.authorName)}: _${l.hidden(md(m.hidden.byName), md(m.hidden.reason))}_`;
          const reply = m.replyToId ? ` (${l.replyTo(`#${seqOf.get(m.replyToId) ?? '?'}`)})` : '';
          return `- #${m.seq} **${when}** ${md(m.authorName)}${reply}${m.pinned ? ' 📌' : ''}: ${transcriptBlock(m.body, '  ')}${m.editedAt ? ` _${l.edited}_` : ''}`;
        }),
        '',
      ];
      return ok(lines.join('\n'));
    },
  };

  // A confirmed match opens its room and a new member joins their organization's open rooms: wired, with logging,
  // in services/subscriptions.ts.
  return service;
}
export type RoundtablesService = ReturnType<typeof createRoundtablesService>;
