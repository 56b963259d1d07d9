/**
 * English explanations of a candidate's score. They are built from the engine's views only, which hold no
 * withheld data, and they quote at most a few shared terms of two disclosed descriptions.
 */
import type { OfferView, PeerProfile, RequestView } from './model';
import { CRITERION_INDEX as I, type ScoreContext, type ScoredPair } from './score';
import { sharedTerms, cosine, type TextVector } from './text';
import {
  ASSISTANCE_TYPE_LABELS,
  CRITERIA,
  LANGUAGE_NAMES,
  type Candidate,
  type Contribution,
  type Criterion,
  type Language,
} from './types';
import { dayToIso } from './validate';

const SHARED_TERMS_SHOWN = 4;

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function languages(ls: readonly Language[]): string {
  return list(ls.map((l) => LANGUAGE_NAMES[l]));
}

function modalityText(m: string): string {
  return m === 'in_person' ? 'in-person' : m === 'virtual' ? 'virtual' : 'in-person or virtual';
}

function mandateLine(req: RequestView, candidateMandates: readonly number[]): string {
  const shared = req.mandates.filter((m) => candidateMandates.includes(m));
  const missing = req.mandates.filter((m) => !candidateMandates.includes(m));
  const covered = `${plural(shared.length, 'mandate', 'mandates')} ${list(shared.map(String))}`;
  if (missing.length === 0) return req.mandates.length === 1 ? `Covers the requested ${covered}.` : `Covers all requested mandates (${list(shared.map(String))}).`;
  return `Covers ${covered} of the ${req.mandates.length} requested (not ${list(missing.map(String))}).`;
}

function typeLine(req: RequestView, offer: OfferView): string {
  const shared = req.types.filter((t) => offer.types.includes(t));
  const missing = req.types.filter((t) => !offer.types.includes(t));
  if (shared.length === 0) {
    return `Offers ${list(offer.types.map((t) => ASSISTANCE_TYPE_LABELS[t]))}, not the requested ${list(req.types.map((t) => ASSISTANCE_TYPE_LABELS[t]))}.`;
  }
  const base = `Offers ${list(shared.map((t) => ASSISTANCE_TYPE_LABELS[t]))}, as requested`;
  return missing.length ? `${base}; not ${list(missing.map((t) => ASSISTANCE_TYPE_LABELS[t]))}.` : `${base}.`;
}

function languageLine(req: RequestView, offer: OfferView | null, value: number): string {
  if (!offer) return 'Working languages to be agreed (no published offer).';
  if (!req.languages || !offer.languages) return 'Working languages not stated.';
  const shared = req.languages.filter((l) => offer.languages!.includes(l));
  if (value === 1) return `Works in ${LANGUAGE_NAMES[req.languages[0]]}, the request's first language.`;
  if (shared.length) return `Shares ${languages(shared)} as a working language.`;
  return `No shared working language (request: ${languages(req.languages)}; offer: ${languages(offer.languages)}).`;
}

function modalityLine(req: RequestView, offer: OfferView | null, value: number): string {
  if (!offer) return 'Modality to be agreed.';
  if (value === 1) {
    const m = req.modality === 'either' ? offer.modality : req.modality;
    return `Modality fits (${modalityText(m)}).`;
  }
  return `Modality conflict: the request needs ${modalityText(req.modality)} work, the offer is ${modalityText(offer.modality)} only.`;
}

function bestPeerVector(req: RequestView, profile: PeerProfile): TextVector | null {
  if (!req.vector) return null;
  let best: TextVector | null = null;
  let bestValue = 0;
  for (const m of req.mandates) {
    for (const v of profile.byMandate.get(m)?.vectors ?? []) {
      const c = cosine(req.vector, v);
      if (c > bestValue) {
        bestValue = c;
        best = v;
      }
    }
  }
  return best;
}

function textLine(req: RequestView, other: TextVector | null, value: number, peer: boolean): string {
  if (!req.vector || (!other && !peer)) return 'Text relevance not used: a description is not available.';
  if (value === 0 || !other) return peer ? 'No disclosed good practice text relates to the description.' : 'The descriptions share no key terms.';
  const terms = sharedTerms(req.vector, other, SHARED_TERMS_SHOWN);
  const strength = value >= 0.35 ? 'closely related' : value >= 0.15 ? 'related' : 'loosely related';
  const subject = peer ? 'Its good practice or progress report is' : 'The descriptions are';
  return `${subject} ${strength} (shared terms: ${terms.join('; ')}).`;
}

function peerLine(req: RequestView, profile: PeerProfile | undefined): string {
  if (!profile) return 'No progress or good practice reported on the requested mandates.';
  const progress = req.mandates.filter((m) => profile.byMandate.get(m)?.progress);
  const practices = req.mandates.filter((m) => (profile.byMandate.get(m)?.goodPractices ?? 0) > 0);
  const parts: string[] = [];
  if (progress.length) parts.push(`reports advanced or completed progress on ${plural(progress.length, 'mandate', 'mandates')} ${list(progress.map(String))}`);
  if (practices.length) parts.push(`has a published good practice on ${plural(practices.length, 'mandate', 'mandates')} ${list(practices.map(String))}`);
  if (!parts.length) return 'No progress or good practice reported on the requested mandates.';
  const text = list(parts);
  return `This State ${text}.`;
}

function capacityLine(offer: OfferView): string {
  return `${offer.remaining} of ${offer.capacity} ${plural(offer.capacity, 'place', 'places')} left.`;
}

function periodLine(req: RequestView, offer: OfferView, value: number, now: number): string {
  if (req.period) {
    const range = `${dayToIso(req.period.from)} to ${dayToIso(req.period.to)}`;
    if (value >= 1) return `Available for the whole requested period (${range}).`;
    return `Available for ${Math.round(value * 100)}% of the requested period (${range}).`;
  }
  if (offer.validFrom !== null && offer.validFrom > now) return `Available from ${dayToIso(offer.validFrom)}.`;
  return offer.validTo !== null ? `Available now, until ${dayToIso(offer.validTo)}.` : 'Available now.';
}

/** 1234567 → "1,234,567", without depending on the runtime's locale data. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function fundingLine(offer: OfferView): string | null {
  if (offer.funding === null) return null;
  if (offer.funding === true) return 'Brings funding.';
  return `Brings funding (USD ${thousands(Math.round(offer.funding))}).`;
}

/** The contributions and explanations of a scored pair. */
export function describe(
  pair: ScoredPair,
  req: RequestView,
  offer: OfferView | null,
  ctx: ScoreContext,
): Candidate {
  const contributions: Contribution[] = CRITERIA.map((criterion, i) => ({
    criterion,
    value: pair.values[i],
    weight: ctx.weightVector[i],
    contribution: ctx.weightVector[i] * pair.values[i],
  }));
  const profile = ctx.peers.get(pair.organizationId);
  const lines = new Map<Criterion, string | null>();
  const v = pair.values;
  if (offer) {
    lines.set('mandate', mandateLine(req, offer.mandates));
    lines.set('type', typeLine(req, offer));
    lines.set('language', languageLine(req, offer, v[I.language]));
    lines.set('modality', modalityLine(req, offer, v[I.modality]));
    lines.set('text', textLine(req, offer.vector, v[I.text], false));
    lines.set('peer', offer.kind === 'peer_state' && v[I.peer] > 0 ? peerLine(req, profile) : null);
    lines.set('commitment', offer.kind === 'jswg' ? 'Published offer of a JSWG organization.' : 'Published peer-support offer of a State.');
    lines.set('capacity', capacityLine(offer));
    lines.set('period', periodLine(req, offer, v[I.period], ctx.now));
    lines.set('funding', fundingLine(offer));
  } else {
    lines.set('mandate', mandateLine(req, profile?.mandates ?? []));
    lines.set('type', 'Assistance types not stated: suggested from its reported experience.');
    lines.set('language', languageLine(req, null, v[I.language]));
    lines.set('modality', modalityLine(req, null, v[I.modality]));
    lines.set('text', textLine(req, profile ? bestPeerVector(req, profile) : null, v[I.text], true));
    lines.set('peer', peerLine(req, profile));
    lines.set('commitment', 'Has published no offer on this; the Secretariat would need to ask.');
    lines.set('capacity', null);
    lines.set('period', null);
    lines.set('funding', null);
  }
  const order = CRITERIA.map((c, i) => ({ c, i, contribution: contributions[i].contribution })).sort(
    (a, b) => b.contribution - a.contribution || a.i - b.i,
  );
  const explanations: string[] = [];
  for (const { c } of order) {
    if (ctx.weights[c] === 0) continue;
    const line = lines.get(c);
    if (line) explanations.push(line);
  }
  const candidate: Candidate = {
    candidateId: pair.candidateId,
    kind: pair.kind,
    organizationId: pair.organizationId,
    score: pair.score,
    contributions,
    explanations,
  };
  if (pair.offerId !== undefined) candidate.offerId = pair.offerId;
  return candidate;
}
