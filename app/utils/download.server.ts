import type { Readable } from 'node:stream';
import { createReadableStreamFromReadable } from '@remix-run/node';

/** RFC 5987 / 6266 `filename*`: percent-encode everything but the attribute characters. */
export function encodeRFC5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

interface StoredFile {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  stream: Readable;
}

/**
 * The response for a stored file a service allowed (or refused) the reader to download. A refusal of any kind is a
 * plain 404, so a guessed id reveals nothing. The type is the one sniffed at upload; `attachment` keeps browsers from
 * rendering it inline, and `X-Content-Type-Options: nosniff` (server/app.ts, on every response) from guessing
 * another. Caching is private and revalidated: who may read a file can change at any time.
 */
export function downloadResponse(request: Request, result: { ok: true; value: StoredFile } | { ok: false }): Response {
  if (!result.ok) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  const file = result.value;
  const etag = `"${file.sha256}"`;
  const headers = {
    'Content-Type': file.mediaType,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeRFC5987(file.fileName)}`,
    ETag: etag,
    'Cache-Control': 'private, no-cache',
  };
  if (request.headers.get('If-None-Match') === etag) {
    file.stream.destroy();
    return new Response(null, { status: 304, headers });
  }
  return new Response(createReadableStreamFromReadable(file.stream), { status: 200, headers: { ...headers, 'Content-Length': String(file.sizeBytes) } });
}
