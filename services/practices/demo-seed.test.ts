import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { practiceComments, practices } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { loadReferenceData } from '../catalogue/reference.server';
import { seedDemoRegistration } from '../demo/registration-seed.server';
import { seedDemoAccounts } from '../demo/seed.server';
import { createServices } from '../index.server';
import { DEMO_PRACTICE_PREFIX, seedDemoPractices } from './demo-seed.server';

/** The demo's good practices (issue 17): a published base across sections, a round in progress, a published report. */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
}, 300_000);
afterAll(() => handle?.close());

describe('demo good practices', () => {
  it('publishes twelve practices across sections, keeps a round open with a comment, publishes the report, once', async () => {
    await seedDemoAccounts(handle.db, { password: 'demo-password-for-tests' });
    const services = createServices({ db: handle.db });
    await seedDemoRegistration(handle.db);
    const seeded = await seedDemoPractices(handle.db, services);
    expect(seeded).toMatchObject({ published: 12, inReview: 3 });
    expect(seeded.reportCycleId).not.toBeNull();

    const base = await services.practices.search({});
    expect(base.total).toBe(12);
    expect(base.facets.section.map((f) => f.value)).toEqual(['A', 'B']);
    // Two practices sit on mandates the catalogue places in no section (45 and 52).
    expect(base.facets.mandate.map((f) => f.value)).toEqual(expect.arrayContaining(['45', '52']));
    expect(base.facets.organization.map((f) => f.value)).toEqual(['CO', 'JM', 'OAS', 'PE']);
    // Plainly labelled: every title says demo, every text says it is an example.
    for (const p of await services.practices.publishedAll()) {
      expect(p.title.startsWith(DEMO_PRACTICE_PREFIX)).toBe(true);
      expect(p.texts.summary).toMatch(/^(Demo example|Ejemplo de demostración):/);
    }
    // Found by a misspelled Spanish query.
    expect((await services.practices.search({ q: 'obsevatorio contratacines' })).items[0].title).toBe(
      '(Demo) Observatorio ciudadano de contrataciones públicas',
    );

    // The round in progress: every State reads it (not the public), with Peru's comment on Colombia's entry.
    expect(await services.practices.openRounds(null)).toEqual([]);
    const rows = await handle.db.select().from(practices);
    const inReview = rows.filter((r) => r.status === 'in_review');
    expect(inReview).toHaveLength(3);
    const comments = await handle.db.select().from(practiceComments);
    expect(comments.map((c) => c.practiceId)).toEqual([
      inReview.find((r) => r.title === '(Demo) Canal de denuncias con seguimiento anónimo')!.id,
    ]);

    // The report on challenges of the published demo cycle is public.
    const reports = await services.challenges.publishedReports();
    expect(reports.map((r) => r.cycleId)).toEqual([seeded.reportCycleId]);

    // Idempotent: a second run adds nothing.
    expect(await seedDemoPractices(handle.db, services)).toEqual({ published: 0, inReview: 0, reportCycleId: null });
    expect(await handle.db.select().from(practices)).toHaveLength(rows.length);
  });
});
