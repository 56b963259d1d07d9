import type { IncomingHttpHeaders, Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { Services } from '../services/index.server';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from './events';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  services: Services;
  logger: Logger;
  /** The same Origin check the HTTP side applies to state-changing requests (injected by the server). */
  isAllowedOrigin: (headers: IncomingHttpHeaders) => boolean;
  /** Reads the session token from the handshake's cookies (injected: the cookie format belongs to the server). */
  sessionTokenFrom: (headers: IncomingHttpHeaders) => string | undefined;
}

const userRoom = (userId: string) => `user:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Socket.IO on the app's own http.Server. The handshake is checked like any state-changing request (Origin),
 * then authenticated with the session cookie; every socket joins rooms for its user and session so that a
 * logout, a password change or a disabled account disconnects it at once.
 */
export function createRealtimeServer(httpServer: HttpServer, { services, logger, isAllowedOrigin, sessionTokenFrom }: RealtimeDeps): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const allowed = isAllowedOrigin(req.headers);
      callback(allowed ? null : 'Origin not allowed', allowed);
    },
  });

  io.use(async (socket, next) => {
    try {
      const token = sessionTokenFrom(socket.handshake.headers);
      const session = await services.accounts.validateSession(token);
      if (!session) return next(new Error('unauthorized: log in first'));
      socket.data = { userId: session.actor.userId, sessionId: session.sessionId, role: session.actor.role, organizationCode: session.actor.organizationCode };
      next();
    } catch (error) {
      logger.error({ err: error }, 'socket authentication failed');
      next(new Error('server error'));
    }
  });

  io.on('connection', (socket) => {
    void socket.join([userRoom(socket.data.userId), sessionRoom(socket.data.sessionId)]);
    socket.on('session:whoami', (ack) => {
      if (typeof ack !== 'function') return;
      ack({ userId: socket.data.userId, role: socket.data.role, organizationCode: socket.data.organizationCode });
    });
  });

  services.events.on('sessions.revoked', ({ userId, sessionIds, reason }) => {
    const rooms = sessionIds === 'all' ? [userRoom(userId)] : sessionIds.map(sessionRoom);
    if (rooms.length === 0) return;
    io.in(rooms).emit('session:ended', { reason });
    io.in(rooms).disconnectSockets(true);
  });

  return io;
}
