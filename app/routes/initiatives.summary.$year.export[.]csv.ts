import { type LoaderFunctionArgs } from '@remix-run/node';
import { csvResponse } from '../utils/csv-response.server';

/**
 * The yearly summary of initiatives and outcomes as CSV (issue 19): one line per count, `year,subject,breakdown,
 * category,count`, every cell through the formula-safe `csvCell`; published data only. Not found for a year that is
 * not one. The byte-order mark for spreadsheets; `?headers=machine` without it.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const body = await context.services.initiativesPublic.yearSummaryCsv(params.year ?? '');
  if (body === null)
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return csvResponse(request, body, `minka-initiatives-summary-${params.year}.csv`, {
    'Cache-Control': 'public, max-age=300',
  });
}
