/**
 * Input and output types of the matching engine. The engine is pure: it sees only these values, never the
 * database, the clock or a random source (callers inject `now`).
 */

/** The Mechanism's list of assistance types (Q4 of the questionnaire). */
export const ASSISTANCE_TYPES = [
  'legislative',
  'institutions',
  'policy_design',
  'capacity_building',
  'data',
  'international_cooperation',
  'other',
] as const;
export type AssistanceType = (typeof ASSISTANCE_TYPES)[number];

export const ASSISTANCE_TYPE_LABELS: Record<AssistanceType, string> = {
  legislative: 'legislative assistance',
  institutions: 'creation or strengthening of institutions',
  policy_design: 'policy design',
  capacity_building: 'capacity-building',
  data: 'data research, collection and analysis',
  international_cooperation: 'facilitation of international cooperation',
  other: 'other assistance',
};
/** The same labels in Spanish, for the Spanish explanations. */
export const ASSISTANCE_TYPE_LABELS_ES: Record<AssistanceType, string> = {
  legislative: 'asistencia legislativa',
  institutions: 'creación o fortalecimiento de instituciones',
  policy_design: 'diseño de políticas',
  capacity_building: 'fortalecimiento de capacidades',
  data: 'investigación, recolección y análisis de datos',
  international_cooperation: 'facilitación de la cooperación internacional',
  other: 'otra asistencia',
};

export const LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  es: 'Spanish',
  fr: 'French',
  pt: 'Portuguese',
};
export const LANGUAGE_NAMES_ES: Record<Language, string> = {
  en: 'inglés',
  es: 'español',
  fr: 'francés',
  pt: 'portugués',
};

export const MODALITIES = ['in_person', 'virtual', 'either'] as const;
export type Modality = (typeof MODALITIES)[number];

export const REQUEST_STATUSES = ['open', 'in_brokering', 'matched', 'in_progress', 'fulfilled', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** Requests in these statuses get rankings; the others are finished or already matched. */
export const RANKED_STATUSES: readonly RequestStatus[] = ['open', 'in_brokering'];

/** ISO dates, `YYYY-MM-DD` (a full ISO timestamp is accepted and read by its date part). */
export interface Period {
  from: string;
  to: string;
}

/**
 * Non-disclosure (the Mechanism lets a State ask in writing for full or partial non-disclosure):
 * `withheld: true` withholds the whole item, `withheldFields` only the listed fields. Withheld data is
 * removed at the engine boundary (see withheld.ts) and is never used for scoring or quoted.
 */
export type RequestWithheldField = 'description' | 'languages' | 'period';
export type OfferWithheldField = 'description' | 'languages' | 'funding' | 'validity';
export type SignalWithheldField = 'text';

export interface AssistanceRequest {
  id: string;
  /** The requesting State. */
  organizationId: string;
  /** Mandate numbers of the commitment. */
  mandates: number[];
  types: AssistanceType[];
  description: string;
  languages: Language[];
  modality: Modality;
  period?: Period;
  status: RequestStatus;
  withheld?: boolean;
  withheldFields?: RequestWithheldField[];
}

export type OfferKind = 'jswg' | 'peer_state';

export interface CooperationOffer {
  id: string;
  /** The offering JSWG organization or State. */
  organizationId: string;
  kind: OfferKind;
  mandates: number[];
  types: AssistanceType[];
  description: string;
  languages: Language[];
  modality: Modality;
  /** How many States it can support at once. */
  capacity: number;
  /** How much of the capacity is in use. */
  activeMatches: number;
  /** Whether it brings funding, or the amount (USD) it brings. */
  funding?: boolean | number;
  validFrom?: string;
  validTo?: string;
  withheld?: boolean;
  withheldFields?: OfferWithheldField[];
}

export type ProgressLevel = 'A' | 'B' | 'C' | 'D';

/**
 * Evidence that a State could help peers on a mandate: it reports advanced or completed progress (C or D)
 * or has a published good practice on it. Progress A or B is accepted as input and ignored.
 */
export interface PeerSignal {
  /** Optional stable id; without it the signal is keyed by organization, mandate and kind (and level). */
  id?: string;
  organizationId: string;
  mandate: number;
  kind: 'progress' | 'good_practice';
  level?: ProgressLevel;
  /** Title or summary of the good practice or progress answer. */
  text?: string;
  /**
   * The State's working languages (its official languages in the reference data). A State's profile takes the
   * languages of all its signals; without any, language is not judged for it.
   */
  languages?: Language[];
  withheld?: boolean;
  withheldFields?: SignalWithheldField[];
}

export const CRITERIA = [
  'mandate',
  'focus',
  'type',
  'language',
  'modality',
  'text',
  'peer',
  'commitment',
  'capacity',
  'period',
  'funding',
] as const;
/**
 * mandate: share of the request's mandates the candidate covers; focus: share of the candidate's mandates that
 * are the request's (a specialised offer beats a catalogue of everything); type: share of the requested
 * assistance types offered; language, modality: working conditions; text: relevance between the descriptions;
 * peer: evidence a State has done it (progress C/D, good practices); commitment: a published offer rather than
 * a State suggested from its evidence alone; capacity: room left; period: overlap of the offer's validity with
 * the period the request needs; funding: the offer brings funding.
 */
export type Criterion = (typeof CRITERIA)[number];

export interface Contribution {
  criterion: Criterion;
  /** The criterion's value in [0, 1]. */
  value: number;
  /** Whether the criterion applies to this candidate (e.g. assistance type does not, for a State with no offer). */
  applies: boolean;
  /** The configured weight divided by the sum of the weights of the criteria that apply; 0 when it does not apply. */
  weight: number;
  /** weight × value; the contributions of a candidate add up to its score (up to rounding). */
  contribution: number;
}

export type CandidateKind = 'offer' | 'peer';

export interface Candidate {
  /** The offer id, or `peer:<organizationId>` for a State suggested from its peer signals. */
  candidateId: string;
  kind: CandidateKind;
  offerId?: string;
  organizationId: string;
  /** Weighted mean of the criteria that apply, in [0, 1]. */
  score: number;
  /** Shares no working language with the request: ranked below every candidate that does (issue 16, item 4). */
  needsInterpretation: boolean;
  /** An in-person need and a virtual-only offer, or the reverse. */
  modalityConflict: boolean;
  /** Both descriptions are disclosed, so text relevance is evidence of fit (the abstention's text floor applies). */
  textJudged: boolean;
  /** Caught by the engine's abstention rule (calibrate.ts, AbstentionRule): listed for the broker, never proposed or allocated. */
  weak: boolean;
  contributions: Contribution[];
  /** English sentences built only from disclosed data, strongest reason first. */
  explanations: string[];
  /** The same sentences in Spanish, in the same order. */
  explanationsEs: string[];
}

/** Why a request has no good counterpart yet (what the broker could look for). */
export type MissingReason =
  'no_offer_on_mandate' | 'no_shared_language' | 'capacity_exhausted' | 'modality_conflict' | 'weak_fit';

export interface RequestRanking {
  requestId: string;
  organizationId: string;
  status: RequestStatus;
  candidates: Candidate[];
  /** No candidate reaches the abstention threshold: "no good counterpart yet". */
  abstained: boolean;
  /** When abstained: what is missing, most fundamental first. Empty otherwise. */
  missing: MissingReason[];
}

export type RankingMap = ReadonlyMap<string, RequestRanking>;

export interface UpdateResult {
  /** Requests whose ranking changed (ids in ascending order). */
  changed: string[];
  /** How many request rankings were examined or recomputed to apply the update. */
  examined: number;
}

export function peerCandidateId(organizationId: string): string {
  return `peer:${organizationId}`;
}
