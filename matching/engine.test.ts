import { describe, expect, it } from 'vitest';
import { MatchingEngine } from './engine';
import { rankAllPairs, samePairs } from './rank';
import { generateInstance, type Instance } from '../tests/matching/generate';
import { forAllSeeds, seededRng, type Rng } from '../tests/matching/rng';
import {
  ASSISTANCE_TYPES,
  CRITERIA,
  type AssistanceRequest,
  type CooperationOffer,
  type PeerSignal,
  type RequestRanking,
} from './types';

const NOW = '2025-06-01';

const base: { request: AssistanceRequest; offer: CooperationOffer } = {
  request: {
    id: 'r-gt',
    organizationId: 'GT',
    mandates: [10],
    types: ['legislative'],
    description: 'Anteproyecto de ley de protección de denunciantes y medidas contra represalias.',
    languages: ['es'],
    modality: 'either',
    status: 'open',
  },
  offer: {
    id: 'o-oas',
    organizationId: 'OAS',
    kind: 'jswg',
    mandates: [10],
    types: ['legislative', 'capacity_building'],
    description:
      'Legislative assistance on whistleblower protection and protection against retaliation, based on a model law.',
    languages: ['en', 'es'],
    modality: 'either',
    capacity: 3,
    activeMatches: 1,
  },
};

function engineWith(input: { requests?: AssistanceRequest[]; offers?: CooperationOffer[]; signals?: PeerSignal[] }) {
  const engine = new MatchingEngine({ now: NOW });
  engine.load(input);
  return engine;
}

/** Mandates 1..n in sections of two (1–2, 3–4, …), for candidates on neighbouring mandates. */
const sectionsOf = (n: number): Array<[number, string]> =>
  Array.from({ length: n }, (_, i) => [i + 1, `S${Math.floor(i / 2)}`]);

const ids = (ranking: RequestRanking | undefined) => ranking?.candidates.map((c) => c.candidateId) ?? [];

describe('MatchingEngine: what it proposes', () => {
  it('proposes an offer on the same mandate, with contributions that add up and explanations', () => {
    const engine = engineWith({ requests: [base.request], offers: [base.offer] });
    const ranking = engine.ranking('r-gt')!;
    expect(ids(ranking)).toEqual(['o-oas']);
    const [c] = ranking.candidates;
    expect(c.kind).toBe('offer');
    expect(c.offerId).toBe('o-oas');
    expect(c.contributions.map((x) => x.criterion)).toEqual([...CRITERIA]);
    expect(c.contributions.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(c.score, 12);
    expect(c.explanations.join('\n')).toMatch(/Covers the requested mandate 10\./);
    expect(c.explanations.join('\n')).toMatch(/Offers legislative assistance, as requested\./);
    expect(c.explanations.join('\n')).toMatch(/Works in Spanish, the request's first language\./);
    expect(c.explanations.join('\n')).toMatch(/whistleblower protection/);
    expect(c.explanations.join('\n')).toMatch(/2 of 3 places left\./);
  });

  it('gives the same reasons in Spanish, one for one, with Spanish labels, lists and numbers', () => {
    const [c] = engineWith({ requests: [base.request], offers: [base.offer] }).ranking('r-gt')!.candidates;
    expect(c.explanationsEs).toHaveLength(c.explanations.length);
    const es = c.explanationsEs.join('\n');
    expect(es).toMatch(/^Cubre el mandato solicitado \(10\)\.$/m);
    expect(es).toMatch(/^Ofrece asistencia legislativa, como se solicitó\.$/m);
    expect(es).toMatch(/^Trabaja en español, el primer idioma de la solicitud\.$/m);
    expect(es).toMatch(/^Quedan 2 de 3 plazas\.$/m);
    // A shared glossary concept is named in each language.
    expect(c.explanations.join('\n')).toMatch(/whistleblower protection/);
    expect(es).toMatch(/protección de denunciantes/);
    expect(es).not.toMatch(/whistleblower protection/);
    expect(es).not.toMatch(/\b(Covers|Offers|Works in|places left)\b/);

    const partial = engineWith({
      requests: [{ ...base.request, mandates: [10, 11, 12], types: ['legislative', 'data'], languages: ['fr', 'pt'] }],
      offers: [{ ...base.offer, mandates: [10, 12], languages: ['es', 'pt'], funding: 1234567 }],
    }).ranking('r-gt')!.candidates[0];
    expect(partial.explanations).toContain('Covers mandates 10 and 12 of the 3 requested (not 11).');
    expect(partial.explanationsEs).toContain('Cubre los mandatos 10 y 12 de los 3 solicitados (no 11).');
    expect(partial.explanationsEs).toContain(
      'Ofrece asistencia legislativa, como se solicitó; no investigación, recolección y análisis de datos.',
    );
    expect(partial.explanationsEs).toContain('Comparte portugués como idioma de trabajo.');
    expect(partial.explanationsEs).toContain('Aporta financiamiento (USD 1.234.567).');
    expect(partial.explanations).toContain('Brings funding (USD 1,234,567).');
  });

  it.each([
    ['shares no mandate', { mandates: [12] }],
    ['is the requesting State itself', { organizationId: 'GT', kind: 'peer_state' as const }],
    ['has no capacity left', { activeMatches: 3 }],
    ['has capacity 0', { capacity: 0, activeMatches: 0 }],
    ['expired', { validFrom: '2024-01-01', validTo: '2025-05-31' }],
    ['is withheld', { withheld: true }],
  ])('never proposes an offer that %s', (_, patch) => {
    const engine = engineWith({ requests: [base.request], offers: [{ ...base.offer, ...patch }] });
    expect(ids(engine.ranking('r-gt'))).toEqual([]);
  });

  it('keeps an offer valid until today and one valid for part of the needed period', () => {
    const request = { ...base.request, period: { from: '2025-07-01', to: '2025-12-31' } };
    const engine = engineWith({
      requests: [request],
      offers: [
        { ...base.offer, id: 'today', validTo: '2025-06-01' },
        { ...base.offer, id: 'part', validFrom: '2025-10-01' },
        { ...base.offer, id: 'after', validFrom: '2026-01-01' },
      ],
    });
    // "today" ends before the needed period starts: no overlap, not proposed.
    expect(ids(engine.ranking('r-gt'))).toEqual(['part']);
    const part = engine.ranking('r-gt')!.candidates[0];
    expect(part.contributions.find((c) => c.criterion === 'period')!.value).toBeCloseTo(92 / 184, 12);
    expect(part.explanations.join(' ')).toMatch(
      /Available for 50% of the requested period \(2025-07-01 to 2025-12-31\)\./,
    );
  });

  it('gives no ranking to withheld requests or to requests that are matched, fulfilled or withdrawn', () => {
    const statuses = ['matched', 'in_progress', 'fulfilled', 'withdrawn'] as const;
    const engine = engineWith({
      requests: [
        { ...base.request, id: 'hidden', withheld: true },
        ...statuses.map((status) => ({ ...base.request, id: status, status })),
        { ...base.request, id: 'brokering', status: 'in_brokering' as const },
      ],
      offers: [base.offer],
    });
    expect(engine.rankings().map((r) => r.requestId)).toEqual(['brokering']);
  });

  it('suggests States from their evidence, one candidate per State, and never from progress A or B', () => {
    const signals: PeerSignal[] = [
      {
        organizationId: 'PE',
        mandate: 10,
        kind: 'good_practice',
        id: 'pe-gp',
        text: 'Plataforma de denuncias con protección al denunciante',
      },
      { organizationId: 'PE', mandate: 10, kind: 'progress', level: 'C' },
      { organizationId: 'BB', mandate: 10, kind: 'progress', level: 'A' },
      { organizationId: 'SV', mandate: 10, kind: 'progress', level: 'B' },
      { organizationId: 'GT', mandate: 10, kind: 'progress', level: 'D' },
      { organizationId: 'CL', mandate: 10, kind: 'progress', level: 'D' },
    ];
    const peOffer: CooperationOffer = {
      ...base.offer,
      id: 'pe-offer',
      organizationId: 'PE',
      kind: 'peer_state',
      languages: ['es'],
    };
    const engine = engineWith({ requests: [base.request], offers: [base.offer, peOffer], signals });
    const candidates = engine.ranking('r-gt')!.candidates;
    expect(candidates.map((c) => c.candidateId).sort()).toEqual(['o-oas', 'pe-offer', 'peer:CL']);
    const pe = candidates.find((c) => c.candidateId === 'pe-offer')!;
    expect(pe.contributions.find((c) => c.criterion === 'peer')!.value).toBe(1);
    expect(pe.explanations.join(' ')).toMatch(
      /reports advanced or completed progress on mandate 10 and has a published good practice on mandate 10/,
    );
    const cl = candidates.find((c) => c.candidateId === 'peer:CL')!;
    expect(cl.kind).toBe('peer');
    expect(cl.offerId).toBeUndefined();
    expect(cl.explanations.join(' ')).toMatch(/published no offer/i);
  });

  it('ranks the topical offer first when several share the mandate, across languages', () => {
    const offers: CooperationOffer[] = [
      { ...base.offer, id: 'a-open-data', description: 'Open data portals and datasets on public spending.' },
      { ...base.offer, id: 'b-whistle', description: 'Whistleblower protection legislation and reporting channels.' },
      { ...base.offer, id: 'c-procurement', description: 'Electronic public procurement systems.' },
    ];
    const engine = engineWith({ requests: [base.request], offers });
    expect(ids(engine.ranking('r-gt'))[0]).toBe('b-whistle');
  });

  it('keeps at most maxCandidates, best first, ties broken by id', () => {
    const offers = Array.from({ length: 15 }, (_, i) => ({ ...base.offer, id: `o${String(i).padStart(2, '0')}` }));
    const engine = new MatchingEngine({ now: NOW, maxCandidates: 4 });
    engine.load({ requests: [base.request], offers });
    expect(ids(engine.ranking('r-gt'))).toEqual(['o00', 'o01', 'o02', 'o03']);
  });
});

describe('MatchingEngine: withheld data is never used or quoted', () => {
  const CANARY = 'CANARY-7f3a9';

  function withCanary(rng: Rng, instance: Instance, marker: string): Instance {
    const plant = (text: string) => `${text} ${marker} ${marker.toLowerCase()} whistleblower procurement`;
    return {
      requests: instance.requests.map((r) =>
        r.withheld || r.withheldFields?.includes('description') ? { ...r, description: plant(r.description) } : r,
      ),
      offers: instance.offers.map((o) =>
        o.withheld || o.withheldFields?.includes('description')
          ? {
              ...o,
              description: plant(o.description),
              funding: rng.chance(0.5) ? 999_999 : o.funding,
              withheldFields: o.withheld ? o.withheldFields : ['description', 'funding', 'languages'],
              languages: rng.chance(0.5) ? ['fr'] : o.languages,
            }
          : o,
      ),
      signals: instance.signals.map((s) => (s.withheld ? { ...s, text: plant(s.text ?? '') } : s)),
    };
  }

  it('does not quote a planted canary and scores as if the withheld text did not exist', () => {
    forAllSeeds(15, 101, (rng) => {
      const instance = generateInstance(rng, { requests: 40, offers: 25, states: 8, mandates: 8, withheldRate: 0.25 });
      const seed = rng.int(0, 1e9);
      const a = engineWith(withCanary(seededRng(seed), instance, CANARY));
      const b = engineWith(
        withCanary(seededRng(seed + 1), instance, 'entirely different words about judicial independence'),
      );
      const out = JSON.stringify(a.rankings());
      expect(out).not.toContain(CANARY);
      expect(out.toLowerCase()).not.toContain(CANARY.toLowerCase());
      expect(out).not.toContain('999,999');
      expect(out).not.toContain('999.999'); // the Spanish explanations' thousands separator
      expect(out).toBe(JSON.stringify(b.rankings()));
    });
  });

  it('treats withheld fields as not stated', () => {
    const request = {
      ...base.request,
      withheldFields: ['languages', 'period' as const] as AssistanceRequest['withheldFields'],
      period: { from: '2030-01-01', to: '2030-02-01' },
    };
    const offer = {
      ...base.offer,
      funding: 50_000,
      withheldFields: ['funding', 'description'] as CooperationOffer['withheldFields'],
    };
    const c = engineWith({ requests: [request], offers: [offer] }).ranking('r-gt')!.candidates[0];
    const value = (criterion: string) => c.contributions.find((x) => x.criterion === criterion)!.value;
    expect(value('language')).toBe(0.5);
    expect(value('period')).toBe(1);
    expect(value('funding')).toBe(0);
    expect(value('text')).toBe(0);
    expect(c.explanations.join(' ')).not.toMatch(/50,000|2030/);
    expect(c.explanationsEs.join(' ')).not.toMatch(/50\.000|2030/);
    expect(c.explanations.join(' ')).toMatch(/Text relevance not used/);
  });
});

describe('MatchingEngine: properties', () => {
  it('is deterministic: same input in any order gives the same output', () => {
    forAllSeeds(10, 7, (rng) => {
      const instance = generateInstance(rng, { requests: 50, offers: 30, states: 8, mandates: 10 });
      const a = engineWith(instance);
      const shuffled = {
        requests: rng.sample(instance.requests, instance.requests.length),
        offers: rng.sample(instance.offers, instance.offers.length),
        signals: rng.sample(instance.signals, instance.signals.length),
      };
      const b = engineWith(shuffled);
      expect(JSON.stringify(b.rankings())).toBe(JSON.stringify(a.rankings()));
      expect(JSON.stringify(engineWith(instance).rankings())).toBe(JSON.stringify(a.rankings()));
    });
  });

  it('gives every candidate contributions that add up to its score, with values in [0, 1]', () => {
    forAllSeeds(10, 11, (rng) => {
      const engine = engineWith(generateInstance(rng, { requests: 40, offers: 30, states: 8, mandates: 8 }));
      for (const ranking of engine.rankings()) {
        for (const c of ranking.candidates) {
          const sum = c.contributions.reduce((s, x) => s + x.contribution, 0);
          expect(Math.abs(sum - c.score)).toBeLessThanOrEqual(1e-9);
          for (const x of c.contributions) {
            expect(x.value).toBeGreaterThanOrEqual(0);
            expect(x.value).toBeLessThanOrEqual(1);
            expect(x.contribution).toBe(x.weight * x.value);
          }
          expect(c.explanations.length).toBeGreaterThan(0);
          expect(c.organizationId).not.toBe(ranking.organizationId);
        }
        // Language is a working condition: every candidate sharing one comes first, then by score.
        for (let i = 1; i < ranking.candidates.length; i++) {
          const [a, b] = [ranking.candidates[i - 1], ranking.candidates[i]];
          if (a.needsInterpretation === b.needsInterpretation) expect(a.score).toBeGreaterThanOrEqual(b.score);
          else expect(a.needsInterpretation).toBe(false);
        }
        for (const c of ranking.candidates) {
          const applying = c.contributions.filter((x) => x.applies);
          expect(applying.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(1, 12);
          for (const x of c.contributions) if (!x.applies) expect(x.weight).toBe(0);
        }
      }
    });
  });

  it('finds exactly the top k of scoring every pair (indexes and bounds lose nothing)', () => {
    let neighboursSeen = 0;
    forAllSeeds(12, 13, (rng) => {
      const k = rng.int(1, 8);
      const instance = generateInstance(rng, { requests: 60, offers: 60, states: 10, mandates: rng.int(3, 15) });
      const engine = new MatchingEngine({
        now: NOW,
        maxCandidates: k,
        weights: rng.chance(0.5) ? { text: rng.next(), type: rng.next() } : undefined,
        mandateSections: sectionsOf(15),
      });
      engine.load(instance);
      const { requests, offers, peers, context } = engine.snapshot();
      const naive = rankAllPairs(requests, offers, peers, context, k);
      for (const r of requests) expect(samePairs(engine.topPairs(r.id), naive.rankings.get(r.id)!), r.id).toBe(true);
      expect(engine.counters.pairsScored).toBeLessThanOrEqual(naive.pairsScored);
      neighboursSeen += requests.reduce((n, r) => n + engine.topPairs(r.id).filter((p) => p.neighbour).length, 0);
    });
    // The property covered candidates on neighbouring mandates, not only exact ones.
    expect(neighboursSeen).toBeGreaterThan(0);
  });

  it('retrieves neighbours from the text exactly as scoring every pair, whatever the text weight, after offers change', () => {
    // Sections of four mandates each, so most offers are neighbours of most requests; the engine retrieves them
    // from its text postings with score-dependent text floors, which changed and removed offers must keep right.
    let neighboursSeen = 0;
    forAllSeeds(8, 23, (rng) => {
      const k = rng.int(1, 10);
      const instance = generateInstance(rng, { requests: 50, offers: 80, states: 10, mandates: 12 });
      const text = [0, 0.05, 0.32, 2][rng.int(0, 3)];
      const engine = new MatchingEngine({
        now: NOW,
        maxCandidates: k,
        weights: { text },
        mandateSections: Array.from({ length: 12 }, (_, i): [number, string] => [i + 1, `S${Math.floor(i / 4)}`]),
      });
      engine.load(instance);
      const disclosed = instance.offers.filter((o) => !o.withheld);
      for (let i = 0; i < 10; i++) {
        const o = disclosed[rng.int(0, disclosed.length - 1)];
        if (rng.chance(0.3)) engine.removeOffer(o.id);
        else engine.upsertOffer({ ...o, description: instance.requests[rng.int(0, 49)].description });
      }
      engine.recomputeAll();
      const { requests, offers, peers, context } = engine.snapshot();
      const naive = rankAllPairs(requests, offers, peers, context, k);
      for (const r of requests) expect(samePairs(engine.topPairs(r.id), naive.rankings.get(r.id)!), r.id).toBe(true);
      neighboursSeen += requests.reduce((n, r) => n + engine.topPairs(r.id).filter((p) => p.neighbour).length, 0);
    });
    expect(neighboursSeen).toBeGreaterThan(0);
  });

  it('updates incrementally to exactly what a full recompute gives, and reports every ranking that changed', () => {
    forAllSeeds(12, 17, (rng) => {
      const initial = generateInstance(rng, { requests: 30, offers: 20, states: 6, mandates: 6, withheldRate: 0.1 });
      const more = generateInstance(rng, { requests: 30, offers: 20, states: 6, mandates: 6, withheldRate: 0.1 });
      const engine = new MatchingEngine({ now: NOW, maxCandidates: rng.int(2, 6), mandateSections: sectionsOf(6) });
      engine.load(initial);
      const requests = new Map(initial.requests.map((r) => [r.id, r]));
      const offers = new Map(initial.offers.map((o) => [o.id, o]));
      const signals = new Map(initial.signals.map((s) => [s.id!, s]));
      let fresh = 0;

      for (let step = 0; step < 40; step++) {
        const before = new Map(engine.rankings().map((r) => [r.requestId, JSON.stringify(r)]));
        const result = applyRandomOperation(rng, engine, { requests, offers, signals }, more, () => fresh++);
        const after = new Map(engine.rankings().map((r) => [r.requestId, JSON.stringify(r)]));
        for (const id of new Set([...before.keys(), ...after.keys()])) {
          if (before.get(id) !== after.get(id))
            expect(result.changed, `step ${step}: ${id} changed unreported`).toContain(id);
        }
        if (step % 10 === 9) {
          const full = new MatchingEngine({
            now: NOW,
            maxCandidates: engine.maxCandidates,
            textStats: engine.textStats,
            mandateSections: sectionsOf(6),
          });
          full.load({ requests: [...requests.values()], offers: [...offers.values()], signals: [...signals.values()] });
          expect(JSON.stringify(engine.rankings())).toBe(JSON.stringify(full.rankings()));
        }
      }
      expect(engine.recomputeAll().changed).toEqual([]);
    });
    // 12 seeds of full comparisons: about 10 s on an idle machine, over 20 s on the shared one (load 30 on 2 cores).
  }, 90_000);

  it('rebuilds text statistics and moves the clock on the nightly recompute', () => {
    const engine = engineWith({
      requests: [{ ...base.request }],
      offers: [{ ...base.offer, validTo: '2025-06-30' }],
    });
    expect(ids(engine.ranking('r-gt'))).toEqual(['o-oas']);
    engine.upsertOffer({ ...base.offer, id: 'o-2', description: 'Something else entirely about customs.' });
    const statsBefore = engine.textStats;
    const nightly = engine.recomputeAll({ now: '2025-07-01', refreshTextStats: true });
    expect(engine.textStats).not.toBe(statsBefore);
    expect(engine.now).toBe('2025-07-01');
    expect(nightly.changed).toEqual(['r-gt']);
    expect(ids(engine.ranking('r-gt'))).toEqual(['o-2']);
  });
});

/** One random change through the public API, mirrored into `state`. */
function applyRandomOperation(
  rng: Rng,
  engine: MatchingEngine,
  state: {
    requests: Map<string, AssistanceRequest>;
    offers: Map<string, CooperationOffer>;
    signals: Map<string, PeerSignal>;
  },
  pool: Instance,
  nextId: () => number,
) {
  const pickExisting = <T>(map: Map<string, T>) => (map.size ? [...map.values()][rng.int(0, map.size - 1)] : undefined);
  const op = rng.int(0, 9);
  if (op <= 2) {
    const existing = rng.chance(0.5) ? pickExisting(state.requests) : undefined;
    const template = rng.pick(pool.requests);
    const request: AssistanceRequest = existing
      ? rng.pick([
          { ...existing, mandates: template.mandates },
          { ...existing, types: rng.sample(ASSISTANCE_TYPES, rng.int(1, 2)) },
          { ...existing, description: template.description },
          { ...existing, status: rng.pick(['open', 'in_brokering', 'matched', 'withdrawn'] as const) },
          { ...existing, withheld: !existing.withheld },
          { ...existing, languages: template.languages, modality: template.modality },
          { ...existing },
        ])
      : { ...template, id: `new-r${nextId()}` };
    state.requests.set(request.id, request);
    return engine.upsertRequest(request);
  }
  if (op === 3 && state.requests.size) {
    const r = pickExisting(state.requests)!;
    state.requests.delete(r.id);
    return engine.removeRequest(r.id);
  }
  if (op <= 6) {
    const existing = rng.chance(0.6) ? pickExisting(state.offers) : undefined;
    const template = rng.pick(pool.offers);
    const offer: CooperationOffer = existing
      ? rng.pick([
          { ...existing, activeMatches: Math.min(existing.capacity, existing.activeMatches + 1) },
          { ...existing, activeMatches: 0, capacity: existing.capacity + 1 },
          { ...existing, mandates: template.mandates, types: template.types },
          { ...existing, description: template.description },
          { ...existing, validFrom: '2024-01-01', validTo: rng.pick(['2025-01-01', '2026-01-01']) },
          { ...existing, withheld: !existing.withheld },
          { ...existing, organizationId: template.organizationId, kind: template.kind },
          { ...existing, funding: rng.chance(0.5) ? 10_000 : undefined },
        ])
      : { ...template, id: `new-o${nextId()}` };
    state.offers.set(offer.id, offer);
    return engine.upsertOffer(offer);
  }
  if (op === 7 && state.offers.size) {
    const o = pickExisting(state.offers)!;
    state.offers.delete(o.id);
    return engine.removeOffer(o.id);
  }
  if (op === 8 || !state.signals.size) {
    const existing = rng.chance(0.5) ? pickExisting(state.signals) : undefined;
    const template = rng.pick(pool.signals);
    const signal: PeerSignal = existing
      ? rng.pick([
          { ...existing, mandate: template.mandate },
          { ...existing, withheld: !existing.withheld },
          existing.kind === 'progress'
            ? { ...existing, level: rng.pick(['A', 'B', 'C', 'D'] as const) }
            : { ...existing, text: template.text ?? 'x' },
        ])
      : { ...template, id: `new-s${nextId()}` };
    state.signals.set(signal.id!, signal);
    return engine.upsertPeerSignal(signal);
  }
  const s = pickExisting(state.signals)!;
  state.signals.delete(s.id!);
  return engine.removePeerSignal(s.id!);
}
