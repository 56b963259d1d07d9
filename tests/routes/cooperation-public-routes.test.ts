import { eq } from 'drizzle-orm';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as directoryLoader } from '../../app/routes/directory';
import { loader as offerLoader } from '../../app/routes/cooperation.offers.$id';
import { loader as requestLoader } from '../../app/routes/cooperation.requests.$id';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/*
 * docs/authorization.md: anyone, signed in or not, may view a published offer or request. The directory links
 * anonymous readers to the offer's page, so that page must open for them, with only what is published; drafts and
 * other organizations' unpublished items stay refused.
 */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'oas' | 'peru' | 'chile', Actor>;
const ids = {} as Record<'publishedOffer' | 'draftOffer' | 'publishedRequest' | 'draftRequest', string>;

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}
const must = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

type Reply = { status: number; location?: string | null; body?: Record<string, unknown> };
async function open(
  load: (args: LoaderFunctionArgs) => Promise<unknown>,
  kind: 'offers' | 'requests',
  id: string,
  actor: Actor | null,
): Promise<Reply> {
  try {
    const body = (await load({
      request: new Request(`http://localhost/cooperation/${kind}/${id}`),
      params: { id },
      context: routeContext(services, actor),
    })) as Record<string, unknown>;
    return { status: 200, body };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location') };
    throw thrown;
  }
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  const offer = {
    description: 'The OAS offers legislative drafting support on the protection of whistleblowers.',
    mandates: [1],
    types: ['legislative'],
    languages: ['es', 'en'],
    modality: 'virtual',
    capacity: 2,
  };
  ids.publishedOffer = must(
    await services.offers.create(people.oas, { ...offer, title: 'Public offer on whistleblowers' }, { publish: true }),
  ).id;
  ids.draftOffer = must(
    await services.offers.create(people.oas, { ...offer, title: 'DRAFT-CANARY offer' }, { publish: false }),
  ).id;
  const need = {
    description: 'Peru asks for help drafting a law that protects people who report corruption.',
    mandates: [1],
    types: ['legislative'],
    languages: ['es'],
    modality: 'virtual',
  };
  ids.publishedRequest = must(
    await services.requests.create(
      people.peru,
      { ...need, title: 'Public request on whistleblowers' },
      { publish: true },
    ),
  ).id;
  ids.draftRequest = must(
    await services.requests.create(people.peru, { ...need, title: 'DRAFT-CANARY request' }, { publish: false }),
  ).id;
});
afterAll(() => handle.close());

describe('published offers and requests for anonymous readers', () => {
  it('opens the offer the public directory links to, with what is published and nothing of its organization’s', async () => {
    const directory = (await directoryLoader({
      request: new Request('http://localhost/directory'),
      params: {},
      context: routeContext(services, null),
    })) as { entries: Array<{ id: string; title: string; description: string }> };
    const entry = directory.entries.find((e) => e.id === ids.publishedOffer);
    expect(entry).toBeDefined();
    const page = await open(offerLoader, 'offers', ids.publishedOffer, null);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      signedIn: false,
      offer: { id: ids.publishedOffer, title: entry!.title, description: entry!.description, status: 'published' },
      matches: [],
      link: null,
      canEdit: false,
      canPublish: false,
      canWithdraw: false,
      canDecide: false,
      mandateSections: [],
    });
  });

  it('keeps a draft offer refused: anonymous readers are asked to log in, another organization gets a 404', async () => {
    const anonymous = await open(offerLoader, 'offers', ids.draftOffer, null);
    expect(anonymous).toEqual({
      status: 302,
      location: `/login?redirectTo=${encodeURIComponent(`/cooperation/offers/${ids.draftOffer}`)}`,
    });
    expect((await open(offerLoader, 'offers', ids.draftOffer, people.peru)).status).toBe(404);
    // Its own organization still reads and edits it.
    expect((await open(offerLoader, 'offers', ids.draftOffer, people.oas)).body).toMatchObject({
      signedIn: true,
      canEdit: true,
      offer: { title: 'DRAFT-CANARY offer' },
    });
  });

  it('opens a published request the same way and keeps a draft request refused', async () => {
    const page = await open(requestLoader, 'requests', ids.publishedRequest, null);
    expect(page).toMatchObject({
      status: 200,
      body: {
        signedIn: false,
        request: { title: 'Public request on whistleblowers' },
        matches: [],
        link: null,
        canEdit: false,
      },
    });
    expect((await open(requestLoader, 'requests', ids.draftRequest, null)).status).toBe(302);
    expect((await open(requestLoader, 'requests', ids.draftRequest, people.chile)).status).toBe(404);
  });
});
