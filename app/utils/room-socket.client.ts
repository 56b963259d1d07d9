import { io, type Socket } from 'socket.io-client';
import type { Ack, AgendaItemView, ClientToServerEvents, JoinReply, MessageView, PresenceEntry, ServerToClientEvents } from '../../realtime/events';

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
}

export interface RoomConnection {
  send(body: string): Promise<{ ok: true; message: MessageView } | { ok: false; message: string }>;
  older(beforeId: number | undefined): Promise<{ messages: MessageView[]; hasOlder: boolean } | null>;
  typing(active: boolean): void;
  markRead(messageId: number): void;
  close(): void;
}

const ACK_TIMEOUT_MS = 8_000;
const TYPING_EXPIRY_MS = 6_000;

function newClientId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * One room over Socket.IO (the contract is realtime/events.ts). Joining sends the id of the last message shown, so
 * the server replays exactly the gap (on first join and after every reconnect). A send keeps its client id across
 * retries: if the acknowledgement is lost, the retry is recognised by the server and nothing is stored twice.
 */
export function connectRoom(roomId: string, lastSeenId: () => number, handlers: RoomHandlers): RoomConnection {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket', 'polling'], withCredentials: true });
  const typists = new Map<string, { name: string; timer: ReturnType<typeof setTimeout> }>();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingActive = false;

  const publishTyping = () => handlers.onTyping([...typists.values()].map((t) => t.name));

  async function join() {
    try {
      const seen = lastSeenId();
      const reply: Ack<JoinReply> = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:join', seen ? { roomId, lastSeenId: seen } : { roomId });
      if (!reply.ok) return handlers.onError(reply.error.message);
      if (reply.mode === 'latest' || reply.truncated) {
        if (reply.truncated) {
          const latest: Ack<JoinReply> = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:join', { roomId });
          if (latest.ok) handlers.onReset(latest.messages, latest.hasOlder);
        } else handlers.onReset(reply.messages, reply.hasOlder);
      } else handlers.onMessages(reply.messages, { live: false });
      handlers.onAgenda(reply.agenda);
      handlers.onPresence(reply.presence);
      handlers.onError(null);
      handlers.onStatus(true);
    } catch {
      handlers.onError('The room did not answer. Retrying…');
    }
  }

  socket.on('connect', () => {
    // A recovered connection already received what it missed from Socket.IO: joining again would replay it twice.
    if (socket.recovered) return handlers.onStatus(true);
    void join();
  });
  socket.on('disconnect', () => handlers.onStatus(false));
  socket.on('connect_error', () => handlers.onStatus(false));
  socket.on('message:new', ({ roomId: id, message }) => id === roomId && handlers.onMessages([message], { live: true }));
  socket.on('message:updated', ({ roomId: id, message }) => id === roomId && handlers.onMessages([message], { live: false }));
  socket.on('presence:update', ({ roomId: id, presence }) => id === roomId && handlers.onPresence(presence));
  socket.on('agenda:updated', ({ roomId: id, agenda }) => id === roomId && handlers.onAgenda(agenda));
  socket.on('room:changed', ({ roomId: id }) => id === roomId && handlers.onRoomChanged());
  socket.on('room:status', ({ roomId: id }) => id === roomId && handlers.onRoomChanged());
  socket.on('typing:update', ({ roomId: id, userId, displayName, typing }) => {
    if (id !== roomId) return;
    clearTimeout(typists.get(userId)?.timer);
    if (typing) {
      typists.set(userId, { name: displayName, timer: setTimeout(() => (typists.delete(userId), publishTyping()), TYPING_EXPIRY_MS) });
    } else typists.delete(userId);
    publishTyping();
  });
  socket.on('room:removed', ({ roomId: id, message }) => {
    if (id !== roomId) return;
    handlers.onStatus(false);
    handlers.onError(message);
    socket.close();
  });

  const connection: RoomConnection = {
    async send(body) {
      const clientId = newClientId();
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { roomId, clientId, body });
          return reply.ok ? { ok: true, message: reply.message } : { ok: false, message: reply.error.message };
        } catch {
          // No acknowledgement: maybe stored, maybe not. Resending with the same client id is safe.
        }
      }
      return { ok: false, message: 'The message could not be sent. Check your connection; your text is kept.' };
    },
    async older(beforeId) {
      if (!beforeId) return null;
      const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:history', { roomId, beforeId });
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
      socket.close();
    },
  };
  return connection;
}
