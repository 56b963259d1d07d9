// The raw `ws` baseline (ws 8, the copy socket.io runs on): the same room broadcast, hand-written.
// Client → server: {"join":room} (answered {"joined":room}) or a payload {"r":room,…} to broadcast to that room.
// Prints {"ready":true,"port":…} on stdout; `gc` and `stats` on stdin (see below).
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import readline from 'node:readline';
import type { WebSocket as Ws } from 'ws';
import { ws } from './common';

const httpServer = createServer();
const wss = new ws.WebSocketServer({ server: httpServer, perMessageDeflate: false });
const rooms = new Map<number, Set<Ws>>();

wss.on('connection', (socket) => {
  let joined: Set<Ws> | undefined;
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { join?: number; r?: number };
    if (msg.join !== undefined) {
      joined?.delete(socket);
      joined = rooms.get(msg.join) ?? new Set();
      rooms.set(msg.join, joined);
      joined.add(socket);
      socket.send(JSON.stringify({ joined: msg.join }));
      return;
    }
    const members = rooms.get(msg.r ?? -1);
    if (!members) return;
    const out = JSON.stringify(msg); // encoded once per broadcast, like Socket.IO's adapter
    for (const member of members) member.send(out);
  });
  socket.on('close', () => joined?.delete(socket));
  socket.on('error', () => {});
});

// Commands on stdin, one a line: `gc` runs a full GC and prints memoryUsage(); `stats` prints and resets the
// event-loop delay histogram. The orchestrator holds our stdin: when it goes away, so do we.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    console.log(
      JSON.stringify({
        gc: true,
        rss: m.rss,
        heapUsed: m.heapUsed,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
        sockets: wss.clients.size,
      }),
    );
  } else if (line === 'stats') {
    const ms = (ns: number) => Math.round(ns / 1e3) / 1e3;
    console.log(
      JSON.stringify({
        stats: true,
        loopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
      }),
    );
    loopDelay.reset();
  }
});
process.stdin.on('end', () => process.exit(0));

httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  console.log(
    JSON.stringify({
      ready: true,
      port: typeof address === 'object' && address ? address.port : 0,
      mode: 'ws',
      pid: process.pid,
    }),
  );
});
