// `npm run bench:store`: the roundtable message store alone (no sockets), one send at a time, awaited, on the real
// schema: what a send costs the database, beside a baseline measured in the same run.
//   plain    : a bare `insert … on conflict do nothing returning id` through Drizzle (the baseline: any store
//              has to do at least this; it still runs the seq trigger of migration 0007)
//   unprepared: the service's checked statement (room open, member, not muted, reply in the room, numbered),
//              parsed and planned on every call (how the store ran before; it then also went through Drizzle)
//   store    : the service's store as it runs (services/roundtables/message-store.server.ts): the same statement,
//              prepared once per connection (db/prepared.ts), with group commit around it
// PGlite in memory by default; BENCH_PGLITE_DISK=1 for PGlite on disk (as `npm start` runs it), BENCH_DATABASE_URL=
// postgres://… for PostgreSQL. Variants alternate, twice each.
// The last line is one JSON object.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { roundtableMembers, roundtables, users } from '../db/schema';
import { prepareStatement } from '../db/prepared';
import { createMessageStore, INSERT_CHECKED } from '../services/roundtables/message-store.server';
import { benchStore, openBenchDatabase } from './support/bench-database';

const N = Number(process.env.BENCH_STORE_SENDS ?? 2_000);
const WARMUP = 200;
const database = benchStore();
const handle = await openBenchDatabase();
const { db } = handle;
const [user] = await db
  .insert(users)
  .values({ email: `bench-store-${process.pid}-${Date.now()}@example.org`, displayName: 'Bench', passwordHash: 'x' })
  .returning({ id: users.id });
const [room] = await db
  .insert(roundtables)
  .values({ title: 'Store benchmark', kind: 'working_roundtable', createdBy: user.id })
  .returning({ id: roundtables.id });
await db.insert(roundtableMembers).values({ roundtableId: room.id, userId: user.id, role: 'participant' });

const store = createMessageStore(db);
// The store's own statement, parsed and planned on every call (how it ran before it was prepared).
const unprepared = prepareStatement(db, INSERT_CHECKED, ['json'], { prepared: false });
const nonce = `${process.pid}-${Date.now().toString(36)}`;
let k = 0;
const clientId = () => `bench-${nonce}-${++k}`;
const pendingJson = () =>
  JSON.stringify([
    {
      roundtable_id: room.id,
      author_id: user.id,
      client_id: clientId(),
      body: 'Benchmark message',
      reply_to_id: null,
      created_at: new Date().toISOString(),
      secretariat: false,
    },
  ]);
const variants: Record<string, () => Promise<unknown>> = {
  plain: () =>
    db.execute(
      sql`insert into messages (roundtable_id, author_id, client_id, body) values (${room.id}, ${user.id}, ${clientId()}, 'Benchmark message') on conflict do nothing returning id`,
    ),
  unprepared: () => unprepared.run([pendingJson()]),
  store: () =>
    store.store({
      roundtableId: room.id,
      authorId: user.id,
      clientId: clientId(),
      body: 'Benchmark message',
      replyToId: null,
      createdAt: new Date(),
      secretariat: false,
    }),
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const samples: Record<string, number[]> = { plain: [], unprepared: [], store: [] };
for (const fn of Object.values(variants)) for (let i = 0; i < WARMUP; i++) await fn();
for (let pass = 0; pass < 2; pass++) {
  for (const [name, fn] of Object.entries(variants)) {
    for (let i = 0; i < N / 2; i++) {
      const t0 = performance.now();
      await fn();
      samples[name].push(performance.now() - t0);
    }
  }
}
await handle.close();

console.log(
  `message store alone: ${N} sends per variant, one at a time, ${database.name}; ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, node ${process.version}`,
);
const summary: Record<string, { p50: number; p99: number }> = {};
for (const [name, xs] of Object.entries(samples)) {
  const sorted = [...xs].sort((a, b) => a - b);
  summary[name] = {
    p50: Math.round(percentile(sorted, 50) * 1000) / 1000,
    p99: Math.round(percentile(sorted, 99) * 1000) / 1000,
  };
  console.log(
    `  ${name.padEnd(11)} p50 ${summary[name].p50.toFixed(3)} ms  p99 ${summary[name].p99.toFixed(3)} ms  (×${(summary[name].p50 / summary.plain.p50).toFixed(2)} / ×${(summary[name].p99 / summary.plain.p99).toFixed(2)} of plain)`,
  );
}
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
console.log(
  JSON.stringify({
    bench: 'store',
    database: database.json,
    sends: N,
    ...summary,
    store_vs_plain_p50: ratio(summary.store.p50, summary.plain.p50),
    store_vs_plain_p99: ratio(summary.store.p99, summary.plain.p99),
    unprepared_vs_store_p50: ratio(summary.unprepared.p50, summary.store.p50),
  }),
);
