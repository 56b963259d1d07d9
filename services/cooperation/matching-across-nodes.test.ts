import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

// Decision 033: the matching engine's rankings and the directory's index are node memory. Two nodes' services on
// one database, their buses joined the way the Redis relay joins them (server/event-relay.ts; through Redis in
// server/cluster/): an offer withdrawn through node A leaves node B's rankings and directory.
let handle: DatabaseHandle;
let a: Services;
let b: Services;
const people = {} as Record<'peru' | 'oas' | 'secretariat', Actor>;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  a = createServices({ db: handle.db });
  b = createServices({ db: handle.db });
  a.events.relayTo((name, payload) => b.events.deliverFromAnotherNode(name, payload));
  b.events.relayTo((name, payload) => a.events.deliverFromAnotherNode(name, payload));
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
});
afterAll(() => handle.close());

describe('an offer withdrawn through another node', () => {
  it('leaves this node’s rankings and directory', async () => {
    const request = await a.requests.create(
      people.peru,
      {
        title: 'Whistleblower protection law',
        description: 'Peru needs legislative assistance to draft a law protecting whistleblowers in procurement.',
        mandates: [1],
        types: ['legislative'],
        languages: ['es'],
        modality: 'either',
      },
      { publish: true },
    );
    const offer = await a.offers.create(
      people.oas,
      {
        title: 'Whistleblower model law workshop',
        description: 'The OAS offers legislative drafting support and model laws on the protection of whistleblowers.',
        mandates: [1],
        types: ['legislative'],
        languages: ['es', 'en'],
        modality: 'virtual',
        capacity: 1,
      },
      { publish: true },
    );
    if (!request.ok || !offer.ok) throw new Error('setup failed');
    const offerIds = async () => {
      await b.matching.settled();
      const ranking = await b.matching.rankingFor(people.secretariat, request.value.id);
      if (!ranking.ok) throw new Error(ranking.message);
      return ranking.value.map((c) => c.offerId);
    };
    const directory = async () =>
      (await b.directory.search({ q: 'whistleblower model law' })).entries.map((e) => e.offer.id);

    // Node B builds its rankings and index with the offer in them.
    expect(await offerIds()).toContain(offer.value.id);
    expect(await directory()).toContain(offer.value.id);

    expect((await a.offers.withdraw(people.oas, offer.value.id)).ok).toBe(true);
    expect(await directory()).not.toContain(offer.value.id);
    expect(await offerIds()).not.toContain(offer.value.id);
  });
});
