import { createHash } from 'node:crypto';

/**
 * A JSON answer of the open-data API (/api/v1): a strong ETag over the body (If-None-Match gives 304 without a body),
 * CORS open for GET (the data is public). Caches may keep an answer but must ask again before each use (`no-cache`):
 * published content can be withheld later (a non-disclosure request, an outcome taken off the public page), and a
 * copy served for minutes after that would show what a State asked to withhold; the 304 keeps the asking cheap.
 * Errors are JSON too, never cached.
 */
export function openDataJson(
  request: Request,
  body: unknown,
  status = 200,
  extraHeaders: Record<string, string> = {},
): Response {
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag' };
  if (status !== 200)
    return new Response(JSON.stringify(body), {
      status,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        ...cors,
        ...extraHeaders,
      },
    });
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  const headers = {
    ETag: etag,
    'Cache-Control': 'public, no-cache',
    Vary: 'Accept-Encoding',
    ...cors,
  };
  const match = request.headers
    .get('If-None-Match')
    ?.split(',')
    .map((v) => v.trim().replace(/^W\//, ''));
  if (match?.includes(etag) || match?.includes('*')) return new Response(null, { status: 304, headers });
  return new Response(text, { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } });
}

/**
 * The action of every API endpoint: the API is read-only, so anything but GET and HEAD is a JSON 405 naming the
 * methods it answers (Remix's own answer would be an HTML or text 405 without `Allow`).
 */
export const readOnlyApiAction = ({ request }: { request: Request }): Response =>
  openDataJson(
    request,
    { error: `The API is read-only: ${request.method} is not answered here. Use GET (docs/api.md).` },
    405,
    { Allow: 'GET, HEAD' },
  );
