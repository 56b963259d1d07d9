import { type LoaderFunctionArgs } from '@remix-run/node';
import { readerCsvResponse } from '../utils/csv-reader.server';

/**
 * The yearly summary of initiatives and outcomes as CSV (issue 19): one line per count, `year,subject,breakdown,
 * category,count`, every cell through the formula-safe `csvCell`; published data only. Not found for a year that is
 * not one. For people: the byte-order mark and the header row in the reader's language (decision 031);
 * `?headers=machine`: the service's bytes, snake_case header row, no mark.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const body = await context.services.initiativesPublic.yearSummaryCsv(params.year ?? '');
  if (body === null)
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return readerCsvResponse(request, context.lang, body, `minka-initiatives-summary-${params.year}.csv`, {
    'Cache-Control': 'public, no-cache',
  });
}
