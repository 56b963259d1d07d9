import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { organizations, users } from '../../db/schema';
import { loadActor } from '../accounts/actors.server';
import type { Actor } from '../actor';
import { DomainEventBus } from '../events';
import { createContributionsService } from '../registration/contributions.server';
import { createRegistrationService } from '../registration/registration.server';
import { DEMO_CIVIL_SOCIETY } from './seed.server';

/**
 * Demo civil-society contributions, owned by the registration domain and run after its seed: Peru's National
 * Coordinator invites the demo civil-society organization to its draft in the open cycle; the organization proposes
 * two contributions, one of which Peru accepted (so its answer carries the attributed text as a new version) and
 * one still waiting. Everything goes through the same services as real use.
 */
export async function seedDemoContributions(db: Database, now: () => Date = () => new Date()): Promise<void> {
  const as = async (email: string): Promise<Actor> => {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const actor = user ? await loadActor(db, user.id) : null;
    if (!actor) throw new Error(`Demo contributions seed: ${email} is missing.`);
    return actor;
  };
  const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!result.ok) throw new Error(`Demo contributions seed: ${result.message}`);
    return result.value;
  };
  const [peru, member] = await Promise.all([as('coordinator.pe@demo.minka.test'), as('member.cso@demo.minka.test')]);
  const [cso] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.code, DEMO_CIVIL_SOCIETY.code));
  if (!cso) throw new Error('Demo contributions seed: the demo civil-society organization is missing.');
  const registration = createRegistrationService({ db, events: new DomainEventBus(), now });
  const contributions = createContributionsService({ db, now, registration });
  const t = now().getTime();
  const open = (await registration.listCycles()).find(
    (c) => !c.publishedAt && c.opensAt.getTime() <= t && t < c.closesAt.getTime(),
  );
  if (!open) throw new Error('Demo contributions seed: run the registration seed first (no open cycle).');

  must(
    await contributions.invite(peru, open.id, {
      organizationId: cso.id,
      note: '(Demo) We would welcome your monitoring data on the judiciary (mandates 2 and 3).',
    }),
  );
  const accepted = must(
    await contributions.propose(member, open.id, 'PE', {
      mandate: 2,
      question: 'Q1',
      text: '(Demo) Our monitoring of 2026 judicial appointments confirms the merit-based career is applied in every district.',
    }),
  );
  must(await contributions.accept(peru, open.id, accepted.id));
  must(
    await contributions.propose(member, open.id, 'PE', {
      mandate: 3,
      question: 'Q3',
      text: '(Demo) Our volunteers observed the civic education pilot in 12 schools; teachers asked for more material.',
    }),
  );
}
