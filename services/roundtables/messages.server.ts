import { and, asc, desc, eq, gt, gte, ilike, isNull, lt, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  messageMentions,
  messageReactions,
  messages,
  notifications,
  roundtableMembers,
  roundtables,
  users,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { isSecretariat } from '../permissions';
import {
  messageColumns,
  requireModerator,
  requireNotMuted,
  requireOpenRoom,
  toView,
  withReactions,
  type MessageView,
  type RoomAccessService,
  type RoomDeps,
} from './access.server';
import type { FloodLimiter } from './flood.server';
import {
  CHANGE_REPLAY_SLACK_MS,
  EDIT_WINDOW_MS,
  HISTORY_PAGE,
  MAX_HIDE_REASON_LENGTH,
  MAX_MESSAGE_LENGTH,
  REACTIONS,
  REPLAY_LIMIT,
} from './limits';
import { mentionedMembers } from './mentions';
import { createMessageStore } from './message-store.server';

export const sendSchema = z.object({
  clientId: z.string().min(8, 'clientId must be a client-generated id of 8 to 64 characters.').max(64),
  body: z
    .string()
    .trim()
    .min(1, 'A message cannot be empty.')
    .max(MAX_MESSAGE_LENGTH, `A message has at most ${MAX_MESSAGE_LENGTH} characters.`),
  replyToId: z.number().int().positive().optional(),
});

/** What a moderator gives when hiding a message: the room reads it, so it says why in a sentence. */
const hideReasonSchema = z
  .string('Say why you hide this message.')
  .trim()
  .min(3, 'Say why you hide this message (at least 3 characters).')
  .max(MAX_HIDE_REASON_LENGTH, `Keep the reason under ${MAX_HIDE_REASON_LENGTH} characters.`);

type Sent = Outcome<{ message: MessageView; duplicate: boolean }>;

/**
 * A room's messages: send (store first, dedupe on the client's id), history, replay after a seq, search, the
 * author's edit and delete, a moderator's hide and pin, the read mark, and whether a hand may be raised.
 */
export function createMessagesModule(
  { db, events, now }: RoomDeps,
  { access, enter, enterMessage, messageById }: RoomAccessService,
  flood: FloodLimiter,
) {
  const store = createMessageStore(db);
  const notMuted = requireNotMuted(now);
  const withinEditWindow = (createdAt: Date) => now().getTime() - createdAt.getTime() <= EDIT_WINDOW_MS;

  /** A stored message as the room sees it now, with its reactions. */
  async function viewOf(messageId: number): Promise<MessageView> {
    const [view] = await withReactions(db, [toView((await messageById(messageId))!)]);
    return view;
  }

  /**
   * @mentions (issue 15): the room's members (not removed, not the author) the words name are told in the app, with
   * a link to the message. Each person once per message: an edit that keeps the mention tells no one again, and a
   * deleted or hidden message tells no one at all.
   */
  async function notifyMentions(message: {
    id: number;
    roundtableId: string;
    authorId: string;
    authorName: string;
    body: string;
    hidden: MessageView['hidden'];
    deleted: boolean;
  }): Promise<number> {
    if (message.hidden || message.deleted || !message.body.includes('@')) return 0;
    const members = await db
      .select({ userId: roundtableMembers.userId, displayName: users.displayName })
      .from(roundtableMembers)
      .innerJoin(users, eq(users.id, roundtableMembers.userId))
      .where(
        and(
          eq(roundtableMembers.roundtableId, message.roundtableId),
          isNull(roundtableMembers.removedAt),
          isNull(users.disabledAt),
        ),
      );
    const named = mentionedMembers(
      message.body,
      members.filter((m) => m.userId !== message.authorId),
    );
    if (!named.length) return 0;
    const link = `/roundtables/${message.roundtableId}#message-${message.id}`;
    const told = await db.transaction(async (tx) => {
      const fresh = await tx
        .insert(messageMentions)
        .values(named.map((m) => ({ messageId: message.id, userId: m.userId, notifiedAt: now() })))
        .onConflictDoNothing()
        .returning({ userId: messageMentions.userId });
      if (!fresh.length) return null;
      const [room] = await tx
        .select({ title: roundtables.title })
        .from(roundtables)
        .where(eq(roundtables.id, message.roundtableId));
      const data = { title: room?.title ?? '', author: message.authorName };
      await tx
        .insert(notifications)
        .values(fresh.map(({ userId }) => ({ userId, kind: 'roundtable.mentioned', link, data })));
      return { userIds: fresh.map((f) => f.userId), data };
    });
    if (!told) return 0;
    // After the commit: the people named hear it live on their open pages (realtime/, decision 031).
    events.emit('notifications.created', {
      userIds: told.userIds,
      kind: 'roundtable.mentioned',
      link,
      data: told.data,
    });
    return told.userIds.length;
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
  ): Promise<Sent> {
    const allowed = await enter(actor, roundtableId, requireOpenRoom);
    if (!allowed.ok) return allowed;
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
      const [message] = await withReactions(db, [toView(row)]);
      return ok({ message, duplicate: true });
    };
    const stored = await previous();
    if (stored) return stored;
    const muted = notMuted(allowed.value);
    if (muted) return muted;
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
    if (row) return accepted(toView({ ...row, authorName: actor.displayName }));
    flood.refund(actor.userId);
    return (await previous()) ?? conflict('The message could not be stored; send it again.');
  }

  /** A new message is stored: the people it mentions are told, then the sender hears back. */
  async function accepted(message: MessageView): Promise<Sent> {
    await notifyMentions(message);
    return ok({ message, duplicate: false });
  }

  const module = {
    /** How long authors may edit or delete their own messages (the room page shows the buttons for as long). */
    editWindowMs: EDIT_WINDOW_MS,

    /**
     * Stores the message first; the caller acknowledges with the stored id and broadcasts only after this returns.
     * A resend with the same client id returns the stored message with `duplicate: true` and stores nothing.
     *
     * The common path is one statement shared with the other sends waiting at that moment (message-store.server.ts):
     * it checks the room, membership, mute and reply target as it inserts. Only when it stores nothing (a resend or
     * a refusal) do the separate checks run, to answer with the stored message or the reason.
     */
    async send(actor: Viewer, roundtableId: string, input: unknown): Promise<Sent> {
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
        if (row) return accepted(toView({ ...row, authorName: actor.displayName }));
        // Nothing new stored: a stored message does not count against the limit twice, a refused one not at all.
        flood.refund(floodKey);
      }
      return sendChecked(actor, roundtableId, clientId, body, replyToId, wait);
    },

    /**
     * A send from the room page's plain form (no socket, no JavaScript): stored exactly as `send`, then announced
     * so the realtime layer broadcasts it to the room. A resend is answered, never announced twice.
     */
    async post(actor: Viewer, roundtableId: string, input: unknown): Promise<Sent> {
      const sent = await module.send(actor, roundtableId, input);
      if (sent.ok && !sent.value.duplicate)
        events.emit('roundtable.message_posted', { roundtableId, message: sent.value.message });
      return sent;
    },

    /**
     * A reaction from the room page's plain form (no socket, no JavaScript): toggled exactly as `react`, then announced
     * so the realtime layer shows the message's new reactions to the room, as a reaction over the socket does.
     */
    async reactFromPage(actor: Viewer, messageId: number, reactionInput: unknown): Promise<Outcome<MessageView>> {
      const reacted = await module.react(actor, messageId, reactionInput);
      if (reacted.ok)
        events.emit('roundtable.message_updated', { roundtableId: reacted.value.roundtableId, message: reacted.value });
      return reacted;
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
      return ok({ messages: await withReactions(db, page.map(toView)), hasOlder: rows.length > limit });
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
      return ok({ query: query.data, messages: await withReactions(db, rows.map(toView)) });
    },

    /**
     * What a reconnecting client missed (decision 034). `messages`: every message after seq `afterSeq`; seqs commit
     * in order, so this is exactly the gap, whichever server process stored each message. `changed`, when
     * `changedSince` is given: the messages it already holds (seq ≤ `afterSeq`) that were edited, deleted, hidden,
     * pinned or reacted to since then, less CHANGE_REPLAY_SLACK_MS (a change is stamped when its transaction starts,
     * and nodes' clocks differ a little; one given twice is harmless, the client replaces it by id). `truncated`: more
     * than REPLAY_LIMIT of either: the client reloads the latest page instead.
     */
    async since(
      viewer: Viewer,
      roundtableId: string,
      afterSeq: number,
      changedSince?: Date,
    ): Promise<Outcome<{ messages: MessageView[]; changed: MessageView[]; truncated: boolean }>> {
      const allowed = await access(viewer, roundtableId);
      if (!allowed.ok) return allowed;
      const held = Math.max(0, Math.floor(afterSeq));
      const rows = await db
        .select(messageColumns)
        .from(messages)
        .innerJoin(users, eq(users.id, messages.authorId))
        .where(and(eq(messages.roundtableId, roundtableId), gt(messages.seq, held)))
        .orderBy(asc(messages.seq))
        .limit(REPLAY_LIMIT + 1);
      const changedRows =
        changedSince && held > 0
          ? await db
              .select(messageColumns)
              .from(messages)
              .innerJoin(users, eq(users.id, messages.authorId))
              .where(
                and(
                  eq(messages.roundtableId, roundtableId),
                  gte(messages.changedAt, new Date(changedSince.getTime() - CHANGE_REPLAY_SLACK_MS)),
                  lte(messages.seq, held),
                ),
              )
              .orderBy(asc(messages.seq))
              .limit(REPLAY_LIMIT + 1)
          : [];
      const [missed, changed] = await Promise.all([
        withReactions(db, rows.slice(0, REPLAY_LIMIT).map(toView)),
        withReactions(db, changedRows.slice(0, REPLAY_LIMIT).map(toView)),
      ]);
      return ok({
        messages: missed,
        changed,
        truncated: rows.length > REPLAY_LIMIT || changedRows.length > REPLAY_LIMIT,
      });
    },

    async edit(actor: Viewer, messageId: number, bodyInput: unknown): Promise<Outcome<MessageView>> {
      // Mute means no new content: an edit would put new text before the room as surely as a send.
      const found = await enterMessage(actor, messageId, requireOpenRoom, notMuted);
      if (!found.ok) return found;
      const { row } = found.value;
      const body = sendSchema.shape.body.safeParse(bodyInput);
      if (!body.success)
        return invalid(body.error.issues[0].message, { body: body.error.issues.map((i) => i.message) });
      // Only the author changes their words (issue 15): a moderator hides a message, with a reason, and never
      // rewrites it, so the minutes never attribute to someone words they did not write.
      if (row.authorId !== actor!.userId || !withinEditWindow(row.createdAt))
        return forbidden(
          row.authorId === actor!.userId
            ? 'You can edit your message for 15 minutes after sending it.'
            : 'Only the author can edit a message. A moderator may hide it instead.',
        );
      if (row.deletedAt) return conflict('This message was deleted.');
      if (row.hiddenAt) return conflict('A moderator hid this message.');
      // The words before the edit stay in the audit trail, written with the edit (one transaction: no edit unaudited).
      await db.transaction(async (tx) => {
        const at = now();
        await tx
          .update(messages)
          .set({ body: body.data, editedAt: at, changedAt: at })
          .where(eq(messages.id, messageId));
        await writeAudit(tx, {
          action: 'message.edited',
          actorUserId: actor!.userId,
          subjectType: 'message',
          subjectId: String(messageId),
          data: { roundtableId: row.roundtableId, previousBody: row.body },
        });
      });
      const edited = await viewOf(messageId);
      // Someone the new words name is told; someone already told about this message is not told again.
      await notifyMentions(edited);
      return ok(edited);
    },

    /**
     * May this person raise a hand in the room now? Members of an open room who are not muted (a raised hand asks
     * for the floor: mute means not now). The hand itself lives with the sockets (realtime/roundtables.ts).
     */
    async raiseHand(actor: Viewer, roundtableId: string): Promise<Outcome<{ roundtableId: string }>> {
      const allowed = await enter(actor, roundtableId, requireOpenRoom, notMuted);
      if (!allowed.ok) return allowed;
      return ok({ roundtableId });
    },

    async remove(actor: Viewer, messageId: number): Promise<Outcome<MessageView>> {
      const found = await enterMessage(actor, messageId, requireOpenRoom);
      if (!found.ok) return found;
      const { row } = found.value;
      // Authors delete their own words (for 15 minutes); a moderator hides someone else's, saying why (hide below).
      if (row.authorId !== actor!.userId || !withinEditWindow(row.createdAt))
        return forbidden(
          row.authorId === actor!.userId
            ? 'You can delete your message for 15 minutes after sending it.'
            : 'Only the author can delete a message. A moderator may hide it instead.',
        );
      if (row.deletedAt) return ok(toView(row));
      const at = now();
      await db.update(messages).set({ deletedAt: at, changedAt: at }).where(eq(messages.id, messageId));
      await writeAudit(db, {
        action: 'message.deleted',
        actorUserId: actor!.userId,
        subjectType: 'message',
        subjectId: String(messageId),
        data: { roundtableId: row.roundtableId, body: row.body },
      });
      return ok(await viewOf(messageId));
    },

    /**
     * A moderator hides a message (issue 15): the room and the transcript show who hid it and why in its place; the
     * author's words stay in the database and in the audit entry. Hiding again changes nothing (the first reason
     * stands); moderators cannot hide a deleted message (nothing is shown to hide).
     */
    async hide(actor: Viewer, messageId: number, reasonInput: unknown): Promise<Outcome<MessageView>> {
      const found = await enterMessage(
        actor,
        messageId,
        requireModerator('Only moderators hide messages.'),
        requireOpenRoom,
      );
      if (!found.ok) return found;
      const { row } = found.value;
      if (row.deletedAt) return conflict('This message was deleted.');
      if (row.hiddenAt) return ok(toView(row));
      const reason = hideReasonSchema.safeParse(reasonInput);
      if (!reason.success)
        return invalid(reason.error.issues[0].message, { reason: reason.error.issues.map((i) => i.message) });
      const at = now();
      await db
        .update(messages)
        .set({ hiddenAt: at, hiddenBy: actor!.userId, hiddenReason: reason.data, changedAt: at })
        .where(and(eq(messages.id, messageId), isNull(messages.hiddenAt)));
      await writeAudit(db, {
        action: 'message.hidden',
        actorUserId: actor!.userId,
        subjectType: 'message',
        subjectId: String(messageId),
        data: { roundtableId: row.roundtableId, authorId: row.authorId, reason: reason.data, body: row.body },
      });
      return ok(await viewOf(messageId));
    },

    async pin(actor: Viewer, messageId: number, pinned: boolean): Promise<Outcome<MessageView>> {
      const found = await enterMessage(
        actor,
        messageId,
        requireModerator('Only moderators pin messages.'),
        requireOpenRoom,
      );
      if (!found.ok) return found;
      await db.update(messages).set({ pinned, changedAt: now() }).where(eq(messages.id, messageId));
      return ok(await viewOf(messageId));
    },

    /**
     * Reactions (issue 15): a member toggles one of the fixed set on a message of an open room (on, or off if it was
     * on). Not on a deleted or hidden message; not while muted (a reaction is before the room like a message). The
     * message comes back with every reaction, for the room to see at once.
     */
    async react(actor: Viewer, messageId: number, reactionInput: unknown): Promise<Outcome<MessageView>> {
      const found = await enterMessage(actor, messageId, requireOpenRoom, notMuted);
      if (!found.ok) return found;
      const reaction = z.enum(REACTIONS).safeParse(reactionInput);
      if (!reaction.success) return invalid(`React with one of: ${REACTIONS.join(', ')}.`);
      const { row } = found.value;
      if (row.deletedAt) return conflict('This message was deleted.');
      if (row.hiddenAt) return conflict('A moderator hid this message.');
      const mine = and(
        eq(messageReactions.messageId, messageId),
        eq(messageReactions.userId, actor!.userId),
        eq(messageReactions.emoji, reaction.data),
      );
      const removed = await db
        .delete(messageReactions)
        .where(mine)
        .returning({ messageId: messageReactions.messageId });
      if (!removed.length)
        await db
          .insert(messageReactions)
          .values({ messageId, userId: actor!.userId, emoji: reaction.data, createdAt: now() })
          .onConflictDoNothing();
      // The message changed for everyone who reads it: a reconnecting reader gets it again (decision 034).
      await db.update(messages).set({ changedAt: now() }).where(eq(messages.id, messageId));
      return ok(await viewOf(messageId));
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
  };
  return module;
}
