import { eq, inArray } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { meetings, organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices } from '../../services/index.server';
import { liveKitHandlers } from '../../services/videoconferences/livekit-msw.test-support';
import { createLiveKit } from '../../services/videoconferences/livekit.server';
import { createVideoconferencesService } from '../../services/videoconferences/videoconferences.server';
import { createSharedPostgresDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';

// The videoconference room sync (server/index.ts, every two minutes on every node) opens LiveKit rooms shortly before
// their meetings and ends the meetings that are over. Two nodes (separate connection pools on one PostgreSQL
// database) run it at the same moment: each meeting is ended, and its LiveKit room deleted, once. Needs DATABASE_URL.
const postgresRun = inject('postgresTemplate') !== null;

async function orgId(db: DatabaseHandle['db'], code: string) {
  return (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
}

describe.skipIf(!postgresRun)('the videoconference room sync across two nodes on PostgreSQL', () => {
  const LK = {
    url: 'http://livekit.test:7880',
    apiKey: 'APItestkey',
    apiSecret: 'test-secret-that-is-long-enough-for-hs256',
  };
  const mock = liveKitHandlers(LK.url, LK.apiKey, LK.apiSecret);
  const msw = setupServer(...mock.handlers);
  let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
  let clock = new Date('2027-01-04T12:00:00Z');
  const now = () => clock;
  beforeAll(async () => {
    msw.listen({ onUnhandledRequest: 'bypass' });
    shared = (await createSharedPostgresDatabase(2))!;
    await loadReferenceData(shared.handles[0].db);
  });
  afterAll(async () => {
    msw.close();
    await shared?.close();
  });

  it('ends each finished meeting and deletes its LiveKit room once when both nodes sync together; the coming room is open', async () => {
    const [first, second] = shared.handles;
    const db = first.db;
    const secretariat: Actor = await createActor(
      db,
      'secretariat',
      'secretariat_staff',
      await orgId(db, 'SUMMITS-SECRETARIAT'),
    );
    const pe = await orgId(db, 'PE');
    await createActor(db, 'state', 'national_coordinator', pe);
    const services = createServices({ db, now, publicUrl: 'https://minka.example.org' });
    const room = await services.roundtables.create(secretariat, {
      title: 'Room for the sync race',
      kind: 'working_roundtable',
      organizationIds: [pe],
    });
    if (!room.ok) throw new Error(room.message);
    const schedule = async (title: string, start: string, durationMinutes: number) => {
      const made = await services.videoconferences.schedule(secretariat, room.value.id, {
        title,
        start,
        timeZone: 'America/Lima',
        durationMinutes,
      });
      if (!made.ok) throw new Error(made.message);
      return made.value.id;
    };
    // Two calls over by 17:55 UTC (with the half hour a late joiner has), one starting five minutes later.
    const over = [
      await schedule('Morning call', '2027-01-05T10:00', 30),
      await schedule('Second call', '2027-01-05T10:30', 30),
    ];
    const coming = await schedule('Afternoon call', '2027-01-05T13:00', 60);
    const rows = await db
      .select()
      .from(meetings)
      .where(inArray(meetings.id, [...over, coming]));
    const roomOf = new Map(rows.map((m) => [m.id, m.livekitRoom]));
    for (const id of over)
      mock.rooms.set(roomOf.get(id)!, {
        sid: `RM_${id.slice(0, 8)}`,
        name: roomOf.get(id)!,
        emptyTimeout: 600,
        maxParticipants: 100,
        metadata: '',
        participants: [],
      });

    clock = new Date('2027-01-05T17:55:00Z');
    const nodes = [first, second, first, second].map((h) =>
      createVideoconferencesService({
        db: h.db,
        now,
        publicUrl: 'https://minka.example.org',
        livekit: createLiveKit(LK),
      }),
    );
    const runs = await Promise.all(nodes.map((n) => n.syncRooms()));
    expect(runs.reduce((a, r) => a + r.closed, 0)).toBe(2);
    for (const id of over) {
      const deletes = mock.calls.filter((c) => c.method === 'DeleteRoom' && c.body.room === roomOf.get(id));
      expect(deletes, `DeleteRoom for ${id}`).toHaveLength(1);
      expect(mock.rooms.has(roomOf.get(id)!)).toBe(false);
    }
    const after = await second.db
      .select()
      .from(meetings)
      .where(inArray(meetings.id, [...over, coming]));
    expect(Object.fromEntries(after.map((m) => [m.id, m.status]))).toEqual({
      [over[0]]: 'ended',
      [over[1]]: 'ended',
      [coming]: 'scheduled',
    });
    // Opening is not claimed: LiveKit's CreateRoom answers the existing room, so a second call changes nothing.
    expect(mock.rooms.get(roomOf.get(coming)!)).toMatchObject({ emptyTimeout: 600, maxParticipants: 100 });
    // The next run on either node has nothing left to end.
    const again = await Promise.all(nodes.slice(0, 2).map((n) => n.syncRooms()));
    expect(again.map((r) => r.closed)).toEqual([0, 0]);
  });
});
