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

/**
 * Sections of the commitment by mandate (issue 16, item 5): an offer on another mandate of a requested mandate's
 * section is a candidate when its description is about the same thing (text relevance ≥ NEIGHBOUR_MIN_TEXT).
 */
export interface MandateSections {
  sectionOf: ReadonlyMap<number, string>;
  mandatesOf: ReadonlyMap<string, readonly number[]>;
}

export function mandateSections(sectionOf: Iterable<[number, string]>): MandateSections {
  const map = new Map(sectionOf);
  const mandatesOf = new Map<string, number[]>();
  for (const [m, sec] of [...map].sort((a, b) => a[0] - b[0])) mandatesOf.set(sec, [...(mandatesOf.get(sec) ?? []), m]);
  return { sectionOf: map, mandatesOf };
}

/** The mandates of the request's sections it did not ask for, sorted. */
export function neighbourMandates(requestMandates: readonly number[], sections: MandateSections | null): number[] {
  if (!sections) return [];
  const out = new Set<number>();
  for (const m of requestMandates) {
    const sec = sections.sectionOf.get(m);
    if (sec === undefined) continue;
    for (const n of sections.mandatesOf.get(sec) ?? []) if (!requestMandates.includes(n)) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * A candidate on a neighbouring mandate counts this much of a covered mandate (the penalty for a different
 * mandate), has no focus, and must be at least this relevant by its text. Set from what a neighbour is for
 * (the same thing asked under another paragraph), before the development set was run with them.
 */
export const NEIGHBOUR_MANDATE_VALUE = 0.5;
export const NEIGHBOUR_MIN_TEXT = 0.3;

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
  /** Sections by mandate, or null: then only offers sharing a requested mandate are candidates. */
  sections: MandateSections | null;
}

export function scoreContext(
  now: number,
  weights: Weights,
  unknown: number,
  peers: ReadonlyMap<string, PeerProfile>,
  sections: MandateSections | null = null,
): ScoreContext {
  return { now, weights, weightVector: CRITERIA.map((c) => weights[c]), unknown, peers, sections };
}

export interface ScoredPair {
  candidateId: string;
  kind: CandidateKind;
  organizationId: string;
  offerId?: string;
  /** Criterion values in CRITERIA order (0 for a criterion that does not apply). */
  values: number[];
  /** Bit i set when CRITERIA[i] applies to this candidate (see APPLIES_*). */
  applicable: number;
  /** 0: shares a working language with the request (or a side has stated none); 1: needs interpretation. */
  tier: number;
  /** On a neighbouring mandate of the same section, not on a requested one (item 5). */
  neighbour: boolean;
  /** Σ weight × value over the criteria that apply, divided by Σ weight over them: in [0, 1]. */
  score: number;
}

// ---------------------------------------------------------------------------------------------------------
// Which criteria apply (issue 16, item 2)

const bit = (c: Criterion) => 1 << CRITERION_INDEX[c];
/** Every criterion. */
export const ALL_CRITERIA_MASK = (1 << CRITERIA.length) - 1;
/**
 * A JSWG organization's offer: every criterion but peer evidence, which is evidence about States; language only
 * when both sides stated theirs (the caller clears its bit otherwise).
 */
export const APPLIES_JSWG_OFFER = ALL_CRITERIA_MASK & ~bit('peer');
/** A State's published peer-support offer: every criterion, its evidence included. */
export const APPLIES_STATE_OFFER = ALL_CRITERIA_MASK;
/**
 * A State suggested from its evidence has published no offer: its assistance types, modality, capacity,
 * availability and funding are not known, and "a published offer" cannot be asked of it. It is scored on what
 * is known (mandates, focus, relevance of its evidence, the evidence itself and, when known, its working
 * languages), normalised over those, instead of counting the unknown as half and the missing offer as zero,
 * which ranked a relevant peer below an offer of the wrong assistance type.
 */
export const APPLIES_PEER = bit('mandate') | bit('focus') | bit('text') | bit('peer') | bit('language');
export const LANGUAGE_BIT_MASK = bit('language');

/**
 * Language is a working condition (issue 16, item 4): every candidate that shares a working language with the
 * request ranks above every candidate that does not. The tier is subtracted from the score, times this gap, to
 * give the key the engine prunes and sorts on; scores are in [0, 1], so a gap of 2 keeps the tiers apart.
 */
export const LANGUAGE_TIER_GAP = 2;

/** The key pairs are ordered by (higher first): the score within its language tier. */
export function rankKey(pair: Pick<ScoredPair, 'score' | 'tier'>): number {
  return pair.score - pair.tier * LANGUAGE_TIER_GAP;
}

/** Σ weight over the criteria in `mask`. */
export function applicableWeight(mask: number, weightVector: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < weightVector.length; i++) if (mask & (1 << i)) s += weightVector[i];
  return s;
}

/** The normalised score: Σ weight × value over the criteria in `mask` / Σ weight over them (0 when none weigh). */
export function normalizedScore(values: readonly number[], mask: number, weightVector: readonly number[]): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    if (!(mask & (1 << i))) continue;
    s += weightVector[i] * values[i];
    w += weightVector[i];
  }
  return w > 0 ? s / w : 0;
}

/** Whether the language criterion applies (both sides stated languages) and found none shared. */
export function needsInterpretation(values: readonly number[], mask: number): boolean {
  return (mask & LANGUAGE_BIT_MASK) !== 0 && values[CRITERION_INDEX.language] === 0;
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

export function languageFit(
  requested: readonly Language[] | null,
  offered: readonly Language[] | null,
  unknown: number,
): number {
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
export function periodFit(
  need: DayRange | null,
  validFrom: number | null,
  validTo: number | null,
  now: number,
): number {
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
 * Fills every criterion but text for an offer and returns the mask of the criteria that apply, or -1 when the
 * pair is not eligible. The engine's bound (engine.ts, rank) computes the same criteria from its index columns
 * and must agree on eligibility and applicability; the property tests compare both against scoring every pair
 * with this function.
 */
export function offerStructure(
  req: RequestView,
  offer: OfferView,
  sharedMandates: number,
  sharedTypes: number,
  ctx: ScoreContext,
  out: number[],
): number {
  const neighbour = sharedMandates === 0 && isNeighbourOffer(req, offer, ctx.sections);
  out[I.mandate] = neighbour ? NEIGHBOUR_MANDATE_VALUE : mandateCoverage(sharedMandates, req.mandates.length);
  out[I.focus] = mandateFocus(sharedMandates, offer.mandates.length);
  out[I.type] = typeFit(sharedTypes, req.types.length);
  out[I.language] = languageFitMasks(req.firstLanguage, req.languageMask, offer.languageMask, ctx.unknown);
  out[I.modality] = modalityFit(req.modality, offer.modality);
  out[I.text] = 0;
  out[I.peer] = offer.kind === 'peer_state' ? peerEvidenceValue(ctx.peers.get(offer.organizationId), req.mandates) : 0;
  out[I.commitment] = 1;
  out[I.capacity] = capacityLeft(offer.remaining, offer.capacity);
  out[I.period] = periodFit(req.period, offer.validFrom, offer.validTo, ctx.now);
  out[I.funding] = fundingValue(offer.funding);
  const eligible =
    (sharedMandates > 0 || neighbour) &&
    offer.organizationId !== req.organizationId &&
    offer.remaining > 0 &&
    out[I.period] > 0;
  if (!eligible) return -1;
  let mask = offer.kind === 'peer_state' ? APPLIES_STATE_OFFER : APPLIES_JSWG_OFFER;
  if (req.languageMask === 0 || offer.languageMask === 0) mask &= ~LANGUAGE_BIT_MASK;
  return mask;
}

/** Sum of every weighted criterion but text (not normalised); adding the text weight bounds the raw sum. */
export function partialScore(values: readonly number[], ctx: ScoreContext, mask: number = ALL_CRITERIA_MASK): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) if (i !== TEXT && mask & (1 << i)) s += ctx.weightVector[i] * values[i];
  return s;
}

/** The offer shares no requested mandate but has one in a requested mandate's section. */
export function isNeighbourOffer(req: RequestView, offer: OfferView, sections: MandateSections | null): boolean {
  if (!sections) return false;
  for (const m of req.mandates) {
    const sec = sections.sectionOf.get(m);
    if (sec === undefined) continue;
    for (const o of offer.mandates) if (sections.sectionOf.get(o) === sec) return true;
  }
  return false;
}

function pairOf(
  base: Pick<ScoredPair, 'candidateId' | 'kind' | 'organizationId' | 'offerId'>,
  values: number[],
  mask: number,
  ctx: ScoreContext,
  neighbour = false,
): ScoredPair {
  const pair: ScoredPair = {
    candidateId: base.candidateId,
    kind: base.kind,
    organizationId: base.organizationId,
    values,
    applicable: mask,
    tier: needsInterpretation(values, mask) ? 1 : 0,
    neighbour,
    score: normalizedScore(values, mask, ctx.weightVector),
  };
  if (base.offerId !== undefined) pair.offerId = base.offerId;
  return pair;
}

/** Scores one request–offer pair on every criterion; null when the pair is not eligible. */
export function scoreOfferPair(req: RequestView, offer: OfferView, ctx: ScoreContext): ScoredPair | null {
  const values = new Array<number>(CRITERIA.length).fill(0);
  const shared = sharedCount(req.mandates, offer.mandates);
  const mask = offerStructure(req, offer, shared, popcount(req.typeMask & offer.typeMask), ctx, values);
  if (mask < 0) return null;
  values[TEXT] = textRelevance(req.vector, offer.vector);
  const neighbour = shared === 0;
  if (neighbour && !(values[TEXT] >= NEIGHBOUR_MIN_TEXT)) return null;
  return pairOf(
    { candidateId: offer.id, kind: 'offer', organizationId: offer.organizationId, offerId: offer.id },
    values,
    mask,
    ctx,
    neighbour,
  );
}

/**
 * A State suggested from its evidence has published no offer: its assistance types, modality, capacity and
 * availability are unknown and do not apply (see APPLIES_PEER); its working languages are its official
 * languages when the caller gave them. Returns the mask of what applies, or -1 when not eligible.
 */
export function peerStructure(req: RequestView, profile: PeerProfile, ctx: ScoreContext, out: number[]): number {
  const shared = sharedCount(req.mandates, profile.mandates);
  out[I.mandate] = mandateCoverage(shared, req.mandates.length);
  out[I.focus] = mandateFocus(shared, profile.mandates.length);
  out[I.type] = 0;
  out[I.language] = languageFitMasks(req.firstLanguage, req.languageMask, profile.languageMask, ctx.unknown);
  out[I.modality] = 0;
  out[I.text] = 0;
  out[I.peer] = peerEvidenceValue(profile, req.mandates);
  out[I.commitment] = 0;
  out[I.capacity] = 0;
  out[I.period] = 0;
  out[I.funding] = 0;
  if (!(shared > 0 && profile.organizationId !== req.organizationId)) return -1;
  return req.languageMask === 0 || profile.languageMask === 0 ? APPLIES_PEER & ~LANGUAGE_BIT_MASK : APPLIES_PEER;
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
  const mask = peerStructure(req, profile, ctx, values);
  if (mask < 0) return null;
  values[TEXT] = peerTextRelevance(req, profile);
  return pairOf(
    { candidateId: peerCandidateId(profile.organizationId), kind: 'peer', organizationId: profile.organizationId },
    values,
    mask,
    ctx,
  );
}
