// A server node for the realtime tests that need a separate process (crash.test.ts, multinode.test.ts):
// the database, the services and Socket.IO, without Remix. Run with `node --import tsx tests/realtime-server.ts`.
//
//   DATABASE_URL   PostgreSQL to share with other processes; else DATA_DIR/pglite (embedded, this process only)
//   REDIS_URL      several nodes through the Redis Streams adapter (REDIS_PREFIX keeps test runs apart)
//   PORT           0 by default; a restart passes the previous port so clients reconnect by themselves
//   SEED=1         create a room and its people first, and print them (with session cookies) as `SEED {json}`
//
// Prints `READY {"url":…}` when listening; closes cleanly on SIGTERM.
import path from 'node:path';
import { createDatabase } from '../db/client';
import { createServices } from '../services/index.server';
import { createRedisFloodLimiter } from '../services/roundtables/flood.server';
import { FLOOD_RULE } from '../services/roundtables/roundtables.server';
import { roomFixture, sessionCookie, startNode } from './realtime-harness';

const database = await createDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  pgliteDir: process.env.DATA_DIR ? path.join(process.env.DATA_DIR, 'pglite') : undefined,
  migrate: true,
});
// With Redis, the flood limit is shared by the nodes, as server/index.ts sets it up.
const floodLimiter = process.env.REDIS_URL
  ? createRedisFloodLimiter({
      url: process.env.REDIS_URL,
      prefix: process.env.REDIS_PREFIX || undefined,
      rule: FLOOD_RULE,
    })
  : undefined;
const services = createServices({ db: database.db, floodLimiter });

if (process.env.SEED === '1') {
  const room = await roomFixture(database, services);
  const people = Object.fromEntries(
    await Promise.all(
      (['moderator', 'staff', 'alice', 'bruno', 'carla', 'outsider'] as const).map(async (name) => [
        name,
        {
          userId: room[name].actor.userId,
          cookie: await sessionCookie(services, room[name].email, room[name].password),
        },
      ]),
    ),
  );
  console.log(`SEED ${JSON.stringify({ roomId: room.roomId, people })}`);
}

const node = await startNode({
  services,
  database,
  redisUrl: process.env.REDIS_URL || undefined,
  redisPrefix: process.env.REDIS_PREFIX || undefined,
  port: Number(process.env.PORT ?? 0),
});
console.log(`READY ${JSON.stringify({ url: node.url, pid: process.pid })}`);

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    await node.close();
    await floodLimiter?.close();
    await database.close();
    console.log('STOPPED');
    process.exit(0);
  })();
});
