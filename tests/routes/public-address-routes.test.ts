import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as atomLoader } from '../../app/routes/initiatives[.]atom';
import { action as myMeetingsAction } from '../../app/routes/meetings._index';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/*
 * Absolute links a page hands out are written under the public address (PUBLIC_URL; routeContext gives
 * https://minka.example.org), never under the request's Host header, which anyone can set and a shared cache in
 * front would keep (outside probe: `Host: evil.test` made the Atom feed and a calendar address point there).
 */
let handle: DatabaseHandle;
let services: Services;
let peru: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  const [pe] = await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, 'PE'));
  peru = await createActor(handle.db, 'state', 'national_coordinator', pe.id);
});
afterAll(() => handle.close());

const fromElsewhere = (path: string, init?: RequestInit) =>
  new Request(`http://evil.test${path}`, { ...init, headers: { host: 'evil.test', ...(init?.headers ?? {}) } });

describe('absolute links', () => {
  it('in the Atom feed of initiatives are under the public address', async () => {
    const response = (await atomLoader({
      request: fromElsewhere('/initiatives.atom'),
      params: {},
      context: routeContext(services, null),
    })) as Response;
    const body = await response.text();
    expect(body).toContain('<link rel="self" href="https://minka.example.org/initiatives.atom"/>');
    expect(body).not.toContain('evil.test');
  });

  it('in a new calendar feed’s address are under the public address', async () => {
    const result = (await myMeetingsAction({
      request: fromElsewhere('/meetings?index', {
        method: 'POST',
        body: new URLSearchParams({ intent: 'feed-create' }),
      }),
      params: {},
      context: routeContext(services, peru),
    })) as { address: string };
    expect(result.address).toMatch(/^https:\/\/minka\.example\.org\/calendar\/[^/]+\.ics$/);
  });
});
