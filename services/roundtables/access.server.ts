import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  messageReactions,
  messages,
  roundtableMembers,
  roundtables,
  users,
  type MessageRow,
  type RoundtableRow,
} from '../../db/schema';
import type { Viewer } from '../actor';
import type { DomainEventBus } from '../events';
import { conflict, forbidden, notFound, ok, type Failure, type Outcome } from '../outcome';
import { can, isSecretariat } from '../permissions';
import { REACTIONS, type Reaction } from './limits';

/** The people who gave one reaction to a message (the screens count them and say whether the reader is one). */
export interface ReactionView {
  reaction: Reaction;
  userIds: string[];
}

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
  /** Reactions (issue 15), in the fixed order of the set; none on a deleted or hidden message. */
  reactions: ReactionView[];
}

export interface RoomAccess {
  room: RoundtableRow;
  moderator: boolean;
  /** Secretariat staff who are not listed members still see every room. */
  member: boolean;
  mutedUntil: Date | null;
}

/** What every part of the room service shares: the database, the event bus and the clock. */
export interface RoomDeps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
}

export type Transaction = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * A guard: one rule about the room and the viewer's place in it, the refusal when it does not hold or null. Guards
 * run in the order given, so the first rule broken is the answer (the order is part of the behaviour).
 */
export type RoomGuard = (access: RoomAccess) => Failure | null;

/** The room is open: closed and archived rooms are read-only. */
export const requireOpenRoom: RoomGuard = ({ room }) =>
  room.status !== 'open' ? conflict('This roundtable is closed: it is read-only.') : null;

/** The viewer moderates the room (named moderators and the Secretariat); `refusal` says what only moderators do. */
export const requireModerator =
  (refusal: string): RoomGuard =>
  ({ moderator }) =>
    moderator ? null : forbidden(refusal);

/** The viewer convenes roundtables (the Secretariat); `refusal` says what only it does. */
export const requireConvener =
  (viewer: Viewer, refusal: string): RoomGuard =>
  () =>
    can(viewer, { action: 'roundtable.convene' }) ? null : forbidden(refusal);

/**
 * The refusal for a member muted until later than `at`, or null. Mute means no new content before the room (issue
 * 15): no message, edit, link, file or raised hand; every path that adds content asks this.
 */
export function mutedRefusal(mutedUntil: Date | null, at: Date) {
  if (!mutedUntil || mutedUntil.getTime() <= at.getTime()) return null;
  return forbidden(`A moderator muted you until ${mutedUntil.toISOString().slice(11, 16)} UTC.`);
}

/** The viewer is not muted now (the same words as a refused send). */
export const requireNotMuted =
  (now: () => Date): RoomGuard =>
  ({ mutedUntil }) =>
    mutedRefusal(mutedUntil, now());

export const messageColumns = {
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

/** A message as the room reads it (its change stamp is for the replay's query only, decision 034). */
export type MessageWithNames = Omit<MessageRow, 'changedAt'> & { authorName: string; hiddenByName?: string | null };

export function toView(row: MessageWithNames): MessageView {
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
    reactions: [],
  };
}

/** The messages with their reactions (one query for the page). Deleted and hidden messages show none. */
export async function withReactions(db: Database, views: MessageView[]): Promise<MessageView[]> {
  const ids = views.filter((v) => !v.deleted && !v.hidden).map((v) => v.id);
  if (!ids.length) return views;
  const rows = await db
    .select({
      messageId: messageReactions.messageId,
      userId: messageReactions.userId,
      reaction: messageReactions.emoji,
    })
    .from(messageReactions)
    .where(inArray(messageReactions.messageId, ids))
    .orderBy(asc(messageReactions.createdAt));
  if (!rows.length) return views;
  const byMessage = new Map<number, Map<string, string[]>>();
  for (const row of rows) {
    const reactions = byMessage.get(row.messageId) ?? new Map<string, string[]>();
    byMessage.set(row.messageId, reactions);
    reactions.set(row.reaction, [...(reactions.get(row.reaction) ?? []), row.userId]);
  }
  return views.map((view) => {
    const reactions = byMessage.get(view.id);
    if (!reactions || view.deleted || view.hidden) return view;
    return {
      ...view,
      reactions: REACTIONS.filter((r) => reactions.has(r)).map((reaction) => ({
        reaction,
        userIds: reactions.get(reaction)!,
      })),
    };
  });
}

/**
 * Who may be in a room, and the guards: listed members (not removed) and, always, the Secretariat. Every part of
 * the room service enters through `enter` (a room) or `enterMessage` (a message's room).
 */
export function createRoomAccess({ db }: Pick<RoomDeps, 'db'>) {
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

  /** Room access, then each guard in order: the first refusal is the answer. */
  async function enter(viewer: Viewer, roundtableId: string, ...guards: RoomGuard[]): Promise<Outcome<RoomAccess>> {
    const allowed = await access(viewer, roundtableId);
    if (!allowed.ok) return allowed;
    for (const guard of guards) {
      const refusal = guard(allowed.value);
      if (refusal) return refusal;
    }
    return allowed;
  }

  async function messageById(id: number): Promise<MessageWithNames | undefined> {
    const [row] = await db
      .select(messageColumns)
      .from(messages)
      .innerJoin(users, eq(users.id, messages.authorId))
      .where(eq(messages.id, id))
      .limit(1);
    return row;
  }

  /**
   * A message and its room's access, then the guards. Someone outside the room hears "this message does not exist"
   * (not "not a member"), so a guessed id reveals nothing.
   */
  async function enterMessage(
    viewer: Viewer,
    messageId: number,
    ...guards: RoomGuard[]
  ): Promise<Outcome<{ row: MessageWithNames; access: RoomAccess }>> {
    const row = await messageById(messageId);
    if (!row) return notFound('This message does not exist.');
    const allowed = await access(viewer, row.roundtableId);
    if (!allowed.ok) return allowed.kind === 'forbidden' ? notFound('This message does not exist.') : allowed;
    for (const guard of guards) {
      const refusal = guard(allowed.value);
      if (refusal) return refusal;
    }
    return ok({ row, access: allowed.value });
  }

  return { access, enter, enterMessage, messageById };
}
export type RoomAccessService = ReturnType<typeof createRoomAccess>;
