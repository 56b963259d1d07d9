import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { assistanceRequests, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

/* Issue 15 item 6: a draft is a draft. Saving needs only a title; publishing needs the complete form and says what is missing. */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'coordinator' | 'chile' | 'oas', Actor>;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.coordinator = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
});
afterAll(() => handle.close());

const value = <T>(outcome: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value;
};

describe('a draft request', () => {
  it('is saved with only a title, and read back with what is missing left missing', async () => {
    const draft = value(
      await services.requests.create(people.coordinator, { title: 'Asset declarations (to finish)' }),
    );
    const read = value(await services.requests.get(people.coordinator, draft.id));
    expect(read).toMatchObject({
      title: 'Asset declarations (to finish)',
      description: '',
      mandates: [],
      types: [],
      languages: [],
      modality: null,
      publishedAt: null,
    });
    // Another State does not learn it exists.
    expect(await services.requests.get(people.chile, draft.id)).toMatchObject({ ok: false, kind: 'not_found' });
  });

  it('still needs a title, and keeps the limits of what it has', async () => {
    expect(await services.requests.create(people.coordinator, { title: '' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { title: [expect.stringMatching(/short title/)] },
    });
    expect(
      await services.requests.create(people.coordinator, { title: 'A draft', mandates: [999], modality: 'by pigeon' }),
    ).toMatchObject({ ok: false, kind: 'invalid', fieldErrors: { modality: [expect.any(String)] } });
  });

  it('is refused publication, field by field, until complete; the matching engine never sees it meanwhile', async () => {
    const draft = value(
      await services.requests.create(people.coordinator, { title: 'Judicial training draft', languages: ['es'] }),
    );
    const refused = await services.requests.publish(people.coordinator, draft.id);
    expect(refused).toMatchObject({ ok: false, kind: 'invalid', message: expect.stringMatching(/not complete/) });
    expect(!refused.ok && refused.kind === 'invalid' && Object.keys(refused.fieldErrors ?? {}).sort()).toEqual([
      'description',
      'mandates',
      'modality',
      'types',
    ]);
    const [row] = await handle.db.select().from(assistanceRequests).where(eq(assistanceRequests.id, draft.id));
    expect(row.publishedAt).toBeNull();
    expect((await services.requests.listPublished()).map((r) => r.id)).not.toContain(draft.id);

    // Completed through the edit form (still a draft), it publishes and reaches the published list.
    value(
      await services.requests.update(people.coordinator, draft.id, {
        title: 'Judicial training draft',
        description: 'Training for judges on the handling of corruption cases and on international cooperation.',
        mandates: [3],
        types: ['capacity_building'],
        languages: ['es'],
        modality: 'virtual',
      }),
    );
    expect(value(await services.requests.publish(people.coordinator, draft.id)).publishedAt).not.toBeNull();
    expect((await services.requests.listPublished()).map((r) => r.id)).toContain(draft.id);
  });

  it('cannot be published at creation unless complete', async () => {
    expect(
      await services.requests.create(people.coordinator, { title: 'Half a request' }, { publish: true }),
    ).toMatchObject({ ok: false, kind: 'invalid', fieldErrors: { modality: [expect.any(String)] } });
  });

  it('once published, an edit must stay complete', async () => {
    const published = value(
      await services.requests.create(
        people.coordinator,
        {
          title: 'Procurement transparency',
          description: 'Peru needs help to publish procurement data in open formats, with training for the staff.',
          mandates: [1],
          types: ['data'],
          languages: ['es'],
          modality: 'either',
        },
        { publish: true },
      ),
    );
    expect(
      await services.requests.update(people.coordinator, published.id, { title: 'Procurement transparency' }),
    ).toMatchObject({ ok: false, kind: 'invalid', fieldErrors: { modality: [expect.any(String)] } });
    expect(value(await services.requests.get(people.coordinator, published.id)).modality).toBe('either');
  });
});

describe('a draft offer', () => {
  it('may leave capacity and modality open; publishing names them', async () => {
    const draft = value(
      await services.offers.create(people.oas, {
        title: 'Model law workshops',
        description: 'Workshops on the model law on asset declarations for legislative staff of the region.',
        mandates: [2],
        types: ['legislative'],
        languages: ['en', 'es'],
        capacity: '',
      }),
    );
    expect(draft).toMatchObject({ status: 'draft', capacity: null, modality: null });
    const refused = await services.offers.publish(people.oas, draft.id);
    expect(!refused.ok && refused.kind === 'invalid' && Object.keys(refused.fieldErrors ?? {}).sort()).toEqual([
      'capacity',
      'modality',
    ]);
    expect((await services.offers.listPublished()).map((o) => o.id)).not.toContain(draft.id);
    value(
      await services.offers.update(people.oas, draft.id, {
        title: 'Model law workshops',
        description: 'Workshops on the model law on asset declarations for legislative staff of the region.',
        mandates: [2],
        types: ['legislative'],
        languages: ['en', 'es'],
        modality: 'in_person',
        capacity: 2,
      }),
    );
    expect(value(await services.offers.publish(people.oas, draft.id)).status).toBe('published');
  });
});
