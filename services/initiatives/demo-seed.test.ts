import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { users } from '../../db/schema';
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

describe('demo initiative', () => {
  it('is public with its outcome and agreed funding, and leaves the demo confirmed match for the Secretariat to turn into an initiative', async () => {
    await seedDemoAccounts(handle.db, { password: 'demo-password-for-tests' });
    const services = createServices({ db: handle.db });
    await seedDemoCooperation(handle.db, services);
    await seedDemoInitiatives(handle.db, services);
    const registry = await services.initiativesPublic.registry();
    expect(registry.items.map((i) => [i.title, i.status])).toEqual([
      ['(Demo) Training of procurement officials on integrity risks', 'completed'],
    ]);
    const story = (await services.initiativesPublic.story(registry.items[0].id))!;
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
