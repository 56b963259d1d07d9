import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import { MatchingEngine, type PeerSignal } from '../../matching';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { STATE_WORKING_LANGUAGES } from '../../services/cooperation/matching.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';

/**
 * Issue 16, item 1: peer States are proposed in the app from what is published (Q1 at C or D, Q6, good
 * practices), with their official languages, and the engine never receives anything withheld or unpublished.
 */
const CANARY_FIELD = 'CANARY-peer-field-3e1f';
const CANARY_QUESTION = 'CANARY-peer-question-a77c';
const CANARY_DRAFT = 'CANARY-peer-draft-0b2d';
const CANARY_LATER = 'CANARY-peer-later-91aa';

let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
let cycleId: string;
let requestId: string;
const people = {} as Record<'secretariat' | 'peru' | 'chile' | 'jamaica' | 'mexico' | 'guatemala', Actor>;
/** Everything the engine is given, whatever the path. */
const engineInput: unknown[] = [];

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const save = (who: Actor, input: Record<string, unknown>) =>
  services.registration.saveAnswer(who, cycleId, { baseVersion: 0, ...input });
const loadedSignals = () =>
  engineInput
    .filter(
      (args): args is [{ signals?: PeerSignal[] }] =>
        Array.isArray(args) && typeof args[0] === 'object' && args[0] !== null && 'signals' in args[0],
    )
    .at(-1)?.[0].signals ?? [];

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_admin',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  for (const [key, code] of [
    ['peru', 'PE'],
    ['chile', 'CL'],
    ['jamaica', 'JM'],
    ['mexico', 'MX'],
    ['guatemala', 'GT'],
  ] as const) {
    people[key] = await createActor(handle.db, 'state', 'national_coordinator', await orgId(code));
  }
  const cycle = await services.registration.createCycle(people.secretariat, {
    name: '2027 registration',
    kind: 'registration',
    opensAt: '2027-01-01T00:00:00Z',
    closesAt: '2027-04-30T00:00:00Z',
    publishesAt: '2027-05-15T00:00:00Z',
    timeZone: 'America/Lima',
  });
  if (!cycle.ok) throw new Error(cycle.message);
  cycleId = cycle.value.id;

  // Peru: progress C and a good practice on mandate 2, whose full text is withheld.
  await save(people.peru, { mandate: 2, question: 'Q1', progress: 'C' });
  await save(people.peru, {
    mandate: 2,
    question: 'Q6',
    summary: 'Judicial career law with merit-based selection of judges',
    full: `Negotiation details ${CANARY_FIELD}`,
  });
  expect(
    (
      await services.publication.requestNonDisclosure(people.peru, cycleId, {
        scope: 'field',
        mandate: 2,
        question: 'Q6',
        field: 'full',
        letterReference: 'Note 1-2027',
      })
    ).ok,
  ).toBe(true);
  // Chile: progress D on mandate 2; a good practice on mandate 2 withheld as a whole question.
  await save(people.chile, { mandate: 2, question: 'Q1', progress: 'D' });
  await save(people.chile, { mandate: 2, question: 'Q6', summary: `Judicial selection ${CANARY_QUESTION}` });
  const whole = await services.publication.requestNonDisclosure(people.chile, cycleId, {
    scope: 'question',
    mandate: 2,
    question: 'Q6',
    letterReference: 'Note 2-2027',
  });
  if (!whole.ok) throw new Error(whole.message);
  // Mexico: progress B is no evidence. Jamaica: never submits.
  await save(people.mexico, { mandate: 2, question: 'Q1', progress: 'B' });
  await save(people.jamaica, { mandate: 2, question: 'Q1', progress: 'D' });
  await save(people.jamaica, { mandate: 2, question: 'Q6', summary: `Draft ${CANARY_DRAFT}` });
  for (const who of [people.peru, people.chile, people.mexico])
    expect((await services.registration.submit(who, cycleId)).ok).toBe(true);

  for (const method of ['load', 'upsertRequest', 'upsertOffer', 'upsertPeerSignal'] as const) {
    const prototype = MatchingEngine.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const original = prototype[method];
    vi.spyOn(prototype, method).mockImplementation(function (this: unknown, ...args: unknown[]) {
      engineInput.push(args);
      return original.apply(this, args);
    });
  }
  clock = new Date('2027-05-15T00:01:00Z');
  expect((await services.publication.publishCycle(cycleId)).ok).toBe(true);

  const request = await services.requests.create(
    people.guatemala,
    {
      title: 'Judicial career',
      description:
        'Guatemala asks for support to design a merit-based judicial career law and the selection of judges.',
      mandates: [2],
      types: ['legislative'],
      languages: ['es'],
      modality: 'virtual',
    },
    { publish: true },
  );
  if (!request.ok) throw new Error(request.message);
  requestId = request.value.id;
  // A database, a registration cycle and its publication: about 20 s idle, over 60 s at load 40 on the 2 shared cores.
}, 180_000);
afterAll(() => {
  vi.restoreAllMocks();
  return handle.close();
});

describe('peer States from what is published (issue 16, item 1)', () => {
  it('proposes the States with published C or D progress, with their official languages, never by level', async () => {
    const ranking = await services.matching.rankingFor(people.secretariat, requestId);
    if (!ranking.ok) throw new Error(ranking.message);
    const peers = ranking.value.filter((c) => c.kind === 'peer');
    expect(peers.map((c) => c.organizationCode).sort()).toEqual(['CL', 'PE']);
    const peru = peers.find((c) => c.organizationCode === 'PE')!;
    // Its published good practice is relevant text; Spanish is its official language.
    expect(peru.contributions.find((c) => c.criterion === 'text')!.value).toBeGreaterThan(0);
    expect(peru.contributions.find((c) => c.criterion === 'language')).toMatchObject({ applies: true, value: 1 });
    expect(peru.explanations).toContain(
      'States are ordered by how well their evidence fits the need, never by their progress level.',
    );
    // Peru (C, relevant good practice) ranks above Chile (D, its good practice withheld): evidence fit, not level.
    expect(peers[0].organizationCode).toBe('PE');
  });

  it('gives the engine Q1 at C/D and Q6 as the public reads them: nothing withheld, unsubmitted or below C', () => {
    const signals = loadedSignals();
    const keys = signals.map((s) => `${s.kind}:${s.mandate}:${s.level ?? ''}`).sort();
    expect(keys).toEqual(['good_practice:2:', 'progress:2:C', 'progress:2:D']);
    expect(signals.find((s) => s.kind === 'good_practice')!.text).toContain('Judicial career law');
    for (const s of signals) expect(s.languages).toEqual(['es']);
    const all = JSON.stringify(engineInput);
    for (const canary of [CANARY_FIELD, CANARY_QUESTION, CANARY_DRAFT]) expect(all).not.toContain(canary);
  });

  it('reads the evidence again when a published answer becomes withheld, and never passes its text on', async () => {
    // Peru asks to withhold its Q6 as a whole: pending requests withhold at once.
    const pending = await services.publication.requestNonDisclosure(people.peru, cycleId, {
      scope: 'question',
      mandate: 2,
      question: 'Q6',
      letterReference: `Note 3-2027 ${CANARY_LATER}`,
    });
    expect(pending.ok).toBe(true);
    await services.matching.settled();
    const ranking = await services.matching.rankingFor(people.secretariat, requestId);
    if (!ranking.ok) throw new Error(ranking.message);
    expect(loadedSignals().some((s) => s.kind === 'good_practice')).toBe(false);
    expect(JSON.stringify(ranking.value)).not.toContain('Judicial career law with merit');
    expect(JSON.stringify(engineInput.slice(-1))).not.toContain('Judicial career law with merit');
    expect(JSON.stringify(engineInput)).not.toContain(CANARY_LATER);
  });

  it('shows "no good counterpart yet" on the board with what is missing, and allocates nothing to it (item 7)', async () => {
    const lonely = await services.requests.create(
      people.guatemala,
      {
        title: 'Gender and integrity',
        description: 'Guatemala asks for help to bring a gender perspective into its integrity policy.',
        mandates: [7],
        types: ['policy_design'],
        languages: ['es'],
        modality: 'virtual',
      },
      { publish: true },
    );
    if (!lonely.ok) throw new Error(lonely.message);
    await services.matching.settled();
    const board = await services.matching.board(people.secretariat);
    if (!board.ok) throw new Error(board.message);
    const row = board.value.rows.find((r) => r.request.id === lonely.value.id)!;
    expect(row).toMatchObject({ abstained: true, missing: ['no_offer_on_mandate'], candidates: [] });
    expect(board.value.threshold).toBeGreaterThan(0);
    expect(board.value.allocation.assignments.some((a) => a.requestId === lonely.value.id)).toBe(false);
    // Peru's good practice is withheld by now: Peru and Chile have only their progress levels, no text about the
    // need. Both are listed, neither is proposed (the abstention rule's score threshold, decision 020).
    const judicial = board.value.rows.find((r) => r.request.id === requestId)!;
    expect(judicial.candidates.map((c) => [c.organizationCode, c.weak]).sort()).toEqual([
      ['CL', true],
      ['PE', true],
    ]);
    expect(judicial).toMatchObject({ abstained: true, missing: ['no_offer_on_mandate', 'weak_fit'] });
    expect(await services.matching.board(people.guatemala)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('knows a working language for every participating State it can (Suriname: none of the four)', () => {
    expect(Object.keys(STATE_WORKING_LANGUAGES)).toHaveLength(34);
    expect(STATE_WORKING_LANGUAGES.CA).toEqual(['en', 'fr']);
    expect(STATE_WORKING_LANGUAGES.BR).toEqual(['pt']);
    expect(STATE_WORKING_LANGUAGES.HT).toEqual(['fr']);
    expect(STATE_WORKING_LANGUAGES.SR).toEqual([]);
  });
});
