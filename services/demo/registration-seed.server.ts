import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { users } from '../../db/schema';
import { loadActor } from '../accounts/actors.server';
import type { Actor } from '../actor';
import { DomainEventBus } from '../events';
import { createPublicationService } from '../registration/publication.server';
import { createAttachmentsService } from '../registration/attachments.server';
import { createRegistrationService } from '../registration/registration.server';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../registration/uploads.server';
import { chunksOf, createMemoryFileStore, type FileStore } from '../storage/file-store';
import { makePdf } from '../storage/pdf';

/** Text that the demo withholds; the end-to-end suite checks it never appears on a public page or export. */
export const DEMO_WITHHELD_TEXT = '(Demo) withheld: internal figures on judicial appointments';

/** Planted in the name and the content of a withheld demo document; the end-to-end suite checks it never leaks. */
// Named as a person would name the file (issue 15); the reference makes it unique, so tests can look for it anywhere.
export const DEMO_WITHHELD_ATTACHMENT_CANARY = 'Internal memo on asset declarations, ref. MJ-3e9b';
/** The public demo document attached to a published answer. */
export const DEMO_PUBLIC_ATTACHMENT_NAME = '(Demo) Judicial school curriculum.pdf';

/**
 * Demo registration data, owned by the registration domain: an earlier cycle, answered and published (with one
 * field withheld at Peru's request), and an open cycle with drafts, one submitted questionnaire and a partial
 * non-disclosure request, so a newcomer meets a living platform. Past cycles are written with a clock set to
 * their own window, through the same services as real answers.
 */
export async function seedDemoRegistration(
  db: Database,
  now: () => Date = () => new Date(),
  options: { store?: FileStore } = {},
): Promise<void> {
  const store = options.store ?? createMemoryFileStore();
  const as = async (email: string): Promise<Actor> => {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const actor = user ? await loadActor(db, user.id) : null;
    if (!actor) throw new Error(`Demo registration seed: ${email} is missing.`);
    return actor;
  };
  const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!result.ok) throw new Error(`Demo registration seed: ${result.message}`);
    return result.value;
  };
  const [admin, peru, colombia, jamaica, oas, peruDelegate] = await Promise.all([
    as('admin@demo.minka.test'),
    as('coordinator.pe@demo.minka.test'),
    as('coordinator.co@demo.minka.test'),
    as('coordinator.jm@demo.minka.test'),
    as('focal.oas@demo.minka.test'),
    as('delegate.pe@demo.minka.test'),
  ]);
  const year = now().getUTCFullYear();
  const events = new DomainEventBus();

  // An earlier cycle, answered during its window and published after it.
  let clock = new Date(Date.UTC(year - 1, 1, 1));
  const past = createRegistrationService({ db, events, now: () => clock });
  const publication = createPublicationService({ db, now: () => clock, store });
  const earlier = must(
    await past.createCycle(admin, {
      name: `(Demo) ${year - 1} registration`,
      kind: 'registration',
      opensAt: new Date(Date.UTC(year - 1, 0, 1)).toISOString(),
      closesAt: new Date(Date.UTC(year - 1, 3, 30)).toISOString(),
      publishesAt: new Date(Date.UTC(year - 1, 4, 15)).toISOString(),
      timeZone: 'America/Lima',
    }),
  );
  const answer = (who: Actor, service: typeof past, cycleId: string, input: Record<string, unknown>) =>
    service.saveAnswer(who, cycleId, { baseVersion: 0, ...input }).then(must);
  await answer(peru, past, earlier.id, { mandate: 2, question: 'Q1', progress: 'C' });
  await answer(peru, past, earlier.id, {
    mandate: 2,
    question: 'Q2',
    summary: '(Demo) Judicial career law adopted',
    full: DEMO_WITHHELD_TEXT,
  });
  await answer(peru, past, earlier.id, { mandate: 1, question: 'Q1', progress: 'B' });
  await answer(colombia, past, earlier.id, { mandate: 2, question: 'Q1', progress: 'D' });
  await answer(colombia, past, earlier.id, {
    mandate: 2,
    question: 'Q2',
    summary: '(Demo) Judicial school curriculum on integrity',
    full: '(Demo) The judicial school trains every new judge on integrity standards.',
  });
  await answer(jamaica, past, earlier.id, { mandate: 2, question: 'Q1', progress: 'B' });
  await answer(oas, past, earlier.id, { mandate: 2, question: 'Q1', progress: 'C' });
  await answer(oas, past, earlier.id, {
    mandate: 2,
    question: 'Q7',
    summary: '(Demo) Training for judges and prosecutors',
  });
  must(
    await publication.requestNonDisclosure(peru, earlier.id, {
      scope: 'field',
      mandate: 2,
      question: 'Q2',
      field: 'full',
      letterReference: '(Demo) Note 7-5-M/12 to the Chair',
    }),
  );
  // Documents: a small real PDF published with Colombia's answer, and one of Peru's withheld at its request.
  const files = createAttachmentsService({
    db,
    now: () => clock,
    store,
    maxBytes: DEFAULT_ATTACHMENT_MAX_BYTES,
    registration: past,
  });
  const pdf = (name: string, line: string) => ({ fileName: name, data: chunksOf(makePdf(line)) });
  must(
    await files.uploadForAnswer(
      colombia,
      earlier.id,
      { mandate: 2, question: 'Q2' },
      pdf(DEMO_PUBLIC_ATTACHMENT_NAME, '(Demo) Judicial school: integrity curriculum, 2024 edition'),
    ),
  );
  const withheld = must(
    await files.uploadForAnswer(
      peru,
      earlier.id,
      { mandate: 2, question: 'Q2' },
      pdf(`(Demo) ${DEMO_WITHHELD_ATTACHMENT_CANARY}.pdf`, `(Demo) ${DEMO_WITHHELD_ATTACHMENT_CANARY}`),
    ),
  );
  must(
    await publication.requestNonDisclosure(peru, earlier.id, {
      scope: 'attachment',
      attachmentId: withheld.id,
      letterReference: '(Demo) Note 7-5-M/13 to the Chair',
    }),
  );
  for (const who of [peru, colombia, jamaica, oas]) must(await past.submit(who, earlier.id));
  clock = new Date(Date.UTC(year - 1, 4, 15, 1));
  must(await publication.publishCycle(earlier.id));

  // The open cycle: some drafts, one submitted questionnaire, a pending partial non-disclosure.
  clock = now();
  const current = createRegistrationService({ db, events, now });
  const open = must(
    await current.createCycle(admin, {
      name: `(Demo) ${year} update`,
      kind: 'update',
      opensAt: new Date(now().getTime() - 30 * 86_400_000).toISOString(),
      closesAt: new Date(now().getTime() + 90 * 86_400_000).toISOString(),
      publishesAt: new Date(now().getTime() + 120 * 86_400_000).toISOString(),
      timeZone: 'America/Lima',
      previousCycleId: earlier.id,
    }),
  );
  // Carried over from the earlier cycle, then partly updated.
  const peruQuestionnaire = must(await current.questionnaire(peruDelegate, open.id));
  const carried = peruQuestionnaire.answers.find((a) => a.mandate === 2 && a.question === 'Q1');
  await current
    .saveAnswer(peruDelegate, open.id, {
      mandate: 2,
      question: 'Q1',
      progress: 'D',
      baseVersion: carried?.version ?? 0,
    })
    .then(must);
  await answer(peruDelegate, current, open.id, {
    mandate: 3,
    question: 'Q2',
    summary: '(Demo) Civic education pilot in 200 schools',
  });
  must(
    await createPublicationService({ db, now }).requestNonDisclosure(peru, open.id, {
      scope: 'question',
      mandate: 3,
      question: 'Q2',
      letterReference: '(Demo) Note 7-5-M/30 to the Chair',
      reason: '(Demo) Pilot results not yet validated',
    }),
  );
  must(await current.questionnaire(colombia, open.id));
  must(await current.submit(colombia, open.id));
  await answer(oas, current, open.id, { mandate: 1, question: 'Q7', summary: '(Demo) Open data technical assistance' });
}
