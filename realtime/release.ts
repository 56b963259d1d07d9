import { ServerResponse, type IncomingMessage } from 'node:http';

/**
 * Memory per idle connection: engine.io keeps the upgrade request of every connection for its whole life, and with
 * it every header the browser sent (the session cookie, user agent, languages) and the request's stream state.
 * Nothing reads them after the authentication middleware has run: a reconnect is a new request, authenticated
 * afresh. Two things hold it:
 * - the engine socket (`conn.request`) and the handshake (`handshake.headers`), which `releaseUpgradeRequest` drops;
 * - engine.io 6.6's response object for a WebSocket upgrade (`WebSocketResponse`, whose `req` is the request),
 *   which a `socket.once("close", …)` of its own on the TCP socket keeps for the connection's life. Socket.IO's
 *   documented tuning (`rawSocket.request = null`) cannot reach it; an engine middleware can, so
 *   `rememberUpgradeResponse` notes it on the request and `releaseUpgradeRequest` cuts its link to the request.
 * Measured with a heap snapshot and `npm run bench:realtime`: see docs/benchmarks/realtime-rooms.md;
 * realtime/release.test.ts checks that the request is collected.
 *
 * The one thing this gives up: a second namespace opened later over the same connection would have no cookie to
 * authenticate with and be refused. Minka uses the main namespace only.
 */
const UPGRADE_RESPONSE = Symbol('minka.upgradeResponse');

type EngineRequest = IncomingMessage & { [UPGRADE_RESPONSE]?: { req: unknown } };

/** An engine.io middleware (`io.engine.use(rememberUpgradeResponse)`): notes the response of a WebSocket upgrade. */
export function rememberUpgradeResponse(req: IncomingMessage, res: unknown, next: (error?: unknown) => void) {
  // Polling requests get a real ServerResponse, which Node itself finishes and lets go of.
  if (res && typeof res === 'object' && !(res instanceof ServerResponse) && 'req' in res)
    (req as EngineRequest)[UPGRADE_RESPONSE] = res as { req: unknown };
  next();
}

export function releaseUpgradeRequest(socket: { conn: { request: unknown }; handshake: { headers: unknown } }) {
  const request = socket.conn.request as (EngineRequest & { headers?: unknown; rawHeaders?: unknown }) | null;
  socket.handshake.headers = {};
  if (request) {
    request.headers = {};
    request.rawHeaders = [];
    const response = request[UPGRADE_RESPONSE];
    if (response) {
      // Only its handshake-time methods read `req`, and the handshake is over.
      response.req = null;
      delete request[UPGRADE_RESPONSE];
    }
  }
  socket.conn.request = null;
}
