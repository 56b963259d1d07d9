import { createHash } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import {
  auditLog,
  mailOutbox,
  meetingParticipants,
  meetings,
  notifications,
  organizations,
  roundtableMembers,
  users,
} from '../../db/schema';
import { createSharedPostgresDatabase, createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { transcriptInline } from '../roundtables/roundtables.server';
import { createServices, type Services } from '../index.server';
import { servicesEs } from '../messages/es';
import { createLocalizer, localizeServices } from '../messages/localize';
import { liveKitHandlers } from './livekit-msw.test-support';
import { seedDemoMeetings } from './demo-seed.server';
import { createLiveKit } from './livekit.server';
import { createVideoconferencesService } from './videoconferences.server';

const LK = {
  url: 'http://livekit.test:7880',
  apiKey: 'APItestkey',
  apiSecret: 'test-secret-that-is-long-enough-for-hs256',
};
const mock = liveKitHandlers(LK.url, LK.apiKey, LK.apiSecret);
const msw = setupServer(...mock.handlers);

let handle: DatabaseHandle;
let services: Services;
let withVideo: ReturnType<typeof createVideoconferencesService>;
let clock = new Date('2027-01-04T12:00:00Z');
const now = () => clock;
const people = {} as Record<'secretariat' | 'peru' | 'oas' | 'chile', Actor>;
let roomId: string;

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}
const schedule = (actor: Actor, input: Record<string, unknown> = {}) =>
  services.videoconferences.schedule(actor, roomId, {
    title: 'Judicial integrity, first call',
    start: '2027-01-05T10:00',
    timeZone: 'America/Lima',
    durationMinutes: 60,
    agenda: 'Introductions; the draft plan',
    ...input,
  });
const mailsTo = async (email: string, subjectPart: string) =>
  handle.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), like(mailOutbox.subject, `%${subjectPart}%`)));
const b64sha = (body: string) => createHash('sha256').update(body).digest('base64');
async function signedWebhook(body: string, sha = b64sha(body)) {
  const token = new AccessToken(LK.apiKey, LK.apiSecret, { ttl: 300 });
  token.sha256 = sha;
  return token.toJwt();
}
const webhookBody = (
  id: string,
  event: string,
  room: string,
  extra: Record<string, unknown> = {},
  createdAt = Math.floor(clock.getTime() / 1000),
) => JSON.stringify({ id, event, room: { sid: 'RM_x', name: room }, createdAt: String(createdAt), ...extra });

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'error' });
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now, publicUrl: 'https://minka.example.org' });
  withVideo = createVideoconferencesService({
    db: handle.db,
    now,
    publicUrl: 'https://minka.example.org',
    livekit: createLiveKit(LK),
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
  await handle.db
    .update(users)
    .set({ locale: 'es', timeZone: 'Europe/Madrid' })
    .where(eq(users.id, people.peru.userId));
  const room = await services.roundtables.create(people.secretariat, {
    title: 'Judicial integrity exchange',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('OAS')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
});
afterEach(() => {
  clock = new Date('2027-01-04T12:00:00Z');
});
afterAll(async () => {
  msw.close();
  await handle.close();
});

describe('scheduling', () => {
  it('the Secretariat schedules: every member is invited in the app and by e-mail, in their language and on their clock beside the organizer’s', async () => {
    const made = await schedule(people.secretariat);
    if (!made.ok) throw new Error(made.message);
    expect(made.value).toMatchObject({
      startsAt: '2027-01-05T15:00:00.000Z',
      organizerTime: '2027-01-05 10:00 Lima (UTC−5)',
      status: 'scheduled',
      sequence: 0,
    });
    const invited = await handle.db
      .select()
      .from(meetingParticipants)
      .where(eq(meetingParticipants.meetingId, made.value.id));
    expect(invited.map((p) => p.userId).sort()).toEqual(
      [people.secretariat.userId, people.peru.userId, people.oas.userId].sort(),
    );
    const [peruMail] = await mailsTo(people.peru.email, made.value.title);
    expect(peruMail.subject).toBe('[Minka] Invitación a videoconferencia: Judicial integrity, first call');
    expect(peruMail.body).toContain('2027-01-05 16:00 Madrid (UTC+1)');
    expect(peruMail.body).toContain('2027-01-05 10:00 Lima (UTC−5)');
    expect(peruMail.body).toContain(`https://minka.example.org/meetings/${made.value.id}/invite.ics`);
    const inApp = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, people.oas.userId), eq(notifications.kind, 'videoconference.scheduled')));
    expect(inApp).toHaveLength(1);
    expect(await mailsTo(people.chile.email, made.value.title)).toEqual([]);
    const peruView = await services.videoconferences.get(people.peru, made.value.id);
    expect(peruView).toMatchObject({
      ok: true,
      value: {
        meeting: { viewerTime: '2027-01-05 16:00 Madrid (UTC+1)', organizerTime: '2027-01-05 10:00 Lima (UTC−5)' },
        participant: true,
        manage: false,
      },
    });
  });

  it('refuses a start the zone skips (2027-03-14 02:30 in New York), in the reader’s language; a repeated hour is kept', async () => {
    const skipped = { start: '2027-03-14T02:30', timeZone: 'America/New_York' };
    expect(await schedule(people.secretariat, skipped)).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: {
        start: ['That time does not exist in America/New_York: the clocks move forward then. Choose another time.'],
      },
    });
    const spanish = localizeServices(services, createLocalizer(servicesEs));
    expect(
      await spanish.videoconferences.schedule(people.secretariat, roomId, {
        title: 'Judicial integrity, skipped hour',
        durationMinutes: 60,
        ...skipped,
      }),
    ).toMatchObject({
      fieldErrors: {
        start: ['Esa hora no existe en America/New_York: ese día se adelantan los relojes. Elija otra hora.'],
      },
    });
    const repeated = await schedule(people.secretariat, { start: '2027-11-07T01:30', timeZone: 'America/New_York' });
    if (!repeated.ok) throw new Error(repeated.message);
    expect(repeated.value.startsAt).toBe('2027-11-07T05:30:00.000Z');
    const moved = await services.videoconferences.reschedule(people.secretariat, repeated.value.id, {
      ...skipped,
      durationMinutes: 60,
    });
    expect(moved).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { start: [expect.stringContaining('does not exist')] },
    });
    await services.videoconferences.cancel(people.secretariat, repeated.value.id);
  });

  it('refuses others: a participant who is not a moderator, an outsider, a bad zone, a start in the past', async () => {
    expect(await schedule(people.peru)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await schedule(people.chile)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await schedule(people.secretariat, { timeZone: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { timeZone: ['Use an IANA time zone such as America/Lima.'] },
    });
    expect(await schedule(people.secretariat, { start: '2027-01-03T10:00' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { start: ['The meeting must start in the future.'] },
    });
    expect(await schedule(people.secretariat, { durationMinutes: 2 })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { durationMinutes: ['A meeting lasts at least 5 minutes.'] },
    });
  });

  it('a room moderator schedules, with someone left out (who gets nothing and cannot open it)', async () => {
    await handle.db
      .update(roundtableMembers)
      .set({ role: 'moderator' })
      .where(and(eq(roundtableMembers.roundtableId, roomId), eq(roundtableMembers.userId, people.oas.userId)));
    const made = await schedule(people.oas, { title: 'Moderator’s call', leaveOutUserIds: [people.peru.userId] });
    await handle.db
      .update(roundtableMembers)
      .set({ role: 'participant' })
      .where(and(eq(roundtableMembers.roundtableId, roomId), eq(roundtableMembers.userId, people.oas.userId)));
    if (!made.ok) throw new Error(made.message);
    expect(await mailsTo(people.peru.email, 'Moderator’s call')).toEqual([]);
    expect(await services.videoconferences.get(people.peru, made.value.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect((await services.videoconferences.mine(people.peru)).upcoming.map((m) => m.title)).not.toContain(
      'Moderator’s call',
    );
  });

  it('reschedule bumps the calendar SEQUENCE under the same UID; cancel sends METHOD:CANCEL and keeps the meeting in history', async () => {
    const made = await schedule(people.secretariat, { title: 'To be moved' });
    if (!made.ok) throw new Error(made.message);
    expect(
      await services.videoconferences.reschedule(people.peru, made.value.id, {
        start: '2027-01-06T10:00',
        timeZone: 'America/Lima',
        durationMinutes: 45,
      }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    const moved = await services.videoconferences.reschedule(people.secretariat, made.value.id, {
      start: '2027-01-06T09:00',
      timeZone: 'America/Bogota',
      durationMinutes: 45,
    });
    expect(moved).toMatchObject({
      ok: true,
      value: { sequence: 1, startsAt: '2027-01-06T14:00:00.000Z', organizerTime: '2027-01-06 09:00 Bogota (UTC−5)' },
    });
    expect(await mailsTo(people.oas.email, 'Videoconference moved: To be moved')).toHaveLength(1);
    const ics = await services.videoconferences.invitationIcs(people.oas, made.value.id);
    if (!ics.ok) throw new Error(ics.message);
    expect(ics.value.ics).toMatch(/METHOD:REQUEST/);
    expect(ics.value.ics).toContain(`UID:${made.value.id}@minka`);
    expect(ics.value.ics).toMatch(/SEQUENCE:1\r?\n/);
    expect(ics.value.ics).toMatch(/DTSTART:20270106T140000Z/);
    expect(ics.value.ics).toContain('X-WR-TIMEZONE:America/Bogota');
    expect(ics.value.ics).toContain(`https://minka.example.org/meetings/${made.value.id}`);
    expect(await services.videoconferences.invitationIcs(people.chile, made.value.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });

    expect(await services.videoconferences.cancel(people.secretariat, made.value.id)).toMatchObject({
      ok: true,
      value: { status: 'cancelled', sequence: 2 },
    });
    const cancelled = await services.videoconferences.invitationIcs(people.oas, made.value.id);
    if (!cancelled.ok) throw new Error(cancelled.message);
    expect(cancelled.value.ics).toMatch(/METHOD:CANCEL/);
    expect(cancelled.value.ics).toMatch(/STATUS:CANCELLED/);
    expect(cancelled.value.ics).toMatch(/SEQUENCE:2\r?\n/);
    expect(await mailsTo(people.peru.email, 'To be moved')).toHaveLength(3); // invitation, move, cancellation
    expect(await services.videoconferences.cancel(people.secretariat, made.value.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(
      await services.videoconferences.reschedule(people.secretariat, made.value.id, {
        start: '2027-01-07T10:00',
        timeZone: 'America/Lima',
        durationMinutes: 30,
      }),
    ).toMatchObject({ ok: false, kind: 'conflict' });
    const room = await services.videoconferences.forRoom(people.oas, roomId);
    if (!room.ok) throw new Error(room.message);
    expect(room.value.meetings.find((m) => m.id === made.value.id)).toMatchObject({ status: 'cancelled' });
    expect(room.value.next?.id).not.toBe(made.value.id);
    const audit = await handle.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, made.value.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'videoconference.cancelled',
      'videoconference.rescheduled',
      'videoconference.scheduled',
    ]);
  });
});

describe('reminders', () => {
  it('24 h and 15 min before, once per person even with two instances running the same tick; a move reminds again', async () => {
    const made = await schedule(people.secretariat, { title: 'Reminded call', start: '2027-01-06T10:00' }); // 15:00Z on the 6th
    if (!made.ok) throw new Error(made.message);
    const other = createVideoconferencesService({
      db: handle.db,
      now,
      publicUrl: 'https://minka.example.org',
      livekit: null,
    });
    clock = new Date('2027-01-05T15:30:00Z'); // 23.5 h before
    const [a, b] = await Promise.all([services.videoconferences.sendDueReminders(), other.sendDueReminders()]);
    const tomorrow = await mailsTo(people.oas.email, 'Tomorrow: Reminded call');
    expect(tomorrow).toHaveLength(1);
    expect(tomorrow[0].body).toContain('2027-01-06 10:00 Lima (UTC−5)');
    expect(await mailsTo(people.peru.email, 'Reminded call')).toHaveLength(2); // invitation + one reminder
    expect(a + b).toBeGreaterThanOrEqual(3);
    expect(await services.videoconferences.sendDueReminders()).toBe(0);
    clock = new Date('2027-01-06T14:50:00Z');
    await Promise.all([services.videoconferences.sendDueReminders(), other.sendDueReminders()]);
    expect(await mailsTo(people.oas.email, 'In 15 minutes: Reminded call')).toHaveLength(1);
    expect(
      await handle.db
        .select()
        .from(notifications)
        .where(
          and(eq(notifications.userId, people.oas.userId), eq(notifications.kind, 'videoconference.reminder_15m')),
        ),
    ).toHaveLength(1);
  });

  it('two instances on PostgreSQL (separate pools) send each reminder once', async () => {
    const shared = await createSharedPostgresDatabase(2);
    if (!shared) return; // PGlite is one process: the race above is the in-process version
    try {
      const [db1, db2] = shared.handles.map((h) => h.db);
      await loadReferenceData(db1);
      const pe = (await db1.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, 'PE')))[0]
        .id;
      const sec = (
        await db1
          .select({ id: organizations.id })
          .from(organizations)
          .where(eq(organizations.code, 'SUMMITS-SECRETARIAT'))
      )[0].id;
      const s1 = createServices({ db: db1, now });
      const secretariat = await createActor(db1, 'secretariat', 'secretariat_staff', sec);
      const peru = await createActor(db1, 'state', 'national_coordinator', pe);
      const room = await s1.roundtables.create(secretariat, {
        title: 'Shared room for the race',
        kind: 'working_roundtable',
        organizationIds: [pe],
      });
      if (!room.ok) throw new Error(room.message);
      const made = await s1.videoconferences.schedule(secretariat, room.value.id, {
        title: 'Raced call',
        start: '2027-01-06T10:00',
        timeZone: 'America/Lima',
        durationMinutes: 30,
      });
      if (!made.ok) throw new Error(made.message);
      clock = new Date('2027-01-05T15:30:00Z');
      const instances = [db1, db2, db1, db2].map((db) =>
        createVideoconferencesService({ db, now, publicUrl: 'https://minka.example.org', livekit: null }),
      );
      const counts = await Promise.all(instances.map((i) => i.sendDueReminders()));
      expect(counts.reduce((x, y) => x + y, 0)).toBe(2);
      expect(
        await db1
          .select()
          .from(mailOutbox)
          .where(and(eq(mailOutbox.toAddress, peru.email), like(mailOutbox.subject, '%Tomorrow: Raced call%'))),
      ).toHaveLength(1);
    } finally {
      await shared.close();
    }
  });
});

describe('joining through LiveKit', () => {
  it('without LiveKit configured the join says so; nothing crashes', async () => {
    const made = await schedule(people.secretariat, { title: 'No video here' });
    if (!made.ok) throw new Error(made.message);
    clock = new Date('2027-01-05T14:55:00Z');
    expect(await services.videoconferences.join(people.peru, made.value.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'The video service is not configured on this Minka server. Ask the Secretariat.',
    });
  });

  it('only participants, only around the meeting’s time; the token is for that room, identity = user, admin for moderators; the room is created with its options', async () => {
    const made = await schedule(people.secretariat, { title: 'Video call' });
    if (!made.ok) throw new Error(made.message);
    const [row] = await handle.db.select().from(meetings).where(eq(meetings.id, made.value.id));
    expect(await withVideo.join(people.peru, made.value.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'You can join from 15 minutes before the start.',
    });
    clock = new Date('2027-01-05T14:50:00Z');
    expect(await withVideo.join(people.chile, made.value.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    const joined = await withVideo.join(people.peru, made.value.id);
    if (!joined.ok) throw new Error(joined.message);
    expect(joined.value).toMatchObject({ url: LK.url, room: row.livekitRoom, moderator: false });
    const claims = (await new TokenVerifier(LK.apiKey, LK.apiSecret).verify(joined.value.token)) as {
      sub: string;
      name: string;
      exp: number;
      video: Record<string, unknown>;
    };
    expect(claims.sub).toBe(people.peru.userId);
    expect(claims.name).toContain(people.peru.displayName);
    expect(claims.video).toMatchObject({ roomJoin: true, room: row.livekitRoom, canPublish: true, canSubscribe: true });
    expect(claims.video.roomAdmin).toBeFalsy();
    // Lifetime bounded by the meeting window: until 30 min after the end (16:30Z), not LiveKit's default 6 h.
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(100 * 60 + 5);
    const create = mock.calls.find((c) => c.method === 'CreateRoom' && c.body.name === row.livekitRoom);
    expect(create?.body).toMatchObject({ name: row.livekitRoom, emptyTimeout: 600, maxParticipants: 100 });
    expect(JSON.parse(String(create?.body.metadata))).toEqual({ meetingId: made.value.id, title: 'Video call' });
    const admin = await withVideo.join(people.secretariat, made.value.id);
    if (!admin.ok) throw new Error(admin.message);
    expect(
      (
        (await new TokenVerifier(LK.apiKey, LK.apiSecret).verify(admin.value.token)) as {
          video: Record<string, unknown>;
        }
      ).video.roomAdmin,
    ).toBe(true);
    clock = new Date('2027-01-05T16:31:00Z');
    expect(await withVideo.join(people.peru, made.value.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'This meeting has ended.',
    });
  });

  it('moderators list and remove call participants (participant calls carry roomAdmin for that room); others cannot', async () => {
    const made = await schedule(people.secretariat, { title: 'Moderated call' });
    if (!made.ok) throw new Error(made.message);
    clock = new Date('2027-01-05T14:50:00Z');
    const [row] = await handle.db.select().from(meetings).where(eq(meetings.id, made.value.id));
    expect((await withVideo.join(people.peru, made.value.id)).ok).toBe(true);
    mock.rooms.get(row.livekitRoom)!.participants.push({ identity: people.peru.userId, name: 'Peru' });
    expect(await withVideo.liveParticipants(people.peru, made.value.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await withVideo.liveParticipants(people.secretariat, made.value.id)).toMatchObject({
      ok: true,
      value: [{ identity: people.peru.userId, name: 'Peru' }],
    });
    expect(await withVideo.removeFromCall(people.secretariat, made.value.id, people.peru.userId)).toMatchObject({
      ok: true,
    });
    expect(await withVideo.removeFromCall(people.secretariat, made.value.id, people.peru.userId)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    const list = mock.calls.filter((c) => c.method === 'ListParticipants');
    expect(list.at(-1)?.grants.video).toMatchObject({ roomAdmin: true, room: row.livekitRoom });
  });
});

describe('webhooks and attendance', () => {
  it('signed events move the status and build attendance per person; a repeated event is applied once', async () => {
    const made = await schedule(people.secretariat, { title: 'Attended call' });
    if (!made.ok) throw new Error(made.message);
    const [row] = await handle.db.select().from(meetings).where(eq(meetings.id, made.value.id));
    const t0 = Date.UTC(2027, 0, 5, 15, 0) / 1000;
    const send = async (body: string) => withVideo.receiveWebhook(body, await signedWebhook(body));
    expect(await send(webhookBody('EV_1', 'room_started', row.livekitRoom, {}, t0))).toMatchObject({
      ok: true,
      value: { applied: true },
    });
    const joined = webhookBody(
      'EV_2',
      'participant_joined',
      row.livekitRoom,
      { participant: { identity: people.peru.userId, name: 'Peru' } },
      t0 + 60,
    );
    expect(await send(joined)).toMatchObject({ ok: true, value: { applied: true } });
    expect(await send(joined)).toMatchObject({ ok: true, value: { applied: false } });
    expect(
      await send(
        webhookBody(
          'EV_3',
          'participant_left',
          row.livekitRoom,
          { participant: { identity: people.peru.userId } },
          t0 + 41 * 60,
        ),
      ),
    ).toMatchObject({ ok: true });
    expect(await send(webhookBody('EV_4', 'room_finished', row.livekitRoom, {}, t0 + 50 * 60))).toMatchObject({
      ok: true,
    });
    const page = await services.videoconferences.get(people.secretariat, made.value.id);
    if (!page.ok) throw new Error(page.message);
    expect(page.value.meeting.status).toBe('ended');
    expect(page.value.attendance).toEqual([
      expect.objectContaining({
        userId: people.peru.userId,
        minutes: 40,
        source: 'webhook',
        from: '2027-01-05T15:01:00.000Z',
        to: '2027-01-05T15:41:00.000Z',
      }),
    ]);
    const peruPage = await services.videoconferences.get(people.peru, made.value.id);
    expect(peruPage).toMatchObject({ ok: true, value: { attendance: null } });
    const csv = await services.videoconferences.attendanceCsv(people.secretariat, made.value.id);
    if (!csv.ok) throw new Error(csv.message);
    expect(csv.value.csv.split('\r\n')[0]).toBe('person,organization,from_utc,to_utc,minutes,recorded');
    expect(csv.value.csv).toContain(
      `"${people.peru.displayName}","Peru","2027-01-05T15:01:00.000Z","2027-01-05T15:41:00.000Z","40","webhook"`,
    );
    expect(await services.videoconferences.attendanceCsv(people.peru, made.value.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
  });

  it('a tampered body, a missing or expired signature, or another secret: refused, nothing changes', async () => {
    const made = await schedule(people.secretariat, { title: 'Guarded call' });
    if (!made.ok) throw new Error(made.message);
    const [row] = await handle.db.select().from(meetings).where(eq(meetings.id, made.value.id));
    const body = webhookBody('EV_T1', 'room_started', row.livekitRoom);
    const auth = await signedWebhook(body);
    expect(await withVideo.receiveWebhook(body.replace('room_started', 'room_finished'), auth)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await withVideo.receiveWebhook(body, undefined)).toMatchObject({ ok: false, kind: 'forbidden' });
    const expired = await new SignJWT({ sha256: b64sha(body), video: {} })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(LK.apiKey)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(LK.apiSecret));
    expect(await withVideo.receiveWebhook(body, expired)).toMatchObject({ ok: false, kind: 'forbidden' });
    const otherSecret = new AccessToken(LK.apiKey, 'another-secret-entirely-of-enough-length', { ttl: 300 });
    otherSecret.sha256 = b64sha(body);
    expect(await withVideo.receiveWebhook(body, await otherSecret.toJwt())).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    const [after] = await handle.db.select().from(meetings).where(eq(meetings.id, made.value.id));
    expect(after.status).toBe('scheduled');
    // The genuine one still applies (its id was not burnt by the refused copies).
    expect(await withVideo.receiveWebhook(body, auth)).toMatchObject({ ok: true, value: { applied: true } });
  });

  it('the Secretariat marks attendance by hand; a moderator who is not the Secretariat, or a participant, cannot', async () => {
    const made = await schedule(people.secretariat, { title: 'Held elsewhere' });
    if (!made.ok) throw new Error(made.message);
    expect(await services.videoconferences.markAttendance(people.peru, made.value.id, people.oas.userId)).toMatchObject(
      { ok: false, kind: 'forbidden' },
    );
    expect(
      await services.videoconferences.markAttendance(people.secretariat, made.value.id, people.chile.userId),
    ).toMatchObject({ ok: false, kind: 'invalid' });
    expect(
      await services.videoconferences.markAttendance(people.secretariat, made.value.id, people.oas.userId),
    ).toMatchObject({ ok: true });
    const page = await services.videoconferences.get(people.secretariat, made.value.id);
    expect(page).toMatchObject({
      ok: true,
      value: { attendance: [{ userId: people.oas.userId, minutes: 60, source: 'manual' }] },
    });
  });
});

describe('attendance in the roundtable’s Markdown transcript (for the minutes)', () => {
  it('each meeting held, per person and organization (from, to, minutes) for the managers, in English and Spanish; members see the meetings without it; outsiders nothing', async () => {
    clock = new Date('2027-01-07T12:00:00Z');
    const en = await services.videoconferences.transcriptSection(people.secretariat, roomId, 'en');
    if (!en.ok) throw new Error(en.message);
    expect(en.value).toContain('## Videoconferences');
    expect(en.value).toContain('### Attended call');
    expect(en.value).toContain('- When: 2027-01-05 10:00 Lima (UTC−5), 60 minutes');
    expect(en.value).toContain('| Person | Organization | From UTC | To UTC | Minutes | Recorded |');
    expect(en.value).toContain(
      `| ${transcriptInline(people.peru.displayName)} | Peru | 2027-01-05 15:01 | 2027-01-05 15:41 | 40 | from the call |`,
    );
    // Held elsewhere: marked by hand for the whole hour.
    expect(en.value).toMatch(
      /### Held elsewhere[^#]*\| Organization of American States \| 2027-01-05 15:00 \| 2027-01-05 16:00 \| 60 \| by hand \|/,
    );
    // A cancelled meeting is not in the minutes.
    expect(en.value).not.toContain('To be moved');

    const es = await services.videoconferences.transcriptSection(people.secretariat, roomId, 'es');
    if (!es.ok) throw new Error(es.message);
    expect(es.value).toContain('## Videoconferencias');
    expect(es.value).toContain('- Estado: celebrada');
    expect(es.value).toContain(`| ${transcriptInline(people.peru.displayName)} | Perú | 2027-01-05 15:01 |`);

    const member = await services.videoconferences.transcriptSection(people.peru, roomId, 'en');
    if (!member.ok) throw new Error(member.message);
    expect(member.value).toContain('### Attended call');
    expect(member.value).toContain('(The attendance is in the transcript of the Secretariat and the moderators.)');
    expect(member.value).not.toContain('| Person |');

    expect(await services.videoconferences.transcriptSection(people.chile, roomId, 'en')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
  });

  it('nothing is added before any meeting is held', async () => {
    const other = await services.roundtables.create(people.secretariat, {
      title: 'A quiet room',
      kind: 'working_roundtable',
      organizationIds: [await orgId('PE')],
    });
    if (!other.ok) throw new Error(other.message);
    expect(await services.videoconferences.transcriptSection(people.secretariat, other.value.id, 'en')).toEqual({
      ok: true,
      value: '',
    });
  });
});

describe('the private calendar feed', () => {
  it('lists the owner’s meetings behind a secret address; a new address or a revocation ends the old one', async () => {
    const first = await services.videoconferences.createFeedToken(people.oas);
    const feed = await services.videoconferences.feed(first.token);
    if (!feed.ok) throw new Error(feed.message);
    expect(feed.value).toContain('BEGIN:VCALENDAR');
    expect(feed.value).toContain('SUMMARY:Judicial integrity\\, first call');
    expect(feed.value).not.toContain('Moderator’s call'.replace('’', '')); // sanity: titles are escaped, not dropped
    const second = await services.videoconferences.createFeedToken(people.oas);
    expect(await services.videoconferences.feed(first.token)).toMatchObject({ ok: false, kind: 'not_found' });
    expect((await services.videoconferences.feed(second.token)).ok).toBe(true);
    expect(await services.videoconferences.feedStatus(people.oas)).toMatchObject({ active: true });
    await services.videoconferences.revokeFeedToken(people.oas);
    expect(await services.videoconferences.feed(second.token)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await services.videoconferences.feed('not-a-token')).toMatchObject({ ok: false, kind: 'not_found' });
    // Chile's feed holds nothing of the room it is not in.
    const chile = await services.videoconferences.createFeedToken(people.chile);
    const chileFeed = await services.videoconferences.feed(chile.token);
    expect(chileFeed.ok && chileFeed.value).not.toContain('Judicial integrity');
  });
});

describe('demo meetings', () => {
  it('one meeting ahead and one held with attendance on the demo room, once, notifying nobody', async () => {
    const demo = await services.roundtables.create(people.secretariat, {
      title: '(Demo) Training for judges on judicial independence standards',
      kind: 'working_roundtable',
      organizationIds: [await orgId('PE'), await orgId('OAS')],
    });
    if (!demo.ok) throw new Error(demo.message);
    const mailsBefore = (await handle.db.select().from(mailOutbox)).length;
    expect(await seedDemoMeetings(handle.db, clock)).toBe(2);
    expect(await seedDemoMeetings(handle.db, clock)).toBe(0);
    expect((await handle.db.select().from(mailOutbox)).length).toBe(mailsBefore);
    const room = await services.videoconferences.forRoom(people.oas, demo.value.id);
    if (!room.ok) throw new Error(room.message);
    expect(room.value.next).toMatchObject({
      title: '(Demo) Training plan: second videoconference',
      startsAt: '2027-01-11T15:00:00.000Z',
      organizerTime: '2027-01-11 10:00 Lima (UTC−5)',
    });
    const held = room.value.meetings.find((m) => m.status === 'ended');
    if (!held) throw new Error('no past meeting');
    const page = await services.videoconferences.get(people.secretariat, held.id);
    if (!page.ok) throw new Error(page.message);
    expect(page.value.attendance?.map((a) => a.organization).sort()).toEqual([
      'Organization of American States',
      'Peru',
      'Summits of the Americas Secretariat',
    ]);
    expect((await services.videoconferences.mine(people.peru)).past.map((m) => m.title)).toContain(
      '(Demo) Training plan: first videoconference',
    );
  });
});
