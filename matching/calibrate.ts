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

/**
 * The abstention rule (issue 16, item 1; decision 020): a candidate is weak — listed, never proposed or allocated —
 * when any of these holds. `belowScore`: its score is below it (the relative measure). `belowText`: the request's
 * and the candidate's descriptions are both disclosed and share less than this (text relevance: the evidence of
 * fit from shared concepts; not judged when a side's text is withheld). `withoutSharedLanguage`: it shares no
 * working language with the requesting State. `onModalityConflict`: its modality conflicts with the one requested.
 */
export interface AbstentionRule {
  belowScore: number;
  belowText: number;
  withoutSharedLanguage: boolean;
  onModalityConflict: boolean;
}

/** No abstention at all. */
export const NO_ABSTENTION: Readonly<AbstentionRule> = Object.freeze({
  belowScore: 0,
  belowText: 0,
  withoutSharedLanguage: false,
  onModalityConflict: false,
});

/** A listed candidate as calibration sees it. */
export interface RuleSample {
  score: number;
  /** Text relevance, or null when a side's description is withheld (the text floor does not apply). */
  text: number | null;
  needsInterpretation: boolean;
  modalityConflict: boolean;
  /** Labelled primary or acceptable for its request. */
  relevant: boolean;
}

export interface CalibrationRequest {
  /** false for a request labelled "no good counterpart". */
  hasCounterpart: boolean;
  /** Its first five candidates, ranked with abstention off. */
  candidates: readonly RuleSample[];
}

export interface RuleCalibration {
  rule: AbstentionRule;
  /** Share of the relevant candidates the rule keeps proposable. */
  recall: number;
  /** Share of the requests labelled "no good counterpart" left with no proposal. */
  noCounterpartAbstained: number;
  /** Share of the unlabelled candidates of requests with a counterpart made weak. */
  rejected: number;
  /** Requests with a counterpart left with no proposal. */
  abstainedOnLabelled: number;
  /**
   * Of the requests with a counterpart whose first candidate is relevant, the share whose proposal (first candidate
   * the rule leaves proposable) is still relevant.
   */
  proposalsKept: number;
  requests: number;
  noCounterpartRequests: number;
}

export function isWeak(rule: AbstentionRule, s: Omit<RuleSample, 'relevant'>): boolean {
  return (
    s.score < rule.belowScore ||
    (s.text !== null && s.text < rule.belowText) ||
    (rule.withoutSharedLanguage && s.needsInterpretation) ||
    (rule.onModalityConflict && s.modalityConflict)
  );
}

/** The rule's figures on the calibration requests. */
export function measureRule(rule: AbstentionRule, requests: readonly CalibrationRequest[]): RuleCalibration {
  let relevant = 0;
  let kept = 0;
  let others = 0;
  let rejected = 0;
  let none = 0;
  let noneAbstained = 0;
  let labelled = 0;
  let abstainedOnLabelled = 0;
  let goodFirst = 0;
  let goodKept = 0;
  for (const r of requests) {
    let proposes = false;
    if (r.hasCounterpart && r.candidates[0]?.relevant) goodFirst++;
    for (const c of r.candidates) {
      const weak = isWeak(rule, c);
      if (!weak && !proposes && r.hasCounterpart && r.candidates[0].relevant && c.relevant) goodKept++;
      if (!weak) proposes = true;
      if (!r.hasCounterpart) continue;
      if (c.relevant) {
        relevant++;
        if (!weak) kept++;
      } else {
        others++;
        if (weak) rejected++;
      }
    }
    if (r.hasCounterpart) {
      labelled++;
      if (!proposes) abstainedOnLabelled++;
    } else {
      none++;
      if (!proposes) noneAbstained++;
    }
  }
  return {
    rule: { ...rule },
    recall: relevant ? kept / relevant : 1,
    noCounterpartAbstained: none ? noneAbstained / none : 0,
    rejected: others ? rejected / others : 0,
    abstainedOnLabelled,
    proposalsKept: goodFirst ? goodKept / goodFirst : 1,
    requests: labelled,
    noCounterpartRequests: none,
  };
}

/**
 * Calibration of the whole rule (issue 16, item 1). Samples: every request of the development set ranked with
 * abstention off, its first five candidates. Tried: every score threshold and every text floor on the hundredths
 * grid from 0 to 1, each working-condition switch off and on. Kept: the rules under which at least `minKept`
 * (95 %) of the requests with a counterpart whose first candidate is relevant still propose a relevant one first,
 * and at most `maxAbstainedShare` (5 %) of the requests with a counterpart are left without a proposal. Among
 * those, the one that leaves the most no-counterpart requests without a proposal; then the one keeping the most
 * relevant candidates proposable; then the one making the most unlabelled candidates weak; then switches off
 * before on, the lowest text floor and the lowest score threshold.
 *
 * (The first procedure, calibrateAbstention above, kept 95 % of every relevant candidate in the first five,
 * alternatives in fourth place included; with that constraint no text floor is possible on this set, and 7 of its
 * 16 no-counterpart requests kept a proposal. What a broker sees is the proposal, so the constraint is now on it.)
 */
export function calibrateAbstentionRule(
  requests: readonly CalibrationRequest[],
  minKept = CALIBRATION_MIN_RECALL,
  maxAbstainedShare = 0.05,
): RuleCalibration {
  let best: RuleCalibration | null = null;
  const labelled = requests.filter((r) => r.hasCounterpart).length;
  for (const withoutSharedLanguage of [false, true]) {
    for (const onModalityConflict of [false, true]) {
      for (let t = 0; t <= 100; t++) {
        for (let s = 0; s <= 100; s++) {
          const rule = { belowScore: s / 100, belowText: t / 100, withoutSharedLanguage, onModalityConflict };
          const m = measureRule(rule, requests);
          if (m.proposalsKept < minKept || m.abstainedOnLabelled > maxAbstainedShare * labelled) continue;
          if (
            !best ||
            m.noCounterpartAbstained > best.noCounterpartAbstained ||
            (m.noCounterpartAbstained === best.noCounterpartAbstained &&
              (m.recall > best.recall || (m.recall === best.recall && m.rejected > best.rejected)))
          )
            best = m;
        }
      }
    }
  }
  return best ?? measureRule(NO_ABSTENTION, requests);
}
