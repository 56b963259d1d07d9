import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { memberships, organizations, users } from '../../db/schema';
import type { Actor } from '../actor';

/** Resolves a user into the Actor that services act for: the user with their (first) membership. */
export async function loadActor(db: Database, userId: string): Promise<Actor | null> {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      role: memberships.role,
      organizationId: organizations.id,
      organizationKind: organizations.kind,
      organizationCode: organizations.code,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}
