import type { AbstentionRule } from './calibrate';
import { CRITERIA, type Criterion } from './types';

/** One weight per criterion; a candidate's score is Σ weight × value with every value in [0, 1]. */
export type Weights = Record<Criterion, number>;

/**
 * Default weights, as configuration. A candidate is scored on the criteria that apply to it (score.ts,
 * APPLIES_*), and its score is Σ weight × value over those divided by Σ weight over those, so a score reads as a
 * share of a perfect match whatever applies; the weights need not add up to 1 (these do).
 * Mandate coverage and the descriptions' relevance carry most of the weight because they say *what* the
 * need is; type, language and modality say *how*; the rest breaks ties between otherwise similar candidates.
 * Every candidate already shares a mandate, so within a mandate the description is what tells a
 * whistleblower law from a reporting platform: text outweighs the assistance type (first set at 0.28/0.14,
 * moved to 0.32/0.10 after the first evaluation run showed topic-right offers losing on type alone; see
 * tests/fixtures/matching-eval/README.md).
 * Issue 16: a modality conflict (an in-person need, a virtual-only offer) cost 0.04, less than a few shared
 * words; it now costs 0.10, about a third of the text weight. Language, now also a working condition that
 * orders the candidates (rank.ts), went from 0.10 to 0.07, commitment from 0.04 to 0.02 (it is the same for
 * every offer and does not apply to a State without one) and capacity from 0.03 to 0.02, to keep the sum at 1.
 */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  mandate: 0.22,
  focus: 0.05,
  type: 0.1,
  language: 0.07,
  modality: 0.1,
  text: 0.32,
  peer: 0.05,
  commitment: 0.02,
  capacity: 0.02,
  period: 0.03,
  funding: 0.02,
});

/** Value given to a criterion that cannot be judged (e.g. the working languages of a State suggested from its evidence). */
export const DEFAULT_UNKNOWN_VALUE = 0.5;

export function resolveWeights(partial?: Partial<Weights>): Weights {
  const weights = { ...DEFAULT_WEIGHTS, ...(partial ?? {}) } as Weights;
  for (const criterion of CRITERIA) {
    const w = weights[criterion];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new RangeError(`Weight for "${criterion}" must be a finite number ≥ 0 (got ${String(w)}).`);
    }
  }
  for (const key of Object.keys(weights)) {
    if (!(CRITERIA as readonly string[]).includes(key)) throw new RangeError(`Unknown criterion in weights: "${key}".`);
  }
  return weights;
}

/**
 * The abstention rule (EngineOptions.abstention; calibrate.ts, AbstentionRule): a candidate is weak — listed, never
 * proposed or allocated — below the score threshold, below the text floor (shared concepts, when both texts are
 * disclosed), and, when the switches are on, without a shared working language or with a modality conflict. Not
 * set by hand: it is what calibrateAbstentionRule returns on the development set, tests/fixtures/matching-eval
 * (with its requests labelled "no good counterpart"); the evaluation test recomputes it and fails when the two
 * differ (decision 020 describes the procedure).
 */
export const DEFAULT_ABSTENTION: Readonly<AbstentionRule> = Object.freeze({
  belowScore: 0.53,
  belowText: 0.04,
  withoutSharedLanguage: true,
  onModalityConflict: true,
});

/** The score threshold of the default rule. */
export const DEFAULT_ABSTAIN_BELOW = DEFAULT_ABSTENTION.belowScore;
