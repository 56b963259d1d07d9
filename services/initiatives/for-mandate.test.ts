import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

/** The mandate page's read of initiatives (issue 17): published initiatives on that mandate only, alphabetically. */
let handle: DatabaseHandle;
let services: Services;

const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
}, 240_000);
afterAll(() => handle?.close());

describe('initiativesPublic.publishedForMandate', () => {
  it('lists the published initiatives on the mandate, by title, and nothing unpublished or on other mandates', async () => {
    const orgId = async (code: string) =>
      (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
    const secretariat = await createActor(
      handle.db,
      'secretariat',
      'secretariat_admin',
      await orgId('SUMMITS-SECRETARIAT'),
    );
    const participants = [
      { organizationId: await orgId('JM'), role: 'requesting' },
      { organizationId: await orgId('OAS'), role: 'providing' },
    ];
    const create = async (title: string, mandates: number[], publish: boolean) => {
      const created = must(
        await services.initiatives.create(secretariat, {
          title,
          summary: `${title}: a summary.`,
          forms: ['training'],
          mandates,
          participants,
        }),
      );
      if (publish) must(await services.initiatives.setPublished(secretariat, created.id, true));
      return created.id;
    };
    await create('Whistleblower channel training', [12], true);
    await create('Asset declaration workshop', [12, 30], true);
    await create('Draft initiative on 12', [12], false);
    await create('Open contracting mission', [30], true);

    const on12 = await services.initiativesPublic.publishedForMandate('lima-2018', 12);
    expect(on12.map((i) => i.title)).toEqual(['Asset declaration workshop', 'Whistleblower channel training']);
    expect(on12[0]).toMatchObject({ mandates: [12, 30], participants: [{ code: 'JM' }, { code: 'OAS' }] });
    expect((await services.initiativesPublic.publishedForMandate('lima-2018', 30)).map((i) => i.title)).toEqual([
      'Asset declaration workshop',
      'Open contracting mission',
    ]);
    // Another commitment's mandate 12, a mandate without initiatives, and nonsense numbers: nothing.
    expect(await services.initiativesPublic.publishedForMandate('another-commitment', 12)).toEqual([]);
    expect(await services.initiativesPublic.publishedForMandate('lima-2018', 5)).toEqual([]);
    expect(await services.initiativesPublic.publishedForMandate('lima-2018', 0)).toEqual([]);
    expect(await services.initiativesPublic.publishedForMandate('lima-2018', 1.5)).toEqual([]);
  });

  it('gives each initiative its published outcomes only', async () => {
    const orgId = async (code: string) =>
      (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
    const secretariat = await createActor(
      handle.db,
      'secretariat',
      'secretariat_staff',
      await orgId('SUMMITS-SECRETARIAT'),
    );
    const jamaica = await createActor(handle.db, 'state', 'national_coordinator', await orgId('JM'));
    const oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
    const created = must(
      await services.initiatives.create(secretariat, {
        title: 'Beneficial ownership registry support',
        summary: 'Support to set up a beneficial ownership registry.',
        forms: ['expert_assistance'],
        mandates: [20],
        participants: [
          { organizationId: jamaica.organizationId, role: 'requesting' },
          { organizationId: oas.organizationId, role: 'providing' },
        ],
      }),
    );
    must(await services.initiatives.setPublished(secretariat, created.id, true));
    const published = must(
      await services.initiatives.logOutcome(secretariat, created.id, { text: 'The registry went live in 2027.' }),
    );
    must(await services.initiatives.agreeOutcome(jamaica, published.id));
    must(await services.initiatives.agreeOutcome(oas, published.id));
    must(await services.initiatives.publishOutcome(secretariat, published.id));
    must(await services.initiatives.logOutcome(secretariat, created.id, { text: 'UNPUBLISHED-OUTCOME-CANARY on 20.' }));

    const [item] = await services.initiativesPublic.publishedForMandate('lima-2018', 20);
    expect(item.outcomes.map((o) => o.text)).toEqual(['The registry went live in 2027.']);
    expect(JSON.stringify(item)).not.toContain('UNPUBLISHED-OUTCOME-CANARY');
  });
});
