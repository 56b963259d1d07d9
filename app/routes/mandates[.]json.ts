import { type LoaderFunctionArgs } from '@remix-run/node';

/** The public catalogue as JSON: the same data as /mandates (and the baseline of `npm run bench:http`). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const result = await context.services.catalogue.getCatalogue(url.searchParams.get('commitment') ?? undefined);
  if (!result.ok) return Response.json({ error: result.message }, { status: 404 });
  return Response.json(result.value, { headers: { 'Cache-Control': 'public, max-age=60' } });
}
