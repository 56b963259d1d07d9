import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../db/client';
import { messages } from '../db/schema';
import { createServices, type Services } from '../services/index.server';
import { createRedisFloodLimiter, type FloodLimiter } from '../services/roundtables/flood.server';
import { FLOOD_RULE } from '../services/roundtables/roundtables.server';
import { withDatabase } from '../tests/global-setup';
import { createTestDatabase } from '../tests/db';
import {
  clientId,
  connectClient,
  next,
  record,
  request,
  roomFixture,
  sessionCookie,
  sleep,
  spawnNode,
  startNode,
  type Client,
  type Node,
  type Person,
  type SpawnedNode,
} from '../tests/realtime-harness';
import type { AgendaItemView, JoinReply, MessageView, PresenceEntry } from './events';

/**
 * Two server nodes behind one Redis (the Redis Streams adapter): what a client of one node does reaches the
 * members connected to the other.
 *
 * Runs only when REDIS_URL is set: a fresh machine has no Redis and `npm test` must pass there; `.ci/run` sets
 * REDIS_URL to the machine's Redis (127.0.0.1:6379), so CI always runs it.
 *
 * With DATABASE_URL (PostgreSQL), node B is a second process (tests/realtime-server.ts) on the same database.
 * Without it (embedded PGlite, which one process alone may open), both nodes live in this process, each with its
 * own Socket.IO server, services and event bus, sharing the one PGlite handle.
 */
const redisUrl = process.env.REDIS_URL;
const prefix = `minka-test-${randomBytes(4).toString('hex')}`;

let database: DatabaseHandle;
let services: Services;
let nodeA: Node;
let nodeB: { url: string; close(): Promise<void> };
let child: SpawnedNode | undefined;
const open: Client[] = [];
const limiters: FloodLimiter[] = [];
/** Services of one node, with the flood limit in Redis as server/index.ts sets it up when REDIS_URL is set. */
const nodeServices = (db: DatabaseHandle['db']) => {
  const floodLimiter = createRedisFloodLimiter({ url: redisUrl!, prefix, rule: FLOOD_RULE });
  limiters.push(floodLimiter);
  return createServices({ db, floodLimiter });
};

/** A private PostgreSQL database copied from the run's template, with its URL (for the second process). */
async function postgresDatabase(): Promise<{ handle: DatabaseHandle; url: string }> {
  const pg = inject('postgresTemplate')!;
  const name = `${pg.prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${pg.template}"`);
  await admin.end();
  const url = withDatabase(pg.adminUrl, name);
  const handle = await createDatabase({ databaseUrl: url, maxConnections: 4 });
  return {
    url,
    handle: {
      ...handle,
      close: async () => {
        await handle.close();
        const cleanup = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
        await cleanup.end();
      },
    },
  };
}

describe.skipIf(!redisUrl)('several nodes through Redis', () => {
  beforeAll(async () => {
    if (inject('postgresTemplate')) {
      const pg = await postgresDatabase();
      database = pg.handle;
      child = spawnNode({ DATABASE_URL: pg.url, REDIS_URL: redisUrl!, REDIS_PREFIX: prefix });
      nodeB = { url: (await child.line<{ url: string }>('READY', 60_000)).url, close: async () => {} };
    } else {
      database = await createTestDatabase();
      nodeB = await startNode({ services: nodeServices(database.db), database, redisUrl, redisPrefix: prefix });
    }
    services = nodeServices(database.db);
    nodeA = await startNode({ services, database, redisUrl, redisPrefix: prefix });
    // The adapter learns about the other node from its heartbeat; give the first one time to arrive.
    await sleep(300);
  });

  afterAll(async () => {
    for (const client of open.splice(0)) client.close();
    await nodeA?.close();
    await nodeB?.close();
    if (child) {
      child.kill('SIGTERM');
      await child.exited;
    }
    for (const limiter of limiters) await limiter.close();
    await database?.close();
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 100 })) keys.push(...batch);
    if (keys.length) await redis.del(keys);
    await redis.close();
  });

  async function client(node: { url: string }, person: Person) {
    const socket = await connectClient(node.url, await sessionCookie(services, person.email, person.password));
    open.push(socket);
    return socket;
  }

  type JoinAck = { ok: true } & JoinReply;
  type SendAck = { ok: true; message: MessageView; duplicate: boolean };

  it('delivers a message sent to node A to a member connected to node B, once', async () => {
    const room = await roomFixture(database, services);
    const alice = await client(nodeA, room.alice);
    const bruno = await client(nodeB, room.bruno);
    expect(await request(alice, 'room:join', { roomId: room.roomId })).toMatchObject({ ok: true });
    expect(await request(bruno, 'room:join', { roomId: room.roomId })).toMatchObject({ ok: true });

    const onB = record<{ message: MessageView }>(bruno, 'message:new');
    const id = clientId('x');
    const sent = await request<SendAck>(alice, 'message:send', {
      roomId: room.roomId,
      clientId: id,
      body: 'From node A',
    });
    expect(sent).toMatchObject({ ok: true, duplicate: false });
    const again = await request<SendAck>(alice, 'message:send', {
      roomId: room.roomId,
      clientId: id,
      body: 'From node A',
    });
    expect(again).toMatchObject({ ok: true, duplicate: true, message: { id: sent.message.id } });
    const deadline = Date.now() + 5_000;
    while (onB.length === 0 && Date.now() < deadline) await sleep(20);
    await sleep(200);
    expect(onB.map((p) => p.message)).toEqual([sent.message]);

    // And back the other way.
    const toA = next<{ message: MessageView }>(alice, 'message:new');
    const reply = await request<SendAck>(bruno, 'message:send', {
      roomId: room.roomId,
      clientId: clientId('y'),
      body: 'From node B',
    });
    expect((await toA).message).toEqual(reply.message);
    const [{ n }] = await database.db
      .select({ n: count() })
      .from(messages)
      .where(eq(messages.roundtableId, room.roomId));
    expect(n).toBe(2);
  });

  it('shows presence across nodes, and a removal on node A takes the person out on node B at once', async () => {
    const room = await roomFixture(database, services);
    const moderator = await client(nodeA, room.moderator);
    const carla = await client(nodeB, room.carla);
    await request(moderator, 'room:join', { roomId: room.roomId });
    const joined = await request<JoinAck>(carla, 'room:join', { roomId: room.roomId });
    expect(joined.presence.map((p: PresenceEntry) => p.userId).sort()).toEqual(
      [room.moderator.actor.userId, room.carla.actor.userId].sort(),
    );

    const removed = next(carla, 'room:removed');
    const gone = next<{ presence: PresenceEntry[] }>(
      moderator,
      'presence:update',
      (p) => !p.presence.some((e) => e.userId === room.carla.actor.userId),
    );
    expect(
      await request(moderator, 'member:remove', { roomId: room.roomId, userId: room.carla.actor.userId }),
    ).toMatchObject({ ok: true });
    expect(await removed).toEqual({ roomId: room.roomId, message: 'A moderator removed you from this roundtable.' });
    await gone;
    const leaked = record(carla, 'message:new');
    await request(moderator, 'message:send', { roomId: room.roomId, clientId: clientId(), body: 'after the removal' });
    await sleep(200);
    expect(leaked).toEqual([]);
  });

  it('broadcasts agenda changes made on node A to members on node B', async () => {
    const room = await roomFixture(database, services);
    const moderator = await client(nodeA, room.moderator);
    const alice = await client(nodeB, room.alice);
    await request(moderator, 'room:join', { roomId: room.roomId });
    await request(alice, 'room:join', { roomId: room.roomId });
    const updated = next<{ agenda: AgendaItemView[] }>(alice, 'agenda:updated');
    await request(moderator, 'agenda:add', { roomId: room.roomId, title: 'Across nodes' });
    expect((await updated).agenda.map((i) => i.title)).toEqual(['Across nodes']);
  });

  it('replays the gap from the database when a client comes back through the other node', async () => {
    const room = await roomFixture(database, services);
    const bruno = await client(nodeA, room.bruno);
    await request(bruno, 'room:join', { roomId: room.roomId });
    let alice = await client(nodeA, room.alice);
    const first = await request<JoinAck>(alice, 'room:join', { roomId: room.roomId });
    const lastSeenSeq = first.messages.at(-1)?.seq ?? 0;
    alice.close();
    const ids: number[] = [];
    for (const body of ['one', 'two', 'three'])
      ids.push(
        (await request<SendAck>(bruno, 'message:send', { roomId: room.roomId, clientId: clientId(), body })).message.id,
      );
    alice = await client(nodeB, room.alice);
    const replay = await request<JoinAck>(alice, 'room:join', { roomId: room.roomId, lastSeenSeq });
    expect(replay.messages.map((m) => m.id)).toEqual(ids);
  });

  it('counts the flood limit once across nodes: a person with tabs on both nodes gets 10 messages in 10 s, not 20', async () => {
    const room = await roomFixture(database, services);
    const onA = await client(nodeA, room.alice);
    const onB = await client(nodeB, room.alice);
    await request(onA, 'room:join', { roomId: room.roomId });
    await request(onB, 'room:join', { roomId: room.roomId });
    const ids: string[] = [];
    for (let i = 0; i < FLOOD_RULE.limit; i++) {
      ids.push(clientId('flood'));
      // Alternate nodes: each node alone saw only half of the limit.
      const reply = await request<SendAck>(i % 2 ? onB : onA, 'message:send', {
        roomId: room.roomId,
        clientId: ids[i],
        body: `message ${i}`,
      });
      expect(reply).toMatchObject({ ok: true, duplicate: false });
    }
    for (const socket of [onA, onB]) {
      expect(
        await request(socket, 'message:send', { roomId: room.roomId, clientId: clientId(), body: 'one too many' }),
      ).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryAfterSeconds: expect.any(Number) } });
    }
    // A resend is still answered, on either node.
    expect(
      await request(onB, 'message:send', { roomId: room.roomId, clientId: ids[0], body: 'message 0' }),
    ).toMatchObject({ ok: true, duplicate: true });
    const [{ n }] = await database.db
      .select({ n: count() })
      .from(messages)
      .where(eq(messages.roundtableId, room.roomId));
    expect(n).toBe(FLOOD_RULE.limit);
  });
});
