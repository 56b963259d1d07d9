import { type LoaderFunctionArgs } from '@remix-run/node';
import { readerCsvResponse } from '../utils/csv-reader.server';

/** Open data: the published initiatives with their published outcomes and agreed funding, as CSV (formula-safe cells).
 * Headers in the reader's language; `?headers=machine` gives the snake_case row (decision 031). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const body = await context.services.initiativesPublic.exportPublished('csv');
  return readerCsvResponse(request, context.lang, body, 'minka-initiatives.csv');
}
