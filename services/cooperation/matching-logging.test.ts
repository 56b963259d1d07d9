import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import type { BackgroundLogger } from '../subscriptions';

/* The matching engine's incremental update runs in the background: a failure is logged (issue 14), not swallowed. */
let handle: DatabaseHandle;
let services: Services;
const logged: Array<{ details: Record<string, unknown>; message: string }> = [];
const logger: BackgroundLogger = { error: (details, message) => logged.push({ details, message }) };

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, logger });
});
afterAll(() => handle.close());

describe('a failed background update of the rankings', () => {
  it('is logged with its event, and the rankings are rebuilt from the database on next use', async () => {
    const secretariat = await createActor(handle.db, 'secretariat', 'secretariat_staff');
    await services.matching.board(secretariat); // builds the engine, so changes are applied incrementally
    const load = services.requests.load;
    const boom = new Error('connection reset');
    services.requests.load = async () => {
      throw boom;
    };
    try {
      services.events.emit('cooperation.changed', { kind: 'request', id: '00000000-0000-4000-8000-000000000000' });
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      services.requests.load = load;
    }
    expect(logged).toEqual([
      {
        details: {
          err: boom,
          event: 'cooperation.changed',
          payload: { kind: 'request', id: '00000000-0000-4000-8000-000000000000' },
        },
        message: expect.stringMatching(/^Background reaction failed: updating the matching rankings/),
      },
    ]);
    expect(await services.matching.board(secretariat)).toMatchObject({ ok: true });
  });
});
