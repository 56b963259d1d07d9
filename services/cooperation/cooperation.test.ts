import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { assistanceRequests, mailOutbox, matches, notifications, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { servicesEs } from '../messages/es';
import { createLocalizer, localizeServices } from '../messages/localize';

let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<
  'peruCoordinator' | 'peruDelegate' | 'chileDelegate' | 'chileCoordinator' | 'oas' | 'idb' | 'secretariat',
  Actor
>;

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
  types: ['legislative', 'capacity_building'],
  languages: ['es', 'en'],
  modality: 'virtual',
  capacity: 1,
};

async function orgId(code: string) {
  const [row] = await handle.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.code, code));
  return row.id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.peruCoordinator = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.peruDelegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
  people.chileDelegate = await createActor(handle.db, 'state', 'delegate', await orgId('CL'));
  people.chileCoordinator = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.idb = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('IDB'));
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
});
afterAll(() => handle.close());

const rowCount = async () => (await handle.db.select({ n: count() }).from(assistanceRequests))[0].n;

describe('assistance requests', () => {
  it('rejects an unknown mandate, an unknown type, an empty (to publish) or enormous description, and writes nothing', async () => {
    const before = await rowCount();
    // A draft may have no description yet (issue 15 item 6); publishing needs one.
    const cases: Array<[Record<string, unknown>, string, Actor?, boolean?]> = [
      [{ ...need, mandates: [99] }, 'mandates'],
      [{ ...need, types: ['bribery'] }, 'types.0'],
      [{ ...need, description: '' }, 'description', people.peruCoordinator, true],
      [{ ...need, description: 'x'.repeat(5001) }, 'description'],
      [{ ...need, neededFrom: '2027-05-01', neededTo: '2027-01-01' }, 'neededTo'],
    ];
    for (const [input, field, actor, publish] of cases) {
      const result = await services.requests.create(actor ?? people.peruDelegate, input, { publish });
      expect(result, field).toMatchObject({ ok: false, kind: 'invalid' });
      if (!result.ok && result.kind === 'invalid')
        expect(Object.keys(result.fieldErrors ?? {}), field).toContain(field);
    }
    expect(await rowCount()).toBe(before);
  });

  it('lets a delegate draft but only a focal point publish, and hides drafts from other States', async () => {
    const draft = await services.requests.create(people.peruDelegate, need);
    if (!draft.ok) throw new Error(draft.message);
    expect(draft.value).toMatchObject({ publishedAt: null, status: 'open', mandates: [1], organizationCode: 'PE' });
    expect(await services.requests.publish(people.peruDelegate, draft.value.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.requests.get(people.chileDelegate, draft.value.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.requests.get(null, draft.value.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(
      await services.requests.update(people.chileCoordinator, draft.value.id, { ...need, title: 'Hijacked title' }),
    ).toMatchObject({ ok: false, kind: 'not_found' });
    expect((await services.requests.publish(people.peruCoordinator, draft.value.id)).ok).toBe(true);
    expect(await services.requests.get(people.chileDelegate, draft.value.id)).toMatchObject({ ok: true });
    expect(await services.requests.publish(people.peruCoordinator, draft.value.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
  });

  it('refuses requests from JSWG organizations and anonymous visitors', async () => {
    expect(await services.requests.create(people.oas, need)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.requests.create(null, need)).toMatchObject({ ok: false, kind: 'forbidden' });
  });
});

describe('cooperation offers', () => {
  it('rejects a capacity below zero', async () => {
    const result = await services.offers.create(people.oas, { ...offer, capacity: -1 });
    expect(result).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { capacity: [expect.stringMatching(/below zero/)] },
    });
  });

  it('keeps drafts private and publishes for everyone', async () => {
    const draft = await services.offers.create(people.oas, offer);
    if (!draft.ok) throw new Error(draft.message);
    expect(draft.value.kind).toBe('jswg');
    expect(await services.offers.get(null, draft.value.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await services.offers.publish(people.idb, draft.value.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect((await services.offers.publish(people.oas, draft.value.id)).ok).toBe(true);
    expect(await services.offers.get(null, draft.value.id)).toMatchObject({ ok: true, value: { status: 'published' } });
  });

  it('records a State offering peer support as a peer_state offer', async () => {
    const peer = await services.offers.create(
      people.chileCoordinator,
      { ...offer, title: 'Peer exchange on whistleblower channels' },
      { publish: true },
    );
    expect(peer).toMatchObject({ ok: true, value: { kind: 'peer_state', status: 'published' } });
  });
});

describe('matching and brokering', () => {
  let requestId: string;
  let offerId: string;

  beforeAll(async () => {
    const request = await services.requests.create(
      people.peruCoordinator,
      { ...need, title: 'Whistleblower law, second need' },
      { publish: true },
    );
    const published = await services.offers.create(
      people.oas,
      { ...offer, title: 'Whistleblower model law workshop' },
      { publish: true },
    );
    if (!request.ok || !published.ok) throw new Error('setup failed');
    requestId = request.value.id;
    offerId = published.value.id;
  });

  it('ranks the published offer for the request, with contributions that add up to the score, for the Secretariat only', async () => {
    const ranking = await services.matching.rankingFor(people.secretariat, requestId);
    if (!ranking.ok) throw new Error(ranking.message);
    const candidate = ranking.value.find((c) => c.offerId === offerId);
    expect(candidate).toBeDefined();
    expect(candidate!.organizationCode).toBe('OAS');
    const sum = candidate!.contributions.reduce((total, c) => total + c.contribution, 0);
    expect(sum).toBeCloseTo(candidate!.score, 9);
    expect(ranking.value.every((c) => c.organizationId !== people.peruCoordinator.organizationId)).toBe(true);
    expect(await services.matching.rankingFor(people.peruCoordinator, requestId)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
  });

  it('picks up a new request without a full recompute', async () => {
    const fresh = await services.requests.create(
      people.peruCoordinator,
      { ...need, title: 'A fresh need on whistleblowers' },
      { publish: true },
    );
    if (!fresh.ok) throw new Error(fresh.message);
    const ranking = await services.matching.rankingFor(people.secretariat, fresh.value.id);
    expect(ranking.ok && ranking.value.some((c) => c.offerId === offerId)).toBe(true);
  });

  it('runs the whole workflow: propose, both accept, confirmed, with notifications and timestamps', async () => {
    expect(await services.brokering.propose(people.oas, { requestId, candidateId: offerId })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    const proposed = await services.brokering.propose(people.secretariat, { requestId, candidateId: offerId });
    if (!proposed.ok) throw new Error(proposed.message);
    expect(proposed.value).toMatchObject({
      status: 'proposed',
      providerOrganizationCode: 'OAS',
      requestOrganizationCode: 'PE',
    });
    expect(proposed.value.score).toBeGreaterThan(0);
    expect(await services.brokering.propose(people.secretariat, { requestId, candidateId: offerId })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(
      (await services.requests.get(people.peruCoordinator, requestId)).ok &&
        (await services.requests.get(people.peruCoordinator, requestId)),
    ).toMatchObject({ value: { status: 'in_brokering' } });

    const matchId = proposed.value.id;
    // Not a side: invisible. Another JSWG organization cannot decide for the OAS.
    expect(await services.brokering.decide(people.idb, matchId, { decision: 'accepted' })).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.brokering.decide(people.chileCoordinator, matchId, { decision: 'accepted' })).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    // A delegate of the requesting State sees it but cannot decide.
    expect(await services.brokering.decide(people.peruDelegate, matchId, { decision: 'accepted' })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });

    expect(await services.brokering.decide(people.oas, matchId, { decision: 'accepted' })).toMatchObject({
      ok: true,
      value: { status: 'proposed', providerDecision: 'accepted' },
    });
    expect(await services.brokering.decide(people.oas, matchId, { decision: 'accepted' })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    const confirmed = await services.brokering.decide(people.peruCoordinator, matchId, { decision: 'accepted' });
    expect(confirmed).toMatchObject({ ok: true, value: { status: 'confirmed', requesterDecision: 'accepted' } });
    if (confirmed.ok)
      expect(confirmed.value.confirmedAt!.getTime()).toBeGreaterThanOrEqual(confirmed.value.proposedAt.getTime());
    expect(await services.requests.get(people.peruCoordinator, requestId)).toMatchObject({
      value: { status: 'matched' },
    });
    expect(
      await services.brokering.decide(people.peruCoordinator, matchId, {
        decision: 'declined',
        reason: 'changed our mind',
      }),
    ).toMatchObject({ ok: false, kind: 'conflict', message: 'This match is already confirmed; nothing was changed.' });
    // Outside tester: the Spanish said "ya está en estado confirmed", the status code inside the sentence.
    const spanish = localizeServices(services, createLocalizer(servicesEs));
    expect(await spanish.brokering.decide(people.oas, matchId, { decision: 'accepted' })).toMatchObject({
      message: 'Este emparejamiento ya está confirmado; no se cambió nada.',
    });
    expect(await services.brokering.withdraw(people.secretariat, matchId, 'too late now')).toMatchObject({
      ok: false,
      kind: 'conflict',
    });

    const notified = await handle.db.select().from(notifications).where(eq(notifications.kind, 'match.confirmed'));
    const recipients = new Set(notified.map((n) => n.userId));
    expect(recipients).toEqual(new Set([people.oas.userId, people.peruCoordinator.userId]));
    const mails = await handle.db.select().from(mailOutbox);
    expect(mails.some((m) => m.toAddress === people.oas.email && /confirmed/.test(m.subject))).toBe(true);
  });

  it('respects the offer capacity: a full offer cannot be proposed again', async () => {
    const other = await services.requests.create(
      people.peruCoordinator,
      { ...need, title: 'Another whistleblower need' },
      { publish: true },
    );
    if (!other.ok) throw new Error(other.message);
    expect(
      await services.brokering.propose(people.secretariat, { requestId: other.value.id, candidateId: offerId }),
    ).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/no capacity/) });
  });

  it('needs a reason to decline, and refuses to accept after a withdrawal', async () => {
    const request = await services.requests.create(
      people.peruCoordinator,
      { ...need, title: 'Need for the decline test' },
      { publish: true },
    );
    const spare = await services.offers.create(
      people.idb,
      { ...offer, title: 'IDB whistleblower programme', capacity: 3 },
      { publish: true },
    );
    if (!request.ok || !spare.ok) throw new Error('setup failed');
    const first = await services.brokering.propose(people.secretariat, {
      requestId: request.value.id,
      candidateId: spare.value.id,
    });
    if (!first.ok) throw new Error(first.message);
    expect(await services.brokering.decide(people.idb, first.value.id, { decision: 'declined' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { reason: expect.any(Array) },
    });
    const withdrawn = await services.brokering.withdraw(people.secretariat, first.value.id, 'Proposed by mistake');
    expect(withdrawn).toMatchObject({ ok: true, value: { status: 'withdrawn' } });
    expect(await services.brokering.decide(people.idb, first.value.id, { decision: 'accepted' })).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'This match was already withdrawn; nothing was changed.',
    });
    expect(
      await localizeServices(services, createLocalizer(servicesEs)).brokering.decide(people.idb, first.value.id, {
        decision: 'accepted',
      }),
    ).toMatchObject({ message: 'Este emparejamiento ya fue retirado; no se cambió nada.' });
    expect(await services.requests.get(people.peruCoordinator, request.value.id)).toMatchObject({
      value: { status: 'open' },
    });
    const [row] = await handle.db.select().from(matches).where(eq(matches.id, first.value.id));
    expect(row.providerDecision).toBeNull();
  });

  it('lists matches by side: the parties see theirs, a third State sees none', async () => {
    expect((await services.brokering.list(people.oas)).length).toBeGreaterThan(0);
    expect((await services.brokering.list(people.chileDelegate)).length).toBe(0);
  });
});

describe('mail outbox', () => {
  it('is readable by the Secretariat only', async () => {
    expect(await services.notifications.outbox(people.peruCoordinator)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.notifications.outbox(null)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.notifications.outbox(people.secretariat)).toMatchObject({ ok: true });
  });
});

describe('notifications', () => {
  it('lets a person mark only their own notifications read', async () => {
    const mine = await services.notifications.list(people.oas);
    expect(mine.length).toBeGreaterThan(0);
    expect(await services.notifications.markRead(people.peruCoordinator, mine[0].id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.notifications.markRead(people.oas, mine[0].id)).toMatchObject({
      ok: true,
      value: { updated: 1 },
    });
    expect(await services.notifications.unreadCount(people.oas)).toBe(mine.length - 1);
  });
});
