import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { attachments, auditLog, disclosureRequests, organizations, publishedAttachments } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { importCatalogueAsSystem } from '../catalogue/import.server';
import { loadReferenceData } from '../catalogue/reference.server';
import { valid } from '../catalogue/test-support';
import { createServices, type Services } from '../index.server';
import { chunksOf, createMemoryFileStore } from '../storage/file-store';
import { makePdf } from '../storage/pdf';

const CANARY = 'canary-attach-4d1e-withheld';
const CANARY_QUESTION = 'canary-attach-8b2f-question';

let handle: DatabaseHandle;
let services: Services;
const store = createMemoryFileStore();
let clock = new Date('2027-02-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'coordinator' | 'delegate' | 'chile' | 'cso' | 'oas', Actor>;
let cycleId: string;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const file = (fileName: string, bytes: Uint8Array | string) => ({
  fileName,
  data: chunksOf(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, 1024),
});
const text = async (stream: AsyncIterable<unknown>) => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks).toString('latin1');
};
const upload = (who: Actor | null, target: Record<string, unknown>, f: ReturnType<typeof file>, cycle = cycleId) =>
  services.attachments.uploadForAnswer(who, cycle, target, f);
const value = <T>(outcome: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value;
};

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock, fileStore: store, attachmentMaxBytes: 64 * 1024 });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_admin',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.coordinator = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.delegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.cso = await createActor(handle.db, 'civil_society', 'civil_society_member');
  cycleId = value(
    await services.registration.createCycle(people.secretariat, {
      name: '2027 registration',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T00:00:00Z',
      publishesAt: '2027-05-15T00:00:00Z',
      timeZone: 'America/Lima',
    }),
  ).id;
  for (const [who, mandate, question, summary] of [
    [people.delegate, 2, 'Q2', 'Judicial career law'],
    [people.delegate, 2, 'Q3', `Statistics ${CANARY_QUESTION}`],
    [people.chile, 2, 'Q2', 'Procurement reform'],
  ] as const) {
    value(await services.registration.saveAnswer(who, cycleId, { mandate, question, summary, baseVersion: 0 }));
  }
});
afterAll(() => handle.close());

describe('uploading', () => {
  it('attaches a document to a saved answer: type sniffed, SHA-256 kept, name cleaned, audited', async () => {
    const pdf = makePdf('Law 30000');
    const row = value(
      await upload(
        people.delegate,
        { mandate: 2, question: 'Q2' },
        file('..\\..\\evil/\u202eLaw\u0007 30000.pdf', pdf),
      ),
    );
    expect(row).toMatchObject({ fileName: 'Law 30000.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(store.keys()).toContain(`${row.id.slice(0, 2)}/${row.id}`);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.subjectId, row.id));
    expect(entry).toMatchObject({
      action: 'attachment.uploaded',
      actorUserId: people.delegate.userId,
      data: expect.objectContaining({ fileName: 'Law 30000.pdf', sha256: row.sha256 }),
    });
  });

  it('refuses a disguised executable, an unknown type, an empty file and an oversize file, keeping the answer and storing nothing', async () => {
    const before = store.keys().length;
    const exe = await upload(
      people.delegate,
      { mandate: 2, question: 'Q2' },
      file('report.pdf', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])),
    );
    expect(exe).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: expect.stringMatching(/program, not a document.*PDF, Word/),
    });
    expect(
      await upload(people.delegate, { mandate: 2, question: 'Q2' }, file('notes.pdf', '<html><body>hi</body></html>')),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/not accepted/) });
    expect(await upload(people.delegate, { mandate: 2, question: 'Q2' }, file('empty.pdf', ''))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/empty/),
    });
    const big = new Uint8Array(64 * 1024 + 1);
    big.set(new TextEncoder().encode('%PDF-1.4'));
    expect(await upload(people.delegate, { mandate: 2, question: 'Q2' }, file('big.pdf', big))).toMatchObject({
      ok: false,
      kind: 'too_large',
      message: expect.stringMatching(/larger than 64 KB/),
    });
    expect(await upload(people.delegate, { mandate: 2, question: 'Q2' }, file('', ''))).toMatchObject({
      ok: false,
      message: 'Choose a file to attach.',
    });
    expect(store.keys().length).toBe(before);
    const q = value(await services.registration.questionnaire(people.delegate, cycleId));
    expect(q.answers.find((a) => a.mandate === 2 && a.question === 'Q2')).toMatchObject({
      summary: 'Judicial career law',
      version: 1,
    });
  });

  it('needs a saved answer, and is open only to the organization’s drafters', async () => {
    expect(await upload(people.delegate, { mandate: 5, question: 'Q2' }, file('a.pdf', makePdf('x')))).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: expect.stringMatching(/Save this answer first/),
    });
    expect(await upload(null, { mandate: 2, question: 'Q2' }, file('a.pdf', makePdf('x')))).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await upload(people.cso, { mandate: 2, question: 'Q2' }, file('a.pdf', makePdf('x')))).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await upload(people.secretariat, { mandate: 2, question: 'Q2' }, file('a.pdf', makePdf('x')))).toMatchObject(
      { ok: false, kind: 'forbidden' },
    );
    // Chile's coordinator uploads to Chile's answer, never to Peru's: the questionnaire is always the actor's own.
    const chilean = value(
      await upload(people.chile, { mandate: 2, question: 'Q2' }, file('chile.pdf', makePdf('Chile'))),
    );
    const chileRows = await handle.db.select().from(attachments).where(eq(attachments.id, chilean.id));
    expect(chileRows[0].questionnaireId).not.toBe(
      value(await services.registration.questionnaire(people.delegate, cycleId)).questionnaire.id,
    );
  });

  it('lets only the organization and the Secretariat download a draft document; others get not found', async () => {
    const [mine] = value(await services.attachments.forQuestionnaire(people.coordinator, cycleId));
    expect(mine.fileName).toBe('Law 30000.pdf');
    for (const who of [people.delegate, people.coordinator, people.secretariat]) {
      const download = value(await services.attachments.download(who, mine.id));
      expect(await text(download.stream)).toContain('Law 30000');
    }
    for (const who of [null, people.chile, people.cso, people.oas])
      expect(await services.attachments.download(who, mine.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await services.attachments.download(null, 'not-an-id')).toMatchObject({ ok: false, kind: 'not_found' });
    expect(value(await services.attachments.forQuestionnaire(people.chile, cycleId)).map((a) => a.fileName)).toEqual([
      'chile.pdf',
    ]);
  });

  it('removes a document only for the organization’s drafters, audited; another organization gets not found', async () => {
    const extra = value(
      await upload(people.delegate, { mandate: 2, question: 'Q2' }, file('draft table.csv', 'year,cases\n2026,12\n')),
    );
    expect(extra.mediaType).toBe('text/csv');
    expect(await services.attachments.remove(people.chile, extra.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await services.attachments.remove(people.cso, extra.id)).toMatchObject({ ok: false, kind: 'not_found' });
    expect((await services.attachments.remove(people.coordinator, extra.id)).ok).toBe(true);
    expect(await services.attachments.remove(people.coordinator, extra.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(store.keys()).not.toContain(`${extra.id.slice(0, 2)}/${extra.id}`);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'attachment.removed'));
    expect(entry).toMatchObject({
      subjectId: extra.id,
      actorUserId: people.coordinator.userId,
      data: expect.objectContaining({ fileName: 'draft table.csv', sha256: extra.sha256 }),
    });
    expect(await services.attachments.download(people.coordinator, extra.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
  });
});

describe('letters to the Chair', () => {
  it('are stored with the request, readable by the State and the Secretariat only; a bad letter records nothing', async () => {
    const before = (await handle.db.select().from(disclosureRequests)).length;
    const refused = await services.publication.requestNonDisclosure(
      people.coordinator,
      cycleId,
      { scope: 'questionnaire', letterReference: 'Note 1' },
      file('letter.pdf', new Uint8Array([0x7f, 0x45, 0x4c, 0x46])),
    );
    expect(refused).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { letter: [expect.stringMatching(/program/)] },
    });
    expect((await handle.db.select().from(disclosureRequests)).length).toBe(before);
    expect(
      await services.publication.requestNonDisclosure(
        people.delegate,
        cycleId,
        { scope: 'questionnaire', letterReference: 'Note 1' },
        file('letter.pdf', makePdf('x')),
      ),
    ).toMatchObject({ ok: false, kind: 'forbidden' });

    const [q3] = value(await services.registration.questionnaire(people.delegate, cycleId)).answers.filter(
      (a) => a.question === 'Q3',
    );
    expect(q3).toBeDefined();
    const request = value(
      await services.publication.requestNonDisclosure(
        people.coordinator,
        cycleId,
        { scope: 'question', mandate: 2, question: 'Q3', letterReference: 'Note 2-2027' },
        file('Letter to the Chair.pdf', makePdf('Dear Chair')),
      ),
    );
    const listed = value(await services.publication.listRequests(people.coordinator, cycleId)).find(
      (r) => r.id === request.id,
    )!;
    expect(listed.letter?.fileName).toBe('Letter to the Chair.pdf');
    expect((await services.attachments.download(people.secretariat, listed.letter!.id)).ok).toBe(true);
    expect((await services.attachments.download(people.delegate, listed.letter!.id)).ok).toBe(true);
    for (const who of [null, people.chile, people.cso])
      expect(await services.attachments.download(who, listed.letter!.id)).toMatchObject({
        ok: false,
        kind: 'not_found',
      });
  });

  it('scope attachment must name one of the State’s own documents', async () => {
    const [chilean] = value(await services.attachments.forQuestionnaire(people.chile, cycleId));
    expect(
      await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
        scope: 'attachment',
        letterReference: 'Note 3',
      }),
    ).toMatchObject({ ok: false, fieldErrors: { attachmentId: expect.any(Array) } });
    expect(
      await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
        scope: 'attachment',
        attachmentId: chilean.id,
        letterReference: 'Note 3',
      }),
    ).toMatchObject({ ok: false, fieldErrors: { attachmentId: expect.any(Array) } });
  });
});

describe('publication of documents, with the canary', () => {
  let publicId: string;
  let withheldId: string;
  let inWithheldQuestionId: string;

  it('publishes the documents of published answers, except withheld ones', async () => {
    publicId = value(await services.attachments.forQuestionnaire(people.coordinator, cycleId))[0].id;
    const canaryPdf = makePdf(`Internal memo ${CANARY}`);
    expect(Buffer.from(canaryPdf).toString('latin1')).toContain(CANARY);
    withheldId = value(
      await upload(people.delegate, { mandate: 2, question: 'Q2' }, file(`${CANARY}.pdf`, canaryPdf)),
    ).id;
    inWithheldQuestionId = value(
      await upload(
        people.delegate,
        { mandate: 2, question: 'Q3' },
        file(`Stats ${CANARY_QUESTION}.csv`, `a,b\n${CANARY_QUESTION},1\n`),
      ),
    ).id;
    value(
      await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
        scope: 'attachment',
        attachmentId: withheldId,
        letterReference: 'Note 4-2027',
      }),
    );

    value(await services.registration.submit(people.coordinator, cycleId));
    value(await services.registration.submit(people.chile, cycleId));
    // A submitted questionnaire is locked for documents too.
    expect(
      await upload(people.delegate, { mandate: 2, question: 'Q2' }, file('late.pdf', makePdf('late'))),
    ).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/locked/) });
    expect(await services.attachments.remove(people.delegate, publicId)).toMatchObject({ ok: false, kind: 'conflict' });

    clock = new Date('2027-05-15T00:01:00Z');
    value(await services.publication.publishCycle(cycleId));
    const rows = await handle.db.select().from(publishedAttachments).where(eq(publishedAttachments.cycleId, cycleId));
    expect(rows.map((r) => r.attachmentId).sort()).toEqual(
      [publicId, value(await services.attachments.forQuestionnaire(people.chile, cycleId))[0].id].sort(),
    );
  });

  it('never shows the withheld document’s name or content in any public output, and 404s its download', async () => {
    const outputs = [
      JSON.stringify(await services.publication.publicAnswers(cycleId)),
      JSON.stringify(await services.publication.publicAnswers(cycleId, 'PE')),
      JSON.stringify(await services.publication.distribution(cycleId)),
      JSON.stringify(await services.publication.exportCycle(cycleId, 'csv')),
      JSON.stringify(await services.publication.exportCycle(cycleId, 'json')),
      JSON.stringify(await services.directory.search({ q: 'canary' })),
    ];
    for (const output of outputs) {
      expect(output).not.toContain(CANARY);
      expect(output).not.toContain(CANARY_QUESTION);
    }
    expect(outputs[1]).toContain('Law 30000.pdf');
    for (const id of [withheldId, inWithheldQuestionId]) {
      expect(await services.attachments.download(null, id)).toMatchObject({ ok: false, kind: 'not_found' });
      expect(await services.attachments.download(people.chile, id)).toMatchObject({ ok: false, kind: 'not_found' });
    }
    const download = value(await services.attachments.download(null, publicId));
    expect(download).toMatchObject({ fileName: 'Law 30000.pdf', mediaType: 'application/pdf' });
    expect(await text(download.stream)).toContain('Law 30000');
    // The State still reads its own withheld document.
    expect(await text(value(await services.attachments.download(people.delegate, withheldId)).stream)).toContain(
      CANARY,
    );
  });

  it('applies a later grant at every read and download', async () => {
    value(
      await services.publication.requestNonDisclosure(people.coordinator, cycleId, {
        scope: 'attachment',
        attachmentId: publicId,
        letterReference: 'Late note',
      }),
    );
    expect(await services.attachments.download(null, publicId)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(JSON.stringify(await services.publication.publicAnswers(cycleId, 'PE'))).not.toContain('Law 30000.pdf');
    expect((await services.attachments.download(people.secretariat, publicId)).ok).toBe(true);
  });
});

describe('an upload racing a submission', () => {
  it('is refused when the questionnaire was submitted while the file streamed in, and keeps nothing', async () => {
    const cycle = value(
      await services.registration.createCycle(people.secretariat, {
        name: '2027 racing',
        kind: 'registration',
        opensAt: '2027-01-01T00:00:00Z',
        closesAt: '2027-12-31T00:00:00Z',
        publishesAt: '2028-01-15T00:00:00Z',
        timeZone: 'UTC',
      }),
    ).id;
    const saved = clock;
    clock = new Date('2027-06-01T00:00:00Z');
    value(
      await services.registration.saveAnswer(people.chile, cycle, {
        mandate: 2,
        question: 'Q2',
        summary: 'Procurement',
        baseVersion: 0,
      }),
    );
    // The file's bytes arrive after every check has passed; meanwhile the coordinator submits.
    const bytes = makePdf('late memo');
    async function* slowUpload() {
      yield bytes.slice(0, 10);
      value(await services.registration.submit(people.chile, cycle));
      yield bytes.slice(10);
    }
    expect(
      await upload(people.chile, { mandate: 2, question: 'Q2' }, { fileName: 'late.pdf', data: slowUpload() }, cycle),
    ).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/submitted/) });
    expect(value(await services.attachments.forQuestionnaire(people.chile, cycle))).toEqual([]);
    clock = saved;
  });
});

describe('an update cycle', () => {
  it('carries the documents with the answers, and keeps withheld what was withheld, letters included', async () => {
    const previous = value(await services.attachments.forQuestionnaire(people.coordinator, cycleId));
    const update = value(
      await services.registration.createCycle(people.secretariat, {
        name: '2027 update',
        kind: 'update',
        opensAt: '2027-05-20T00:00:00Z',
        closesAt: '2027-06-30T00:00:00Z',
        publishesAt: '2027-07-01T00:00:00Z',
        timeZone: 'America/Lima',
        previousCycleId: cycleId,
      }),
    ).id;
    clock = new Date('2027-05-21T00:00:00Z');
    value(await services.registration.questionnaire(people.coordinator, update));

    // The same documents on the same answers, as new rows over the same bytes.
    const carried = value(await services.attachments.forQuestionnaire(people.coordinator, update));
    const shape = (d: (typeof carried)[number]) => [d.mandate, d.question, d.fileName, d.sha256].join(' ');
    expect(carried.map(shape).sort()).toEqual(previous.map(shape).sort());
    expect(carried.some((d) => previous.some((p) => p.id === d.id))).toBe(false);
    const carriedCanary = carried.find((d) => d.fileName === `${CANARY}.pdf`)!;
    expect(await text(value(await services.attachments.download(people.delegate, carriedCanary.id)).stream)).toContain(
      CANARY,
    );

    // Each request on a document now points at the carried document; the question's request keeps its letter.
    const requests = value(await services.publication.listRequests(people.coordinator, update));
    const onDocuments = requests.filter((r) => r.scope === 'attachment').map((r) => r.attachmentId);
    expect(onDocuments.sort()).toEqual(
      carried
        .filter((d) => d.fileName === `${CANARY}.pdf` || d.fileName === 'Law 30000.pdf')
        .map((d) => d.id)
        .sort(),
    );
    const question = requests.find((r) => r.scope === 'question')!;
    expect(question.letter?.fileName).toBe('Letter to the Chair.pdf');
    expect(
      await text(value(await services.attachments.download(people.secretariat, question.letter!.id)).stream),
    ).toContain('Dear Chair');
    expect(await services.attachments.download(null, question.letter!.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });

    // Removing a carried document from the update leaves the previous cycle's copy whole.
    const law = carried.find((d) => d.fileName === 'Law 30000.pdf')!;
    value(await services.attachments.remove(people.delegate, law.id));
    expect(
      await text(
        value(
          await services.attachments.download(
            people.secretariat,
            previous.find((d) => d.fileName === 'Law 30000.pdf')!.id,
          ),
        ).stream,
      ),
    ).toContain('Law 30000');

    // Published: nothing withheld last cycle comes out with the update.
    value(await services.registration.submit(people.coordinator, update));
    clock = new Date('2027-07-01T00:01:00Z');
    value(await services.publication.publishCycle(update));
    const outputs = [
      JSON.stringify(await services.publication.publicAnswers(update, 'PE')),
      JSON.stringify(await services.publication.exportCycle(update, 'json')),
    ];
    for (const output of outputs) {
      expect(output).not.toContain(CANARY);
      expect(output).not.toContain(CANARY_QUESTION);
    }
    for (const d of carried.filter((c) => c.fileName !== 'Law 30000.pdf'))
      expect(await services.attachments.download(null, d.id)).toMatchObject({ ok: false, kind: 'not_found' });
  });
});

describe('per-indicator answers', () => {
  let testCycle: string;
  beforeAll(async () => {
    clock = new Date('2031-02-01T12:00:00Z');
    const fixture = valid(
      JSON.parse(readFileSync(new URL('../../tests/fixtures/catalogue/example.json', import.meta.url), 'utf8')),
    );
    value(await importCatalogueAsSystem(handle.db, fixture, { via: 'test' }));
    testCycle = value(
      await services.registration.createCycle(people.secretariat, {
        name: 'Test cycle',
        kind: 'registration',
        opensAt: '2031-01-01T00:00:00Z',
        closesAt: '2031-04-30T00:00:00Z',
        publishesAt: '2031-05-15T00:00:00Z',
        timeZone: 'UTC',
        commitmentCode: 'test-commitment',
      }),
    ).id;
  });

  it('asks the questions per indicator, and refuses an unknown indicator or a missing one', async () => {
    const save = (input: Record<string, unknown>) =>
      services.registration.saveAnswer(people.delegate, testCycle, { baseVersion: 0, ...input });
    expect(await save({ mandate: 1, question: 'Q2', summary: 'no indicator given' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: expect.stringMatching(/^Unknown mandate or indicator.*1\.1/),
      fieldErrors: { indicator: expect.any(Array) },
    });
    expect(await save({ mandate: 1, indicator: '9.9', question: 'Q2', summary: 'x' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Unknown mandate or indicator/),
    });
    expect(await save({ mandate: 3, indicator: '3.1', question: 'Q2', summary: 'x' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Unknown mandate or indicator.*no indicators/),
    });
    expect(await save({ mandate: 9, question: 'Q2', summary: 'x' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Unknown mandate or indicator/),
    });
    expect((await save({ mandate: 1, indicator: '1.1', question: 'Q1', progress: 'B' })).ok).toBe(true);
    expect(
      (await save({ mandate: 1, indicator: '1.1', question: 'Q2', summary: 'Registry published online' })).ok,
    ).toBe(true);
    expect((await save({ mandate: 3, question: 'Q2', summary: 'For the mandate itself' })).ok).toBe(true);
    const q = value(await services.registration.questionnaire(people.coordinator, testCycle));
    expect(q.indicators).toEqual({ 1: ['1.1'], 2: ['2.1'] });
    const m1 = q.completeness.perMandate.find((m) => m.mandate === 1)!;
    expect(m1).toMatchObject({ answered: 2, of: 6, perIndicator: [{ indicator: '1.1', answered: 2, of: 6 }] });
    expect(q.completeness.perMandate.find((m) => m.mandate === 3)).toMatchObject({
      answered: 1,
      perIndicator: [{ indicator: '' }],
    });
    expect(q.completeness.total).toBe(3 * 6);
    // Documents follow the indicator too.
    expect(
      (
        await upload(
          people.delegate,
          { mandate: 1, indicator: '1.1', question: 'Q2' },
          file('registry.pdf', makePdf('registry')),
          testCycle,
        )
      ).ok,
    ).toBe(true);
    expect(
      await upload(
        people.delegate,
        { mandate: 1, question: 'Q2' },
        file('registry.pdf', makePdf('registry')),
        testCycle,
      ),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/Save this answer first/) });
  });

  it('publishes the indicator code with the answer, on pages and exports', async () => {
    value(await services.registration.submit(people.coordinator, testCycle));
    clock = new Date('2031-05-15T00:01:00Z');
    value(await services.publication.publishCycle(testCycle));
    const published = value(await services.publication.publicAnswers(testCycle, 'PE'));
    expect(published.answers.map((a) => [a.mandate, a.indicator, a.question])).toEqual([
      [1, '1.1', 'Q1'],
      [1, '1.1', 'Q2'],
      [3, '', 'Q2'],
    ]);
    expect(published.answers[1].attachments.map((f) => f.fileName)).toEqual(['registry.pdf']);
    const csv = value(await services.publication.exportCycle(testCycle, 'csv'));
    expect(csv.split('\r\n')[0]).toBe(
      'organization,organization_name,mandate,indicator,question,progress,summary,full,assistance_types,attachments',
    );
    expect(csv).toContain('"1","1.1","Q2"');
    expect(value(await services.publication.exportCycle(testCycle, 'json'))).toContain('"indicator": "1.1"');
  });
});

describe('publishing now', () => {
  it('is for the Secretariat only: it publishes once, leaves the window open (decision 015), and is audited', async () => {
    const cycle = value(
      await services.registration.createCycle(people.secretariat, {
        name: 'Early publication',
        kind: 'registration',
        opensAt: '2031-05-01T00:00:00Z',
        closesAt: '2031-12-01T00:00:00Z',
        publishesAt: '2031-12-15T00:00:00Z',
        timeZone: 'UTC',
      }),
    );
    value(
      await services.registration.saveAnswer(people.chile, cycle.id, {
        mandate: 4,
        question: 'Q2',
        summary: 'Published early',
        baseVersion: 0,
      }),
    );
    value(await services.registration.submit(people.chile, cycle.id));
    expect(await services.publication.publishNow(people.chile, cycle.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.publication.publishNow(null, cycle.id)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(value(await services.publication.publishNow(people.secretariat, cycle.id)).published).toBe(1);
    expect(await services.publication.publishNow(people.secretariat, cycle.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    const [row] = (await services.registration.listCycles()).filter((c) => c.id === cycle.id);
    // The window stays open for those still answering (issue 13 item 2): the dates are not moved.
    expect(row.closesAt).toEqual(new Date('2031-12-01T00:00:00Z'));
    // Chile's own questionnaire is submitted, hence locked.
    expect(
      await services.registration.saveAnswer(people.chile, cycle.id, {
        mandate: 4,
        question: 'Q3',
        summary: 'late',
        baseVersion: 0,
      }),
    ).toMatchObject({ ok: false, kind: 'conflict' });
    const entries = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'cycle.published_now'));
    expect(entries).toHaveLength(1);
  });
});
