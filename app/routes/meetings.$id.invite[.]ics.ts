import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor, throwFailure } from '../utils/auth.server';

/** The meeting's calendar file (METHOD:REQUEST, or METHOD:CANCEL once cancelled), for the people who may see it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.videoconferences.invitationIcs(actor, params.id ?? '');
  if (!result.ok) throwFailure(result);
  return new Response(result.value.ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${result.value.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
