import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations, questionnairePublications, reportingCycles } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { DomainEventBus } from '../events';
import { createServices, type Services } from '../index.server';
import { createRegistrationService } from './registration.server';

// Issue 13, item 2: publishing early publishes what is submitted and leaves the window open for the others, whose
// submissions are published as they arrive (or by the cron sweep, at the latest at the closing date).
let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'chile' | 'jamaica' | 'colombia', Actor>;
let cycleId: string;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const save = (who: Actor, input: Record<string, unknown>) =>
  services.registration.saveAnswer(who, cycleId, { baseVersion: 0, ...input });
const publicText = async (code: string) => JSON.stringify(await services.publication.publicAnswers(cycleId, code));

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_admin',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  people.jamaica = await createActor(handle.db, 'state', 'national_coordinator', await orgId('JM'));
  people.colombia = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CO'));
  const cycle = await services.registration.createCycle(people.secretariat, {
    name: '2027 registration',
    kind: 'registration',
    opensAt: '2027-01-01T00:00:00Z',
    closesAt: '2027-04-30T00:00:00Z',
    publishesAt: '2027-05-15T00:00:00Z',
    timeZone: 'America/Lima',
  });
  if (!cycle.ok) throw new Error(cycle.message);
  cycleId = cycle.value.id;
  expect((await save(people.peru, { mandate: 2, question: 'Q2', summary: 'Peru judicial career law' })).ok).toBe(true);
  expect((await save(people.chile, { mandate: 2, question: 'Q2', summary: 'Chile draft in progress' })).ok).toBe(true);
  expect((await services.registration.submit(people.peru, cycleId)).ok).toBe(true);
});
afterAll(() => handle.close());

describe('publishing a cycle before its date', () => {
  it('is the Secretariat’s only', async () => {
    expect(await services.publication.publishNow(people.peru, cycleId)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.publication.publishNow(people.secretariat, 'not-a-uuid')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
  });

  it('publishes what is submitted and leaves the window open for the States still answering', async () => {
    clock = new Date('2027-03-01T12:00:00Z');
    const published = await services.publication.publishNow(people.secretariat, cycleId);
    expect(published).toMatchObject({ ok: true, value: { published: 1 } });
    expect(await publicText('PE')).toContain('Peru judicial career law');
    // Chile's draft is not public, and its window is intact: the dates were not moved.
    expect(await publicText('CL')).not.toContain('Chile draft');
    const [cycle] = await handle.db.select().from(reportingCycles).where(eq(reportingCycles.id, cycleId));
    expect(cycle.closesAt).toEqual(new Date('2027-04-30T00:00:00Z'));
    expect(cycle.publishesAt).toEqual(new Date('2027-05-15T00:00:00Z'));
    expect(cycle.publishedAt).toEqual(clock);
    const chile = await services.registration.questionnaire(people.chile, cycleId);
    expect(chile.ok && chile.value.open).toBe(true);
    expect(await services.publication.publishNow(people.secretariat, cycleId)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
  });

  it('publishes a later submission in the window as it arrives', async () => {
    clock = new Date('2027-04-10T12:00:00Z');
    const saved = await services.registration.saveAnswer(people.chile, cycleId, {
      mandate: 2,
      question: 'Q2',
      summary: 'Chile procurement reform',
      baseVersion: 1,
    });
    expect(saved.ok).toBe(true);
    expect((await services.registration.submit(people.chile, cycleId)).ok).toBe(true);
    await vi.waitFor(async () => expect(await publicText('CL')).toContain('Chile procurement reform'));
    const [version] = await handle.db
      .select()
      .from(questionnairePublications)
      .where(eq(questionnairePublications.organizationId, people.chile.organizationId));
    expect(version).toMatchObject({ version: 1, publishedAt: clock, answers: 1 });
    // Peru's publication is untouched by Chile's.
    expect(await publicText('PE')).toContain('Peru judicial career law');
  });

  it('publishes a submission the event missed at the next run of the job, once however many runs', async () => {
    // Jamaica submits through an instance whose bus nobody listens to (a crash between the submission and the event).
    const deaf = createRegistrationService({ db: handle.db, events: new DomainEventBus(), now: () => clock });
    expect(
      (
        await deaf.saveAnswer(people.jamaica, cycleId, {
          mandate: 3,
          question: 'Q2',
          summary: 'Jamaica open data portal',
          baseVersion: 0,
        })
      ).ok,
    ).toBe(true);
    expect((await deaf.submit(people.jamaica, cycleId)).ok).toBe(true);
    expect(await publicText('JM')).not.toContain('Jamaica open data portal');
    const runs = await Promise.all([
      services.publication.publishDue(),
      services.publication.publishDue(),
      services.publication.publishDue(),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await publicText('JM')).toContain('Jamaica open data portal');
    expect(
      await handle.db
        .select()
        .from(questionnairePublications)
        .where(eq(questionnairePublications.organizationId, people.jamaica.organizationId)),
    ).toHaveLength(1);
    expect(await services.publication.publishDue()).toBe(0);
  });

  it('does not publish a draft, nor a submission in a cycle not yet published', async () => {
    expect(await services.publication.publishSubmission('00000000-0000-4000-8000-000000000000')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    const other = await services.registration.createCycle(people.secretariat, {
      name: '2028 registration',
      kind: 'registration',
      opensAt: '2027-04-01T00:00:00Z',
      closesAt: '2027-09-30T00:00:00Z',
      publishesAt: '2027-10-15T00:00:00Z',
      timeZone: 'America/Lima',
    });
    if (!other.ok) throw new Error(other.message);
    expect(
      (
        await services.registration.saveAnswer(people.colombia, other.value.id, {
          mandate: 2,
          question: 'Q2',
          summary: 'Colombia too early',
          baseVersion: 0,
        })
      ).ok,
    ).toBe(true);
    const submitted = await services.registration.submit(people.colombia, other.value.id);
    if (!submitted.ok) throw new Error(submitted.message);
    expect(await services.publication.publishSubmission(submitted.value.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await services.publication.publishDue()).toBe(0);
    expect(await services.publication.publicAnswers(other.value.id)).toMatchObject({ ok: false, kind: 'not_found' });
  });
});
