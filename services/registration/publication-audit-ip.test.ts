import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { chunksOf } from '../storage/file-store';
import { makePdf } from '../storage/pdf';

// Outside probe: the non-disclosure letter's upload, the Chair's reply upload, the decision and the State's withdrawal
// were audited without the actor's IP, unlike every other entry of the non-disclosure flow.
let handle: DatabaseHandle;
let services: Services;
const clock = new Date('2027-02-01T12:00:00Z');
let state: Actor;
let secretariat: Actor;
let cycleId: string;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  secretariat = {
    ...(await createActor(handle.db, 'secretariat', 'secretariat_admin', await orgId('SUMMITS-SECRETARIAT'))),
    ip: '198.51.100.20',
  };
  state = { ...(await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'))), ip: '203.0.113.41' };
  const cycle = await services.registration.createCycle(secretariat, {
    name: '2027 registration',
    kind: 'registration',
    opensAt: '2027-01-01T00:00:00Z',
    closesAt: '2027-04-30T00:00:00Z',
    publishesAt: '2027-05-15T00:00:00Z',
    timeZone: 'America/Lima',
  });
  if (!cycle.ok) throw new Error(cycle.message);
  cycleId = cycle.value.id;
  const saved = await services.registration.saveAnswer(state, cycleId, {
    baseVersion: 0,
    mandate: 2,
    question: 'Q2',
    summary: 'Peru judicial career law',
  });
  if (!saved.ok) throw new Error(saved.message);
});
afterAll(() => handle.close());

describe('the non-disclosure flow audits the actor’s IP', () => {
  it('on the letter’s upload, the Chair’s reply, the decision and the withdrawal', async () => {
    const requested = await services.publication.requestNonDisclosure(
      state,
      cycleId,
      { scope: 'question', mandate: 2, question: 'Q2', letterReference: 'Note 40-2027 to the Chair' },
      { fileName: 'letter-40.pdf', data: chunksOf(makePdf('Please withhold'), 512) },
    );
    if (!requested.ok) throw new Error(requested.message);
    const decided = await services.publication.decide(
      secretariat,
      requested.value.id,
      { decision: 'refused', chairReply: 'Chair’s note 9-2027' },
      { fileName: 'chair-reply-9.pdf', data: chunksOf(makePdf('The Chair does not agree'), 512) },
    );
    if (!decided.ok) throw new Error(decided.message);
    const withdrawn = await services.publication.withdrawContent(state, requested.value.id);
    if (!withdrawn.ok) throw new Error(withdrawn.message);

    const entries = await handle.db
      .select()
      .from(auditLog)
      .where(
        inArray(auditLog.action, [
          'attachment.uploaded',
          'disclosure.requested',
          'disclosure.decided',
          'disclosure.content_withdrawn',
        ]),
      );
    const seen = entries.map((e) => ({
      action: e.action,
      purpose: (e.data as { purpose?: string } | null)?.purpose,
      ip: e.ip,
    }));
    expect(seen).toEqual(
      expect.arrayContaining([
        { action: 'attachment.uploaded', purpose: 'disclosure_letter', ip: state.ip },
        { action: 'attachment.uploaded', purpose: 'chair_reply', ip: secretariat.ip },
        { action: 'disclosure.requested', purpose: undefined, ip: state.ip },
        { action: 'disclosure.decided', purpose: undefined, ip: secretariat.ip },
        { action: 'disclosure.content_withdrawn', purpose: undefined, ip: state.ip },
      ]),
    );
    expect(seen).toHaveLength(5);
  });
});
