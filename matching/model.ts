/**
 * The engine's internal views of its inputs. They are built from validated input with every withheld item
 * and field already removed (see `disclose*`), so nothing downstream can use or quote withheld data.
 */
import {
  type AnalyzedText,
  type TextAnalyzer,
  type TextStats,
  type TextVector,
  type Vocabulary,
  vectorize,
} from './text';
import {
  ASSISTANCE_TYPES,
  LANGUAGES,
  RANKED_STATUSES,
  type AssistanceRequest,
  type AssistanceType,
  type CooperationOffer,
  type Language,
  type Modality,
  type OfferKind,
  type PeerSignal,
  type RequestStatus,
} from './types';
import { dayNumber } from './validate';

export interface DayRange {
  from: number;
  to: number;
}

export interface RequestView {
  id: string;
  organizationId: string;
  status: RequestStatus;
  /** Sorted, without duplicates. */
  mandates: number[];
  types: AssistanceType[];
  typeMask: number;
  /** null when not disclosed. */
  languages: Language[] | null;
  /** Bit set of the languages (0 when not disclosed) and the bit of the first one. */
  languageMask: number;
  firstLanguage: number;
  modality: Modality;
  period: DayRange | null;
  doc: AnalyzedText | null;
  vector: TextVector | null;
}

export interface OfferView {
  id: string;
  organizationId: string;
  kind: OfferKind;
  mandates: number[];
  types: AssistanceType[];
  typeMask: number;
  languages: Language[] | null;
  languageMask: number;
  modality: Modality;
  capacity: number;
  remaining: number;
  /** Amount (USD), true when it brings funding of an unstated amount, null when none or not disclosed. */
  funding: number | true | null;
  validFrom: number | null;
  validTo: number | null;
  doc: AnalyzedText | null;
  vector: TextVector | null;
}

export interface SignalView {
  key: string;
  languageMask: number;
  organizationId: string;
  mandate: number;
  kind: 'progress' | 'good_practice';
  doc: AnalyzedText | null;
  vector: TextVector | null;
}

export interface PeerEvidence {
  progress: boolean;
  goodPractices: number;
  /** Vectors of the disclosed texts of this State's signals on the mandate. */
  vectors: TextVector[];
}

export interface PeerProfile {
  organizationId: string;
  byMandate: Map<number, PeerEvidence>;
  /** Mandates with evidence, sorted. */
  mandates: number[];
  /** Working languages from its signals (see PeerSignal.languages), null when none were given. */
  languages: Language[] | null;
  languageMask: number;
}

export const TYPE_BIT: Record<AssistanceType, number> = Object.fromEntries(
  ASSISTANCE_TYPES.map((t, i) => [t, 1 << i]),
) as Record<AssistanceType, number>;

export const LANGUAGE_BIT: Record<Language, number> = Object.fromEntries(
  LANGUAGES.map((l, i) => [l, 1 << i]),
) as Record<Language, number>;

export function languageMaskOf(languages: readonly Language[] | null): number {
  let mask = 0;
  for (const l of languages ?? []) mask |= LANGUAGE_BIT[l];
  return mask;
}

export function typeMaskOf(types: readonly AssistanceType[]): number {
  let mask = 0;
  for (const t of types) mask |= TYPE_BIT[t];
  return mask;
}

export function popcount(x: number): number {
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

function sortedUnique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function sortedTypes(types: readonly AssistanceType[]): AssistanceType[] {
  const mask = typeMaskOf(types);
  return ASSISTANCE_TYPES.filter((t) => mask & TYPE_BIT[t]);
}

// ---------------------------------------------------------------------------------------------------------
// The boundary: what may be used

/** The request as the engine may see it, or null when it is withheld or not in a status that gets rankings. */
export function discloseRequest(r: AssistanceRequest): AssistanceRequest | null {
  if (r.withheld || !RANKED_STATUSES.includes(r.status)) return null;
  const hidden = new Set(r.withheldFields ?? []);
  return {
    id: r.id,
    organizationId: r.organizationId,
    mandates: [...r.mandates],
    types: [...r.types],
    description: hidden.has('description') ? '' : r.description,
    languages: hidden.has('languages') ? [] : [...r.languages],
    modality: r.modality,
    period: hidden.has('period') || !r.period ? undefined : { from: r.period.from, to: r.period.to },
    status: r.status,
  };
}

export function discloseOffer(o: CooperationOffer): CooperationOffer | null {
  if (o.withheld) return null;
  const hidden = new Set(o.withheldFields ?? []);
  return {
    id: o.id,
    organizationId: o.organizationId,
    kind: o.kind,
    mandates: [...o.mandates],
    types: [...o.types],
    description: hidden.has('description') ? '' : o.description,
    languages: hidden.has('languages') ? [] : [...o.languages],
    modality: o.modality,
    capacity: o.capacity,
    activeMatches: o.activeMatches,
    funding: hidden.has('funding') ? undefined : o.funding,
    validFrom: hidden.has('validity') ? undefined : o.validFrom,
    validTo: hidden.has('validity') ? undefined : o.validTo,
  };
}

/** Progress A or B is no evidence of capacity to help, so such signals are dropped here too. */
export function discloseSignal(s: PeerSignal): PeerSignal | null {
  if (s.withheld) return null;
  if (s.kind === 'progress' && s.level !== 'C' && s.level !== 'D') return null;
  const hidden = new Set(s.withheldFields ?? []);
  return {
    id: s.id,
    organizationId: s.organizationId,
    mandate: s.mandate,
    kind: s.kind,
    level: s.level,
    text: hidden.has('text') ? undefined : s.text,
    languages: s.languages ? [...s.languages] : undefined,
  };
}

export function signalKey(s: Pick<PeerSignal, 'id' | 'organizationId' | 'mandate' | 'kind'>): string {
  return s.id ?? `${s.organizationId}|${s.mandate}|${s.kind}`;
}

// ---------------------------------------------------------------------------------------------------------
// Views

function analyzeOrNull(analyzer: TextAnalyzer, text: string | undefined): AnalyzedText | null {
  if (!text || text.trim().length === 0) return null;
  const doc = analyzer.analyze(text);
  return doc.counts.size ? doc : null;
}

function vectorOrNull(doc: AnalyzedText | null, stats: TextStats, vocabulary?: Vocabulary): TextVector | null {
  if (!doc) return null;
  const v = vectorize(doc, stats, vocabulary);
  return v.keys.length ? v : null;
}

/** Takes a disclosed request (see discloseRequest). */
export function requestView(
  r: AssistanceRequest,
  analyzer: TextAnalyzer,
  stats: TextStats,
  vocabulary?: Vocabulary,
): RequestView {
  const doc = analyzeOrNull(analyzer, r.description);
  const languages = r.languages.length ? [...r.languages] : null;
  return {
    id: r.id,
    organizationId: r.organizationId,
    status: r.status,
    mandates: sortedUnique(r.mandates),
    types: sortedTypes(r.types),
    typeMask: typeMaskOf(r.types),
    languages,
    languageMask: languageMaskOf(languages),
    firstLanguage: languages ? LANGUAGE_BIT[languages[0]] : 0,
    modality: r.modality,
    period: r.period ? { from: dayNumber(r.period.from), to: dayNumber(r.period.to) } : null,
    doc,
    vector: vectorOrNull(doc, stats, vocabulary),
  };
}

export function offerView(
  o: CooperationOffer,
  analyzer: TextAnalyzer,
  stats: TextStats,
  vocabulary?: Vocabulary,
): OfferView {
  const doc = analyzeOrNull(analyzer, o.description);
  const languages = o.languages.length ? [...new Set(o.languages)] : null;
  const funding = o.funding === true ? true : typeof o.funding === 'number' && o.funding > 0 ? o.funding : null;
  return {
    id: o.id,
    organizationId: o.organizationId,
    kind: o.kind,
    mandates: sortedUnique(o.mandates),
    types: sortedTypes(o.types),
    typeMask: typeMaskOf(o.types),
    languages,
    languageMask: languageMaskOf(languages),
    modality: o.modality,
    capacity: o.capacity,
    remaining: Math.max(0, o.capacity - o.activeMatches),
    funding,
    validFrom: o.validFrom ? dayNumber(o.validFrom) : null,
    validTo: o.validTo ? dayNumber(o.validTo) : null,
    doc,
    vector: vectorOrNull(doc, stats, vocabulary),
  };
}

export function signalView(
  s: PeerSignal,
  analyzer: TextAnalyzer,
  stats: TextStats,
  vocabulary?: Vocabulary,
): SignalView {
  const doc = analyzeOrNull(analyzer, s.text);
  return {
    key: signalKey(s),
    languageMask: languageMaskOf(s.languages ?? null),
    organizationId: s.organizationId,
    mandate: s.mandate,
    kind: s.kind,
    doc,
    vector: vectorOrNull(doc, stats, vocabulary),
  };
}

/** Re-vectorises a view under new text statistics (after a refresh). */
export function revectorize<T extends { doc: AnalyzedText | null; vector: TextVector | null }>(
  view: T,
  stats: TextStats,
  vocabulary?: Vocabulary,
): T {
  return { ...view, vector: vectorOrNull(view.doc, stats, vocabulary) };
}

/** Builds a State's profile from its signals; signals are taken in key order so the profile is deterministic. */
export function buildPeerProfile(organizationId: string, signals: readonly SignalView[]): PeerProfile | null {
  const sorted = [...signals].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byMandate = new Map<number, PeerEvidence>();
  let languageMask = 0;
  for (const s of sorted) {
    languageMask |= s.languageMask;
    const e = byMandate.get(s.mandate) ?? { progress: false, goodPractices: 0, vectors: [] };
    if (s.kind === 'progress') e.progress = true;
    else e.goodPractices++;
    if (s.vector) e.vectors.push(s.vector);
    byMandate.set(s.mandate, e);
  }
  if (byMandate.size === 0) return null;
  const languages = LANGUAGES.filter((l) => languageMask & LANGUAGE_BIT[l]);
  return {
    organizationId,
    byMandate,
    mandates: [...byMandate.keys()].sort((a, b) => a - b),
    languages: languages.length ? languages : null,
    languageMask,
  };
}
