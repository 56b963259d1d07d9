/*
 * The public base's search index (issue 17, decision 023): an inverted index over normalised words with a
 * typo-tolerant lookup of the query's words in the vocabulary, instead of fuse.js's scan of every text of every
 * practice. fuse.js compares the query with every field of every document (Bitap); here each query word is compared
 * once with each *distinct* word of the base, and only the practices holding a matching word are scored. bench/
 * practices.bench.ts measures both on the same generated data in the same run, and the recall of these results
 * against fuse.js's top 10 on misspelled queries.
 *
 * Matching: text is lower-cased, accents removed (NFD without combining marks: "contratación" = "contratacion"),
 * split into words of letters and digits. A query word of m characters matches a vocabulary word that contains it
 * within k edits (approximate substring, so "corrupcion" also finds "anticorrupcion" as fuse.js does), k growing
 * with m (0 up to 3 characters, 1 up to 5, 2 up to 8, 3 beyond: about fuse.js's threshold 0.35). A practice is a
 * result when it matches every query word, or all but one of several (words of one letter are ignored); those
 * matching every word come first. Within each group it is scored by the sum, over the
 * query words, of its best match: the closeness of the word × the sum, over the fields holding it, of the field's
 * weight / √(the field's length in words), an approximation of fuse.js's ranking. Pure: no I/O.
 */

export interface SearchField {
  text: string;
  /** 1 for ordinary texts; the title and the summary weigh more (as in the fuse.js keys this replaces). */
  weight: number;
}

export interface SearchHit {
  /** Position of the document in the array the index was built from. */
  index: number;
  score: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lower case, no accents: the form both the index and the query are compared in. */
export function normalise(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

export function wordsOf(text: string): string[] {
  return normalise(text).match(WORD) ?? [];
}

/** Edits a query word of this length may carry. */
export function allowedEdits(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : length <= 8 ? 2 : 3;
}

/** A 32-bit set of the characters of a word (folded), for a cheap lower bound of the edit distance. */
function charMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) % 31);
  return mask;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The fewest edits that turn `pattern` into some substring of `text` (Sellers' algorithm), or k + 1 when it is more
 * than k. Stops as soon as no alignment can stay within k.
 */
export function substringDistance(pattern: string, text: string, k: number, column: Uint16Array): number {
  const m = pattern.length;
  for (let i = 0; i <= m; i++) column[i] = i;
  let best = column[m];
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    let diagonal = 0; // row 0 is always 0: a match may start anywhere in the text
    let min = 0;
    for (let i = 1; i <= m; i++) {
      const above = column[i];
      const cost = pattern.charCodeAt(i - 1) === c ? diagonal : diagonal + 1;
      const value = Math.min(cost, above + 1, column[i - 1] + 1);
      diagonal = above;
      column[i] = value;
      if (value < min || i === 1) min = value;
    }
    if (column[m] < best) best = column[m];
    if (best === 0) return 0;
    // Alignments under way never get cheaper; a new one needs at least m - k more characters of the text.
    if (min > k && best > k && text.length - j - 1 < m - k) return k + 1;
  }
  return best <= k ? best : k + 1;
}

export class SearchIndex {
  private readonly terms: string[] = [];
  private readonly masks: Int32Array;
  private readonly postingStart: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingWeights: Float32Array;
  readonly size: number;
  private readonly column = new Uint16Array(256);

  constructor(documents: ReadonlyArray<ReadonlyArray<SearchField>>) {
    this.size = documents.length;
    const termIds = new Map<string, number>();
    // Pass 1: each document's distinct words, each with the sum over the fields holding it of the field's weight
    // divided by √(the field's words), appended to growable flat arrays.
    let docTerms = new Int32Array(1 << 16);
    let docWeights = new Float32Array(1 << 16);
    const docStart = new Int32Array(documents.length + 1);
    let used = 0;
    const seen = new Map<number, number>();
    for (let d = 0; d < documents.length; d++) {
      seen.clear();
      for (const field of documents[d]) {
        const words = wordsOf(field.text);
        // A word in a short field says more than in a long one (fuse.js's field-length norm, 1/√words).
        const weight = field.weight / Math.sqrt(Math.max(1, words.length));
        const inField = new Set<number>();
        for (const word of words) {
          if (word.length < 2) continue;
          let id = termIds.get(word);
          if (id === undefined) {
            id = this.terms.length;
            termIds.set(word, id);
            this.terms.push(word);
          }
          if (inField.has(id)) continue;
          inField.add(id);
          seen.set(id, (seen.get(id) ?? 0) + weight);
        }
      }
      if (used + seen.size > docTerms.length) {
        const grown = Math.max(docTerms.length * 2, used + seen.size);
        const t = new Int32Array(grown);
        t.set(docTerms);
        docTerms = t;
        const w = new Float32Array(grown);
        w.set(docWeights);
        docWeights = w;
      }
      for (const [id, weight] of seen) {
        docTerms[used] = id;
        docWeights[used++] = weight;
      }
      docStart[d + 1] = used;
    }
    // Pass 2: postings grouped by term (a counting sort), documents in ascending order within each term.
    const count = new Int32Array(this.terms.length + 1);
    for (let i = 0; i < used; i++) count[docTerms[i] + 1]++;
    for (let t = 0; t < this.terms.length; t++) count[t + 1] += count[t];
    this.postingStart = count.slice();
    this.postingDocs = new Int32Array(used);
    this.postingWeights = new Float32Array(used);
    const fill = count;
    for (let d = 0; d < documents.length; d++)
      for (let i = docStart[d]; i < docStart[d + 1]; i++) {
        const at = fill[docTerms[i]]++;
        this.postingDocs[at] = d;
        this.postingWeights[at] = docWeights[i];
      }
    this.masks = new Int32Array(this.terms.length);
    for (let t = 0; t < this.terms.length; t++) this.masks[t] = charMask(this.terms[t]);
  }

  get vocabularySize(): number {
    return this.terms.length;
  }

  /** Vocabulary words matching a query word, each with its closeness (1 for an exact whole word). */
  private matchingTerms(word: string): Array<[number, number]> {
    const m = word.length;
    const k = allowedEdits(m);
    const mask = charMask(word);
    const found: Array<[number, number]> = [];
    for (let t = 0; t < this.terms.length; t++) {
      const term = this.terms[t];
      if (term.length < m - k) continue;
      // Every character of the word that the term lacks costs at least one edit.
      if (popcount(mask & ~this.masks[t]) > k) continue;
      const d = term === word ? 0 : substringDistance(word, term, k, this.column);
      if (d > k) continue;
      // Closer words score higher; a word found inside a longer word a little less than the word itself.
      const closeness = (1 - d / (m + 1)) * (term.length > m + k ? Math.sqrt(m / term.length) : 1);
      found.push([t, closeness]);
    }
    return found;
  }

  /**
   * Documents matching the query, best first: those matching every word of it, then (for a query of several words)
   * those matching all words but one, as fuse.js also finds texts that match most of a query. Within each group by
   * score; ties in the order the documents were given in.
   */
  search(query: string): SearchHit[] {
    const words = [...new Set(wordsOf(query).filter((w) => w.length >= 2))].slice(0, 12).map((w) => w.slice(0, 64));
    if (!words.length || this.size === 0) return [];
    const total = new Float64Array(this.size);
    const hits = new Uint8Array(this.size);
    const best = new Float32Array(this.size);
    const candidates: number[] = [];
    for (const word of words) {
      const touched: number[] = [];
      for (const [t, closeness] of this.matchingTerms(word)) {
        for (let p = this.postingStart[t]; p < this.postingStart[t + 1]; p++) {
          const d = this.postingDocs[p];
          const value = closeness * this.postingWeights[p];
          if (best[d] === 0) touched.push(d);
          if (value > best[d]) best[d] = value;
        }
      }
      for (const d of touched) {
        total[d] += best[d];
        if (hits[d]++ === 0) candidates.push(d);
        best[d] = 0;
      }
    }
    const needed = words.length === 1 ? 1 : words.length - 1;
    // One sort key per document (words matched first, then score), sorted as a typed array: no object per hit.
    const kept = new Int32Array(candidates.length);
    let n = 0;
    for (const d of candidates) if (hits[d] >= needed) kept[n++] = d;
    const order = kept.subarray(0, n);
    for (const d of order) total[d] += hits[d] * 1e6; // scores stay far below 1e6
    order.sort((a, b) => total[b] - total[a] || a - b);
    const found: SearchHit[] = new Array(n);
    for (let i = 0; i < n; i++) found[i] = { index: order[i], score: total[order[i]] - hits[order[i]] * 1e6 };
    return found;
  }
}

/** What the search reads of a practice (PracticeView has it; the benchmark generates it). */
export interface SearchablePractice {
  title: string;
  texts: Record<'summary' | 'situation' | 'action' | 'innovation' | 'results' | 'lessons' | 'transfer', string>;
  organizationNameEn: string;
  organizationNameEs: string;
}

/** The searched fields and their weights: the title 3, the short description 2, the other texts and names 1. */
export function searchFieldsOf(p: SearchablePractice): SearchField[] {
  return [
    { text: p.title, weight: 3 },
    { text: p.texts.summary, weight: 2 },
    { text: p.texts.situation, weight: 1 },
    { text: p.texts.action, weight: 1 },
    { text: p.texts.innovation, weight: 1 },
    { text: p.texts.results, weight: 1 },
    { text: p.texts.lessons, weight: 1 },
    { text: p.texts.transfer, weight: 1 },
    { text: p.organizationNameEn, weight: 1 },
    { text: p.organizationNameEs, weight: 1 },
  ];
}

/**
 * fuse.js's configuration the public base used before this index (decision 017), kept for the benchmark's
 * comparison: the same fields and weights, accents ignored, typos tolerated (threshold 0.35) anywhere in a text.
 */
export const FUSE_BASELINE_OPTIONS = {
  keys: [
    { name: 'title', weight: 3 },
    { name: 'texts.summary', weight: 2 },
    'texts.situation',
    'texts.action',
    'texts.innovation',
    'texts.results',
    'texts.lessons',
    'texts.transfer',
    'organizationNameEn',
    'organizationNameEs',
  ],
  ignoreDiacritics: true,
  ignoreLocation: true,
  threshold: 0.35,
  minMatchCharLength: 2,
};
