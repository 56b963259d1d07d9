import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations, publishedAnswers } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { disclose } from './publication.server';

const CANARY_FIELD = 'canary-7f3a-withheld-field';
const CANARY_QUESTION = 'canary-91bc-withheld-question';
const CANARY_DRAFT = 'canary-55de-never-submitted';

let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'chile' | 'jamaica', Actor>;
let cycleId: string;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const save = (who: Actor, input: Record<string, unknown>) =>
  services.registration.saveAnswer(who, cycleId, { baseVersion: 0, ...input });

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_admin',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  people.jamaica = await createActor(handle.db, 'state', 'national_coordinator', await orgId('JM'));
  const cycle = await services.registration.createCycle(people.secretariat, {
    name: '2027 registration',
    kind: 'registration',
    opensAt: '2027-01-01T00:00:00Z',
    closesAt: '2027-04-30T00:00:00Z',
    publishesAt: '2027-05-15T00:00:00Z',
    timeZone: 'America/Lima',
  });
  if (!cycle.ok) throw new Error(cycle.message);
  cycleId = cycle.value.id;

  await save(people.peru, { mandate: 2, question: 'Q1', progress: 'C' });
  await save(people.peru, {
    mandate: 2,
    question: 'Q2',
    summary: 'Judicial career law',
    full: `Internal negotiation details ${CANARY_FIELD}`,
  });
  await save(people.peru, {
    mandate: 1,
    question: 'Q3',
    summary: `Statistics ${CANARY_QUESTION}`,
    full: `More ${CANARY_QUESTION}`,
  });
  await save(people.chile, { mandate: 2, question: 'Q1', progress: 'D' });
  await save(people.chile, { mandate: 2, question: 'Q2', summary: 'Public procurement reform' });
  await save(people.jamaica, { mandate: 2, question: 'Q1', progress: 'A' });
  await save(people.jamaica, { mandate: 2, question: 'Q2', summary: `Draft only ${CANARY_DRAFT}` });

  expect(
    (
      await services.publication.requestNonDisclosure(people.peru, cycleId, {
        scope: 'field',
        mandate: 2,
        question: 'Q2',
        field: 'full',
        letterReference: 'Note 12-2027 to the Chair',
      })
    ).ok,
  ).toBe(true);
  const whole = await services.publication.requestNonDisclosure(people.peru, cycleId, {
    scope: 'question',
    mandate: 1,
    question: 'Q3',
    letterReference: 'Note 13-2027 to the Chair',
  });
  if (!whole.ok) throw new Error(whole.message);
  expect(
    (
      await services.publication.decide(people.secretariat, whole.value.id, {
        decision: 'granted',
        chairReply: 'Chair reply 3-2027',
        note: 'Agreed by the Chair',
      })
    ).ok,
  ).toBe(true);

  expect((await services.registration.submit(people.peru, cycleId)).ok).toBe(true);
  expect((await services.registration.submit(people.chile, cycleId)).ok).toBe(true);
  // Jamaica never submits: its draft must not be published.
});
afterAll(() => handle.close());

describe('non-disclosure', () => {
  it('is refused for a question the organization is never asked (a State and Q7), and nothing is recorded', async () => {
    const before = (await services.publication.listRequests(people.chile, cycleId)) as { ok: true; value: unknown[] };
    const refused = await services.publication.requestNonDisclosure(people.chile, cycleId, {
      scope: 'question',
      mandate: 2,
      question: 'Q7',
      letterReference: 'Note 14-2027 to the Chair',
    });
    expect(refused).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { question: [expect.stringContaining('not asked this question')] },
    });
    expect(
      ((await services.publication.listRequests(people.chile, cycleId)) as { ok: true; value: unknown[] }).value,
    ).toHaveLength(before.value.length);
    expect(services.registration.questionsFor('state')).not.toContain('Q7');
    expect(services.registration.questionsFor('jswg')).toContain('Q7');
  });

  it('is requested by the State’s focal points and decided by the Secretariat only', async () => {
    const delegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
    expect(
      await services.publication.requestNonDisclosure(delegate, cycleId, {
        scope: 'questionnaire',
        letterReference: 'x-1',
      }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      await services.publication.requestNonDisclosure(people.peru, cycleId, {
        scope: 'field',
        mandate: 2,
        letterReference: 'Note',
      }),
    ).toMatchObject({ ok: false, kind: 'invalid' });
    const requests = await services.publication.listRequests(people.chile, cycleId);
    expect(requests.ok && requests.value).toEqual([]);
    const pending = (await services.publication.listRequests(people.secretariat, cycleId)) as {
      ok: true;
      value: Array<{ id: string; decision: string }>;
    };
    const open = pending.value.find((r) => r.decision === 'pending')!;
    expect(
      await services.publication.decide(people.peru, open.id, {
        decision: 'refused',
        chairReply: 'Chair reply 4-2027',
      }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('withholds whole answers or single fields; a refused request withholds nothing', () => {
    const answer = { mandateId: 'm1', question: 'Q2' as const, summary: 's', full: 'f' };
    expect(
      disclose(answer, [{ scope: 'questionnaire', mandateId: null, question: null, field: null, decision: 'granted' }]),
    ).toBeNull();
    expect(
      disclose(answer, [{ scope: 'mandate', mandateId: 'm1', question: null, field: null, decision: 'pending' }]),
    ).toBeNull();
    expect(
      disclose(answer, [{ scope: 'mandate', mandateId: 'm2', question: null, field: null, decision: 'granted' }]),
    ).toEqual(answer);
    expect(
      disclose(answer, [{ scope: 'field', mandateId: 'm1', question: 'Q2', field: 'full', decision: 'pending' }]),
    ).toEqual({ ...answer, full: '' });
    expect(
      disclose(answer, [{ scope: 'question', mandateId: 'm1', question: 'Q2', field: null, decision: 'refused' }]),
    ).toEqual(answer);
  });
});

describe('publication', () => {
  it('is not due before its date, then publishes once however many times it runs', async () => {
    expect(await services.publication.publishCycle(cycleId)).toMatchObject({ ok: false, kind: 'conflict' });
    clock = new Date('2027-05-15T00:01:00Z');
    const runs = await Promise.all([
      services.publication.publishCycle(cycleId),
      services.publication.publishCycle(cycleId),
      services.publication.publishDue(),
    ]);
    expect(runs.filter((r) => typeof r === 'object' && r.ok)).toHaveLength(1);
    const rows = await handle.db.select().from(publishedAnswers).where(eq(publishedAnswers.cycleId, cycleId));
    expect(rows.length).toBe(4); // Peru Q1 + Q2 (full emptied), Chile Q1 + Q2; Peru's Q3 and Jamaica's draft are out
  });

  it('never shows a withheld or unsubmitted text in any public output', async () => {
    const outputs = [
      JSON.stringify(await services.publication.publicAnswers(cycleId)),
      JSON.stringify(await services.publication.publicAnswers(cycleId, 'PE')),
      JSON.stringify(await services.publication.distribution(cycleId)),
      JSON.stringify(await services.publication.exportCycle(cycleId, 'csv')),
      JSON.stringify(await services.publication.exportCycle(cycleId, 'json')),
      JSON.stringify(await services.directory.search({ q: 'canary' })),
    ];
    for (const output of outputs) {
      expect(output).not.toContain(CANARY_FIELD);
      expect(output).not.toContain(CANARY_QUESTION);
      expect(output).not.toContain(CANARY_DRAFT);
    }
    expect(outputs[0]).toContain('Judicial career law');
  });

  it('counts levels per mandate without naming or ordering States', async () => {
    const distribution = await services.publication.distribution(cycleId);
    if (!distribution.ok) throw new Error(distribution.message);
    expect(distribution.value.mandates).toEqual([{ mandate: 2, counts: { A: 0, B: 0, C: 1, D: 1 } }]);
    expect(JSON.stringify(distribution.value.mandates)).not.toMatch(/PE|CL|Peru|Chile/);
    // Who published is listed apart from the counts (the page sorts them alphabetically); a draft is not there.
    expect(distribution.value.organizations.map((o) => o.code).sort()).toEqual(['CL', 'PE']);
  });

  it('exports CSV that spreadsheets read safely', async () => {
    await handle.db
      .update(publishedAnswers)
      .set({ summary: '=HYPERLINK("http://evil")' })
      .where(eq(publishedAnswers.question, 'Q2'));
    const csv = await services.publication.exportCycle(cycleId, 'csv');
    if (!csv.ok) throw new Error(csv.message);
    expect(csv.value.split('\r\n')[0]).toBe(
      'organization,organization_name,mandate,indicator,question,progress,summary,full,assistance_types,attachments',
    );
    expect(csv.value).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('applies a grant decided after publication at every read', async () => {
    const late = await services.publication.requestNonDisclosure(people.chile, cycleId, {
      scope: 'mandate',
      mandate: 2,
      letterReference: 'Late note to the Chair',
    });
    expect(late.ok).toBe(true);
    const chile = await services.publication.publicAnswers(cycleId, 'CL');
    expect(chile.ok && chile.value.answers).toEqual([]);
  });
});

describe('an update cycle', () => {
  it('keeps withheld what the State withheld in the cycle it carries answers from', async () => {
    const update = await services.registration.createCycle(people.secretariat, {
      name: '2028 update',
      kind: 'update',
      opensAt: '2027-05-20T00:00:00Z',
      closesAt: '2027-06-30T00:00:00Z',
      publishesAt: '2027-07-01T00:00:00Z',
      timeZone: 'America/Lima',
      previousCycleId: cycleId,
    });
    if (!update.ok) throw new Error(update.message);
    clock = new Date('2027-05-21T00:00:00Z');
    const draft = await services.registration.questionnaire(people.peru, update.value.id);
    expect(draft.ok && draft.value.answers.find((a) => a.mandate === 2 && a.question === 'Q2')?.full).toContain(
      CANARY_FIELD,
    );
    const carried = await services.publication.listRequests(people.peru, update.value.id);
    expect(carried.ok && carried.value.map((r) => [r.scope, r.decision]).sort()).toEqual([
      ['field', 'pending'],
      ['question', 'granted'],
    ]);
    expect((await services.registration.submit(people.peru, update.value.id)).ok).toBe(true);

    clock = new Date('2027-07-01T00:01:00Z');
    expect((await services.publication.publishCycle(update.value.id)).ok).toBe(true);
    const published = JSON.stringify(await services.publication.publicAnswers(update.value.id, 'PE'));
    expect(published).toContain('Judicial career law');
    expect(published).not.toContain(CANARY_FIELD);
    expect(published).not.toContain(CANARY_QUESTION);
  });
});
