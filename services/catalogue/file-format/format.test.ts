import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { catalogueToCsv, CSV_COLUMNS, parseCatalogue, type CatalogueFile, type CatalogueProblem } from './format';
import { findJsonSyntaxError } from './json-syntax';

const HEADER = CSV_COLUMNS.join(',');

/** A CSV row from named cells, so tests do not count commas. */
function row(cells: Partial<Record<(typeof CSV_COLUMNS)[number], string>>): string {
  return CSV_COLUMNS.map((c) => {
    const v = cells[c] ?? '';
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(',');
}

function validFile(): CatalogueFile {
  return {
    commitment: { code: 'test-2030', titleEn: 'Test Commitment', mandateCount: 3 },
    sections: [
      { code: 'A', position: 1, titleEn: 'First' },
      { code: 'B', position: 2, titleEn: null, note: 'Title not found.' },
    ],
    mandates: [
      {
        number: 1,
        section: 'A',
        sectionCertainty: 'stated',
        textEn: 'Do one thing.',
        textStatusEn: 'verified',
        textStatusEs: 'missing',
        sources: ['https://example.org/a'],
      },
      {
        number: 2,
        sectionCertainty: 'unknown',
        textStatusEn: 'missing',
        textStatusEs: 'missing',
        note: 'Topic (not the official text): something.',
      },
    ],
    indicators: [{ mandate: 1, code: '1.1', textEn: 'Indicator' }],
    provisions: [{ treaty: 'IACC', reference: 'Article III', titleEn: 'Preventive Measures' }],
    links: [{ mandate: 1, treaty: 'IACC', reference: 'Article III' }],
  };
}

function problemsOf(text: string, format: 'json' | 'csv'): CatalogueProblem[] {
  const result = parseCatalogue(text, format);
  if (result.ok) throw new Error('expected problems, the file was accepted');
  return result.problems;
}

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted cells, doubled quotes, line breaks inside quotes and CRLF, with the line each record starts on', () => {
    const { records, problems } = parseCsv('a,b,c\r\n1,"x, ""y""",z\r\n2,"two\r\nlines",w\r\n3,,""\r\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, "y"', 'z'] },
      { line: 3, cells: ['2', 'two\r\nlines', 'w'] },
      { line: 5, cells: ['3', '', ''] },
    ]);
  });

  it('accepts LF endings, a byte-order mark and a missing final line break', () => {
    const { records } = parseCsv('\ufeffa,b\n1,2');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
    ]);
  });

  it('reports an unclosed quote at the line where it opened, and stray quotes, and keeps going', () => {
    const { problems } = parseCsv('a,b\n1,x"y\n2,"ok"z\n3,"never\nclosed');
    expect(problems).toEqual([
      { line: 2, message: expect.stringContaining('must be enclosed in quotes') },
      { line: 3, message: expect.stringContaining('text follows a closing quote') },
      { line: 4, message: expect.stringContaining('never closed') },
    ]);
  });
});

describe('findJsonSyntaxError', () => {
  it('gives line and column where V8 gives none', () => {
    expect(findJsonSyntaxError('{\n  "a": }')).toEqual({
      line: 2,
      column: 8,
      message: expect.stringContaining("unexpected '}'"),
    });
    expect(findJsonSyntaxError('{"a": 1,\n}')).toEqual({
      line: 2,
      column: 1,
      message: expect.stringContaining('trailing comma'),
    });
    expect(findJsonSyntaxError('[1 2]')?.message).toContain('is a comma missing?');
    expect(findJsonSyntaxError('{"a": "open')).toMatchObject({
      line: 1,
      column: 7,
      message: expect.stringContaining('never closed'),
    });
    expect(findJsonSyntaxError('{"a": 1}')).toBeNull();
  });
});

describe('parseCatalogue: JSON', () => {
  it('accepts a valid file and fills every optional field with null or a default', () => {
    const result = parseCatalogue(JSON.stringify(validFile()), 'json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.catalogue.commitment).toEqual({
      code: 'test-2030',
      titleEn: 'Test Commitment',
      titleEs: null,
      summit: null,
      summitEs: null,
      documentSymbol: null,
      adoptedOn: null,
      mandateCount: 3,
      note: null,
    });
    expect(result.catalogue.mandates[1]).toMatchObject({ section: null, textEn: null, sources: [] });
    expect(result.catalogue.indicators[0].position).toBeNull();
  });

  it('reports invalid JSON with the line and column of the error', () => {
    const problems = problemsOf('{\n  "commitment": {"code": "x" "titleEn": "X"}\n}', 'json');
    expect(problems).toEqual([{ where: 'line 2, column 30', message: expect.stringContaining("expected ',' or '}'") }]);
  });

  it('reports every problem of the file at once, each at its path', () => {
    // Deliberately wrong values, which the file type would not allow.
    type Loose = { commitment: Record<string, unknown> } & Record<
      'sections' | 'mandates' | 'indicators' | 'provisions' | 'links',
      object[]
    >;
    const file = validFile() as unknown as Loose;
    file.commitment.adoptedOn = '2018-02-30';
    file.commitment.extra = true;
    file.sections.push({ code: 'A', position: 3 });
    file.mandates.push(
      { number: 1, section: 'Z', sectionCertainty: 'stated', textStatusEn: 'verified', textStatusEs: 'missing' },
      {
        number: 3,
        sectionCertainty: 'unknown',
        textEn: '',
        textEs: 'x'.repeat(10_001),
        textStatusEn: 'partial',
        textStatusEs: 'partial',
      },
      { number: 4, sectionCertainty: 'maybe', textEn: 'Has text', textStatusEn: 'missing', textStatusEs: 'missing' },
    );
    file.indicators.push({ mandate: 9, code: 'x' }, { mandate: 1, code: '1.1' });
    file.provisions.push({ treaty: 'IACC', reference: 'Article III' }, { treaty: 'OECD', reference: 'Article 1' });
    file.links.push(
      { mandate: 1, treaty: 'UNCAC', reference: 'Article 13' },
      { mandate: 7, treaty: 'IACC', reference: 'Article III' },
    );

    const byWhere = Object.fromEntries(problemsOf(JSON.stringify(file), 'json').map((p) => [p.where, p.message]));
    expect(byWhere).toEqual({
      'commitment.adoptedOn': expect.stringContaining('real date'),
      'commitment.extra': expect.stringContaining('unknown field'),
      'sections[2].code': expect.stringMatching(/section code "A" appears twice \(first at sections\[0\]\)/),
      'mandates[2].number': expect.stringContaining('first at mandates[0]'),
      'mandates[2].section': expect.stringContaining('unknown section "Z" (known sections: A, B)'),
      'mandates[2].textStatusEn': expect.stringContaining('textEn is missing'),
      'mandates[3].textEn': expect.stringContaining('is empty'),
      'mandates[3].textEs': expect.stringContaining('longer than 10,000 characters'),
      'mandates[4].number': expect.stringContaining('beyond'),
      'mandates[4].sectionCertainty': expect.stringContaining(
        'must be one of stated, inferred, unknown (found "maybe")',
      ),
      'mandates[4].textEn': expect.stringContaining('textStatusEn is "missing"'),
      'indicators[1].mandate': expect.stringContaining('mandate 9, which is not in the file'),
      'indicators[2].code': expect.stringContaining('indicator "1.1" of mandate 1 appears twice'),
      'provisions[1].reference': expect.stringContaining('appears twice'),
      'provisions[2].treaty': expect.stringContaining('must be one of IACC, UNCAC'),
      'links[1].reference': expect.stringContaining('UNCAC "Article 13", which is not in the file'),
      'links[2].mandate': expect.stringContaining('mandate 7, which is not in the file'),
    });
  });

  it('explains what the file must look like when it is not an object', () => {
    expect(problemsOf('[]', 'json')).toEqual([
      { where: 'file', message: expect.stringContaining('must be an object') },
    ]);
    expect(problemsOf('{}', 'json')).toEqual([{ where: 'commitment', message: 'is required' }]);
  });
});

describe('parseCatalogue: CSV', () => {
  it('reads a valid file into the same catalogue as the JSON form', () => {
    const file = validFile();
    const json = parseCatalogue(JSON.stringify(file), 'json');
    const csv = parseCatalogue(catalogueToCsv(json.ok ? json.catalogue : (null as never)), 'csv');
    expect(csv).toEqual(json);
  });

  it('splits sources on " | ", keeps text verbatim and trims identifiers', () => {
    const text = [
      HEADER,
      row({ record: 'commitment', code: ' test-1 ', title_en: 'T' }),
      row({
        record: 'mandate',
        number: ' 1 ',
        section_certainty: 'unknown',
        text_en: '  Verbatim, "quoted"\nline  ',
        text_status_en: 'partial ',
        text_status_es: 'missing',
        sources: 'https://a.example | https://b.example',
      }),
    ].join('\r\n');
    const result = parseCatalogue(text, 'csv');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.catalogue.commitment.code).toBe('test-1');
    expect(result.catalogue.mandates[0]).toMatchObject({
      number: 1,
      textEn: '  Verbatim, "quoted"\nline  ',
      textStatusEn: 'partial',
      sources: ['https://a.example', 'https://b.example'],
    });
  });

  it('reports every problem with its line and column, in line order', () => {
    const text = [
      HEADER, // line 1
      row({ record: 'commitment', code: 'test-1', title_en: 'T', mandate_count: 'many' }), // 2
      row({ record: 'section', code: 'A', position: '1' }), // 3
      row({
        record: 'mandate',
        number: '1',
        section: 'A',
        section_certainty: 'stated',
        text_status_en: 'verified',
        text_status_es: 'missing',
        title_en: 'Stray',
      }), // 4
      row({
        record: 'mandate',
        number: '2',
        section_certainty: 'unknown',
        text_en: 'Text\nover two lines',
        text_status_en: 'missing',
        text_status_es: 'done',
      }), // 5-6
      row({ record: 'mandat', number: '3' }), // 7
      row({ record: 'indicator', mandate: '8', code: 'i' }), // 8
      '', // 9: blank lines are skipped
      row({ record: 'commitment', code: 'second', title_en: 'S' }), // 10
      row({ record: 'link', mandate: '1', treaty: 'IACC', reference: 'Article I' }), // 11
    ].join('\r\n');
    expect(problemsOf(text, 'csv')).toEqual([
      { where: 'line 2, column mandate_count', message: 'must be a whole number, e.g. 12' },
      { where: 'line 4, column title_en', message: expect.stringContaining('is not used by mandate rows') },
      {
        where: 'line 4, column text_status_en',
        message: 'is "verified" but text_en is missing: add the text, or set text_status_en to "missing"',
      },
      { where: 'line 5, column text_status_es', message: expect.stringContaining('(found "done")') },
      { where: 'line 5, column text_en', message: expect.stringContaining('text_status_en is "missing"') },
      {
        where: 'line 7, column record',
        message: expect.stringContaining(
          'must be one of commitment, section, mandate, indicator, provision, link, topic (found "mandat")',
        ),
      },
      { where: 'line 8, column mandate', message: expect.stringContaining('mandate 8, which is not in the file') },
      { where: 'line 10, column record', message: expect.stringContaining('line 2 already has it') },
      { where: 'line 11, column reference', message: expect.stringContaining("not in the file's provisions") },
    ]);
  });

  it('requires a header with a record column, and a commitment row', () => {
    expect(problemsOf('', 'csv')).toEqual([{ where: 'line 1', message: expect.stringContaining('the file is empty') }]);
    expect(problemsOf('code,title_en\nx,y\n', 'csv')).toEqual([
      { where: 'line 1', message: expect.stringContaining('no "record" column') },
    ]);
    const noCommitment = problemsOf(`${HEADER}\n${row({ record: 'section', code: 'A', position: '1' })}\n`, 'csv');
    expect(noCommitment).toEqual([{ where: 'file', message: expect.stringContaining('no commitment row') }]);
    const unknownColumn = problemsOf(`record,code,title_en,colour\ncommitment,x,X,\n`, 'csv');
    expect(unknownColumn).toEqual([{ where: 'line 1', message: expect.stringContaining('unknown column "colour"') }]);
  });

  it('reports CSV syntax errors and rows longer than the header', () => {
    const text = [
      HEADER,
      row({ record: 'commitment', code: 'x', title_en: 'X' }),
      `${row({ record: 'section', code: 'A', position: '1' })},extra`,
      'section,"B',
    ].join('\n');
    const problems = problemsOf(text, 'csv');
    expect(problems).toContainEqual({
      where: 'line 3',
      message: expect.stringContaining(`has ${CSV_COLUMNS.length + 1} cells but the header has ${CSV_COLUMNS.length}`),
    });
    expect(problems).toContainEqual({ where: 'line 4', message: expect.stringContaining('never closed') });
  });
});

describe('topics (summaries, not the official text)', () => {
  const withTopics = (): CatalogueFile => {
    const file = validFile();
    file.mandates![1] = {
      ...file.mandates![1],
      topicEn: 'A summary.',
      topicEs: 'Un resumen.',
      topicConfidence: 'inferred',
      topicSources: ['https://example.org/t'],
    };
    file.unplacedTopics = [
      {
        section: 'B',
        topicEn: 'Found for B, number unknown.',
        topicEs: 'Hallado para B, número desconocido.',
        note: 'news',
        topicSources: ['https://example.org/u'],
      },
    ];
    return file;
  };

  it('reads a topic with its confidence and sources, and unplaced topics, the same from JSON and CSV', () => {
    const json = parseCatalogue(JSON.stringify(withTopics()), 'json');
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    expect(json.catalogue.mandates[1]).toMatchObject({
      topicEn: 'A summary.',
      topicEs: 'Un resumen.',
      topicConfidence: 'inferred',
      topicSources: ['https://example.org/t'],
    });
    // Without topic fields a mandate has none: nothing is filled in.
    expect(json.catalogue.mandates[0]).toMatchObject({
      topicEn: null,
      topicEs: null,
      topicConfidence: null,
      topicSources: [],
    });
    expect(json.catalogue.unplacedTopics).toEqual([
      {
        section: 'B',
        topicEn: 'Found for B, number unknown.',
        topicEs: 'Hallado para B, número desconocido.',
        note: 'news',
        topicSources: ['https://example.org/u'],
      },
    ]);
    const csv = catalogueToCsv(json.catalogue);
    expect(csv).toContain('\r\ntopic,');
    expect(parseCatalogue(csv, 'csv')).toEqual(json);
  });

  it('refuses a topic without its confidence, a confidence without a topic, "unknown" as a confidence, and bad unplaced topics', () => {
    const file = withTopics();
    file.mandates![1] = { ...file.mandates![1], topicConfidence: null };
    file.mandates![0] = { ...file.mandates![0], topicConfidence: 'verified' };
    file.mandates!.push({
      number: 3,
      sectionCertainty: 'unknown',
      textStatusEn: 'missing',
      textStatusEs: 'missing',
      topicEn: 'x',
      topicConfidence: 'unknown' as 'inferred',
    });
    file.unplacedTopics = [
      { section: 'Z', topicEn: 'x' },
      { section: 'A', note: 'no topic at all' },
    ];
    expect(problemsOf(JSON.stringify(file), 'json')).toEqual([
      { where: 'mandates[2].topicConfidence', message: 'must be one of verified, inferred (found "unknown")' },
      {
        where: 'mandates[0].topicConfidence',
        message: 'is "verified" but topicEn and topicEs are missing: add the topic, or remove topicConfidence',
      },
      {
        where: 'mandates[1].topicConfidence',
        message:
          'is missing but the mandate has a topic: say how sure its number is ("verified" or "inferred"), or remove the topic',
      },
      {
        where: 'unplacedTopics[0].section',
        message: 'unknown section "Z" (known sections: A, B): add the section or correct the code',
      },
      {
        where: 'unplacedTopics[1].topicEn',
        message: 'is missing, and so is topicEs: a topic row needs the topic in at least one language',
      },
    ]);
  });

  it('refuses a topic long enough to be a pasted paragraph', () => {
    const file = withTopics();
    file.mandates![1] = { ...file.mandates![1], topicEn: 'x'.repeat(501) };
    expect(problemsOf(JSON.stringify(file), 'json')).toEqual([
      { where: 'mandates[1].topicEn', message: expect.stringContaining('is longer than 500 characters') },
    ]);
  });
});

describe('the committed Lima Commitment catalogue', () => {
  const text = readFileSync(new URL('../../../db/reference/lima-commitment.catalogue.json', import.meta.url), 'utf8');
  const result = parseCatalogue(text, 'json');

  it('is valid and holds exactly the 57 mandates, with text only where the sources give it', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { commitment, sections, mandates, indicators, provisions, links } = result.catalogue;
    expect(commitment).toMatchObject({
      code: 'lima-2018',
      adoptedOn: '2018-04-14',
      mandateCount: 57,
      documentSymbol: 'OEA/Ser.E CA-VIII/doc.1/18 rev.1',
      summit: 'VIII Summit of the Americas (Lima, 2018)',
      summitEs: 'VIII Cumbre de las Américas (Lima, 2018)',
    });
    expect(mandates.map((m) => m.number)).toEqual(Array.from({ length: 57 }, (_, i) => i + 1));
    expect(sections.map((s) => s.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(sections.find((s) => s.code === 'F')).toMatchObject({
      titleEn: null,
      titleEs: expect.any(String),
      note: expect.any(String),
    });
    expect(sections.find((s) => s.code === 'G')).toMatchObject({
      titleEn: null,
      titleEs: null,
      note: expect.any(String),
    });

    const status = (n: number) => mandates[n - 1].textStatusEn;
    expect([1, 2, 3].map(status)).toEqual(['verified', 'verified', 'verified']);
    expect([6, 7].map(status)).toEqual(['partial', 'partial']);
    expect(mandates.filter((m) => m.textStatusEs === 'verified').map((m) => m.number)).toEqual([1]);
    const withText = mandates.filter((m) => m.textEn !== null).map((m) => m.number);
    expect(withText).toEqual([1, 2, 3, 6, 7]);
    for (const n of [20, 45, 52]) expect(mandates[n - 1].note).toMatch(/not the official text/);
    // Every note has its Spanish version, which says the same (not official text; quotes stay in English, said so).
    for (const n of [20, 45, 52]) expect(mandates[n - 1].noteEs).toMatch(/no es el texto oficial\).*en inglés/);
    expect(mandates.filter((m) => m.note !== null).every((m) => m.noteEs !== null)).toBe(true);
    expect(mandates.filter((m) => m.note === null).every((m) => m.noteEs === null)).toBe(true);
    // Every section has a note now (how far the research places its paragraphs), each in both languages.
    expect(sections.map((s) => [s.code, s.note !== null && s.noteEs !== null])).toEqual(
      ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((c) => [c, true]),
    );
    // Sections follow lima_mandate_topics.json: A = 1–12 (stated where the official text shows it), B = 13–24, C from 25.
    const placed = (code: string) =>
      mandates.filter((m) => m.section === code).map((m) => [m.number, m.sectionCertainty]);
    const stated = [1, 2, 3, 6, 7];
    expect(placed('A')).toEqual(
      Array.from({ length: 12 }, (_, i) => [i + 1, stated.includes(i + 1) ? 'stated' : 'inferred']),
    );
    expect(placed('B')).toEqual(Array.from({ length: 12 }, (_, i) => [i + 13, 'inferred']));
    expect(placed('C')).toEqual([[25, 'inferred']]);
    expect(mandates.filter((m) => m.section === null).map((m) => m.number)).toEqual(
      Array.from({ length: 32 }, (_, i) => i + 26),
    );
    expect(mandates.filter((m) => m.section === null).every((m) => m.sectionCertainty === 'unknown')).toBe(true);

    // Topics: 18 paragraphs, 5 verified and 13 inferred, in both languages; the unknown ones have none.
    const topicOf = (c: string) => mandates.filter((m) => m.topicConfidence === c).map((m) => m.number);
    expect(topicOf('verified')).toEqual([1, 2, 3, 6, 7]);
    expect(topicOf('inferred')).toEqual([4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 20, 45, 52]);
    for (const m of mandates) {
      if (m.topicConfidence) {
        expect([m.number, typeof m.topicEn, typeof m.topicEs, m.topicSources.length > 0]).toEqual([
          m.number,
          'string',
          'string',
          true,
        ]);
        // A summary, never the official wording copied in as a topic.
        expect(m.topicEn).not.toBe(m.textEn);
      } else {
        expect([m.number, m.topicEn, m.topicEs]).toEqual([m.number, null, null]);
      }
    }
    expect(mandates[8].topicEn).toMatch(/merit-based/); // 9: civil-service selection, now in A
    // Paragraphs found for a section without a number stay apart from the mandates, under their section.
    const unplaced = result.catalogue.unplacedTopics;
    expect(unplaced.map((t) => t.section)).toEqual([
      'C',
      'C',
      'D',
      'D',
      'D',
      'D',
      'E',
      'E',
      'E',
      'E',
      'E',
      'E',
      'E',
      'F',
      'G',
      'G',
      'G',
      null,
    ]);
    expect(unplaced.every((t) => t.topicEn && t.topicEs && t.topicSources.length && t.note)).toBe(true);
    // The commitment note counts what is missing honestly.
    expect(commitment.note).toMatch(/the official text of the other 52 paragraphs is missing/);
    expect(commitment.note).toMatch(
      /18 paragraphs carry a short topic, a summary in our own words and not the official text \(5 verified, 13 inferred\)/,
    );
    // The unnumbered texts (U1–U11) must not have been placed on a number.
    expect(text).not.toContain('Promoting public awareness and citizen participation campaigns');
    expect(indicators).toEqual([]);
    expect(links).toEqual([]);
    expect(provisions.filter((p) => p.treaty === 'IACC')).toHaveLength(28);
    expect(provisions.find((p) => p.reference === 'Article XXVII')?.titleEn).toBeNull();
    expect(provisions.find((p) => p.treaty === 'UNCAC' && p.reference === 'Article 13')?.titleEn).toBe(
      'Participation of society',
    );
  });

  it('survives a round trip through CSV unchanged', () => {
    if (!result.ok) throw new Error('invalid');
    expect(parseCatalogue(catalogueToCsv(result.catalogue), 'csv')).toEqual(result);
  });
});

describe('numbers the database cannot hold', () => {
  it('reports a mandate number beyond 32 bits as a problem instead of failing at insert', () => {
    const parsed = parseCatalogue(
      JSON.stringify({
        commitment: { code: 'x', titleEn: 'X' },
        sections: [],
        mandates: [
          { number: 2_147_483_648, sectionCertainty: 'unknown', textStatusEn: 'missing', textStatusEs: 'missing' },
        ],
        indicators: [],
        provisions: [],
        links: [],
      }),
      'json',
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems).toContainEqual(
        expect.objectContaining({ where: 'mandates[0].number', message: expect.stringMatching(/too large/) }),
      );
  });
});
