/** Lower-cases and strips accents, so "corrupcion" finds "corrupción" and "Judicial" finds "judicial". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export interface SearchableMandate {
  number: number;
  textEn: string | null;
  textEs: string | null;
  note: string | null;
  sectionCode: string | null;
  indicators: ReadonlyArray<{ code: string; textEn: string | null; textEs: string | null }>;
  provisions: ReadonlyArray<{ treaty: string; reference: string; titleEn: string | null; titleEs: string | null }>;
}

/**
 * Every word of the query must appear in the mandate (its texts in both languages, context note, indicators,
 * treaty links); a bare number matches the mandate with that number. Predictable beats clever for a catalogue.
 */
export function searchMandates<T extends SearchableMandate>(
  mandates: readonly T[],
  query: string,
  sectionTitles: ReadonlyMap<string, string> = new Map(),
): T[] {
  const q = fold(query).trim();
  if (!q) return [...mandates];
  if (/^\d+$/.test(q)) return mandates.filter((m) => m.number === Number(q));
  const words = q.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  return mandates.filter((m) => {
    const haystack = fold(
      [
        m.textEn,
        m.textEs,
        m.note,
        m.sectionCode ? sectionTitles.get(m.sectionCode) : null,
        ...m.indicators.flatMap((i) => [i.code, i.textEn, i.textEs]),
        ...m.provisions.flatMap((p) => [`${p.treaty} ${p.reference}`, p.titleEn, p.titleEs]),
      ]
        .filter(Boolean)
        .join(' \u0000 '),
    );
    return words.every((word) => haystack.includes(word));
  });
}
