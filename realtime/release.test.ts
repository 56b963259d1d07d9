import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseUpgradeRequest, rememberUpgradeResponse } from './release';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const close of cleanup.splice(0)) close();
});

/** A server set up as realtime/server.ts does (or without the middleware), one websocket client; the upgrade request, weakly held. */
async function connectOnce(options: { middleware: boolean }) {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  if (options.middleware) io.engine.use(rememberUpgradeResponse);
  let request!: WeakRef<IncomingMessage>;
  let headersAfter: unknown;
  io.on('connection', (socket) => {
    request = new WeakRef(socket.conn.request);
    releaseUpgradeRequest(socket);
    headersAfter = socket.handshake.headers;
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const client: ClientSocket = connect(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: 'minka_session=secret-token' },
    forceNew: true,
  });
  await new Promise<void>((resolve) => client.on('connect', resolve));
  cleanup.push(() => {
    client.close();
    void io.close();
  });
  return { request: () => request, headersAfter: () => headersAfter, client };
}

async function collected(ref: WeakRef<object>) {
  for (let i = 0; i < 5 && ref.deref(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
  return ref.deref() === undefined;
}

describe('releaseUpgradeRequest', () => {
  it('lets the upgrade request of a live connection be collected, cookie and all', async () => {
    const conn = await connectOnce({ middleware: true });
    expect(conn.headersAfter()).toEqual({});
    expect(await collected(conn.request())).toBe(true);
    expect(conn.client.connected).toBe(true); // and the connection lives on
  });

  it('needs the engine middleware: without it engine.io keeps the request for the connection’s life', async () => {
    const conn = await connectOnce({ middleware: false });
    expect(await collected(conn.request())).toBe(false);
  });
});
