import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import {
  FUSE_BASELINE_OPTIONS,
  SearchIndex,
  allowedEdits,
  searchFieldsOf,
  substringDistance,
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
});
