import { type LoaderFunctionArgs } from '@remix-run/node';
import { requireActor } from '../utils/auth.server';
import { statusFor } from '../../services/outcome';

/**
 * The room's transcript as a Markdown download, for the minutes, in the reader's language. Members and the
 * Secretariat only. The room's videoconferences follow it (issue 18): each one held, with the attendance per person
 * and organization for the Secretariat and the moderators.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.roundtables.transcript(actor, params.id ?? '', context.lang);
  if (!result.ok) return new Response(result.message, { status: statusFor(result) });
  const meetings = await context.services.videoconferences.transcriptSection(actor, params.id ?? '', context.lang);
  const section = meetings.ok && meetings.value ? meetings.value : '';
  const body = section ? `${result.value.replace(/\n*$/, '')}\n\n${section}` : result.value;
  return new Response(body, {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="roundtable-${(params.id ?? '').replace(/[^A-Za-z0-9-]/g, '')}.md"`,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': 'sandbox',
    },
  });
}
