import { and, count, eq } from 'drizzle-orm';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '../../db/client';
import { auditLog, meetings, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { createAuditQueue } from './audit-queue.server';
import { JoinFactsCache, type JoinFacts } from './join-cache.server';
import { liveKitHandlers } from './livekit-msw.test-support';
import { createLiveKit } from './livekit.server';
import { createVideoconferencesService } from './videoconferences.server';

// The lean join path (decision 028): cached join facts that can never let in someone the database would refuse,
// audit lines written in batches off the request path, the token signed with a key prepared once.

const LK = {
  url: 'http://livekit.join-path.test:7880',
  apiKey: 'APIjoinpath',
  apiSecret: 'join-path-secret-that-is-long-enough-for-hs256',
};
const mock = liveKitHandlers(LK.url, LK.apiKey, LK.apiSecret);
const msw = setupServer(...mock.handlers);

let handle: DatabaseHandle;
let services: Services;
let vc: ReturnType<typeof createVideoconferencesService>;
/** Selects the service ran against the database (a repeated join should need none). */
let selects = 0;
let clock = new Date('2027-01-04T12:00:00Z');
const now = () => clock;
const people = {} as Record<'secretariat' | 'peru' | 'oas' | 'chile', Actor>;
let roomId: string;

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}

/** A meeting on 2027-01-05 10:00 Lima (15:00Z), 60 minutes; the clock is then put inside its join window. */
async function meetingNow(title: string) {
  clock = new Date('2027-01-04T12:00:00Z');
  const made = await services.videoconferences.schedule(people.secretariat, roomId, {
    title,
    start: '2027-01-05T10:00',
    timeZone: 'America/Lima',
    durationMinutes: 60,
  });
  if (!made.ok) throw new Error(made.message);
  clock = new Date('2027-01-05T14:55:00Z');
  return made.value.id;
}

const verify = async (token: string) =>
  (await new TokenVerifier(LK.apiKey, LK.apiSecret).verify(token)) as Record<string, unknown> & {
    video: Record<string, unknown>;
    exp: number;
    nbf: number;
  };

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'error' });
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now, publicUrl: 'https://minka.example.org' });
  // The service as the server wires it (the domain events of the other modules), with a database that counts reads.
  const counting = new Proxy(handle.db, {
    get(target, prop, receiver) {
      if (prop === 'select') selects += 1;
      return Reflect.get(target, prop, receiver);
    },
  }) as Database;
  vc = createVideoconferencesService({
    db: counting,
    now,
    publicUrl: 'https://minka.example.org',
    livekit: createLiveKit(LK),
    events: services.events,
    joinCacheMs: 60_000,
  });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  const room = await services.roundtables.create(people.secretariat, {
    title: 'Join path room',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('OAS')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
});
afterEach(async () => {
  await vc.flushAudit();
});
afterAll(async () => {
  msw.close();
  await handle.close();
});

describe('the join token', () => {
  it('is the token AccessToken makes: the SDK’s verifier accepts it with the same claims, and another secret does not', async () => {
    const livekit = createLiveKit(LK);
    const grant = { room: 'minka-x', identity: people.peru.userId, name: 'Ana Pérez (PE)', moderator: false };
    const ours = await verify(livekit.joinToken({ ...grant, ttlSeconds: 600 }));
    const sdk = new AccessToken(LK.apiKey, LK.apiSecret, { identity: grant.identity, name: grant.name, ttl: 600 });
    sdk.addGrant({
      roomJoin: true,
      room: grant.room,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      roomAdmin: false,
    });
    const theirs = await verify(await sdk.toJwt());
    const { exp, nbf, ...claims } = ours;
    const { exp: exp2, nbf: nbf2, ...claims2 } = theirs;
    expect(claims).toEqual(claims2);
    expect(Math.abs(exp - exp2)).toBeLessThanOrEqual(1);
    expect(Math.abs(nbf - nbf2)).toBeLessThanOrEqual(1);
    expect(exp - nbf).toBe(600);
    const admin = await verify(livekit.joinToken({ ...grant, moderator: true, ttlSeconds: 60 }));
    expect(admin.video.roomAdmin).toBe(true);
    await expect(
      new TokenVerifier(LK.apiKey, 'another-secret-that-is-long-enough-for-hs256').verify(
        livekit.joinToken({ ...grant, ttlSeconds: 60 }),
      ),
    ).rejects.toThrow();
  });
});

describe('join facts kept in memory can never let in someone the database refuses', () => {
  it('a repeated join reads nothing from the database, and still decides from the person’s role each time', async () => {
    const id = await meetingNow('Cached call');
    expect((await vc.join(people.peru, id)).ok).toBe(true);
    const before = selects;
    const again = await vc.join(people.peru, id);
    expect(again.ok).toBe(true);
    expect(selects).toBe(before);
    // Chile is not invited: refused every time, the same way, cached or not.
    expect(await vc.join(people.chile, id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await vc.join(people.chile, id)).toMatchObject({ ok: false, kind: 'forbidden' });
    // The role comes from the session, never from the cache: the same person as Secretariat staff is a moderator.
    const peruAsStaff: Actor = { ...people.peru, role: 'secretariat_staff', organizationKind: 'secretariat' };
    const staff = await vc.join(peruAsStaff, id);
    if (!staff.ok) throw new Error(staff.message);
    expect(staff.value.moderator).toBe(true);
    expect(await vc.join(people.peru, id)).toMatchObject({ ok: true, value: { moderator: false } });
  });

  it('a break in the cluster’s event relay forgets every cached fact (other nodes’ changes may have been missed)', async () => {
    const id = await meetingNow('Relay gap call');
    expect((await vc.join(people.peru, id)).ok).toBe(true);
    const cached = selects;
    expect((await vc.join(people.peru, id)).ok).toBe(true);
    expect(selects).toBe(cached);
    services.events.deliverRemoteGap();
    expect((await vc.join(people.peru, id)).ok).toBe(true);
    expect(selects).toBeGreaterThan(cached);
  });

  it('a member removed from the room is refused at once (their join facts were cached); added back, they join again', async () => {
    const id = await meetingNow('Removal call');
    expect((await vc.join(people.oas, id)).ok).toBe(true);
    expect((await vc.join(people.oas, id)).ok).toBe(true);
    expect((await services.roundtables.removeMember(people.secretariat, roomId, people.oas.userId)).ok).toBe(true);
    expect(await vc.join(people.oas, id)).toMatchObject({ ok: false, kind: 'forbidden' });
    // The page, the calendar file and "My meetings" agree: the meeting is no longer theirs.
    expect(await vc.get(people.oas, id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect((await vc.mine(people.oas)).upcoming.map((m) => m.id)).not.toContain(id);
    // Nor does anyone else see them listed as invited; the room's managers see them marked as removed.
    const invitedAs = async (viewer: Actor) => {
      const page = await vc.get(viewer, id);
      if (!page.ok) throw new Error(page.message);
      return page.value.invited.filter((p) => p.userId === people.oas.userId);
    };
    expect(await invitedAs(people.peru)).toEqual([]);
    expect(await invitedAs(people.secretariat)).toMatchObject([{ removedFromRoom: true }]);
    expect((await services.roundtables.restoreMember(people.secretariat, roomId, people.oas.userId)).ok).toBe(true);
    expect((await vc.join(people.oas, id)).ok).toBe(true);
    expect(await invitedAs(people.peru)).toMatchObject([{ removedFromRoom: false }]);
  });

  it('a cancelled meeting is refused at once', async () => {
    const id = await meetingNow('Cancelled call');
    expect((await vc.join(people.peru, id)).ok).toBe(true);
    expect((await vc.cancel(people.secretariat, id)).ok).toBe(true);
    expect(await vc.join(people.peru, id)).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'This meeting was cancelled.',
    });
  });

  it('a rescheduled meeting is joined in its new window only', async () => {
    const id = await meetingNow('Moved call');
    expect((await vc.join(people.peru, id)).ok).toBe(true);
    expect(
      (
        await vc.reschedule(people.secretariat, id, {
          start: '2027-01-06T10:00',
          timeZone: 'America/Lima',
          durationMinutes: 30,
        })
      ).ok,
    ).toBe(true);
    expect(await vc.join(people.peru, id)).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'You can join from 15 minutes before the start.',
    });
    clock = new Date('2027-01-06T14:50:00Z');
    const moved = await vc.join(people.peru, id);
    if (!moved.ok) throw new Error(moved.message);
    // The token lasts until the new window closes (15:00Z + 30 min + 30 min), not the old one.
    expect(Date.parse(moved.value.expiresAt)).toBe(Date.parse('2027-01-06T16:00:00Z'));
  });

  it('a moderator un-named loses roomAdmin at once; a finished call (webhook) is refused', async () => {
    const id = await meetingNow('Moderator call');
    expect(
      (await services.roundtables.setMemberRole(people.secretariat, roomId, people.peru.userId, 'moderator')).ok,
    ).toBe(true);
    expect(await vc.join(people.peru, id)).toMatchObject({ ok: true, value: { moderator: true } });
    expect(
      (await services.roundtables.setMemberRole(people.secretariat, roomId, people.peru.userId, 'participant')).ok,
    ).toBe(true);
    expect(await vc.join(people.peru, id)).toMatchObject({ ok: true, value: { moderator: false } });
    const [row] = await handle.db.select().from(meetings).where(eq(meetings.id, id));
    const body = JSON.stringify({
      id: `EV_finished_${id}`,
      event: 'room_finished',
      room: { sid: 'RM_x', name: row.livekitRoom },
      createdAt: String(Math.floor(clock.getTime() / 1000)),
    });
    const signer = new AccessToken(LK.apiKey, LK.apiSecret, { ttl: 300 });
    signer.sha256 = (await import('node:crypto')).createHash('sha256').update(body).digest('base64');
    expect(await vc.receiveWebhook(body, await signer.toJwt())).toMatchObject({ ok: true, value: { applied: true } });
    expect(await vc.join(people.peru, id)).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'This meeting has ended.',
    });
  });

  it('facts read before an invalidation are not kept after it (a read racing a removal)', () => {
    const cache = new JoinFactsCache(60_000);
    const facts: JoinFacts = {
      meeting: {
        id: 'm1',
        roundtableId: 'r1',
        status: 'scheduled',
        startsAt: new Date(),
        durationMinutes: 60,
        livekitRoom: 'minka-m1',
        title: 't',
      },
      participant: true,
      namedModerator: false,
      organizationCode: 'PE',
    };
    const readStartedAt = cache.generation;
    cache.forgetRoom('r1'); // the removal commits while the read is on its way
    cache.set('u1', facts, readStartedAt);
    expect(cache.get('m1', 'u1')).toBeUndefined();
    cache.set('u1', facts, cache.generation);
    expect(cache.get('m1', 'u1')).toBe(facts);
    cache.forgetUser('u1');
    expect(cache.get('m1', 'u1')).toBeUndefined();
    // Off (no lifetime): nothing is kept.
    const off = new JoinFactsCache(0);
    off.set('u1', facts, off.generation);
    expect(off.get('m1', 'u1')).toBeUndefined();
  });

  it('facts expire after their lifetime', () => {
    let t = 0;
    const cache = new JoinFactsCache(1_000, 10, () => t);
    const facts = { meeting: { id: 'm', roundtableId: 'r' } } as JoinFacts;
    cache.set('u', facts, cache.generation);
    t = 999;
    expect(cache.get('m', 'u')).toBe(facts);
    t = 1_000;
    expect(cache.get('m', 'u')).toBeUndefined();
  });

  it('without domain events (a service built alone) nothing is cached: every join reads the database', async () => {
    const alone = createVideoconferencesService({
      db: handle.db,
      now,
      publicUrl: 'https://minka.example.org',
      livekit: createLiveKit(LK),
    });
    const id = await meetingNow('Uncached call');
    expect((await alone.join(people.oas, id)).ok).toBe(true);
    await services.roundtables.removeMember(people.secretariat, roomId, people.oas.userId);
    expect(await alone.join(people.oas, id)).toMatchObject({ ok: false, kind: 'forbidden' });
    await services.roundtables.restoreMember(people.secretariat, roomId, people.oas.userId);
    await alone.flushAudit();
  });
});

describe('join audit lines, written in batches off the request path', () => {
  it('every join leaves its line (who, which meeting, from where) once the batch is written', async () => {
    const id = await meetingNow('Audited call');
    for (let i = 0; i < 7; i += 1) expect((await vc.join({ ...people.peru, ip: '203.0.113.9' }, id)).ok).toBe(true);
    await vc.flushAudit();
    const rows = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'videoconference.joined'), eq(auditLog.subjectId, id)));
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({ actorUserId: people.peru.userId, subjectType: 'meeting', ip: '203.0.113.9' });
    // A refused join is not a join.
    expect((await vc.join(people.chile, id)).ok).toBe(false);
    await vc.flushAudit();
    const [{ n }] = await handle.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'videoconference.joined'), eq(auditLog.subjectId, id)));
    expect(n).toBe(7);
  });

  it('a failed write keeps its lines and retries; a long queue makes callers wait for the write', async () => {
    let fail = 2;
    const errors: number[] = [];
    const flaky = new Proxy(handle.db, {
      get(target, prop, receiver) {
        if (prop === 'execute')
          return (query: Parameters<Database['execute']>[0]) => {
            if (fail > 0) {
              fail -= 1;
              return Promise.reject(new Error('database unavailable'));
            }
            return target.execute(query);
          };
        return Reflect.get(target, prop, receiver);
      },
    }) as Database;
    const queue = createAuditQueue(flaky, {
      flushMs: 1_000,
      batchSize: 10,
      highWater: 4,
      onError: (_e, waiting) => errors.push(waiting),
    });
    const subject = crypto.randomUUID();
    for (let i = 0; i < 5; i += 1)
      queue.push({ action: 'test.queued', actorUserId: people.peru.userId, subjectType: 'test', subjectId: subject });
    expect(queue.waiting).toBeGreaterThan(0);
    // Five lines wait, more than the high-water mark of four: the caller is held until a write.
    expect(queue.ready()).toBeInstanceOf(Promise);
    await queue.drain();
    expect(errors.length).toBe(2);
    expect(queue.waiting).toBe(0);
    const written = await handle.db
      .select({ at: auditLog.at, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(eq(auditLog.subjectId, subject));
    expect(written).toHaveLength(5);
    expect(written.every((w) => w.actor === people.peru.userId)).toBe(true);
    expect(queue.ready()).toBeUndefined();
  });

  it('drain gives up (and says how many lines are left) when the database stays down', async () => {
    const down = new Proxy(handle.db, {
      get(target, prop, receiver) {
        if (prop === 'execute') return () => Promise.reject(new Error('down'));
        return Reflect.get(target, prop, receiver);
      },
    }) as Database;
    const queue = createAuditQueue(down, { onError: () => {} });
    queue.push({ action: 'test.lost', subjectType: 'test', subjectId: 'x' });
    await expect(queue.drain(2)).rejects.toThrow('1 lines could not be written');
    expect(queue.waiting).toBe(1);
  });
});
