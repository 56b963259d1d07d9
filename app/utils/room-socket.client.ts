import { io, type Socket } from 'socket.io-client';
import type { MessageView } from '../../services/roundtables/roundtables.server';

export interface RoomHandlers {
  onMessages(messages: MessageView[], info: { live: boolean }): void;
  onPresence(users: Array<{ userId: string; displayName: string }>): void;
  onTyping(names: string[]): void;
  onStatus(connected: boolean): void;
  onError(message: string): void;
}

export interface RoomConnection {
  send(body: string): Promise<{ ok: true; message: MessageView } | { ok: false; message: string }>;
  older(beforeId: number | undefined): Promise<{ messages: MessageView[]; hasOlder: boolean } | null>;
  typing(active: boolean): void;
  markRead(messageId: number): void;
  close(): void;
}

type Ack<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };

const ACK_TIMEOUT_MS = 8_000;

function newClientId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * One room over Socket.IO. Joining sends the id of the last message shown, so the server replays exactly the gap
 * (on first join and after every reconnect). A send keeps its client id across retries: if the acknowledgement is
 * lost, the retry is recognised by the server and nothing is stored twice.
 */
export function connectRoom(roomId: string, lastSeenId: () => number, handlers: RoomHandlers): RoomConnection {
  const socket: Socket = io({ transports: ['websocket', 'polling'], withCredentials: true });
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingActive = false;

  async function join() {
    try {
      const reply: Ack<{ messages: MessageView[]; presence: Array<{ userId: string; displayName: string }> }> = await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('room:join', { roomId, lastSeenId: lastSeenId() });
      if (!reply.ok) return handlers.onError(reply.error.message);
      handlers.onMessages(reply.value.messages, { live: false });
      handlers.onPresence(reply.value.presence ?? []);
      handlers.onStatus(true);
    } catch {
      handlers.onError('The room did not answer. Retrying…');
    }
  }

  socket.on('connect', () => void join());
  socket.on('disconnect', () => handlers.onStatus(false));
  socket.on('connect_error', () => handlers.onStatus(false));
  socket.on('message:new', (message: MessageView) => message.roundtableId === roomId && handlers.onMessages([message], { live: true }));
  socket.on('message:updated', (message: MessageView) => message.roundtableId === roomId && handlers.onMessages([message], { live: false }));
  socket.on('presence:update', (payload: { roomId: string; users: Array<{ userId: string; displayName: string }> }) => payload.roomId === roomId && handlers.onPresence(payload.users));
  socket.on('typing:update', (payload: { roomId: string; names: string[] }) => payload.roomId === roomId && handlers.onTyping(payload.names));
  socket.on('room:removed', () => {
    handlers.onStatus(false);
    handlers.onError('A moderator removed you from this roundtable.');
    socket.close();
  });

  return {
    async send(body) {
      const clientId = newClientId();
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const reply: Ack<{ message: MessageView; duplicate: boolean }> = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { roomId, clientId, body });
          return reply.ok ? { ok: true, message: reply.value.message } : { ok: false, message: reply.error.message };
        } catch {
          // No acknowledgement: maybe stored, maybe not. Resending with the same client id is safe.
        }
      }
      return { ok: false, message: 'The message could not be sent. Check your connection; your text is kept.' };
    },
    async older(beforeId) {
      if (!beforeId) return null;
      const reply: Ack<{ messages: MessageView[]; hasOlder: boolean }> = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:history', { roomId, beforeId });
      return reply.ok ? reply.value : null;
    },
    typing(active) {
      clearTimeout(typingTimer);
      if (active && !typingActive) socket.emit('typing:start', { roomId });
      if (!active && typingActive) socket.emit('typing:stop', { roomId });
      typingActive = active;
      if (active) typingTimer = setTimeout(() => this.typing(false), 4_000);
    },
    markRead(messageId) {
      socket.emit('room:read', { roomId, messageId });
    },
    close() {
      socket.close();
    },
  };
}
