import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, organizations, questionnairePublications } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

// Issue 13, item 3: "States may, if necessary, continue updating their platforms with progress made, after
// coordinating with the Chair." A questionnaire reopened after publication and submitted again is published as a
// new version with its date; the public page shows the latest date and the history of versions.
let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'chile', Actor>;
let cycleId: string;
let peruQuestionnaireId: string;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
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
  expect(
    (
      await services.registration.saveAnswer(people.peru, cycleId, {
        mandate: 2,
        question: 'Q1',
        progress: 'B',
        baseVersion: 0,
      })
    ).ok,
  ).toBe(true);
  expect(
    (
      await services.registration.saveAnswer(people.peru, cycleId, {
        mandate: 2,
        question: 'Q2',
        summary: 'Bill sent to Congress',
        baseVersion: 0,
      })
    ).ok,
  ).toBe(true);
  expect(
    (
      await services.registration.saveAnswer(people.chile, cycleId, {
        mandate: 2,
        question: 'Q2',
        summary: 'Chile procurement reform',
        baseVersion: 0,
      })
    ).ok,
  ).toBe(true);
  const submitted = await services.registration.submit(people.peru, cycleId);
  if (!submitted.ok) throw new Error(submitted.message);
  peruQuestionnaireId = submitted.value.id;
  expect((await services.registration.submit(people.chile, cycleId)).ok).toBe(true);
  clock = new Date('2027-05-15T00:01:00Z');
  expect((await services.publication.publishCycle(cycleId)).ok).toBe(true);
});
afterAll(() => handle.close());

describe('a late update agreed with the Chair', () => {
  it('starts as version 1 at the cycle’s publication', async () => {
    expect(await services.publication.publicationHistory(cycleId, 'PE')).toEqual({
      ok: true,
      value: [{ version: 1, publishedAt: new Date('2027-05-15T00:01:00Z'), answers: 2 }],
    });
  });

  it('keeps the published version public while the reopened questionnaire is a draft', async () => {
    clock = new Date('2027-06-01T10:00:00Z');
    expect(
      (
        await services.registration.reopen(
          people.secretariat,
          peruQuestionnaireId,
          'Agreed with the Chair by note 44-2027',
        )
      ).ok,
    ).toBe(true);
    const saved = await services.registration.saveAnswer(people.peru, cycleId, {
      mandate: 2,
      question: 'Q2',
      summary: 'Judicial career law enacted',
      baseVersion: 1,
    });
    expect(saved.ok).toBe(true);
    expect(
      (
        await services.registration.saveAnswer(people.peru, cycleId, {
          mandate: 2,
          question: 'Q1',
          progress: 'C',
          baseVersion: 1,
        })
      ).ok,
    ).toBe(true);
    // The draft is nobody's business until submitted, even at the next run of the job.
    await services.publication.publishDue();
    const text = await publicText('PE');
    expect(text).toContain('Bill sent to Congress');
    expect(text).not.toContain('Judicial career law enacted');
  });

  it('is published as a new version with its date when submitted again', async () => {
    clock = new Date('2027-06-02T15:30:00Z');
    expect((await services.registration.submit(people.peru, cycleId)).ok).toBe(true);
    await vi.waitFor(async () => expect(await publicText('PE')).toContain('Judicial career law enacted'));
    const text = await publicText('PE');
    expect(text).not.toContain('Bill sent to Congress');
    const history = await services.publication.publicationHistory(cycleId, 'PE');
    expect(history).toEqual({
      ok: true,
      value: [
        { version: 2, publishedAt: new Date('2027-06-02T15:30:00Z'), answers: 2 },
        { version: 1, publishedAt: new Date('2027-05-15T00:01:00Z'), answers: 2 },
      ],
    });
    // The public distribution counts the new level, once.
    const distribution = await services.publication.distribution(cycleId);
    expect(distribution.ok && distribution.value.mandates).toEqual([
      { mandate: 2, counts: { A: 0, B: 0, C: 1, D: 0 } },
    ]);
    // Chile, not updated, stays at version 1.
    const chile = await services.publication.publicationHistory(cycleId, 'CL');
    expect(chile.ok && chile.value.map((v) => v.version)).toEqual([1]);
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, 'questionnaire.published'))).toHaveLength(
      3,
    );
  });

  it('is published once however many runs claim it at the same moment', async () => {
    const runs = await Promise.all([
      services.publication.publishSubmission(peruQuestionnaireId),
      services.publication.publishSubmission(peruQuestionnaireId),
      services.publication.publishDue(),
    ]);
    expect(runs.filter((r) => (typeof r === 'number' ? r > 0 : r.ok))).toHaveLength(0); // already published by the event
    expect(
      await handle.db
        .select()
        .from(questionnairePublications)
        .where(eq(questionnairePublications.questionnaireId, peruQuestionnaireId)),
    ).toHaveLength(2);
  });

  it('has no public history for an organization without a publication, or an unknown cycle', async () => {
    expect(await services.publication.publicationHistory(cycleId, 'JM')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.publication.publicationHistory('not-a-uuid', 'PE')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.publication.publicationHistory('00000000-0000-4000-8000-000000000000', 'PE')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
  });
});
