import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as peopleLoader } from '../../app/routes/admin.people';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/** The people page offers role changes and invitable roles by the permission rule, not by role names (issue 14). */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'admin' | 'staff' | 'peru', Actor>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  const orgId = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  const secretariat = await orgId('SUMMITS-SECRETARIAT');
  people.admin = await createActor(handle.db, 'secretariat', 'secretariat_admin', secretariat);
  people.staff = await createActor(handle.db, 'secretariat', 'secretariat_staff', secretariat);
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
}, 240_000);
afterAll(() => handle?.close());

const load = (actor: Actor) =>
  peopleLoader({
    request: new Request('http://localhost/admin/people'),
    params: {},
    context: routeContext(services, actor),
  });

describe('/admin/people', () => {
  it('lets an administrator change everyone’s role but their own, and invite every role', async () => {
    const page = await load(people.admin);
    const byId = new Map(page.users.map((u) => [u.id, u.canChangeRole]));
    expect(byId.get(people.staff.userId)).toBe(true);
    expect(byId.get(people.peru.userId)).toBe(true);
    expect(byId.get(people.admin.userId)).toBe(false); // nobody changes their own role
    expect(page.invitableRoles).toContain('secretariat_staff');
    expect(page.invitableRoles).toHaveLength(7);
  });

  it('gives Secretariat staff no role changes and no Secretariat roles to invite', async () => {
    const page = await load(people.staff);
    expect(page.users.length).toBeGreaterThan(0);
    expect(page.users.every((u) => !u.canChangeRole)).toBe(true);
    expect(page.invitableRoles).not.toContain('secretariat_admin');
    expect(page.invitableRoles).not.toContain('secretariat_staff');
    expect(page.invitableRoles).toEqual(expect.arrayContaining(['national_coordinator', 'jswg_focal_point']));
    // Staff invite for every organization but the Secretariat, and filter by any.
    const all = await services.accounts.listOrganizations();
    expect(page.organizations).toHaveLength(all.length);
    expect(page.inviteOrganizations.map((o) => o.kind)).not.toContain('secretariat');
    expect(page.inviteOrganizations).toHaveLength(all.filter((o) => o.kind !== 'secretariat').length);
  });

  it('offers a National Coordinator only their own organization, in the filter and the invitation (probe finding)', async () => {
    const page = await load(people.peru);
    const peru = [{ id: people.peru.organizationId, nameEn: 'Peru', nameEs: 'Perú', kind: 'state' }];
    expect(page.organizations).toEqual(peru);
    expect(page.inviteOrganizations).toEqual(peru);
    expect(page.invitableRoles).toEqual(['delegate']);
  });
});
