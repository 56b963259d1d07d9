import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client';
import { memberships, organizations, users, type OrganizationKind, type Role } from '../db/schema';
import { hashPassword } from '../services/accounts/password.server';
import type { Actor } from '../services/actor';

const unique = () => randomBytes(3).toString('hex');

export async function createOrganization(
  db: Database,
  kind: OrganizationKind,
  code = `${kind.slice(0, 3).toUpperCase()}-${unique()}`,
) {
  const [row] = await db
    .insert(organizations)
    .values({ kind, code, nameEn: `${code} (en)`, nameEs: `${code} (es)` })
    .returning();
  return row;
}

let cachedHash: { password: string; hash: Promise<string> } | undefined;

/** A user with a membership. Hashing is shared across calls with the same password to keep tests fast. */
export async function createUser(
  db: Database,
  options: { organizationId: string; role: Role; email?: string; password?: string; disabled?: boolean },
) {
  const password = options.password ?? 'correct horse battery';
  if (!cachedHash || cachedHash.password !== password) cachedHash = { password, hash: hashPassword(password) };
  const email = options.email ?? `${options.role}-${unique()}@example.test`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      displayName: `Test ${options.role}`,
      passwordHash: await cachedHash.hash,
      disabledAt: options.disabled ? new Date() : null,
    })
    .returning();
  await db.insert(memberships).values({ userId: user.id, organizationId: options.organizationId, role: options.role });
  return { user, password, email };
}

/** The Actor a service would receive for this user. */
export async function createActor(
  db: Database,
  kind: OrganizationKind,
  role: Role,
  organizationId?: string,
): Promise<Actor> {
  const organization = organizationId
    ? { id: organizationId, kind, code: 'given' }
    : await createOrganization(db, kind);
  const { user } = await createUser(db, { organizationId: organization.id, role });
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role,
    organizationId: organization.id,
    organizationKind: kind,
    organizationCode: organization.code,
  };
}
