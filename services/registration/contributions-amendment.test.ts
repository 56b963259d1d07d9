import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor, createOrganization } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

/*
 * A refusal by the Chair does not publish at once: the State has an amendment period (decision 015). An invited
 * civil-society organization reads the State's draft without withheld items, and a refused item is still withheld
 * during that period, exactly as on the public pages.
 */
let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
let cycleId: string;
let requestId: string;
const people = {} as Record<'secretariat' | 'coordinator' | 'cso', Actor>;
const DAY = 24 * 60 * 60 * 1000;
const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.coordinator = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  const csoId = (await createOrganization(handle.db, 'civil_society', 'CSO-AMEND')).id;
  people.cso = await createActor(handle.db, 'civil_society', 'civil_society_member', csoId);
  cycleId = must(
    await services.registration.createCycle(people.secretariat, {
      name: '2027 registration',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T23:59:00Z',
      publishesAt: '2027-05-15T12:00:00Z',
      timeZone: 'America/Lima',
    }),
  ).id;
  must(
    await services.registration.saveAnswer(people.coordinator, cycleId, {
      mandate: 3,
      question: 'Q2',
      summary: 'Pilot in schools',
      full: 'Internal pilot figures.',
      baseVersion: 0,
    }),
  );
  must(await services.contributions.invite(people.coordinator, cycleId, { organizationId: csoId }));
  requestId = must(
    await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
      scope: 'question',
      mandate: 3,
      question: 'Q2',
      letterReference: 'Note 7 to the Chair',
    }),
  ).id;
});
afterAll(() => handle.close());

const draftText = async () =>
  JSON.stringify(must(await services.contributions.draftForContributor(people.cso, cycleId, 'PE')));

it('keeps an item the Chair refused withheld from the invited organization until the amendment period ends', async () => {
  expect(await draftText()).not.toContain('Internal pilot figures'); // pending
  must(
    await services.publication.decide(people.secretariat, requestId, {
      decision: 'refused',
      chairReply: 'Chair’s reply 7',
    }),
  );
  expect(await draftText()).not.toContain('Internal pilot figures'); // refused, period running
  clock = new Date(clock.getTime() + 15 * DAY);
  expect(await draftText()).toContain('Internal pilot figures'); // period over: no longer withheld
});
