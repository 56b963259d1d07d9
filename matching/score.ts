/**
 * The criteria. Each is a small pure function with a value in [0, 1]; a candidate's score is the sum of
 * weight × value over CRITERIA in that order, and its contributions are exactly those terms.
 *
 * Eligibility (hard rules, not weights): a candidate shares at least one mandate with the request, is not the
 * requesting State, and, for an offer, has capacity left, has not expired and is valid during some part of
 * the period the request needs. The same functions serve the engine and the naive all-pairs scorer.
 */
import type { DayRange, OfferView, PeerProfile, RequestView } from './model';
import { languageMaskOf, popcount } from './model';
import { cosine, type TextVector } from './text';
import { CRITERIA, type CandidateKind, type Criterion, type Language, type Modality, peerCandidateId } from './types';
import type { Weights } from './weights';

/**
 * Position of each criterion in CRITERIA, as a literal object: a hot loop reads it for every candidate, and an
 * object built with Object.fromEntries would be a slow dictionary. A test checks it against CRITERIA.
 */
export const CRITERION_INDEX = {
  mandate: 0,
  focus: 1,
  type: 2,
  language: 3,
  modality: 4,
  text: 5,
  peer: 6,
  commitment: 7,
  capacity: 8,
  period: 9,
  funding: 10,
} as const satisfies Record<Criterion, number>;
const I = CRITERION_INDEX;
const TEXT = I.text;

export interface ScoreContext {
  /** Today, as a day number (see dayNumber). */
  now: number;
  weights: Weights;
  /** Weights in CRITERIA order. */
  weightVector: number[];
  /** The value of a criterion that cannot be judged for a candidate. */
  unknown: number;
  /** Peer profiles by organization. */
  peers: ReadonlyMap<string, PeerProfile>;
}

export function scoreContext(now: number, weights: Weights, unknown: number, peers: ReadonlyMap<string, PeerProfile>): ScoreContext {
  return { now, weights, weightVector: CRITERIA.map((c) => weights[c]), unknown, peers };
}

export interface ScoredPair {
  candidateId: string;
  kind: CandidateKind;
  organizationId: string;
  offerId?: string;
  /** Criterion values in CRITERIA order. */
  values: number[];
  score: number;
}

// ---------------------------------------------------------------------------------------------------------
// Criteria

export function mandateCoverage(shared: number, requested: number): number {
  return requested > 0 ? shared / requested : 0;
}

export function mandateFocus(shared: number, offered: number): number {
  return offered > 0 ? shared / offered : 0;
}

export function typeFit(sharedTypes: number, requestedTypes: number): number {
  return requestedTypes > 0 ? sharedTypes / requestedTypes : 0;
}

/**
 * 1 when the request's first language is offered, 0.75 for another shared language, 0 for none; `unknown`
 * when either side has not stated (or not disclosed) its languages. Bit sets, see languageMaskOf.
 */
export function languageFitMasks(firstRequested: number, requested: number, offered: number, unknown: number): number {
  if (requested === 0 || offered === 0) return unknown;
  if (offered & firstRequested) return 1;
  return requested & offered ? 0.75 : 0;
}

export function languageFit(requested: readonly Language[] | null, offered: readonly Language[] | null, unknown: number): number {
  const first = requested && requested.length ? languageMaskOf([requested[0]]) : 0;
  return languageFitMasks(first, languageMaskOf(requested), languageMaskOf(offered), unknown);
}

export function modalityFit(requested: Modality, offered: Modality): number {
  return requested === 'either' || offered === 'either' || requested === offered ? 1 : 0;
}

export function isExpired(validTo: number | null, now: number): boolean {
  return validTo !== null && validTo < now;
}

/**
 * Share of the needed period the offer is valid in. Without a stated period the need starts today: an offer
 * valid now fits fully, one that starts later loses a little per month of waiting (nothing left after a year).
 * 0 means no overlap (or expired), which makes the offer ineligible.
 */
export function periodFit(need: DayRange | null, validFrom: number | null, validTo: number | null, now: number): number {
  if (isExpired(validTo, now)) return 0;
  const vf = validFrom ?? Number.NEGATIVE_INFINITY;
  const vt = validTo ?? Number.POSITIVE_INFINITY;
  if (need) {
    const overlap = Math.min(need.to, vt) - Math.max(need.from, vf) + 1;
    return overlap > 0 ? Math.min(1, overlap / (need.to - need.from + 1)) : 0;
  }
  if (vf <= now) return 1;
  return Math.max(0, 1 - (vf - now) / 365);
}

export function capacityLeft(remaining: number, capacity: number): number {
  return capacity > 0 ? Math.max(0, Math.min(1, remaining / capacity)) : 0;
}

export function fundingValue(funding: number | true | null): number {
  return funding === null ? 0 : 1;
}

/**
 * Evidence a State has done what is asked, averaged over the requested mandates: a published good practice
 * (0.85), advanced or completed progress (0.6), both (1). C and D count the same: the Mechanism's indicators are
 * process indicators and the platform never orders States by their progress.
 */
export function peerEvidenceValue(profile: PeerProfile | undefined, requestMandates: readonly number[]): number {
  if (!profile || requestMandates.length === 0) return 0;
  let sum = 0;
  for (const m of requestMandates) {
    const e = profile.byMandate.get(m);
    if (!e) continue;
    sum += e.goodPractices > 0 ? (e.progress ? 1 : 0.85) : e.progress ? 0.6 : 0;
  }
  return sum / requestMandates.length;
}

export function textRelevance(a: TextVector | null, b: TextVector | null): number {
  return a && b ? cosine(a, b) : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Pairs

export function sharedCount(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

export function sumContributions(values: readonly number[], weightVector: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += weightVector[i] * values[i];
  return s;
}

/**
 * Fills every criterion but text for an offer and tells whether the pair is eligible. The engine's bound
 * (engine.ts, rank) computes the same criteria from its index columns and must agree on eligibility; the
 * property tests compare both against scoring every pair with this function.
 */
export function offerStructure(
  req: RequestView,
  offer: OfferView,
  sharedMandates: number,
  sharedTypes: number,
  ctx: ScoreContext,
  out: number[],
): boolean {
  out[I.mandate] = mandateCoverage(sharedMandates, req.mandates.length);
  out[I.focus] = mandateFocus(sharedMandates, offer.mandates.length);
  out[I.type] = typeFit(sharedTypes, req.types.length);
  out[I.language] = languageFitMasks(req.firstLanguage, req.languageMask, offer.languageMask, ctx.unknown);
  out[I.modality] = modalityFit(req.modality, offer.modality);
  out[I.peer] = offer.kind === 'peer_state' ? peerEvidenceValue(ctx.peers.get(offer.organizationId), req.mandates) : 0;
  out[I.commitment] = 1;
  out[I.capacity] = capacityLeft(offer.remaining, offer.capacity);
  out[I.period] = periodFit(req.period, offer.validFrom, offer.validTo, ctx.now);
  out[I.funding] = fundingValue(offer.funding);
  return (
    sharedMandates > 0 &&
    offer.organizationId !== req.organizationId &&
    offer.remaining > 0 &&
    out[I.period] > 0
  );
}

/** Sum of every weighted criterion but text; adding the text weight gives an upper bound of the score. */
export function partialScore(values: readonly number[], ctx: ScoreContext): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) if (i !== TEXT) s += ctx.weightVector[i] * values[i];
  return s;
}

/** Scores one request–offer pair on every criterion; null when the pair is not eligible. */
export function scoreOfferPair(req: RequestView, offer: OfferView, ctx: ScoreContext): ScoredPair | null {
  const values = new Array<number>(CRITERIA.length).fill(0);
  const eligible = offerStructure(
    req,
    offer,
    sharedCount(req.mandates, offer.mandates),
    popcount(req.typeMask & offer.typeMask),
    ctx,
    values,
  );
  values[TEXT] = textRelevance(req.vector, offer.vector);
  if (!eligible) return null;
  return {
    candidateId: offer.id,
    kind: 'offer',
    organizationId: offer.organizationId,
    offerId: offer.id,
    values,
    score: sumContributions(values, ctx.weightVector),
  };
}

/**
 * A State suggested from its evidence has published no offer: its assistance types, languages, modality,
 * capacity and availability are unknown, and it brings no funding.
 */
export function peerStructure(req: RequestView, profile: PeerProfile, ctx: ScoreContext, out: number[]): boolean {
  const shared = sharedCount(req.mandates, profile.mandates);
  out[I.mandate] = mandateCoverage(shared, req.mandates.length);
  out[I.focus] = mandateFocus(shared, profile.mandates.length);
  out[I.type] = ctx.unknown;
  out[I.language] = ctx.unknown;
  out[I.modality] = ctx.unknown;
  out[I.peer] = peerEvidenceValue(profile, req.mandates);
  out[I.commitment] = 0;
  out[I.capacity] = ctx.unknown;
  out[I.period] = ctx.unknown;
  out[I.funding] = 0;
  return shared > 0 && profile.organizationId !== req.organizationId;
}

/** Relevance of the State's most relevant disclosed good practice or progress text on a requested mandate. */
export function peerTextRelevance(req: RequestView, profile: PeerProfile): number {
  if (!req.vector) return 0;
  let best = 0;
  for (const m of req.mandates) {
    const e = profile.byMandate.get(m);
    if (!e) continue;
    for (const v of e.vectors) {
      const c = cosine(req.vector, v);
      if (c > best) best = c;
    }
  }
  return best;
}

export function scorePeerPair(req: RequestView, profile: PeerProfile, ctx: ScoreContext): ScoredPair | null {
  const values = new Array<number>(CRITERIA.length).fill(0);
  const eligible = peerStructure(req, profile, ctx, values);
  values[TEXT] = peerTextRelevance(req, profile);
  if (!eligible) return null;
  return {
    candidateId: peerCandidateId(profile.organizationId),
    kind: 'peer',
    organizationId: profile.organizationId,
    values,
    score: sumContributions(values, ctx.weightVector),
  };
}
