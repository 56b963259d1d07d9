import { dictionaries, type MessageKey } from '../i18n';
import type { Lang } from '../load-context';
import { csvResponse, wantsMachineCsv } from './csv-response.server';

const quoted = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The header row for people: each machine column name (`organization_name_en`) as its `csv.column.*` label in the
 * reader's language (app/i18n/features/csv-columns.ts). A column without a label keeps its machine name, so a
 * column a service adds later still lines up with its cells (the route tests fail until it has a label).
 */
export function readerHeaderRow(machineHeader: string, lang: Lang): string {
  return machineHeader
    .split(',')
    .map((name) => {
      const label = dictionaries[lang][`csv.column.${name}` as MessageKey];
      return quoted(label ?? name);
    })
    .join(',');
}

/**
 * A CSV download in the reader's language (issue 15 item 5, decision 031): the service's bytes with the header row
 * replaced by labels in English or Spanish, then the byte-order mark (csvResponse). `?headers=machine` gives the
 * service's bytes untouched: the snake_case header row the documented schemas (docs/) name, and no mark.
 *
 * The services write a header row of bare snake_case names (never quoted, no commas) and end every row with CRLF.
 */
export function readerCsvResponse(
  request: Request,
  lang: Lang,
  body: string,
  fileName: string,
  extraHeaders: Record<string, string> = {},
): Response {
  if (wantsMachineCsv(request)) return csvResponse(request, body, fileName, extraHeaders);
  const end = body.indexOf('\r\n');
  const header = end === -1 ? body : body.slice(0, end);
  const rest = end === -1 ? '' : body.slice(end);
  return csvResponse(request, readerHeaderRow(header, lang) + rest, fileName, {
    // The same address answers in either language: a shared cache must not give one reader the other's file.
    Vary: 'Accept-Language, Cookie',
    'Content-Language': lang,
    ...extraHeaders,
  });
}
