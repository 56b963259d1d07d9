import type { LoaderFunctionArgs } from '@remix-run/node';
import { downloadResponse } from '../utils/download.server';

/**
 * Downloads a file shared in a room: members and the Secretariat (the room documents service decides). A visitor
 * without a session gets the same 404 as anyone refused, not a login redirect, which would reveal that the address
 * is worth logging in for.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return downloadResponse(
    request,
    await context.services.roomDocuments.download(context.actor, params.id ?? '', params.documentId ?? ''),
  );
}
