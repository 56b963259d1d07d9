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
