import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWellFormedAddress, requestGuard } from './request-guard';

/** Raw HTTP (fetch cannot even send TRACE): method, path as written, status, headers and body. */
let port: number;
let close: () => void;
let reached: string[] = [];

beforeAll(async () => {
  const app = express();
  app.use(requestGuard());
  app.all('*', (req, res) => {
    reached.push(`${req.method} ${req.originalUrl}`);
    res.json({ reached: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
  close = () => server.close();
});
afterAll(() => close());

function send(method: string, path: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('requests no route can answer', () => {
  it('a method the app does not know is a 405 naming the methods it takes, JSON under the API', async () => {
    reached = [];
    const page = await send('TRACE', '/');
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe('GET, HEAD, POST');
    expect(page.body).toBe('TRACE is not answered here.');
    const api = await send('TRACE', '/api/v1/initiatives');
    expect(api.status).toBe(405);
    expect(api.headers.allow).toBe('GET, HEAD');
    expect(api.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(api.body)).toEqual({ error: 'TRACE is not answered here.' });
    expect((await send('PROPFIND', '/mandates')).status).toBe(405);
    expect(reached).toEqual([]);
  });

  it('an address with a NUL or a broken %-escape is a 400 before any route reads it', async () => {
    reached = [];
    for (const path of ['/mandates/%00/1', '/mandates/1?q=%00', '/practices/%E0%A4%A', '/api/v1/offers?page=%']) {
      const answer = await send('GET', path);
      expect(answer.status, path).toBe(400);
      expect(answer.body).toContain('Request not understood');
    }
    expect(reached).toEqual([]);
    expect((await send('GET', '/mandates/1?q=caf%C3%A9')).status).toBe(200);
  });

  it('OPTIONS is the API’s CORS preflight (no data), and a page’s list of methods', async () => {
    reached = [];
    const api = await send('OPTIONS', '/api/v1/initiatives');
    expect(api.status).toBe(204);
    expect(api.body).toBe('');
    expect(api.headers['access-control-allow-origin']).toBe('*');
    expect(api.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(api.headers.allow).toBe('GET, HEAD');
    const page = await send('OPTIONS', '/mandates');
    expect(page.status).toBe(204);
    expect(page.headers.allow).toBe('GET, HEAD, POST');
    expect(reached).toEqual([]);
    // Everything else goes on to the routes.
    expect((await send('GET', '/api/v1/initiatives')).status).toBe(200);
    expect((await send('POST', '/login')).status).toBe(200);
    expect(reached).toEqual(['GET /api/v1/initiatives', 'POST /login']);
  });
});

describe('isWellFormedAddress', () => {
  it('accepts escapes that decode and refuses NUL and broken ones', () => {
    expect(isWellFormedAddress('/search?q=%C3%B1and%C3%BA+x')).toBe(true);
    expect(isWellFormedAddress('/a%2Fb')).toBe(true);
    expect(isWellFormedAddress('/a%00b')).toBe(false);
    expect(isWellFormedAddress('/a%0')).toBe(false);
    expect(isWellFormedAddress('/a%ZZ')).toBe(false);
  });
});
