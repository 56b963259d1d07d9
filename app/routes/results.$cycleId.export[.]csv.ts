import { type LoaderFunctionArgs } from '@remix-run/node';
import { readerCsvResponse } from '../utils/csv-reader.server';

/**
 * Public CSV of a published cycle: exactly what the public pages show (issue 15). By default for people: a UTF-8
 * byte-order mark and the header row in the reader's language; `?headers=machine` gives the service's stable
 * snake_case header row and no mark, for scripts and open-data portals (decision 031).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const result = await context.services.publication.exportCycle(params.cycleId ?? '', 'csv');
  if (!result.ok) return new Response(result.message, { status: 404 });
  return readerCsvResponse(request, context.lang, result.value, `minka-${params.cycleId}.csv`);
}
