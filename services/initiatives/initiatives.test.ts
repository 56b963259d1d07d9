import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { assistanceRequests, auditLog, initiativeLinks, initiatives, meetings, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { chunksOf, createMemoryFileStore } from '../storage/file-store';
import { makePdf } from '../storage/pdf';

let handle: DatabaseHandle;
const store = createMemoryFileStore();
const file = (fileName: string, bytes: Uint8Array) => ({ fileName, data: chunksOf(bytes, 1024) });
let services: Services;
let clock = new Date('2027-03-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'peruDelegate' | 'oas' | 'oasDelegate' | 'chile' | 'cso', Actor>;
const ids = {} as Record<'peru' | 'oas' | 'chile' | 'idb', string>;

const need = {
  title: 'Whistleblower protection law',
  description:
    'Peru needs legislative assistance to draft a law protecting whistleblowers who report corruption in public procurement.',
  mandates: [1],
  types: ['legislative'],
  languages: ['es'],
  modality: 'either',
};
const offer = {
  title: 'Legislative drafting support on whistleblower protection',
  description:
    'The OAS offers legislative drafting support and model laws on the protection of whistleblowers and reporting persons.',
  mandates: [1],
  types: ['legislative'],
  languages: ['es', 'en'],
  modality: 'virtual',
  capacity: 1,
};

const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const requestStatus = async (id: string) =>
  (
    await handle.db
      .select({ status: assistanceRequests.status })
      .from(assistanceRequests)
      .where(eq(assistanceRequests.id, id))
  )[0].status;
/** In the order they were written (PostgreSQL returns rows in no set order without ORDER BY). */
const auditActions = async (id: string) =>
  (
    await handle.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, id))
      .orderBy(asc(auditLog.id))
  ).map((a) => a.action);

/** A published request, a published offer and the confirmed match between them. */
async function confirmedMatch(title: string, capacity = 1) {
  const request = must(await services.requests.create(people.peru, { ...need, title }, { publish: true }));
  const published = must(
    await services.offers.create(people.oas, { ...offer, title: `${title}: support`, capacity }, { publish: true }),
  );
  const match = must(
    await services.brokering.propose(people.secretariat, { requestId: request.id, candidateId: published.id }),
  );
  must(await services.brokering.decide(people.peru, match.id, { decision: 'accepted' }));
  must(await services.brokering.decide(people.oas, match.id, { decision: 'accepted' }));
  return { request, offer: published, match };
}

const scratch = (extra: Record<string, unknown> = {}) => ({
  title: 'Regional training on asset declarations',
  summary: 'Training of officials of two States on the verification of asset declarations.',
  forms: ['training'],
  startsOn: '2027-04-01',
  endsOn: '2027-06-30',
  mandates: [1, 2],
  participants: [
    { organizationId: ids.peru, role: 'requesting' },
    { organizationId: ids.oas, role: 'providing' },
  ],
  ...extra,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock, fileStore: store });
  ids.peru = await orgId('PE');
  ids.oas = await orgId('OAS');
  ids.chile = await orgId('CL');
  ids.idb = await orgId('IDB');
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', ids.peru);
  people.peruDelegate = await createActor(handle.db, 'state', 'delegate', ids.peru);
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', ids.oas);
  people.oasDelegate = await createActor(handle.db, 'jswg', 'delegate', ids.oas);
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', ids.chile);
  people.cso = await createActor(handle.db, 'civil_society', 'civil_society_member');
});
afterAll(() => handle.close());

describe('creating an initiative', () => {
  it('is the Secretariat’s alone, and validates every field without saving on a mistake', async () => {
    for (const who of ['peru', 'oas', 'chile', 'cso'] as const)
      expect(await services.initiatives.create(people[who], scratch()), who).toMatchObject({
        ok: false,
        kind: 'forbidden',
      });
    expect(await services.initiatives.create(null, scratch())).toMatchObject({ ok: false, kind: 'forbidden' });
    const fields = async (input: Record<string, unknown>) => {
      const r = await services.initiatives.create(people.secretariat, input);
      expect(r).toMatchObject({ ok: false, kind: 'invalid' });
      return !r.ok && r.kind === 'invalid' ? Object.keys(r.fieldErrors ?? {}) : [];
    };
    expect(await fields(scratch({ title: ' ' }))).toEqual(['title']);
    expect(await fields(scratch({ forms: ['picnic'] }))).toEqual(['forms.0']);
    expect(await fields(scratch({ forms: [] }))).toEqual(['forms']);
    expect(await fields(scratch({ endsOn: '2027-01-01' }))).toEqual(['endsOn']);
    expect(await fields(scratch({ mandates: [999] }))).toEqual(['mandates']);
    expect(await fields(scratch({ participants: [] }))).toEqual(['participants']);
    expect(
      await fields(scratch({ participants: [{ organizationId: people.cso.organizationId, role: 'co_operating' }] })),
    ).toEqual(['participants']);
    expect(await fields(scratch({ requestIds: [crypto.randomUUID()] }))).toEqual(['requestIds']);
    expect(await handle.db.select().from(initiatives)).toEqual([]);
  });

  it('from scratch: planned, with its participants and mandates, audited, and unseen by anyone outside it', async () => {
    const created = must(await services.initiatives.create(people.secretariat, scratch()));
    expect(created).toMatchObject({ status: 'planned', publishedAt: null, mandates: [1, 2], forms: ['training'] });
    expect(created.participants.map((p) => [p.code, p.role])).toEqual([
      ['PE', 'requesting'],
      ['OAS', 'providing'],
    ]);
    expect(await auditActions(created.id)).toEqual(['initiative.created']);
    expect((await services.initiatives.get(people.peruDelegate, created.id)).ok).toBe(true);
    for (const who of [people.chile, people.cso, null])
      expect(await services.initiatives.get(who, created.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await services.initiativesPublic.story(created.id)).toBeNull();
  });

  it('from a confirmed match in one click: prefilled from the request, linked to request, offer and match; once only', async () => {
    const { request, offer: o, match } = await confirmedMatch('Procurement audit methods');
    const created = must(await services.initiatives.createFromMatch(people.secretariat, match.id));
    expect(created).toMatchObject({
      title: request.title,
      summary: request.description,
      mandates: [1],
      status: 'planned',
    });
    expect(created.participants.map((p) => [p.organizationId, p.role])).toEqual([
      [ids.peru, 'requesting'],
      [ids.oas, 'providing'],
    ]);
    expect(created.links).toMatchObject({ requestIds: [request.id], offerIds: [o.id], matchIds: [match.id] });
    expect(await services.initiatives.createFromMatch(people.secretariat, match.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await services.initiatives.createFromMatch(people.peru, match.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    const pending = must(
      await services.requests.create(people.peru, { ...need, title: 'A need only proposed' }, { publish: true }),
    );
    const other = must(
      await services.offers.create(people.oas, { ...offer, title: 'Another offer for it' }, { publish: true }),
    );
    const proposed = must(
      await services.brokering.propose(people.secretariat, { requestId: pending.id, candidateId: other.id }),
    );
    expect(await services.initiatives.createFromMatch(people.secretariat, proposed.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await services.initiatives.createFromMatch(people.secretariat, 'nope')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
  });
});

describe('status moves the linked requests and the offer’s capacity, in the same transaction', () => {
  it('in progress, suspended, back, completed: request in_progress → matched → in_progress → fulfilled; the offer’s place is held, freed while suspended, taken back, freed at the end', async () => {
    const { request, offer: o, match } = await confirmedMatch('Beneficial ownership registry', 1);
    const initiative = must(await services.initiatives.createFromMatch(people.secretariat, match.id));
    const places = async () => (await services.matching.activeMatchesByOffer([o.id])).get(o.id) ?? 0;
    expect(await requestStatus(request.id)).toBe('matched');
    // The match's place became the initiative's: counted once.
    expect(await places()).toBe(1);

    must(await services.initiatives.setStatus(people.secretariat, initiative.id, 'in_progress'));
    expect(await requestStatus(request.id)).toBe('in_progress');
    expect(await places()).toBe(1);
    must(await services.initiatives.setStatus(people.secretariat, initiative.id, 'suspended'));
    expect(await requestStatus(request.id)).toBe('matched');
    expect(await places()).toBe(0);
    must(await services.initiatives.setStatus(people.secretariat, initiative.id, 'in_progress'));
    expect(await places()).toBe(1);
    must(await services.initiatives.setStatus(people.secretariat, initiative.id, 'completed'));
    expect(await requestStatus(request.id)).toBe('fulfilled');
    expect(await places()).toBe(0);
    // Completed is final.
    expect(await services.initiatives.setStatus(people.secretariat, initiative.id, 'in_progress')).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await services.initiatives.setStatus(people.peru, initiative.id, 'suspended')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await auditActions(initiative.id)).toContain('initiative.status_changed');
  });

  it('a request shared by two initiatives is fulfilled when the last one completes, and a withdrawn request never moves', async () => {
    const { request, match } = await confirmedMatch('Judicial integrity training');
    const first = must(await services.initiatives.createFromMatch(people.secretariat, match.id));
    const second = must(
      await services.initiatives.create(
        people.secretariat,
        scratch({ title: 'Judicial integrity follow-up', requestIds: [request.id] }),
      ),
    );
    must(await services.initiatives.setStatus(people.secretariat, first.id, 'in_progress'));
    must(await services.initiatives.setStatus(people.secretariat, second.id, 'in_progress'));
    must(await services.initiatives.setStatus(people.secretariat, first.id, 'completed'));
    expect(await requestStatus(request.id)).toBe('in_progress');
    // Suspending the other leaves it in progress? No: nothing else is under way, so it goes back to matched.
    must(await services.initiatives.setStatus(people.secretariat, second.id, 'suspended'));
    expect(await requestStatus(request.id)).toBe('matched');
    must(await services.initiatives.setStatus(people.secretariat, second.id, 'in_progress'));
    must(await services.initiatives.setStatus(people.secretariat, second.id, 'completed'));
    expect(await requestStatus(request.id)).toBe('fulfilled');

    const { request: gone, match: other } = await confirmedMatch('Open contracting data');
    const third = must(await services.initiatives.createFromMatch(people.secretariat, other.id));
    await handle.db.update(assistanceRequests).set({ status: 'withdrawn' }).where(eq(assistanceRequests.id, gone.id));
    must(await services.initiatives.setStatus(people.secretariat, third.id, 'in_progress'));
    must(await services.initiatives.setStatus(people.secretariat, third.id, 'completed'));
    expect(await requestStatus(gone.id)).toBe('withdrawn');
  });
});

describe('an initiative holds a place in its offers while planned or in progress', () => {
  const places = async (offerId: string) => (await services.matching.activeMatchesByOffer([offerId])).get(offerId) ?? 0;
  const statusOf = async (id: string) =>
    (await handle.db.select({ status: initiatives.status }).from(initiatives).where(eq(initiatives.id, id)))[0].status;

  it('from scratch it takes a place (the brokering then refuses a match on the full offer), a full offer refuses a second one, suspending frees the place and taking up again needs it back', async () => {
    const o = must(
      await services.offers.create(
        people.oas,
        { ...offer, title: 'Asset declaration verification support', capacity: 1 },
        { publish: true },
      ),
    );
    expect(await places(o.id)).toBe(0);
    const first = must(
      await services.initiatives.create(people.secretariat, scratch({ title: 'Capacity first', offerIds: [o.id] })),
    );
    expect(await places(o.id)).toBe(1);
    const request = must(
      await services.requests.create(people.peru, { ...need, title: 'Capacity: a new need' }, { publish: true }),
    );
    expect(
      await services.brokering.propose(people.secretariat, { requestId: request.id, candidateId: o.id }),
    ).toMatchObject({ ok: false, kind: 'conflict' });

    const refused = await services.initiatives.create(
      people.secretariat,
      scratch({ title: 'Capacity second', offerIds: [o.id] }),
    );
    expect(refused).toMatchObject({ ok: false, kind: 'conflict' });
    expect(!refused.ok && refused.message).toMatch(/no place left/);
    expect(await handle.db.select().from(initiatives).where(eq(initiatives.title, 'Capacity second'))).toEqual([]);

    must(await services.initiatives.setStatus(people.secretariat, first.id, 'suspended'));
    expect(await places(o.id)).toBe(0);
    const second = must(
      await services.initiatives.create(people.secretariat, scratch({ title: 'Capacity second', offerIds: [o.id] })),
    );
    expect(await places(o.id)).toBe(1);
    // The place went to the second: the first cannot be taken up again, and nothing of the attempt stays.
    expect(await services.initiatives.setStatus(people.secretariat, first.id, 'in_progress')).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await services.initiatives.setStatus(people.secretariat, first.id, 'planned')).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await statusOf(first.id)).toBe('suspended');
    expect(await auditActions(first.id)).toEqual(['initiative.created', 'initiative.status_changed']);
    // A participant's proposal to take it up is refused on acceptance too, and stays pending.
    const proposal = must(await services.initiatives.proposeUpdate(people.peru, first.id, { status: 'in_progress' }));
    expect(await services.initiatives.decideUpdate(people.secretariat, proposal.id, 'accept')).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await statusOf(first.id)).toBe('suspended');

    // In progress holds, completed frees; then the first takes the place back through the accepted proposal.
    must(await services.initiatives.setStatus(people.secretariat, second.id, 'in_progress'));
    expect(await places(o.id)).toBe(1);
    must(await services.initiatives.setStatus(people.secretariat, second.id, 'completed'));
    expect(await places(o.id)).toBe(0);
    must(await services.initiatives.decideUpdate(people.secretariat, proposal.id, 'accept'));
    expect(await statusOf(first.id)).toBe('in_progress');
    expect(await places(o.id)).toBe(1);
    must(await services.initiatives.setStatus(people.secretariat, first.id, 'completed'));
    expect(await places(o.id)).toBe(0);
  });

  it('a failure while the status moves rolls back the status, the requests and the place together', async () => {
    const { request, offer: o, match } = await confirmedMatch('Capacity rollback', 1);
    const initiative = must(await services.initiatives.createFromMatch(people.secretariat, match.id));
    must(await services.initiatives.setStatus(people.secretariat, initiative.id, 'in_progress'));
    expect(await places(o.id)).toBe(1);
    // The database refuses to fulfil this request: the last write of the status change fails.
    await handle.db.execute(`
      create function refuse_fulfil() returns trigger language plpgsql as $$
      begin
        if new.status = 'fulfilled' and new.id = '${request.id}' then raise exception 'refused by the test'; end if;
        return new;
      end $$`);
    await handle.db.execute(
      'create trigger refuse_fulfil before update on assistance_requests for each row execute function refuse_fulfil()',
    );
    try {
      await expect(services.initiatives.setStatus(people.secretariat, initiative.id, 'completed')).rejects.toThrow();
    } finally {
      await handle.db.execute('drop trigger refuse_fulfil on assistance_requests');
      await handle.db.execute('drop function refuse_fulfil()');
    }
    expect(await statusOf(initiative.id)).toBe('in_progress');
    expect(await requestStatus(request.id)).toBe('in_progress');
    expect(await places(o.id)).toBe(1);
    expect((await auditActions(initiative.id)).filter((a) => a === 'initiative.status_changed')).toHaveLength(1);

    must(await services.initiatives.setStatus(people.secretariat, initiative.id, 'completed'));
    expect(await requestStatus(request.id)).toBe('fulfilled');
    expect(await places(o.id)).toBe(0);
  });
});

describe('funding is published only when every participant agreed', () => {
  it('is seen by participants and the Secretariat until then, never by anyone else or the public; agreement is per organization, by focal points', async () => {
    const created = must(
      await services.initiatives.create(people.secretariat, scratch({ title: 'Funding canary initiative' })),
    );
    must(await services.initiatives.setPublished(people.secretariat, created.id, true));
    expect(
      await services.initiatives.addFunding(people.peru, created.id, { source: 'X', amount: 1, currency: 'USD' }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      await services.initiatives.addFunding(people.secretariat, created.id, {
        source: 'Canary Fund',
        amount: 'lots',
        currency: 'dollars',
      }),
    ).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { amount: expect.any(Array), currency: expect.any(Array) },
    });
    const withFunding = must(
      await services.initiatives.addFunding(people.secretariat, created.id, {
        source: 'CANARY-FUND-7731',
        amount: '25000',
        currency: 'usd',
      }),
    );
    const funding = withFunding.funding[0];
    expect(funding).toMatchObject({
      source: 'CANARY-FUND-7731',
      amount: '25000.00',
      currency: 'USD',
      agreedByAll: false,
    });

    const publicText = async () =>
      JSON.stringify([
        await services.initiativesPublic.story(created.id),
        await services.initiativesPublic.registry(),
        await services.initiativesPublic.exportPublished('csv'),
        await services.initiativesPublic.exportPublished('json'),
      ]);
    for (const who of ['secretariat', 'peru', 'peruDelegate', 'oas', 'oasDelegate'] as const)
      expect(must(await services.initiatives.get(people[who], created.id)).funding, who).toHaveLength(1);
    for (const who of [people.chile, people.cso, null])
      expect(await services.initiatives.get(who, created.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await publicText()).not.toContain('CANARY-FUND-7731');

    expect(await services.initiatives.agreeFunding(people.peruDelegate, funding.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.initiatives.agreeFunding(people.chile, funding.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.initiatives.agreeFunding(people.secretariat, funding.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    must(await services.initiatives.agreeFunding(people.peru, funding.id));
    expect(await services.initiatives.agreeFunding(people.peru, funding.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await publicText()).not.toContain('CANARY-FUND-7731');
    const agreed = must(await services.initiatives.agreeFunding(people.oas, funding.id));
    expect(agreed.funding[0]).toMatchObject({
      agreedByAll: true,
      agreements: [{ organizationId: ids.peru }, { organizationId: ids.oas }],
    });
    expect((await services.initiativesPublic.story(created.id))!.funding).toEqual([
      { source: 'CANARY-FUND-7731', amount: '25000.00', currency: 'USD' },
    ]);
    expect(await services.initiativesPublic.exportPublished('csv')).toContain('CANARY-FUND-7731: 25000.00 USD');

    // A new participant has not agreed: the funding is withheld again until it does.
    must(
      await services.initiatives.addParticipant(people.secretariat, created.id, {
        organizationId: ids.idb,
        role: 'funding',
      }),
    );
    expect(await publicText()).not.toContain('CANARY-FUND-7731');
    expect(await auditActions(created.id)).toEqual(
      expect.arrayContaining([
        'initiative.funding_recorded',
        'initiative.funding_agreed',
        'initiative.participant_added',
        'initiative.published',
      ]),
    );
  });
});

describe('outcomes', () => {
  it('logged by the Secretariat, agreed by every participant, then published; versions keep history; an unpublished outcome never reaches the public', async () => {
    const created = must(
      await services.initiatives.create(people.secretariat, scratch({ title: 'Outcome canary initiative' })),
    );
    must(await services.initiatives.setPublished(people.secretariat, created.id, true));
    expect(
      await services.initiatives.logOutcome(people.peru, created.id, { text: 'Officials trained in asset checks.' }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      await services.initiatives.logOutcome(people.secretariat, created.id, {
        text: 'short',
        figures: 'officials trained: many',
      }),
    ).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { text: expect.any(Array), 'figures.0.value': expect.any(Array) },
    });
    const outcome = must(
      await services.initiatives.logOutcome(people.secretariat, created.id, {
        text: 'OUTCOME-CANARY-4410: officials trained.',
        startedOn: '2027-04-01',
        endedOn: '2027-05-01',
        figures: 'Officials trained: 1,200',
      }),
    );
    expect(outcome).toMatchObject({
      status: 'proposed',
      version: 1,
      figures: [{ label: 'Officials trained', value: 1200 }],
    });
    expect(await services.initiatives.publishOutcome(people.secretariat, outcome.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await services.initiatives.agreeOutcome(people.chile, outcome.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.initiatives.agreeOutcome(people.oasDelegate, outcome.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(must(await services.initiatives.agreeOutcome(people.peru, outcome.id)).status).toBe('proposed');
    const publicText = async () =>
      JSON.stringify([
        await services.initiativesPublic.story(created.id),
        await services.initiativesPublic.exportPublished('csv'),
        await services.initiativesPublic.exportPublished('json'),
      ]);
    expect(await publicText()).not.toContain('OUTCOME-CANARY-4410');
    expect(must(await services.initiatives.agreeOutcome(people.oas, outcome.id)).status).toBe('agreed');
    expect(await publicText()).not.toContain('OUTCOME-CANARY-4410');
    expect(await services.initiatives.publishOutcome(people.peru, outcome.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    must(await services.initiatives.publishOutcome(people.secretariat, outcome.id));
    expect((await services.initiativesPublic.story(created.id))!.outcomes).toMatchObject([
      { text: 'OUTCOME-CANARY-4410: officials trained.', version: 1 },
    ]);

    // A correction is a new version; the published one stays public until the correction is published.
    const corrected = must(
      await services.initiatives.correctOutcome(people.oas, outcome.id, {
        text: 'OUTCOME-CANARY-4410: officials trained, corrected.',
        figures: [{ label: 'Officials trained', value: 1150 }],
      }),
    );
    expect(corrected).toMatchObject({
      seriesId: outcome.seriesId,
      version: 2,
      status: 'proposed',
      proposedByOrganizationId: ids.oas,
    });
    expect((await services.initiativesPublic.story(created.id))!.outcomes).toMatchObject([{ version: 1 }]);
    must(await services.initiatives.agreeOutcome(people.peru, corrected.id));
    must(await services.initiatives.publishOutcome(people.secretariat, corrected.id));
    expect((await services.initiativesPublic.story(created.id))!.outcomes).toMatchObject([
      { version: 2, figures: [{ value: 1150 }] },
    ]);
    const record = must(await services.initiatives.get(people.secretariat, created.id));
    expect(record.outcomes.map((o) => [o.version, o.status, o.superseded])).toEqual([
      [1, 'published', true],
      [2, 'published', false],
    ]);
  });

  it('proposed by a participant, declined by the Secretariat with a reason; an unpublished initiative shows nothing at all', async () => {
    const created = must(
      await services.initiatives.create(
        people.secretariat,
        scratch({ title: 'Unpublished canary initiative', summary: 'HIDDEN-INITIATIVE-CANARY summary text here.' }),
      ),
    );
    expect(
      await services.initiatives.proposeOutcome(people.peruDelegate, created.id, { text: 'A proposal by a delegate.' }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      await services.initiatives.proposeOutcome(people.chile, created.id, { text: 'A proposal by an outsider.' }),
    ).toMatchObject({ ok: false, kind: 'not_found' });
    const proposal = must(
      await services.initiatives.proposeOutcome(people.peru, created.id, { text: 'Peru says a manual was written.' }),
    );
    expect(proposal).toMatchObject({ status: 'proposed', proposedByOrganizationId: ids.peru });
    expect(await services.initiatives.declineOutcome(people.secretariat, proposal.id, '')).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    expect(
      must(
        await services.initiatives.declineOutcome(
          people.secretariat,
          proposal.id,
          'Not an outcome of this initiative.',
        ),
      ),
    ).toMatchObject({ status: 'declined' });
    expect(
      JSON.stringify([
        await services.initiativesPublic.registry(),
        await services.initiativesPublic.exportPublished('json'),
      ]),
    ).not.toContain('HIDDEN-INITIATIVE-CANARY');
  });
});

describe('updates proposed by participants', () => {
  it('a focal point proposes, the Secretariat accepts (status effects included) or declines; others cannot', async () => {
    const { request, match } = await confirmedMatch('Lobbying register design');
    const created = must(await services.initiatives.createFromMatch(people.secretariat, match.id));
    expect(
      await services.initiatives.proposeUpdate(people.peruDelegate, created.id, { status: 'in_progress' }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.initiatives.proposeUpdate(people.chile, created.id, { status: 'in_progress' })).toMatchObject(
      { ok: false, kind: 'not_found' },
    );
    expect(await services.initiatives.proposeUpdate(people.peru, created.id, {})).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    const proposal = must(
      await services.initiatives.proposeUpdate(people.peru, created.id, {
        status: 'in_progress',
        endsOn: '2027-12-31',
        note: 'Work started.',
      }),
    );
    const declined = must(
      await services.initiatives.proposeUpdate(people.oas, created.id, { title: 'A title the OAS prefers' }),
    );
    expect(await services.initiatives.decideUpdate(people.peru, proposal.id, 'accept')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    // The OAS does not read Peru's proposals.
    expect(must(await services.initiatives.get(people.oas, created.id)).updates.map((u) => u.id)).toEqual([
      declined.id,
    ]);
    const accepted = must(await services.initiatives.decideUpdate(people.secretariat, proposal.id, 'accept'));
    expect(accepted).toMatchObject({ status: 'in_progress', endsOn: '2027-12-31' });
    expect(await requestStatus(request.id)).toBe('in_progress');
    expect(await services.initiatives.decideUpdate(people.secretariat, proposal.id, 'decline')).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(must(await services.initiatives.decideUpdate(people.secretariat, declined.id, 'decline')).title).toBe(
      created.title,
    );
    expect(await auditActions(created.id)).toEqual(
      expect.arrayContaining([
        'initiative.update_proposed',
        'initiative.update_accepted',
        'initiative.update_declined',
      ]),
    );
  });
});

describe('the meetings in the public story', () => {
  it('tells the meetings held or scheduled in the linked roundtable and a linked meeting, by date, with title and time only; never a cancelled one, another room’s, or anything before publication', async () => {
    const room = must(
      await services.roundtables.create(people.secretariat, {
        title: 'Whistleblower law working roundtable',
        kind: 'working_roundtable',
        organizationIds: [ids.peru, ids.oas],
      }),
    );
    const other = must(
      await services.roundtables.create(people.secretariat, {
        title: 'An unrelated roundtable',
        kind: 'working_roundtable',
        organizationIds: [ids.peru, ids.oas],
      }),
    );
    const meet = async (roomId: string, title: string, start: string) =>
      must(
        await services.videoconferences.schedule(people.secretariat, roomId, {
          title,
          start,
          timeZone: 'America/Lima',
          durationMinutes: 90,
          agenda: `MEETING-CANARY agenda of ${title}`,
        }),
      );
    const second = await meet(room.id, 'Second call: the draft', '2027-04-12T10:00');
    const first = await meet(room.id, 'First call: the scope', '2027-03-08T10:00');
    const dropped = await meet(room.id, 'MEETING-CANARY cancelled call', '2027-03-20T10:00');
    must(await services.videoconferences.cancel(people.secretariat, dropped.id));
    const elsewhere = await meet(other.id, 'MEETING-CANARY other room call', '2027-03-09T10:00');
    const linkedOnly = await meet(other.id, 'Follow-up call linked by itself', '2027-05-03T16:00');
    // The first call was held (LiveKit's webhooks set these).
    await handle.db
      .update(meetings)
      .set({
        status: 'ended',
        startedAt: new Date('2027-03-08T15:01:00Z'),
        endedAt: new Date('2027-03-08T16:20:00Z'),
      })
      .where(eq(meetings.id, first.id));

    const created = must(
      await services.initiatives.create(
        people.secretariat,
        scratch({ title: 'Initiative with meetings', roundtableIds: [room.id] }),
      ),
    );
    await handle.db.insert(initiativeLinks).values({ initiativeId: created.id, meetingId: linkedOnly.id });
    expect(await services.initiativesPublic.story(created.id)).toBeNull();
    must(await services.initiatives.setPublished(people.secretariat, created.id, true));

    const story = (await services.initiativesPublic.story(created.id))!;
    expect(story.meetings).toEqual([
      {
        id: first.id,
        roundtableId: room.id,
        title: 'First call: the scope',
        startsAt: new Date('2027-03-08T15:00:00Z'),
        durationMinutes: 90,
        timeZone: 'America/Lima',
        status: 'ended',
      },
      expect.objectContaining({ id: second.id, status: 'scheduled', startsAt: new Date('2027-04-12T15:00:00Z') }),
      expect.objectContaining({ id: linkedOnly.id, status: 'scheduled', roundtableId: other.id }),
    ]);
    for (const m of story.meetings)
      expect(Object.keys(m).sort()).toEqual(
        ['durationMinutes', 'id', 'roundtableId', 'startsAt', 'status', 'timeZone', 'title'].sort(),
      );
    expect(JSON.stringify(story)).not.toContain('MEETING-CANARY');
    expect(JSON.stringify(story)).not.toContain(elsewhere.id);
  });
});

describe('the public registry', () => {
  it('filters by mandate, organization, form, status and year, paginates, and counts by status and section', async () => {
    clock = new Date('2027-09-01T12:00:00Z');
    const a = must(
      await services.initiatives.create(
        people.secretariat,
        scratch({ title: 'Registry filter one', forms: ['exchange_visit'], mandates: [3] }),
      ),
    );
    const b = must(
      await services.initiatives.create(
        people.secretariat,
        scratch({
          title: 'Registry filter two',
          forms: ['videoconference'],
          mandates: [3],
          startsOn: '2028-01-10',
          endsOn: '2028-02-01',
          participants: [{ organizationId: ids.chile, role: 'co_operating' }],
        }),
      ),
    );
    must(await services.initiatives.setPublished(people.secretariat, a.id, true));
    must(await services.initiatives.setPublished(people.secretariat, b.id, true));
    must(await services.initiatives.setStatus(people.secretariat, b.id, 'in_progress'));
    const titles = async (query: Record<string, unknown>) =>
      (await services.initiativesPublic.registry(query)).items.map((i) => i.title).sort();
    expect(await titles({ mandate: '3' })).toEqual(['Registry filter one', 'Registry filter two']);
    expect(await titles({ mandate: '3', organization: 'CL' })).toEqual(['Registry filter two']);
    expect(await titles({ form: 'exchange_visit' })).toEqual(['Registry filter one']);
    expect(await titles({ mandate: '3', status: 'in_progress' })).toEqual(['Registry filter two']);
    expect(await titles({ mandate: '3', year: '2028' })).toEqual(['Registry filter two']);
    // Nonsense filters are ignored, not errors.
    expect((await services.initiativesPublic.registry({ mandate: 'x', status: 'gone', page: '-3' })).page).toBe(1);
    const all = await services.initiativesPublic.registry({ mandate: '3' });
    expect(all.counts.byStatus.find((s) => s.status === 'in_progress')!.n).toBe(1);
    expect(all.counts.byStatus.reduce((n, s) => n + s.n, 0)).toBe(2);
    expect(all.counts.bySection.reduce((n, s) => n + s.n, 0)).toBe(2);
    expect(all.counts.byForm.filter((f) => f.n > 0)).toEqual([
      { form: 'videoconference', n: 1 },
      { form: 'exchange_visit', n: 1 },
    ]);
    // Unpublishing removes it from the registry.
    must(await services.initiatives.setPublished(people.secretariat, a.id, false));
    expect(await titles({ mandate: '3' })).toEqual(['Registry filter two']);
  });

  it('CSV cells are formula-safe', async () => {
    const created = must(
      await services.initiatives.create(people.secretariat, scratch({ title: '=HYPERLINK("http://x") training' })),
    );
    must(await services.initiatives.setPublished(people.secretariat, created.id, true));
    expect(await services.initiativesPublic.exportPublished('csv')).toContain(`"'=HYPERLINK(""http://x"") training"`);
  });
});

describe('outcome documents', () => {
  it('go through the upload checks, are attached while the outcome waits for agreement, and are public only once it is published', async () => {
    const created = must(
      await services.initiatives.create(people.secretariat, scratch({ title: 'Documents initiative' })),
    );
    const outcome = must(
      await services.initiatives.logOutcome(people.secretariat, created.id, {
        text: 'A manual on asset checks was written.',
      }),
    );
    const d = services.initiativeDocuments;
    expect(await d.upload(people.chile, outcome.id, {}, file('report.pdf', makePdf('x')))).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await d.upload(people.peruDelegate, outcome.id, {}, file('report.pdf', makePdf('x')))).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(
      await d.upload(people.peru, outcome.id, {}, file('tool.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 1, 2, 3]))),
    ).toMatchObject({ ok: false, kind: 'invalid' });
    const keysBefore = store.keys().length;
    const doc = must(
      await d.upload(
        people.peru,
        outcome.id,
        { title: 'The manual' },
        file('manual.pdf', makePdf('Asset checks manual')),
      ),
    );
    expect(doc).toMatchObject({ title: 'The manual', fileName: 'manual.pdf', mediaType: 'application/pdf' });
    expect(store.keys().length).toBe(keysBefore + 1);
    expect(must(await services.initiatives.get(people.oas, created.id)).outcomes[0].documents).toMatchObject([
      { id: doc.id, title: 'The manual' },
    ]);
    expect(await auditActions(created.id)).toContain('initiative.outcome_document_added');

    // Not public: neither the initiative nor the outcome is published.
    expect(await d.download(null, doc.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await d.download(people.chile, doc.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect((await d.download(people.oasDelegate, doc.id)).ok).toBe(true);

    must(await services.initiatives.agreeOutcome(people.peru, outcome.id));
    must(await services.initiatives.agreeOutcome(people.oas, outcome.id));
    // Agreed: what was agreed does not change any more.
    expect(await d.upload(people.secretariat, outcome.id, {}, file('late.pdf', makePdf('late')))).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    must(await services.initiatives.publishOutcome(people.secretariat, outcome.id));
    expect(await d.download(null, doc.id)).toMatchObject({ ok: false, kind: 'not_found' }); // the initiative is still unpublished
    must(await services.initiatives.setPublished(people.secretariat, created.id, true));
    expect((await d.download(null, doc.id)).ok).toBe(true);
    expect((await services.initiativesPublic.story(created.id))!.outcomes[0].documents).toMatchObject([
      { id: doc.id, fileName: 'manual.pdf' },
    ]);
  });
});

describe('the Atom feed', () => {
  it('lists newly published initiatives and published outcomes, never an unpublished initiative or an outcome waiting for agreement', async () => {
    clock = new Date('2027-10-01T12:00:00Z');
    const shown = must(
      await services.initiatives.create(people.secretariat, scratch({ title: 'Feed: published initiative' })),
    );
    const hidden = must(
      await services.initiatives.create(people.secretariat, scratch({ title: 'Feed: FEED-HIDDEN-CANARY' })),
    );
    must(await services.initiatives.setPublished(people.secretariat, shown.id, true));
    const waiting = must(
      await services.initiatives.logOutcome(people.secretariat, shown.id, {
        text: 'FEED-WAITING-CANARY outcome text.',
      }),
    );
    clock = new Date('2027-10-02T12:00:00Z');
    const done = must(
      await services.initiatives.logOutcome(people.secretariat, shown.id, {
        text: 'Feed: an agreed and published outcome.',
      }),
    );
    must(await services.initiatives.agreeOutcome(people.peru, done.id));
    must(await services.initiatives.agreeOutcome(people.oas, done.id));
    must(await services.initiatives.publishOutcome(people.secretariat, done.id));
    const hiddenOutcome = must(
      await services.initiatives.logOutcome(people.secretariat, hidden.id, { text: 'FEED-HIDDEN-CANARY outcome.' }),
    );
    must(await services.initiatives.agreeOutcome(people.peru, hiddenOutcome.id));
    must(await services.initiatives.agreeOutcome(people.oas, hiddenOutcome.id));
    must(await services.initiatives.publishOutcome(people.secretariat, hiddenOutcome.id));
    const feed = await services.initiativesPublic.feed();
    expect(feed.slice(0, 2).map((e) => [e.kind, e.title])).toEqual([
      ['outcome', 'Feed: published initiative'],
      ['initiative', 'Feed: published initiative'],
    ]);
    expect(JSON.stringify(feed)).not.toContain('FEED-HIDDEN-CANARY');
    expect(JSON.stringify(feed)).not.toContain('FEED-WAITING-CANARY');
    expect(waiting.status).toBe('proposed');
  });
});

describe('the lengths the pages are given (textLimits)', () => {
  it('are the lengths the services accept: each field takes exactly its limit and refuses one character more, naming the field', async () => {
    const limits = services.initiatives.textLimits;
    const text = (length: number) => 'a'.repeat(length);
    const refusedOn = (result: unknown, field: string) => {
      expect(result).toMatchObject({ ok: false, kind: 'invalid' });
      const fieldErrors = (result as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};
      expect(
        Object.keys(fieldErrors).some((key) => key === field || key.startsWith(`${field}.`)),
        field,
      ).toBe(true);
    };
    const s = services.initiatives;
    const create = (extra: Record<string, unknown>) => s.create(people.secretariat, scratch(extra));
    refusedOn(await create({ title: text(limits.title + 1) }), 'title');
    refusedOn(await create({ summary: text(limits.summary + 1) }), 'summary');
    const created = must(await create({ title: text(limits.title), summary: text(limits.summary) }));

    refusedOn(await s.logOutcome(people.secretariat, created.id, { text: text(limits.outcome + 1) }), 'text');
    refusedOn(
      await s.logOutcome(people.secretariat, created.id, {
        text: 'Officials trained.',
        figures: [{ label: text(limits.figureLabel + 1), value: 1 }],
      }),
      'figures',
    );
    const outcome = must(
      await s.logOutcome(people.secretariat, created.id, {
        text: text(limits.outcome),
        figures: [{ label: text(limits.figureLabel), value: 1 }],
      }),
    );

    refusedOn(
      await s.proposeUpdate(people.peru, created.id, { status: 'in_progress', note: text(limits.note + 1) }),
      'note',
    );
    must(await s.proposeUpdate(people.peru, created.id, { status: 'in_progress', note: text(limits.note) }));

    const funding = (source: string, currency = 'USD') =>
      s.addFunding(people.secretariat, created.id, { source, amount: '1000', currency });
    refusedOn(await funding(text(limits.fundingSource + 1)), 'source');
    refusedOn(await funding('A fund', 'USDX'), 'currency');
    expect('USD').toHaveLength(limits.currency);
    must(await funding(text(limits.fundingSource)));

    const upload = (title: string) =>
      services.initiativeDocuments.upload(people.secretariat, outcome.id, { title }, file('manual.pdf', makePdf('x')));
    refusedOn(await upload(text(limits.documentTitle + 1)), 'title');
    must(await upload(text(limits.documentTitle)));

    const ask = (reason: string) =>
      services.initiativeWithholdings.ask(people.peru, created.id, {
        part: 'outcome',
        partId: outcome.seriesId,
        reason,
      });
    refusedOn(await ask(text(limits.withholdingReason + 1)), 'reason');
    must(await ask(text(limits.withholdingReason)));
  });
});
