import { type LoaderFunctionArgs } from '@remix-run/node';

/**
 * Public: the data of /results/:cycleId/mandates/:number as JSON (the baseline of `npm run bench:registration`).
 * Same pages (`?page=`), same alphabetical order in the reader's language, or `?lang=en|es`.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const asked = url.searchParams.get('lang');
  const lang = asked === 'en' || asked === 'es' ? asked : context.lang;
  const result = await context.services.results.mandateResults({
    cycleId: params.cycleId ?? '',
    number: params.number ?? '',
    page: url.searchParams.get('page'),
    lang,
  });
  if (!result.ok) return Response.json({ error: result.message }, { status: 404 });
  return Response.json(result.value);
}
