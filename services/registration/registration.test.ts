import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { assistanceRequests, auditLog, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { servicesEs } from '../messages/es';
import { createLocalizer, localizeServices } from '../messages/localize';

let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'coordinator' | 'delegate' | 'deputy' | 'chile' | 'oas', Actor>;
let cycleId: string;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.coordinator = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.deputy = await createActor(handle.db, 'state', 'deputy_focal_point', await orgId('PE'));
  people.delegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'delegate', await orgId('CL'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  const cycle = await services.registration.createCycle(people.secretariat, {
    name: '2027 registration',
    kind: 'registration',
    opensAt: '2027-01-01T00:00:00Z',
    closesAt: '2027-04-30T23:59:00Z',
    publishesAt: '2027-05-15T12:00:00Z',
    timeZone: 'America/Lima',
  });
  if (!cycle.ok) throw new Error(cycle.message);
  cycleId = cycle.value.id;
});
afterAll(() => handle.close());

describe('reporting cycles', () => {
  it('are created by the Secretariat only, with coherent dates and a real time zone', async () => {
    expect(await services.registration.createCycle(people.coordinator, { name: 'x' })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    const bad = await services.registration.createCycle(people.secretariat, {
      name: '2028 update',
      kind: 'update',
      opensAt: '2028-04-01',
      closesAt: '2028-01-01',
      publishesAt: '2027-12-01',
      timeZone: 'Mars/Olympus',
    });
    expect(bad).toMatchObject({ ok: false, kind: 'invalid' });
    if (!bad.ok && bad.kind === 'invalid')
      expect(Object.keys(bad.fieldErrors ?? {})).toEqual(
        expect.arrayContaining(['closesAt', 'publishesAt', 'timeZone', 'previousCycleId']),
      );
  });
});

describe('answers', () => {
  it('refuses a text over its limit with "at most" and the number in the reader’s language (outside tester)', async () => {
    const tooLong = {
      mandate: 3,
      question: 'Q2',
      summary: 'x'.repeat(2_001),
      full: 'y'.repeat(20_001),
      baseVersion: 0,
    };
    expect(await services.registration.saveAnswer(people.delegate, cycleId, tooLong)).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: {
        summary: ['The summary has at most 2,000 characters.'],
        full: ['The full answer has at most 20,000 characters.'],
      },
    });
    const spanish = localizeServices(services, createLocalizer(servicesEs));
    expect(await spanish.registration.saveAnswer(people.delegate, cycleId, tooLong)).toMatchObject({
      fieldErrors: {
        summary: ['El resumen tiene como máximo 2.000 caracteres.'],
        full: ['La respuesta completa tiene como máximo 20.000 caracteres.'],
      },
    });
  });

  it('saves with a version, keeps every version, and refuses a stale save with both versions shown', async () => {
    const first = await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 2,
      question: 'Q2',
      summary: 'Judicial career law adopted',
      full: 'Law 30000 created the judicial career.',
      baseVersion: 0,
    });
    if (!first.ok) throw new Error(first.message);
    expect(first.value.version).toBe(1);
    const deputyEdit = await services.registration.saveAnswer(people.deputy, cycleId, {
      mandate: 2,
      question: 'Q2',
      summary: 'Judicial career law adopted in 2026',
      full: 'Law 30000 (2026) created the judicial career.',
      baseVersion: 1,
    });
    expect(deputyEdit).toMatchObject({ ok: true, value: { version: 2 } });
    const stale = await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 2,
      question: 'Q2',
      summary: 'My late edit',
      baseVersion: 1,
    });
    expect(stale).toMatchObject({
      ok: false,
      kind: 'conflict',
      theirs: { version: 2, summary: 'Judicial career law adopted in 2026' },
      mine: { summary: 'My late edit' },
    });
    const history = await services.registration.history(people.coordinator, first.value.id);
    expect(history.ok && history.value.map((v) => v.summary)).toEqual([
      'Judicial career law adopted',
      'Judicial career law adopted in 2026',
    ]);
    expect(await services.registration.history(people.chile, first.value.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
  });

  it('asks Q4/Q5 of States only and Q7 of JSWG organizations only, and checks Q1 levels', async () => {
    expect(
      await services.registration.saveAnswer(people.oas, cycleId, {
        mandate: 1,
        question: 'Q4',
        summary: 'x',
        baseVersion: 0,
      }),
    ).toMatchObject({ ok: false, kind: 'invalid' });
    expect(
      await services.registration.saveAnswer(people.delegate, cycleId, {
        mandate: 1,
        question: 'Q7',
        summary: 'x',
        baseVersion: 0,
      }),
    ).toMatchObject({ ok: false, kind: 'invalid' });
    expect(
      (
        await services.registration.saveAnswer(people.oas, cycleId, {
          mandate: 1,
          question: 'Q7',
          summary: 'Training for judges',
          baseVersion: 0,
        })
      ).ok,
    ).toBe(true);
    expect(
      await services.registration.saveAnswer(people.delegate, cycleId, { mandate: 1, question: 'Q1', baseVersion: 0 }),
    ).toMatchObject({ ok: false, fieldErrors: { progress: expect.any(Array) } });
    expect(
      await services.registration.saveAnswer(people.delegate, cycleId, {
        mandate: 1,
        question: 'Q1',
        progress: 'E',
        baseVersion: 0,
      }),
    ).toMatchObject({ ok: false, kind: 'invalid' });
    expect(
      await services.registration.saveAnswer(people.delegate, cycleId, {
        mandate: 99,
        question: 'Q2',
        summary: 'x',
        baseVersion: 0,
      }),
    ).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('turns a Q4 answer that asks for assistance into a draft request linked to it, updated in place', async () => {
    const q4 = await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 3,
      question: 'Q4',
      summary: 'Civic education curriculum',
      full: 'We need policy design support to build a civic education curriculum on integrity for secondary schools.',
      assistanceTypes: ['policy_design'],
      baseVersion: 0,
    });
    if (!q4.ok) throw new Error(q4.message);
    const [request] = await handle.db
      .select()
      .from(assistanceRequests)
      .where(eq(assistanceRequests.sourceAnswerId, q4.value.id));
    expect(request).toMatchObject({ publishedAt: null, status: 'open', types: ['policy_design'] });
    await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 3,
      question: 'Q4',
      summary: 'Civic education curriculum',
      full: 'We need policy design and capacity-building support to build a civic education curriculum on integrity.',
      assistanceTypes: ['policy_design', 'capacity_building'],
      baseVersion: 1,
    });
    const linked = await handle.db
      .select()
      .from(assistanceRequests)
      .where(eq(assistanceRequests.sourceAnswerId, q4.value.id));
    expect(linked).toHaveLength(1);
    expect(linked[0].types).toEqual(['policy_design', 'capacity_building']);
  });

  it('shows completeness as counts of answered questions, per mandate and overall', async () => {
    await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 2,
      question: 'Q1',
      progress: 'C',
      baseVersion: 0,
    });
    const q = await services.registration.questionnaire(people.coordinator, cycleId);
    if (!q.ok) throw new Error(q.message);
    const mandate2 = q.value.completeness.perMandate.find((m) => m.mandate === 2)!;
    expect(mandate2).toMatchObject({ answered: 2, of: 6 });
    expect(mandate2.missing).toEqual(['Q3', 'Q4', 'Q5', 'Q6']);
    expect(q.value.completeness.total).toBe(57 * 6);
    expect(
      await services.registration.questionnaire(people.chile, cycleId, people.coordinator.organizationId),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
  });
});

describe('submission, windows and reopening', () => {
  it('only the National Coordinator submits; a submitted questionnaire is locked until the Secretariat reopens it with a reason', async () => {
    expect(await services.registration.submit(people.delegate, cycleId)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    const submitted = await services.registration.submit(people.coordinator, cycleId);
    if (!submitted.ok) throw new Error(submitted.message);
    expect(
      await services.registration.saveAnswer(people.delegate, cycleId, {
        mandate: 2,
        question: 'Q3',
        summary: 'late',
        baseVersion: 0,
      }),
    ).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/locked/) });
    expect(
      await services.registration.reopen(people.coordinator, submitted.value.id, 'Please reopen for us'),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.registration.reopen(people.secretariat, submitted.value.id, 'short')).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    expect(
      (
        await services.registration.reopen(
          people.secretariat,
          submitted.value.id,
          'Late update agreed with the Chair on 2027-05-20',
        )
      ).ok,
    ).toBe(true);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'questionnaire.reopened'));
    expect(entry.data).toEqual({ reason: 'Late update agreed with the Chair on 2027-05-20' });
  });

  it('is read-only outside the window, except for a reopened questionnaire', async () => {
    clock = new Date('2027-06-01T12:00:00Z');
    expect(
      await services.registration.saveAnswer(people.oas, cycleId, {
        mandate: 2,
        question: 'Q2',
        summary: 'after the close',
        baseVersion: 0,
      }),
    ).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/closed/) });
    expect(
      (
        await services.registration.saveAnswer(people.delegate, cycleId, {
          mandate: 2,
          question: 'Q3',
          summary: 'agreed late update',
          baseVersion: 0,
        })
      ).ok,
    ).toBe(true);
    clock = new Date('2027-02-01T12:00:00Z');
  });

  it('gives the Secretariat each organization’s status without any score', async () => {
    const board = await services.registration.statusBoard(people.secretariat, cycleId);
    if (!board.ok) throw new Error(board.message);
    expect(board.value.find((o) => o.code === 'PE')?.status).toBe('drafting');
    expect(board.value.find((o) => o.code === 'JM')?.status).toBe('not_started');
    expect(Object.keys(board.value[0]).sort()).toEqual([
      'code',
      'kind',
      'nameEn',
      'nameEs',
      'organizationId',
      'questionnaireId',
      'status',
      'submittedAt',
    ]);
    // Merely opening a questionnaire does not make an organization "drafting".
    await services.registration.questionnaire(people.chile, cycleId);
    const again = await services.registration.statusBoard(people.secretariat, cycleId);
    expect(again.ok && again.value.find((o) => o.code === 'CL')?.status).toBe('not_started');
    expect(await services.registration.statusBoard(people.coordinator, cycleId)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
  });

  it('starts an update cycle from the previous answers, marked as carried over until edited', async () => {
    const update = await services.registration.createCycle(people.secretariat, {
      name: '2028 update',
      kind: 'update',
      opensAt: '2027-01-15T00:00:00Z',
      closesAt: '2027-12-31T00:00:00Z',
      publishesAt: '2028-01-15T00:00:00Z',
      timeZone: 'America/Lima',
      previousCycleId: cycleId,
    });
    if (!update.ok) throw new Error(update.message);
    const q = await services.registration.questionnaire(people.coordinator, update.value.id);
    if (!q.ok) throw new Error(q.message);
    const carried = q.value.answers.find((a) => a.mandate === 2 && a.question === 'Q2')!;
    expect(carried).toMatchObject({ carriedOver: true, summary: 'Judicial career law adopted in 2026', version: 1 });
    const edited = await services.registration.saveAnswer(people.delegate, update.value.id, {
      mandate: 2,
      question: 'Q2',
      summary: 'Updated for 2028',
      baseVersion: 1,
    });
    expect(edited).toMatchObject({ ok: true, value: { carriedOver: false, version: 2 } });
    // The history starts at the carried-over text, so the first edit has something to compare with.
    const history = await services.registration.history(people.coordinator, carried.id);
    expect(history.ok && history.value.map((v) => [v.version, v.summary])).toEqual([
      [1, 'Judicial career law adopted in 2026'],
      [2, 'Updated for 2028'],
    ]);
  });

  it('refuses a civil-society member their “own” questionnaire as forbidden, not as a bad request', async () => {
    const cso = await createActor(handle.db, 'civil_society', 'civil_society_member');
    expect(await services.registration.questionnaire(cso, cycleId)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.registration.questionnaire(people.secretariat, cycleId, cso.organizationId)).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
  });
});
