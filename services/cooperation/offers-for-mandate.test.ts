import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

/** The mandate page's read of offers (issue 19): published offers on that mandate of that commitment, by title. */
let handle: DatabaseHandle;
let services: Services;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
}, 240_000);
afterAll(() => handle?.close());

describe('offers.publishedForMandate', () => {
  it('lists the published offers on the mandate by title, never a draft, a withdrawn offer or another mandate', async () => {
    const [oasOrg] = await handle.db.select().from(organizations).where(eq(organizations.code, 'OAS'));
    const oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', oasOrg.id);
    const offer = (title: string, mandates: number[]) => ({
      title,
      description: `${title}: support offered by the OAS to the States that ask for it, virtually or in person.`,
      mandates,
      types: ['capacity_building'],
      languages: ['en', 'es'],
      modality: 'either',
      capacity: 2,
    });
    const make = async (title: string, mandates: number[], publish: boolean) => {
      const created = await services.offers.create(oas, offer(title, mandates), { publish });
      if (!created.ok) throw new Error(created.message);
      return created.value.id;
    };
    await make('Whistleblower protection training', [7], true);
    await make('Asset declaration systems', [7, 8], true);
    await make('Draft offer on seven', [7], false);
    const withdrawn = await make('Withdrawn offer on seven', [7], true);
    expect((await services.offers.withdraw(oas, withdrawn)).ok).toBe(true);
    await make('Open contracting on eight', [8], true);

    const on7 = await services.offers.publishedForMandate('lima-2018', 7);
    expect(on7.map((o) => o.title)).toEqual(['Asset declaration systems', 'Whistleblower protection training']);
    expect(on7[0]).toMatchObject({ organizationCode: 'OAS', mandates: [7, 8] });
    expect((await services.offers.publishedForMandate('lima-2018', 8)).map((o) => o.title)).toEqual([
      'Asset declaration systems',
      'Open contracting on eight',
    ]);
    expect(await services.offers.publishedForMandate('another-commitment', 7)).toEqual([]);
    expect(await services.offers.publishedForMandate('lima-2018', 0)).toEqual([]);
    expect(await services.offers.publishedForMandate('lima-2018', 2.5)).toEqual([]);
  });
});
