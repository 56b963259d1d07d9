import { type LoaderFunctionArgs } from '@remix-run/node';
import { csvResponse } from '../utils/csv-response.server';

/** Public CSV of the published good-practice base (docs/practices-export.md): exactly what the public pages show. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const body = await context.services.practices.exportPublished('csv');
  return csvResponse(request, body, 'minka-good-practices.csv');
}
