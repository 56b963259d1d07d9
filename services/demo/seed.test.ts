import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { matches } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { loadActor } from '../accounts/actors.server';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices } from '../index.server';
import { seedDemoContributions } from './contributions-seed.server';
import { seedDemoCooperation } from './cooperation-seed.server';
import {
  DEMO_PUBLIC_ATTACHMENT_NAME,
  DEMO_WITHHELD_ATTACHMENT_CANARY,
  DEMO_WITHHELD_TEXT,
  seedDemoRegistration,
} from './registration-seed.server';
import { seedDemoAccounts } from './seed.server';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
});
afterAll(() => handle.close());

describe('demo seed', () => {
  it('creates an account for every role once, and a living cooperation picture', async () => {
    const accounts = await seedDemoAccounts(handle.db, { password: 'demo-password-for-tests' });
    expect(new Set(accounts!.map((a) => a.role))).toEqual(
      new Set([
        'secretariat_admin',
        'secretariat_staff',
        'national_coordinator',
        'deputy_focal_point',
        'delegate',
        'jswg_focal_point',
        'civil_society_member',
      ]),
    );
    expect(await seedDemoAccounts(handle.db)).toBeNull();

    const services = createServices({ db: handle.db });
    await seedDemoCooperation(handle.db, services);
    const rows = await handle.db.select().from(matches);
    expect(rows.map((m) => m.status).sort()).toEqual(['confirmed', 'proposed']);

    // The engine's best candidate for Colombia's open-data need is the OAS open-data offer, not the judicial one.
    const admin = await loadActor(
      handle.db,
      (await handle.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'admin@demo.minka.test') }))!.id,
    );
    const board = await services.matching.board(admin);
    if (!board.ok) throw new Error(board.message);
    const colombia = board.value.rows.find((r) => r.request.organizationCode === 'CO');
    expect(colombia?.candidates[0]?.offerTitle).toMatch(/Open data/);
    const jamaica = board.value.rows.find((r) => r.request.organizationCode === 'JM' && r.request.publishedAt);
    expect(jamaica?.candidates.some((c) => c.organizationCode === 'PE')).toBe(true);

    // The confirmed match's roundtable: two States and a JSWG organization, an agenda, a short history.
    const [room] = await services.roundtables.list(admin!);
    const snapshot = await services.roundtables.snapshot(admin, room.id);
    if (!snapshot.ok) throw new Error(snapshot.message);
    expect(snapshot.value.room.matchId).toBe(rows.find((m) => m.status === 'confirmed')!.id);
    expect(snapshot.value.organizations.map((o) => o.code).sort()).toEqual(['CO', 'OAS', 'PE']);
    expect(snapshot.value.agenda).toHaveLength(4);
    expect(snapshot.value.messages).toHaveLength(4);

    // Registration: an earlier published cycle (withheld text left out) and an open one with drafts and a submission.
    await seedDemoRegistration(handle.db);
    const cycles = await services.registration.listCycles();
    expect(cycles).toHaveLength(2);
    const published = cycles.find((c) => c.publishedAt)!;
    const publicAnswers = await services.publication.publicAnswers(published.id);
    expect(publicAnswers.ok && publicAnswers.value.answers.length).toBeGreaterThan(0);
    expect(JSON.stringify(publicAnswers)).not.toContain(DEMO_WITHHELD_TEXT);
    // One public demo document, and a withheld one that never shows.
    expect(JSON.stringify(publicAnswers)).toContain(DEMO_PUBLIC_ATTACHMENT_NAME);
    expect(JSON.stringify(publicAnswers)).not.toContain(DEMO_WITHHELD_ATTACHMENT_CANARY);
    const statuses = await services.registration.statusBoard(admin, cycles.find((c) => !c.publishedAt)!.id);
    expect(statuses.ok && statuses.value.find((o) => o.code === 'CO')?.status).toBe('submitted');
    expect(statuses.ok && statuses.value.find((o) => o.code === 'PE')?.status).toBe('drafting');

    // Civil society: the demo organization is invited by Peru, with one accepted and one waiting contribution.
    await seedDemoContributions(handle.db);
    const member = await loadActor(
      handle.db,
      (await handle.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'member.cso@demo.minka.test') }))!.id,
    );
    const mine = await services.contributions.mine(member);
    expect(mine.ok && mine.value.invitations.map((i) => [i.stateCode, i.open])).toEqual([['PE', true]]);
    expect(mine.ok && mine.value.contributions.map((c) => c.status).sort()).toEqual(['accepted', 'proposed']);
    const peru = await loadActor(
      handle.db,
      (await handle.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'coordinator.pe@demo.minka.test') }))!
        .id,
    );
    const openCycle = cycles.find((c) => !c.publishedAt)!;
    const q = await services.registration.questionnaire(peru, openCycle.id);
    expect(q.ok && q.value.questionnaire.civilSocietyContributed).toBe(true);
    expect(q.ok && q.value.answers.find((a) => a.mandate === 2 && a.question === 'Q1')?.full).toMatch(
      /^Contribution from Demo Civil Society Network/,
    );
  });
});
