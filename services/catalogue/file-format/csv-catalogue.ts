import { parseCsv } from './csv';
import type { Path } from './rules';

/**
 * The CSV variant of the catalogue: one row per record, a `record` column saying which kind, and the other columns
 * filled as that kind needs. It is turned into the same shape as the JSON file, so one validator serves both, and
 * every record remembers its line so that problems read "line 12, column text_status_en".
 */
export const CSV_COLUMNS = [
  'record',
  'code',
  'number',
  'position',
  'section',
  'section_certainty',
  'title_en',
  'title_es',
  'text_en',
  'text_es',
  'text_status_en',
  'text_status_es',
  'note',
  'note_es',
  'sources',
  'mandate',
  'treaty',
  'reference',
  'summit',
  'summit_es',
  'document_symbol',
  'adopted_on',
  'mandate_count',
  'topic_en',
  'topic_es',
  'topic_confidence',
  'topic_sources',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
type DataColumn = Exclude<Column, 'record'>;

export const SOURCES_SEPARATOR = ' | ';

const FIELD: Record<DataColumn, string> = {
  code: 'code',
  number: 'number',
  position: 'position',
  section: 'section',
  section_certainty: 'sectionCertainty',
  title_en: 'titleEn',
  title_es: 'titleEs',
  text_en: 'textEn',
  text_es: 'textEs',
  text_status_en: 'textStatusEn',
  text_status_es: 'textStatusEs',
  note: 'note',
  note_es: 'noteEs',
  sources: 'sources',
  mandate: 'mandate',
  treaty: 'treaty',
  reference: 'reference',
  summit: 'summit',
  summit_es: 'summitEs',
  document_symbol: 'documentSymbol',
  adopted_on: 'adoptedOn',
  mandate_count: 'mandateCount',
  topic_en: 'topicEn',
  topic_es: 'topicEs',
  topic_confidence: 'topicConfidence',
  topic_sources: 'topicSources',
};
const COLUMN_OF_FIELD = new Map(Object.entries(FIELD).map(([column, field]) => [field, column]));

const RECORDS = {
  commitment: {
    collection: 'commitment',
    columns: [
      'code',
      'title_en',
      'title_es',
      'summit',
      'summit_es',
      'document_symbol',
      'adopted_on',
      'mandate_count',
      'note',
    ],
  },
  section: { collection: 'sections', columns: ['code', 'position', 'title_en', 'title_es', 'note', 'note_es'] },
  mandate: {
    collection: 'mandates',
    columns: [
      'number',
      'section',
      'section_certainty',
      'text_en',
      'text_es',
      'text_status_en',
      'text_status_es',
      'note',
      'note_es',
      'sources',
      'topic_en',
      'topic_es',
      'topic_confidence',
      'topic_sources',
    ],
  },
  indicator: { collection: 'indicators', columns: ['mandate', 'code', 'position', 'text_en', 'text_es'] },
  provision: { collection: 'provisions', columns: ['treaty', 'reference', 'title_en', 'title_es'] },
  link: { collection: 'links', columns: ['mandate', 'treaty', 'reference'] },
  /** A paragraph found for a section whose number is not established (JSON `unplacedTopics`). */
  topic: { collection: 'unplacedTopics', columns: ['section', 'topic_en', 'topic_es', 'note', 'topic_sources'] },
} as const satisfies Record<string, { collection: string; columns: readonly DataColumn[] }>;
type RecordKind = keyof typeof RECORDS;

const NUMERIC = new Set<DataColumn>(['number', 'position', 'mandate', 'mandate_count']);
/** Prose keeps its exact characters; identifiers, numbers and dates lose the stray spaces spreadsheets add. */
const PROSE = new Set<DataColumn>([
  'title_en',
  'title_es',
  'text_en',
  'text_es',
  'note',
  'note_es',
  'summit',
  'summit_es',
  'document_symbol',
  'topic_en',
  'topic_es',
]);

export interface CsvProblem {
  line: number;
  where: string;
  message: string;
}

export interface CsvCatalogue {
  /** The catalogue in the JSON shape, not yet validated. */
  value: Record<string, unknown>;
  /** Problems found while reading rows: syntax, header, record kinds, cells in the wrong column. */
  problems: CsvProblem[];
  hasCommitment: boolean;
  /** Where a JSON path of `value` came from, e.g. ['mandates', 3, 'textStatusEn'] → line 12, column text_status_en. */
  locate(path: Path): { line: number; where: string };
}

const at = (line: number, column?: string) => (column ? `line ${line}, column ${column}` : `line ${line}`);

export function readCatalogueCsv(text: string): CsvCatalogue {
  const { records, problems: syntax } = parseCsv(text);
  const problems: CsvProblem[] = syntax.map((p) => ({ line: p.line, where: at(p.line), message: p.message }));
  const value: Record<string, unknown> = {
    sections: [],
    mandates: [],
    indicators: [],
    provisions: [],
    links: [],
    unplacedTopics: [],
  };
  const lines: Record<string, number[]> = {
    sections: [],
    mandates: [],
    indicators: [],
    provisions: [],
    links: [],
    unplacedTopics: [],
  };
  let commitmentLine: number | null = null;

  const locate = (path: Path) => {
    const [collection, index, field] = path;
    const line =
      collection === 'commitment'
        ? commitmentLine
        : typeof collection === 'string' && typeof index === 'number'
          ? lines[collection]?.[index]
          : undefined;
    const fieldName = collection === 'commitment' ? index : field;
    if (line === undefined || line === null) return { line: 0, where: 'file' };
    return {
      line,
      where: at(line, typeof fieldName === 'string' ? (COLUMN_OF_FIELD.get(fieldName) ?? fieldName) : undefined),
    };
  };
  const result = (): CsvCatalogue => ({ value, problems, hasCommitment: commitmentLine !== null, locate });

  const [header, ...rows] = records;
  if (!header || header.cells.every((c) => c.trim() === '')) {
    problems.push({
      line: 1,
      where: 'line 1',
      message: `the file is empty: the first line must be the header (${CSV_COLUMNS.join(',')})`,
    });
    return result();
  }
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const columnIndex = new Map<Column, number>();
  names.forEach((name, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        line: header.line,
        where: at(header.line),
        message: `unknown column "${name}" in the header: the columns are ${CSV_COLUMNS.join(', ')}`,
      });
    } else if (columnIndex.has(name as Column)) {
      problems.push({
        line: header.line,
        where: at(header.line),
        message: `column "${name}" appears twice in the header: keep one`,
      });
    } else {
      columnIndex.set(name as Column, i);
    }
  });
  const recordColumn = columnIndex.get('record');
  if (recordColumn === undefined) {
    problems.push({
      line: header.line,
      where: at(header.line),
      message: `the header has no "record" column: the first line must name the columns (${CSV_COLUMNS.join(',')})`,
    });
    return result();
  }

  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === '')) continue; // blank lines between blocks are harmless
    const cell = (column: Column) => {
      const i = columnIndex.get(column);
      const raw = i === undefined ? '' : (row.cells[i] ?? '');
      return PROSE.has(column as DataColumn) ? raw : raw.trim();
    };
    if (row.cells.length > names.length) {
      problems.push({
        line: row.line,
        where: at(row.line),
        message: `this row has ${row.cells.length} cells but the header has ${names.length}: put quotes around any cell that contains a comma`,
      });
    }
    const kind = cell('record').toLowerCase();
    if (!(kind in RECORDS)) {
      const found = kind === '' ? 'it is empty' : `found "${kind}"`;
      problems.push({
        line: row.line,
        where: at(row.line, 'record'),
        message: `must be one of ${Object.keys(RECORDS).join(', ')} (${found})`,
      });
      continue;
    }
    const spec = RECORDS[kind as RecordKind];
    const columns: readonly DataColumn[] = spec.columns;
    const item: Record<string, unknown> = {};
    for (const column of columnIndex.keys()) {
      if (column === 'record') continue;
      const content = cell(column);
      if (content.trim() === '') continue;
      if (!columns.includes(column)) {
        problems.push({
          line: row.line,
          where: at(row.line, column),
          message: `is not used by ${kind} rows: leave it empty (${kind} rows use ${columns.join(', ')})`,
        });
        continue;
      }
      item[FIELD[column]] = toValue(column, content);
    }
    if (kind === 'commitment') {
      if (commitmentLine !== null) {
        problems.push({
          line: row.line,
          where: at(row.line, 'record'),
          message: `a file holds one commitment and line ${commitmentLine} already has it: put each commitment in its own file`,
        });
        continue;
      }
      commitmentLine = row.line;
      value.commitment = item;
    } else {
      (value[spec.collection] as unknown[]).push(item);
      lines[spec.collection].push(row.line);
    }
  }
  if (commitmentLine === null) {
    problems.push({
      line: 0,
      where: 'file',
      message: 'the file has no commitment row: add one (record = commitment) with its code and title_en',
    });
  }
  return result();
}

function toValue(column: DataColumn, content: string): unknown {
  // Numbers that do not parse stay text, so that the validator reports them with its usual message.
  if (NUMERIC.has(column)) return /^-?\d+$/.test(content) ? Number(content) : content;
  if (column === 'sources' || column === 'topic_sources')
    return content
      .split(SOURCES_SEPARATOR)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return content;
}

/** Writes a catalogue as CSV (the inverse of the reader), e.g. to hand the Secretariat an editable copy. */
export function catalogueToCsv(catalogue: {
  commitment: Record<string, unknown>;
  sections: Record<string, unknown>[];
  mandates: Record<string, unknown>[];
  indicators: Record<string, unknown>[];
  provisions: Record<string, unknown>[];
  links: Record<string, unknown>[];
  unplacedTopics?: Record<string, unknown>[];
}): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  const push = (kind: RecordKind, item: Record<string, unknown>) => {
    rows.push(
      CSV_COLUMNS.map((column) => {
        if (column === 'record') return kind;
        const v = item[FIELD[column]];
        if (v === null || v === undefined) return '';
        return Array.isArray(v) ? v.join(SOURCES_SEPARATOR) : String(v);
      }),
    );
  };
  push('commitment', catalogue.commitment);
  for (const s of catalogue.sections) push('section', s);
  for (const m of catalogue.mandates) push('mandate', m);
  for (const i of catalogue.indicators) push('indicator', i);
  for (const p of catalogue.provisions) push('provision', p);
  for (const l of catalogue.links) push('link', l);
  for (const t of catalogue.unplacedTopics ?? []) push('topic', t);
  return rows.map((row) => row.map(quoteCell).join(',')).join('\r\n') + '\r\n';
}

const quoteCell = (cell: string) =>
  /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
