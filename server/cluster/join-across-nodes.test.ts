import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { liveKitHandlers } from '../../services/videoconferences/livekit-msw.test-support';
import { createLiveKit } from '../../services/videoconferences/livekit.server';
import { createVideoconferencesService } from '../../services/videoconferences/videoconferences.server';
import { createSharedPostgresDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import { startEventRelay, type EventRelay } from '../event-relay';

/*
 * Decision 033: the join facts of videoconferences (decision 028) are node memory, dropped when someone loses access.
 * Three nodes on one PostgreSQL database, A and B joined by the event relay through Redis, C not. A person removed
 * from the room through node A must be refused a join token by node B at once, although B had their facts cached;
 * C, without the relay, still lets them in from its cache (the bug the relay fixes). Needs DATABASE_URL and REDIS_URL.
 */
const redisUrl = process.env.REDIS_URL;
const postgresRun = inject('postgresTemplate') !== null;
const LK = {
  url: 'http://livekit.across-nodes.test:7880',
  apiKey: 'APIacrossnodes',
  apiSecret: 'across-nodes-secret-that-is-long-enough-for-hs256',
};

describe.skipIf(!redisUrl || !postgresRun)('join facts across nodes (PostgreSQL + Redis)', () => {
  const msw = setupServer(...liveKitHandlers(LK.url, LK.apiKey, LK.apiSecret).handlers);
  const channel = `minka-join-test-${randomBytes(4).toString('hex')}`;
  let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
  const relays: EventRelay[] = [];
  let clock = new Date('2027-01-04T12:00:00Z');
  const now = () => clock;
  const nodes: { services: Services; vc: ReturnType<typeof createVideoconferencesService> }[] = [];
  let secretariat: Actor;
  let oas: Actor;
  let roomId: string;

  const startNode = (handle: DatabaseHandle) => {
    const services = createServices({ db: handle.db, now, publicUrl: 'https://minka.example.org' });
    // As the server wires it, with a long cache lifetime: only an event can make it forget.
    const vc = createVideoconferencesService({
      db: handle.db,
      now,
      publicUrl: 'https://minka.example.org',
      livekit: createLiveKit(LK),
      events: services.events,
      joinCacheMs: 600_000,
    });
    return { services, vc };
  };

  beforeAll(async () => {
    msw.listen({ onUnhandledRequest: 'error' });
    shared = (await createSharedPostgresDatabase(3))!;
    const [first] = shared.handles;
    await loadReferenceData(first.db);
    for (const handle of shared.handles) nodes.push(startNode(handle));
    for (const node of nodes.slice(0, 2))
      relays.push(startEventRelay({ url: redisUrl!, events: node.services.events, channel }));
    await Promise.all(relays.map((r) => r.ready));
    const orgId = async (code: string) =>
      (await first.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
    secretariat = await createActor(first.db, 'secretariat', 'secretariat_staff', await orgId('SUMMITS-SECRETARIAT'));
    oas = await createActor(first.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
    const room = await nodes[0].services.roundtables.create(secretariat, {
      title: 'Across nodes room',
      kind: 'working_roundtable',
      organizationIds: [await orgId('PE'), await orgId('OAS')],
    });
    if (!room.ok) throw new Error(room.message);
    roomId = room.value.id;
  }, 120_000);

  afterAll(async () => {
    for (const relay of relays) await relay.close();
    for (const node of nodes) await node.vc.flushAudit().catch(() => {});
    msw.close();
    await shared?.close();
  });

  it('a member removed through node A is refused a join on node B at once', async () => {
    const [a, b, c] = nodes;
    const made = await a.vc.schedule(secretariat, roomId, {
      title: 'Across nodes call',
      start: '2027-01-05T10:00',
      timeZone: 'America/Lima',
      durationMinutes: 60,
    });
    if (!made.ok) throw new Error(made.message);
    clock = new Date('2027-01-05T14:55:00Z');
    // B and C let the OAS focal point in, and keep their join facts.
    for (const node of [b, c]) {
      expect((await node.vc.join(oas, made.value.id)).ok).toBe(true);
      expect((await node.vc.join(oas, made.value.id)).ok).toBe(true);
    }

    expect((await a.services.roundtables.removeMember(secretariat, roomId, oas.userId)).ok).toBe(true);
    expect(await a.vc.join(oas, made.value.id)).toMatchObject({ ok: false, kind: 'forbidden' });

    const deadline = Date.now() + 5_000;
    let onB = await b.vc.join(oas, made.value.id);
    while (onB.ok && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      onB = await b.vc.join(oas, made.value.id);
    }
    expect(onB).toMatchObject({ ok: false, kind: 'forbidden' });
    // C, without the relay, still mints a token from its cached facts: the bug the relay fixes.
    expect((await c.vc.join(oas, made.value.id)).ok).toBe(true);
  }, 60_000);
});
