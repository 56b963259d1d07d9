import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { chunksOf, createMemoryFileStore } from '../storage/file-store';
import { makePdf } from '../storage/pdf';

/*
 * An action on a part of an initiative (a funding record, an outcome, a proposed update, a withholding request, an
 * outcome document) taken from an initiative's page names that initiative (`{ initiativeId }`, from the URL): a part
 * of another initiative is "not found", with the service's own message, and nothing changes, even for someone who
 * may act on both (the OAS and Peru take part in both initiatives here).
 */

let handle: DatabaseHandle;
let services: Services;
const clock = new Date('2027-03-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'oas', Actor>;
const ids = {} as Record<'peru' | 'oas', string>;

const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const pdf = (text: string) => ({ fileName: 'report.pdf', data: chunksOf(makePdf(text), 1024) });

async function initiative(title: string) {
  return must(
    await services.initiatives.create(people.secretariat, {
      title,
      summary: 'Training of officials of Peru on the verification of asset declarations, with the OAS.',
      forms: ['training'],
      mandates: [1],
      participants: [
        { organizationId: ids.peru, role: 'requesting' },
        { organizationId: ids.oas, role: 'providing' },
      ],
    }),
  );
}

/** Everything the Secretariat sees of an initiative, its withholding requests and its audit trail. */
const stateOf = async (initiativeId: string) =>
  JSON.stringify([
    must(await services.initiatives.get(people.secretariat, initiativeId)),
    await services.initiativeWithholdings.list(people.secretariat, initiativeId),
    await handle.db.select().from(auditLog).where(eq(auditLog.subjectId, initiativeId)),
  ]);

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock, fileStore: createMemoryFileStore() });
  ids.peru = await orgId('PE');
  ids.oas = await orgId('OAS');
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', ids.peru);
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', ids.oas);
}, 180_000); // a fresh migrated database with the reference data: slow on a shared machine
afterAll(() => handle.close());

describe('a target of another initiative than the one named', () => {
  it('is not found, with the service’s message, and changes nothing; in its own initiative it is acted on', async () => {
    const a = await initiative('Scope initiative A');
    const b = await initiative('Scope initiative B');
    const s = services.initiatives;
    // Parts of B: unagreed funding, an outcome Peru proposed, a proposed update, a pending withholding request.
    const funding = must(
      await s.addFunding(people.secretariat, b.id, { source: 'OAS fund', amount: '1000', currency: 'USD' }),
    ).funding[0];
    const outcome = must(await s.proposeOutcome(people.peru, b.id, { text: 'Forty officials trained.' }));
    const update = must(await s.proposeUpdate(people.peru, b.id, { status: 'in_progress' }));
    const withholding = must(
      await services.initiativeWithholdings.ask(people.peru, b.id, {
        part: 'funding',
        partId: funding.id,
        reason: 'The donor has not announced it yet.',
      }),
    );
    const before = await stateOf(b.id);

    for (const scope of [{ initiativeId: a.id }, { initiativeId: 'not-an-initiative' }, { initiativeId: '' }]) {
      expect(await s.agreeFunding(people.oas, funding.id, scope)).toEqual({
        ok: false,
        kind: 'not_found',
        message: 'This funding does not exist.',
      });
      const outcomeMissing = { ok: false, kind: 'not_found', message: 'This outcome does not exist.' };
      expect(await s.agreeOutcome(people.oas, outcome.id, scope)).toEqual(outcomeMissing);
      expect(await s.correctOutcome(people.oas, outcome.id, { text: 'Fifty officials trained.' }, scope)).toEqual(
        outcomeMissing,
      );
      expect(await s.declineOutcome(people.secretariat, outcome.id, 'Not an outcome of this work.', scope)).toEqual(
        outcomeMissing,
      );
      expect(await s.publishOutcome(people.secretariat, outcome.id, scope)).toEqual(outcomeMissing);
      expect(
        await services.initiativeDocuments.upload(people.oas, outcome.id, { title: 'Report' }, pdf('B'), scope),
      ).toEqual(outcomeMissing);
      for (const decision of ['accept', 'decline'])
        expect(await s.decideUpdate(people.secretariat, update.id, decision, scope)).toEqual({
          ok: false,
          kind: 'not_found',
          message: 'This proposed update does not exist.',
        });
      for (const decision of ['grant', 'refuse'])
        expect(
          await services.initiativeWithholdings.decide(people.secretariat, withholding.id, { decision }, scope),
        ).toEqual({ ok: false, kind: 'not_found', message: 'This request does not exist.' });
    }
    expect(await stateOf(b.id)).toBe(before);

    // Named with its own initiative, every one of them is acted on as before.
    const own = { initiativeId: b.id };
    expect(must(await s.agreeFunding(people.oas, funding.id, own)).funding[0].agreements).toHaveLength(1);
    must(await services.initiativeDocuments.upload(people.oas, outcome.id, { title: 'Report' }, pdf('B'), own));
    expect(must(await s.agreeOutcome(people.oas, outcome.id, own)).status).toBe('agreed');
    expect(must(await s.publishOutcome(people.secretariat, outcome.id, own)).status).toBe('published');
    const corrected = must(await s.correctOutcome(people.oas, outcome.id, { text: 'Fifty officials trained.' }, own));
    expect(
      must(await s.declineOutcome(people.secretariat, corrected.id, 'The figure is not sourced.', own)),
    ).toMatchObject({ status: 'declined' });
    expect(must(await s.decideUpdate(people.secretariat, update.id, 'accept', own)).status).toBe('in_progress');
    expect(
      must(
        await services.initiativeWithholdings.decide(people.secretariat, withholding.id, { decision: 'grant' }, own),
      ),
    ).toMatchObject({ status: 'granted' });
    // Initiative A was never touched.
    expect(must(await s.get(people.secretariat, a.id))).toMatchObject({ funding: [], outcomes: [], updates: [] });
  });
});
