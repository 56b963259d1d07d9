import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import {
  answers,
  assistanceRequests,
  cooperationOffers,
  disclosureRequests,
  notifications,
  organizations,
  questionnaires,
} from '../../db/schema';
import { MatchingEngine } from '../../matching';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor, Viewer } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

/**
 * Issue 13 items 1 and 5 (decision 014): requests and offers drafted from Q4/Q7 answers never carry withheld text
 * to anyone else, and once out of draft they are never rewritten from the answer without the organization's say.
 */
let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
let cycleId: string;
const people = {} as Record<'secretariat' | 'coordinator' | 'delegate' | 'chile' | 'oas' | 'idb' | 'cso', Actor>;
/** Every reader other than the requesting State: another State, JSWG, civil society, the Secretariat, anonymous. */
let others: Array<[string, Viewer]>;
/** Everything the matching engine is given, whatever the path (full build or incremental update). */
const engineInput: unknown[] = [];

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const settle = async () => {
  // Optional so that this file also runs against the code before decision 014 (where the probe's checks fail).
  await (services as Partial<Services>).answerLinks?.settled();
  await services.matching.settled();
};

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.coordinator = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.delegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.idb = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('IDB'));
  people.cso = await createActor(handle.db, 'civil_society', 'civil_society_member');
  others = [
    ['another State', people.chile],
    ['a JSWG organization', people.idb],
    ['civil society', people.cso],
    ['the Secretariat', people.secretariat],
    ['anonymous', null],
  ];
  const cycle = await services.registration.createCycle(people.secretariat, {
    name: '2027 registration',
    kind: 'registration',
    opensAt: '2027-01-01T00:00:00Z',
    closesAt: '2027-04-30T23:59:00Z',
    publishesAt: '2027-05-15T12:00:00Z',
    timeZone: 'America/Lima',
  });
  if (!cycle.ok) throw new Error(cycle.message);
  cycleId = cycle.value.id;
  // A peer offer on the same mandates, so the engine ranks candidates for the requests.
  await services.offers.create(
    people.chile,
    {
      title: 'Peer exchange on integrity education',
      description: 'Chile shares its curriculum on integrity and civic education for secondary schools and judges.',
      mandates: [3, 4, 5],
      types: ['policy_design', 'capacity_building'],
      languages: ['es', 'en'],
      modality: 'virtual',
      capacity: 3,
    },
    { publish: true },
  );
  for (const method of ['load', 'upsertRequest', 'upsertOffer'] as const) {
    const prototype = MatchingEngine.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const original = prototype[method];
    vi.spyOn(prototype, method).mockImplementation(function (this: unknown, ...args: unknown[]) {
      engineInput.push(args);
      return original.apply(this, args);
    });
  }
});
afterAll(() => {
  vi.restoreAllMocks();
  return handle.close();
});

async function requestOf(answerId: string) {
  const [row] = await handle.db
    .select()
    .from(assistanceRequests)
    .where(eq(assistanceRequests.sourceAnswerId, answerId));
  return row;
}

/** Every place another user reads requests and offers, as that user. */
async function everythingReadBy(viewer: Viewer, requestId: string, offerId?: string) {
  const seen: unknown[] = [
    await services.requests.get(viewer, requestId),
    await services.requests.listPublished(),
    await services.offers.listPublished(),
    await services.directory.search({}),
    await services.directory.search({ q: 'secret' }),
  ];
  if (offerId) seen.push(await services.offers.get(viewer, offerId));
  if (viewer)
    seen.push(
      await services.brokering.list(viewer),
      await services.matching.board(viewer),
      await services.matching.rankingFor(viewer, requestId),
      await services.answerLinks.link(viewer, 'request', requestId),
    );
  return JSON.stringify(seen);
}

describe('a request made from a Q4 answer that becomes withheld (the probe)', () => {
  const CANARY = 'CANARY-q4-7f3a9 secret negotiation with the prosecutor on the pending bribery case';
  let requestId: string;
  let answerId: string;

  it('is never rewritten from the answer once published, and is taken back when the answer is withheld', async () => {
    // 1. A harmless Q4 becomes a draft request.
    const q4 = await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 3,
      question: 'Q4',
      summary: 'Civic education curriculum',
      full: 'We need policy design support to build a civic education curriculum on integrity for secondary schools.',
      assistanceTypes: ['policy_design'],
      baseVersion: 0,
    });
    if (!q4.ok) throw new Error(q4.message);
    answerId = q4.value.id;
    requestId = (await requestOf(answerId)).id;
    // 2. The State publishes it; everyone reads it, the engine ranks it.
    expect((await services.requests.publish(people.coordinator, requestId)).ok).toBe(true);
    await settle();
    expect(
      (await services.matching.board(people.secretariat)).ok &&
        JSON.stringify(await services.matching.board(people.secretariat)),
    ).toContain('Civic education curriculum');
    // 3. The State edits Q4 to sensitive text.
    const edited = await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 3,
      question: 'Q4',
      summary: CANARY,
      full: `${CANARY}. Details of the case follow for the Chair only.`,
      assistanceTypes: ['policy_design'],
      baseVersion: 1,
    });
    expect(edited.ok).toBe(true);
    await settle();
    // The published request keeps its own text: the edit waits for the State's confirmation.
    const afterEdit = await requestOf(answerId);
    expect(afterEdit.description).toContain('civic education curriculum');
    expect(afterEdit.description).not.toContain('CANARY');
    expect(afterEdit.pendingUpdate?.title).toContain('CANARY'); // offered to the State only
    expect(await everythingReadBy(people.chile, requestId)).not.toContain('CANARY');
    // 4. The State asks for Q4 to be withheld.
    const withheld = await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
      scope: 'question',
      mandate: 3,
      question: 'Q4',
      letterReference: 'Note 7-1-A/15 to the Chair',
    });
    expect(withheld.ok).toBe(true);
    await settle();

    // Nothing holds the withheld text any more, not even the State's own request (the pending update is dropped).
    const row = await requestOf(answerId);
    expect(JSON.stringify(row)).not.toContain('CANARY');
    expect(row).toMatchObject({ publishedAt: null, pendingUpdate: null, status: 'open' });
    expect(row.heldAt).not.toBeNull();
    // The State's focal points are told, without the title (it may be the withheld summary).
    const told = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, people.coordinator.userId), eq(notifications.kind, 'request.held')));
    expect(told).toHaveLength(1);
    expect(told[0].link).toBe(`/cooperation/requests/${requestId}`);
    // The owner's page says why.
    expect(await services.answerLinks.link(people.coordinator, 'request', requestId)).toMatchObject({
      mandate: 3,
      question: 'Q4',
      held: true,
      withheld: { whole: true, pending: true, letterReferences: ['Note 7-1-A/15 to the Chair'] },
    });
  });

  it.each([0, 1, 2, 3, 4])(
    'shows none of the withheld text to reader %i (another State, JSWG, civil society, Secretariat, anonymous)',
    async (index) => {
      const [, viewer] = others[index];
      const seen = await everythingReadBy(viewer, requestId);
      expect(seen).not.toContain('CANARY');
      // Unpublished again: only the State (and the Secretariat, which sees drafts) may open it.
      const got = await services.requests.get(viewer, requestId);
      if (viewer?.role === 'secretariat_staff') expect(got).toMatchObject({ ok: true, value: { publishedAt: null } });
      else expect(got).toMatchObject({ ok: false, kind: 'not_found' });
      expect((await services.requests.listPublished()).map((r) => r.id)).not.toContain(requestId);
    },
  );

  it('never gave the matching engine the withheld text, and takes the request out of its rankings', async () => {
    expect(engineInput.length).toBeGreaterThan(0);
    expect(JSON.stringify(engineInput)).not.toContain('CANARY');
    expect(await services.matching.rankingFor(people.secretariat, requestId)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    await services.matching.recomputeAll();
    expect(JSON.stringify(engineInput)).not.toContain('CANARY');
  });

  it('asks the State what to publish, refuses the withheld text, and publishes the State’s own words', async () => {
    expect(await services.requests.publish(people.coordinator, requestId)).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: expect.stringMatching(/withheld/),
    });
    expect(
      await services.requests.publish(people.coordinator, requestId, {
        title: 'Help with a sensitive case',
        description: `Context: ${CANARY}. We need help.`,
      }),
    ).toMatchObject({ ok: false, kind: 'invalid', fieldErrors: { description: [expect.stringMatching(/repeats/)] } });
    expect(
      await services.requests.publish(people.coordinator, requestId, { title: 'x', description: 'short' }),
    ).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { title: expect.any(Array), description: expect.any(Array) },
    });
    // A delegate cannot publish, and another State cannot even see the draft.
    expect(
      await services.requests.publish(people.delegate, requestId, {
        title: 'Integrity education',
        description: 'Support to design an integrity curriculum for secondary schools, with training for teachers.',
      }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      await services.requests.publish(people.chile, requestId, {
        title: 'Integrity education',
        description: 'Support to design an integrity curriculum for secondary schools, with training for teachers.',
      }),
    ).toMatchObject({ ok: false, kind: 'not_found' });
    const published = await services.requests.publish(people.coordinator, requestId, {
      title: 'Integrity education',
      description: 'Support to design an integrity curriculum for secondary schools, with training for teachers.',
    });
    expect(published).toMatchObject({
      ok: true,
      value: { title: 'Integrity education', publishedAt: expect.any(Date) },
    });
    await settle();
    const read = await services.requests.get(people.chile, requestId);
    expect(read).toMatchObject({ ok: true, value: { title: 'Integrity education' } });
    expect(await everythingReadBy(people.idb, requestId)).not.toContain('CANARY');
    // Editing the request cannot put the withheld text back either.
    const edit = {
      title: 'Integrity education',
      description: `Support to design an integrity curriculum. ${CANARY}.`,
      mandates: [3],
      types: ['policy_design'],
      languages: ['es'],
      modality: 'virtual',
    };
    expect(await services.requests.update(people.coordinator, requestId, edit)).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { description: [expect.stringMatching(/repeats/)] },
    });
    expect(
      (
        await services.requests.update(people.coordinator, requestId, {
          ...edit,
          description: 'Support to design an integrity curriculum for secondary schools, with teacher training.',
        })
      ).ok,
    ).toBe(true);
    // A later edit of the withheld answer offers nothing withheld and rewrites nothing.
    await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 3,
      question: 'Q4',
      summary: `${CANARY} (more)`,
      full: `${CANARY}. Even more details for the Chair only, not for the public.`,
      assistanceTypes: ['policy_design'],
      baseVersion: 2,
    });
    const row = await requestOf(answerId);
    expect(JSON.stringify(row)).not.toContain('CANARY');
    expect(row.title).toBe('Integrity education');
  });
});

describe('a draft made from an answer that is already withheld', () => {
  const CANARY = 'CANARY-full-41c2 the minister asked us not to publish this plan';

  it('copies only the disclosed fields and shows the Secretariat nothing withheld', async () => {
    const asked = await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
      scope: 'field',
      mandate: 5,
      question: 'Q4',
      field: 'full',
      letterReference: 'Note 7-1-A/16 to the Chair',
    });
    expect(asked.ok).toBe(true);
    const q4 = await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 5,
      question: 'Q4',
      summary: 'Support for a public procurement observatory in three regions',
      full: `${CANARY}. It needs data and institutional support over two years.`,
      assistanceTypes: ['data'],
      baseVersion: 0,
    });
    if (!q4.ok) throw new Error(q4.message);
    const row = await requestOf(q4.value.id);
    expect(JSON.stringify(row)).not.toContain('CANARY');
    expect(row).toMatchObject({
      title: 'Mandate 5: Support for a public procurement observatory in three regions',
      description: 'Support for a public procurement observatory in three regions',
      publishedAt: null,
    });
    for (const [, viewer] of others) expect(await everythingReadBy(viewer, row.id)).not.toContain('CANARY');
    expect(await services.answerLinks.link(people.coordinator, 'request', row.id)).toMatchObject({
      withheld: { whole: false, fields: ['full'], pending: true },
    });
    // Nobody else learns where the request came from.
    expect(await services.answerLinks.link(people.secretariat, 'request', row.id)).toBeNull();
    expect(await services.answerLinks.link(people.chile, 'request', row.id)).toBeNull();
    // Publishing warns even though the draft's text is clean: the State confirms what may be shown.
    expect(await services.requests.publish(people.coordinator, row.id)).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it('takes a withheld answer’s text out of an existing draft when the withholding arrives', async () => {
    const q4 = await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 6,
      question: 'Q4',
      summary: 'Whistleblower channel',
      full: 'CANARY-draft-9d1e protected witness names and the channel design we use today.',
      assistanceTypes: ['institutions'],
      baseVersion: 0,
    });
    if (!q4.ok) throw new Error(q4.message);
    expect((await requestOf(q4.value.id)).description).toContain('CANARY');
    await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
      scope: 'mandate',
      mandate: 6,
      letterReference: 'Note 7-1-A/17 to the Chair',
    });
    await settle();
    const row = await requestOf(q4.value.id);
    expect(JSON.stringify(row)).not.toContain('CANARY');
    expect(row).toMatchObject({ title: 'Mandate 6: technical assistance needed', description: '', heldAt: null });
    expect(
      (await services.requests.get(people.secretariat, row.id)).ok &&
        JSON.stringify(await services.requests.get(people.secretariat, row.id)),
    ).not.toContain('CANARY');
  });
});

describe('an answer edit after publication', () => {
  let requestId: string;
  let version = 1;
  /** Saves the next version of the mandate 4 Q4 answer. */
  const save = async (full: string) => {
    const saved = await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 4,
      question: 'Q4',
      summary: 'Asset declarations',
      full,
      assistanceTypes: ['legislative'],
      baseVersion: version,
    });
    if (!saved.ok) throw new Error(saved.message);
    version = saved.value.version;
  };

  it('is offered to the State as a pending update, shown to nobody else, and applied only when confirmed', async () => {
    const first = await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 4,
      question: 'Q4',
      summary: 'Asset declarations',
      full: 'We need legislative assistance to reform the asset declaration law for public officials.',
      assistanceTypes: ['legislative'],
      baseVersion: 0,
    });
    if (!first.ok) throw new Error(first.message);
    version = 1;
    requestId = (await requestOf(first.value.id)).id;
    // While a draft, it follows the answer.
    await save('We need legislative assistance to reform the asset declaration law, including online filing.');
    expect((await requestOf(first.value.id)).description).toContain('online filing');
    await services.requests.publish(people.coordinator, requestId);
    await save('We need legislative assistance to reform the asset declaration law, with online filing and audits.');
    const row = await requestOf(first.value.id);
    expect(row.description).not.toContain('audits');
    expect(row.pendingUpdate?.description).toContain('audits');
    expect(
      (await services.requests.get(people.chile, requestId)).ok &&
        JSON.stringify(await services.requests.get(people.chile, requestId)),
    ).not.toContain('audits');
    expect(await services.answerLinks.link(people.coordinator, 'request', requestId)).toMatchObject({
      pendingUpdate: { description: expect.stringContaining('audits') },
    });
    // Only the State's focal points decide.
    expect(await services.answerLinks.confirmUpdate(people.delegate, 'request', requestId)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.answerLinks.confirmUpdate(people.chile, 'request', requestId)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.answerLinks.ignoreUpdate(people.secretariat, 'request', requestId)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.answerLinks.confirmUpdate(people.coordinator, 'request', requestId)).toMatchObject({
      ok: true,
    });
    expect(await requestOf(first.value.id)).toMatchObject({
      pendingUpdate: null,
      description: expect.stringContaining('audits'),
    });
    expect(await services.answerLinks.confirmUpdate(people.coordinator, 'request', requestId)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    // Ignoring keeps the request's text and drops the offer.
    await save('We need legislative assistance, and a new registry of interests as well.');
    expect(await services.answerLinks.ignoreUpdate(people.coordinator, 'request', requestId)).toMatchObject({
      ok: true,
    });
    expect(await requestOf(first.value.id)).toMatchObject({
      pendingUpdate: null,
      description: expect.stringContaining('audits'),
    });
  });
});

describe('a JSWG organization’s Q7 answer (cooperation offered)', () => {
  let offerId: string;
  let answerId: string;

  it('becomes a draft offer linked to it, which nobody else sees until published', async () => {
    const q7 = await services.registration.saveAnswer(people.oas, cycleId, {
      mandate: 3,
      question: 'Q7',
      summary: 'Training for judges on integrity',
      full: 'The OAS offers a training programme for judges on judicial integrity and conflicts of interest.',
      baseVersion: 0,
    });
    if (!q7.ok) throw new Error(q7.message);
    answerId = q7.value.id;
    const [row] = await handle.db
      .select()
      .from(cooperationOffers)
      .where(eq(cooperationOffers.sourceAnswerId, answerId));
    expect(row).toMatchObject({
      status: 'draft',
      kind: 'jswg',
      title: 'Mandate 3: Training for judges on integrity',
      types: ['other'],
      organizationId: people.oas.organizationId,
    });
    offerId = row.id;
    expect(await services.offers.get(people.chile, offerId)).toMatchObject({ ok: false, kind: 'not_found' });
    expect((await services.directory.search({ organization: 'OAS' })).total).toBe(0);
    // A short Q7 gives no offer; a State's Q4 never gives an offer; a JSWG never gets a request.
    const short = await services.registration.saveAnswer(people.idb, cycleId, {
      mandate: 3,
      question: 'Q7',
      summary: 'Training',
      baseVersion: 0,
    });
    expect(short.ok).toBe(true);
    expect(
      await handle.db
        .select()
        .from(cooperationOffers)
        .where(eq(cooperationOffers.organizationId, people.idb.organizationId)),
    ).toHaveLength(0);
    expect((await services.answerLinks.linkedToAnswers(people.oas, [answerId])).map((l) => l.kind)).toEqual(['offer']);
    expect(await services.answerLinks.linkedToAnswers(people.chile, [answerId])).toEqual([]);
  });

  it('once published, takes answer edits only with the organization’s confirmation', async () => {
    expect((await services.offers.publish(people.oas, offerId)).ok).toBe(true);
    expect((await services.directory.search({ organization: 'OAS' })).total).toBe(1);
    await services.registration.saveAnswer(people.oas, cycleId, {
      mandate: 3,
      question: 'Q7',
      summary: 'Training for judges and prosecutors',
      full: 'The OAS offers a training programme for judges and prosecutors on integrity and conflicts of interest.',
      baseVersion: 1,
    });
    const [row] = await handle.db.select().from(cooperationOffers).where(eq(cooperationOffers.id, offerId));
    expect(row.title).toBe('Mandate 3: Training for judges on integrity');
    expect(row.pendingUpdate?.title).toBe('Mandate 3: Training for judges and prosecutors');
    expect(await services.answerLinks.confirmUpdate(people.oas, 'offer', offerId)).toMatchObject({ ok: true });
    const [after] = await handle.db.select().from(cooperationOffers).where(eq(cooperationOffers.id, offerId));
    expect(after).toMatchObject({ title: 'Mandate 3: Training for judges and prosecutors', status: 'published' });
  });

  it('with the same care for withheld text: unpublished, nothing withheld shown to anyone else', async () => {
    const OFFER_CANARY = 'CANARY-q7-55b0 funding from a donor that asked not to be named';
    await services.registration.saveAnswer(people.oas, cycleId, {
      mandate: 3,
      question: 'Q7',
      summary: 'Training for judges and prosecutors',
      full: `${OFFER_CANARY}. The programme trains judges and prosecutors.`,
      baseVersion: 2,
    });
    const [questionnaire] = await handle.db
      .select()
      .from(questionnaires)
      .where(and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.organizationId, people.oas.organizationId)));
    const [answer] = await handle.db.select().from(answers).where(eq(answers.id, answerId));
    // The non-disclosure form is a State's; the same rule holds for any withholding recorded on the questionnaire.
    await handle.db.insert(disclosureRequests).values({
      questionnaireId: questionnaire.id,
      scope: 'field',
      mandateId: answer.mandateId,
      question: 'Q7',
      field: 'full',
      letterReference: 'OAS letter 12',
      requestedBy: people.oas.userId,
      requestedAt: clock,
    });
    services.events.emit('results.changed', { reason: 'disclosure_requested' });
    await settle();
    const [row] = await handle.db.select().from(cooperationOffers).where(eq(cooperationOffers.id, offerId));
    expect(JSON.stringify(row)).not.toContain('CANARY');
    expect(row).toMatchObject({ status: 'draft', publishedAt: null });
    for (const [, viewer] of others) expect(await everythingReadBy(viewer, offerId, offerId)).not.toContain('CANARY');
    expect(JSON.stringify(engineInput)).not.toContain('CANARY');
    expect(await services.offers.publish(people.oas, offerId)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(
      await services.offers.publish(people.oas, offerId, {
        title: 'Training for judges and prosecutors',
        description: 'A training programme for judges and prosecutors on integrity and conflicts of interest.',
      }),
    ).toMatchObject({ ok: true, value: { status: 'published' } });
  });
});

describe('a refusal by the Chair', () => {
  it('keeps the text withheld during the amendment period, and lets the answer through once the period ends', async () => {
    const CANARY = 'CANARY-refused-0c4d the amount of the loan under negotiation';
    const asked = await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
      scope: 'question',
      mandate: 8,
      question: 'Q4',
      letterReference: 'Note 7-1-A/18 to the Chair',
    });
    if (!asked.ok) throw new Error(asked.message);
    const q4 = await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 8,
      question: 'Q4',
      summary: 'Loan for a procurement platform',
      full: `${CANARY}. We need data support for an e-procurement platform.`,
      assistanceTypes: ['data'],
      baseVersion: 0,
    });
    if (!q4.ok) throw new Error(q4.message);
    expect(
      (
        await services.publication.decide(people.secretariat, asked.value.id, {
          decision: 'refused',
          chairReply: 'Chair reply 44',
        })
      ).ok,
    ).toBe(true);
    await settle();
    const row = await requestOf(q4.value.id);
    expect(JSON.stringify(row)).not.toContain('CANARY');
    expect(await services.answerLinks.link(people.coordinator, 'request', row.id)).toMatchObject({
      withheld: { whole: true, pending: false, refused: true },
    });
    for (const [, viewer] of others) expect(await everythingReadBy(viewer, row.id)).not.toContain('CANARY');
    expect(await services.requests.publish(people.coordinator, row.id)).toMatchObject({ ok: false, kind: 'conflict' });
    // After the amendment period (14 days by default) the refusal stands: nothing is withheld any more.
    clock = new Date(clock.getTime() + 15 * 86_400_000);
    expect(await services.answerLinks.link(people.coordinator, 'request', row.id)).toMatchObject({ withheld: null });
    clock = new Date('2027-02-01T12:00:00Z');
  });
});
