import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { cleanText } from '../services/text';

/**
 * Every non-multipart request body is read here, before Remix sees it: refused with 413 past `maxBytes` (from
 * Content-Length at once, or while counting streamed bytes — never buffered beyond the cap), refused with 415 unless
 * it is an urlencoded form, then cleaned (issue 12): field names and values go through `cleanText`, so no NUL or
 * lone surrogate reaches the services. The cleaned bytes are handed on in place of the request stream.
 * Multipart bodies are streamed as they are: upload.server.ts caps and cleans them per field.
 */
export function formBodyGuard({ maxBytes, logger }: { maxBytes: number; logger: Logger }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('multipart/')) return next();
    const refuse = () => {
      logger.warn({ url: req.originalUrl, limit: maxBytes }, 'request body too large; refused');
      res.setHeader('Connection', 'close');
      res
        .status(413)
        .type('text/plain')
        .send(
          `The form is too large: at most ${maxBytes} bytes are accepted. Shorten the text, or attach long documents as files.`,
        );
    };
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > maxBytes) {
      req.resume(); // discard what arrives until the socket closes after the answer
      return refuse();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        chunks.length = 0;
        cleanup();
        req.resume();
        refuse();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (done) return;
      done = true;
      cleanup();
      let body: Buffer = Buffer.concat(chunks, size);
      // Remix's request.formData() throws (a 500) on any other body: every form of Minka is sent as urlencoded or
      // multipart, and nothing takes JSON or raw text, so anything else is refused here with what to do.
      if (body.length > 0 && !type.startsWith('application/x-www-form-urlencoded')) {
        logger.warn({ url: req.originalUrl, type }, 'request body of an unsupported type; refused');
        res
          .status(415)
          .type('text/plain')
          .send(
            'This address only accepts forms sent from the Minka pages (application/x-www-form-urlencoded or multipart/form-data).',
          );
        return;
      }
      // A body-less POST (a bare button, a client without headers) reads as an empty form rather than failing.
      if (body.length === 0 && !type) req.headers['content-type'] = 'application/x-www-form-urlencoded';
      try {
        const cleaned = cleanBody(type, body);
        if (cleaned) {
          body = cleaned;
          if (req.headers['content-length'] !== undefined) req.headers['content-length'] = String(body.length);
        }
      } catch (error) {
        logger.warn({ err: error, url: req.originalUrl }, 'request body could not be cleaned; passed on as sent');
      }
      replaceBody(req, body);
      next();
    };
    const onError = (error: Error) => {
      if (done) return;
      done = true;
      cleanup();
      next(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}

/** The cleaned body, or null when nothing had to change (the bytes then go on exactly as sent). */
export function cleanBody(type: string, body: Buffer): Buffer | null {
  if (body.length === 0) return null;
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const text = body.toString('utf8');
    const params = new URLSearchParams(text);
    let changed = false;
    const cleaned = new URLSearchParams();
    for (const [key, value] of params) {
      const k = cleanText(key);
      const v = cleanText(value);
      if (k !== key || v !== value) changed = true;
      cleaned.append(k, v);
    }
    return changed ? Buffer.from(cleaned.toString(), 'utf8') : null;
  }
  return null;
}

/**
 * Makes `req` read as `body`: the request stream was consumed above, so the stream methods that readers use (the
 * Remix adapter listens for data/end/error/close, and pauses/resumes) are pointed at a fresh stream of the bytes.
 */
function replaceBody(req: IncomingMessage, body: Buffer) {
  const replacement = Readable.from(body.length ? [body] : [], { objectMode: false });
  const streamEvents = new Set<string | symbol>(['data', 'end', 'readable', 'error', 'close']);
  const target = req as unknown as Record<string | symbol, unknown>;
  for (const method of [
    'on',
    'once',
    'off',
    'addListener',
    'removeListener',
    'prependListener',
    'prependOnceListener',
  ] as const) {
    const original = (req[method] as (...args: unknown[]) => unknown).bind(req);
    target[method] = (event: string | symbol, listener: (...args: unknown[]) => void) => {
      if (streamEvents.has(event)) {
        (replacement[method] as (...args: unknown[]) => unknown).call(replacement, event, listener);
        return req;
      }
      return original(event, listener);
    };
  }
  for (const method of ['pause', 'resume', 'read', 'isPaused', 'pipe', 'unpipe', 'setEncoding'] as const) {
    target[method] = (...args: unknown[]) => {
      const result = (replacement[method] as (...a: unknown[]) => unknown).apply(replacement, args);
      return result === replacement ? req : result;
    };
  }
  target[Symbol.asyncIterator] = () => replacement[Symbol.asyncIterator]();
  Object.defineProperty(req, 'readable', { configurable: true, get: () => replacement.readable });
  // destroy() is left alone: the consumed request auto-destroys itself right after its own end, which must not
  // cut the replacement short.
}
