import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../tests/db';
import type { DatabaseHandle } from './client';
import { countQueries, withQueryCount } from './query-count';
import { organizations } from './schema';

let counted: DatabaseHandle;
let plain: DatabaseHandle;

beforeAll(async () => {
  [counted, plain] = await Promise.all([createTestDatabase({ countQueries: true }), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([counted.close(), plain.close()]);
});

describe('query counting', () => {
  it('counts every statement issued inside a scope, builder and raw alike', async () => {
    const { queries } = await countQueries(async () => {
      await counted.db.select().from(organizations);
      await counted.db.execute(sql`select 1`);
      await Promise.all([counted.db.select().from(organizations), counted.db.select().from(organizations)]);
    });
    expect(queries).toBe(4);
  });

  it('keeps concurrent scopes apart, as concurrent requests are', async () => {
    const one = countQueries(async () => {
      await counted.db.select().from(organizations);
    });
    const three = countQueries(async () => {
      for (let i = 0; i < 3; i++) await counted.db.select().from(organizations);
    });
    expect((await Promise.all([one, three])).map((r) => r.queries)).toEqual([1, 3]);
  });

  it('counts nothing outside a scope, and nothing on a database opened without counting', async () => {
    await counted.db.select().from(organizations);
    const { queries } = await countQueries(() => plain.db.select().from(organizations));
    expect(queries).toBe(0);
    expect(withQueryCount((count) => count())).toBe(0);
  });
});
