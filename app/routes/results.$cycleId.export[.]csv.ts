import { type LoaderFunctionArgs } from '@remix-run/node';
import { translate, type MessageKey } from '../i18n';
import { csvResponse, wantsMachineCsv } from '../utils/csv-response.server';

/** The service's header row: stable, snake_case, the same in every language (the open-data users' contract). */
const COLUMNS = [
  'organization',
  'organization_name',
  'mandate',
  'indicator',
  'question',
  'progress',
  'summary',
  'full',
  'assistance_types',
  'attachments',
] as const;

const quoted = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * Public CSV of a published cycle: exactly what the public pages show (issue 15). By default for people: a UTF-8
 * byte-order mark and the header row in the reader's language. `?headers=machine` gives the stable snake_case header
 * row and no mark, for scripts and open-data portals.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const result = await context.services.publication.exportCycle(params.cycleId ?? '', 'csv');
  if (!result.ok) return new Response(result.message, { status: 404 });
  const machine = wantsMachineCsv(request);
  let body = result.value;
  if (!machine) {
    const end = body.indexOf('\r\n');
    const header = COLUMNS.map((c) => quoted(translate(context.lang, `csv.column.${c}` as MessageKey))).join(',');
    body = header + body.slice(end);
  }
  return csvResponse(request, body, `minka-${params.cycleId}.csv`);
}
