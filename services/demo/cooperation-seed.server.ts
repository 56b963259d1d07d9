import type { Database } from '../../db/client';
import { loadActor } from '../accounts/actors.server';
import { messages, users } from '../../db/schema';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Actor } from '../actor';
import type { Services } from '../index.server';

/**
 * Demo cooperation data, owned by the cooperation domain: needs from the three demo States, offers from the OAS
 * and a peer State, one match proposed and one confirmed, so a newcomer sees the engine and the workflow at work.
 * Runs once, right after the demo accounts are created. Every text is plainly an example.
 */
export async function seedDemoCooperation(
  db: Database,
  services: Pick<Services, 'requests' | 'offers' | 'brokering' | 'matching' | 'roundtables'>,
): Promise<void> {
  const as = async (email: string): Promise<Actor> => {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const actor = user ? await loadActor(db, user.id) : null;
    if (!actor) throw new Error(`Demo cooperation seed: ${email} is missing.`);
    return actor;
  };
  const [peru, colombia, jamaica, oas, admin] = await Promise.all([
    as('coordinator.pe@demo.minka.test'),
    as('coordinator.co@demo.minka.test'),
    as('coordinator.jm@demo.minka.test'),
    as('focal.oas@demo.minka.test'),
    as('admin@demo.minka.test'),
  ]);
  const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!result.ok) throw new Error(`Demo cooperation seed: ${result.message}`);
    return result.value;
  };

  const judicial = must(
    await services.requests.create(
      peru,
      {
        title: '(Demo) Training for judges on judicial independence standards',
        description:
          'Capacity-building for judges and court staff on inter-American standards of judicial independence and integrity, including case management transparency.',
        mandates: [2],
        types: ['capacity_building'],
        languages: ['es'],
        modality: 'either',
        neededFrom: '2027-02-01',
        neededTo: '2027-09-30',
      },
      { publish: true },
    ),
  );
  const openData = must(
    await services.requests.create(
      colombia,
      {
        title: '(Demo) Open data on public procurement',
        description:
          'Data research, collection and analysis to publish public procurement contracts as open data and detect corruption risks, with a policy design component.',
        mandates: [1, 3],
        types: ['data', 'policy_design'],
        languages: ['es', 'en'],
        modality: 'virtual',
      },
      { publish: true },
    ),
  );
  must(
    await services.requests.create(
      jamaica,
      {
        title: '(Demo) Civic education campaign against corruption',
        description:
          'Support to design a civic education programme for secondary schools on integrity, transparency and the fight against corruption.',
        mandates: [3],
        types: ['policy_design', 'capacity_building'],
        languages: ['en'],
        modality: 'in_person',
      },
      { publish: true },
    ),
  );
  must(
    await services.requests.create(jamaica, {
      title: '(Demo) Draft: asset declaration system review',
      description:
        'A draft request not yet published: review of the asset declaration system for public officials and its verification procedures.',
      mandates: [1],
      types: ['institutions'],
      languages: ['en'],
      modality: 'virtual',
    }),
  );

  const judicialOffer = must(
    await services.offers.create(
      oas,
      {
        title: '(Demo) Judicial integrity training programme',
        description:
          'Training of judges and prosecutors on judicial independence, integrity and inter-American standards, delivered in Spanish and English, in person or online.',
        mandates: [1, 2],
        types: ['capacity_building', 'legislative'],
        languages: ['es', 'en'],
        modality: 'either',
        capacity: 3,
        funding: 'Experts and materials covered by the OAS',
        validFrom: '2026-01-01',
        validTo: '2028-12-31',
      },
      { publish: true },
    ),
  );
  const openDataOffer = must(
    await services.offers.create(
      oas,
      {
        title: '(Demo) Open data for anticorruption: technical assistance',
        description:
          'Technical assistance on open data policies, open contracting and data analysis to detect corruption risks in public procurement.',
        mandates: [1, 3],
        types: ['data', 'policy_design'],
        languages: ['es', 'en'],
        modality: 'virtual',
        capacity: 2,
      },
      { publish: true },
    ),
  );
  must(
    await services.offers.create(
      peru,
      {
        title: '(Demo) Peer exchange: civic education on integrity',
        description:
          'Peru offers a peer exchange on its school civic education programme on integrity and the fight against corruption.',
        mandates: [3],
        types: ['capacity_building', 'international_cooperation'],
        languages: ['es'],
        modality: 'virtual',
        capacity: 2,
      },
      { publish: true },
    ),
  );

  await services.matching.settled();
  const confirmed = must(
    await services.brokering.propose(admin, {
      requestId: judicial.id,
      candidateId: judicialOffer.id,
      note: 'Demo: both sides accepted.',
    }),
  );
  must(await services.brokering.decide(oas, confirmed.id, { decision: 'accepted' }));
  must(await services.brokering.decide(peru, confirmed.id, { decision: 'accepted' }));

  // The confirmed match's room, with Colombia invited as a peer, an agenda and a short history.
  const room = must(await services.roundtables.openForMatch(confirmed.id, admin));
  must(await services.roundtables.addOrganization(admin, room.id, colombia.organizationId));
  for (const item of [
    '(Demo) Welcome and introductions',
    '(Demo) Peru’s needs on judicial integrity training',
    '(Demo) OAS programme and calendar',
    '(Demo) Colombia’s experience with judicial schools',
  ]) {
    must(await services.roundtables.addAgendaItem(admin, room.id, item));
  }
  const say = async (who: Actor, body: string, n: number) =>
    must(await services.roundtables.send(who, room.id, { clientId: `demo-seed-${room.id}-${n}`, body }));
  await say(admin, '(Demo) Welcome! This room follows the confirmed match on judicial integrity training.', 1);
  await say(peru, '(Demo) Gracias. Nuestra escuela judicial podría acoger una primera sesión en marzo.', 2);
  await say(oas, '(Demo) The OAS can provide two trainers and the course materials in Spanish.', 3);
  await say(colombia, '(Demo) Colombia puede compartir el currículo de su escuela judicial sobre integridad.', 4);
  // The room met the day before too: the first two messages are a day older, so the page shows where days begin.
  await db
    .update(messages)
    .set({ createdAt: sql`${messages.createdAt} - interval '1 day'` })
    .where(and(eq(messages.roundtableId, room.id), lte(messages.seq, 2)));
  must(
    await services.brokering.propose(admin, {
      requestId: openData.id,
      candidateId: openDataOffer.id,
      note: 'Demo: waiting for both sides.',
    }),
  );
}
