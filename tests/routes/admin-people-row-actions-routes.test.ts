import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as peopleAction, loader as peopleLoader } from '../../app/routes/admin.people';
import type { DatabaseHandle } from '../../db/client';
import { memberships, organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/*
 * Probe findings on /admin/people: each row offers only what the service would allow for that person (a deputy
 * focal point saw "Disable" on their National Coordinator, a 403), and a role change is refused (403) before its
 * input is judged, so only someone who may make the change learns that a role does not fit (400).
 */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'admin' | 'coordinator' | 'deputy' | 'delegate', Actor>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  const orgId = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  const colombia = await orgId('CO');
  people.admin = await createActor(handle.db, 'secretariat', 'secretariat_admin', await orgId('SUMMITS-SECRETARIAT'));
  people.coordinator = await createActor(handle.db, 'state', 'national_coordinator', colombia);
  people.deputy = await createActor(handle.db, 'state', 'deputy_focal_point', colombia);
  people.delegate = await createActor(handle.db, 'state', 'delegate', colombia);
}, 240_000);
afterAll(() => handle?.close());

const load = async (actor: Actor) =>
  peopleLoader({
    request: new Request('http://localhost/admin/people'),
    params: {},
    context: routeContext(services, actor),
  });

type Body = { intent: string; ok: boolean; message?: string };
async function post(actor: Actor, fields: Record<string, string>, lang: 'en' | 'es' = 'en') {
  const result = await peopleAction({
    request: new Request('http://localhost/admin/people', { method: 'POST', body: new URLSearchParams(fields) }),
    params: {},
    context: routeContext(services, actor, lang),
  });
  const value = result as unknown as { data: Body; init: { status?: number } | null };
  return { status: value.init?.status ?? 200, body: value.data };
}

const roleOf = async (userId: string) =>
  (await handle.db.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, userId)))[0].role;

describe('/admin/people row actions follow the service’s rule for each person', () => {
  it('shows a deputy focal point “Disable” on delegates only, never on their National Coordinator', async () => {
    const page = await load(people.deputy);
    const row = (id: string) => page.users.find((u) => u.id === id)!;
    expect(row(people.coordinator.userId).canDisable).toBe(false);
    expect(row(people.deputy.userId).canDisable).toBe(false); // nobody disables themselves
    expect(row(people.delegate.userId).canDisable).toBe(true);
    expect(page.users.every((u) => !u.canChangeRole && u.roleChoices.length === 0)).toBe(true);
    // The flags say what the service does: the Coordinator's form would be a 403, the delegate's works.
    expect((await post(people.deputy, { intent: 'disable', userId: people.coordinator.userId })).status).toBe(403);
    expect((await post(people.deputy, { intent: 'disable', userId: people.delegate.userId })).status).toBe(200);
    const after = await load(people.deputy);
    expect(after.users.find((u) => u.id === people.delegate.userId)!.canDisable).toBe(true); // to enable again
    expect((await post(people.deputy, { intent: 'enable', userId: people.delegate.userId })).status).toBe(200);
  });

  it('offers an administrator only the roles that exist in each person’s kind of organization', async () => {
    const page = await load(people.admin);
    const row = (id: string) => page.users.find((u) => u.id === id)!;
    expect(row(people.delegate.userId).roleChoices).toEqual(['national_coordinator', 'deputy_focal_point']);
    expect(row(people.coordinator.userId).canDisable).toBe(true);
    expect(row(people.admin.userId)).toMatchObject({ canDisable: false, canChangeRole: false, roleChoices: [] });
  });
});

describe('a role change is authorized before its input is checked', () => {
  it('refuses a National Coordinator with 403 whatever the role asked, fitting or not', async () => {
    for (const role of ['secretariat_admin', 'deputy_focal_point', 'no_such_role', '']) {
      const answer = await post(people.coordinator, { intent: 'role', userId: people.delegate.userId, role });
      expect({ role, status: answer.status, message: answer.body.message }).toEqual({
        role,
        status: 403,
        message: 'You are not allowed to do this.',
      });
    }
    const inSpanish = await post(
      people.coordinator,
      { intent: 'role', userId: people.delegate.userId, role: 'secretariat_admin' },
      'es',
    );
    expect(inSpanish.status).toBe(403);
    expect(await roleOf(people.delegate.userId)).toBe('delegate');
  });

  it('tells an administrator, who may change the role, that the input is wrong', async () => {
    const misfit = await post(people.admin, {
      intent: 'role',
      userId: people.delegate.userId,
      role: 'secretariat_admin',
    });
    expect(misfit.status).toBe(400);
    expect(misfit.body.message).toBe('This role does not exist in that kind of organization.');
    const junk = await post(people.admin, { intent: 'role', userId: people.delegate.userId, role: 'no_such_role' });
    expect(junk.status).toBe(400);
    expect(junk.body.message).toBe('Choose a role.');
    expect(await roleOf(people.delegate.userId)).toBe('delegate');
  });
});
