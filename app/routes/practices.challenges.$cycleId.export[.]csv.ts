import { type LoaderFunctionArgs } from '@remix-run/node';

/** The published report on challenges as CSV (docs/practices-export.md); not found until the Secretariat publishes it. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const result = await context.services.challenges.export(params.cycleId ?? '', 'csv');
  if (!result.ok)
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(result.value, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="minka-challenges.csv"',
    },
  });
}
