import { type LoaderFunctionArgs } from '@remix-run/node';

/** Open data: the published initiatives with their published outcomes and agreed funding, as CSV (formula-safe cells). */
export async function loader({ context }: LoaderFunctionArgs) {
  const body = await context.services.initiativesPublic.exportPublished('csv');
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="minka-initiatives.csv"',
    },
  });
}
