import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

let handle: DatabaseHandle;
let services: Services;
const base = { languages: ['es'], modality: 'virtual', capacity: 2 };

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  const id = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  const oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await id('OAS'));
  const chile = await createActor(handle.db, 'state', 'national_coordinator', await id('CL'));
  await services.offers.create(
    oas,
    {
      ...base,
      title: 'Capacitación de fiscales en lavado de activos',
      description:
        'Programa de capacitación para fiscales sobre investigación de lavado de activos y recuperación de activos.',
      mandates: [1],
      types: ['capacity_building'],
    },
    { publish: true },
  );
  await services.offers.create(
    oas,
    {
      ...base,
      title: 'Open contracting data standard support',
      description: 'Technical assistance to publish procurement data following the open contracting data standard.',
      mandates: [3],
      types: ['data'],
    },
    { publish: true },
  );
  await services.offers.create(
    chile,
    {
      ...base,
      title: 'Peer exchange on whistleblower channels',
      description: 'Chile shares its experience running secure whistleblower reporting channels.',
      mandates: [1],
      types: ['international_cooperation'],
    },
    { publish: true },
  );
  await services.offers.create(oas, {
    ...base,
    title: 'Unpublished draft with a canary zebra-7',
    description: 'This draft must never appear in the public directory: zebra-7 canary text.',
    mandates: [1],
    types: ['other'],
  });
});
afterAll(() => handle.close());

describe('public directory', () => {
  it('finds "capacitacion" without the accent, and a typo in English', async () => {
    expect((await services.directory.search({ q: 'capacitacion' })).entries.map((e) => e.offer.title)).toContain(
      'Capacitación de fiscales en lavado de activos',
    );
    expect((await services.directory.search({ q: 'contracing' })).entries[0]?.offer.title).toBe(
      'Open contracting data standard support',
    );
  });

  it('finds an assistance type by its label in either language', async () => {
    expect((await services.directory.search({ q: 'capacity-building' })).entries.map((e) => e.offer.title)).toContain(
      'Capacitación de fiscales en lavado de activos',
    );
    expect((await services.directory.search({ q: 'análisis de datos' })).entries.map((e) => e.offer.title)).toContain(
      'Open contracting data standard support',
    );
  });

  it('filters by mandate, type, organization and kind', async () => {
    expect((await services.directory.search({ mandate: 3 })).entries.map((e) => e.offer.title)).toEqual([
      'Open contracting data standard support',
    ]);
    expect(
      (await services.directory.search({ kind: 'peer_state' })).entries.map((e) => e.offer.organizationCode),
    ).toEqual(['CL']);
    expect((await services.directory.search({ organization: 'OAS', type: 'capacity_building' })).total).toBe(1);
  });

  it('never shows a draft, even searched for by its own words', async () => {
    expect((await services.directory.search({ q: 'zebra-7 canary' })).total).toBe(0);
    expect((await services.directory.search({})).entries.some((e) => e.offer.title.includes('canary'))).toBe(false);
  });

  it('updates after a new offer is published', async () => {
    const idb = await createActor(
      handle.db,
      'jswg',
      'jswg_focal_point',
      (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, 'IDB')))[0].id,
    );
    await services.directory.search({});
    await services.offers.create(
      idb,
      {
        ...base,
        title: 'Beneficial ownership registers',
        description: 'Support to set up beneficial ownership registers for companies and trusts.',
        mandates: [1],
        types: ['institutions'],
      },
      { publish: true },
    );
    expect((await services.directory.search({ q: 'beneficial ownership' })).total).toBe(1);
  });
});
