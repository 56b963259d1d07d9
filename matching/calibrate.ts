/**
 * Calibration of the abstention threshold (issue 16, item 7; decision 020). Pure: the caller gives the samples.
 *
 * Procedure, fixed before it was run: rank every labelled request of the development set
 * (tests/fixtures/matching-eval) with abstention off; take every candidate in each request's first five as a
 * sample, relevant when the labels name it (primary or acceptable). The threshold is the one that rejects the
 * largest share of the unlabelled samples while keeping at least `minRecall` (0.95) of the relevant ones; among
 * equal thresholds the lowest. It is then rounded down to two decimals, which can only keep more relevant ones.
 */
export interface CalibrationSample {
  score: number;
  relevant: boolean;
}

export interface Calibration {
  threshold: number;
  /** Share of the relevant samples at or above the threshold. */
  recall: number;
  /** Share of the other samples below it. */
  rejected: number;
  relevant: number;
  others: number;
}

export const CALIBRATION_MIN_RECALL = 0.95;

export function calibrateAbstention(
  samples: readonly CalibrationSample[],
  minRecall = CALIBRATION_MIN_RECALL,
): Calibration {
  const relevant = samples.filter((s) => s.relevant).map((s) => s.score);
  const others = samples.filter((s) => !s.relevant).map((s) => s.score);
  const measure = (t: number) => ({
    recall: relevant.length ? relevant.filter((x) => x >= t).length / relevant.length : 1,
    rejected: others.length ? others.filter((x) => x < t).length / others.length : 0,
  });
  let best = { threshold: 0, ...measure(0) };
  // Only a sample's score can change what a threshold keeps: try each, lowest first.
  for (const t of [...new Set(samples.map((s) => s.score))].sort((a, b) => a - b)) {
    const m = measure(t);
    if (m.recall >= minRecall && m.rejected > best.rejected) best = { threshold: t, ...m };
  }
  const rounded = Math.floor(best.threshold * 100) / 100;
  return { threshold: rounded, ...measure(rounded), relevant: relevant.length, others: others.length };
}
