import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../services/index.server';
import { createTestDatabase } from '../tests/db';
import { createHttpServer } from './app';
import { parseEnv } from './env';

/** X-Query-Count: sent only when MINKA_COUNT_QUERIES is on, and then it is the statements of that request. */
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

async function start(env: Record<string, string>) {
  const handle = await createTestDatabase({ countQueries: env.MINKA_COUNT_QUERIES === '1' });
  const services = createServices({ db: handle.db });
  const { server, io } = await createHttpServer({
    config: parseEnv({ LOG_LEVEL: 'silent', PAGE_CACHE_SECONDS: '0', ...env }),
    logger: pino({ level: 'silent' }),
    database: handle,
    services,
    remix: {
      // Stands in for a loader: as many statements as the query string asks for.
      handler: () => async (req, res) => {
        for (let i = 0; i < Number(req.query.n ?? 0); i++) await handle.db.execute(sql`select 1`);
        res.type('text').send('ok');
      },
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await handle.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('X-Query-Count', () => {
  it('is absent by default', async () => {
    const base = await start({});
    const response = await fetch(`${base}/anything?n=2`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-query-count')).toBeNull();
  });

  it('counts the statements of each request when MINKA_COUNT_QUERIES=1', async () => {
    const base = await start({ MINKA_COUNT_QUERIES: '1' });
    const counts = await Promise.all(
      [0, 3, 5].map(async (n) => (await fetch(`${base}/anything?n=${n}`)).headers.get('x-query-count')),
    );
    expect(counts).toEqual(['0', '3', '5']);
  });
});
