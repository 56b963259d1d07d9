import { type LoaderFunctionArgs } from '@remix-run/node';
import { readerCsvResponse } from '../utils/csv-reader.server';

/** Public CSV of the published good-practice base (docs/practices-export.md): exactly what the public pages show.
 * Headers in the reader's language; `?headers=machine` gives the documented snake_case row (decision 031). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const body = await context.services.practices.exportPublished('csv');
  return readerCsvResponse(request, context.lang, body, 'minka-good-practices.csv');
}
