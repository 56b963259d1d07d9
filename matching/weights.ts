import { CRITERIA, type Criterion } from './types';

/** One weight per criterion; a candidate's score is Σ weight × value with every value in [0, 1]. */
export type Weights = Record<Criterion, number>;

/**
 * Default weights, as configuration. They add up to 1, so a score reads as a share of a perfect match.
 * Mandate coverage and the descriptions' relevance carry most of the weight because they say *what* the
 * need is; type, language and modality say *how*; the rest breaks ties between otherwise similar candidates.
 * Every candidate already shares a mandate, so within a mandate the description is what tells a
 * whistleblower law from a reporting platform: text outweighs the assistance type (first set at 0.28/0.14,
 * moved to 0.32/0.10 after the first evaluation run showed topic-right offers losing on type alone; see
 * tests/fixtures/matching-eval/README.md).
 */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  mandate: 0.22,
  focus: 0.05,
  type: 0.1,
  language: 0.1,
  modality: 0.04,
  text: 0.32,
  peer: 0.05,
  commitment: 0.04,
  capacity: 0.03,
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
