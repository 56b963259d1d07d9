import { z } from 'zod';
import type { FailureKind } from '../services/outcome';
import type { Actor } from '../services/actor';
import type { MessageView, ReactionView } from '../services/roundtables/roundtables.server';
import {
  MAX_AGENDA_TITLE_LENGTH,
  MAX_HIDE_REASON_LENGTH,
  MAX_MESSAGE_LENGTH,
  REACTIONS,
} from '../services/roundtables/limits';

/**
 * The one typed contract of the Socket.IO transport, both directions. Events are named `domain:verb`.
 *
 * Every client event takes one payload object and, optionally, an acknowledgement callback as its last argument.
 * The server validates the payload with the zod schema below (the same schema gives the TypeScript type), then
 * answers through the callback with an `Ack`: `{ ok: true, ... }` or `{ ok: false, error: { kind, message } }`.
 * A client that sends no callback simply gets no answer; a bad payload never stops the server.
 *
 * This file holds types and schemas only, so the UI may `import type` from it.
 */

// ---------------------------------------------------------------------------------------------------------------
// Shapes sent by the server.

export type { MessageView, ReactionView };

export interface AgendaItemView {
  id: string;
  position: number;
  title: string;
  status: 'pending' | 'in_discussion' | 'done';
  updatedAt: string;
}

/** One person in the room now (several tabs or devices of one person count once). */
export interface PresenceEntry {
  userId: string;
  displayName: string;
  organizationCode: string;
  /** When this person raised a hand, or null. */
  handRaisedAt: string | null;
}

export interface RoomSummary {
  id: string;
  title: string;
  kind: 'technical_meeting' | 'working_roundtable';
  /** open: live; closed and archived: read-only (sends are refused). */
  status: 'open' | 'closed' | 'archived';
}

/** The services' failure kinds (services/outcome.ts, where statusFor maps them for HTTP), plus the server's own. */
export type ErrorKind = FailureKind | 'server_error';

export interface AckError {
  kind: ErrorKind;
  /** A sentence that can be shown to the person as it is. */
  message: string;
  /** For `invalid`: messages per payload field (dotted path). */
  fieldErrors?: Record<string, string[]>;
  /** For `rate_limited`: seconds to wait before sending again. */
  retryAfterSeconds?: number;
}

export type AckFailure = { ok: false; error: AckError };
export type Ack<T extends object = object> = ({ ok: true } & T) | AckFailure;
export type AckCallback<T extends object = object> = (reply: Ack<T>) => void;

export interface JoinReply {
  room: RoomSummary;
  /** The viewer moderates this room (the Secretariat always does). */
  moderator: boolean;
  /**
   * `latest`: the newest page of history (`hasOlder` says whether `room:history` has more).
   * `replay`: every message after the `lastSeenSeq` the client sent, oldest first (`truncated` if more than the
   * replay limit were missed: the client should then reload the latest page instead).
   */
  mode: 'latest' | 'replay';
  messages: MessageView[];
  /**
   * `replay` with `changedSince`: messages the client already holds that changed since then (edited, deleted,
   * hidden, pinned, reactions), to replace by id. Empty otherwise.
   */
  changed: MessageView[];
  hasOlder: boolean;
  truncated: boolean;
  /**
   * The server's clock (ISO 8601) when it read this reply: the client holds every change up to this moment, and
   * then every change it hears live. After a lost connection it sends this plus the time it stayed connected as
   * `changedSince` (decision 034).
   */
  syncedAt: string;
  agenda: AgendaItemView[];
  presence: PresenceEntry[];
}

// ---------------------------------------------------------------------------------------------------------------
// Payloads sent by clients: the schemas the server validates with, and their types.

const roomId = z
  .string('roomId must be the id of a roundtable.')
  .min(1, 'roomId must be the id of a roundtable.')
  .max(100, 'roomId is too long.');
const messageId = z
  .number('messageId must be a message id (a positive whole number).')
  .int('messageId must be a whole number.')
  .positive('messageId must be positive.');
const userId = z.string('userId must be the id of a person.').min(1).max(100);

/**
 * The room service's own limits (services/roundtables/limits.ts): a payload the schema lets through is never refused
 * by the service for its length, and the refusal names the same number.
 */
export const MAX_BODY_LENGTH = MAX_MESSAGE_LENGTH;

export const payloadSchemas = {
  'room:join': z.strictObject({
    roomId,
    /** The room's messages are numbered 1, 2, 3… (`seq`): the highest n such that you hold 1…n. */
    lastSeenSeq: z
      .number('lastSeenSeq must be the seq up to which you hold every message.')
      .int('lastSeenSeq must be a whole number.')
      .min(0, 'lastSeenSeq cannot be negative.')
      .optional(),
    /**
     * With lastSeenSeq: the server time (ISO 8601) up to which you hold every change to those messages; the reply's
     * `changed` lists the ones changed since.
     */
    changedSince: z.iso
      .datetime({ offset: true, message: 'changedSince must be a date and time in ISO 8601 (from syncedAt).' })
      .optional(),
  }),
  'room:leave': z.strictObject({ roomId }),
  'room:history': z.strictObject({
    roomId,
    beforeSeq: z
      .number('beforeSeq must be the seq of the oldest message you hold.')
      .int('beforeSeq must be a whole number.')
      .positive('beforeSeq must be positive.'),
    limit: z.number().int().min(1).max(200).optional(),
  }),
  'room:read': z.strictObject({ roomId, messageId }),
  'room:status': z.strictObject({
    roomId,
    status: z.enum(['open', 'closed', 'archived'], 'Status is open, closed or archived.'),
  }),
  'message:send': z.strictObject({
    roomId,
    clientId: z
      .string('clientId must be a client-generated id of 8 to 64 characters.')
      .min(8, 'clientId must be a client-generated id of 8 to 64 characters.')
      .max(64, 'clientId must be a client-generated id of 8 to 64 characters.'),
    body: z
      .string('A message is text.')
      .trim()
      .min(1, 'A message cannot be empty.')
      .max(MAX_BODY_LENGTH, `A message has at most ${MAX_BODY_LENGTH} characters.`),
    replyToId: messageId.optional(),
  }),
  'message:edit': z.strictObject({
    messageId,
    body: z
      .string('A message is text.')
      .trim()
      .min(1, 'A message cannot be empty.')
      .max(MAX_BODY_LENGTH, `A message has at most ${MAX_BODY_LENGTH} characters.`),
  }),
  'message:delete': z.strictObject({ messageId }),
  /** Moderators: hide a message, saying why (the room sees who hid it and why; the words stay in the audit trail). */
  'message:hide': z.strictObject({
    messageId,
    reason: z
      .string('reason is text.')
      .trim()
      .max(MAX_HIDE_REASON_LENGTH, `Keep the reason under ${MAX_HIDE_REASON_LENGTH} characters.`),
  }),
  'message:pin': z.strictObject({ messageId, pinned: z.boolean('pinned is true or false.') }),
  /** Members: toggle one reaction of the fixed set on a message (on, or off if it was on). */
  'message:react': z.strictObject({
    messageId,
    reaction: z.enum(REACTIONS, `reaction is one of: ${REACTIONS.join(', ')}.`),
  }),
  'typing:start': z.strictObject({ roomId }),
  'typing:stop': z.strictObject({ roomId }),
  'hand:raise': z.strictObject({ roomId }),
  /** Without userId: lower your own hand. With another person's userId: moderators only. */
  'hand:lower': z.strictObject({ roomId, userId: userId.optional() }),
  'agenda:add': z.strictObject({
    roomId,
    title: z
      .string('title is text.')
      .trim()
      .max(MAX_AGENDA_TITLE_LENGTH, `Keep the item under ${MAX_AGENDA_TITLE_LENGTH} characters.`),
  }),
  'agenda:reorder': z.strictObject({
    roomId,
    order: z.array(z.string().max(100), 'order is the list of every agenda item id.').max(500),
  }),
  'agenda:mark': z.strictObject({
    roomId,
    itemId: z.string('itemId must be an agenda item id.').min(1).max(100),
    status: z.enum(['pending', 'in_discussion', 'done'], 'Status is pending, in_discussion or done.'),
  }),
  'member:mute': z.strictObject({
    roomId,
    userId,
    minutes: z
      .number('minutes is a number (0 lifts the mute).')
      .int()
      .min(0)
      .max(24 * 60),
  }),
  'member:remove': z.strictObject({ roomId, userId }),
} as const;

type Payloads = { [K in keyof typeof payloadSchemas]: z.input<(typeof payloadSchemas)[K]> };
export type PayloadOf<K extends keyof Payloads> = Payloads[K];

export interface ServerToClientEvents {
  /** Sent just before the server disconnects a socket whose session ended (logout, disabled, password change). */
  'session:ended': (payload: { reason: string }) => void;
  /** A new stored message, to everyone in the room but the socket that sent it (that one has the ack). */
  'message:new': (payload: { roomId: string; message: MessageView }) => void;
  /**
   * A message was edited, deleted (body '' and deleted: true), hidden by a moderator (body '' and hidden), (un)pinned
   * or reacted to (its `reactions` list who gave each).
   */
  'message:updated': (payload: { roomId: string; message: MessageView }) => void;
  /** The full list of people in the room now; sent whenever someone comes or goes or raises/lowers a hand. */
  'presence:update': (payload: { roomId: string; presence: PresenceEntry[] }) => void;
  /** Someone else started or stopped typing. Clients should also expire `typing: true` after ~6 s of silence. */
  'typing:update': (payload: { roomId: string; userId: string; displayName: string; typing: boolean }) => void;
  'hand:update': (payload: { roomId: string; userId: string; raised: boolean; at: string }) => void;
  /** The full agenda after any change, from a socket or from elsewhere (an HTTP action). */
  'agenda:updated': (payload: { roomId: string; agenda: AgendaItemView[] }) => void;
  /**
   * To the person a moderator muted (every tab): muted until then (ISO time), or no longer muted (null). Their raised
   * hand, if any, is lowered for everyone. Sends, edits, links, files and hands are refused until then.
   */
  'member:muted': (payload: { roomId: string; mutedUntil: string | null }) => void;
  /** This user was removed from the room: their sockets have already left it. */
  'room:removed': (payload: { roomId: string; message: string }) => void;
  /** The room was opened, closed (read-only) or archived. */
  'room:status': (payload: { roomId: string; status: RoomSummary['status'] }) => void;
  /** Members (mute, removal) or documents changed: reload them (the room page's loader). */
  'room:changed': (payload: { roomId: string; what: 'members' | 'documents' }) => void;
  /** To the reader's own sockets (other tabs): the read marker moved, for unread counts in the navigation. */
  'unread:updated': (payload: { roomId: string; lastReadSeq: number }) => void;
  /**
   * To the person's own sockets (every tab, any room or none joined): an in-app notice was stored for them (today: an
   * @mention, `roundtable.mentioned` with `data.author` and `data.title`). The page shows it and refreshes the unread
   * count of Notifications (decision 031).
   */
  'notification:new': (payload: NoticeView) => void;
}

/** An in-app notice as pushed live: its kind, where it leads, and the words its text is made from. */
export interface NoticeView {
  kind: string;
  link: string;
  data: Record<string, string>;
}

export interface ClientToServerEvents {
  /** Who the server thinks this socket is: a cheap way for the client to check its session. */
  'session:whoami': (ack: (reply: { userId: string; role: string; organizationCode: string }) => void) => void;
  /**
   * Enter a room (access checked). Without lastSeenSeq: the latest page. With lastSeenSeq (after a reconnect that
   * was not recovered, or a gap): the messages after it, from the database, so nothing acknowledged is missed.
   */
  'room:join': (payload: PayloadOf<'room:join'>, ack?: AckCallback<JoinReply>) => void;
  'room:leave': (payload: PayloadOf<'room:leave'>, ack?: AckCallback) => void;
  /** Older messages: the page before `beforeSeq`, oldest first. */
  'room:history': (
    payload: PayloadOf<'room:history'>,
    ack?: AckCallback<{ messages: MessageView[]; hasOlder: boolean }>,
  ) => void;
  /** The reader has seen the room up to messageId (unread counts): the read mark moves to that message's seq. */
  'room:read': (payload: PayloadOf<'room:read'>, ack?: AckCallback<{ lastReadSeq: number }>) => void;
  /** Secretariat: open, close (read-only) or archive the room. */
  'room:status': (payload: PayloadOf<'room:status'>, ack?: AckCallback<{ status: RoomSummary['status'] }>) => void;
  /**
   * Stored first, then acknowledged with the stored message, then broadcast. Retry with the same clientId until an
   * ack arrives: a resend answers `duplicate: true` with the stored message and is not broadcast again.
   */
  'message:send': (
    payload: PayloadOf<'message:send'>,
    ack?: AckCallback<{ message: MessageView; duplicate: boolean }>,
  ) => void;
  'message:edit': (payload: PayloadOf<'message:edit'>, ack?: AckCallback<{ message: MessageView }>) => void;
  'message:delete': (payload: PayloadOf<'message:delete'>, ack?: AckCallback<{ message: MessageView }>) => void;
  'message:hide': (payload: PayloadOf<'message:hide'>, ack?: AckCallback<{ message: MessageView }>) => void;
  'message:pin': (payload: PayloadOf<'message:pin'>, ack?: AckCallback<{ message: MessageView }>) => void;
  /** The message comes back with every reaction; the others in the room get it as `message:updated`. */
  'message:react': (payload: PayloadOf<'message:react'>, ack?: AckCallback<{ message: MessageView }>) => void;
  'typing:start': (payload: PayloadOf<'typing:start'>, ack?: AckCallback) => void;
  'typing:stop': (payload: PayloadOf<'typing:stop'>, ack?: AckCallback) => void;
  'hand:raise': (payload: PayloadOf<'hand:raise'>, ack?: AckCallback) => void;
  'hand:lower': (payload: PayloadOf<'hand:lower'>, ack?: AckCallback) => void;
  'agenda:add': (payload: PayloadOf<'agenda:add'>, ack?: AckCallback<{ agenda: AgendaItemView[] }>) => void;
  'agenda:reorder': (payload: PayloadOf<'agenda:reorder'>, ack?: AckCallback<{ agenda: AgendaItemView[] }>) => void;
  'agenda:mark': (payload: PayloadOf<'agenda:mark'>, ack?: AckCallback<{ agenda: AgendaItemView[] }>) => void;
  'member:mute': (
    payload: PayloadOf<'member:mute'>,
    ack?: AckCallback<{ userId: string; mutedUntil: string | null }>,
  ) => void;
  'member:remove': (payload: PayloadOf<'member:remove'>, ack?: AckCallback<{ userId: string }>) => void;
}

/** Between server nodes (through the Redis adapter; a no-op with one node). */
export interface InterServerEvents {
  /** Lower this person's hand in this room on every node's sockets. */
  'hand:clear': (roomId: string, userId: string) => void;
}

export interface SocketData {
  userId: string;
  sessionId: string;
  role: string;
  organizationCode: string;
  /** The actor every service call receives (resolved from the session at the handshake). */
  actor: Actor;
  /** Rooms where this socket's person has a hand raised: roomId → ISO time. */
  hands: Record<string, string>;
  /** The reader's language, from the handshake (cookie, then Accept-Language): acks' error messages are in it. */
  lang: 'en' | 'es';
}
