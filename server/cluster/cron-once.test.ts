import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq, isNull } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { mailOutbox, organizations, sessions } from '../../db/schema';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices } from '../../services/index.server';
import { createMailer } from '../../services/notifications/mailer.server';
import { createSharedPostgresDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';

// Every node of a cluster runs the same node-cron jobs (server/index.ts). Those that claim work must do it once across
// nodes. Publication, videoconference reminders, review rounds and digests have their two-instance tests on PostgreSQL
// beside their services (services/registration/publication-instances.test.ts,
// services/videoconferences/videoconferences.test.ts, services/practices/rounds-instances.test.ts); here are the mail
// outbox, the sessions cleanup, the nightly matching recompute and the daily room digest (the videoconference room
// sync is in room-sync-once.test.ts): two nodes (separate connection pools on one PostgreSQL database) run the job at
// the same moment. Needs DATABASE_URL (in-memory PGlite belongs to one process and cannot show it).
const postgresRun = inject('postgresTemplate') !== null;

describe.skipIf(!postgresRun)('the mail-outbox job across two nodes on PostgreSQL', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
  let server: SMTPServer;
  let port: number;
  const received: string[] = [];
  let refuse: string | null = null;

  beforeAll(async () => {
    shared = (await createSharedPostgresDatabase(2))!;
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (address.address === refuse) return callback(new Error('550 mailbox unavailable'));
        callback();
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await shared?.close();
  });

  it('sends each queued e-mail once when both nodes flush together, and a refused one is neither lost nor resent', async () => {
    const [first, second] = shared.handles;
    const addresses = Array.from({ length: 40 }, (_, i) => `person${i}@example.org`);
    refuse = addresses[7];
    await first.db
      .insert(mailOutbox)
      .values(addresses.map((to, i) => ({ toAddress: to, subject: `[Minka] Notice ${i}`, body: `Open: /n/${i}` })));
    const mailers = [first, second].map((h) =>
      createMailer({
        db: h.db,
        smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
        from: 'Minka <no-reply@minka.example>',
        publicUrl: 'http://localhost:3100',
      }),
    );
    try {
      // The same minute's tick on both nodes, then the next ones (a small batch limit, so the runs interleave).
      const runs = [];
      for (let tick = 0; tick < 4; tick++)
        runs.push(...(await Promise.all([mailers[0].flush(10), mailers[1].flush(10), mailers[0].flush(10)])));
      const sent = runs.reduce((a, r) => a + r.sent, 0);
      const failed = runs.reduce((a, r) => a + r.failed, 0);
      expect(failed).toBe(1);
      expect(sent).toBe(39);
      expect([...received].sort()).toEqual(addresses.filter((a) => a !== refuse).sort());
      expect(new Set(received).size).toBe(received.length);
      // Nothing is left waiting, and the refused one keeps its error for the Secretariat's outbox page.
      const unsent = await second.db.select().from(mailOutbox).where(isNull(mailOutbox.sentAt));
      expect(unsent.map((m) => m.toAddress)).toEqual([refuse]);
      expect(unsent[0].error).toMatch(/550/);
      expect(await Promise.all(mailers.map((m) => m.flush()))).toEqual([
        { sent: 0, failed: 0 },
        { sent: 0, failed: 0 },
      ]);
    } finally {
      mailers.forEach((m) => m.close());
    }
  });
});

async function orgId(db: DatabaseHandle['db'], code: string) {
  return (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
}

describe.skipIf(!postgresRun)('the sessions cleanup across two nodes on PostgreSQL', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
  beforeAll(async () => {
    shared = (await createSharedPostgresDatabase(2))!;
  });
  afterAll(() => shared?.close());

  it('deletes each expired session once when both nodes run it together, and keeps every live one', async () => {
    const [first, second] = shared.handles;
    const clock = new Date('2027-03-01T03:17:00Z');
    const person = await createActor(first.db, 'state', 'delegate');
    const row = (expiresAt: Date) => ({
      id: randomBytes(16).toString('hex'),
      secretHash: randomBytes(32).toString('hex'),
      userId: person.userId,
      expiresAt,
    });
    const expired = Array.from({ length: 60 }, (_, i) => row(new Date(clock.getTime() - (i + 1) * 60_000)));
    const live = Array.from({ length: 15 }, (_, i) => row(new Date(clock.getTime() + (i + 1) * 60_000)));
    await first.db.insert(sessions).values([...expired, ...live]);
    const nodes = [first, second, first, second].map((h) => createServices({ db: h.db, now: () => clock }));
    const deleted = await Promise.all(nodes.map((n) => n.accounts.deleteExpiredSessions()));
    expect(deleted.reduce((a, b) => a + b, 0)).toBe(expired.length);
    const left = await second.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, person.userId));
    expect(left.map((s) => s.id).sort()).toEqual(live.map((s) => s.id).sort());
    // The next night's run on either node finds nothing more to do.
    expect(await Promise.all(nodes.slice(0, 2).map((n) => n.accounts.deleteExpiredSessions()))).toEqual([0, 0]);
  });
});

describe.skipIf(!postgresRun)('the nightly matching recompute across two nodes on PostgreSQL', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
  beforeAll(async () => {
    shared = (await createSharedPostgresDatabase(2))!;
    await loadReferenceData(shared.handles[0].db);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    return shared?.close();
  });

  // The engine is each node's own memory (README, "Running several nodes"): the recompute must run on every node, so
  // it takes no claim; what must hold is that two nodes running it together write nothing and agree.
  it('writes nothing to the shared database when both nodes recompute together, and both rank alike afterwards', async () => {
    const [first, second] = shared.handles;
    const db = first.db;
    const secretariat = await createActor(
      db,
      'secretariat',
      'secretariat_staff',
      await orgId(db, 'SUMMITS-SECRETARIAT'),
    );
    const peru = await createActor(db, 'state', 'national_coordinator', await orgId(db, 'PE'));
    const oas = await createActor(db, 'jswg', 'jswg_focal_point', await orgId(db, 'OAS'));
    const nodes = [first, second].map((h) => createServices({ db: h.db }));
    const request = await nodes[0].requests.create(
      peru,
      {
        title: 'Whistleblower protection law',
        description:
          'Peru needs legislative assistance to draft a law protecting whistleblowers who report corruption in procurement.',
        mandates: [1],
        types: ['legislative'],
        languages: ['es'],
        modality: 'either',
      },
      { publish: true },
    );
    if (!request.ok) throw new Error(request.message);
    const offer = await nodes[1].offers.create(
      oas,
      {
        title: 'Legislative drafting support on whistleblower protection',
        description:
          'The OAS offers legislative drafting support and model laws on the protection of whistleblowers and reporting persons.',
        mandates: [1],
        types: ['legislative', 'capacity_building'],
        languages: ['es', 'en'],
        modality: 'virtual',
        capacity: 2,
      },
      { publish: true },
    );
    if (!offer.ok) throw new Error(offer.message);
    await Promise.all(nodes.map((n) => n.matching.settled()));

    const writes = [first, second].flatMap((h) =>
      (['insert', 'update', 'delete', 'execute', 'transaction'] as const).map((method) => vi.spyOn(h.db, method)),
    );
    await Promise.all([nodes[0].matching.recomputeAll(), nodes[1].matching.recomputeAll()]);
    for (const spy of writes) expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();

    const rankings = await Promise.all(nodes.map((n) => n.matching.rankingFor(secretariat, request.value.id)));
    const offersRanked = rankings.map((r) => {
      if (!r.ok) throw new Error(r.message);
      return r.value.map((c) => [c.offerId, c.score]);
    });
    expect(offersRanked[0].map(([id]) => id)).toContain(offer.value.id);
    expect(offersRanked[1]).toEqual(offersRanked[0]);
  });
});

describe.skipIf(!postgresRun)('the daily room digest across two nodes on PostgreSQL', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
  beforeAll(async () => {
    shared = (await createSharedPostgresDatabase(2))!;
    await loadReferenceData(shared.handles[0].db);
  });
  afterAll(() => shared?.close());

  it('e-mails each person one digest of the day when both nodes run the noon job together', async () => {
    const [first, second] = shared.handles;
    const db = first.db;
    const clock = new Date('2027-03-01T12:00:00Z');
    const secretariat = await createActor(
      db,
      'secretariat',
      'secretariat_staff',
      await orgId(db, 'SUMMITS-SECRETARIAT'),
    );
    const readers = [
      await createActor(db, 'state', 'national_coordinator', await orgId(db, 'PE')),
      await createActor(db, 'state', 'delegate', await orgId(db, 'PE')),
    ];
    const oas = await createActor(db, 'jswg', 'jswg_focal_point', await orgId(db, 'OAS'));
    const nodes = [first, second, first, second].map((h) => createServices({ db: h.db, now: () => clock }));
    const room = await nodes[0].roundtables.create(secretariat, {
      title: 'Digest race room',
      kind: 'technical_meeting',
      organizationIds: [await orgId(db, 'PE'), await orgId(db, 'OAS')],
    });
    if (!room.ok) throw new Error(room.message);
    const sent = await nodes[1].roundtables.send(oas, room.value.id, {
      clientId: 'digest-race-1',
      body: 'Agenda ready.',
    });
    if (!sent.ok) throw new Error(sent.message);
    await db.delete(mailOutbox);

    const counts = await Promise.all(nodes.map((n) => n.roundtables.sendDailyDigests()));
    const mails = await second.db.select().from(mailOutbox);
    const perAddress = new Map<string, number>();
    for (const m of mails) perAddress.set(m.toAddress, (perAddress.get(m.toAddress) ?? 0) + 1);
    for (const reader of readers) expect(perAddress.get(reader.email), reader.email).toBe(1);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    expect(perAddress.has(oas.email)).toBe(false); // her own message
    expect(counts.reduce((a, b) => a + b, 0)).toBe(mails.length);
    // The same day again, on either node: nothing more.
    expect(await Promise.all(nodes.slice(0, 2).map((n) => n.roundtables.sendDailyDigests()))).toEqual([0, 0]);
  });
});
