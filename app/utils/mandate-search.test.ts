import { describe, expect, it } from 'vitest';
import { fold, searchMandates, type SearchableMandate } from './mandate-search';

const mandate = (number: number, textEn: string | null, extra: Partial<SearchableMandate> = {}): SearchableMandate => ({
  number,
  textEn,
  textEs: null,
  note: null,
  sectionCode: null,
  indicators: [],
  provisions: [],
  ...extra,
});

const list = [
  mandate(1, 'Strengthening democratic institutions for the prevention of and fight against corruption'),
  mandate(2, 'Strengthening judicial autonomy and independence', {
    textEs: 'Fortalecer la autonomía e independencia judicial',
  }),
  mandate(20, null, { note: 'Topic cited by the Mechanism: open data program' }),
  mandate(30, null, {
    provisions: [{ treaty: 'UNCAC', reference: 'Article 13', titleEn: 'Participation of society', titleEs: null }],
  }),
];

describe('searchMandates', () => {
  it('requires every word, in any order', () => {
    expect(searchMandates(list, 'independence judicial').map((m) => m.number)).toEqual([2]);
    expect(searchMandates(list, 'judicial corruption')).toEqual([]);
  });

  it('ignores accents and case in both directions', () => {
    expect(searchMandates(list, 'AUTONOMIA').map((m) => m.number)).toEqual([2]);
    expect(fold('Corrupción')).toBe('corrupcion');
  });

  it('finds a mandate by number, and by its context note or treaty link', () => {
    expect(searchMandates(list, '20').map((m) => m.number)).toEqual([20]);
    expect(searchMandates(list, 'open data').map((m) => m.number)).toEqual([20]);
    expect(searchMandates(list, 'uncac article 13').map((m) => m.number)).toEqual([30]);
  });

  it('returns everything for an empty query', () => {
    expect(searchMandates(list, '   ')).toHaveLength(4);
  });

  it('searches section titles when given', () => {
    const withSection = [mandate(5, null, { sectionCode: 'C' })];
    expect(
      searchMandates(
        withSection,
        'election',
        new Map([['C', 'Financing of Political Organizations and Election Campaigns']]),
      ),
    ).toHaveLength(1);
  });
});
