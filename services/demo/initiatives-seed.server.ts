import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { organizations, users } from '../../db/schema';
import { loadActor } from '../accounts/actors.server';
import type { Actor } from '../actor';
import type { Services } from '../index.server';

/**
 * Three demo initiatives at different stages, owned by the initiatives domain (issue 19), all published so the public
 * registry, its charts and an initiative's page show something at first start:
 * - completed: a training between Jamaica and the OAS, with an outcome and funding both participants agreed to;
 * - in progress: a peer exchange between Colombia and Peru, with no outcome yet;
 * - planned: expert assistance from the OAS to Colombia, with the OAS co-operating and Jamaica joining.
 * They link no request, offer or match, so they take no place in the demo offers and move no demo request: the demo's
 * confirmed match is left for the Secretariat to turn into an initiative (tests/e2e/initiatives.spec.ts does). Every
 * text is plainly an example.
 */
export async function seedDemoInitiatives(db: Database, services: Pick<Services, 'initiatives'>): Promise<void> {
  const as = async (email: string): Promise<Actor> => {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const actor = user ? await loadActor(db, user.id) : null;
    if (!actor) throw new Error(`Demo initiatives seed: ${email} is missing.`);
    return actor;
  };
  const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!result.ok) throw new Error(`Demo initiatives seed: ${result.message}`);
    return result.value;
  };
  const [admin, jamaica, oas] = await Promise.all([
    as('admin@demo.minka.test'),
    as('coordinator.jm@demo.minka.test'),
    as('focal.oas@demo.minka.test'),
  ]);
  const orgId = async (code: string) =>
    (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  const s = services.initiatives;
  const initiative = must(
    await s.create(admin, {
      title: '(Demo) Training of procurement officials on integrity risks',
      summary:
        'Example: the OAS trained procurement officials of Jamaica to recognise and report integrity risks in public tenders.',
      forms: ['training', 'videoconference'],
      startsOn: '2026-03-02',
      endsOn: '2026-05-29',
      mandates: [1, 3],
      participants: [
        { organizationId: await orgId('JM'), role: 'requesting' },
        { organizationId: await orgId('OAS'), role: 'providing' },
      ],
    }),
  );
  must(await s.setStatus(admin, initiative.id, 'in_progress'));
  must(await s.setStatus(admin, initiative.id, 'completed'));
  const outcome = must(
    await s.logOutcome(admin, initiative.id, {
      text: '(Demo) Procurement officials trained; a checklist of integrity risks is now used in every tender review.',
      startedOn: '2026-03-02',
      endedOn: '2026-05-29',
      figures: 'Officials trained: 85\nTender reviews using the checklist: 12',
    }),
  );
  must(await s.agreeOutcome(jamaica, outcome.id));
  must(await s.agreeOutcome(oas, outcome.id));
  must(await s.publishOutcome(admin, outcome.id));
  const funded = must(
    await s.addFunding(admin, initiative.id, {
      source: '(Demo) OAS regional integrity fund',
      amount: '18000',
      currency: 'USD',
    }),
  );
  must(await s.agreeFunding(jamaica, funded.funding[0].id));
  must(await s.agreeFunding(oas, funded.funding[0].id));
  must(await s.setPublished(admin, initiative.id, true));

  const exchange = must(
    await s.create(admin, {
      title: '(Demo) Peer exchange on the verification of asset declarations',
      summary:
        'Example: officials of Colombia and Peru compare how they verify asset declarations, with a visit and follow-up technical meetings.',
      forms: ['exchange_visit', 'technical_meeting'],
      startsOn: '2026-09-14',
      endsOn: '2027-03-31',
      mandates: [6],
      participants: [
        { organizationId: await orgId('PE'), role: 'requesting' },
        { organizationId: await orgId('CO'), role: 'providing' },
      ],
    }),
  );
  must(await s.setStatus(admin, exchange.id, 'in_progress'));
  must(await s.setPublished(admin, exchange.id, true));

  const planned = must(
    await s.create(admin, {
      title: '(Demo) Expert assistance on judicial appointment procedures',
      summary:
        'Example: the OAS will review draft rules on the selection of judges in Colombia against inter-American standards, in videoconferences with the judicial council.',
      forms: ['expert_assistance', 'videoconference'],
      startsOn: '2027-05-03',
      endsOn: '2027-10-29',
      mandates: [2],
      participants: [
        { organizationId: await orgId('CO'), role: 'requesting' },
        { organizationId: await orgId('OAS'), role: 'providing' },
        { organizationId: await orgId('JM'), role: 'co_operating' },
      ],
    }),
  );
  must(await s.setPublished(admin, planned.id, true));
}
