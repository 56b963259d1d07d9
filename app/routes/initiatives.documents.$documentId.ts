import type { LoaderFunctionArgs } from '@remix-run/node';
import { downloadResponse } from '../utils/download.server';

/**
 * Downloads a document of an initiative's outcome: anyone once the outcome and the initiative are published, the
 * Secretariat and the participants before (the service decides). Everyone else gets the same 404 as for a missing one.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return downloadResponse(
    request,
    await context.services.initiativeDocuments.download(context.actor, params.documentId ?? ''),
  );
}
