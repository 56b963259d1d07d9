import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { assistanceRequests, users } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { loadActor } from '../accounts/actors.server';
import { loadReferenceData } from '../catalogue/reference.server';
import { seedDemoCooperation } from '../demo/cooperation-seed.server';
import { seedDemoInitiatives } from '../demo/initiatives-seed.server';
import { seedDemoAccounts } from '../demo/seed.server';
import { createServices } from '../index.server';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
});
afterAll(() => handle.close());

describe('demo initiatives', () => {
  it('are three, public, at different stages; the completed one has its outcome and agreed funding; the demo confirmed match is left for the Secretariat to turn into an initiative', async () => {
    await seedDemoAccounts(handle.db, { password: 'demo-password-for-tests' });
    const services = createServices({ db: handle.db });
    await seedDemoCooperation(handle.db, services);
    const requestsBefore = await handle.db
      .select({ id: assistanceRequests.id, status: assistanceRequests.status })
      .from(assistanceRequests)
      .orderBy(assistanceRequests.id);
    const placesBefore = await services.matching.activeMatchesByOffer();
    await seedDemoInitiatives(handle.db, services);
    const registry = await services.initiativesPublic.registry();
    expect(registry.items.map((i) => [i.title, i.status]).sort()).toEqual([
      ['(Demo) Expert assistance on judicial appointment procedures', 'planned'],
      ['(Demo) Peer exchange on the verification of asset declarations', 'in_progress'],
      ['(Demo) Training of procurement officials on integrity risks', 'completed'],
    ]);
    // Only the completed one has a public outcome and funding.
    for (const item of registry.items) {
      const told = (await services.initiativesPublic.story(item.id))!;
      if (item.status !== 'completed') expect([told.outcomes, told.funding]).toEqual([[], []]);
    }
    // They link nothing of the cooperation demo: no request moved, no offer's place taken.
    expect(
      await handle.db
        .select({ id: assistanceRequests.id, status: assistanceRequests.status })
        .from(assistanceRequests)
        .orderBy(assistanceRequests.id),
    ).toEqual(requestsBefore);
    expect(await services.matching.activeMatchesByOffer()).toEqual(placesBefore);
    const completed = registry.items.find((i) => i.status === 'completed')!;
    const story = (await services.initiativesPublic.story(completed.id))!;
    expect(story.outcomes).toMatchObject([
      {
        figures: [
          { label: 'Officials trained', value: 85 },
          { label: 'Tender reviews using the checklist', value: 12 },
        ],
      },
    ]);
    expect(story.funding).toEqual([
      { source: '(Demo) OAS regional integrity fund', amount: '18000.00', currency: 'USD' },
    ]);
    const [admin] = await handle.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, 'admin@demo.minka.test'));
    expect(
      await services.initiatives.confirmedMatchesWithoutInitiative(await loadActor(handle.db, admin.id)),
    ).toMatchObject({
      ok: true,
      value: [{ requestTitle: '(Demo) Training for judges on judicial independence standards' }],
    });
  });
});
