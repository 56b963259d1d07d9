import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { generate, misspell } from '../../bench/practices/data';
import { seededRng } from '../../tests/matching/rng';
import {
  FUSE_BASELINE_OPTIONS,
  SearchIndex,
  allowedEdits,
  bitParallelSubstringDistance,
  normalise,
  radixSort,
  searchFieldsOf,
  substringDistance,
  wordsOf,
  type SearchablePractice,
} from './search-index';

/** The public base's own search index (decision 023): accents, typos, words inside words, order, and fuse.js's results. */

const practice = (title: string, summary = '', action = '', org = 'Republic of Peru'): SearchablePractice => ({
  title,
  texts: { summary, situation: '', action, innovation: '', results: '', lessons: '', transfer: '' },
  organizationNameEn: org,
  organizationNameEs: org.replace('Republic of', 'República del'),
});

const base = [
  practice('Declaraciones juradas de patrimonio en datos abiertos', 'Las declaraciones se publican en línea.'),
  practice('Observatorio de contrataciones públicas', 'Un observatorio ciudadano de las compras del Estado.'),
  practice('Asset declarations published as open data', 'Sworn declarations of senior officials online.'),
  practice('Whistleblower protection office', 'Protection of people who report corruption.', '', 'Republic of Chile'),
  practice('Política nacional anticorrupción', 'Una política con metas de integridad.'),
  practice('Customs integrity programme', 'Integrity checks for customs officers.', 'Corruption risks mapped.'),
];
const index = new SearchIndex(base.map(searchFieldsOf));
const titles = (q: string) => index.search(q).map((h) => base[h.index].title);

describe('the practices search index', () => {
  it('ignores accents in the text and in the query, both ways', () => {
    expect(titles('contratacion publica')[0]).toBe('Observatorio de contrataciones públicas');
    expect(titles('patrimonío')).toEqual(['Declaraciones juradas de patrimonio en datos abiertos']);
    expect(titles('POLÍTICA')).toEqual(['Política nacional anticorrupción']);
  });

  it('tolerates typos in Spanish and English (the e2e query and the service test query)', () => {
    expect(titles('obsevatorio contratacines')[0]).toBe('Observatorio de contrataciones públicas');
    expect(titles('declaraciones jurdas patrimonío')[0]).toBe('Declaraciones juradas de patrimonio en datos abiertos');
    expect(titles('whistelblower')).toEqual(['Whistleblower protection office']);
    expect(titles('custmos')).toEqual(['Customs integrity programme']);
  });

  it('finds a word inside a longer word, as fuse.js does ("corrupcion" in "anticorrupción")', () => {
    expect(titles('corrupcion')).toContain('Política nacional anticorrupción');
    expect(titles('anticorrupcion')).toEqual(['Política nacional anticorrupción']);
    expect(titles('corruption')).toEqual([
      'Política nacional anticorrupción', // "corrupcion" is one edit from "corruption"
      'Whistleblower protection office',
      'Customs integrity programme',
    ]);
  });

  it('puts practices matching every word before those matching all but one, and the title before other texts', () => {
    const found = titles('declarations open');
    expect(found[0]).toBe('Asset declarations published as open data');
    expect(found).toContain('Declaraciones juradas de patrimonio en datos abiertos'); // "declaraciones" within 2 edits
    expect(titles('integrity')[0]).toBe('Customs integrity programme'); // in its title; the other only in a summary
  });

  it('searches organization names', () => {
    expect(titles('chile')).toEqual(['Whistleblower protection office']);
  });

  it('finds nothing for a query of nothing, of one-letter words or of an unrelated word; a short word needs to be exact', () => {
    expect(titles('')).toEqual([]);
    expect(titles('a y o')).toEqual([]);
    expect(titles('zzyzx')).toEqual([]);
    expect(allowedEdits(3)).toBe(0);
    expect(titles('dta')).toEqual([]); // "dta" is not "data": no edits on three letters
  });

  it('computes the substring edit distance exactly, within the bound', () => {
    const column = new Uint16Array(64);
    expect(substringDistance('corrupcion', 'anticorrupcion', 3, column)).toBe(0);
    expect(substringDistance('contratacines', 'contrataciones', 3, column)).toBe(1);
    expect(substringDistance('obsevatorio', 'observatorio', 3, column)).toBe(1);
    expect(substringDistance('abcdef', 'uvwxyz', 2, column)).toBe(3); // more than the bound: bound + 1
  });

  it('returns every practice fuse.js (as the base used it) puts in its top 10 for misspelled queries here', () => {
    const fuse = new Fuse(base, FUSE_BASELINE_OPTIONS);
    for (const q of [
      'obsevatorio contratacines',
      'declaracions',
      'integrty',
      'protecion',
      'anticorupción',
      'obsevatorio ciudadno',
    ]) {
      const ours = new Set(index.search(q).map((h) => h.index));
      for (const r of fuse.search(q, { limit: 10 })) expect(ours.has(r.refIndex), `${q}: ${r.item.title}`).toBe(true);
    }
  });

  it('folds accents, ñ, ü and capitals the same way in texts and queries, composed or decomposed', () => {
    expect(normalise('Contratación PÚBLICA, Año, Pingüino, Ñandú')).toBe('contratacion publica, ano, pinguino, nandu');
    expect(normalise('Contratacio\u0301n')).toBe('contratacion'); // the accent as a combining mark (NFD input)
    expect(wordsOf('¿Dónde está la ÓRBITA? 2026-12')).toEqual(['donde', 'esta', 'la', 'orbita', '2026', '12']);
    expect(wordsOf('Ελληνικά Straße')).toEqual(['ελληνικα', 'straße']); // other letters stay letters
    const accents = new SearchIndex([
      [{ text: 'Protección de niños y niñas', weight: 1 }],
      [{ text: 'Proteccio\u0301n de ni\u00f1os y adolescentes', weight: 1 }],
    ]);
    expect(accents.search('PROTECCION NINOS').map((h) => h.index)).toEqual([0, 1]); // equal scores: as given
    expect(accents.search('niñas').map((h) => h.index)).toEqual([0, 1]); // "ninos" is one edit away, scored lower
  });

  it('computes the bit-parallel distance exactly as the dynamic-programming one (random words, 1 to 32 letters)', () => {
    const rng = seededRng(17);
    const column = new Uint16Array(64);
    const letters = 'abcdeñ';
    for (let trial = 0; trial < 3000; trial++) {
      const pattern = Array.from({ length: rng.int(1, 32) }, () => rng.pick([...letters])).join('');
      const text = Array.from({ length: rng.int(0, 40) }, () => rng.pick([...letters])).join('');
      const codes = new Map([...letters].map((c, i) => [c, i + 1]));
      const peq = new Int32Array(letters.length + 1);
      for (let i = 0; i < pattern.length; i++) peq[codes.get(pattern[i])!] |= 1 << i;
      const chars = [...text].map((c) => codes.get(c)!);
      const exact = substringDistance(pattern, text, pattern.length, column);
      expect(bitParallelSubstringDistance(peq, pattern.length, chars, 0, chars.length), `${pattern} in ${text}`).toBe(
        exact,
      );
    }
  });

  it('sorts by radix: ascending keys, equal keys in their given order, the top bits included', () => {
    const rng = seededRng(5);
    const n = 5000;
    const keys = Uint32Array.from({ length: n }, () => (rng.int(0, 40) * 0x08000000 + rng.int(0, 3)) >>> 0);
    const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
    const values = Int32Array.from({ length: n }, (_, i) => i);
    expect([...radixSort(keys.slice(), values)]).toEqual(expected);
    expect([...radixSort(new Uint32Array(0), new Int32Array(0))]).toEqual([]);
    expect([...radixSort(Uint32Array.of(7, 7, 7), Int32Array.of(2, 0, 1))]).toEqual([2, 0, 1]);
  });

  it('finds every practice a scan of the whole vocabulary finds (the bigram filter loses no word), in the same order', () => {
    const rng = seededRng(2026);
    const practices = generate(rng, 300);
    const fields = practices.map(searchFieldsOf);
    const generated = new SearchIndex(fields);
    const column = new Uint16Array(256);
    const docWords = fields.map((f) => new Set(f.flatMap((x) => wordsOf(x.text)).filter((w) => w.length >= 2)));
    const vocabulary = [...new Set(docWords.flatMap((ws) => [...ws]))];
    for (let trial = 0; trial < 40; trial++) {
      const source = rng.pick(practices);
      const words = wordsOf(`${source.title} ${source.texts.summary}`).filter((w) => w.length >= 4);
      const query = [rng.pick(words), rng.pick(words)].map((w) => (rng.chance(0.7) ? misspell(rng, w) : w));
      const queryWords = [...new Set(query)];
      // By brute force: for each document, how many query words some word of it contains within the allowed edits.
      const near = queryWords.map(
        (q) =>
          new Set(
            vocabulary.filter((w) => substringDistance(q, w, allowedEdits(q.length), column) <= allowedEdits(q.length)),
          ),
      );
      const matched = docWords.map((ws) => near.filter((set) => [...ws].some((w) => set.has(w))).length);
      const needed = queryWords.length === 1 ? 1 : queryWords.length - 1;
      const expected = matched.flatMap((count, d) => (count >= needed ? [d] : []));
      const ranking = generated.rank(query.join(' '));
      expect(
        [...ranking.documents].sort((a, b) => a - b),
        query.join(' '),
      ).toEqual(expected);
      // Best first: words matched, then score (equal to within a millionth count as ties, in the given order).
      for (let i = 1; i < ranking.documents.length; i++) {
        const [a, b] = [ranking.documents[i - 1], ranking.documents[i]];
        expect(matched[a]).toBeGreaterThanOrEqual(matched[b]);
        if (matched[a] === matched[b]) expect(ranking.scores[i - 1]).toBeGreaterThanOrEqual(ranking.scores[i] - 1e-5);
      }
    }
  });

  it('gives the same answer to the same query however many other queries ran before (cached expansions, reused arrays)', () => {
    const first = index.search('obsevatorio contratacines');
    expect(first.length).toBeGreaterThan(0);
    for (const q of ['integrty', 'corruption', 'declarations open', 'zzyzx', '', 'chile']) index.search(q);
    expect(index.search('obsevatorio contratacines')).toEqual(first);
    expect(index.search('OBSEVATORIO contratacínes')).toEqual(first);
    const ranking = index.rank('obsevatorio contratacines');
    expect([...ranking.documents]).toEqual(first.map((h) => h.index));
    expect([...ranking.scores]).toEqual(first.map((h) => h.score));
    expect(new SearchIndex([]).search('anything')).toEqual([]);
  });

  it('still finds a misspelled query in a base of thousands, its practice on the first page', () => {
    const practices = generate(seededRng(99), 3000);
    const big = new SearchIndex(practices.map(searchFieldsOf));
    const target = practices.findIndex((p) => p.title.startsWith('Un observatorio ciudadano de contrataciones'));
    expect(target).toBeGreaterThanOrEqual(0);
    const title = practices[target].title; // "Un observatorio ciudadano de contrataciones públicas en <name>"
    const name = title.split(' ').pop()!;
    const hits = big.search(`obsevatorio contratacines ${misspell(seededRng(1), name)}`);
    expect(hits.slice(0, 20).map((h) => h.index)).toContain(target);
  });
});
