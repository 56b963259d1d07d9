// `npm run bench:videoconferences` (issue 18): in one process, on a fresh database (in-memory PGlite by default,
// BENCH_DATABASE_URL=postgres://… for a new database on that server, dropped at the end):
//   1. join = videoconferences.join as the call page's action calls it, on the service wired as the server wires it
//      (domain events, so its join-facts cache is on: decision 028): the check (invited or manager of the meeting,
//      not removed from its room, the person's role, its window, its status), the LiveKit token for that room and
//      the audit line (queued; the time to write every queued line is counted in the phase), per second, beside
//   2. a bare sign of the same claims (livekit-server-sdk's AccessToken with the same identity, name, ttl and grant),
//      interleaved round by round so both see the same machine load; the goal is join ≥ 0.5× bare sign;
//   3. a signed webhook verified (WebhookReceiver: JWT signature, lifetime, body SHA-256) and applied (the event id
//      recorded, an attendance stretch opened or closed) per second, beside verification alone.
// LiveKit's CreateRoom, which a join also asks for when the room was not made in the last minute (an HTTP round trip
// to the LiveKit server, idempotent), is answered in-process here: this measures Minka's part, not the network.
// Final line: one JSON object.
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import { and, count, eq } from 'drizzle-orm';
import { AccessToken, WebhookReceiver } from 'livekit-server-sdk';
import postgres from 'postgres';
import { createDatabase, type DatabaseHandle } from '../db/client';
import { auditLog, meetings, organizations } from '../db/schema';
import { loadReferenceData } from '../services/catalogue/reference.server';
import { createServices } from '../services/index.server';
import { createLiveKit } from '../services/videoconferences/livekit.server';
import { createVideoconferencesService } from '../services/videoconferences/videoconferences.server';
import { createActor } from '../tests/factories';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const LK = {
  url: 'http://livekit.bench:7880',
  apiKey: 'APIbenchkey',
  apiSecret: 'bench-secret-of-at-least-32-characters',
};

async function freshDatabase(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    const handle = await createDatabase({ migrate: true });
    return { handle, drop: () => handle.close() };
  }
  const name = `minka_bench_vc_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ databaseUrl: url.toString(), migrate: true, maxConnections: 4 });
  return {
    handle,
    drop: async () => {
      await handle.close();
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

/** Runs `op` back to back for `ms` milliseconds; operations per second. */
async function rate(op: (i: number) => Promise<unknown>, ms: number): Promise<number> {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) await op(n++);
  return (n * 1000) / (performance.now() - start);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { handle, drop } = await freshDatabase();
  const { db } = handle;
  await loadReferenceData(db);
  const orgId = async (code: string) =>
    (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  let clock = new Date('2027-01-05T14:50:00Z');
  const now = () => clock;
  const services = createServices({ db, now, publicUrl: 'https://minka.example.org' });
  const secretariat = await createActor(db, 'secretariat', 'secretariat_staff', await orgId('SUMMITS-SECRETARIAT'));
  const peru = await createActor(db, 'state', 'national_coordinator', await orgId('PE'));
  const room = await services.roundtables.create(secretariat, {
    title: 'Bench room',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('OAS')],
  });
  if (!room.ok) throw new Error(room.message);
  clock = new Date('2027-01-04T12:00:00Z');
  const made = await services.videoconferences.schedule(secretariat, room.value.id, {
    title: 'Bench call',
    start: '2027-01-05T10:00',
    timeZone: 'America/Lima',
    durationMinutes: 60,
  });
  if (!made.ok) throw new Error(made.message);
  clock = new Date('2027-01-05T15:05:00Z'); // in the call's window
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, made.value.id));

  const real = createLiveKit(LK);
  const livekit = { ...real, createRoom: async (name: string) => ({ name, sid: 'RM_bench' }) };
  const vc = createVideoconferencesService({
    db,
    now,
    publicUrl: 'https://minka.example.org',
    livekit,
    events: services.events,
  });
  const joinAudits = async () =>
    (
      await db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'videoconference.joined'), eq(auditLog.subjectId, meeting.id)))
    )[0].n;

  // The claims a join mints, signed bare.
  const probe = await vc.join(peru, meeting.id);
  if (!probe.ok) throw new Error(probe.message);
  const ttlSeconds = Math.round((Date.parse(probe.value.expiresAt) - clock.getTime()) / 1000);
  const name = `${peru.displayName} (PE)`;
  const bareSign = async () => {
    const token = new AccessToken(LK.apiKey, LK.apiSecret, { identity: peru.userId, name, ttl: ttlSeconds });
    token.addGrant({
      roomJoin: true,
      room: meeting.livekitRoom,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      roomAdmin: false,
    });
    return token.toJwt();
  };
  let joins = 0;
  const join = async () => {
    const r = await vc.join(peru, meeting.id);
    if (!r.ok) throw new Error(r.message);
    joins += 1;
  };
  /** Joins per second, the phase ending when every audit line it queued is written. */
  const joinRate = async (ms: number) => {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < ms) {
      await join();
      n += 1;
    }
    await vc.flushAudit();
    return (n * 1000) / (performance.now() - start);
  };

  // Webhooks: bodies signed beforehand (the signer is LiveKit's cost, not ours), a person joining and leaving.
  const receiver = new WebhookReceiver(LK.apiKey, LK.apiSecret);
  const webhookCount = 40_000;
  const signed: Array<{ body: string; auth: string }> = [];
  const t0 = Math.floor(clock.getTime() / 1000);
  const prepare = async (from: number, count: number) => {
    signed.length = 0;
    for (let i = from; i < from + count; i += 1) {
      const body = JSON.stringify({
        id: `EV_${i}`,
        event: i % 2 === 0 ? 'participant_joined' : 'participant_left',
        room: { sid: 'RM_bench', name: meeting.livekitRoom },
        participant: { identity: peru.userId, name },
        createdAt: String(t0 + i),
      });
      const token = new AccessToken(LK.apiKey, LK.apiSecret, { ttl: 3600 });
      token.sha256 = createHash('sha256').update(body).digest('base64');
      signed.push({ body, auth: await token.toJwt() });
    }
  };
  await prepare(0, 4000);
  let next = 0;
  const webhook = async () => {
    const w = signed[next++ % signed.length];
    const r = await vc.receiveWebhook(w.body, w.auth);
    if (!r.ok) throw new Error(r.message);
  };
  const verifyOnly = async (i: number) => {
    const w = signed[i % signed.length];
    await receiver.receive(w.body, w.auth);
  };

  // Warm up.
  await joinRate(300);
  await rate(bareSign, 300);
  await rate(verifyOnly, 300);

  const results = { join: [] as number[], sign: [] as number[], webhook: [] as number[], verify: [] as number[] };
  let signedFrom = 4000;
  for (let round = 0; round < rounds; round += 1) {
    const ms = seconds * 1000;
    // Alternate the order each round, so neither always runs first.
    if (round % 2 === 0) {
      results.join.push(await joinRate(ms));
      results.sign.push(await rate(bareSign, ms));
    } else {
      results.sign.push(await rate(bareSign, ms));
      results.join.push(await joinRate(ms));
    }
    results.verify.push(await rate(verifyOnly, ms));
    // Fresh event ids each round: a repeated id is (rightly) applied once and would be cheaper.
    await prepare(signedFrom, Math.min(webhookCount, 4000));
    signedFrom += 4000;
    next = 0;
    results.webhook.push(await rate(webhook, Math.min(ms, 2000)));
    console.log(
      `round ${round + 1}: join ${results.join.at(-1)!.toFixed(0)}/s, bare sign ${results.sign.at(-1)!.toFixed(0)}/s, ` +
        `webhook ${results.webhook.at(-1)!.toFixed(0)}/s, verification alone ${results.verify.at(-1)!.toFixed(0)}/s`,
    );
  }
  if (next >= signed.length) console.log('note: webhook bodies were reused within a round (repeats apply nothing)');
  // Every join (the probe included) left its audit line in the database.
  const audited = await joinAudits();
  if (audited !== joins + 1) throw new Error(`${joins + 1} joins but ${audited} audit lines`);
  await drop();

  const join_per_s = median(results.join);
  const sign_per_s = median(results.sign);
  console.log(
    JSON.stringify({
      bench: 'videoconferences',
      database: process.env.BENCH_DATABASE_URL ? 'postgresql' : 'pglite',
      rounds,
      seconds_per_phase: seconds,
      join_per_s: Math.round(join_per_s),
      bare_sign_per_s: Math.round(sign_per_s),
      join_ratio: Number((join_per_s / sign_per_s).toFixed(3)),
      join_goal: 0.5,
      join_audit_lines_written: audited,
      webhook_verify_and_write_per_s: Math.round(median(results.webhook)),
      webhook_verify_only_per_s: Math.round(median(results.verify)),
      cpus: os.cpus().length,
      loadavg_1m: Number(os.loadavg()[0].toFixed(2)),
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
