import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readerCsvResponse } from '../utils/csv-reader.server';

/** A meeting's attendance as CSV, for the Secretariat and the room's moderators (the service decides).
 * Headers in the reader's language; `?headers=machine` gives the snake_case row (decision 031). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.videoconferences.attendanceCsv(actor, params.id ?? '');
  if (!result.ok) throwFailure(result);
  return readerCsvResponse(request, context.lang, result.value.csv, result.value.fileName, {
    'Cache-Control': 'private, no-store',
  });
}
