import { type LoaderFunctionArgs } from '@remix-run/node';
import { readerCsvResponse } from '../utils/csv-reader.server';

/** Public CSV of the published civil-society recommendations: exactly what the public pages show.
 * Headers in the reader's language; `?headers=machine` gives the snake_case row (decision 031). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const body = await context.services.recommendations.exportPublished('csv');
  return readerCsvResponse(request, context.lang, body, 'minka-recommendations.csv');
}
