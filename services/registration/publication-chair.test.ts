import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import {
  attachments,
  mailOutbox,
  notifications,
  organizations,
  publishedAnswers,
  questionnairePublications,
} from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { chunksOf } from '../storage/file-store';
import { makePdf } from '../storage/pdf';
import { disclose, withholds } from './publication.server';

// Issue 13, item 4: non-disclosure is requested "in a written communication addressed to the Summits Chair". The
// decision is the Chair's, recorded by the Secretariat with the Chair's written reply; a refusal gives the State a
// period (DISCLOSURE_AMEND_DAYS, 14 by default) to amend or withdraw the content before anything is published.
const CANARY_PERU = 'canary-c41r-refused-peru';
const CANARY_CHILE = 'canary-c42r-withdrawn-chile';
const CANARY_LATE = 'canary-c43r-refused-after-publication';
const DAY = 24 * 60 * 60 * 1000;

let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'peruDeputy' | 'chile' | 'colombia', Actor>;
let cycleId: string;
const requestIds = {} as Record<'peru' | 'chile' | 'late', string>;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const save = (who: Actor, input: Record<string, unknown>) =>
  services.registration.saveAnswer(who, cycleId, { baseVersion: 0, ...input });
const request = async (who: Actor, input: Record<string, unknown>) => {
  const made = await services.publication.requestNonDisclosure(who, cycleId, input);
  if (!made.ok) throw new Error(made.message);
  return made.value.id;
};
/** Everything a visitor can read of the cycle: the pages' data, the exports, and the mandate pages. */
const publicOutputs = async () =>
  JSON.stringify([
    await services.publication.publicAnswers(cycleId),
    await services.publication.publicAnswers(cycleId, 'PE'),
    await services.publication.publicAnswers(cycleId, 'CL'),
    await services.publication.exportCycle(cycleId, 'csv'),
    await services.publication.exportCycle(cycleId, 'json'),
    await services.results.mandateResults({ cycleId, number: 2 }),
    await services.results.mandateResults({ cycleId, number: 3 }),
  ]);

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
  people.peruDeputy = await createActor(handle.db, 'state', 'deputy_focal_point', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  people.colombia = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CO'));
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
  expect(
    (
      await save(people.peru, {
        mandate: 2,
        question: 'Q2',
        summary: 'Peru judicial career law',
        full: `Negotiation details ${CANARY_PERU}`,
      })
    ).ok,
  ).toBe(true);
  expect((await save(people.chile, { mandate: 2, question: 'Q2', summary: 'Chile procurement reform' })).ok).toBe(true);
  expect(
    (await save(people.chile, { mandate: 3, question: 'Q3', summary: `Chile sensitive ${CANARY_CHILE}` })).ok,
  ).toBe(true);
  expect(
    (await save(people.chile, { mandate: 2, question: 'Q6', summary: `Chile late regret ${CANARY_LATE}` })).ok,
  ).toBe(true);
  requestIds.peru = await request(people.peru, {
    scope: 'field',
    mandate: 2,
    question: 'Q2',
    field: 'full',
    letterReference: 'Note 21-2027 to the Chair',
  });
  requestIds.chile = await request(people.chile, {
    scope: 'question',
    mandate: 3,
    question: 'Q3',
    letterReference: 'Note 22-2027 to the Chair',
  });
  expect((await services.registration.submit(people.peru, cycleId)).ok).toBe(true);
  expect((await services.registration.submit(people.chile, cycleId)).ok).toBe(true);
});
afterAll(() => handle.close());

describe('the Chair’s decision, recorded by the Secretariat', () => {
  it('is the Secretariat’s to record, and needs the reference of the Chair’s written reply', async () => {
    expect(
      await services.publication.decide(people.peru, requestIds.peru, { decision: 'refused', chairReply: 'Reply 1' }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      await services.publication.decide(people.secretariat, requestIds.peru, { decision: 'refused' }),
    ).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { chairReply: [expect.stringContaining('Chair’s written reply')] },
    });
    expect(
      await services.publication.decide(people.secretariat, requestIds.peru, {
        decision: 'maybe',
        chairReply: 'Reply 1',
      }),
    ).toMatchObject({ ok: false, kind: 'invalid' });
    const listed = await services.publication.listRequests(people.secretariat, cycleId);
    expect(listed.ok && listed.value.every((r) => r.decision === 'pending')).toBe(true);
  });

  it('a pending request withholds', async () => {
    expect(
      withholds({ scope: 'questionnaire', mandateId: null, question: null, field: null, decision: 'pending' }),
    ).toBe(true);
  });

  it('records a refusal as the Chair’s, with the reply attached, gives the State 14 days and tells it', async () => {
    clock = new Date('2027-05-10T09:00:00Z');
    const reply = { fileName: 'chair-reply-21.pdf', data: chunksOf(makePdf('The Chair does not agree'), 512) };
    const refused = await services.publication.decide(
      people.secretariat,
      requestIds.peru,
      { decision: 'refused', chairReply: 'Chair’s note 5-2027', note: 'Information already public' },
      reply,
    );
    if (!refused.ok) throw new Error(refused.message);
    expect(refused.value).toMatchObject({
      decision: 'refused',
      chairReplyReference: 'Chair’s note 5-2027',
      decidedBy: people.secretariat.userId,
      amendUntil: new Date(clock.getTime() + 14 * DAY),
    });
    const [file] = await handle.db
      .select()
      .from(attachments)
      .where(eq(attachments.id, refused.value.chairReplyAttachmentId!));
    expect(file).toMatchObject({
      fileName: 'chair-reply-21.pdf',
      purpose: 'disclosure_letter',
      disclosureRequestId: requestIds.peru,
    });
    // The State sees the Chair's reply beside its request; it is not mistaken for the State's own letter.
    const mine = await services.publication.listRequests(people.peru, cycleId);
    expect(mine.ok && mine.value.find((r) => r.id === requestIds.peru)).toMatchObject({
      letter: null,
      chairReplyFile: { fileName: 'chair-reply-21.pdf' },
    });
    // Peru's focal points are told, in the app and by e-mail; nobody of another State is.
    const told = await handle.db.select().from(notifications).where(eq(notifications.kind, 'disclosure.refused'));
    expect(told.map((n) => n.userId).sort()).toEqual([people.peru.userId, people.peruDeputy.userId].sort());
    const mails = await handle.db.select().from(mailOutbox);
    expect(
      mails.some((m) => m.subject.includes('refused a non-disclosure request') && m.body.includes('2027-05-24')),
    ).toBe(true);
    expect(
      await services.publication.decide(people.secretariat, requestIds.peru, {
        decision: 'granted',
        chairReply: 'Another reply',
      }),
    ).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it('takes the period from DISCLOSURE_AMEND_DAYS', async () => {
    const shorter = createServices({ db: handle.db, now: () => clock, disclosureAmendDays: 3 });
    const refused = await shorter.publication.decide(people.secretariat, requestIds.chile, {
      decision: 'refused',
      chairReply: 'Chair’s note 6-2027',
    });
    expect(refused).toMatchObject({ ok: true, value: { amendUntil: new Date(clock.getTime() + 3 * DAY) } });
  });

  it('publishes nothing refused while the period runs', async () => {
    clock = new Date('2027-05-15T00:01:00Z');
    expect((await services.publication.publishCycle(cycleId)).ok).toBe(true);
    const outputs = await publicOutputs();
    expect(outputs).toContain('Peru judicial career law');
    expect(outputs).not.toContain(CANARY_PERU);
    // Chile's period (3 days) ended on 13 May without a withdrawal: its content is published with the cycle.
    expect(outputs).toContain(CANARY_CHILE);
  });
});

describe('the State, during the period', () => {
  it('lets only the State withdraw its content, and only within the period', async () => {
    expect(await services.publication.withdrawContent(people.colombia, requestIds.peru)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.publication.withdrawContent(people.secretariat, requestIds.peru)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    // Chile's period ended on 13 May: too late to withdraw. The release finds it already published (no new version).
    expect(await services.publication.withdrawContent(people.chile, requestIds.chile)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await services.publication.publishDue()).toBe(0);
    const chile = await services.publication.publicationHistory(cycleId, 'CL');
    expect(chile.ok && chile.value.map((v) => v.version)).toEqual([1]);
  });

  it('amends the content through a late update; the amendment is published when the period ends, the first text never', async () => {
    clock = new Date('2027-05-16T10:00:00Z');
    const [peruQuestionnaire] = await handle.db
      .select({ id: questionnairePublications.questionnaireId })
      .from(questionnairePublications)
      .where(eq(questionnairePublications.organizationId, people.peru.organizationId));
    expect(
      (
        await services.registration.reopen(
          people.secretariat,
          peruQuestionnaire.id,
          'Amendment after the Chair’s refusal',
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await services.registration.saveAnswer(people.peru, cycleId, {
          mandate: 2,
          question: 'Q2',
          summary: 'Peru judicial career law',
          full: 'Amended: the law was enacted in April',
          baseVersion: 1,
        })
      ).ok,
    ).toBe(true);
    clock = new Date('2027-05-16T11:00:00Z');
    expect((await services.registration.submit(people.peru, cycleId)).ok).toBe(true);
    await expect
      .poll(
        async () =>
          (
            await handle.db
              .select()
              .from(questionnairePublications)
              .where(eq(questionnairePublications.questionnaireId, peruQuestionnaire.id))
          ).length,
      )
      .toBe(2);
    // Still within the period: the amended full text waits too.
    expect(await publicOutputs()).not.toContain('Amended: the law was enacted');
    expect(await services.publication.publishDue()).toBe(0);

    clock = new Date('2027-05-24T09:00:01Z');
    const runs = await Promise.all([services.publication.publishDue(), services.publication.publishDue()]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    const outputs = await publicOutputs();
    expect(outputs).toContain('Amended: the law was enacted in April');
    expect(outputs).not.toContain(CANARY_PERU);
    const history = await services.publication.publicationHistory(cycleId, 'PE');
    expect(history.ok && history.value.map((v) => v.version)).toEqual([3, 2, 1]);
  });
});

describe('a refusal after publication', () => {
  it('takes the refused content out of the public snapshot at once, and a withdrawal keeps it out', async () => {
    clock = new Date('2027-06-01T10:00:00Z');
    expect(await publicOutputs()).toContain(CANARY_LATE);
    requestIds.late = await request(people.chile, {
      scope: 'question',
      mandate: 2,
      question: 'Q6',
      letterReference: 'Note 30-2027 to the Chair',
    });
    expect(await publicOutputs()).not.toContain(CANARY_LATE); // pending withholds at every read
    expect(
      (
        await services.publication.decide(people.secretariat, requestIds.late, {
          decision: 'refused',
          chairReply: 'Chair’s note 9-2027',
        })
      ).ok,
    ).toBe(true);
    expect(await publicOutputs()).not.toContain(CANARY_LATE);
    const snapshot = await handle.db
      .select()
      .from(publishedAnswers)
      .where(
        and(eq(publishedAnswers.cycleId, cycleId), eq(publishedAnswers.organizationId, people.chile.organizationId)),
      );
    expect(JSON.stringify(snapshot)).not.toContain(CANARY_LATE);
    expect(JSON.stringify(snapshot)).toContain('Chile procurement reform');

    const withdrawn = await services.publication.withdrawContent(people.chile, requestIds.late);
    expect(withdrawn).toMatchObject({ ok: true, value: { withdrawnBy: people.chile.userId } });
    expect(await services.publication.withdrawContent(people.chile, requestIds.late)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    clock = new Date('2027-07-01T00:00:00Z');
    expect(await services.publication.publishDue()).toBe(0);
    expect(await publicOutputs()).not.toContain(CANARY_LATE);
  });

  it('the pure rule: refused withholds during the period and after a withdrawal only', () => {
    const answer = { mandateId: 'm1', question: 'Q2' as const, summary: 's', full: 'f' };
    const refused = {
      scope: 'question' as const,
      mandateId: 'm1',
      question: 'Q2' as const,
      field: null,
      decision: 'refused' as const,
    };
    const at = new Date('2027-05-10T00:00:00Z');
    expect(disclose(answer, [{ ...refused, amendUntil: new Date('2027-05-11T00:00:00Z') }], at)).toBeNull();
    expect(disclose(answer, [{ ...refused, amendUntil: new Date('2027-05-09T00:00:00Z') }], at)).toEqual(answer);
    expect(
      disclose(
        answer,
        [{ ...refused, amendUntil: new Date('2027-05-09T00:00:00Z'), withdrawnAt: new Date('2027-05-08T00:00:00Z') }],
        at,
      ),
    ).toBeNull();
  });
});
