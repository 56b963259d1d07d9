/**
 * A small RFC 4180 reader (https://www.rfc-editor.org/rfc/rfc4180): quoted fields, doubled quotes, line breaks inside
 * quotes, CRLF or LF. Written here rather than added as a dependency because the catalogue needs nothing more, and
 * it keeps going after a syntax error so that the importer can report every problem of a file at once.
 */
export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted field may carry it over several lines). */
  line: number;
  cells: string[];
}

export interface CsvSyntaxProblem {
  line: number;
  message: string;
}

export function parseCsv(input: string): { records: CsvRecord[]; problems: CsvSyntaxProblem[] } {
  // Spreadsheets often save a byte-order mark; it is not part of the first header name.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvSyntaxProblem[] = [];
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let fieldWasQuoted = false;
  let quoteLine = 1;
  let i = 0;

  const endField = () => {
    cells.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, cells });
    cells = [];
  };

  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          problems.push({
            line,
            message: 'text follows a closing quote; a quote inside a quoted cell must be doubled ("")',
          });
        }
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      field += c;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else if (c === '"' && field === '' && !fieldWasQuoted) {
      quoted = true;
      fieldWasQuoted = true;
      quoteLine = line;
      i++;
    } else {
      if (c === '"')
        problems.push({
          line,
          message: 'a cell that contains a quote must be enclosed in quotes, with the inner quote doubled ("")',
        });
      field += c;
      i++;
    }
  }
  if (quoted) problems.push({ line: quoteLine, message: 'a quoted cell is never closed: add the closing quote (")' });
  // A final line break ends the last record; it does not start an empty one.
  if (field !== '' || cells.length > 0 || fieldWasQuoted || quoted) endRecord();
  return { records, problems };
}
