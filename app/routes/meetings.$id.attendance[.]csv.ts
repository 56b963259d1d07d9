import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor, throwFailure } from '../utils/auth.server';

/** A meeting's attendance as CSV, for the Secretariat and the room's moderators (the service decides). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.videoconferences.attendanceCsv(actor, params.id ?? '');
  if (!result.ok) throwFailure(result);
  return new Response(result.value.csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${result.value.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
