import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import { seedPublishedCycle } from '../../tests/registration-fixtures';
import type { Actor, Viewer } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

/* Issue 17: the report on challenges, from published Q4 answers and open requests, never naming what is withheld. */
let handle: DatabaseHandle;
let services: Services;
let cycleId: string;
const people = {} as Record<'secretariat' | 'peru' | 'chile', Actor>;
const CANARY = 'CANARY-q4-report-8e1d';

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  const id = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await id('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await id('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await id('CL'));
  cycleId = (
    await seedPublishedCycle(handle.db, {
      name: 'Report cycle',
      organizationCodes: ['PE', 'CL', 'OAS'],
      mandateNumbers: [3, 5],
      // Peru's Q4 on mandate 5 is withheld; its text is the canary.
      text: ({ organizationCode, mandate, question, field }) =>
        organizationCode === 'PE' && mandate === 5 && question === 'Q4'
          ? `${CANARY} ${field}`
          : `=${organizationCode} ${question} ${mandate} ${field}`,
      withholdings: [{ organizationCode: 'PE', scope: 'question', mandate: 5, question: 'Q4', decision: 'granted' }],
    })
  ).cycleId;
  const request = await services.requests.create(
    people.chile,
    {
      title: 'Help with asset declarations',
      description: 'Chile needs support to digitise asset declarations of officials.',
      mandates: [3],
      types: ['data'],
      languages: ['es'],
      modality: 'either',
    },
    { publish: true },
  );
  if (!request.ok) throw new Error(request.message);
});
afterAll(() => handle.close());

describe('the report on challenges', () => {
  it('is the Secretariat’s until published; only the Secretariat writes and publishes it', async () => {
    for (const who of [null, people.peru] as Viewer[])
      expect(await services.challenges.get(who, cycleId)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await services.challenges.saveTexts(people.peru, cycleId, { introduction: 'x' })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.challenges.publish(people.chile, cycleId)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      await services.challenges.saveTexts(people.secretariat, cycleId, {
        introduction: 'Challenges reported in the 2027 cycle.',
        notes: 'Counts are of answers, not of States.',
      }),
    ).toMatchObject({ ok: true });
    expect(await services.challenges.get(people.secretariat, cycleId)).toMatchObject({
      ok: true,
      value: { canEdit: true, publishedAt: null },
    });
    expect(await services.challenges.export(cycleId, 'csv')).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await services.challenges.publish(people.secretariat, cycleId)).toMatchObject({ ok: true });
    expect(await services.challenges.get(null, cycleId)).toMatchObject({
      ok: true,
      value: { canEdit: false, introduction: 'Challenges reported in the 2027 cycle.' },
    });
    expect((await services.challenges.publishedReports()).map((r) => r.cycleId)).toEqual([cycleId]);
  });

  it('counts by mandate, section and assistance type from published Q4 answers of States, leaving out what is withheld', async () => {
    const report = await services.challenges.get(null, cycleId);
    if (!report.ok) throw new Error(report.message);
    const r = report.value;
    // Peru (3), Chile (3, 5); Peru's mandate 5 is withheld; the OAS answers no Q4.
    expect(r.byMandate).toEqual([
      { key: '3', answers: 2 },
      { key: '5', answers: 1 },
    ]);
    expect(r.byAssistanceType).toEqual([{ key: 'legislative', answers: 3 }]);
    expect(r.statesReporting).toBe(2);
    expect(r.bySection.reduce((n, s) => n + s.answers, 0)).toBeLessThanOrEqual(3);
    expect(r.openRequests.map((q) => q.title)).toEqual(['Help with asset declarations']);
    const everything =
      JSON.stringify(r) +
      JSON.stringify(await services.challenges.export(cycleId, 'csv')) +
      JSON.stringify(await services.challenges.export(cycleId, 'json'));
    expect(everything).not.toContain(CANARY);
  });

  it('exports formula-safe CSV with a row per challenge and per open request', async () => {
    const csv = await services.challenges.export(cycleId, 'csv');
    if (!csv.ok) throw new Error(csv.message);
    const lines = csv.value.trim().split('\r\n');
    expect(lines[0]).toBe(
      'row_type,cycle,commitment,mandate,section,organization,organization_name_en,organization_name_es,text,assistance_types,request_id',
    );
    expect(lines.filter((l) => l.startsWith('"challenge"'))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('"open_request"'))).toHaveLength(1);
    expect(csv.value).toContain(`"'=CL Q4 3 summary"`);
    expect(csv.value).not.toMatch(/,"=/);
  });
});
