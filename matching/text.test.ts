import { describe, expect, it } from 'vitest';
import {
  cosine,
  editDistance,
  foldAccents,
  sharedTerms,
  stem,
  STOP_WORDS,
  termKey,
  TextAnalyzer,
  TextStats,
  vectorize,
} from './text';

function relevance(a: string, b: string, corpus: string[] = []): number {
  const analyzer = new TextAnalyzer();
  const docs = [a, b, ...corpus].map((t) => analyzer.analyze(t));
  const stats = TextStats.fromDocuments(docs);
  return cosine(vectorize(docs[0], stats), vectorize(docs[1], stats));
}

describe('foldAccents', () => {
  it.each([
    ['Contratación Pública', 'contratacion publica'],
    ['Ñandú', 'nandu'],
    ['Haïti, marchés publics', 'haiti, marches publics'],
    ['ação', 'acao'],
  ])('%s → %s', (input, output) => {
    expect(foldAccents(input)).toBe(output);
  });
});

describe('stem', () => {
  it.each([
    ['contrataciones', 'contratacion'],
    ['investigations', 'investigation'],
    ['investigaciones', 'investigation'],
    ['whistleblowers', 'whistleblower'],
    ['denunciantes', 'denunciante'],
    ['publica', 'public'],
    ['judiciales', 'judicial'],
    ['transparencia', 'transparency'],
    ['integridad', 'integrity'],
    ['fortalecimiento', 'fortalecer'],
    ['corrupcion', 'corruption'],
    ['protections', 'proteccion'],
  ])('%s and %s share a stem', (a, b) => {
    expect(stem(a)).toBe(stem(b));
  });

  it.each([
    ['ley', 'ley'],
    ['data', 'data'],
    ['2019', '2019'],
  ])('leaves short words and numbers alone: %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('stop words', () => {
  it('covers English and Spanish function words and request boilerplate', () => {
    for (const w of [
      'the',
      'and',
      'of',
      'de',
      'la',
      'para',
      'los',
      'need',
      'support',
      'apoyo',
      'asistencia',
      'tecnica',
    ]) {
      expect(STOP_WORDS.has(w), w).toBe(true);
    }
    for (const w of ['procurement', 'ley', 'judicial', 'datos']) expect(STOP_WORDS.has(w), w).toBe(false);
  });
});

describe('editDistance', () => {
  it.each([
    ['procurement', 'procurment', 1],
    ['whistleblower', 'whistleblowr', 1],
    ['ownership', 'ownrship', 1],
    ['transparencia', 'transparecia', 1],
    ['judicial', 'judical', 1],
    ['abcd', 'abdc', 1],
    ['kitten', 'sitting', 3],
  ])('%s ~ %s = %d', (a, b, d) => {
    expect(editDistance(a, b, 3)).toBe(d);
  });

  it('stops early above the limit', () => {
    expect(editDistance('procurement', 'legislation', 2)).toBe(3);
  });
});

describe('TextAnalyzer', () => {
  const analyzer = new TextAnalyzer();

  it.each([
    ['procurment', 'procurement'],
    ['benefical', 'beneficial'],
    ['ownrship', 'ownership'],
    ['denuncientes', 'denunciantes'],
    ['transparecia', 'transparencia'],
  ])('repairs the typo %s → %s', (typo, word) => {
    expect(analyzer.repair(typo)).toBe(word);
  });

  it('does not "repair" ordinary words or inflections of glossary words', () => {
    expect(analyzer.repair('ministry')).toBe('ministry');
    expect(analyzer.repair('contracts')).toBe('contracts');
  });

  it('adds one concept token per mention, whatever the language', () => {
    const es = analyzer.analyze('Ley de protección de denunciantes');
    const en = analyzer.analyze('Whistleblower protection law');
    expect(es.counts.get('~whistleblower')).toBe(1);
    expect(en.counts.get('~whistleblower')).toBe(1);
    expect(es.counts.get('~legislation')).toBe(1);
    expect(en.counts.get('~legislation')).toBe(1);
  });

  it('finds concepts across accents and typos', () => {
    const doc = analyzer.analyze('registro de benefiarios finales y contratacion publica');
    expect(doc.counts.has('~beneficial_ownership')).toBe(true);
    expect(doc.counts.has('~public_procurement')).toBe(true);
  });

  it('keeps how the text wrote a term, for explanations', () => {
    const doc = analyzer.analyze('Datos Abiertos para la integridad');
    expect(doc.display.get('~open_data')).toBe('open data');
    expect(doc.display.get(stem('integridad'))).toBe('integridad');
  });
});

describe('relevance', () => {
  it('is high for the same topic across English and Spanish', () => {
    const cross = relevance(
      'Protección de denunciantes y canales de denuncia',
      'Whistleblower protection and reporting channels',
      ['Public procurement reform', 'Beneficial ownership registry'],
    );
    const unrelated = relevance('Protección de denunciantes y canales de denuncia', 'Beneficial ownership registry', [
      'Public procurement reform',
      'Whistleblower protection and reporting channels',
    ]);
    expect(cross).toBeGreaterThan(0.2);
    expect(unrelated).toBe(0);
  });

  it('is symmetric, in [0, 1], and 1 for identical texts', () => {
    const a = 'open data portal for procurement';
    const b = 'datos abiertos de contrataciones';
    expect(relevance(a, b)).toBeCloseTo(relevance(b, a), 12);
    expect(relevance(a, a)).toBeCloseTo(1, 12);
    expect(relevance(a, b)).toBeGreaterThanOrEqual(0);
  });

  it('lists the shared terms that weigh most, concepts first hiding their words', () => {
    const analyzer = new TextAnalyzer();
    const docs = [
      'Apoyo en datos abiertos de compras públicas',
      'Open data on public procurement',
      'Judicial career',
    ].map((t) => analyzer.analyze(t));
    const stats = TextStats.fromDocuments(docs);
    const terms = sharedTerms(vectorize(docs[0], stats), vectorize(docs[1], stats), 4).map((t) => t.en);
    expect(terms).toContain('open data');
    expect(terms).toContain('public procurement');
  });
});

describe('termKey and TextStats', () => {
  it('hashes terms stably', () => {
    expect(termKey('procur')).toBe(termKey('procur'));
    expect(termKey('procur')).not.toBe(termKey('procure'));
    expect(Number.isSafeInteger(termKey('~whistleblower'))).toBe(true);
  });

  it('round-trips through JSON', () => {
    const analyzer = new TextAnalyzer();
    const stats = TextStats.fromDocuments(['open data', 'datos abiertos', 'judicial'].map((t) => analyzer.analyze(t)));
    const copy = TextStats.fromJSON(JSON.parse(JSON.stringify(stats)));
    expect(copy.idf('~open_data')).toBe(stats.idf('~open_data'));
    expect(copy.idf('unseen')).toBe(stats.idf('unseen'));
    expect(stats.idf('~open_data')).toBeLessThan(stats.idf('unseen'));
  });
});

describe('glossary in Portuguese and French (issue 16, item 8)', () => {
  it('names only concepts that exist', async () => {
    const { PT_FR_PHRASES } = await import('./lexicon-pt-fr');
    const { CONCEPTS } = await import('./lexicon');
    const ids = new Set(CONCEPTS.map((c) => c.id));
    for (const id of Object.keys(PT_FR_PHRASES)) expect(ids.has(id), id).toBe(true);
  });

  it.each([
    [
      'lavagem de dinheiro e recuperação de ativos',
      'money laundering and asset recovery',
      ['~money_laundering', '~asset_recovery'],
    ],
    ['passation des marchés publics', 'contratación pública', ['~public_procurement']],
    [
      'déclaration de patrimoine et conflits d’intérêts',
      'declaraciones juradas de bienes y conflicto de intereses',
      ['~conflict_of_interest'],
    ],
    ['entraide judiciaire', 'mutual legal assistance', ['~mutual_legal_assistance']],
    ['beneficiário final', 'beneficial ownership', ['~beneficial_ownership']],
  ])('%s meets %s through a shared concept', (a, b, concepts) => {
    const analyzer = new TextAnalyzer();
    const ta = analyzer.analyze(a).counts;
    const tb = analyzer.analyze(b).counts;
    for (const c of concepts) {
      expect(ta.has(c), `${a} → ${c}`).toBe(true);
      expect(tb.has(c), `${b} → ${c}`).toBe(true);
    }
  });
});
