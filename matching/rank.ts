/**
 * Ranking rules shared by the engine and the naive reference scorer: the order (score, then candidate id),
 * the cut to the top k, and one candidate per State (a State with an eligible published offer is not also
 * suggested from its evidence).
 */
import type { OfferView, PeerProfile, RequestView } from './model';
import { scoreOfferPair, scorePeerPair, type ScoreContext, type ScoredPair } from './score';

export const DEFAULT_MAX_CANDIDATES = 10;

/**
 * Candidates sharing a working language with the request first (tier 0), then higher score; equal scores by
 * candidate id, so the order never depends on insertion order.
 */
export function comparePairs(
  a: Pick<ScoredPair, 'score' | 'candidateId' | 'tier'>,
  b: Pick<ScoredPair, 'score' | 'candidateId' | 'tier'>,
): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.score !== b.score) return b.score - a.score;
  return a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0;
}

/** Inserts into a list sorted by comparePairs holding at most k pairs; tells whether it went in. */
export function insertTop(top: ScoredPair[], pair: ScoredPair, k: number): boolean {
  if (top.length >= k && comparePairs(pair, top[top.length - 1]) >= 0) return false;
  let lo = 0;
  let hi = top.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePairs(top[mid], pair) <= 0) lo = mid + 1;
    else hi = mid;
  }
  top.splice(lo, 0, pair);
  if (top.length > k) top.pop();
  return true;
}

export function samePairs(a: readonly ScoredPair[], b: readonly ScoredPair[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].candidateId !== b[i].candidateId || a[i].score !== b[i].score || a[i].tier !== b[i].tier) return false;
    const va = a[i].values;
    const vb = b[i].values;
    for (let j = 0; j < va.length; j++) if (va[j] !== vb[j]) return false;
  }
  return true;
}

export interface NaiveResult {
  rankings: Map<string, ScoredPair[]>;
  pairsScored: number;
}

/**
 * The reference: every request against every offer and every State with evidence, with the same scoring
 * functions and ranking rules as the engine. Used by the tests and the benchmark, never by the engine.
 */
export function rankAllPairs(
  requests: readonly RequestView[],
  offers: readonly OfferView[],
  peers: readonly PeerProfile[],
  ctx: ScoreContext,
  k: number = DEFAULT_MAX_CANDIDATES,
): NaiveResult {
  const rankings = new Map<string, ScoredPair[]>();
  let pairsScored = 0;
  for (const req of requests) {
    const top: ScoredPair[] = [];
    const offerOrgs = new Set<string>();
    for (const offer of offers) {
      pairsScored++;
      const pair = scoreOfferPair(req, offer, ctx);
      if (!pair) continue;
      // Only an offer on a requested mandate hides the State's evidence-based suggestion, not one on a neighbour.
      if (!pair.neighbour) offerOrgs.add(pair.organizationId);
      insertTop(top, pair, k);
    }
    for (const profile of peers) {
      pairsScored++;
      const pair = scorePeerPair(req, profile, ctx);
      if (!pair || offerOrgs.has(pair.organizationId)) continue;
      insertTop(top, pair, k);
    }
    rankings.set(req.id, top);
  }
  return { rankings, pairsScored };
}
