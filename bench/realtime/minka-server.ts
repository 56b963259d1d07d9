// The full Minka realtime server for the realtime benchmark's memory phase: realtime/server.ts as server/app.ts
// attaches it (session authentication on the handshake, per-user and per-session rooms, its buffer limit,
// the upgrade request released), over the real services on a migrated database (PGlite in memory, or PostgreSQL with
// BENCH_DATABASE_URL). It creates SESSIONS people, each with a membership and a session, and writes their cookies to
// a file whose path the ready line gives, so the load generator connects each socket as a different signed-in
// person. Same stdin commands as sio-server.ts (`gc`, `stats`); prints {"ready":true,"port":…,"cookies":…}.
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import readline from 'node:readline';
import pino from 'pino';
import { memberships, organizations, sessions, users } from '../../db/schema';
import { createRealtimeServer } from '../../realtime/server';
import { SESSION_LIFETIME_MS } from '../../services/accounts/sessions.server';
import { hashSecret, randomToken } from '../../services/accounts/tokens.server';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices } from '../../services/index.server';
import { openBenchDatabase } from '../support/bench-database';

const count = Number(process.env.SESSIONS ?? 10_000);
const handle = await openBenchDatabase();
const { db } = handle;
await loadReferenceData(db);
const [org] = await db.select({ id: organizations.id }).from(organizations).limit(1);
const cookies: string[] = [];
const stamp = `${process.pid}-${Date.now().toString(36)}`;
const now = new Date();
for (let i = 0; i < count; i += 500) {
  const n = Math.min(500, count - i);
  const made = await db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, k) => ({
        email: `idle-${stamp}-${i + k}@bench.minka.test`,
        displayName: `Idle ${i + k}`,
        passwordHash: 'no-login',
      })),
    )
    .returning({ id: users.id });
  await db
    .insert(memberships)
    .values(made.map((u) => ({ userId: u.id, organizationId: org.id, role: 'delegate' as const })));
  const rows = made.map((u) => {
    const id = randomToken();
    const secret = randomToken();
    cookies.push(`minka_session=${id}.${secret}`);
    return {
      id,
      secretHash: hashSecret(secret),
      userId: u.id,
      createdAt: now,
      lastVerifiedAt: now,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
    };
  });
  await db.insert(sessions).values(rows);
}
const cookieFile = path.join(os.tmpdir(), `minka-bench-cookies-${stamp}.json`);
writeFileSync(cookieFile, JSON.stringify(cookies));
process.on('exit', () => rmSync(cookieFile, { force: true }));

const services = createServices({ db });
const logger = pino({ level: 'silent' });
const httpServer = createServer();
const io = createRealtimeServer(httpServer, {
  services,
  logger,
  isAllowedOrigin: () => true,
  sessionTokenFrom: (headers) => /(?:^|;\s*)minka_session=([^;]+)/.exec(headers.cookie ?? '')?.[1],
});

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
        sockets: io.engine.clientsCount,
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
      mode: 'minka',
      pid: process.pid,
      cookies: cookieFile,
    }),
  );
});
