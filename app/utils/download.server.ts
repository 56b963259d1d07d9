import type { Readable } from 'node:stream';
import { createReadableStreamFromReadable } from '@remix-run/node';

/** RFC 5987 / 6266 `filename*`: percent-encode everything but the attribute characters. */
export function encodeRFC5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The extensions of the types services/storage/sniff.ts accepts (app/ may not import it; keep the two in step). */
const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'text/csv': 'csv',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};
const extensionOf = (mediaType: string) => EXTENSIONS[mediaType] ?? 'bin';

/**
 * The name a file is served under ends with the extension of the type sniffed at upload, never the uploader's:
 * "invoice.bat" holding CSV downloads as "invoice.csv", a name without an extension gets one.
 */
export function downloadFileName(fileName: string, mediaType: string): string {
  const ext = extensionOf(mediaType);
  const name = fileName.trim().replace(/[.\s]+$/, '') || 'document';
  const lower = name.toLowerCase();
  if (lower.endsWith(`.${ext}`) || (ext === 'jpg' && lower.endsWith('.jpeg'))) return name;
  const m = /^(.+)\.[A-Za-z][A-Za-z0-9]{0,9}$/.exec(name);
  return `${m ? m[1] : name}.${ext}`;
}

/** On every download: even if a browser rendered it, the page would run sandboxed (no scripts, no origin). */
export const DOWNLOAD_CSP = 'sandbox';

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
  if (!result.ok)
    return new Response('Not found', {
      status: 404,
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': DOWNLOAD_CSP,
      },
    });
  const file = result.value;
  const etag = `"${file.sha256}"`;
  const headers = {
    'Content-Type': file.mediaType,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeRFC5987(downloadFileName(file.fileName, file.mediaType))}`,
    'Content-Security-Policy': DOWNLOAD_CSP,
    ETag: etag,
    'Cache-Control': 'private, no-cache',
  };
  if (request.headers.get('If-None-Match') === etag) {
    file.stream.destroy();
    return new Response(null, { status: 304, headers });
  }
  return new Response(createReadableStreamFromReadable(file.stream), {
    status: 200,
    headers: { ...headers, 'Content-Length': String(file.sizeBytes) },
  });
}
