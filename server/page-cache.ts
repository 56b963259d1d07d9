import type { NextFunction, Request, Response } from 'express';

/**
 * A micro-cache for public pages seen by anonymous visitors (the catalogue, the participants list): the same
 * bytes for everyone in the same language, so rendering them again for every visitor is waste. Responses are kept
 * for a few seconds, only when they are 200, set no cookie and the request carried no session. Any change that
 * could alter them (a catalogue import) clears the cache through `clear()`. A request with
 * `Cache-Control: no-cache` bypasses it (and the benchmark uses that to measure the render itself).
 */
export interface PageCacheOptions {
  ttlMs: number;
  /** Paths whose anonymous GETs may be cached: exact, a prefix when written with a trailing `*`, or a pattern. */
  paths: ReadonlyArray<string | RegExp>;
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
  expiresAt: number;
}

export function createPageCache({ ttlMs, paths, maxEntries = 500, now = Date.now }: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  const cacheable = (path: string) =>
    paths.some((p) =>
      typeof p !== 'string' ? p.test(path) : p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p,
    );

  function middleware(keyOf: (req: Request, res: Response) => string | null) {
    return (req: Request, res: Response, next: NextFunction) => {
      if (ttlMs <= 0 || req.method !== 'GET' || !cacheable(req.path)) return next();
      const key = keyOf(req, res);
      if (!key) return next();
      const bypass = /no-cache|no-store/.test(req.headers['cache-control'] ?? '');
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now() && !bypass) {
        res.status(hit.status);
        for (const [name, value] of hit.headers) res.setHeader(name, value);
        res.setHeader('X-Page-Cache', 'hit');
        res.end(hit.body);
        return;
      }
      const chunks: Buffer[] = [];
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      const collect = (chunk: unknown, encoding?: unknown) => {
        if (chunk)
          chunks.push(
            Buffer.isBuffer(chunk)
              ? chunk
              : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
          );
      };
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        collect(chunk, rest[0]);
        return write(chunk, ...rest);
      }) as typeof res.write;
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (chunk && typeof chunk !== 'function') collect(chunk, rest[0]);
        if (res.statusCode === 200 && !res.getHeader('set-cookie')) {
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
          const headers = Object.entries(res.getHeaders())
            .filter(
              ([name]) =>
                ![
                  'content-length',
                  'content-encoding',
                  'date',
                  'connection',
                  'transfer-encoding',
                  'x-page-cache',
                  'x-query-count',
                ].includes(name),
            )
            .map(
              ([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)] as [string, string],
            );
          entries.set(key, { status: 200, headers, body: Buffer.concat(chunks), expiresAt: now() + ttlMs });
        }
        return end(chunk, ...rest);
      }) as typeof res.end;
      res.setHeader('X-Page-Cache', 'miss');
      next();
    };
  }

  return {
    middleware,
    clear: () => entries.clear(),
    size: () => entries.size,
  };
}
