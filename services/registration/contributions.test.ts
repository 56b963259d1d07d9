import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, contributions, notifications, organizations, questionnaires } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor, createOrganization } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { createContributionsService } from './contributions.server';

let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
const people = {} as Record<
  | 'secretariat'
  | 'coordinator'
  | 'deputy'
  | 'delegate'
  | 'chile'
  | 'chileCoordinator'
  | 'oas'
  | 'cso'
  | 'csoColleague'
  | 'otherCso',
  Actor
>;
let cycleId: string;
let csoId: string;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const peruAnswer = async (mandate: number, question: string) => {
  const q = must(await services.registration.questionnaire(people.coordinator, cycleId));
  return q.answers.find((a) => a.mandate === mandate && a.question === question);
};

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
  people.chileCoordinator = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  csoId = (await createOrganization(handle.db, 'civil_society', 'CSO-TEST')).id;
  people.cso = await createActor(handle.db, 'civil_society', 'civil_society_member', csoId);
  people.csoColleague = await createActor(handle.db, 'civil_society', 'civil_society_member', csoId);
  people.otherCso = await createActor(handle.db, 'civil_society', 'civil_society_member');
  cycleId = must(
    await services.registration.createCycle(people.secretariat, {
      name: '2027 registration',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T23:59:00Z',
      publishesAt: '2027-05-15T12:00:00Z',
      timeZone: 'America/Lima',
    }),
  ).id;
  must(
    await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 2,
      question: 'Q2',
      summary: 'Judicial career law adopted',
      full: 'Law 30000 created the judicial career.',
      baseVersion: 0,
    }),
  );
  must(
    await services.registration.saveAnswer(people.delegate, cycleId, {
      mandate: 3,
      question: 'Q2',
      summary: 'Pilot in schools',
      full: 'Internal pilot figures.',
      baseVersion: 0,
    }),
  );
  must(
    await services.registration.saveAnswer(people.chile, cycleId, {
      mandate: 2,
      question: 'Q2',
      summary: 'Chile: judicial academy',
      baseVersion: 0,
    }),
  );
  // Peru withholds mandate 3's Q2 (pending request): the invited organization must not read it either.
  must(
    await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
      scope: 'question',
      mandate: 3,
      question: 'Q2',
      letterReference: 'Note 1 to the Chair',
    }),
  );
});
afterAll(() => handle.close());

describe('invitations', () => {
  it('are made by the State’s focal points only, to a civil-society organization only, once', async () => {
    const c = services.contributions;
    expect(await c.invite(people.delegate, cycleId, { organizationId: csoId })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await c.invite(people.oas, cycleId, { organizationId: csoId })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await c.invite(people.cso, cycleId, { organizationId: csoId })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await c.invite(people.coordinator, cycleId, { organizationId: await orgId('OAS') })).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    expect(await c.invite(people.coordinator, cycleId, { organizationId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { organizationId: expect.any(Array) },
    });
    expect(
      (await c.invite(people.coordinator, cycleId, { organizationId: csoId, note: 'Please look at mandate 2.' })).ok,
    ).toBe(true);
    expect(await c.invite(people.deputy, cycleId, { organizationId: csoId })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    // Both members of the organization are told; nobody else.
    const told = await handle.db.select().from(notifications).where(eq(notifications.kind, 'contribution.invited'));
    expect(told.map((n) => n.userId).sort()).toEqual([people.cso.userId, people.csoColleague.userId].sort());
    const overview = must(await c.stateOverview(people.coordinator, cycleId));
    expect(overview.invitations).toMatchObject([
      { code: 'CSO-TEST', note: 'Please look at mandate 2.', revokedAt: null },
    ]);
    expect(overview.canManage).toBe(true);
    expect(must(await c.stateOverview(people.delegate, cycleId)).canManage).toBe(false);
    expect(await c.civilSocietyOrganizations(people.delegate)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(must(await c.civilSocietyOrganizations(people.coordinator)).every((o) => o.code !== 'OAS')).toBe(true);
  });

  it('let an invited member read the State’s current draft of that questionnaire only, without withheld items', async () => {
    const c = services.contributions;
    const draft = must(await c.draftForContributor(people.cso, cycleId, 'PE'));
    expect(draft.answers.map((a) => [a.mandate, a.question, a.summary])).toEqual([
      [2, 'Q2', 'Judicial career law adopted'],
    ]);
    expect(JSON.stringify(draft)).not.toContain('Internal pilot figures');
    expect(draft.questions).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']);
    expect(draft.mandates).toHaveLength(57);
    // Never another State's, never for an organization that was not invited, never for anyone else.
    expect(await c.draftForContributor(people.cso, cycleId, 'CL')).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await c.draftForContributor(people.otherCso, cycleId, 'PE')).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await c.draftForContributor(people.chile, cycleId, 'PE')).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await c.draftForContributor(null, cycleId, 'PE')).toMatchObject({ ok: false, kind: 'forbidden' });
    // The registration service itself still refuses a civil-society member.
    expect((await services.registration.questionnaire(people.cso, cycleId, people.coordinator.organizationId)).ok).toBe(
      false,
    );
    const mine = must(await c.mine(people.cso));
    expect(mine.invitations).toMatchObject([{ stateCode: 'PE', open: true, revoked: false }]);
    expect(must(await c.mine(people.otherCso)).invitations).toEqual([]);
  });
});

describe('proposals', () => {
  it('are validated: question asked of States, known mandate, text neither empty nor oversize', async () => {
    const c = services.contributions;
    expect(await c.propose(people.cso, cycleId, 'PE', { mandate: 2, question: 'Q7', text: 'An offer' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { question: expect.any(Array) },
    });
    expect(
      await c.propose(people.cso, cycleId, 'PE', { mandate: 99, question: 'Q2', text: 'Something' }),
    ).toMatchObject({ ok: false, kind: 'invalid', fieldErrors: { mandate: expect.any(Array) } });
    expect(await c.propose(people.cso, cycleId, 'PE', { mandate: 2, question: 'Q2', text: '   ' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { text: expect.any(Array) },
    });
    expect(
      await c.propose(people.cso, cycleId, 'PE', { mandate: 2, question: 'Q2', text: 'x'.repeat(5_001) }),
    ).toMatchObject({ ok: false, kind: 'invalid', fieldErrors: { text: expect.any(Array) } });
    expect(
      await c.propose(people.otherCso, cycleId, 'PE', { mandate: 2, question: 'Q2', text: 'Uninvited' }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      await c.propose(people.delegate, cycleId, 'PE', { mandate: 2, question: 'Q2', text: 'Not civil society' }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    const row = must(
      await c.propose(people.cso, cycleId, 'PE', {
        mandate: 2,
        question: 'Q2',
        text: 'Our monitoring found 40 judges appointed by merit in 2026.',
      }),
    );
    expect(row).toMatchObject({ status: 'proposed', question: 'Q2', indicatorCode: '' });
    // The State's focal points are told.
    const told = await handle.db.select().from(notifications).where(eq(notifications.kind, 'contribution.proposed'));
    expect(new Set(told.map((n) => n.userId))).toEqual(new Set([people.coordinator.userId, people.deputy.userId]));
  });

  it('can be withdrawn by the organization while proposed, never by another one', async () => {
    const c = services.contributions;
    const row = must(await c.propose(people.cso, cycleId, 'PE', { mandate: 5, question: 'Q3', text: 'Draft thought' }));
    expect(await c.withdraw(people.otherCso, row.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await c.withdraw(people.coordinator, row.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect((await c.withdraw(people.csoColleague, row.id)).ok).toBe(true);
    expect(await c.withdraw(people.cso, row.id)).toMatchObject({ ok: false, kind: 'conflict' });
  });
});

describe('decisions', () => {
  it('accept: the text enters the answer, attributed, as a new version; the flag is set; deciding twice is refused', async () => {
    const c = services.contributions;
    const [proposed] = must(await c.forState(people.delegate, cycleId)).contributions.filter(
      (x) => x.status === 'proposed',
    );
    expect(proposed).toMatchObject({
      mandate: 2,
      question: 'Q2',
      answer: { version: 1, summary: 'Judicial career law adopted' },
    });
    expect(await c.accept(people.chileCoordinator, cycleId, proposed.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await c.accept(people.cso, cycleId, proposed.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    const accepted = must(await c.accept(people.delegate, cycleId, proposed.id));
    expect(accepted.version).toBe(2);
    expect(accepted.contribution).toMatchObject({
      status: 'accepted',
      acceptedIntoVersion: 2,
      decidedBy: people.delegate.userId,
    });
    const answer = await peruAnswer(2, 'Q2');
    expect(answer).toMatchObject({ version: 2, summary: 'Judicial career law adopted' });
    expect(answer!.full).toBe(
      'Law 30000 created the judicial career.\n\nContribution from CSO-TEST (en): Our monitoring found 40 judges appointed by merit in 2026.',
    );
    const [q] = await handle.db
      .select()
      .from(questionnaires)
      .where(
        and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.organizationId, people.coordinator.organizationId)),
      );
    expect(q.civilSocietyContributed).toBe(true);
    expect(await c.accept(people.coordinator, cycleId, proposed.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await c.leaveOut(people.coordinator, cycleId, proposed.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect((await peruAnswer(2, 'Q2'))!.version).toBe(2);
    const mine = must(await c.mine(people.cso));
    expect(mine.contributions.find((x) => x.id === proposed.id)).toMatchObject({ status: 'accepted', stateCode: 'PE' });
  });

  it('accept retries from the fresh version when someone saves the answer meanwhile: nothing is lost', async () => {
    const proposal = must(
      await services.contributions.propose(people.cso, cycleId, 'PE', {
        mandate: 2,
        question: 'Q2',
        text: 'Second contribution.',
      }),
    );
    let interfered = false;
    // A registration service whose first save is preceded by the deputy's own save, as if both happened at once.
    const racing = {
      ...services.registration,
      saveAnswer: async (...args: Parameters<Services['registration']['saveAnswer']>) => {
        if (!interfered) {
          interfered = true;
          must(
            await services.registration.saveAnswer(people.deputy, cycleId, {
              mandate: 2,
              question: 'Q2',
              summary: 'Judicial career law adopted (deputy edit)',
              full: 'Deputy rewrote the full answer.',
              baseVersion: 2,
            }),
          );
        }
        return services.registration.saveAnswer(...args);
      },
    };
    const c = createContributionsService({ db: handle.db, now: () => clock, registration: racing });
    const accepted = must(await c.accept(people.coordinator, cycleId, proposal.id));
    expect(accepted.version).toBe(4);
    const answer = await peruAnswer(2, 'Q2');
    expect(answer).toMatchObject({
      version: 4,
      summary: 'Judicial career law adopted (deputy edit)',
      full: 'Deputy rewrote the full answer.\n\nContribution from CSO-TEST (en): Second contribution.',
    });
  });

  it('accept attributes the text in the language of the person accepting it', async () => {
    const proposal = must(
      await services.contributions.propose(people.cso, cycleId, 'PE', {
        mandate: 2,
        question: 'Q2',
        text: 'Tercer aporte.',
      }),
    );
    const before = (await peruAnswer(2, 'Q2'))!.full;
    must(await services.contributions.accept(people.coordinator, cycleId, proposal.id, undefined, { lang: 'es' }));
    expect((await peruAnswer(2, 'Q2'))!.full).toBe(`${before}\n\nContribución de CSO-TEST (es): Tercer aporte.`);
  });

  it('two people accepting the same contribution at once: one wins, the text enters the answer once', async () => {
    const proposal = must(
      await services.contributions.propose(people.cso, cycleId, 'PE', {
        mandate: 2,
        question: 'Q2',
        text: 'Raced contribution.',
      }),
    );
    const results = await Promise.all([
      services.contributions.accept(people.coordinator, cycleId, proposal.id),
      services.contributions.accept(people.deputy, cycleId, proposal.id),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, kind: 'conflict' });
    const full = (await peruAnswer(2, 'Q2'))!.full;
    expect(full.split('Raced contribution.').length - 1).toBe(1);
  });

  it('leave out: with a note, the text never enters the answer; another State cannot decide it', async () => {
    const c = services.contributions;
    const proposal = must(
      await c.propose(people.cso, cycleId, 'PE', {
        mandate: 2,
        question: 'Q2',
        text: 'A claim the State does not share.',
      }),
    );
    expect(await c.leaveOut(people.chileCoordinator, cycleId, proposal.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await c.leaveOut(people.coordinator, cycleId, proposal.id, 'x'.repeat(2_001))).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    expect(
      must(await c.leaveOut(people.coordinator, cycleId, proposal.id, 'Outside the reporting period.')),
    ).toMatchObject({ status: 'left_out', decisionNote: 'Outside the reporting period.', acceptedIntoVersion: null });
    expect(await c.accept(people.coordinator, cycleId, proposal.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect((await peruAnswer(2, 'Q2'))!.full).not.toContain('does not share');
    // Chile's review list does not contain Peru's contributions.
    expect(must(await c.forState(people.chile, cycleId)).contributions).toEqual([]);
    expect(await c.forState(people.cso, cycleId)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await c.forState(people.oas, cycleId)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('an accepted contribution to Q1 without a level is refused clearly and stays proposed', async () => {
    const proposal = must(
      await services.contributions.propose(people.cso, cycleId, 'PE', {
        mandate: 7,
        question: 'Q1',
        text: 'We consider progress intermediate.',
      }),
    );
    expect(await services.contributions.accept(people.coordinator, cycleId, proposal.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: expect.stringMatching(/progress level/),
    });
    const [row] = await handle.db.select().from(contributions).where(eq(contributions.id, proposal.id));
    expect(row).toMatchObject({ status: 'proposed', decidedBy: null });
    must(await services.contributions.leaveOut(people.coordinator, cycleId, proposal.id));
  });
});

describe('the flag, revocation and locking', () => {
  it('the flag is set by hand by the focal points only, and audited', async () => {
    const c = services.contributions;
    expect(await c.setCivilSocietyFlag(people.delegate, cycleId, false)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await c.setCivilSocietyFlag(people.coordinator, cycleId, 'maybe')).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    expect(must(await c.setCivilSocietyFlag(people.deputy, cycleId, false))).toEqual({
      civilSocietyContributed: false,
    });
    expect(must(await c.setCivilSocietyFlag(people.deputy, cycleId, true))).toEqual({ civilSocietyContributed: true });
    const entries = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'cso_flag.changed'));
    expect(entries.map((e) => e.data)).toEqual([{ value: false }, { value: true }]);
  });

  it('revoking closes the draft to the organization at once, with a clear reason', async () => {
    const c = services.contributions;
    const [invitation] = must(await c.stateOverview(people.coordinator, cycleId)).invitations;
    expect(await c.revoke(people.delegate, cycleId, invitation.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await c.revoke(people.chileCoordinator, cycleId, invitation.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect((await c.revoke(people.coordinator, cycleId, invitation.id)).ok).toBe(true);
    expect(await c.revoke(people.coordinator, cycleId, invitation.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await c.draftForContributor(people.cso, cycleId, 'PE')).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: expect.stringMatching(/revoked/),
    });
    expect(await c.propose(people.cso, cycleId, 'PE', { mandate: 2, question: 'Q2', text: 'Too late' })).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: expect.stringMatching(/revoked/),
    });
    // Invited again: the same invitation is renewed.
    expect((await c.invite(people.coordinator, cycleId, { organizationId: csoId })).ok).toBe(true);
    expect((await c.draftForContributor(people.cso, cycleId, 'PE')).ok).toBe(true);
  });

  it('a submitted questionnaire (or a closed cycle) takes no contributions and no decisions', async () => {
    const c = services.contributions;
    const pending = must(
      await c.propose(people.cso, cycleId, 'PE', { mandate: 4, question: 'Q6', text: 'A good practice we know of.' }),
    );
    must(await services.registration.submit(people.coordinator, cycleId));
    expect(await c.draftForContributor(people.cso, cycleId, 'PE')).toMatchObject({ ok: false, kind: 'conflict' });
    expect(
      await c.propose(people.cso, cycleId, 'PE', { mandate: 2, question: 'Q2', text: 'After submission' }),
    ).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await c.accept(people.coordinator, cycleId, pending.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await c.setCivilSocietyFlag(people.coordinator, cycleId, false)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(must(await c.mine(people.cso)).invitations[0]).toMatchObject({ open: false });
    // Chile's questionnaire is still a draft, but the cycle closes.
    clock = new Date('2027-06-01T12:00:00Z');
    expect(await c.invite(people.chileCoordinator, cycleId, { organizationId: csoId })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    clock = new Date('2027-02-01T12:00:00Z');
  });

  it('the Secretariat sees invitations and counts; every step is audited', async () => {
    const c = services.contributions;
    const [q] = await handle.db
      .select()
      .from(questionnaires)
      .where(
        and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.organizationId, people.coordinator.organizationId)),
      );
    expect(await c.summaryForSecretariat(people.coordinator, q.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(must(await c.summaryForSecretariat(people.secretariat, q.id))).toMatchObject({
      invitations: [{ nameEn: 'CSO-TEST (en)', revokedAt: null }],
      counts: { proposed: 1, accepted: 4, leftOut: 2 },
    });
    const actions = new Set((await handle.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action));
    for (const action of [
      'contribution.invited',
      'contribution.revoked',
      'contribution.proposed',
      'contribution.accepted',
      'contribution.left_out',
      'contribution.withdrawn',
      'cso_flag.changed',
    ])
      expect(actions).toContain(action);
  });
});

describe('the Secretariat’s read-only view of one organization’s questionnaire', () => {
  it('reads a started questionnaire and never creates one for an organization that has not started', async () => {
    const jamaica = await orgId('JM');
    const view = must(await services.registration.questionnaireIfStarted(people.secretariat, cycleId, jamaica));
    expect(view).toMatchObject({
      started: false,
      questionnaire: null,
      answers: [],
      completeness: { answered: 0, total: 57 * 6 },
    });
    expect(await handle.db.select().from(questionnaires).where(eq(questionnaires.organizationId, jamaica))).toEqual([]);
    const peru = must(
      await services.registration.questionnaireIfStarted(
        people.secretariat,
        cycleId,
        people.coordinator.organizationId,
      ),
    );
    expect(peru.started).toBe(true);
    expect(peru.answers.length).toBeGreaterThan(0);
    expect(await services.registration.questionnaireIfStarted(people.coordinator, cycleId, jamaica)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.registration.questionnaireIfStarted(people.secretariat, cycleId, csoId)).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
  });
});

describe('carried-over answers', () => {
  it('keep the previous cycle’s withholdings when an invited organization reads the update cycle’s draft', async () => {
    const update = must(
      await services.registration.createCycle(people.secretariat, {
        name: '2028 update',
        kind: 'update',
        opensAt: '2027-01-15T00:00:00Z',
        closesAt: '2027-12-31T00:00:00Z',
        publishesAt: '2028-01-15T00:00:00Z',
        timeZone: 'America/Lima',
        previousCycleId: cycleId,
      }),
    );
    must(await services.contributions.invite(people.coordinator, update.id, { organizationId: csoId }));
    const draft = must(await services.contributions.draftForContributor(people.cso, update.id, 'PE'));
    expect(draft.answers.some((a) => a.mandate === 2 && a.question === 'Q2')).toBe(true);
    expect(JSON.stringify(draft)).not.toContain('Internal pilot figures');
  });
});

describe('the public yes/no', () => {
  it('says whether civil society contributed only once the cycle is published, and nothing more', async () => {
    expect(await services.contributions.publicFlag(cycleId, 'PE')).toBe(false);
    clock = new Date('2027-05-16T00:00:00Z');
    must(await services.publication.publishCycle(cycleId));
    expect(await services.contributions.publicFlag(cycleId, 'PE')).toBe(true);
    expect(await services.contributions.publicFlag(cycleId, 'CL')).toBe(false);
    expect(await services.contributions.publicFlag('not-a-cycle', 'PE')).toBe(false);
    // The published answers carry the accepted text (part of the State's answer), never a left-out one.
    const published = JSON.stringify(await services.publication.publicAnswers(cycleId, 'PE'));
    expect(published).toContain('Contribution from CSO-TEST (en)');
    expect(published).not.toContain('does not share');
    clock = new Date('2027-02-01T12:00:00Z');
  });
});
