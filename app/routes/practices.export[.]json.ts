import { type LoaderFunctionArgs } from '@remix-run/node';

/** Public JSON of the published good-practice base (docs/practices-export.md): exactly what the public pages show. */
export async function loader({ context }: LoaderFunctionArgs) {
  const body = await context.services.practices.exportPublished('json');
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="minka-good-practices.json"',
    },
  });
}
