import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { createServices, type Services } from '../services/index.server';
import { createTestDatabase } from '../tests/db';
import { createHttpServer } from './app';
import { parseEnv } from './env';

/** The wiring in app.ts: the public results pages are micro-cached for anonymous visitors, and results.changed empties the cache. */
let handle: DatabaseHandle;
let services: Services;
let base: string;
let stop: () => Promise<void>;
let renders = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  services = createServices({ db: handle.db });
  const { server, io } = await createHttpServer({
    config: parseEnv({ LOG_LEVEL: 'silent', PAGE_CACHE_SECONDS: '60' }),
    logger: pino({ level: 'silent' }),
    database: handle,
    services,
    remix: {
      handler: () => (_req, res) => {
        renders += 1;
        res.type('html').send(`render ${renders}`);
      },
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = () => new Promise<void>((resolve) => io.close(() => resolve()));
});
afterAll(async () => {
  await stop();
  await handle.close();
});

const cacheOf = async (path: string) => (await fetch(base + path)).headers.get('x-page-cache');

describe('results pages in the micro-cache', () => {
  it('caches the HTML page, not its JSON, and forgets it on results.changed', async () => {
    const page = '/results/00000000-0000-4000-8000-000000000001/mandates/12';
    expect(await cacheOf(page)).toBe('miss');
    expect(await cacheOf(page)).toBe('hit');
    expect(await cacheOf(`${page}.json`)).toBeNull();
    services.events.emit('results.changed', { reason: 'disclosure_requested' });
    expect(await cacheOf(page)).toBe('miss');
  });

  it('caches the list of cycles, a cycle and one organization’s answers too, never the exports', async () => {
    const cycle = '/results/00000000-0000-4000-8000-000000000001';
    for (const page of ['/results', cycle, `${cycle}/PE`]) {
      expect(await cacheOf(page), page).toBe('miss');
      expect(await cacheOf(page), page).toBe('hit');
    }
    for (const file of [`${cycle}/export.csv`, `${cycle}/export.json`]) expect(await cacheOf(file), file).toBeNull();
    services.events.emit('results.changed', { reason: 'published' });
    expect(await cacheOf(cycle)).toBe('miss');
  });
});
