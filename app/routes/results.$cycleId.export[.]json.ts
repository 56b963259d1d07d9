import { type LoaderFunctionArgs } from '@remix-run/node';

/** Public JSON of a published cycle: exactly what the public pages show. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const result = await context.services.publication.exportCycle(params.cycleId ?? '', 'json');
  if (!result.ok) return new Response(result.message, { status: 404 });
  return new Response(result.value, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="minka-${params.cycleId}.json"`,
    },
  });
}
