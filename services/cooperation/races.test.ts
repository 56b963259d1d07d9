import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, matches, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

/*
 * Requests and offers are changed by an UPDATE whose WHERE repeats the checks (same organization, the status that
 * allows the change), issue 14 item 4. Before, each change loaded the row, checked it, then updated by id: two
 * concurrent changes both read the old status and both "succeeded" (two withdrawals, an edit of a withdrawn request).
 */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'coordinator' | 'delegate' | 'secretariat' | 'oas', Actor>;

const need = {
  title: 'Whistleblower protection law',
  description:
    'Peru needs legislative assistance to draft a law protecting whistleblowers who report corruption in public procurement.',
  mandates: [1],
  types: ['legislative'],
  languages: ['es'],
  modality: 'either',
};
const offer = {
  title: 'Legislative drafting support on whistleblower protection',
  description:
    'The OAS offers legislative drafting support and model laws on the protection of whistleblowers and reporting persons.',
  mandates: [1],
  types: ['legislative'],
  languages: ['es'],
  modality: 'virtual',
  capacity: 1,
};

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const audits = async (action: string, subjectId: string) =>
  (
    await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)))
  ).length;
const kinds = (results: Array<{ ok: boolean; kind?: string }>) => results.map((r) => (r.ok ? 'ok' : r.kind)).sort();

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.coordinator = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.delegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
});
afterAll(() => handle.close());

async function newRequest() {
  const created = await services.requests.create(people.coordinator, need, { publish: true });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

describe('concurrent changes to a request', () => {
  it('two withdrawals at once: one wins, the other gets a conflict, and one withdrawal is audited', async () => {
    const id = await newRequest();
    const results = await Promise.all([
      services.requests.withdraw(people.coordinator, id),
      services.requests.withdraw(people.secretariat, id),
    ]);
    expect(kinds(results)).toEqual(['conflict', 'ok']);
    expect(await audits('request.withdrawn', id)).toBe(1);
  });

  it('an edit racing a withdrawal: one wins; a losing edit changes nothing', async () => {
    const id = await newRequest();
    const results = await Promise.all([
      services.requests.update(people.delegate, id, { ...need, title: 'Edited while withdrawn' }),
      services.requests.withdraw(people.coordinator, id),
    ]);
    // On PostgreSQL the two run on separate connections in either order. Withdrawal first: the edit is refused and
    // changes nothing. Edit first: both succeed, in that order. Never an edit reported lost but applied, or the reverse.
    const [edit, withdrawal] = results;
    expect(withdrawal.ok).toBe(true);
    if (!edit.ok) expect(edit.kind).toBe('conflict');
    const after = await services.requests.get(people.coordinator, id);
    expect(after.ok && after.value.status).toBe('withdrawn');
    expect(after.ok && after.value.title === 'Edited while withdrawn').toBe(edit.ok);
    // And an edit that arrives after the withdrawal is always refused and changes nothing.
    const late = await services.requests.update(people.delegate, id, { ...need, title: 'Edited after withdrawal' });
    expect(late.ok ? 'ok' : late.kind).toBe('conflict');
    const final = await services.requests.get(people.coordinator, id);
    expect(final.ok && final.value.title).not.toBe('Edited after withdrawal');
  });
});

describe('concurrent changes to an offer', () => {
  it('two publishes of one draft: one wins, the other gets a conflict, and one publication is audited', async () => {
    const created = await services.offers.create(people.oas, offer, { publish: false });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;
    const results = await Promise.all([
      services.offers.publish(people.oas, id),
      services.offers.publish(people.oas, id),
    ]);
    expect(kinds(results)).toEqual(['conflict', 'ok']);
    expect(await audits('offer.published', id)).toBe(1);
  });

  it('two withdrawals at once: one wins, the other gets a conflict', async () => {
    const created = await services.offers.create(people.oas, offer, { publish: true });
    if (!created.ok) throw new Error(created.message);
    const results = await Promise.all([
      services.offers.withdraw(people.oas, created.value.id),
      services.offers.withdraw(people.secretariat, created.value.id),
    ]);
    expect(kinds(results)).toEqual(['conflict', 'ok']);
    expect(await audits('offer.withdrawn', created.value.id)).toBe(1);
  });
});

describe('concurrent proposals for the last place of an offer', () => {
  it('two proposals at once on an offer with one place: one match is made, the other gets a conflict', async () => {
    const created = await services.offers.create(people.oas, offer, { publish: true }); // capacity 1
    if (!created.ok) throw new Error(created.message);
    const offerId = created.value.id;
    const [first, second] = [await newRequest(), await newRequest()];
    const results = await Promise.all(
      [first, second].map((requestId) =>
        services.brokering.propose(people.secretariat, { requestId, candidateId: offerId }),
      ),
    );
    expect(kinds(results)).toEqual(['conflict', 'ok']);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.message).toMatch(/no capacity left/);
    expect((await handle.db.select().from(matches).where(eq(matches.offerId, offerId))).length).toBe(1);
  });
});
