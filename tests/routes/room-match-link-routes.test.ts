import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as roomLoader } from '../../app/routes/roundtables.$id';
import type { DatabaseHandle } from '../../db/client';
import { assistanceRequests, organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/*
 * A room that grew from a Peru–OAS match, to which the Secretariat invited Colombia: its header links to "the match"
 * only for those who may open the match's page (its two sides and the Secretariat). A Colombian delegate, who would
 * get a 404 there, gets no link. The same holds for its link to the cooperation request, once the request is no
 * longer public.
 */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'secretariat' | 'peru' | 'peruDelegate' | 'oas' | 'colombia', Actor>;
let roomId = '';
let matchId = '';
let requestId = '';

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const roomPage = (who: Actor) =>
  roomLoader({
    request: new Request(`http://localhost/roundtables/${roomId}`),
    params: { id: roomId },
    context: routeContext(services, who),
  });

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.peruDelegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.colombia = await createActor(handle.db, 'state', 'delegate', await orgId('CO'));
  const need = {
    title: 'Open data on procurement',
    description: 'Technical assistance to publish procurement contracts as open data and detect corruption risks.',
    mandates: [1],
    types: ['data'],
    languages: ['es'],
    modality: 'virtual',
  };
  const request = must(await services.requests.create(people.peru, need, { publish: true }));
  const offer = must(
    await services.offers.create(
      people.oas,
      { ...need, title: 'Open data assistance', capacity: 2 },
      { publish: true },
    ),
  );
  requestId = request.id;
  matchId = must(
    await services.brokering.propose(people.secretariat, { requestId: request.id, candidateId: offer.id }),
  ).id;
  must(await services.brokering.decide(people.oas, matchId, { decision: 'accepted' }));
  must(await services.brokering.decide(people.peru, matchId, { decision: 'accepted' }));
  roomId = must(await services.roundtables.openForMatch(matchId)).id;
  must(await services.roundtables.addOrganization(people.secretariat, roomId, await orgId('CO')));
}, 180_000); // a fresh migrated database with the reference data: slow on a shared machine
afterAll(() => handle.close());

describe('the room page’s link to the match it grew from', () => {
  it('is offered to the match’s parties and the Secretariat, not to a member of an invited organization', async () => {
    const colombian = await roomPage(people.colombia);
    expect(colombian.room.matchId).toBe(matchId);
    expect(colombian.room.matchLink).toBe(false);
    // The link would lead where the match page answers 404: the same rule decides both.
    expect(await services.brokering.get(people.colombia, matchId)).toMatchObject({ ok: false, kind: 'not_found' });

    for (const who of [people.peruDelegate, people.peru, people.oas, people.secretariat]) {
      expect((await roomPage(who)).room.matchLink).toBe(true);
      expect((await services.brokering.get(who, matchId)).ok).toBe(true);
    }
  });

  it('links to the cooperation request only for those who may open it (outside probe)', async () => {
    // Published, the request is public: everyone in the room may open it.
    for (const who of [people.colombia, people.peruDelegate, people.oas, people.secretariat]) {
      const page = await roomPage(who);
      expect(page.room).toMatchObject({ requestId, requestLink: true });
    }
    // No longer public (as when its Q4 answer becomes withheld, decision 014), only Peru and the Secretariat read
    // it: others in the room would land on a refusal, so they get no link.
    await handle.db.update(assistanceRequests).set({ publishedAt: null }).where(eq(assistanceRequests.id, requestId));
    for (const who of [people.colombia, people.oas]) {
      expect(await services.requests.get(who, requestId)).toMatchObject({ ok: false });
      expect((await roomPage(who)).room).toMatchObject({ requestId, requestLink: false });
    }
    for (const who of [people.peru, people.peruDelegate, people.secretariat]) {
      expect((await services.requests.get(who, requestId)).ok).toBe(true);
      expect((await roomPage(who)).room.requestLink).toBe(true);
    }
  });

  it('is not offered in a room that did not grow from a match', async () => {
    const convened = must(
      await services.roundtables.create(people.secretariat, {
        title: 'Convened room',
        kind: 'working_roundtable',
        organizationIds: [await orgId('PE'), await orgId('OAS')],
      }),
    );
    const page = await roomLoader({
      request: new Request(`http://localhost/roundtables/${convened.id}`),
      params: { id: convened.id },
      context: routeContext(services, people.peru),
    });
    expect(page.room).toMatchObject({ matchId: null, matchLink: false, requestLink: false });
  });
});
