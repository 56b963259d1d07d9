import { describe, expect, it } from 'vitest';
import { allocate, DEFAULT_SCALE, type OfferCapacity } from './allocation';
import { MatchingEngine } from './engine';
import { generateInstance } from '../tests/matching/generate';
import { forAllSeeds, type Rng } from '../tests/matching/rng';
import type { Candidate, RequestRanking, RequestStatus } from './types';

function candidate(offerId: string, score: number, weak = false): Candidate {
  return {
    candidateId: offerId,
    kind: 'offer',
    offerId,
    organizationId: `org-${offerId}`,
    score,
    needsInterpretation: false,
    modalityConflict: false,
    textJudged: true,
    weak,
    contributions: [],
    explanations: [],
    explanationsEs: [],
  };
}

function ranking(requestId: string, candidates: Candidate[], status: RequestStatus = 'open'): RequestRanking {
  return {
    requestId,
    organizationId: `S-${requestId}`,
    status,
    candidates,
    abstained: !candidates.some((c) => !c.weak),
    missing: [],
  };
}

/** Every way to give each request one of its offers or none, within capacities: the optimum of the scaled scores. */
function bruteForce(rankings: RequestRanking[], offers: OfferCapacity[], scale = DEFAULT_SCALE): number {
  const left = new Map(offers.map((o) => [o.id, Math.max(0, o.capacity - o.activeMatches)]));
  let best = 0;
  const walk = (i: number, total: number) => {
    if (i === rankings.length) {
      best = Math.max(best, total);
      return;
    }
    walk(i + 1, total);
    const seen = new Set<string>();
    for (const c of rankings[i].candidates) {
      if (c.kind !== 'offer' || !c.offerId || seen.has(c.offerId) || !(left.get(c.offerId)! > 0)) continue;
      seen.add(c.offerId);
      const scaled = Math.round(c.score * scale);
      if (scaled <= 0) continue;
      left.set(c.offerId, left.get(c.offerId)! - 1);
      walk(i + 1, total + scaled);
      left.set(c.offerId, left.get(c.offerId)! + 1);
    }
  };
  walk(0, 0);
  return best;
}

function randomInstance(rng: Rng) {
  const offers: OfferCapacity[] = Array.from({ length: rng.int(1, 4) }, (_, j) => {
    const capacity = rng.int(0, 3);
    return { id: `o${j}`, capacity, activeMatches: rng.int(0, capacity) };
  });
  const rankings = Array.from({ length: rng.int(1, 7) }, (_, i) =>
    ranking(
      `r${i}`,
      rng
        .sample(offers, rng.int(0, offers.length))
        .map((o) => candidate(o.id, rng.chance(0.2) ? 0.5 : Math.round(rng.next() * 1000) / 1000))
        .sort((a, b) => b.score - a.score),
    ),
  );
  return { offers, rankings };
}

function checkFeasible(result: ReturnType<typeof allocate>, rankings: RequestRanking[], offers: OfferCapacity[]) {
  const perRequest = new Map<string, number>();
  const perOffer = new Map<string, number>();
  for (const a of result.assignments) {
    perRequest.set(a.requestId, (perRequest.get(a.requestId) ?? 0) + 1);
    perOffer.set(a.offerId, (perOffer.get(a.offerId) ?? 0) + 1);
    const r = rankings.find((x) => x.requestId === a.requestId)!;
    expect(r.candidates.some((c) => c.offerId === a.offerId)).toBe(true);
  }
  for (const n of perRequest.values()) expect(n).toBe(1);
  for (const o of offers)
    expect(perOffer.get(o.id) ?? 0).toBeLessThanOrEqual(Math.max(0, o.capacity - o.activeMatches));
}

describe('allocate', () => {
  it('prefers the assignment with the larger total over the greedy one', () => {
    // Greedy gives o1 to r1 (0.9) and leaves r2 with nothing: 0.9. The optimum is r1→o2, r2→o1: 0.8 + 0.85.
    const rankings = [
      ranking('r1', [candidate('o1', 0.9), candidate('o2', 0.8)]),
      ranking('r2', [candidate('o1', 0.85)]),
    ];
    const offers = [
      { id: 'o1', capacity: 1, activeMatches: 0 },
      { id: 'o2', capacity: 1, activeMatches: 0 },
    ];
    const result = allocate(rankings, offers);
    expect(result.assignments).toEqual([
      { requestId: 'r1', offerId: 'o2', score: 0.8 },
      { requestId: 'r2', offerId: 'o1', score: 0.85 },
    ]);
    expect(result.totalScore).toBeCloseTo(1.65, 12);
    expect(result.unassigned).toEqual([]);
  });

  it('respects capacity already in use, leaves out peers and requests not open', () => {
    const peer: Candidate = { ...candidate('x', 0.99), candidateId: 'peer:CL', kind: 'peer', offerId: undefined };
    const rankings = [
      ranking('r1', [peer, candidate('o1', 0.7)]),
      ranking('r2', [candidate('o1', 0.6)]),
      ranking('r3', [candidate('o1', 0.9)], 'in_brokering'),
    ];
    const result = allocate(rankings, [{ id: 'o1', capacity: 2, activeMatches: 1 }]);
    expect(result.assignments).toEqual([{ requestId: 'r1', offerId: 'o1', score: 0.7 }]);
    expect(result.unassigned).toEqual(['r2']);
    expect(result.load).toEqual([{ offerId: 'o1', assigned: 1, remaining: 1 }]);
    expect(
      allocate(rankings, [{ id: 'o1', capacity: 2, activeMatches: 1 }], { statuses: ['open', 'in_brokering'] })
        .assignments,
    ).toEqual([{ requestId: 'r3', offerId: 'o1', score: 0.9 }]);
  });

  it('ignores withheld offers and offers it was not told about', () => {
    const rankings = [ranking('r1', [candidate('o1', 0.9), candidate('o2', 0.5)])];
    const result = allocate(rankings, [{ id: 'o1', capacity: 1, activeMatches: 0, withheld: true }]);
    expect(result.assignments).toEqual([]);
  });

  it('finds the optimum of brute force on small random instances and never exceeds capacity', () => {
    forAllSeeds(400, 31, (rng) => {
      const { offers, rankings } = randomInstance(rng);
      const result = allocate(rankings, offers);
      expect(result.totalScaled).toBe(bruteForce(rankings, offers));
      checkFeasible(result, rankings, offers);
      expect(result.totalScore).toBeCloseTo(
        result.assignments.reduce((s, a) => s + a.score, 0),
        12,
      );
    });
  });

  it('is deterministic and independent of the order of its inputs', () => {
    forAllSeeds(50, 37, (rng) => {
      const { offers, rankings } = randomInstance(rng);
      const a = allocate(rankings, offers);
      const b = allocate(rng.sample(rankings, rankings.length), rng.sample(offers, offers.length));
      expect(b).toEqual(a);
    });
  });

  it('allocates the engine rankings within capacity at a realistic size', () => {
    forAllSeeds(3, 41, (rng) => {
      const instance = generateInstance(rng, { requests: 300, offers: 60, states: 12, mandates: 12 });
      const engine = new MatchingEngine({ now: '2025-06-01' });
      engine.load(instance);
      const rankings = engine.rankings();
      const offers = engine.offerCapacities();
      const result = allocate(rankings, offers);
      checkFeasible(result, rankings, offers);
      // Never worse than giving each request its best offer greedily in request order.
      const left = new Map(offers.map((o) => [o.id, o.capacity - o.activeMatches]));
      let greedy = 0;
      for (const r of rankings.filter((x) => x.status === 'open')) {
        const c = r.candidates.find((x) => x.offerId && !x.weak && left.get(x.offerId)! > 0);
        if (!c) continue;
        left.set(c.offerId!, left.get(c.offerId!)! - 1);
        greedy += Math.round(c.score * DEFAULT_SCALE);
      }
      expect(result.totalScaled).toBeGreaterThanOrEqual(greedy);
    });
  });

  it('finds the same optimum with searches from each request as with searches from the source (issue 16)', () => {
    forAllSeeds(6, 43, (rng) => {
      const instance = generateInstance(rng, { requests: 200, offers: 40, states: 10, mandates: 8 });
      const engine = new MatchingEngine({ now: '2025-06-01', abstainBelow: rng.chance(0.5) ? 0 : 0.5 });
      engine.load(instance);
      const rankings = engine.rankings();
      const offers = engine.offerCapacities();
      const fast = allocate(rankings, offers);
      const reference = allocate(rankings, offers, { method: 'from-source' });
      checkFeasible(fast, rankings, offers);
      expect(fast.totalScaled).toBe(reference.totalScaled);
    });
  });

  it('never allocates a weak candidate', () => {
    const rankings = [
      ranking('r1', [candidate('weak', 0.9, true), candidate('ok', 0.2)]),
      ranking('r2', [candidate('weak', 0.9, true)]),
    ];
    const result = allocate(rankings, [
      { id: 'weak', capacity: 2, activeMatches: 0 },
      { id: 'ok', capacity: 1, activeMatches: 0 },
    ]);
    expect(result.assignments.map((a) => `${a.requestId}→${a.offerId}`)).toEqual(['r1→ok']);
    expect(result.unassigned).toEqual(['r2']);
  });
});
