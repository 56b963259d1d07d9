import { count, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { memberships, organizations, users, type Role } from '../../db/schema';
import { hashPassword } from '../accounts/password.server';
import { randomToken } from '../accounts/tokens.server';
import { writeAudit } from '../audit/audit.server';

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
  organizationCode: string;
  displayName: string;
}

/** A civil-society organization that exists only in demo data, named so nobody mistakes it for a real one. */
export const DEMO_CIVIL_SOCIETY = {
  kind: 'civil_society' as const,
  code: 'DEMO-CSO',
  nameEn: 'Demo Civil Society Network (demo data)',
  nameEs: 'Red demo de sociedad civil (datos de demostración)',
};

const DEMO_STATES = [
  { code: 'PE', slug: 'pe' },
  { code: 'CO', slug: 'co' },
  { code: 'JM', slug: 'jm' },
];

function demoPlan(): Array<Omit<DemoAccount, 'password'>> {
  const plan: Array<Omit<DemoAccount, 'password'>> = [
    {
      email: 'admin@demo.minka.test',
      role: 'secretariat_admin',
      organizationCode: 'SUMMITS-SECRETARIAT',
      displayName: 'Ana Secretariat (admin)',
    },
    {
      email: 'staff@demo.minka.test',
      role: 'secretariat_staff',
      organizationCode: 'SUMMITS-SECRETARIAT',
      displayName: 'Sam Secretariat (staff)',
    },
  ];
  for (const { code, slug } of DEMO_STATES) {
    plan.push(
      {
        email: `coordinator.${slug}@demo.minka.test`,
        role: 'national_coordinator',
        organizationCode: code,
        displayName: `National Coordinator ${code}`,
      },
      {
        email: `deputy.${slug}@demo.minka.test`,
        role: 'deputy_focal_point',
        organizationCode: code,
        displayName: `Deputy focal point ${code}`,
      },
      {
        email: `delegate.${slug}@demo.minka.test`,
        role: 'delegate',
        organizationCode: code,
        displayName: `Delegate ${code}`,
      },
    );
  }
  plan.push(
    {
      email: 'focal.oas@demo.minka.test',
      role: 'jswg_focal_point',
      organizationCode: 'OAS',
      displayName: 'JSWG focal point OAS',
    },
    {
      email: 'member.cso@demo.minka.test',
      role: 'civil_society_member',
      organizationCode: DEMO_CIVIL_SOCIETY.code,
      displayName: 'Civil society member',
    },
  );
  return plan;
}

/**
 * Demo accounts for every role, created only on a database with no users (so a real installation is never
 * touched). Returns the accounts it created with their passwords, or null when users already existed.
 */
export async function seedDemoAccounts(
  db: Database,
  options: { password?: string } = {},
): Promise<DemoAccount[] | null> {
  const [{ users: existing }] = await db.select({ users: count() }).from(users);
  if (existing > 0) return null;

  await db.insert(organizations).values(DEMO_CIVIL_SOCIETY).onConflictDoNothing();
  const orgs = await db.select({ id: organizations.id, code: organizations.code }).from(organizations);
  const orgIdByCode = new Map(orgs.map((o) => [o.code, o.id]));

  const created: DemoAccount[] = [];
  // One hash for a shared password; one per account otherwise. Argon2id is slow on purpose.
  const shared = options.password ? { password: options.password, hash: await hashPassword(options.password) } : null;
  for (const entry of demoPlan()) {
    const organizationId = orgIdByCode.get(entry.organizationCode);
    if (!organizationId)
      throw new Error(`Demo seed: organization ${entry.organizationCode} is missing; load the reference data first.`);
    const password = shared?.password ?? `demo-${randomToken().slice(0, 12)}`;
    const passwordHash = shared?.hash ?? (await hashPassword(password));
    await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: entry.email, displayName: entry.displayName, passwordHash })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ userId: user.id, organizationId, role: entry.role });
    });
    created.push({ ...entry, password });
  }
  await writeAudit(db, { action: 'demo.seeded', data: { accounts: created.length } });
  return created;
}

export async function demoOrganizationExists(db: Database): Promise<boolean> {
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.code, DEMO_CIVIL_SOCIETY.code));
  return rows.length > 0;
}
