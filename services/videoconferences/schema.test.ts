import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { meetings } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

it('the meetings tables exist after migrating', async () => {
  expect(await handle.db.select().from(meetings)).toEqual([]);
});
