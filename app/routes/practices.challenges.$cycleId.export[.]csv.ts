import { type LoaderFunctionArgs } from '@remix-run/node';
import { readerCsvResponse } from '../utils/csv-reader.server';

/** The published report on challenges as CSV (docs/practices-export.md); not found until the Secretariat publishes it.
 * Headers in the reader's language; `?headers=machine` gives the documented snake_case row (decision 031). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const result = await context.services.challenges.export(params.cycleId ?? '', 'csv');
  if (!result.ok)
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return readerCsvResponse(request, context.lang, result.value, 'minka-challenges.csv');
}
