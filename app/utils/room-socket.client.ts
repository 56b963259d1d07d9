import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AgendaItemView,
  ClientToServerEvents,
  JoinReply,
  MessageView,
  PayloadOf,
  PresenceEntry,
  ServerToClientEvents,
} from '../../realtime/events';
import { createSeqTracker } from '../../realtime/seq-tracker';

export interface RoomHandlers {
  onMessages(messages: MessageView[], info: { live: boolean }): void;
  /** The latest page replaced what was shown (first join, or a replay that would have been too long). */
  onReset(messages: MessageView[], hasOlder: boolean): void;
  onPresence(people: PresenceEntry[]): void;
  onTyping(names: string[]): void;
  onAgenda(agenda: AgendaItemView[]): void;
  /** Members, documents or the room's status changed elsewhere: reload the page's data. */
  onRoomChanged(): void;
  onStatus(connected: boolean): void;
  onError(message: string | null): void;
  /** A moderator muted the reader until then (ISO time), or lifted the mute (null). */
  onMuted?(mutedUntil: string | null): void;
}

/** What the connection itself says to the reader (the server's own messages arrive in the reader's language). */
export interface RoomTexts {
  noAnswer: string;
  notSent: string;
  removed: string;
}

/** What an action on a message answers: the message as stored now, or a sentence to show. */
export type MessageResult = { ok: true; message: MessageView } | { ok: false; message: string };

export interface RoomConnection {
  send(body: string, replyToId?: number): Promise<MessageResult>;
  /** Authors only, for 15 minutes (the server decides). */
  edit(messageId: number, body: string): Promise<MessageResult>;
  /** Toggle one reaction on a message (on, or off if it was on). */
  react(messageId: number, reaction: string): Promise<MessageResult>;
  remove(messageId: number): Promise<MessageResult>;
  /** Moderators: hide a message with a reason the room reads. */
  hide(messageId: number, reason: string): Promise<MessageResult>;
  /** Moderators. */
  pin(messageId: number, pinned: boolean): Promise<MessageResult>;
  /** Raise or lower one's own hand; a moderator may lower someone else's (userId). */
  hand(raised: boolean, userId?: string): Promise<{ ok: true } | { ok: false; message: string }>;
  older(beforeSeq: number | undefined): Promise<{ messages: MessageView[]; hasOlder: boolean } | null>;
  typing(active: boolean): void;
  markRead(messageId: number): void;
  close(): void;
}

/** The page's connection (the default), or one a test opens with its own address and cookie. */
export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 8_000;
const TYPING_EXPIRY_MS = 6_000;
/** A message heard out of order usually closes its gap within milliseconds; after this, ask the server. */
const GAP_WAIT_MS = 1_500;

function newClientId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * One room over Socket.IO (the contract is realtime/events.ts). Joining sends the seq up to which every message is
 * held and the server time up to which every change to them is held, so the server replays exactly the messages
 * missed and the held ones that changed meanwhile (on first join and after every reconnect: the server keeps no
 * connection state, decision 034); a gap noticed while connected (a message heard before an earlier one) is asked
 * for after GAP_WAIT_MS. After a reconnect the page's data is read again (a room closed or a mute while away). A
 * send keeps its client id across retries: if the acknowledgement is lost, the retry is recognised by the server and
 * nothing is stored twice.
 *
 * `held`: what the server-rendered page holds: every message up to `seq`, every change up to `syncedAt`.
 */
export function connectRoom(
  roomId: string,
  held: { seq: number; syncedAt?: string },
  handlers: RoomHandlers,
  texts: RoomTexts,
  openSocket: () => RoomSocket = () => io({ transports: ['websocket', 'polling'], withCredentials: true }),
): RoomConnection {
  const socket = openSocket();
  const seqs = createSeqTracker(held.seq);
  // Every change is held up to `serverMs` (the server's clock) and, while joined, as long as the connection stays up
  // after `liveSince` (this side's monotonic clock: the two machines' clocks are never compared). Measured from
  // when the reply arrived, so it errs early: the server replays a little more, never less.
  let sync: { serverMs: number; liveSince: number | null } | null = held.syncedAt
    ? { serverMs: Date.parse(held.syncedAt), liveSince: null }
    : null;
  const changedSince = () =>
    sync
      ? new Date(sync.serverMs + (sync.liveSince === null ? 0 : performance.now() - sync.liveSince)).toISOString()
      : undefined;
  let connectedBefore = false;
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  const typists = new Map<string, { name: string; timer: ReturnType<typeof setTimeout> }>();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingActive = false;

  const publishTyping = () => handlers.onTyping([...typists.values()].map((t) => t.name));

  const seqsOf = (messages: MessageView[]) => messages.map((m) => m.seq);

  function reset(messages: MessageView[], hasOlder: boolean) {
    seqs.reset(seqsOf(messages));
    handlers.onReset(messages, hasOlder);
  }

  async function join() {
    clearTimeout(gapTimer);
    gapTimer = undefined;
    try {
      const heldSeq = seqs.contiguous;
      const since = changedSince();
      const reply: Ack<JoinReply> = await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck(
          'room:join',
          heldSeq ? { roomId, lastSeenSeq: heldSeq, ...(since ? { changedSince: since } : {}) } : { roomId },
        );
      if (!reply.ok) return handlers.onError(reply.error.message);
      let syncedAt = reply.syncedAt;
      if (reply.mode === 'latest' || reply.truncated) {
        if (reply.truncated) {
          const latest: Ack<JoinReply> = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:join', { roomId });
          if (!latest.ok) return handlers.onError(latest.error.message);
          syncedAt = latest.syncedAt;
          reset(latest.messages, latest.hasOlder);
        } else reset(reply.messages, reply.hasOlder);
      } else {
        seqs.settle(seqsOf(reply.messages));
        // Held messages that changed while away first (they replace what is shown), then the ones missed.
        if (reply.changed.length) handlers.onMessages(reply.changed, { live: false });
        handlers.onMessages(reply.messages, { live: false });
      }
      sync = { serverMs: Date.parse(syncedAt), liveSince: performance.now() };
      handlers.onAgenda(reply.agenda);
      handlers.onPresence(reply.presence);
      handlers.onError(null);
      handlers.onStatus(true);
    } catch {
      handlers.onError(texts.noAnswer);
    }
  }

  socket.on('connect', () => {
    // Back after a lost connection: what is not a message (the room's status, members, a mute) is read again.
    if (connectedBefore) handlers.onRoomChanged();
    connectedBefore = true;
    void join();
  });
  socket.on('disconnect', () => {
    // Changes are held up to now, and no further until the next join's reply.
    if (sync?.liveSince != null)
      sync = { serverMs: sync.serverMs + (performance.now() - sync.liveSince), liveSince: null };
    handlers.onStatus(false);
  });
  socket.on('connect_error', () => handlers.onStatus(false));
  /** A message heard live: if it leaves a gap that does not close by itself, ask for what is missing. */
  function heard(message: MessageView) {
    seqs.add([message.seq]);
    if (!seqs.hasGap || gapTimer) return;
    gapTimer = setTimeout(() => {
      gapTimer = undefined;
      // Still missing: rejoin from the highest contiguous seq, which replays exactly what is missing.
      if (seqs.hasGap && socket.connected) void join();
    }, GAP_WAIT_MS);
  }

  socket.on('message:new', ({ roomId: id, message }) => {
    if (id !== roomId) return;
    heard(message);
    // Whoever sent it has stopped typing (issue 15): the indicator goes with the message, not seconds later.
    const typist = typists.get(message.authorId);
    if (typist) {
      clearTimeout(typist.timer);
      typists.delete(message.authorId);
      publishTyping();
    }
    handlers.onMessages([message], { live: true });
  });
  socket.on(
    'message:updated',
    ({ roomId: id, message }) => id === roomId && handlers.onMessages([message], { live: false }),
  );
  socket.on('presence:update', ({ roomId: id, presence }) => id === roomId && handlers.onPresence(presence));
  socket.on('agenda:updated', ({ roomId: id, agenda }) => id === roomId && handlers.onAgenda(agenda));
  socket.on('room:changed', ({ roomId: id }) => id === roomId && handlers.onRoomChanged());
  socket.on('room:status', ({ roomId: id }) => id === roomId && handlers.onRoomChanged());
  socket.on('typing:update', ({ roomId: id, userId, displayName, typing }) => {
    if (id !== roomId) return;
    clearTimeout(typists.get(userId)?.timer);
    if (typing) {
      typists.set(userId, {
        name: displayName,
        timer: setTimeout(() => (typists.delete(userId), publishTyping()), TYPING_EXPIRY_MS),
      });
    } else typists.delete(userId);
    publishTyping();
  });
  socket.on('member:muted', ({ roomId: id, mutedUntil }) => id === roomId && handlers.onMuted?.(mutedUntil));
  socket.on('room:removed', ({ roomId: id }) => {
    if (id !== roomId) return;
    handlers.onStatus(false);
    handlers.onError(texts.removed);
    socket.close();
  });

  /**
   * One acknowledged request, not retried: without an answer in time the reader is told so and may press again (an
   * edit, deletion, pin or hand repeated leaves the same state).
   */
  async function ask<T extends object>(
    call: () => Promise<Ack<T>>,
  ): Promise<({ ok: true } & T) | { ok: false; message: string }> {
    try {
      const reply = await call();
      return reply.ok ? reply : { ok: false, message: reply.error.message };
    } catch {
      return { ok: false, message: texts.noAnswer };
    }
  }
  const acked = () => socket.timeout(ACK_TIMEOUT_MS);

  const connection: RoomConnection = {
    async send(body, replyToId) {
      const clientId = newClientId();
      // Sending ends typing at once for the others (they also drop it when the message arrives).
      connection.typing(false);
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const reply = await socket
            .timeout(ACK_TIMEOUT_MS)
            .emitWithAck(
              'message:send',
              replyToId ? { roomId, clientId, body, replyToId } : { roomId, clientId, body },
            );
          if (!reply.ok) return { ok: false, message: reply.error.message };
          heard(reply.message);
          return { ok: true, message: reply.message };
        } catch {
          // No acknowledgement: maybe stored, maybe not. Resending with the same client id is safe.
        }
      }
      return { ok: false, message: texts.notSent };
    },
    edit: (messageId, body) => ask(() => acked().emitWithAck('message:edit', { messageId, body })),
    remove: (messageId) => ask(() => acked().emitWithAck('message:delete', { messageId })),
    hide: (messageId, reason) => ask(() => acked().emitWithAck('message:hide', { messageId, reason })),
    pin: (messageId, pinned) => ask(() => acked().emitWithAck('message:pin', { messageId, pinned })),
    react: (messageId, reaction) =>
      ask(() =>
        acked().emitWithAck('message:react', {
          messageId,
          reaction: reaction as PayloadOf<'message:react'>['reaction'],
        }),
      ),
    async hand(raised, userId) {
      const reply = await ask(() =>
        raised
          ? acked().emitWithAck('hand:raise', { roomId })
          : acked().emitWithAck('hand:lower', userId ? { roomId, userId } : { roomId }),
      );
      return reply.ok ? { ok: true } : reply;
    },
    async older(beforeSeq) {
      if (!beforeSeq) return null;
      const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:history', { roomId, beforeSeq });
      return reply.ok ? { messages: reply.messages, hasOlder: reply.hasOlder } : null;
    },
    typing(active) {
      clearTimeout(typingTimer);
      if (active && !typingActive) socket.emit('typing:start', { roomId });
      if (!active && typingActive) socket.emit('typing:stop', { roomId });
      typingActive = active;
      if (active) typingTimer = setTimeout(() => connection.typing(false), 4_000);
    },
    markRead(messageId) {
      socket.emit('room:read', { roomId, messageId });
    },
    close() {
      clearTimeout(gapTimer);
      socket.close();
    },
  };
  return connection;
}
