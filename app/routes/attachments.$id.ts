import type { LoaderFunctionArgs } from '@remix-run/node';
import { downloadResponse } from '../utils/download.server';

/** Downloads an attached document. The attachments service decides, exactly as for the answer it belongs to. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return downloadResponse(request, await context.services.attachments.download(context.actor, params.id ?? ''));
}
