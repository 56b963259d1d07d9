import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, NoticeView, ServerToClientEvents } from '../../realtime/events';

/**
 * The signed-in person's live notices (decision 031): a socket that joins no room and only listens to
 * `notification:new`, which the server sends to the person's own Socket.IO room (every tab). Returns the close.
 */
export function listenForNotices(onNotice: (notice: NoticeView) => void): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    transports: ['websocket', 'polling'],
    withCredentials: true,
  });
  socket.on('notification:new', onNotice);
  // A revoked session (logout elsewhere, password changed): the server ends the connection; do not knock again.
  // A refused handshake is not retried by Socket.IO itself.
  socket.on('session:ended', () => socket.close());
  return () => socket.close();
}
