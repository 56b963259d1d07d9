import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor, throwFailure } from '../utils/auth.server';
import { csvResponse } from '../utils/csv-response.server';

/** A meeting's attendance as CSV, for the Secretariat and the room's moderators (the service decides). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.videoconferences.attendanceCsv(actor, params.id ?? '');
  if (!result.ok) throwFailure(result);
  return csvResponse(request, result.value.csv, result.value.fileName, { 'Cache-Control': 'private, no-store' });
}
