import { eq } from 'drizzle-orm';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organizations, publishedAnswers, reportingCycles } from '../../db/schema';
import { createSharedPostgresDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

// Publication runs from a node-cron job in every server instance; the claim in the database must let exactly one
// of them publish. Two instances need one shared server database, so this runs with DATABASE_URL (always in CI):
// in-memory PGlite belongs to a single process and cannot show it.
const postgresRun = inject('postgresTemplate') !== null;

describe.skipIf(!postgresRun)('publication across two server instances on PostgreSQL', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
  let instances: [Services, Services];
  let clock = new Date('2027-02-01T12:00:00Z');
  let cycleId: string;

  beforeAll(async () => {
    shared = (await createSharedPostgresDatabase(2))!;
    const [first, second] = shared.handles;
    await loadReferenceData(first.db);
    const now = () => clock;
    instances = [createServices({ db: first.db, now }), createServices({ db: second.db, now })];
    const orgId = async (code: string) =>
      (await first.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
    const secretariat = await createActor(
      first.db,
      'secretariat',
      'secretariat_admin',
      await orgId('SUMMITS-SECRETARIAT'),
    );
    const peru = await createActor(first.db, 'state', 'national_coordinator', await orgId('PE'));
    const chile = await createActor(first.db, 'state', 'national_coordinator', await orgId('CL'));
    const cycle = await instances[0].registration.createCycle(secretariat, {
      name: '2027 registration',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T00:00:00Z',
      publishesAt: '2027-05-15T00:00:00Z',
      timeZone: 'America/Lima',
    });
    if (!cycle.ok) throw new Error(cycle.message);
    cycleId = cycle.value.id;
    // Each State works through a different instance, as users behind a load balancer would.
    for (const [who, services] of [
      [peru, instances[0]],
      [chile, instances[1]],
    ] as const) {
      expect(
        (
          await services.registration.saveAnswer(who, cycleId, {
            mandate: 2,
            question: 'Q1',
            progress: 'C',
            baseVersion: 0,
          })
        ).ok,
      ).toBe(true);
      expect(
        (
          await services.registration.saveAnswer(who, cycleId, {
            mandate: 2,
            question: 'Q2',
            summary: `Measures of ${who.organizationId}`,
            baseVersion: 0,
          })
        ).ok,
      ).toBe(true);
      expect((await services.registration.submit(who, cycleId)).ok).toBe(true);
    }
  });
  afterAll(() => shared?.close());

  it('publishes once when both instances’ jobs run at the same moment', async () => {
    clock = new Date('2027-05-15T00:01:00Z');
    const [a, b] = instances;
    const runs = await Promise.all([
      a.publication.publishDue(),
      b.publication.publishDue(),
      a.publication.publishCycle(cycleId),
      b.publication.publishCycle(cycleId),
    ]);
    const published = runs.filter((r) => (typeof r === 'number' ? r > 0 : r.ok));
    expect(published).toHaveLength(1);

    const db = shared.handles[1].db;
    expect(await db.select().from(publishedAnswers).where(eq(publishedAnswers.cycleId, cycleId))).toHaveLength(4);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'cycle.published'))).toHaveLength(1);
    const [cycle] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, cycleId));
    expect(cycle.publishedAt).toEqual(clock);

    // A later run of either job finds nothing left to do.
    expect(await Promise.all([a.publication.publishDue(), b.publication.publishDue()])).toEqual([0, 0]);
  });
});
