import { type LoaderFunctionArgs } from '@remix-run/node';

/** Public JSON of the published civil-society recommendations: exactly what the public pages show. */
export async function loader({ context }: LoaderFunctionArgs) {
  const body = await context.services.recommendations.exportPublished('json');
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="minka-recommendations.json"',
    },
  });
}
