import { type LoaderFunctionArgs } from '@remix-run/node';

/** Open data: the published initiatives with their published outcomes and agreed funding, as JSON. */
export async function loader({ context }: LoaderFunctionArgs) {
  const body = await context.services.initiativesPublic.exportPublished('json');
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="minka-initiatives.json"',
    },
  });
}
