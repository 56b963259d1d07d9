import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { memberships, organizations, users } from '../../db/schema';
import { writeAudit } from '../audit/audit.server';
import { invalid, ok, type Outcome } from '../outcome';
import { hashPassword } from './password.server';
import { randomToken } from './tokens.server';

export const SECRETARIAT_CODE = 'SUMMITS-SECRETARIAT';

/**
 * The first Secretariat administrator of a real installation (no demo data there), created from the shell:
 * shell access is already full trust. Returns a random password to hand over and change at first login.
 */
export async function createAdministrator(
  db: Database,
  input: { email: string; displayName?: string },
): Promise<Outcome<{ email: string; password: string }>> {
  const email = z.email().safeParse(input.email.trim().toLowerCase());
  if (!email.success) return invalid(`"${input.email}" is not a valid e-mail address.`);
  const [secretariat] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.code, SECRETARIAT_CODE));
  if (!secretariat)
    return invalid(
      'The Summits Secretariat organization is missing: start the server once (it loads the reference data), then retry.',
    );
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.data));
  if (existing) return invalid(`An account with ${email.data} already exists.`);
  const password = randomToken();
  await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: email.data,
        displayName: input.displayName?.trim() || 'Secretariat administrator',
        passwordHash: await hashPassword(password),
      })
      .returning({ id: users.id });
    await tx.insert(memberships).values({ userId: user.id, organizationId: secretariat.id, role: 'secretariat_admin' });
    await writeAudit(tx, {
      action: 'user.created',
      subjectType: 'user',
      subjectId: user.id,
      organizationId: secretariat.id,
      data: { role: 'secretariat_admin', via: 'cli' },
    });
  });
  return ok({ email: email.data, password });
}
