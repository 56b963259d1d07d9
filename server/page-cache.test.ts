import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageCache } from './page-cache';

let clock = 0;
let renders = 0;
const cache = createPageCache({
  ttlMs: 10_000,
  paths: ['/', '/mandates', '/mandates/*', /^\/results\/[^/]+\/mandates\/[^/.]+$/],
  now: () => clock,
});
let base: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  // As server/app.ts does before the cache: a new script nonce in every answer's policy (server/csp.ts).
  let nonces = 0;
  app.use((_req, res, next) => {
    res.locals.nonce = `n${++nonces}`;
    res.setHeader('Content-Security-Policy', `script-src 'self' 'nonce-${res.locals.nonce}'`);
    next();
  });
  app.use(
    cache.middleware((req) =>
      req.headers.cookie?.includes('session') ? null : `${req.headers['accept-language'] ?? 'en'} ${req.originalUrl}`,
    ),
  );
  app.get('*', (req, res) => {
    renders += 1;
    if (req.path === '/mandates/missing') return res.status(404).send('nope');
    if (req.query.cookie) res.setHeader('Set-Cookie', 'x=1');
    res.type('html');
    if (req.path === '/mandates/with-script') res.write(`<script nonce="${res.locals.nonce}"></script>`);
    res.write(`<p>render ${renders} `);
    res.end(`${req.headers['accept-language'] ?? 'en'}</p>`);
  });
  const server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(base + path, { headers });
  return { status: response.status, body: await response.text(), cache: response.headers.get('x-page-cache') };
};

describe('page micro-cache', () => {
  it('replays the cached page’s own script policy with it, so its inline scripts keep running', async () => {
    const first = await fetch(`${base}/mandates/with-script`);
    const second = await fetch(`${base}/mandates/with-script`);
    expect(second.headers.get('x-page-cache')).toBe('hit');
    const body = await second.text();
    expect(body).toBe(await first.text());
    const inBody = /nonce="(n\d+)"/.exec(body)![1];
    expect(second.headers.get('Content-Security-Policy')).toBe(`script-src 'self' 'nonce-${inBody}'`);
  });

  it('serves the second anonymous view from memory, byte for byte', async () => {
    const first = await get('/mandates');
    const second = await get('/mandates');
    expect(first.cache).toBe('miss');
    expect(second).toEqual({ status: 200, body: first.body, cache: 'hit' });
  });

  it('keeps languages and query strings apart', async () => {
    const es = await get('/mandates', { 'accept-language': 'es' });
    expect(es.body).toMatch(/es<\/p>$/);
    expect((await get('/mandates?q=judicial')).cache).toBe('miss');
  });

  it('never caches for a signed-in visitor, a non-200, a response that sets a cookie, or other paths', async () => {
    const before = renders;
    await get('/mandates', { cookie: 'minka_session=abc' });
    await get('/mandates/missing');
    await get('/mandates/missing');
    await get('/mandates/7?cookie=1');
    await get('/mandates/7?cookie=1');
    await get('/account');
    await get('/account');
    await get('/mandates.json');
    await get('/mandates.json');
    expect(renders - before).toBe(9);
  });

  it('matches paths given as a pattern, and only those', async () => {
    await get('/results/c1/mandates/3');
    expect((await get('/results/c1/mandates/3')).cache).toBe('hit');
    const before = renders;
    await get('/results/c1/mandates/3.json');
    await get('/results/c1/mandates/3.json');
    expect(renders - before).toBe(2);
  });

  it('bypasses on Cache-Control: no-cache, expires after the TTL, and empties on clear()', async () => {
    await get('/mandates/2');
    expect((await get('/mandates/2', { 'cache-control': 'no-cache' })).cache).toBe('miss');
    expect((await get('/mandates/2')).cache).toBe('hit');
    clock += 10_001;
    expect((await get('/mandates/2')).cache).toBe('miss');
    cache.clear();
    expect((await get('/mandates/2')).cache).toBe('miss');
  });
});
