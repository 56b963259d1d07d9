/*
 * The public base's search index (issue 17, decision 023): an inverted index over normalised words with a
 * typo-tolerant lookup of the query's words in the vocabulary, instead of fuse.js's scan of every text of every
 * practice. bench/practices.bench.ts measures both on the same generated data in the same run, and the recall of
 * these results against fuse.js's top 10 on misspelled queries.
 *
 * Matching: text is lower-cased, accents removed (each character decomposed (NFD) without its combining marks:
 * "contratación" = "contratacion"), split into words of letters and digits. A query word of m characters matches a
 * vocabulary word that contains it within k edits (approximate substring, so "corrupcion" also finds
 * "anticorrupcion" as fuse.js does), k growing with m (0 up to 3 characters, 1 up to 5, 2 up to 8, 3 beyond: about
 * fuse.js's threshold 0.35). A practice is a result when it matches every query word, or all but one of several
 * (words of one letter are ignored); those matching every word come first. Within each group it is scored by the
 * sum, over the query words, of its best match: the closeness of the word × the sum, over the fields holding it, of
 * the field's weight / √(the field's length in words), an approximation of fuse.js's ranking. Pure: no I/O.
 *
 * Speed (the 2026-12-07 paragraph of decision 023): the vocabulary is not scanned. A bigram index of the vocabulary
 * gives the words that share enough bigrams with the query word to be within k edits of it (q-gram lemma: a match
 * within k edits keeps at least m − 1 − 2k of the word's m − 1 bigrams), and only those are checked, with Myers'
 * bit-parallel edit distance over words stored as small character codes. A word's expansion is cached. Postings
 * are typed arrays of document numbers; the per-query arrays are allocated once per index and only the touched
 * entries are reset; results are ordered by one packed number per document with the engine's native sort.
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
const ASCII_WORD = /[a-z0-9]+/g;
const NON_ASCII = /[^\p{ASCII}]/u;
const NON_ASCII_ALL = /[^\p{ASCII}]/gu;
const MARKS = /\p{M}+/gu;

/** Each non-ASCII character's folded form (decomposed, marks removed, lower case), computed once. */
const folded = new Map<string, string>();
function fold(ch: string): string {
  let f = folded.get(ch);
  if (f === undefined) {
    f = ch.normalize('NFD').replace(MARKS, '').toLowerCase();
    if (folded.size < 10_000) folded.set(ch, f);
  }
  return f;
}

/**
 * Lower case, no accents: the form both the index and the query are compared in. Character by character (the
 * combining marks NFD produces are removed anyway, so this equals decomposing the whole text), and only the
 * characters outside ASCII go through the decomposition.
 */
export function normalise(text: string): string {
  return text.replace(NON_ASCII_ALL, fold).toLowerCase();
}

export function wordsOf(text: string): string[] {
  const plain = normalise(text);
  return (NON_ASCII.test(plain) ? plain.match(WORD) : plain.match(ASCII_WORD)) ?? [];
}

/** Edits a query word of this length may carry. */
export function allowedEdits(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : length <= 8 ? 2 : 3;
}

/**
 * The fewest edits that turn `pattern` into some substring of `text` (Sellers' algorithm), or k + 1 when it is more
 * than k. Stops as soon as no alignment can stay within k. Used for query words longer than 32 characters; shorter
 * ones use the bit-parallel form below, which computes the same distance.
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

/**
 * The same distance as substringDistance without the bound (the fewest edits turning a pattern of m ≤ 32
 * characters into a substring of the text), by Myers' bit-vector algorithm (1999) in its search form: `peq[c]` has
 * bit i set when the pattern's character i is c; the text is `chars[from..to)`, in the same character codes.
 */
export function bitParallelSubstringDistance(
  peq: Int32Array,
  m: number,
  chars: ArrayLike<number>,
  from: number,
  to: number,
): number {
  const high = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  let best = m;
  for (let j = from; j < to; j++) {
    const eq = peq[chars[j]];
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & high) score++;
    else if (mh & high) score--;
    // Row 0 stays 0 (a match may start anywhere): no carry into the lowest bit.
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    if (score < best) {
      best = score;
      if (best === 0) return 0;
    }
  }
  return best;
}

/** A vocabulary word's matches for one query word: term numbers and their closeness. */
interface Expansion {
  terms: Int32Array;
  closeness: Float64Array;
}

const MAX_QUERY_WORDS = 12;
const CACHED_EXPANSIONS = 1024;

export class SearchIndex {
  readonly size: number;
  private readonly terms: string[] = [];
  private readonly termIds = new Map<string, number>();
  // Postings: the documents holding term t are postingDocs[postingStart[t] .. postingStart[t + 1]), ascending.
  private readonly postingStart: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingWeights: Float32Array;
  // The vocabulary in small character codes (1 upwards; 0 is a character no word has): term t is
  // termChars[termStart[t] .. termStart[t + 1]).
  private readonly alphabet = new Map<number, number>();
  private readonly termChars: Int32Array;
  private readonly termStart: Int32Array;
  /** Per term, a 32-bit set of its characters (code mod 32): a missing character costs an edit. */
  private readonly termMasks: Int32Array;
  // Bigram index of the vocabulary: the terms holding bigram b (once each) are bigramTerms[bigramStart[s] ..
  // bigramStart[s + 1]) for s = bigramSlot.get(b).
  private readonly bigramSlot = new Map<number, number>();
  private readonly bigramStart: Int32Array;
  private readonly bigramTerms: Int32Array;
  // Per-query work arrays, allocated once; every search leaves them zeroed.
  private readonly total: Float64Array;
  private readonly hits: Uint8Array;
  private readonly best: Float32Array;
  private readonly touched: Int32Array;
  private readonly candidates: Int32Array;
  private readonly sortKeys: [Uint32Array, Uint32Array];
  private readonly sortValues: [Int32Array, Int32Array];
  private readonly shared: Uint8Array;
  private readonly sharing: Int32Array;
  private readonly column = new Uint16Array(256);
  private readonly expansions = new Map<string, Expansion>();

  constructor(documents: ReadonlyArray<ReadonlyArray<SearchField>>) {
    this.size = documents.length;
    // Pass 1: each document's distinct words, each with the sum over the fields holding it of the field's weight
    // divided by √(the field's words), appended to growable flat arrays.
    let docTerms: Int32Array = new Int32Array(1 << 16);
    let docWeights: Float32Array = new Float32Array(1 << 16);
    const docStart = new Int32Array(documents.length + 1);
    let used = 0;
    // Per term: the last field and the last document that held it, and its weight in the current document.
    let fieldMark: Int32Array = new Int32Array(1 << 12);
    let docMark: Int32Array = new Int32Array(1 << 12);
    let weightInDoc: Float64Array = new Float64Array(1 << 12);
    let field = 0;
    for (let d = 0; d < documents.length; d++) {
      const first = used;
      for (const f of documents[d]) {
        field++;
        const words = wordsOf(f.text);
        // A word in a short field says more than in a long one (fuse.js's field-length norm, 1/√words).
        const weight = f.weight / Math.sqrt(Math.max(1, words.length));
        for (const word of words) {
          if (word.length < 2) continue;
          let id = this.termIds.get(word);
          if (id === undefined) {
            id = this.terms.length;
            this.termIds.set(word, id);
            this.terms.push(word);
            if (id >= fieldMark.length) {
              fieldMark = grow(fieldMark, id + 1);
              docMark = grow(docMark, id + 1);
              weightInDoc = grow(weightInDoc, id + 1);
            }
          }
          if (fieldMark[id] === field) continue;
          fieldMark[id] = field;
          if (docMark[id] !== d + 1) {
            docMark[id] = d + 1;
            weightInDoc[id] = 0;
            if (used === docTerms.length) {
              docTerms = grow(docTerms, used + 1);
              docWeights = grow(docWeights, used + 1);
            }
            docTerms[used++] = id;
          }
          weightInDoc[id] += weight;
        }
      }
      for (let i = first; i < used; i++) docWeights[i] = weightInDoc[docTerms[i]];
      docStart[d + 1] = used;
    }
    const vocabulary = this.terms.length;
    // Pass 2: postings grouped by term (a counting sort), documents in ascending order within each term.
    const count = new Int32Array(vocabulary + 1);
    for (let i = 0; i < used; i++) count[docTerms[i] + 1]++;
    for (let t = 0; t < vocabulary; t++) count[t + 1] += count[t];
    this.postingStart = count.slice();
    this.postingDocs = new Int32Array(used);
    this.postingWeights = new Float32Array(used);
    for (let d = 0; d < documents.length; d++)
      for (let i = docStart[d]; i < docStart[d + 1]; i++) {
        const at = count[docTerms[i]]++;
        this.postingDocs[at] = d;
        this.postingWeights[at] = docWeights[i];
      }
    // Pass 3: the vocabulary as character codes, and its bigram index.
    this.termStart = new Int32Array(vocabulary + 1);
    for (let t = 0; t < vocabulary; t++) this.termStart[t + 1] = this.termStart[t] + this.terms[t].length;
    this.termChars = new Int32Array(this.termStart[vocabulary]);
    for (let t = 0; t < vocabulary; t++) {
      const term = this.terms[t];
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        let code = this.alphabet.get(c);
        if (code === undefined) this.alphabet.set(c, (code = this.alphabet.size + 1));
        this.termChars[this.termStart[t] + i] = code;
      }
    }
    this.termMasks = new Int32Array(vocabulary);
    for (let t = 0; t < vocabulary; t++)
      for (let i = this.termStart[t]; i < this.termStart[t + 1]; i++)
        this.termMasks[t] |= 1 << (this.termChars[i] & 31);
    const width = this.alphabet.size + 1;
    const perSlot: number[] = [];
    const lastTerm: number[] = [];
    const bigramOf = new Int32Array(this.termChars.length);
    for (let t = 0; t < vocabulary; t++)
      for (let i = this.termStart[t]; i < this.termStart[t + 1] - 1; i++) {
        const b = this.termChars[i] * width + this.termChars[i + 1];
        let slot = this.bigramSlot.get(b);
        if (slot === undefined) {
          this.bigramSlot.set(b, (slot = perSlot.length));
          perSlot.push(0);
          lastTerm.push(-1);
        }
        bigramOf[i] = slot;
        if (lastTerm[slot] !== t) {
          lastTerm[slot] = t;
          perSlot[slot]++;
        }
      }
    this.bigramStart = new Int32Array(perSlot.length + 1);
    for (let s = 0; s < perSlot.length; s++) this.bigramStart[s + 1] = this.bigramStart[s] + perSlot[s];
    this.bigramTerms = new Int32Array(this.bigramStart[perSlot.length]);
    const fill = this.bigramStart.slice(0, perSlot.length);
    lastTerm.fill(-1);
    for (let t = 0; t < vocabulary; t++)
      for (let i = this.termStart[t]; i < this.termStart[t + 1] - 1; i++) {
        const slot = bigramOf[i];
        if (lastTerm[slot] === t) continue;
        lastTerm[slot] = t;
        this.bigramTerms[fill[slot]++] = t;
      }
    this.total = new Float64Array(this.size);
    this.hits = new Uint8Array(this.size);
    this.best = new Float32Array(this.size);
    this.touched = new Int32Array(this.size);
    this.candidates = new Int32Array(this.size);
    this.sortKeys = [new Uint32Array(this.size), new Uint32Array(this.size)];
    this.sortValues = [new Int32Array(this.size), new Int32Array(this.size)];
    this.shared = new Uint8Array(vocabulary);
    this.sharing = new Int32Array(vocabulary);
  }

  get vocabularySize(): number {
    return this.terms.length;
  }

  /** Vocabulary words matching a query word, each with its closeness (1 for an exact whole word); cached. */
  private matchingTerms(word: string): Expansion {
    const cached = this.expansions.get(word);
    if (cached) {
      // Least recently used first in the map's order: move this one to the end.
      this.expansions.delete(word);
      this.expansions.set(word, cached);
      return cached;
    }
    const m = word.length;
    const k = allowedEdits(m);
    const codes = new Uint16Array(m);
    for (let i = 0; i < m; i++) codes[i] = this.alphabet.get(word.charCodeAt(i)) ?? 0;
    // Candidates: words sharing at least m − 1 − 2k of the query word's bigrams (each edit spoils at most two).
    const needed = m - 1 - 2 * k;
    let candidates: Int32Array;
    if (needed >= 1) {
      const width = this.alphabet.size + 1;
      let n = 0;
      for (let i = 0; i < m - 1; i++) {
        if (codes[i] === 0 || codes[i + 1] === 0) continue;
        const slot = this.bigramSlot.get(codes[i] * width + codes[i + 1]);
        if (slot === undefined) continue;
        for (let p = this.bigramStart[slot]; p < this.bigramStart[slot + 1]; p++) {
          const t = this.bigramTerms[p];
          if (this.shared[t]++ === 0) this.sharing[n++] = t;
        }
      }
      candidates = new Int32Array(n);
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const t = this.sharing[i];
        if (this.shared[t] >= needed) candidates[kept++] = t;
        this.shared[t] = 0;
      }
      candidates = candidates.subarray(0, kept);
    } else {
      candidates = new Int32Array(this.terms.length);
      for (let t = 0; t < candidates.length; t++) candidates[t] = t;
    }
    let mask = 0;
    for (let i = 0; i < m; i++) if (codes[i] !== 0) mask |= 1 << (codes[i] & 31);
    let peq: Int32Array | null = null;
    if (m <= 32) {
      peq = new Int32Array(this.alphabet.size + 1);
      for (let i = 0; i < m; i++) if (codes[i] !== 0) peq[codes[i]] |= 1 << i;
    }
    const terms: number[] = [];
    const closeness: number[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const t = candidates[i];
      const from = this.termStart[t];
      const length = this.termStart[t + 1] - from;
      if (length < m - k) continue;
      // Every character of the word that the term lacks costs at least one edit.
      if (popcount(mask & ~this.termMasks[t]) > k) continue;
      const d = peq
        ? bitParallelSubstringDistance(peq, m, this.termChars, from, from + length)
        : substringDistance(word, this.terms[t], k, this.column);
      if (d > k) continue;
      terms.push(t);
      // Closer words score higher; a word found inside a longer word a little less than the word itself.
      closeness.push((1 - d / (m + 1)) * (length > m + k ? Math.sqrt(m / length) : 1));
    }
    const found = { terms: Int32Array.from(terms), closeness: Float64Array.from(closeness) };
    this.expansions.set(word, found);
    if (this.expansions.size > CACHED_EXPANSIONS) this.expansions.delete(this.expansions.keys().next().value!);
    return found;
  }

  /**
   * Documents matching the query, best first: those matching every word of it, then (for a query of several words)
   * those matching all words but one, as fuse.js also finds texts that match most of a query. Within each group by
   * score; ties in the order the documents were given in.
   */
  search(query: string): SearchHit[] {
    const { documents, scores } = this.rank(query);
    const hits: SearchHit[] = new Array(documents.length);
    for (let i = 0; i < documents.length; i++) hits[i] = { index: documents[i], score: scores[i] };
    return hits;
  }

  /** What search finds, as two typed arrays (no object per result): the documents in order and their scores. */
  rank(query: string): Ranking {
    const words = [...new Set(wordsOf(query).filter((w) => w.length >= 2))]
      .slice(0, MAX_QUERY_WORDS)
      .map((w) => w.slice(0, 64));
    if (!words.length || this.size === 0) return { documents: new Int32Array(0), scores: new Float64Array(0) };
    const { total, hits, best, touched, candidates, postingStart, postingDocs, postingWeights } = this;
    let found = 0;
    for (const word of words) {
      const { terms, closeness } = this.matchingTerms(word);
      if (terms.length === 1) {
        // One word of the vocabulary (the usual case for a long word): its postings are each document's best.
        const c = closeness[0];
        for (let p = postingStart[terms[0]]; p < postingStart[terms[0] + 1]; p++) {
          const d = postingDocs[p];
          total[d] += Math.fround(c * postingWeights[p]);
          if (hits[d]++ === 0) candidates[found++] = d;
        }
        continue;
      }
      let reached = 0;
      for (let i = 0; i < terms.length; i++) {
        const t = terms[i];
        const c = closeness[i];
        for (let p = postingStart[t]; p < postingStart[t + 1]; p++) {
          const d = postingDocs[p];
          const value = c * postingWeights[p];
          if (best[d] === 0) touched[reached++] = d;
          if (value > best[d]) best[d] = value;
        }
      }
      for (let i = 0; i < reached; i++) {
        const d = touched[i];
        total[d] += best[d];
        if (hits[d]++ === 0) candidates[found++] = d;
        best[d] = 0;
      }
    }
    const needed = words.length === 1 ? 1 : words.length - 1;
    // The results in the documents' order (a scan of the per-document counts when they are many, a sort when few)…
    let n = 0;
    for (let i = 0; i < found; i++) if (hits[candidates[i]] >= needed) n++;
    const inOrder = this.sortValues[0].subarray(0, n);
    if (found * 16 > this.size) {
      for (let d = 0, j = 0; j < n; d++) if (hits[d] >= needed) inOrder[j++] = d;
    } else {
      for (let i = 0, j = 0; i < found; i++) if (hits[candidates[i]] >= needed) inOrder[j++] = candidates[i];
      inOrder.sort();
    }
    // …then a stable sort on one 32-bit key per result: 4 bits for the words matched, 28 for the score (its whole
    // part and as many bits of its fraction as are left, so scores closer than about a millionth of the largest
    // count as equal), complemented so the largest come first and equal ones stay in the documents' order.
    let largest = 0;
    for (let i = 0; i < n; i++) if (total[inOrder[i]] > largest) largest = total[inOrder[i]];
    const scale = 2 ** (28 - Math.max(0, Math.ceil(Math.log2(largest + 1))));
    const keys = this.sortKeys[0].subarray(0, n);
    for (let i = 0; i < n; i++) {
      const d = inOrder[i];
      keys[i] = ~((hits[d] << 28) | Math.min(0xfffffff, Math.floor(total[d] * scale))) >>> 0;
    }
    const documents = radixSort(keys, inOrder, this.sortKeys[1], this.sortValues[1]).slice();
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) scores[i] = total[documents[i]];
    for (let i = 0; i < found; i++) {
      const d = candidates[i];
      total[d] = 0;
      hits[d] = 0;
    }
    return { documents, scores };
  }
}

/** The result of SearchIndex.rank: document positions best first, and their scores. */
export interface Ranking {
  documents: Int32Array;
  scores: Float64Array;
}

/**
 * `values` reordered by ascending `keys`, equal keys in their given order: a least-significant-digit radix sort in
 * three passes (11, 11 and 10 bits), a pass skipped when every key has the same digit there. The result is a view
 * of `values` or of `spareValues`; the four arrays are work space (the spare ones at least as long as the keys).
 */
export function radixSort(
  keys: Uint32Array,
  values: Int32Array,
  spareKeys: Uint32Array = new Uint32Array(keys.length),
  spareValues: Int32Array = new Int32Array(keys.length),
): Int32Array {
  const n = keys.length;
  let fromKeys = keys;
  let fromValues = values;
  let toKeys = spareKeys.subarray(0, n);
  let toValues = spareValues.subarray(0, n);
  const count = new Int32Array(1 << 11);
  for (const [shift, bits] of [
    [0, 11],
    [11, 11],
    [22, 10],
  ]) {
    const mask = (1 << bits) - 1;
    count.fill(0, 0, mask + 1);
    for (let i = 0; i < n; i++) count[(fromKeys[i] >>> shift) & mask]++;
    if (n === 0 || count[(fromKeys[0] >>> shift) & mask] === n) continue;
    let sum = 0;
    for (let b = 0; b <= mask; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = fromKeys[i];
      const at = count[(key >>> shift) & mask]++;
      toKeys[at] = key;
      toValues[at] = fromValues[i];
    }
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromValues, toValues] = [toValues, fromValues];
  }
  return fromValues;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function grow<T extends Int32Array | Float32Array | Float64Array>(array: T, atLeast: number): T {
  const grown = new (array.constructor as { new (n: number): T })(Math.max(array.length * 2, atLeast));
  grown.set(array);
  return grown;
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
