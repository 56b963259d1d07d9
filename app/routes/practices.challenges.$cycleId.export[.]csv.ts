import { type LoaderFunctionArgs } from '@remix-run/node';
import { csvResponse } from '../utils/csv-response.server';

/** The published report on challenges as CSV (docs/practices-export.md); not found until the Secretariat publishes it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const result = await context.services.challenges.export(params.cycleId ?? '', 'csv');
  if (!result.ok)
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return csvResponse(request, result.value, 'minka-challenges.csv');
}
