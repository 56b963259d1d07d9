import type { IncomingHttpHeaders, Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { Services } from '../services/index.server';
import { createRedisStreamsAdapter } from './adapter';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from './events';
import { visitOneRoomDirectly, writeBroadcastFramesDirectly } from './direct-frames';
import { releaseUpgradeRequest, rememberUpgradeResponse } from './release';
import { createRoundtableHandlers, sessionRoom, userRoom } from './roundtables';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  services: Services;
  logger: Logger;
  /** The same Origin check the HTTP side applies to state-changing requests (injected by the server). */
  /** The handshake's Origin check; `socket` tells whether the connection itself is TLS. */
  isAllowedOrigin: (headers: IncomingHttpHeaders, socket: Socket) => boolean;
  /** Reads the session token from the handshake's cookies (injected: the cookie format belongs to the server). */
  sessionTokenFrom: (headers: IncomingHttpHeaders) => string | undefined;
  /** The reader's language from the handshake (injected like the cookie format; English when not given). */
  languageFrom?: (headers: IncomingHttpHeaders) => 'en' | 'es';
  /**
   * Several nodes: redis://… makes Socket.IO use the Redis Streams adapter so broadcasts and presence span every
   * node. Unset (the default): the in-memory adapter of one process.
   */
  redisUrl?: string;
  /** Keys and channels in Redis start with this (default `minka`): deployments sharing a Redis stay apart. */
  redisPrefix?: string;
}

/**
 * Socket.IO on the app's own http.Server. The handshake is checked like any state-changing request (Origin),
 * then authenticated with the session cookie; every socket joins rooms for its user and session so that a
 * logout, a password change or a disabled account disconnects it at once. Roundtable rooms: realtime/roundtables.ts.
 *
 * `io.close()` also stops the room handlers and closes the Redis clients, so the composition root's shutdown
 * (which already closes `io`) needs nothing more; `closeRealtime(io)` is the same as a promise.
 */
export function createRealtimeServer(
  httpServer: HttpServer,
  {
    services,
    logger,
    isAllowedOrigin,
    sessionTokenFrom,
    languageFrom = () => 'en',
    redisUrl,
    redisPrefix,
  }: RealtimeDeps,
): RealtimeServer {
  const redis = redisUrl ? createRedisStreamsAdapter({ url: redisUrl, prefix: redisPrefix, logger }) : null;
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // A message is at most 4,000 characters; nothing legitimate comes near this.
    maxHttpBufferSize: 256 * 1024,
    ...(redis ? { adapter: redis.adapter } : {}),
    // No connection-state recovery (decision 034): a reconnecting client authenticates afresh and rejoins its room
    // with the last seq and the last change it holds, and the database replays the rest. Recovery would keep every
    // broadcast on the heap for minutes and hand rooms back before any check runs.
    allowRequest: (req, callback) => {
      const allowed = isAllowedOrigin(req.headers, req.socket);
      callback(allowed ? null : 'Origin not allowed', allowed);
    },
  });

  // With releaseUpgradeRequest on connection: no connection keeps its upgrade request (realtime/release.ts).
  io.engine.use(rememberUpgradeResponse);
  // A broadcast to one room visits its members without socket.io-adapter's per-broadcast Sets (decision 036).
  visitOneRoomDirectly(io.of('/').adapter);

  io.use(async (socket, next) => {
    try {
      const token = sessionTokenFrom(socket.handshake.headers);
      const session = await services.accounts.validateSession(token);
      if (!session) return next(new Error('unauthorized: log in first'));
      const { actor } = session;
      socket.data = {
        userId: actor.userId,
        sessionId: session.sessionId,
        role: actor.role,
        organizationCode: actor.organizationCode,
        actor,
        // A new connection has no raised hand: a lost connection lowers it, as leaving the room does.
        hands: {},
        // Read now: the headers are released once the connection is up (realtime/release.ts).
        lang: languageFrom(socket.handshake.headers),
      };
      next();
    } catch (error) {
      logger.error({ err: error }, 'socket authentication failed');
      next(new Error('server error'));
    }
  });

  const roundtables = createRoundtableHandlers(io, { services, logger, multiNode: !!redis });

  io.on('connection', (socket) => {
    releaseUpgradeRequest(socket);
    // A room broadcast's frame, encoded once, goes straight to the WebSocket when nothing can overtake it (decision 036).
    writeBroadcastFramesDirectly(socket);
    void socket.join([userRoom(socket.data.userId), sessionRoom(socket.data.sessionId)]);
    socket.on('session:whoami', (ack) => {
      if (typeof ack !== 'function') return;
      ack({ userId: socket.data.userId, role: socket.data.role, organizationCode: socket.data.organizationCode });
    });
    roundtables.attach(socket);
  });

  // A logout, a password change or a disabled account: its sockets, on every node (through the adapter), are told
  // why and disconnected. A reconnect then fails the handshake's session check.
  const offRevoked = services.events.on('sessions.revoked', ({ userId, sessionIds, reason }) => {
    const keys = sessionIds === 'all' ? [userRoom(userId)] : sessionIds.map(sessionRoom);
    if (keys.length === 0) return;
    io.in(keys).emit('session:ended', { reason });
    io.in(keys).disconnectSockets(true);
  });

  const close = io.close.bind(io);
  let closing: Promise<Error | undefined> | undefined;
  io.close = async (fn?: (err?: Error) => void) => {
    closing ??= (async () => {
      offRevoked();
      roundtables.dispose();
      let failure: Error | undefined;
      await close((err) => (failure = err));
      await redis?.close();
      return failure;
    })();
    const failure = await closing;
    fn?.(failure);
  };

  return io;
}

/** Closes Socket.IO, its http.Server and, with several nodes, the Redis clients. */
export const closeRealtime = (io: RealtimeServer) => io.close();

/**
 * Before a node stops: closes every client's connection as a lost connection, not with Socket.IO's "disconnect"
 * packet. After `io.close()` alone a browser sees "io server disconnect" and, by Socket.IO's rules, never
 * reconnects; after this it reconnects at once, to another node behind the proxy (or to this one once restarted),
 * and rejoins its room there from the last message and change it holds (issue 20 and decision 034, tested through
 * the sticky proxy in server/cluster).
 */
export function dropAllConnections(io: RealtimeServer): number {
  const sockets = [...io.sockets.sockets.values()];
  for (const socket of sockets) socket.conn.close();
  return sockets.length;
}
