import { type LoaderFunctionArgs } from '@remix-run/node';
import { csvResponse } from '../utils/csv-response.server';

/** Open data: the published initiatives with their published outcomes and agreed funding, as CSV (formula-safe cells). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const body = await context.services.initiativesPublic.exportPublished('csv');
  return csvResponse(request, body, 'minka-initiatives.csv');
}
