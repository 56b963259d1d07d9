/**
 * The one typed contract of the Socket.IO transport, both directions. Events are named `domain:verb`.
 * Later issues (roundtables, presence) extend these maps.
 */
export interface ServerToClientEvents {
  /** Sent just before the server disconnects a socket whose session ended (logout, disabled, password change). */
  'session:ended': (payload: { reason: string }) => void;
}

export interface ClientToServerEvents {
  /** Who the server thinks this socket is: a cheap way for the client to check its session. */
  'session:whoami': (ack: (reply: { userId: string; role: string; organizationCode: string }) => void) => void;
}

export interface SocketData {
  userId: string;
  sessionId: string;
  role: string;
  organizationCode: string;
}
