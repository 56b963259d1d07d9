import { type LoaderFunctionArgs } from '@remix-run/node';
import { requireActor } from '../utils/auth.server';
import { statusFor } from '../../services/outcome';

/** The room's transcript as a Markdown download, for the minutes, in the reader's language. Members and the Secretariat only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.roundtables.transcript(actor, params.id ?? '', context.lang);
  if (!result.ok) return new Response(result.message, { status: statusFor(result) });
  return new Response(result.value, {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="roundtable-${(params.id ?? '').replace(/[^A-Za-z0-9-]/g, '')}.md"`,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': 'sandbox',
    },
  });
}
