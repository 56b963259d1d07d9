/**
 * Ranking quality against broker labels: a primary counterpart (gain 2) and acceptable alternatives (gain 1).
 */
export interface Label {
  requestId: string;
  primary: string;
  acceptable?: string[];
}

export interface Metrics {
  requests: number;
  /** Share of requests whose first candidate is the primary or an acceptable counterpart. */
  precisionAt1: number;
  /** Share of requests whose first candidate is the primary counterpart. */
  primaryAt1: number;
  /** Mean over requests of (relevant candidates among the first 3) / 3. */
  precisionAt3: number;
  /** Share of requests with a relevant candidate among the first 3. */
  hitAt3: number;
  /** Mean nDCG over the first 5 candidates with gains 2 (primary) and 1 (acceptable). */
  ndcgAt5: number;
}

function gain(label: Label, candidateId: string): number {
  if (candidateId === label.primary) return 2;
  return label.acceptable?.includes(candidateId) ? 1 : 0;
}

export function dcg(gains: readonly number[]): number {
  let s = 0;
  gains.forEach((g, i) => {
    s += (2 ** g - 1) / Math.log2(i + 2);
  });
  return s;
}

export function ndcgAt(label: Label, ranked: readonly string[], k: number): number {
  const gains = ranked.slice(0, k).map((id) => gain(label, id));
  const ideal = [2, ...(label.acceptable ?? []).map(() => 1)].slice(0, k);
  const best = dcg(ideal);
  return best > 0 ? dcg(gains) / best : 0;
}

export function evaluate(labels: readonly Label[], rankedIds: (requestId: string) => readonly string[]): Metrics {
  let p1 = 0;
  let primary1 = 0;
  let p3 = 0;
  let hit3 = 0;
  let ndcg = 0;
  for (const label of labels) {
    const ranked = rankedIds(label.requestId);
    const top3 = ranked.slice(0, 3).map((id) => gain(label, id));
    if (ranked.length && gain(label, ranked[0]) > 0) p1++;
    if (ranked[0] === label.primary) primary1++;
    const relevant3 = top3.filter((g) => g > 0).length;
    p3 += relevant3 / 3;
    if (relevant3 > 0) hit3++;
    ndcg += ndcgAt(label, ranked, 5);
  }
  const n = labels.length || 1;
  return {
    requests: labels.length,
    precisionAt1: p1 / n,
    primaryAt1: primary1 / n,
    precisionAt3: p3 / n,
    hitAt3: hit3 / n,
    ndcgAt5: ndcg / n,
  };
}

/**
 * The figures issue 16 asks for on an evaluation set, from full rankings (weak candidates included, as listed to
 * the broker). A labelled request's *proposal* is its first candidate that is not weak (none when the engine
 * abstains). P@1 strict: the proposal is the primary; lenient: primary or acceptable. hit@3 and nDCG@5 read the
 * listed order. A request labelled with no counterpart (no primary) counts only in `noCounterpart`.
 */
export interface ReportLabel {
  requestId: string;
  /** null or absent: the labellers found no good counterpart. */
  primary?: string | null;
  acceptable?: string[];
}

export interface RankedCandidate {
  candidateId: string;
  weak: boolean;
  needsInterpretation: boolean;
}

export interface Report {
  labelled: number;
  strictAt1: number;
  lenientAt1: number;
  hitAt3: number;
  ndcgAt5: number;
  /** Share of labelled requests whose proposal shares no working language with the request. */
  proposalsWithoutSharedLanguage: number;
  /** Of those, how many had a listed candidate sharing a language (the goal is none). */
  withoutSharedLanguageWhenOneExisted: number;
  /** Labelled requests the engine abstained on. */
  abstainedOnLabelled: number;
  noCounterpart: { requests: number; withProposal: number };
}

export function report(
  labels: readonly ReportLabel[],
  ranked: (requestId: string) => readonly RankedCandidate[],
): Report {
  let labelled = 0;
  let strict = 0;
  let lenient = 0;
  let hit = 0;
  let ndcg = 0;
  let noLanguage = 0;
  let avoidable = 0;
  let abstained = 0;
  let noCounterpart = 0;
  let noCounterpartProposed = 0;
  for (const l of labels) {
    const list = ranked(l.requestId);
    const proposal = list.find((c) => !c.weak);
    if (!l.primary) {
      noCounterpart++;
      if (proposal) noCounterpartProposed++;
      continue;
    }
    labelled++;
    const label: Label = { requestId: l.requestId, primary: l.primary, acceptable: l.acceptable ?? [] };
    const ids = list.map((c) => c.candidateId);
    if (!proposal) abstained++;
    else {
      if (proposal.candidateId === l.primary) strict++;
      if (gain(label, proposal.candidateId) > 0) lenient++;
      if (proposal.needsInterpretation) {
        noLanguage++;
        if (list.some((c) => !c.needsInterpretation)) avoidable++;
      }
    }
    if (ids.slice(0, 3).some((id) => gain(label, id) > 0)) hit++;
    ndcg += ndcgAt(label, ids, 5);
  }
  const n = labelled || 1;
  return {
    labelled,
    strictAt1: strict / n,
    lenientAt1: lenient / n,
    hitAt3: hit / n,
    ndcgAt5: ndcg / n,
    proposalsWithoutSharedLanguage: noLanguage / n,
    withoutSharedLanguageWhenOneExisted: avoidable,
    abstainedOnLabelled: abstained,
    noCounterpart: { requests: noCounterpart, withProposal: noCounterpartProposed },
  };
}
