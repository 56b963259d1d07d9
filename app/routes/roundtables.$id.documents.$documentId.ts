import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node';
import { encodeRFC5987 } from '../utils/content-disposition';

/**
 * Downloads a file shared in a room. The room documents service decides (members and the Secretariat); anything
 * else, a removed file included, is a plain 404 so a guessed id reveals nothing. As for answer attachments: the
 * type is the one sniffed at upload, `attachment` keeps browsers from rendering it, and server/app.ts already
 * sends `X-Content-Type-Options: nosniff`. A visitor without a session gets the same 404, not a login redirect,
 * which would reveal that the address is worth logging in for.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const result = await context.services.roomDocuments.download(context.actor, params.id ?? '', params.documentId ?? '');
  if (!result.ok) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  const file = result.value;
  const etag = `"${file.sha256}"`;
  const headers = {
    'Content-Type': file.mediaType,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeRFC5987(file.fileName)}`,
    ETag: etag,
    // Private: membership of the room can change at any time.
    'Cache-Control': 'private, no-cache',
  };
  if (request.headers.get('If-None-Match') === etag) {
    file.stream.destroy();
    return new Response(null, { status: 304, headers });
  }
  return new Response(createReadableStreamFromReadable(file.stream), { status: 200, headers: { ...headers, 'Content-Length': String(file.sizeBytes) } });
}
