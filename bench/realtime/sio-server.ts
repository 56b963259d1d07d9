// A Socket.IO 4.8 server for the realtime benchmark: in-memory adapter, websocket transport only, configured as
// realtime/server.ts configures it (its buffer limit, no connection-state recovery since decision 034, the upgrade
// request released, broadcast frames written directly since decision 036; RELEASE_REQUEST=0 for plain Socket.IO;
// BENCH_DIRECT_FRAMES=0 leaves out only the direct frames, to measure what they change).
// MODE=broadcast: `join` (acked) and `publish` → io.to(room).emit('m', payload).
// MODE=stored | plain | stub | bare: `message:send` validated, then stored, then acked with the id:
//   stored: the service's message store on the real schema (PGlite in memory; on disk with BENCH_PGLITE_DISK=1; or
//           PostgreSQL with BENCH_DATABASE_URL);
//   plain:  a plain Socket.IO handler's store on the same database and table: one INSERT … RETURNING id per message,
//           acked after its commit (autocommit), no group commit, no membership check (the goal's baseline);
//   stub:   the same message store with the database stubbed: its driver answers every statement from memory, so
//           everything but the database runs (batching, the JSON parameter, reading the rows back);
//   bare:   the store itself replaced by a counter behind an await (the benchmark's stub until 2026-11-26, kept as
//           a reference).
// Prints one JSON line {"ready":true,"port":…} on stdout; `gc` and `stats` on stdin (see below).
import { createServer } from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import readline from 'node:readline';
import { Server } from 'socket.io';
import { z } from 'zod';
import { visitOneRoomDirectly, writeBroadcastFramesDirectly } from '../../realtime/direct-frames';
import { releaseUpgradeRequest, rememberUpgradeResponse } from '../../realtime/release';

const mode = process.env.MODE ?? 'broadcast';
if (!['broadcast', 'stored', 'plain', 'stub', 'bare'].includes(mode)) throw new Error(`unknown MODE ${mode}`);

type Store = (authorId: string, roomId: string, clientId: string, body: string) => Promise<number>;

let authorId = '00000000-0000-4000-8000-000000000001';
let roomId = '00000000-0000-4000-8000-000000000002';
let store: Store;

if (mode === 'stored' || mode === 'plain') {
  // The real schema and driver, migrated.
  const { openBenchDatabase } = await import('../support/bench-database');
  const { messages, roundtableMembers, roundtables, users } = await import('../../db/schema');
  const { createMessageStore } = await import('../../services/roundtables/message-store.server');
  const { and, eq } = await import('drizzle-orm');
  // PGlite in memory by default; BENCH_PGLITE_DISK=1 on disk, BENCH_DATABASE_URL on PostgreSQL (bench/support).
  const handle = await openBenchDatabase();
  const { db } = handle;
  // messages has foreign keys to users and roundtables, and the store checks membership: one of each.
  const [user] = await db
    .insert(users)
    .values({ email: `bench-${process.pid}-${Date.now()}@example.org`, displayName: 'Bench', passwordHash: 'x' })
    .returning({ id: users.id });
  const [room] = await db
    .insert(roundtables)
    .values({ title: 'Benchmark room', kind: 'working_roundtable', createdBy: user.id })
    .returning({ id: roundtables.id });
  await db.insert(roundtableMembers).values({ roundtableId: room.id, userId: user.id, role: 'participant' });
  authorId = user.id;
  roomId = room.id;
  // The service's own store (services/roundtables/message-store.server.ts): one statement that checks the room is
  // open, the author a member and not muted, and inserts … on conflict (author_id, client_id) do nothing, shared by
  // every send waiting at that moment (group commit). A resend (nothing stored) looks the stored id up, as the
  // service does.
  const messageStore = createMessageStore(db);
  const { sql } = await import('drizzle-orm');
  const plainInsert: Store = async (author, roundtableId, clientId, body) => {
    const result = await db.execute(
      sql`insert into messages (roundtable_id, author_id, client_id, body) values (${roundtableId}, ${author}, ${clientId}, ${body}) returning id`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: Array<{ id: number }> }).rows) as Array<{
      id: number;
    }>;
    return Number(rows[0].id);
  };
  if (mode === 'plain') store = plainInsert;
  else
    store = async (author, roundtableId, clientId, body) => {
      const row = await messageStore.store({
        roundtableId,
        authorId: author,
        clientId,
        body,
        replyToId: null,
        createdAt: new Date(),
        secretariat: false,
      });
      if (row) return row.id;
      const [existing] = await db
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.authorId, author), eq(messages.clientId, clientId)));
      return existing.id;
    };
} else if (mode === 'stub') {
  // The service's store over a stand-in for postgres.js: `unsafe(text, [json])` answers the insert's RETURNING from
  // the rows it was given, numbered from counters, as the database would (db/prepared.ts calls nothing else).
  const { createMessageStore } = await import('../../services/roundtables/message-store.server');
  let id = 0;
  const stubDriver = {
    async unsafe(_text: string, params: unknown[]) {
      const rows = JSON.parse(String(params[0])) as Array<Record<string, unknown>>;
      return rows.map((row) => ({ ...row, id: ++id, seq: id, pinned: false, edited_at: null, deleted_at: null }));
    },
  };
  const messageStore = createMessageStore({ $client: stubDriver } as unknown as Parameters<
    typeof createMessageStore
  >[0]);
  store = async (author, roundtableId, clientId, body) => {
    const row = await messageStore.store({
      roundtableId,
      authorId: author,
      clientId,
      body,
      replyToId: null,
      createdAt: new Date(),
      secretariat: false,
    });
    return row!.id;
  };
} else {
  // The whole store replaced: an id from a counter, still behind an await.
  let next = 0;
  store = async () => ++next;
}

const sendSchema = z.object({
  roomId: z.string(),
  clientId: z.string().min(8).max(64),
  body: z.string().trim().min(1).max(4_000),
});

const httpServer = createServer();
// RELEASE_REQUEST=1 (the default): configured as realtime/server.ts runs Socket.IO: its buffer limit, the upgrade
// request released and broadcast frames written directly, in one buffer, to the one room's members visited directly
// (decision 036; BENCH_DIRECT_FRAMES=0 leaves these out) on every connection; no connection-state
// recovery (decision 034: before it, every broadcast packet got an offset and was kept for reconnecting clients, and
// the bench ran that). RELEASE_REQUEST=0: plain Socket.IO.
const release = process.env.RELEASE_REQUEST !== '0';
const io = new Server(httpServer, {
  serveClient: false,
  transports: ['websocket'],
  ...(release ? { maxHttpBufferSize: 256 * 1024 } : {}),
});

if (release) io.engine.use(rememberUpgradeResponse);
if (release && process.env.BENCH_DIRECT_FRAMES !== '0') visitOneRoomDirectly(io.of('/').adapter);

io.on('connection', (socket) => {
  if (release) releaseUpgradeRequest(socket);
  if (release && process.env.BENCH_DIRECT_FRAMES !== '0') writeBroadcastFramesDirectly(socket);
  if (mode === 'broadcast') {
    socket.on('join', (room: unknown, ack?: () => void) => {
      void socket.join(String(room));
      if (typeof ack === 'function') ack();
    });
    socket.on('publish', (payload: { r: number }) => {
      io.to(String(payload.r)).emit('m', payload);
    });
    return;
  }
  socket.on('message:send', async (payload: unknown, ack?: (reply: unknown) => void) => {
    if (typeof ack !== 'function') return;
    const parsed = sendSchema.safeParse(payload);
    if (!parsed.success) return ack({ error: 'invalid' });
    try {
      // The benchmark's one author and one room: the payload's roomId is checked for shape only.
      const t0 = performance.now();
      const id = await store(authorId, roomId, parsed.data.clientId, parsed.data.body);
      // storeMs: how long the awaited store took, as seen by this handler (includes waiting for PGlite's lock).
      ack({ id, storeMs: Math.round((performance.now() - t0) * 1000) / 1000 });
    } catch (error) {
      ack({ error: String(error) });
    }
  });
});

// Commands on stdin, one a line: `gc` runs a full GC and prints memoryUsage(); `stats` prints and resets the
// event-loop delay histogram. The orchestrator holds our stdin: when it goes away, so do we.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
let gcMax = 0;
let gcTotal = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMax = Math.max(gcMax, entry.duration);
    gcTotal += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });
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
        sockets: io.engine.clientsCount,
      }),
    );
  } else if (line === 'stats') {
    const ms = (ns: number) => Math.round(ns / 1e3) / 1e3;
    console.log(
      JSON.stringify({
        stats: true,
        loopDelayMs: {
          p50: ms(loopDelay.percentile(50)),
          p99: ms(loopDelay.percentile(99)),
          max: ms(loopDelay.max),
          gcMax: Math.round(gcMax * 1000) / 1000,
          gcTotal: Math.round(gcTotal),
        },
      }),
    );
    loopDelay.reset();
    gcMax = 0;
    gcTotal = 0;
  }
});
process.stdin.on('end', () => process.exit(0));

httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  console.log(
    JSON.stringify({
      ready: true,
      port: typeof address === 'object' && address ? address.port : 0,
      mode,
      pid: process.pid,
    }),
  );
});
