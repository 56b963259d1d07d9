import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import type { AgendaItemRow } from '../db/schema';
import type { Services } from '../services/index.server';
import { servicesEs } from '../services/messages/es';
import { createLocalizer, type Localize } from '../services/messages/localize';
import { fieldErrorsOf, type Failure } from '../services/outcome';
import { cleanDeep } from '../services/text';
import { createEventBudget, DEFAULT_EVENT_BUDGET, RATE_LIMITED_MESSAGE, type EventBudgetOptions } from './event-budget';
import {
  payloadSchemas,
  type Ack,
  type AckFailure,
  type AgendaItemView,
  type ClientToServerEvents,
  type InterServerEvents,
  type PresenceEntry,
  type RoomSummary,
  type ServerToClientEvents,
  type SocketData,
} from './events';

type IO = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type EventName = keyof typeof payloadSchemas;
type Parsed<K extends EventName> = z.output<(typeof payloadSchemas)[K]>;
type Reply = Ack<object>;

export const roomName = (roundtableId: string) => `roundtable:${roundtableId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
const ROOM_PREFIX = 'roundtable:';

const REMOVED_MESSAGE = 'A moderator removed you from this roundtable.';
/** Coalesces presence broadcasts: joins and leaves within this window send one list. */
const PRESENCE_DELAY_MS = 40;

export interface RoundtableHandlersDeps {
  services: Services;
  logger: Logger;
  /** True with a cluster adapter: cross-node housekeeping goes through serverSideEmit (a no-op warning otherwise). */
  multiNode: boolean;
  /** How many events a socket and a person may send (realtime/event-budget.ts); the defaults suit people. */
  eventBudget?: EventBudgetOptions;
}

const okReply = <T extends object>(value: T): Reply => ({ ok: true, ...value });
const failReply = (failure: Failure): AckFailure => ({
  ok: false,
  error: {
    kind: failure.kind,
    message: failure.message,
    ...(fieldErrorsOf(failure) ? { fieldErrors: fieldErrorsOf(failure) } : {}),
    ...(failure.kind === 'rate_limited' ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
  },
});
const SERVER_ERROR: AckFailure = {
  ok: false,
  error: { kind: 'server_error', message: 'Something went wrong on our side. Try again in a moment.' },
};

const spanish = createLocalizer(servicesEs);

function invalidPayload(event: string, error: z.ZodError, localize: Localize): AckFailure {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_payload';
    (fieldErrors[key] ??= []).push(localize(issue.message));
  }
  const first = error.issues[0];
  // A sentence written for people (one the catalog knows) is shown alone: the field's internal name in front of it
  // ("body: Un mensaje tiene como máximo 4000 caracteres.", outside tester) stays in fieldErrors' keys. A contract
  // error only a client's bug causes (a wrong type, zod's own words) keeps naming the field it is about.
  const forPeople = first !== undefined && spanish(first.message) !== first.message;
  const where = first?.path.length && !forPeople ? `${first.path.map(String).join('.')}: ` : '';
  const message =
    first?.code === 'invalid_type' && first.path.length === 0
      ? localize(`${event} expects one object as its payload.`)
      : `${where}${localize(first?.message ?? 'Invalid payload.')}`;
  return { ok: false, error: { kind: 'invalid', message, fieldErrors } };
}

/** Acks speak the reader's language (decision 011): the same catalog as the HTTP boundary. */
const localizers: Record<SocketData['lang'], Localize> = { en: (message) => message, es: spanish };

function localizeReply(reply: Reply, localize: Localize): Reply {
  if (reply.ok) return reply;
  const { message, fieldErrors } = reply.error;
  const localized =
    fieldErrors &&
    Object.fromEntries(
      Object.entries(fieldErrors).map(([field, texts]) => [field, texts.map((text) => localize(text))]),
    );
  return {
    ok: false,
    error: { ...reply.error, message: localize(message), ...(localized ? { fieldErrors: localized } : {}) },
  };
}

const agendaView = (row: AgendaItemRow): AgendaItemView => ({
  id: row.id,
  position: row.position,
  title: row.title,
  status: row.status,
  updatedAt: row.updatedAt instanceof Date ? row.updatedAt.toISOString() : String(row.updatedAt),
});

/**
 * A per-room gate: sends share it, joins take it alone.
 *
 * Sends of a room may run together, so the message store can commit them as one statement (group commit); it
 * resolves them in seq order, one statement at a time, so this process's broadcasts leave in seq order. A join
 * waits until the sends in flight have been broadcast, and the sends that arrive meanwhile wait for the join: its
 * replay and the broadcasts that follow it neither overlap nor leave a gap (across processes, the client's own
 * contiguous-seq tracking closes the gap: realtime/seq-tracker.ts). Waiters go in arrival order (a stream of sends cannot starve a join).
 */
function createRoomGates() {
  interface Gate {
    shared: number;
    exclusive: boolean;
    waiting: Array<{ exclusive: boolean; start: () => void }>;
  }
  const gates = new Map<string, Gate>();

  function pump(key: string, gate: Gate) {
    while (gate.waiting.length && !gate.exclusive) {
      const next = gate.waiting[0];
      if (next.exclusive ? gate.shared > 0 : false) break;
      gate.waiting.shift();
      if (next.exclusive) gate.exclusive = true;
      else gate.shared++;
      next.start();
    }
    if (!gate.shared && !gate.exclusive && !gate.waiting.length) gates.delete(key);
  }

  function run<T>(key: string, exclusive: boolean, task: () => Promise<T>): Promise<T> {
    let gate = gates.get(key);
    if (!gate) gates.set(key, (gate = { shared: 0, exclusive: false, waiting: [] }));
    const g = gate;
    return new Promise<T>((resolve, reject) => {
      g.waiting.push({
        exclusive,
        start: () => {
          let pending: Promise<T>;
          try {
            pending = task();
          } catch (error) {
            pending = Promise.reject(error);
          }
          pending
            .finally(() => {
              if (exclusive) g.exclusive = false;
              else g.shared--;
              pump(key, g);
            })
            .then(resolve, reject);
        },
      });
      pump(key, g);
    });
  }

  return {
    shared: <T>(key: string, task: () => Promise<T>) => run(key, false, task),
    exclusive: <T>(key: string, task: () => Promise<T>) => run(key, true, task),
  };
}

/**
 * The roundtable room handlers: validate → call the service (which checks access and stores) → acknowledge →
 * broadcast. Also reacts to the service's domain events (removal, agenda/status changes from elsewhere).
 */
export function createRoundtableHandlers(
  io: IO,
  { services, logger, multiNode, eventBudget = DEFAULT_EVENT_BUDGET }: RoundtableHandlersDeps,
) {
  const rooms = services.roundtables;
  const gates = createRoomGates();
  const budget = createEventBudget(eventBudget);

  // ---- presence ------------------------------------------------------------------------------------------------

  async function presenceOf(roomId: string): Promise<PresenceEntry[]> {
    // fetchSockets asks every node through the adapter, so presence is the whole cluster's.
    const sockets = await io.in(roomName(roomId)).fetchSockets();
    const byUser = new Map<string, PresenceEntry>();
    for (const { data } of sockets) {
      if (!data?.userId) continue;
      const entry = byUser.get(data.userId) ?? {
        userId: data.userId,
        displayName: data.actor?.displayName ?? '',
        organizationCode: data.organizationCode,
        handRaisedAt: null,
      };
      const raised = data.hands?.[roomId];
      if (raised && (!entry.handRaisedAt || raised < entry.handRaisedAt)) entry.handRaisedAt = raised;
      byUser.set(data.userId, entry);
    }
    return [...byUser.values()].sort(
      (a, b) => a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId),
    );
  }

  const presenceTimers = new Map<string, { timer?: NodeJS.Timeout; running: boolean; again: boolean }>();
  let disposed = false;

  function schedulePresence(roomId: string) {
    if (disposed) return;
    let state = presenceTimers.get(roomId);
    if (!state) presenceTimers.set(roomId, (state = { running: false, again: false }));
    if (state.running) {
      state.again = true;
      return;
    }
    if (state.timer) return;
    const current = state;
    current.timer = setTimeout(async () => {
      current.timer = undefined;
      current.running = true;
      try {
        const presence = await presenceOf(roomId);
        if (!disposed) io.to(roomName(roomId)).emit('presence:update', { roomId, presence });
      } catch (error) {
        logger.warn({ err: error, roomId }, 'presence update failed');
      } finally {
        current.running = false;
        if (current.again) {
          current.again = false;
          schedulePresence(roomId);
        } else if (!current.timer) presenceTimers.delete(roomId);
      }
    }, PRESENCE_DELAY_MS);
    current.timer.unref();
  }

  function clearHandLocally(roomId: string, userId: string) {
    let changed = false;
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.userId === userId && socket.data.hands?.[roomId]) {
        delete socket.data.hands[roomId];
        changed = true;
      }
    }
    return changed;
  }

  function clearHandEverywhere(roomId: string, userId: string) {
    clearHandLocally(roomId, userId);
    if (multiNode) io.serverSideEmit('hand:clear', roomId, userId);
  }

  io.on('hand:clear', (roomId, userId) => {
    if (clearHandLocally(roomId, userId)) schedulePresence(roomId);
  });

  // ---- domain events from the services ------------------------------------------------------------------------

  const background = (what: string, task: () => Promise<void>) => {
    task().catch((error) => logger.error({ err: error }, `realtime: ${what} failed`));
  };

  const unsubscribe = [
    services.events.on('roundtable.member_removed', ({ roundtableId, userId }) => {
      background('removal', async () => {
        // Through the adapter: the person's sockets on every node leave at once, then hear why.
        io.in(userRoom(userId)).socketsLeave(roomName(roundtableId));
        io.to(userRoom(userId)).emit('room:removed', { roomId: roundtableId, message: REMOVED_MESSAGE });
        clearHandEverywhere(roundtableId, userId);
        schedulePresence(roundtableId);
      });
    }),
    // Muted: the person's every tab hears it at once, with the end time (the page disables what they may not do), and
    // a raised hand comes down: mute means no floor.
    services.events.on('roundtable.member_muted', ({ roundtableId, userId, mutedUntil }) => {
      background('mute', async () => {
        io.to(userRoom(userId)).emit('member:muted', { roomId: roundtableId, mutedUntil });
        if (!mutedUntil) return;
        clearHandEverywhere(roundtableId, userId);
        io.to(roomName(roundtableId)).emit('hand:update', {
          roomId: roundtableId,
          userId,
          raised: false,
          at: new Date().toISOString(),
        });
        schedulePresence(roundtableId);
      });
    }),
    // Stored through the room page's plain form: everyone in the room hears it, on every node (through the adapter).
    services.events.on('roundtable.message_posted', ({ roundtableId, message }) => {
      io.to(roomName(roundtableId)).emit('message:new', { roomId: roundtableId, message });
    }),
    // Changed through the room page's plain form (a reaction without JavaScript): the room sees it as over the socket.
    services.events.on('roundtable.message_updated', ({ roundtableId, message }) => {
      io.to(roomName(roundtableId)).emit('message:updated', { roomId: roundtableId, message });
    }),
    // An in-app notice (an @mention): to the person's own sockets only, on every node (through the adapter), so a
    // page open on another room or elsewhere hears it without a reload (issue 15, decision 031).
    services.events.on('notifications.created', ({ userIds, kind, link, data }) => {
      for (const userId of userIds) io.to(userRoom(userId)).emit('notification:new', { kind, link, data });
    }),
    services.events.on('roundtable.changed', ({ roundtableId, what }) => {
      background(`room change (${what})`, async () => {
        const room = roomName(roundtableId);
        if (what === 'agenda') {
          const agenda = (await rooms.agenda(roundtableId)).map(agendaView);
          io.to(room).emit('agenda:updated', { roomId: roundtableId, agenda });
        } else if (what === 'status') {
          const status = await currentStatus(roundtableId);
          if (status) io.to(room).emit('room:status', { roomId: roundtableId, status });
        } else {
          io.to(room).emit('room:changed', { roomId: roundtableId, what });
        }
      });
    }),
  ];

  /**
   * The event carries no status, and the service has no read without a viewer: ask as one of the people in the
   * room (nobody in the room, nobody to tell).
   */
  async function currentStatus(roundtableId: string): Promise<RoomSummary['status'] | null> {
    const sockets = await io.in(roomName(roundtableId)).fetchSockets();
    for (const { data } of sockets) {
      const allowed = await rooms.access(data.actor, roundtableId);
      if (allowed.ok) return allowed.value.room.status;
    }
    return null;
  }

  // ---- per-socket handlers --------------------------------------------------------------------------------------
  // Defined once for the server, each taking the socket it serves: a connection holds one listener instead of a
  // closure and a wrapper per event (about 3.8 KB of heap per idle connection, measured with 1,000 connections).

  type Handler<K extends EventName> = (socket: RoomSocket, payload: Parsed<K>) => Promise<Reply>;
  const handlers = new Map<string, Handler<EventName>>();
  function on<K extends EventName>(event: K, handler: Handler<K>) {
    handlers.set(event, handler as unknown as Handler<EventName>);
  }
  const inRoom = (socket: RoomSocket, roomId: string) => socket.rooms.has(roomName(roomId));
  const notJoined: AckFailure = {
    ok: false,
    error: { kind: 'forbidden', message: 'Join the room first (room:join).' },
  };

  on('room:join', async (socket, { roomId, lastSeenSeq, changedSince }) => {
    const entered = await gates.exclusive(roomId, async () => {
      const allowed = await rooms.access(socket.data.actor, roomId);
      if (!allowed.ok) return allowed;
      // Read before the socket joins: a change after this moment reaches it live, or comes again in the next
      // replay (the client sends this back as the start of what it may have missed).
      const syncedAt = rooms.syncPoint();
      await socket.join(roomName(roomId));
      if (lastSeenSeq !== undefined) {
        const since = changedSince === undefined ? undefined : new Date(changedSince);
        const replay = await rooms.since(socket.data.actor, roomId, lastSeenSeq, since);
        if (!replay.ok) return replay;
        return {
          ok: true as const,
          value: {
            allowed: allowed.value,
            mode: 'replay' as const,
            messages: replay.value.messages,
            changed: replay.value.changed,
            hasOlder: false,
            truncated: replay.value.truncated,
            syncedAt,
          },
        };
      }
      const latest = await rooms.history(socket.data.actor, roomId);
      if (!latest.ok) return latest;
      return {
        ok: true as const,
        value: {
          allowed: allowed.value,
          mode: 'latest' as const,
          messages: latest.value.messages,
          changed: [],
          hasOlder: latest.value.hasOlder,
          truncated: false,
          syncedAt,
        },
      };
    });
    if (!entered.ok) {
      await socket.leave(roomName(roomId));
      return failReply(entered);
    }
    const { allowed, ...page } = entered.value;
    const [agenda, presence] = await Promise.all([rooms.agenda(roomId), presenceOf(roomId)]);
    schedulePresence(roomId);
    const { room } = allowed;
    return okReply({
      room: { id: room.id, title: room.title, kind: room.kind, status: room.status },
      moderator: allowed.moderator,
      ...page,
      agenda: agenda.map(agendaView),
      presence,
    });
  });

  on('room:leave', async (socket, { roomId }) => {
    await socket.leave(roomName(roomId));
    if (socket.data.hands?.[roomId]) delete socket.data.hands[roomId];
    schedulePresence(roomId);
    return okReply({});
  });

  on('room:history', async (socket, { roomId, beforeSeq, limit }) => {
    const page = await rooms.history(socket.data.actor, roomId, { beforeSeq, limit });
    return page.ok ? okReply(page.value) : failReply(page);
  });

  on('room:read', async (socket, { roomId, messageId }) => {
    const read = await rooms.markRead(socket.data.actor, roomId, messageId);
    if (!read.ok) return failReply(read);
    socket.to(userRoom(socket.data.userId)).emit('unread:updated', { roomId, lastReadSeq: read.value.lastReadSeq });
    return okReply(read.value);
  });

  on('room:status', async (socket, { roomId, status }) => {
    // The broadcast (room:status) comes from the service's domain event, whoever changed it.
    const changed = await rooms.setStatus(socket.data.actor, roomId, status);
    return changed.ok ? okReply(changed.value) : failReply(changed);
  });

  on('message:send', async (socket, { roomId, clientId, body, replyToId }) =>
    gates.shared(roomId, async () => {
      const sent = await rooms.send(socket.data.actor, roomId, { clientId, body, replyToId });
      if (!sent.ok) return failReply(sent);
      const { message, duplicate } = sent.value;
      const reply = okReply({ message, duplicate });
      // Stored first; a resend is acknowledged again but never broadcast again.
      if (!duplicate) socket.to(roomName(roomId)).emit('message:new', { roomId, message });
      return reply;
    }),
  );

  const updated = (socket: RoomSocket, result: Awaited<ReturnType<typeof rooms.edit>>): Reply => {
    if (!result.ok) return failReply(result);
    const message = result.value;
    socket.to(roomName(message.roundtableId)).emit('message:updated', { roomId: message.roundtableId, message });
    return okReply({ message });
  };
  on('message:edit', async (socket, { messageId, body }) =>
    updated(socket, await rooms.edit(socket.data.actor, messageId, body)),
  );
  on('message:delete', async (socket, { messageId }) =>
    updated(socket, await rooms.remove(socket.data.actor, messageId)),
  );
  on('message:hide', async (socket, { messageId, reason }) =>
    updated(socket, await rooms.hide(socket.data.actor, messageId, reason)),
  );
  on('message:pin', async (socket, { messageId, pinned }) =>
    updated(socket, await rooms.pin(socket.data.actor, messageId, pinned)),
  );
  on('message:react', async (socket, { messageId, reaction }) =>
    updated(socket, await rooms.react(socket.data.actor, messageId, reaction)),
  );

  const typing =
    (typingNow: boolean) =>
    async (socket: RoomSocket, { roomId }: { roomId: string }) => {
      if (!inRoom(socket, roomId)) return notJoined;
      socket.to(roomName(roomId)).emit('typing:update', {
        roomId,
        userId: socket.data.userId,
        displayName: socket.data.actor.displayName,
        typing: typingNow,
      });
      return okReply({});
    };
  on('typing:start', typing(true));
  on('typing:stop', typing(false));

  on('hand:raise', async (socket, { roomId }) => {
    if (!inRoom(socket, roomId)) return notJoined;
    // Access, room status and mute (a muted member asks for no floor).
    const allowed = await rooms.raiseHand(socket.data.actor, roomId);
    if (!allowed.ok) return failReply(allowed);
    const at = new Date().toISOString();
    socket.data.hands = { ...socket.data.hands, [roomId]: at };
    io.to(roomName(roomId)).emit('hand:update', { roomId, userId: socket.data.userId, raised: true, at });
    schedulePresence(roomId);
    return okReply({ at });
  });

  on('hand:lower', async (socket, { roomId, userId }) => {
    const target = userId ?? socket.data.userId;
    if (target === socket.data.userId) {
      if (!inRoom(socket, roomId)) return notJoined;
    } else {
      const allowed = await rooms.access(socket.data.actor, roomId);
      if (!allowed.ok) return failReply(allowed);
      if (!allowed.value.moderator)
        return { ok: false, error: { kind: 'forbidden', message: "Only moderators lower someone else's hand." } };
    }
    clearHandEverywhere(roomId, target);
    io.to(roomName(roomId)).emit('hand:update', {
      roomId,
      userId: target,
      raised: false,
      at: new Date().toISOString(),
    });
    schedulePresence(roomId);
    return okReply({});
  });

  // Agenda and moderation: the service emits roundtable.changed / member_removed, and the listeners above
  // broadcast, so a change made over HTTP reaches the room the same way.
  on('agenda:add', async (socket, { roomId, title }) => {
    const result = await rooms.addAgendaItem(socket.data.actor, roomId, title);
    return result.ok ? okReply({ agenda: result.value.map(agendaView) }) : failReply(result);
  });
  on('agenda:reorder', async (socket, { roomId, order }) => {
    const result = await rooms.reorderAgenda(socket.data.actor, roomId, order);
    return result.ok ? okReply({ agenda: result.value.map(agendaView) }) : failReply(result);
  });
  on('agenda:mark', async (socket, { roomId, itemId, status }) => {
    const result = await rooms.markAgendaItem(socket.data.actor, roomId, itemId, status);
    return result.ok ? okReply({ agenda: result.value.map(agendaView) }) : failReply(result);
  });
  on('member:mute', async (socket, { roomId, userId, minutes }) => {
    const result = await rooms.mute(socket.data.actor, roomId, userId, minutes);
    return result.ok ? okReply(result.value) : failReply(result);
  });
  on('member:remove', async (socket, { roomId, userId }) => {
    const result = await rooms.removeMember(socket.data.actor, roomId, userId);
    return result.ok ? okReply(result.value) : failReply(result);
  });

  /** Validates the payload, runs the handler, answers the ack (if any). Never throws, never leaves an ack unanswered. */
  function dispatch(socket: RoomSocket, event: string, args: unknown[]) {
    const handler = handlers.get(event);
    // Another module's event (session:whoami) or an unknown one: left alone, as Socket.IO leaves an event nobody listens to.
    if (!handler) return;
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (reply: Reply) => void) : undefined;
    const answer = (reply: Reply) => {
      if (!ack) return;
      try {
        ack(reply);
      } catch (error) {
        logger.warn({ err: error, event }, 'acknowledgement failed');
      }
    };
    const localize = localizers[socket.data.lang] ?? localizers.en;
    // The budget first, before any cleaning, validation or database work: a refusal must cost next to nothing.
    const verdict = budget.take(socket.id, socket.data.userId);
    if (!verdict.ok) {
      if (verdict.first)
        logger.warn({ event, userId: socket.data.userId, socketId: socket.id }, 'socket over its event budget');
      if (verdict.disconnect) {
        if (socket.connected) {
          logger.warn(
            { event, userId: socket.data.userId, socketId: socket.id },
            'socket disconnected: kept exceeding its event budget',
          );
          socket.disconnect(true);
        }
        return;
      }
      const message = localize(RATE_LIMITED_MESSAGE);
      return answer({
        ok: false,
        error: { kind: 'rate_limited', message, retryAfterSeconds: verdict.retryAfterSeconds },
      });
    }
    // Typed text is cleaned before validation (services/text.ts): NUL and lone surrogates never reach the database,
    // bidi overrides never reach the room. A payload too deeply nested to walk is refused like any bad payload.
    let payload: unknown;
    try {
      payload = cleanDeep(args[0]);
    } catch {
      return answer({
        ok: false,
        error: { kind: 'invalid', message: localize(`${event} expects one object as its payload.`) },
      });
    }
    const parsed = payloadSchemas[event as EventName].safeParse(payload);
    if (!parsed.success) {
      logger.debug({ event, userId: socket.data.userId }, 'invalid socket payload');
      return answer(invalidPayload(event, parsed.error, localize));
    }
    let pending: Promise<Reply>;
    try {
      pending = handler(socket, parsed.data as Parsed<EventName>);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (reply) => answer(localizeReply(reply, localize)),
      (error: unknown) => {
        logger.error({ err: error, event, userId: socket.data.userId }, 'socket handler failed');
        answer(localizeReply(SERVER_ERROR, localize));
      },
    );
  }

  function attach(socket: RoomSocket) {
    socket.onAny((event: string, ...args: unknown[]) => {
      // Packets already decoded when the socket was disconnected (over budget) are dropped.
      if (socket.connected) dispatch(socket, event, args);
    });
    socket.on('disconnect', () => budget.forget(socket.id));

    // Leaving (closing the tab, losing the network): presence follows. The socket still lists its rooms while
    // disconnecting and has left them by the time the (delayed) presence update runs.
    socket.on('disconnecting', () => {
      for (const room of socket.rooms)
        if (room.startsWith(ROOM_PREFIX)) schedulePresence(room.slice(ROOM_PREFIX.length));
    });
  }

  return {
    attach,
    dispose() {
      disposed = true;
      for (const off of unsubscribe) off();
      for (const state of presenceTimers.values()) if (state.timer) clearTimeout(state.timer);
      presenceTimers.clear();
    },
  };
}
