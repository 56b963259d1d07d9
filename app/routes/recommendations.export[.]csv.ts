import { type LoaderFunctionArgs } from '@remix-run/node';
import { csvResponse } from '../utils/csv-response.server';

/** Public CSV of the published civil-society recommendations: exactly what the public pages show. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const body = await context.services.recommendations.exportPublished('csv');
  return csvResponse(request, body, 'minka-recommendations.csv');
}
