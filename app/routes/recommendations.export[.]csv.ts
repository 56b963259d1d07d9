import { type LoaderFunctionArgs } from '@remix-run/node';

/** Public CSV of the published civil-society recommendations: exactly what the public pages show. */
export async function loader({ context }: LoaderFunctionArgs) {
  const body = await context.services.recommendations.exportPublished('csv');
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="minka-recommendations.csv"',
    },
  });
}
