import type { NextFunction, Request, Response } from 'express';

/** The methods the app answers; Remix (through undici's Request) cannot even represent TRACE, TRACK or CONNECT. */
const ANSWERED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const API_PREFIX = '/api/v1/';
const API_CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag' };

/**
 * Requests no route can answer, refused before they reach Remix with a clear status instead of a 500 (outside
 * probe, 2026-12-07):
 * - a method the app does not know (TRACE, PROPFIND, …): 405 with `Allow` (Node answers CONNECT itself);
 * - an address with a NUL character or a broken %-escape: 400 (a NUL reached SQL through a route parameter);
 * - OPTIONS: the open-data API answers the CORS preflight (204; GET and HEAD only, docs/api.md), and a page
 *   says which methods it takes, instead of running its loader.
 * Under /api/v1/ the answers are the API's JSON errors.
 */
export function requestGuard() {
  return (req: Request, res: Response, next: NextFunction) => {
    const api = req.path === '/api/v1' || req.path.startsWith(API_PREFIX);
    const refuse = (status: number, message: string, headers: Record<string, string> = {}) => {
      res.status(status).set(headers).set('Cache-Control', 'no-store');
      if (api) res.set(API_CORS).json({ error: message });
      else res.type('text/plain').send(message);
    };
    if (!ANSWERED_METHODS.has(req.method))
      return refuse(405, `${req.method} is not answered here.`, { Allow: api ? 'GET, HEAD' : 'GET, HEAD, POST' });
    if (!isWellFormedAddress(req.originalUrl))
      return refuse(400, 'Request not understood: the address has a character it cannot contain.');
    if (req.method === 'OPTIONS') {
      if (api)
        return void res
          .status(204)
          .set({
            ...API_CORS,
            Allow: 'GET, HEAD',
            'Access-Control-Allow-Methods': 'GET, HEAD',
            'Access-Control-Allow-Headers': 'If-None-Match',
            'Access-Control-Max-Age': '86400',
          })
          .end();
      return void res.status(204).set('Allow', 'GET, HEAD, POST').end();
    }
    next();
  };
}

/** No NUL, and every %-escape decodes (as UTF-8). */
export function isWellFormedAddress(url: string): boolean {
  if (url.includes('\0') || /%00/i.test(url)) return false;
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}
