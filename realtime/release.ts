/**
 * Memory per idle connection: engine.io keeps the upgrade request of every connection for its whole life (through
 * `conn.request`, `socket.handshake.headers` and a 'close' listener of its own on the TCP socket that holds the
 * request), and with it every header the browser sent: the session cookie, user agent, languages. Nothing reads
 * them after the authentication middleware has run: a reconnect is a new request, authenticated afresh. Socket.IO's
 * documented tuning (`rawSocket.request = null` on the engine's 'connection') does not free it in 4.8 (measured: no
 * change), because of that listener; emptying the headers does. Measured with `npm run bench:realtime`
 * (the `sio-lean` row) and a heap snapshot: see docs/decisions/007-realtime-rooms.md.
 *
 * The one thing this gives up: a second namespace opened later over the same connection would have no cookie to
 * authenticate with and be refused. Minka uses the main namespace only.
 */
export function releaseUpgradeRequest(socket: { conn: { request: unknown }; handshake: { headers: unknown } }) {
  const request = socket.conn.request as { headers?: unknown; rawHeaders?: unknown } | null;
  socket.handshake.headers = {};
  if (request) {
    request.headers = {};
    request.rawHeaders = [];
  }
  socket.conn.request = null;
}
