import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database, DatabaseHandle } from '../../db/client';
import { auditLog, organizations, practices, reviewRounds } from '../../db/schema';
import { createSharedPostgresDatabase, createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createPracticesService, type PracticesService } from './practices.server';

/*
 * Review rounds close from a node-cron job (`practice-rounds`, server/index.ts) that runs in every server instance at
 * the same minute, and from every read of the practices service. The conditional update is the claim: whichever
 * instances run, a round is closed once (one audit row), and its entries all move to `reviewed` with it.
 * Two service instances share one database: on embedded PGlite (always) and, with DATABASE_URL, on PostgreSQL through
 * two connection pools as two server processes have.
 */

const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

const form = (title: string) => ({
  title,
  summary: 'A registry of beneficial owners open to the public.',
  situation: 'Companies could hide their owners.',
  action: 'A public registry with checks against the tax registry.',
  results: 'Most companies filed within a year.',
  lessons: 'Start with companies bidding for public contracts.',
  transfer: 'Needs a digital company registry.',
  contactName: 'Registry office',
  contactEmail: 'registry@example.test',
  commitment: 'lima-2018',
  mandates: ['30'],
  languages: ['en'],
});

async function scenario(first: Database, second: Database) {
  let clock = new Date('2027-03-01T12:00:00Z');
  const now = () => clock;
  const instances: [PracticesService, PracticesService] = [
    createPracticesService({ db: first, now }),
    createPracticesService({ db: second, now }),
  ];
  const orgId = async (code: string) =>
    (await first.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  const secretariat: Actor = await createActor(
    first,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  const peru: Actor = await createActor(first, 'state', 'national_coordinator', await orgId('PE'));
  const ids: string[] = [];
  for (const title of ['Beneficial ownership registry', 'Open contracting portal']) {
    const row = must(await instances[0].create(peru, form(title)));
    must(await instances[1].submit(peru, row.id));
    ids.push(row.id);
  }
  const round = must(await instances[0].openRound(secretariat, { name: 'Two-instance round', practiceIds: ids }));
  return {
    instances,
    roundId: round.id,
    ids,
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
  };
}

async function closedAudits(db: Database, roundId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'practice_round.closed'), eq(auditLog.subjectId, roundId)));
}

describe('review rounds close once across two service instances (embedded PGlite)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await loadReferenceData(handle.db);
  });
  afterAll(async () => handle?.close());

  it('does nothing before the closing date, then exactly one instance closes the round and all its entries', async () => {
    const { instances, roundId, ids, advance } = await scenario(handle.db, handle.db);
    expect(await Promise.all(instances.map((s) => s.closeDueRounds()))).toEqual([0, 0]);
    advance(14 * 24 * 3600 * 1000 - 60_000); // a minute before the two weeks end: still open
    expect(await Promise.all(instances.map((s) => s.closeDueRounds()))).toEqual([0, 0]);
    expect((await handle.db.select().from(reviewRounds).where(eq(reviewRounds.id, roundId)))[0].status).toBe('open');
    advance(60_000);
    const closed = await Promise.all([...instances, ...instances].map((s) => s.closeDueRounds()));
    expect(closed.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await closedAudits(handle.db, roundId)).toHaveLength(1);
    const rows = await handle.db.select().from(practices).where(eq(practices.roundId, roundId));
    expect(rows.map((r) => r.status)).toEqual(['reviewed', 'reviewed']);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    // The next minute's runs find nothing to do.
    expect(await Promise.all(instances.map((s) => s.closeDueRounds()))).toEqual([0, 0]);
  });
});

describe.skipIf(inject('postgresTemplate') === null)(
  'review rounds close once across two server instances on PostgreSQL (DATABASE_URL)',
  () => {
    let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
    beforeAll(async () => {
      shared = (await createSharedPostgresDatabase(2))!;
      await loadReferenceData(shared.handles[0].db);
    });
    afterAll(async () => shared?.close());

    it('closes a due round once when both instances run the job at the same moment, several times', async () => {
      const [a, b] = shared.handles;
      const { instances, roundId, advance } = await scenario(a.db, b.db);
      advance(14 * 24 * 3600 * 1000);
      const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => instances[i % 2].closeDueRounds()));
      expect(runs.reduce((x, y) => x + y, 0)).toBe(1);
      expect(await closedAudits(a.db, roundId)).toHaveLength(1);
      const rows = await b.db.select().from(practices).where(eq(practices.roundId, roundId));
      expect(rows.every((r) => r.status === 'reviewed')).toBe(true);
    });
  },
);
