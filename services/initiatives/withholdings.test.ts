import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, initiativeWithholdings, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { chunksOf, createMemoryFileStore } from '../storage/file-store';
import { makePdf } from '../storage/pdf';

/*
 * A participant asks that a part of an initiative not be published (issue 19 item 1): an outcome, a document, a
 * funding record. Pending withholds; the Secretariat grants (stays withheld) or refuses (public again). The canaries
 * are searched for in every public read: the story, the registry, the feed, both exports and the document download.
 */

let handle: DatabaseHandle;
const store = createMemoryFileStore();
let services: Services;
const clock = new Date('2027-03-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'peruDelegate' | 'oas' | 'chile', Actor>;
const ids = {} as Record<'peru' | 'oas', string>;

const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock, fileStore: store });
  ids.peru = await orgId('PE');
  ids.oas = await orgId('OAS');
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', ids.peru);
  people.peruDelegate = await createActor(handle.db, 'state', 'delegate', ids.peru);
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', ids.oas);
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
}, 180_000); // a fresh migrated database with the reference data: slow on a shared machine
afterAll(() => handle.close());

/** A published initiative with a published outcome (with a document) and funding, everything agreed by both. */
async function fullyPublished(title: string, tag = 'OTHER') {
  const initiative = must(
    await services.initiatives.create(people.secretariat, {
      title,
      summary: 'Training of officials of Peru on the verification of asset declarations, with the OAS.',
      forms: ['training'],
      startsOn: '2027-04-01',
      mandates: [1],
      participants: [
        { organizationId: ids.peru, role: 'requesting' },
        { organizationId: ids.oas, role: 'providing' },
      ],
    }),
  );
  const outcome = must(
    await services.initiatives.logOutcome(people.secretariat, initiative.id, {
      text: `OUTCOME-${tag}: officials trained on asset checks.`,
    }),
  );
  const doc = must(
    await services.initiativeDocuments.upload(
      people.secretariat,
      outcome.id,
      { title: `DOC-${tag}` },
      { fileName: 'manual.pdf', data: chunksOf(makePdf('manual'), 1024) },
    ),
  );
  must(await services.initiatives.agreeOutcome(people.peru, outcome.id));
  must(await services.initiatives.agreeOutcome(people.oas, outcome.id));
  must(await services.initiatives.publishOutcome(people.secretariat, outcome.id));
  const withFunding = must(
    await services.initiatives.addFunding(people.secretariat, initiative.id, {
      source: `FUND-${tag}`,
      amount: '1000',
      currency: 'USD',
    }),
  );
  const funding = withFunding.funding[0];
  must(await services.initiatives.agreeFunding(people.peru, funding.id));
  must(await services.initiatives.agreeFunding(people.oas, funding.id));
  must(await services.initiatives.setPublished(people.secretariat, initiative.id, true));
  return { initiative, outcome, doc, funding };
}

const publicText = async (id: string) =>
  JSON.stringify([
    await services.initiativesPublic.story(id),
    await services.initiativesPublic.registry(),
    await services.initiativesPublic.feed(),
    await services.initiativesPublic.exportPublished('csv'),
    await services.initiativesPublic.exportPublished('json'),
  ]);

describe('asking that a part of an initiative not be published', () => {
  it('only a participant’s focal point asks, for a part of this initiative, with a reason; nothing is saved on a mistake', async () => {
    const { initiative, outcome, funding } = await fullyPublished('Withholding rules initiative', 'RULES-1');
    const ask = { part: 'outcome', partId: outcome.seriesId, reason: 'The figures name a pending case.' };
    const w = services.initiativeWithholdings;
    expect(await w.ask(people.chile, initiative.id, ask)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await w.ask(null, initiative.id, ask)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await w.ask(people.peruDelegate, initiative.id, ask)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await w.ask(people.secretariat, initiative.id, ask)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await w.ask(people.peru, initiative.id, { ...ask, reason: 'no' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { reason: expect.any(Array) },
    });
    expect(await w.ask(people.peru, initiative.id, { ...ask, part: 'match' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { part: expect.any(Array) },
    });
    // A part of another initiative is not found in this one (like every action scoped to an initiative), not a 400.
    const other = await fullyPublished('Another initiative');
    expect(await w.ask(people.peru, initiative.id, { ...ask, part: 'funding', partId: other.funding.id })).toEqual({
      ok: false,
      kind: 'not_found',
      message: 'This part is not in this initiative.',
    });
    expect(
      await handle.db
        .select()
        .from(initiativeWithholdings)
        .where(eq(initiativeWithholdings.initiativeId, initiative.id)),
    ).toHaveLength(0);
    // The funding is public before anyone asks.
    expect(await publicText(initiative.id)).toContain('FUND-RULES-1');
    // Public pages kept in memory (the page cache, on every node) hear of the request at once; refusals told nothing.
    const heard: string[] = [];
    const off = services.events.on('results.changed', ({ reason }) => heard.push(reason));
    must(await w.ask(people.oas, initiative.id, { ...ask, part: 'funding', partId: funding.id }));
    off();
    expect(heard).toEqual(['disclosure_requested']);
    expect(await w.ask(people.peru, initiative.id, { ...ask, part: 'funding', partId: funding.id })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    // Each organization reads its own requests; the Secretariat all; outsiders none.
    expect(await w.list(people.oas, initiative.id)).toHaveLength(1);
    expect(await w.list(people.peru, initiative.id)).toHaveLength(0);
    expect(await w.list(people.secretariat, initiative.id)).toHaveLength(1);
    expect(await w.list(people.chile, initiative.id)).toHaveLength(0);
    expect(await w.list(null, initiative.id)).toHaveLength(0);
  });

  it('a pending request withholds at once from every public read; granted stays withheld; refused is public again', async () => {
    const { initiative, outcome, doc, funding } = await fullyPublished(
      'Withholding canary initiative',
      'WITHHELD-5521',
    );
    const before = await publicText(initiative.id);
    for (const canary of ['OUTCOME-WITHHELD-5521', 'DOC-WITHHELD-5521', 'FUND-WITHHELD-5521'])
      expect(before).toContain(canary);
    expect((await services.initiativeDocuments.download(null, doc.id)).ok).toBe(true);

    const w = services.initiativeWithholdings;
    const onOutcome = must(
      await w.ask(people.peru, initiative.id, {
        part: 'outcome',
        partId: outcome.seriesId,
        reason: 'The outcome mentions an investigation still open.',
      }),
    );
    const onDocument = must(
      await w.ask(people.peru, initiative.id, {
        part: 'document',
        partId: doc.id,
        reason: 'The manual is for internal use only.',
      }),
    );
    const onFunding = must(
      await w.ask(people.oas, initiative.id, {
        part: 'funding',
        partId: funding.id,
        reason: 'The donor has not cleared the amount.',
      }),
    );
    expect(onOutcome.status).toBe('pending');
    const pending = await publicText(initiative.id);
    for (const canary of ['OUTCOME-WITHHELD-5521', 'DOC-WITHHELD-5521', 'FUND-WITHHELD-5521'])
      expect(pending).not.toContain(canary);
    expect(await services.initiativeDocuments.download(null, doc.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await services.initiativeDocuments.download(people.chile, doc.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    // The participants and the Secretariat still read the whole record.
    expect((await services.initiativeDocuments.download(people.oas, doc.id)).ok).toBe(true);
    expect(must(await services.initiatives.get(people.oas, initiative.id)).funding).toHaveLength(1);

    // A correction of the withheld outcome, agreed and published, stays withheld: the request is on the series.
    const corrected = must(
      await services.initiatives.correctOutcome(people.secretariat, outcome.id, {
        text: 'OUTCOME-WITHHELD-5521 corrected: officials trained on asset checks.',
      }),
    );
    must(await services.initiatives.agreeOutcome(people.peru, corrected.id));
    must(await services.initiatives.agreeOutcome(people.oas, corrected.id));
    must(await services.initiatives.publishOutcome(people.secretariat, corrected.id));
    expect(await publicText(initiative.id)).not.toContain('OUTCOME-WITHHELD-5521');

    // Only the Secretariat decides, once.
    expect(await w.decide(people.peru, onOutcome.id, { decision: 'grant' })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await w.decide(people.secretariat, onOutcome.id, { decision: 'maybe' })).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    must(
      await w.decide(people.secretariat, onOutcome.id, { decision: 'grant', note: 'Agreed until the case closes.' }),
    );
    expect(await w.decide(people.secretariat, onOutcome.id, { decision: 'refuse' })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    must(await w.decide(people.secretariat, onDocument.id, { decision: 'grant' }));
    must(await w.decide(people.secretariat, onFunding.id, { decision: 'refuse', note: 'The donor published it.' }));
    const decided = await publicText(initiative.id);
    expect(decided).not.toContain('OUTCOME-WITHHELD-5521');
    expect(decided).not.toContain('DOC-WITHHELD-5521');
    expect(decided).toContain('FUND-WITHHELD-5521');
    expect(await services.initiativeDocuments.download(null, doc.id)).toMatchObject({ ok: false, kind: 'not_found' });

    const actions = (
      await handle.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, initiative.id))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'initiative.withholding_requested',
        'initiative.withholding_granted',
        'initiative.withholding_refused',
      ]),
    );
  });
});
