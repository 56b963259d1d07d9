import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import {
  auditLog,
  commitments,
  mandateProvisions,
  mandates,
  organizations,
  practices,
  practiceVersions,
  treatyProvisions,
} from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor, Viewer } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';
import { servicesEs } from '../messages/es';
import { createLocalizer, localizeServices } from '../messages/localize';
import { makePdf } from '../storage/pdf';
import { chunksOf } from '../storage/file-store';
import { EXPORT_COLUMNS } from './practices.server';

/** Issue 17 (decision 017): the good-practice form, the two-week review, publication and the public base. */
let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-02-01T12:00:00Z');
let cycleId: string;
const people = {} as Record<
  'secretariat' | 'coordinator' | 'delegate' | 'chile' | 'chileDelegate' | 'oas' | 'cso',
  Actor
>;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const file = (fileName: string, bytes: Uint8Array) => ({ fileName, data: chunksOf(bytes, 1024) });
const complete = (extra: Record<string, unknown> = {}) => ({
  title: 'Asset declarations published as open data',
  summary: 'Sworn asset declarations of senior officials are published online as open data.',
  situation: 'Declarations were on paper and could not be checked against other registries.',
  action: 'An electronic filing system with automatic cross-checks against property and company registries.',
  innovation: 'Cross-checks run every night.',
  results: 'Filing rose to 98% and 40 inconsistencies were referred to prosecutors in one year.',
  assessment: 'Annual audit by the comptroller.',
  feedback: 'Officials report problems through a help desk; the form was simplified twice.',
  lessons: 'Start with the highest-risk positions.',
  transfer: 'Needs a unique identity number and digital company and property registries.',
  contactName: 'Integrity Office',
  contactEmail: 'integridad@example.pe',
  commitment: 'lima-2018',
  mandates: ['30'],
  iaccSubjects: ['asset_disclosure'],
  assistanceTypes: ['data'],
  languages: ['es', 'en'],
  ...extra,
});
const submitted = async (who: Actor, extra: Record<string, unknown> = {}) => {
  const row = must(await services.practices.create(who, complete(extra)));
  return must(await services.practices.submit(who, row.id));
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
  people.delegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  people.chileDelegate = await createActor(handle.db, 'state', 'delegate', await orgId('CL'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.cso = await createActor(handle.db, 'civil_society', 'civil_society_member');
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
});
afterAll(() => handle.close());

describe('drafting', () => {
  it('is for States and JSWG organizations only, and validates the form', async () => {
    const p = services.practices;
    for (const who of [people.secretariat, people.cso, null] as Viewer[])
      expect(await p.create(who, complete())).toMatchObject({ ok: false, kind: 'forbidden' });
    const bad = await p.create(
      people.delegate,
      complete({
        title: ' ',
        contactEmail: 'not-an-email',
        mandates: ['999'],
        iaccSubjects: ['astrology'],
        languages: ['xx'],
      }),
    );
    expect(bad).toMatchObject({ ok: false, kind: 'invalid' });
    expect(Object.keys((!bad.ok && bad.kind === 'invalid' && bad.fieldErrors) || {}).sort()).toEqual([
      'contactEmail',
      'iaccSubjects.0',
      'languages.0',
      'title',
    ]);
    // Outside tester: "Cada respuesta debe tener menos de 10,000 caracteres": an English separator, "answer" on a
    // form of fields, and "under" for an inclusive limit.
    const tooLong = complete({ situation: 'x'.repeat(10_001) });
    expect(await p.create(people.delegate, tooLong)).toMatchObject({
      fieldErrors: { situation: ['This field has at most 10,000 characters.'] },
    });
    expect(
      await localizeServices(services, createLocalizer(servicesEs)).practices.create(people.delegate, tooLong),
    ).toMatchObject({ fieldErrors: { situation: ['Este campo tiene como máximo 10.000 caracteres.'] } });
    expect(await p.create(people.delegate, complete({ mandates: ['999'] }))).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: 'Mandate 999 is not in this commitment.',
    });
    expect(await p.create(people.oas, complete({ title: 'OAS practice' }))).toMatchObject({ ok: true });
  });

  it('keeps drafts private to the organization, the Secretariat included', async () => {
    const draft = must(
      await services.practices.create(people.delegate, {
        title: 'Private draft on whistleblowers',
        commitment: 'lima-2018',
        mandates: ['12'],
      }),
    );
    expect(await services.practices.get(people.coordinator, draft.id)).toMatchObject({
      ok: true,
      value: { access: 'owner' },
    });
    for (const who of [people.chile, people.oas, people.cso, people.secretariat, null] as Viewer[]) {
      expect(await services.practices.get(who, draft.id)).toMatchObject({ ok: false, kind: 'not_found' });
      // Nor can they change it.
      expect((await services.practices.update(who, draft.id, { ...complete(), baseVersion: 1 })).ok).toBe(false);
    }
    expect(await services.practices.tag(people.secretariat, draft.id, 'x')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(JSON.stringify(must(await services.practices.consolidation(people.secretariat)))).not.toContain(
      'Private draft on whistleblowers',
    );
    expect(JSON.stringify(must(await services.practices.mine(people.chile)))).not.toContain(
      'Private draft on whistleblowers',
    );
  });

  it('saves versions with a concurrency check, and submits only the complete form by a focal point', async () => {
    const p = services.practices;
    const draft = must(await p.create(people.delegate, { title: 'Half a practice', commitment: 'lima-2018' }));
    const incomplete = await p.submit(people.coordinator, draft.id);
    expect(incomplete).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: 'Only a complete form is submitted. Fill in the highlighted fields.',
    });
    expect(Object.keys((!incomplete.ok && incomplete.kind === 'invalid' && incomplete.fieldErrors) || {})).toEqual(
      expect.arrayContaining(['mandates', 'summary', 'situation', 'contactEmail', 'languages']),
    );
    must(await p.update(people.delegate, draft.id, { ...complete({ title: 'Half a practice' }), baseVersion: 1 }));
    expect(await p.update(people.delegate, draft.id, { ...complete(), baseVersion: 1 })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(await p.submit(people.delegate, draft.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await p.submit(people.chile, draft.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await p.submit(people.coordinator, draft.id)).toMatchObject({ ok: true, value: { status: 'submitted' } });
    expect(await p.submit(people.coordinator, draft.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(
      (await handle.db.select().from(practiceVersions).where(eq(practiceVersions.practiceId, draft.id)))
        .map((v) => v.version)
        .sort(),
    ).toEqual([1, 2]);
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.subjectId, draft.id)))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(['practice.drafted', 'practice.saved', 'practice.submitted']);
    // A submitted practice keeps its form complete.
    expect(await p.update(people.delegate, draft.id, { ...complete({ summary: '' }), baseVersion: 2 })).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
  });

  it('attaches documents through the same checks as answers', async () => {
    const draft = must(await services.practices.create(people.delegate, complete({ title: 'With a document' })));
    expect(
      await services.practices.uploadDocument(people.delegate, draft.id, file('law.pdf', makePdf('Law 1'))),
    ).toMatchObject({ ok: true, value: { fileName: 'law.pdf', mediaType: 'application/pdf' } });
    expect(
      await services.practices.uploadDocument(
        people.delegate,
        draft.id,
        file('run.exe', new TextEncoder().encode('MZ\x90\x00 program')),
      ),
    ).toMatchObject({ ok: false, kind: 'invalid' });
    expect(
      await services.practices.uploadDocument(people.chile, draft.id, file('law.pdf', makePdf('Law 1'))),
    ).toMatchObject({ ok: false, kind: 'not_found' });
  });
});

describe('the review round and publication', () => {
  let practiceId: string;
  let roundId: string;

  it('is opened by the Secretariat only, on submitted practices, closing two weeks ahead unless configured', async () => {
    const p = services.practices;
    practiceId = (
      await submitted(people.coordinator, { title: 'Declaraciones juradas de patrimonio en datos abiertos' })
    ).id;
    const draft = must(await p.create(people.delegate, complete({ title: 'Still a draft' })));
    expect(await p.openRound(people.coordinator, { name: 'R', practiceIds: [practiceId] })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await p.openRound(people.secretariat, { name: 'R', practiceIds: [practiceId, draft.id] })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect((await handle.db.select().from(practices).where(eq(practices.id, practiceId)))[0].status).toBe('submitted');
    const round = must(await p.openRound(people.secretariat, { name: '2027 review', practiceIds: [practiceId] }));
    roundId = round.id;
    expect(round.closesAt.getTime() - clock.getTime()).toBe(14 * 24 * 3600 * 1000);
    const custom = must(
      await p.openRound(people.secretariat, {
        name: 'Short',
        practiceIds: [(await submitted(people.coordinator, { title: 'Other' })).id],
        days: '3',
      }),
    );
    expect(custom.closesAt.getTime() - clock.getTime()).toBe(3 * 24 * 3600 * 1000);
    const at = must(
      await p.openRound(people.secretariat, {
        name: 'Dated',
        practiceIds: [(await submitted(people.coordinator, { title: 'Dated entry' })).id],
        closesAt: '2027-02-05T10:30',
      }),
    );
    expect(at.closesAt.toISOString()).toBe('2027-02-05T10:30:00.000Z');
    const past = await p.openRound(people.secretariat, {
      name: 'Past',
      practiceIds: [(await submitted(people.coordinator, { title: 'Past entry' })).id],
      closesAt: '2027-01-01T00:00',
    });
    expect(past).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { closesAt: ['The round closes in the future, within 90 days.'] },
    });
  });

  it('lets every State read and comment, threaded and resolvable; JSWG and civil society only when opened to them', async () => {
    const p = services.practices;
    expect(must(await p.round(people.chileDelegate, roundId)).practices.map((x) => x.id)).toContain(practiceId);
    const c = must(await p.comment(people.chileDelegate, practiceId, { body: 'Which registries are cross-checked?' }));
    must(await p.comment(people.delegate, practiceId, { body: 'Property and companies.', parentId: c.id }));
    expect(await p.comment(people.oas, practiceId, { body: 'JSWG view' })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await p.comment(people.cso, practiceId, { body: 'CSO view' })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await p.comment(null, practiceId, { body: 'anon' })).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await p.round(people.oas, roundId)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await p.get(people.cso, practiceId)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await p.comment(people.chile, practiceId, { body: '  ' })).toMatchObject({ ok: false, kind: 'invalid' });
    // The comment field's maxLength on the page is the service's limit: it takes exactly that, not one more.
    const limit = p.textLimits.comment;
    expect(await p.comment(people.chile, practiceId, { body: 'x'.repeat(limit + 1) })).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { body: [expect.any(String)] },
    });
    must(await p.comment(people.chile, practiceId, { body: 'x'.repeat(limit) }));
    // Resolving: the owner's focal point or the Secretariat; not another State.
    expect(await p.resolveComment(people.chile, c.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await p.resolveComment(people.coordinator, c.id)).toMatchObject({ ok: true });
    const page = must(await p.get(people.chile, practiceId));
    expect(page.comments).toHaveLength(3);
    expect(page.comments.find((x) => x.id === c.id)?.resolvedAt).toBeTruthy();
    expect(page.comments.find((x) => x.parentId === c.id)?.body).toBe('Property and companies.');
    // A round opened to JSWG organizations lets them comment.
    const jswgRound = must(
      await p.openRound(people.secretariat, {
        name: 'Open to JSWG',
        practiceIds: [(await submitted(people.coordinator, { title: 'JSWG-open entry' })).id],
        openToJswg: 'on',
      }),
    );
    const jswgPractice = must(await p.round(people.oas, jswgRound.id)).practices[0];
    expect(await p.comment(people.oas, jswgPractice.id, { body: 'The OAS can help.' })).toMatchObject({ ok: true });
    expect(await p.comment(people.cso, jswgPractice.id, { body: 'CSO' })).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
  });

  it('lets the owner revise while open; publishes nothing before the round closes; keeps the version history', async () => {
    const p = services.practices;
    const current = (await handle.db.select().from(practices).where(eq(practices.id, practiceId)))[0];
    must(
      await p.update(people.delegate, practiceId, {
        ...complete({
          title: 'Declaraciones juradas de patrimonio en datos abiertos',
          innovation: 'Revised after comments.',
        }),
        baseVersion: current.version,
      }),
    );
    expect(await p.publishRound(people.secretariat, roundId)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await p.closeRound(people.secretariat, roundId)).toMatchObject({ ok: false, kind: 'conflict' });
    await expect(p.search({ q: 'patrimonio' }).then((r) => r.total)).resolves.toBe(0);
    clock = new Date(clock.getTime() + 14 * 24 * 3600 * 1000 + 1000);
    // Closed by the date (claimed once): no comment, no revision, then the Secretariat publishes.
    expect(await p.comment(people.chile, practiceId, { body: 'Late' })).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await p.closeDueRounds()).toBe(0); // the comment's read already claimed the closing
    expect(
      await p.update(people.delegate, practiceId, { ...complete(), baseVersion: current.version + 1 }),
    ).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await p.publishRound(people.chile, roundId)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await p.publishRound(people.secretariat, roundId)).toMatchObject({
      ok: true,
      value: { published: 1, held: [] },
    });
    expect(await p.publishRound(people.secretariat, roundId)).toMatchObject({ ok: false, kind: 'conflict' });
    const anon = must(await p.get(null, practiceId));
    expect(anon.access).toBe('public');
    expect(anon.comments).toEqual([]);
    expect(anon.versions).toEqual([
      expect.objectContaining({ version: current.version + 1, publishedAt: expect.any(Date) }),
    ]);
    expect(must(await p.get(people.coordinator, practiceId)).versions.length).toBeGreaterThanOrEqual(2);
  });

  it('finds published practices by misspelled, unaccented Spanish queries, with facets and counts, never ranking States', async () => {
    const p = services.practices;
    const found = await p.search({ q: 'declaraciones jurdas patrimonío' });
    expect(found.items.map((x) => x.id)).toContain(practiceId);
    expect(found.order).toBe('relevance');
    // The facets count the misspelled query's results (the index's ranking), not the whole base.
    expect(found.facets.mandate).toContainEqual({ value: '30', count: found.total });
    expect((await p.search({ q: 'declaraciones jurdas patrimonío', organization: 'CL' })).total).toBe(0);
    expect((await p.search({ q: 'zzyzx qqqq' })).facets.mandate).toEqual([]);
    const all = await p.search({});
    expect(all.order).toBe('alphabetical');
    expect(all.facets.mandate).toContainEqual({ value: '30', count: all.total });
    expect(all.facets.subject).toContainEqual({ value: 'asset_disclosure', count: all.total });
    expect((await p.search({ organization: 'CL' })).total).toBe(0);
    expect((await p.search({ organization: 'PE', subject: 'asset_disclosure' })).total).toBe(all.total);
    expect((await p.publishedPracticesForMatching()).map((x) => x.mandates)).toContainEqual([
      { commitment: 'lima-2018', number: 30 },
    ]);
  });
});

describe('consolidation: tags, duplicates and merges', () => {
  it('merges entries of one organization keeping both originals, and refuses across organizations', async () => {
    const p = services.practices;
    const a = await submitted(people.coordinator, { title: 'Procurement portal A', mandates: ['20'] });
    const b = await submitted(people.coordinator, {
      title: 'Procurement portal B',
      mandates: ['21'],
      languages: ['pt'],
    });
    const c = await submitted(people.chile, { title: 'Procurement portal C' });
    expect(await p.tag(people.coordinator, a.id, 'procurement')).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await p.tag(people.secretariat, a.id, 'procurement, open data')).toMatchObject({
      ok: true,
      value: { tags: ['procurement', 'open data'] },
    });
    expect(await p.markDuplicate(people.secretariat, b.id, a.id)).toMatchObject({
      ok: true,
      value: { duplicateOfId: a.id },
    });
    expect(await p.merge(people.secretariat, [a.id, c.id])).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await p.merge(people.chile, [a.id, b.id])).toMatchObject({ ok: false, kind: 'forbidden' });
    const merged = must(await p.merge(people.secretariat, [a.id, b.id]));
    expect(merged).toMatchObject({
      title: 'Procurement portal A',
      mergedFrom: [a.id, b.id],
      status: 'submitted',
      languages: ['es', 'en', 'pt'],
    });
    const originals = await handle.db.select().from(practices).where(eq(practices.mergedIntoId, merged.id));
    expect(originals.map((o) => [o.title, o.status]).sort()).toEqual([
      ['Procurement portal A', 'merged'],
      ['Procurement portal B', 'merged'],
    ]);
    expect(must(await p.get(people.secretariat, merged.id)).practice.mandates.map((m) => m.number)).toEqual([20, 21]);
  });
});

describe('non-disclosure: a withheld Q6 answer never reaches a published practice (canary)', () => {
  const CANARY = 'CANARY-q6-51c2 covert informant network inside the customs service';

  it('copies only what is disclosed, carries no withheld document, and keeps repeated withheld text out of every output', async () => {
    const p = services.practices;
    clock = new Date('2027-02-10T12:00:00Z');
    const q6 = must(
      await services.registration.saveAnswer(people.delegate, cycleId, {
        mandate: 9,
        question: 'Q6',
        summary: 'Customs integrity programme',
        full: `${CANARY}. Details for the Chair only.`,
        baseVersion: 0,
      }),
    );
    const secretFile = must(
      await services.attachments.uploadForAnswer(
        people.delegate,
        cycleId,
        { mandate: 9, question: 'Q6' },
        file('informants.pdf', makePdf('secret')),
      ),
    );
    const publicFile = must(
      await services.attachments.uploadForAnswer(
        people.delegate,
        cycleId,
        { mandate: 9, question: 'Q6' },
        file('programme.pdf', makePdf('public')),
      ),
    );
    must(
      await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
        scope: 'field',
        mandate: 9,
        question: 'Q6',
        field: 'full',
        letterReference: 'Note 17-A to the Chair',
      }),
    );
    must(
      await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
        scope: 'attachment',
        attachmentId: secretFile.id,
        letterReference: 'Note 17-B to the Chair',
      }),
    );

    // Drafting from the answer: linked back, the withheld full answer and document left out.
    expect(await p.draftFromAnswer(people.chile, q6.id)).toMatchObject({ ok: false, kind: 'not_found' });
    const draft = must(await p.draftFromAnswer(people.delegate, q6.id));
    expect(draft).toMatchObject({ sourceAnswerId: q6.id, summary: 'Customs integrity programme', action: '' });
    const own = must(await p.get(people.delegate, draft.id)).practice;
    expect(own.documents.map((d) => d.fileName)).toEqual(['programme.pdf']);
    expect(own.mandates.map((m) => m.number)).toEqual([9]);
    expect(JSON.stringify(own)).not.toContain('CANARY');

    // Putting the withheld text back is refused at submission.
    const v = (await handle.db.select().from(practices).where(eq(practices.id, draft.id)))[0].version;
    must(
      await p.update(people.delegate, draft.id, {
        ...complete({ title: 'Customs integrity programme', mandates: ['9'], action: `We run a ${CANARY}.` }),
        baseVersion: v,
      }),
    );
    expect(await p.submit(people.coordinator, draft.id)).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { action: expect.any(Array) },
    });
    must(
      await p.update(people.delegate, draft.id, {
        ...complete({
          title: 'Customs integrity programme',
          mandates: ['9'],
          action: 'Rotation of customs officers and lifestyle checks.',
        }),
        baseVersion: v + 1,
      }),
    );
    must(await p.submit(people.coordinator, draft.id));
    const round = must(await p.openRound(people.secretariat, { name: 'Canary round', practiceIds: [draft.id] }));
    clock = new Date(round.closesAt.getTime() + 1000);
    expect(must(await p.publishRound(people.secretariat, round.id))).toMatchObject({ published: 1 });
    const published = must(await p.get(null, draft.id)).practice;
    expect(published.documents.map((d) => d.fileName)).toEqual(['programme.pdf']);
    expect(must(await p.document(null, draft.id, published.documents[0].id)).fileName).toBe('programme.pdf');

    // A later withholding of the carried document: it leaves every public output at once, the practice stays.
    must(
      await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
        scope: 'attachment',
        attachmentId: publicFile.id,
        letterReference: 'Note 17-C to the Chair',
      }),
    );
    expect(must(await p.get(null, draft.id)).practice.documents).toEqual([]);
    expect(await p.document(people.chile, draft.id, published.documents[0].id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(must(await p.document(people.delegate, draft.id, published.documents[0].id)).fileName).toBe('programme.pdf');
    // A later withholding of the whole question: the practice's title repeats the now-withheld summary, so the
    // practice leaves the public base for everyone outside Peru (its organization still reads it).
    must(
      await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
        scope: 'question',
        mandate: 9,
        question: 'Q6',
        letterReference: 'Note 17-D to the Chair',
      }),
    );
    expect(await p.get(null, draft.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await p.get(people.coordinator, draft.id)).toMatchObject({ ok: true });
    expect((await p.search({ q: 'customs integrity' })).items.map((x) => x.id)).not.toContain(draft.id);

    // Every output anyone else reads: never the canary, never the withheld document.
    for (const viewer of [null, people.chile, people.oas, people.cso, people.secretariat] as Viewer[]) {
      const seen = JSON.stringify([
        await p.get(viewer, draft.id),
        await p.search({}),
        await p.search({ q: 'customs' }),
        await p.publishedForMandate('lima-2018', 9),
      ]);
      expect(seen).not.toContain('CANARY');
      expect(seen).not.toContain('informants.pdf');
      expect(seen).not.toContain('Customs integrity programme');
    }
    const exports =
      (await p.exportPublished('csv')) +
      (await p.exportPublished('json')) +
      JSON.stringify(await p.publishedPracticesForMatching());
    expect(exports).not.toContain('CANARY');
    expect(exports).not.toContain('informants.pdf');
    expect(exports).not.toContain('Customs integrity programme');
  });
});

describe('exports', () => {
  it('have the documented columns and neutralise formulas', async () => {
    const p = services.practices;
    const evil = await submitted(people.chile, { title: '=HYPERLINK("http://x")', mandates: ['40'] });
    const round = must(
      await p.openRound(people.secretariat, { name: 'Export round', practiceIds: [evil.id], days: 1 }),
    );
    clock = new Date(round.closesAt.getTime() + 1000);
    must(await p.publishRound(people.secretariat, round.id));
    const csv = await p.exportPublished('csv');
    expect(csv.split('\r\n')[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    const json = JSON.parse(await p.exportPublished('json'));
    expect(json.schema).toBe('minka.practices/1');
    expect(Object.keys(json.practices[0])).toEqual([...EXPORT_COLUMNS]);
  });

  it('carry the IACC/UNCAC provisions the catalogue links to the mandates, and name the mandates it links none to', async () => {
    const p = services.practices;
    // The Lima catalogue links no provision (Annex 2 was not found): every mandate is "missing", none invented.
    const before = JSON.parse(await p.exportPublished('json')).practices as Array<Record<string, unknown>>;
    expect(before.length).toBeGreaterThan(0);
    for (const r of before) {
      expect(r.provisions).toEqual([]);
      expect(r.provisions_missing_for).toEqual(r.mandates);
    }
    // Link one provision to mandate 40 (as a catalogue with Annex 2 would): the practice on 40 carries it.
    const [mandate40] = await handle.db
      .select({ id: mandates.id })
      .from(mandates)
      .innerJoin(commitments, eq(commitments.id, mandates.commitmentId))
      .where(and(eq(commitments.code, 'lima-2018'), eq(mandates.number, 40)));
    const [provision] = await handle.db
      .insert(treatyProvisions)
      .values({
        treaty: 'IACC',
        reference: 'Article III (test)',
        titleEn: 'Preventive measures',
        titleEs: 'Medidas preventivas',
      })
      .onConflictDoNothing()
      .returning();
    await handle.db.insert(mandateProvisions).values({ mandateId: mandate40.id, provisionId: provision.id });
    const after = JSON.parse(await p.exportPublished('json')).practices as Array<Record<string, unknown>>;
    const on40 = after.find((r) => (r.mandates as number[]).includes(40))!;
    expect(on40.provisions).toEqual([
      {
        treaty: 'IACC',
        reference: 'Article III (test)',
        title_en: 'Preventive measures',
        title_es: 'Medidas preventivas',
        mandates: [40],
      },
    ]);
    expect(on40.provisions_missing_for).toEqual((on40.mandates as number[]).filter((n) => n !== 40));
    const other = after.find((r) => !(r.mandates as number[]).includes(40));
    if (other) expect(other.provisions).toEqual([]);
    const csv = await p.exportPublished('csv');
    const header = csv.split('\r\n')[0].split(',');
    const row = csv.split('\r\n').find((l) => l.includes(on40.id as string))!;
    // Cells are quoted and contain no commas here: the provisions column reads "IACC Article III (test)".
    expect(row.split('","')[header.indexOf('provisions')]).toBe('IACC Article III (test)');
  });
});
