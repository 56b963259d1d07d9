/**
 * Text relevance between descriptions, written for this engine (no search library): accent folding, English
 * and Spanish stop words, a light suffix stemmer shared by both languages, typo repair against the glossary,
 * bilingual concept tokens (lexicon.ts), and TF-IDF cosine over sparse vectors.
 *
 * Determinism: a term's position in a vector is a 52-bit hash of the term, so vectors and dot products do not
 * depend on the order in which documents were seen.
 */
import { CONCEPTS } from './lexicon';

// ---------------------------------------------------------------------------------------------------------
// Words

/** Lower case without diacritics: "Contratación" → "contratacion", "ñ" → "n". */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const STOP_EN = `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each either etc few for from further had has have having he her
here hers him his how i if in into is it its itself just may me might more most must my no nor not now of off on once only or
other others our ours out over own same shall she should so some such than that the their theirs them then there these they
this those through to too under until up upon us very was we were what when where which while who whom why will with within
without would you your yours via per well including include includes includ new use used using based among across like one
two three four five yet already still would order whose each every many much several various given make makes made
need needs needed seek seeks seeking support supports supporting help helps assistance technical provide provides
providing offer offers offering offered interested want wants looking toward towards ensure able currently`;

const STOP_ES = `a al algo alguna algunas alguno algunos ante antes aquel aquella aquellas aquellos aqui asi aun bajo bien cada como
con contra cual cuales cualquier cuando cuanto de del desde donde dos durante e el ella ellas ello ellos en entre era eran es
esa esas ese eso esos esta estan estar estas este esto estos fue fueron ha han hasta hay la las le les lo los mas me mediante
mi mis muy ni no nos nosotros nuestra nuestras nuestro nuestros o otra otras otro otros para pero poco por porque que quien
quienes se sea sean segun ser si sido sin sino sobre son su sus tal tambien tanto te tiene tienen toda todas todo todos tras
tres u un una unas uno unos y ya dicho dicha dichos dichas cuyo cuya cuyos cuyas puede pueden podria hacer hace dentro
actualmente mismo misma asimismo ademas traves vez
necesita necesitan necesitamos necesidad necesidades requiere requieren requerimos apoyo apoyar ayuda asistencia tecnica
tecnico tecnicas tecnicos brindar brinda ofrece ofrecen ofrecemos ofrecer interesa interesado interesados busca buscan
buscamos contar permita permitan`;

const STOP_PT_FR = `da do das dos em com um uma na nas no nos pelo pela pelos pelas ao aos ou le les des du et un une pour dans sur avec
au aux par qui est sont ce cette ces son sa ses leur leurs`;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${STOP_EN} ${STOP_ES} ${STOP_PT_FR}`.split(/\s+/).filter(Boolean).map(foldAccents),
);

/** Suffixes stripped by the light stemmer, longest first. Plural endings may leave 3 letters, the rest 4. */
const SUFFIXES: ReadonlyArray<readonly [string, string]> = (
  [
    ['amientos', ''],
    ['imientos', ''],
    ['amiento', ''],
    ['imiento', ''],
    ['aciones', ''],
    ['iciones', ''],
    ['uciones', ''],
    ['ciones', ''],
    ['siones', ''],
    ['acion', ''],
    ['icion', ''],
    ['ucion', ''],
    ['cion', ''],
    ['sion', ''],
    ['ations', ''],
    ['ation', ''],
    ['itions', ''],
    ['ition', ''],
    ['tions', ''],
    ['tion', ''],
    ['sions', ''],
    ['sion', ''],
    ['idades', ''],
    ['idad', ''],
    ['ities', ''],
    ['ity', ''],
    ['encias', ''],
    ['encia', ''],
    ['ancias', ''],
    ['ancia', ''],
    ['ences', ''],
    ['ence', ''],
    ['ency', ''],
    ['ances', ''],
    ['ance', ''],
    ['ancy', ''],
    ['mente', ''],
    ['ments', ''],
    ['ment', ''],
    ['ables', ''],
    ['able', ''],
    ['ibles', ''],
    ['ible', ''],
    ['istas', ''],
    ['ista', ''],
    ['ists', ''],
    ['ist', ''],
    ['ismos', ''],
    ['ismo', ''],
    ['isms', ''],
    ['ism', ''],
    ['ativos', ''],
    ['ativas', ''],
    ['ativo', ''],
    ['ativa', ''],
    ['atives', ''],
    ['ative', ''],
    ['ivos', ''],
    ['ivas', ''],
    ['ives', ''],
    ['ivo', ''],
    ['iva', ''],
    ['ive', ''],
    ['icales', ''],
    ['ical', ''],
    ['icos', ''],
    ['icas', ''],
    ['ico', ''],
    ['ica', ''],
    ['ics', ''],
    ['ic', ''],
    ['ales', ''],
    ['al', ''],
    ['ados', ''],
    ['adas', ''],
    ['ado', ''],
    ['ada', ''],
    ['idos', ''],
    ['idas', ''],
    ['ido', ''],
    ['ida', ''],
    ['ating', ''],
    ['ated', ''],
    ['ates', ''],
    ['ate', ''],
    ['ings', ''],
    ['ing', ''],
    ['ed', ''],
    ['ores', ''],
    ['ors', ''],
    ['or', ''],
    ['ers', ''],
    ['er', ''],
    ['ar', ''],
    ['ir', ''],
    ['ies', 'y'],
    ['es', ''],
    ['os', ''],
    ['as', ''],
    ['s', ''],
    ['o', ''],
    ['a', ''],
    ['e', ''],
  ] as Array<[string, string]>
).sort((x, y) => y[0].length - x[0].length);

const PLURAL = new Set(['s', 'es', 'os', 'as', 'ies']);

/** A light stemmer for folded English and Spanish words: one suffix, so "contrataciones" and "contratación" meet. */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  for (const [suffix, replacement] of SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const rest = word.length - suffix.length;
    if (rest >= (PLURAL.has(suffix) ? 3 : 4)) return word.slice(0, rest) + replacement;
  }
  return word;
}

/** Restricted Damerau-Levenshtein distance, or max + 1 as soon as it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

// ---------------------------------------------------------------------------------------------------------
// The glossary, compiled once

interface CompiledPhrase {
  stems: string[];
  concept: string;
}

const CONCEPT_PREFIX = '~';
const conceptLabels = new Map<string, string>();
const conceptLabelsEs = new Map<string, string>();
const phrasesByFirstStem = new Map<string, CompiledPhrase[]>();
/** Glossary words by first letter, the targets of typo repair. */
const glossaryWordsByInitial = new Map<string, string[]>();
const glossaryWords = new Set<string>();

function splitWords(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

function contentWords(text: string): string[] {
  return splitWords(foldAccents(text)).filter((w) => w.length >= 2 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
}

for (const concept of CONCEPTS) {
  const token = CONCEPT_PREFIX + concept.id;
  conceptLabels.set(token, concept.label);
  conceptLabelsEs.set(token, concept.labelEs);
  const seen = new Set<string>();
  for (const phrase of concept.phrases) {
    const words = contentWords(phrase);
    if (words.length === 0) continue;
    for (const w of words) glossaryWords.add(w);
    const stems = words.map(stem);
    const key = stems.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const list = phrasesByFirstStem.get(stems[0]) ?? [];
    list.push({ stems, concept: token });
    phrasesByFirstStem.set(stems[0], list);
  }
}
for (const w of [...glossaryWords].sort()) {
  if (w.length < 5) continue;
  const list = glossaryWordsByInitial.get(w[0]) ?? [];
  list.push(w);
  glossaryWordsByInitial.set(w[0], list);
}

export function isConceptTerm(term: string): boolean {
  return term.startsWith(CONCEPT_PREFIX);
}

export function conceptLabel(term: string): string | undefined {
  return conceptLabels.get(term);
}

// ---------------------------------------------------------------------------------------------------------
// Analysis

export interface AnalyzedText {
  /** Term (stem or concept token) → occurrences. */
  counts: Map<string, number>;
  /** Term → how to show it: the first word of the text that produced it, or the concept's label. */
  display: Map<string, string>;
}

/**
 * Turns text into terms. Holds a cache of typo repairs, so keep one analyser per engine; the cache changes
 * nothing but speed (the repair of a word depends on the word alone).
 */
export class TextAnalyzer {
  private readonly repairs = new Map<string, string>();

  /** The glossary word a misspelt word stands for ("procurment" → "procurement"), or the word itself. */
  repair(word: string): string {
    if (word.length < 6 || glossaryWords.has(word)) return word;
    const cached = this.repairs.get(word);
    if (cached !== undefined) return cached;
    const max = word.length >= 10 ? 2 : 1;
    let best = word;
    let bestDistance = max + 1;
    for (const candidate of glossaryWordsByInitial.get(word[0]) ?? []) {
      if (Math.abs(candidate.length - word.length) > max) continue;
      const d = editDistance(word, candidate, Math.min(max, bestDistance));
      // Ties go to the alphabetically first candidate (the list is sorted), so the repair is deterministic.
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    // A plural or a gender ending of a glossary word is not a typo: stemming already joins them.
    if (best !== word && stem(best) === stem(word)) best = word;
    this.repairs.set(word, best);
    return best;
  }

  analyze(text: string): AnalyzedText {
    const counts = new Map<string, number>();
    const display = new Map<string, string>();
    const stems: string[] = [];
    for (const raw of splitWords(text)) {
      const folded = foldAccents(raw);
      if (folded.length < 2 || STOP_WORDS.has(folded) || /^\d+$/.test(folded)) continue;
      const s = stem(this.repair(folded));
      stems.push(s);
      counts.set(s, (counts.get(s) ?? 0) + 1);
      if (!display.has(s)) display.set(s, raw.toLowerCase());
    }
    // A concept counts once per stretch of text: "protección de denunciantes" is one mention, not two.
    const coveredUntil = new Map<string, number>();
    for (let i = 0; i < stems.length; i++) {
      const phrases = phrasesByFirstStem.get(stems[i]);
      if (!phrases) continue;
      for (const phrase of phrases) {
        if ((coveredUntil.get(phrase.concept) ?? -1) > i || i + phrase.stems.length > stems.length) continue;
        let ok = true;
        for (let k = 1; k < phrase.stems.length; k++) {
          if (stems[i + k] !== phrase.stems[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        const end = i + phrase.stems.length;
        const previous = coveredUntil.get(phrase.concept);
        coveredUntil.set(phrase.concept, Math.max(end, previous ?? end));
        if (previous !== undefined && previous > i) continue;
        counts.set(phrase.concept, (counts.get(phrase.concept) ?? 0) + 1);
        display.set(phrase.concept, conceptLabels.get(phrase.concept)!);
      }
    }
    return { counts, display };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Vectors

/** A 52-bit FNV-1a hash of a term: stable across runs and insertion orders. */
export function termKey(term: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff);
}

/**
 * Document frequencies of a corpus. The engine builds them from the disclosed descriptions when it loads and
 * refreshes them on request (the nightly job): between refreshes they stay fixed, so that adding one offer
 * changes the vectors of no other document and incremental updates stay exact.
 */
export class TextStats {
  readonly documents: number;
  private readonly df: ReadonlyMap<string, number>;

  constructor(documents: number, df: ReadonlyMap<string, number>) {
    this.documents = documents;
    this.df = df;
  }

  static fromDocuments(docs: Iterable<AnalyzedText>): TextStats {
    let n = 0;
    const df = new Map<string, number>();
    for (const doc of docs) {
      n++;
      for (const term of doc.counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    }
    return new TextStats(n, df);
  }

  static empty(): TextStats {
    return new TextStats(0, new Map());
  }

  /** BM25's idf, always positive: a term unseen in the corpus counts as rare. */
  idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.documents - df + 0.5) / (df + 0.5));
  }

  toJSON(): { documents: number; df: Array<[string, number]> } {
    return {
      documents: this.documents,
      df: [...this.df.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    };
  }

  static fromJSON(json: { documents: number; df: Array<[string, number]> }): TextStats {
    return new TextStats(json.documents, new Map(json.df));
  }
}

/**
 * Compact ids for term keys, so the engine can spread a request's vector into a dense array and score many
 * offers against it with one array read per offer term. Ids only address memory: sums still run in key order.
 */
export class Vocabulary {
  private readonly ids = new Map<number, number>();

  get size(): number {
    return this.ids.size;
  }

  id(key: number): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
}

export interface TextVector {
  /** termKey of each term, ascending. */
  keys: Float64Array;
  /** Vocabulary ids aligned with keys (empty when vectorised without a vocabulary). */
  ids: Int32Array;
  /** L2-normalised TF-IDF weights, aligned with keys. */
  weights: Float64Array;
  terms: string[];
  display: string[];
}

export const EMPTY_VECTOR: TextVector = Object.freeze({
  keys: new Float64Array(0),
  ids: new Int32Array(0),
  weights: new Float64Array(0),
  terms: [],
  display: [],
}) as TextVector;

export function vectorize(doc: AnalyzedText, stats: TextStats, vocabulary?: Vocabulary): TextVector {
  const entries: Array<{ key: number; term: string; weight: number }> = [];
  for (const [term, count] of doc.counts) {
    entries.push({ key: termKey(term), term, weight: (1 + Math.log(count)) * stats.idf(term) });
  }
  entries.sort((a, b) => a.key - b.key || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  let norm = 0;
  for (const e of entries) norm += e.weight * e.weight;
  norm = Math.sqrt(norm);
  if (norm === 0) return EMPTY_VECTOR;
  const keys = new Float64Array(entries.length);
  const weights = new Float64Array(entries.length);
  const ids = new Int32Array(vocabulary ? entries.length : 0);
  const terms: string[] = [];
  const display: string[] = [];
  entries.forEach((e, i) => {
    keys[i] = e.key;
    if (vocabulary) ids[i] = vocabulary.id(e.key);
    weights[i] = e.weight / norm;
    terms.push(e.term);
    display.push(doc.display.get(e.term) ?? e.term);
  });
  return { keys, ids, weights, terms, display };
}

/**
 * `cosine(request, offer)` for an offer, with the request spread into `dense` by vocabulary id. Products are
 * taken in the offer's key order and a term absent from the request adds an exact zero, so the result is
 * bit-identical to cosine().
 */
export function denseCosine(dense: Float64Array, offer: TextVector): number {
  const ids = offer.ids;
  const w = offer.weights;
  let dot = 0;
  for (let i = 0; i < ids.length; i++) dot += dense[ids[i]] * w[i];
  return dot > 1 ? 1 : dot;
}

/** Cosine of two normalised vectors, in [0, 1]. */
export function cosine(a: TextVector, b: TextVector): number {
  const ak = a.keys;
  const bk = b.keys;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < ak.length && j < bk.length) {
    const x = ak[i];
    const y = bk[j];
    if (x === y) {
      dot += a.weights[i++] * b.weights[j++];
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
  }
  return dot > 1 ? 1 : dot;
}

/**
 * The shared terms that weigh most in the cosine, shown as `a` wrote them; a concept hides the words it covers. Each
 * term comes in English and Spanish: a glossary concept by its label in each language, a plain word as it appeared
 * in the description (whatever its language) in both.
 */
export function sharedTerms(a: TextVector, b: TextVector, limit: number): Array<{ en: string; es: string }> {
  const shared: Array<{ term: string; display: string; weight: number }> = [];
  let i = 0;
  let j = 0;
  while (i < a.keys.length && j < b.keys.length) {
    if (a.keys[i] === b.keys[j]) {
      shared.push({ term: a.terms[i], display: a.display[i], weight: a.weights[i] * b.weights[j] });
      i++;
      j++;
    } else if (a.keys[i] < b.keys[j]) i++;
    else j++;
  }
  shared.sort((x, y) => y.weight - x.weight || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
  const out: Array<{ en: string; es: string }> = [];
  const concepts = shared.filter((s) => isConceptTerm(s.term)).map((s) => foldAccents(s.display));
  for (const s of shared) {
    if (out.length >= limit) break;
    if (!isConceptTerm(s.term) && concepts.some((label) => label.includes(stemPrefix(s.term)))) continue;
    if (out.some((t) => t.en === s.display)) continue;
    out.push({ en: s.display, es: (isConceptTerm(s.term) && conceptLabelsEs.get(s.term)) || s.display });
  }
  return out;
}

function stemPrefix(term: string): string {
  return term.length > 5 ? term.slice(0, 5) : term;
}
