import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import type { PresenceEntry } from '../../realtime/events';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../../tests/db';
import {
  clientId,
  connectClient,
  next,
  record,
  request,
  roomFixture,
  sessionCookie,
  sleep,
  startNode,
  type Client,
  type Node,
} from '../../tests/realtime-harness';
import { createStickyProxy } from './sticky-proxy';

/*
 * Two Minka realtime nodes on one database and one Redis, behind the sticky proxy (as `npm run demo:cluster` runs
 * them), each person placed on a node by the proxy's cookie: presence, typing and a moderator's mute decided on one
 * node reach and bind the person on the other. (Delivery, removal, replay and the flood limit across nodes are in
 * realtime/multinode.test.ts; failover through the proxy in sticky-proxy.test.ts.) Needs Redis, as those do.
 */
const redisUrl = process.env.REDIS_URL;

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

describe.skipIf(!redisUrl)('presence, typing and moderation across two nodes behind the proxy (Redis)', () => {
  const prefix = `minka-cross-node-test-${randomBytes(4).toString('hex')}`;
  let database: DatabaseHandle;
  let services: Services;
  const nodes: Node[] = [];
  const open: Client[] = [];
  let proxyServer: http.Server | undefined;

  afterAll(async () => {
    for (const c of open) c.close();
    for (const n of nodes) await n.close().catch(() => {});
    if (proxyServer?.listening)
      await new Promise<void>((resolve) => (proxyServer!.closeAllConnections(), proxyServer!.close(() => resolve())));
    await database?.close();
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 100 })) keys.push(...batch);
    if (keys.length) await redis.del(keys);
    await redis.close();
  });

  it('a person on node 1 sees who is present and typing on node 0, and a mute from node 0 binds them on node 1', async () => {
    database = await createTestDatabase();
    services = createServices({ db: database.db });
    for (let i = 0; i < 2; i++)
      nodes.push(
        await startNode({ services: createServices({ db: database.db }), database, redisUrl, redisPrefix: prefix }),
      );
    const proxy = createStickyProxy({ targets: nodes.map((n) => n.url) });
    proxyServer = proxy.server;
    const base = await listen(proxy.server);
    await sleep(300); // the adapters learn about each other from their heartbeat

    const room = await roomFixture(database, services);
    const connect = async (person: typeof room.alice, node: number) => {
      const socket = await connectClient(
        base,
        `${await sessionCookie(services, person.email, person.password)}; minka_node=${node}`,
      );
      open.push(socket);
      return socket;
    };
    const moderator = await connect(room.moderator, 0);
    const alice = await connect(room.alice, 0);
    const bruno = await connect(room.bruno, 1);
    await request(moderator, 'room:join', { roomId: room.roomId });
    await request(alice, 'room:join', { roomId: room.roomId });

    // Presence: Bruno joins on node 1 and is told of the two people on node 0; they are told of him.
    const seen = next<{ presence: PresenceEntry[] }>(alice, 'presence:update', (p) =>
      p.presence.some((e) => e.userId === room.bruno.actor.userId),
    );
    const joined = await request<{ ok: true; presence: PresenceEntry[] }>(bruno, 'room:join', { roomId: room.roomId });
    expect(joined.presence.map((p) => p.userId).sort()).toEqual(
      [room.moderator.actor.userId, room.alice.actor.userId, room.bruno.actor.userId].sort(),
    );
    await seen;

    // Typing: Alice types on node 0; Bruno on node 1 sees it start and stop, with her name.
    const typingOn = next<{ userId: string; typing: boolean; displayName: string }>(
      bruno,
      'typing:update',
      (p) => p.typing,
    );
    alice.emit('typing:start', { roomId: room.roomId });
    expect(await typingOn).toMatchObject({ roomId: room.roomId, userId: room.alice.actor.userId, typing: true });
    const typingOff = next<{ typing: boolean }>(bruno, 'typing:update', (p) => !p.typing);
    alice.emit('typing:stop', { roomId: room.roomId });
    expect(await typingOff).toMatchObject({ typing: false });

    // Moderation: the moderator on node 0 mutes Bruno, who is on node 1. He is told at once, and his next send on
    // node 1 is refused and stored nowhere; nobody hears it.
    const told = next<{ roomId: string; mutedUntil: string | null }>(bruno, 'member:muted');
    expect(
      await request(moderator, 'member:mute', { roomId: room.roomId, userId: room.bruno.actor.userId, minutes: 10 }),
    ).toMatchObject({ ok: true });
    const notice = await told;
    expect(notice.roomId).toBe(room.roomId);
    expect(new Date(notice.mutedUntil!).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    const heard = record(alice, 'message:new');
    const refused = await request<{ ok: boolean; error?: { kind: string } }>(bruno, 'message:send', {
      roomId: room.roomId,
      clientId: clientId('muted'),
      body: 'while muted, through node 1',
    });
    expect(refused.ok).toBe(false);
    await sleep(200);
    expect(heard).toEqual([]);
    // Lifted on node 0: his send on node 1 goes through and Alice on node 0 hears it.
    expect(
      await request(moderator, 'member:mute', { roomId: room.roomId, userId: room.bruno.actor.userId, minutes: 0 }),
    ).toMatchObject({ ok: true });
    const arrives = next<{ message: { body: string } }>(alice, 'message:new');
    expect(
      await request(bruno, 'message:send', { roomId: room.roomId, clientId: clientId('after'), body: 'unmuted' }),
    ).toMatchObject({ ok: true });
    expect((await arrives).message.body).toBe('unmuted');
  }, 240_000);
});
