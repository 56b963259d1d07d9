import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as disclosureAction, loader as disclosureLoader } from '../../app/routes/disclosure.$cycleId';
import type { DatabaseHandle } from '../../db/client';
import { attachments, auditLog, disclosureRequests, organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { chunksOf, createMemoryFileStore } from '../../services/storage/file-store';
import { makePdf } from '../../services/storage/pdf';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext, type Lang } from './language';

/*
 * Probe finding: the non-disclosure form of an update cycle offered a document that a request carried over from the
 * previous cycle (pending, or granted) already withholds, and a second request for it was recorded. The form now
 * shows such documents as already requested, and the service refuses a duplicate (409) in the reader's language.
 * The request is also audited with the requester's IP, like other audited actions.
 */
const DAY = 24 * 60 * 60 * 1000;
let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'colombia', Actor>;
let registrationId: string;
let updateId: string;
/** The carried copies of the documents, in the update cycle. */
const carried = {} as Record<'pending' | 'granted' | 'free', string>;

const value = <T>(outcome: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value;
};
const pdf = (name: string) => ({ fileName: name, data: chunksOf(new Uint8Array(makePdf(name)), 1024) });

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock, fileStore: createMemoryFileStore() });
  const orgId = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_admin',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.colombia = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CO'));
  registrationId = value(
    await services.registration.createCycle(people.secretariat, {
      name: '2027 registration',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T00:00:00Z',
      publishesAt: '2027-05-15T00:00:00Z',
      timeZone: 'America/Bogota',
    }),
  ).id;
  const names = { pending: 'pending.pdf', granted: 'granted.pdf', free: 'free.pdf' } as const;
  const originals = {} as Record<keyof typeof names, string>;
  for (const [key, question] of [
    ['pending', 'Q2'],
    ['granted', 'Q3'],
    ['free', 'Q6'],
  ] as const) {
    value(
      await services.registration.saveAnswer(people.colombia, registrationId, {
        mandate: 2,
        question,
        summary: `Answer ${question}`,
        baseVersion: 0,
      }),
    );
    originals[key] = value(
      await services.attachments.uploadForAnswer(
        people.colombia,
        registrationId,
        { mandate: 2, question },
        pdf(names[key]),
      ),
    ).id;
  }
  for (const key of ['pending', 'granted'] as const)
    value(
      await services.publication.requestNonDisclosure(people.colombia, registrationId, {
        scope: 'attachment',
        attachmentId: originals[key],
        letterReference: `Note ${key} 2027`,
      }),
    );
  const [granted] = await handle.db
    .select({ id: disclosureRequests.id })
    .from(disclosureRequests)
    .where(eq(disclosureRequests.attachmentId, originals.granted));
  value(
    await services.publication.decide(people.secretariat, granted.id, { decision: 'granted', chairReply: 'PCC-1' }),
  );

  updateId = value(
    await services.registration.createCycle(people.secretariat, {
      name: '2028 update',
      kind: 'update',
      opensAt: '2027-05-20T00:00:00Z',
      closesAt: '2027-08-30T00:00:00Z',
      publishesAt: '2027-09-01T00:00:00Z',
      timeZone: 'America/Bogota',
      previousCycleId: registrationId,
    }),
  ).id;
  clock = new Date('2027-05-21T00:00:00Z');
  value(await services.registration.questionnaire(people.colombia, updateId));
  const documents = value(await services.attachments.forQuestionnaire(people.colombia, updateId));
  for (const key of Object.keys(names) as Array<keyof typeof names>)
    carried[key] = documents.find((d) => d.fileName === names[key])!.id;
}, 240_000);
afterAll(() => handle?.close());

const load = async () =>
  disclosureLoader({
    request: new Request(`http://localhost/disclosure/${updateId}`),
    params: { cycleId: updateId },
    context: routeContext(services, people.colombia),
  });

type Body = { ok: boolean; message?: string };
async function ask(attachmentId: string, lang: Lang = 'en', letter?: string) {
  const form = new FormData();
  form.append('scope', 'attachment');
  form.append('attachmentId', attachmentId);
  form.append('letterReference', 'Note 99-2027 to the Chair');
  if (letter) form.append('letter', new Blob([new Uint8Array(makePdf(letter))]), letter);
  const result = await disclosureAction({
    request: new Request(`http://localhost/disclosure/${updateId}`, { method: 'POST', body: form }),
    params: { cycleId: updateId },
    context: routeContext(services, people.colombia, lang),
  });
  // A failure comes wrapped with its status by data(); success is the plain object.
  const wrapped = result as unknown as { data?: Body; init?: { status?: number } | null };
  return wrapped.data
    ? { status: wrapped.init?.status ?? 200, body: wrapped.data }
    : { status: 200, body: result as unknown as Body };
}
const requestsOn = async (attachmentId: string) =>
  handle.db.select().from(disclosureRequests).where(eq(disclosureRequests.attachmentId, attachmentId));
const letters = async () =>
  (await handle.db.select().from(attachments).where(eq(attachments.purpose, 'disclosure_letter'))).length;

const DUPLICATE =
  'This is already withheld, or a request to withhold it is waiting for the Chair’s decision: there is nothing to request again.';

describe('the non-disclosure form of an update cycle', () => {
  it('does not offer documents a carried-over request already withholds, and shows them as already requested', async () => {
    const page = await load();
    const byId = new Map(page.documents.map((d) => [d.id, d.alreadyRequested]));
    expect(byId.get(carried.pending)).toBe(true);
    expect(byId.get(carried.granted)).toBe(true);
    expect(byId.get(carried.free)).toBe(false);
    // The carried requests are listed above the form, with their documents.
    expect(
      page.requests
        .filter((r) => r.carriedOver)
        .map((r) => r.attachmentFileName)
        .sort(),
    ).toEqual(['granted.pdf', 'pending.pdf']);
  });

  it('refuses a duplicate request (409) in English and Spanish, before reading the letter, and records nothing', async () => {
    const lettersBefore = await letters();
    for (const key of ['pending', 'granted'] as const) {
      const english = await ask(carried[key], 'en', 'letter.pdf');
      expect(english).toEqual({ status: 409, body: expect.objectContaining({ ok: false, message: DUPLICATE }) });
      const spanish = await ask(carried[key], 'es');
      expect(spanish.status).toBe(409);
      expect(spanish.body.message).toBe(
        'Esto ya está reservado, o una solicitud para reservarlo espera la decisión de la Presidencia: no hay nada que volver a solicitar.',
      );
      expect(await requestsOn(carried[key])).toHaveLength(1); // the carried one only
    }
    expect(await letters()).toBe(lettersBefore);
  });

  it('takes a first request on another document, audited with the IP, then refuses it a second time', async () => {
    expect((await ask(carried.free)).body).toMatchObject({ ok: true });
    const [made] = await requestsOn(carried.free);
    const [entry] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'disclosure.requested'), eq(auditLog.subjectId, made.id)));
    expect(entry.ip).toBe('127.0.0.1');
    expect((await load()).documents.find((d) => d.id === carried.free)!.alreadyRequested).toBe(true);
    expect((await ask(carried.free)).status).toBe(409);
    expect(await requestsOn(carried.free)).toHaveLength(1);
  });

  it('offers a document again once a refusal’s amendment period is over and nothing withholds it', async () => {
    const [made] = await requestsOn(carried.free);
    value(await services.publication.decide(people.secretariat, made.id, { decision: 'refused', chairReply: 'PCC-2' }));
    expect((await load()).documents.find((d) => d.id === carried.free)!.alreadyRequested).toBe(true); // amending
    clock = new Date(clock.getTime() + 15 * DAY);
    expect((await load()).documents.find((d) => d.id === carried.free)!.alreadyRequested).toBe(false);
    expect((await ask(carried.free)).body).toMatchObject({ ok: true });
  });
});
