import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node';
import { encodeRFC5987 } from '../utils/content-disposition';

/**
 * Downloads an attached document. The attachments service decides, exactly as for the answer it belongs to; anything
 * the visitor may not read is a plain 404 so that a guessed id reveals nothing. The type sent is the one sniffed
 * from the content at upload, never the name's; `attachment` keeps browsers from rendering it inline, and
 * `X-Content-Type-Options: nosniff` (set on every response by server/app.ts, so not repeated here: the header would
 * be sent twice) keeps them from guessing another type.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const result = await context.services.attachments.download(context.actor, params.id ?? '');
  if (!result.ok) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  const file = result.value;
  const etag = `"${file.sha256}"`;
  const headers = {
    'Content-Type': file.mediaType,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeRFC5987(file.fileName)}`,
    ETag: etag,
    // Private: who may read it depends on the session and on non-disclosure decisions that can change.
    'Cache-Control': 'private, no-cache',
  };
  if (request.headers.get('If-None-Match') === etag) {
    file.stream.destroy();
    return new Response(null, { status: 304, headers });
  }
  return new Response(createReadableStreamFromReadable(file.stream), { status: 200, headers: { ...headers, 'Content-Length': String(file.sizeBytes) } });
}
