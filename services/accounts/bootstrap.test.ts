import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { createTestDatabase } from '../../tests/db';
import { createOrganization } from '../../tests/factories';
import { DomainEventBus } from '../events';
import { createAccountsService } from './accounts.server';
import { createAdministrator, SECRETARIAT_CODE } from './bootstrap.server';
import { createSessionStore } from './sessions.server';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe('createAdministrator', () => {
  it('explains what to do when the Secretariat is missing', async () => {
    expect(await createAdministrator(handle.db, { email: 'first@example.org' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/start the server once/),
    });
  });

  it('creates an administrator who can log in with the printed password, once', async () => {
    await createOrganization(handle.db, 'secretariat', SECRETARIAT_CODE);
    const created = await createAdministrator(handle.db, { email: 'First@Example.org' });
    if (!created.ok) throw new Error(created.message);
    const accounts = createAccountsService({
      db: handle.db,
      sessions: createSessionStore(handle.db, () => new Date()),
      events: new DomainEventBus(),
      now: () => new Date(),
    });
    const login = await accounts.login(
      { email: 'first@example.org', password: created.value.password },
      { ip: '127.0.0.1' },
    );
    expect(login).toMatchObject({ ok: true, value: { actor: { role: 'secretariat_admin' } } });
    expect(await createAdministrator(handle.db, { email: 'first@example.org' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already exists/),
    });
    expect(await createAdministrator(handle.db, { email: 'not an email' })).toMatchObject({ ok: false });
  });
});
