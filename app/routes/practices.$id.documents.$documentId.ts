import type { LoaderFunctionArgs } from '@remix-run/node';
import { downloadResponse } from '../utils/download.server';

/** A practice's document. The service decides, as for the practice, and again against the Q6 answer's withholdings. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return downloadResponse(
    request,
    await context.services.practices.document(context.actor, params.id ?? '', params.documentId ?? ''),
  );
}
