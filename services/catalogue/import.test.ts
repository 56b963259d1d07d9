import { and, asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, commitments, mandateProvisions, mandates, sections, treatyProvisions } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import type { Actor } from '../actor';
import { importCatalogue, importCatalogueAsSystem, importCatalogueText, type ImportReport } from './import.server';
import { insertActor, limaCatalogue, testCatalogue, valid } from './test-support';

let handle: DatabaseHandle;
let admin: Actor;
let staff: Actor;
let coordinator: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  admin = await insertActor(handle.db, 'secretariat', 'secretariat_admin', 'SEC-IMPORT');
  staff = { ...admin, role: 'secretariat_staff' };
  coordinator = await insertActor(handle.db, 'state', 'national_coordinator', 'PE');
});
afterAll(async () => {
  await handle.close();
});

const zero = { created: 0, updated: 0, unchanged: 0 };

function value<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result.value;
}

async function rows(table: typeof commitments | typeof mandates | typeof auditLog | typeof mandateProvisions) {
  const [{ n }] = await handle.db.select({ n: count() }).from(table);
  return n;
}

async function mandatesOf(code: string) {
  return handle.db
    .select({
      id: mandates.id,
      number: mandates.number,
      textEn: mandates.textEn,
      updatedAt: mandates.updatedAt,
      sectionId: mandates.sectionId,
    })
    .from(mandates)
    .innerJoin(commitments, eq(commitments.id, mandates.commitmentId))
    .where(eq(commitments.code, code))
    .orderBy(asc(mandates.number));
}

describe('permissions', () => {
  it('lets only a Secretariat administrator import, and writes nothing otherwise', async () => {
    for (const viewer of [null, coordinator, staff]) {
      const result = await importCatalogue(handle.db, viewer, limaCatalogue());
      expect(result).toMatchObject({ ok: false, kind: 'forbidden' });
      // Checked before parsing: a non-admin learns nothing about the file format.
      expect(await importCatalogueText(handle.db, viewer, 'not even json', 'json')).toMatchObject({
        ok: false,
        kind: 'forbidden',
      });
    }
    expect(await rows(commitments)).toBe(0);
  });
});

describe('importing the Lima Commitment reference file', () => {
  let first: ImportReport;

  it('creates every record and writes one audit entry with the counts', async () => {
    const auditBefore = await rows(auditLog);
    first = value(await importCatalogue(handle.db, admin, limaCatalogue()));
    expect(first.counts).toEqual({
      commitment: { ...zero, created: 1 },
      sections: { ...zero, created: 7 },
      mandates: { ...zero, created: 57 },
      indicators: zero,
      provisions: { ...zero, created: 50 },
      links: { ...zero, deleted: 0 },
    });
    expect(first.dryRun).toBe(false);
    const stored = await mandatesOf('lima-2018');
    expect(stored).toHaveLength(57);
    expect(stored.filter((m) => m.textEn !== null).map((m) => m.number)).toEqual([1, 2, 3, 6, 7]);

    const entries = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'catalogue.imported'));
    expect(await rows(auditLog)).toBe(auditBefore + 1);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorUserId: admin.userId,
      organizationId: admin.organizationId,
      subjectType: 'commitment',
    });
    expect(entries[0].data).toMatchObject({ via: 'app', commitmentCode: 'lima-2018', counts: first.counts });
  });

  it('changes nothing when the same file is imported again, not even updated_at', async () => {
    const before = await mandatesOf('lima-2018');
    const [commitmentBefore] = await handle.db.select().from(commitments).where(eq(commitments.code, 'lima-2018'));
    const second = value(await importCatalogue(handle.db, admin, limaCatalogue()));
    expect(second.counts).toEqual({
      commitment: { ...zero, unchanged: 1 },
      sections: { ...zero, unchanged: 7 },
      mandates: { ...zero, unchanged: 57 },
      indicators: zero,
      provisions: { ...zero, unchanged: 50 },
      links: { ...zero, deleted: 0 },
    });
    expect(await mandatesOf('lima-2018')).toEqual(before);
    const [commitmentAfter] = await handle.db.select().from(commitments).where(eq(commitments.code, 'lima-2018'));
    expect(commitmentAfter.updatedAt).toEqual(commitmentBefore.updatedAt);
  });
});

describe('a corrected file', () => {
  it('updates records in place, keeps the ones it lacks and syncs the links of its mandates exactly', async () => {
    const created = value(await importCatalogue(handle.db, admin, testCatalogue(1)));
    expect(created.counts.links).toEqual({ created: 4, updated: 0, unchanged: 0, deleted: 0 });
    expect(created.counts.provisions).toEqual({ ...zero, unchanged: 2 }); // already there from the Lima file
    const before = await mandatesOf('test-commitment');

    const report = value(await importCatalogue(handle.db, admin, testCatalogue(2)));
    expect(report.counts).toEqual({
      commitment: { ...zero, unchanged: 1 },
      sections: { ...zero, updated: 1, unchanged: 1 },
      mandates: { created: 1, updated: 1, unchanged: 1 },
      indicators: { ...zero, unchanged: 1 },
      provisions: { ...zero, unchanged: 2 },
      // 1→IACC III and 2→IACC III kept; 1→UNCAC 13 dropped; 2→UNCAC 13 added; 3's link untouched (3 is not in the file).
      links: { created: 1, updated: 0, unchanged: 2, deleted: 1 },
    });
    expect(report.notInFile).toEqual({
      sections: [],
      mandates: [3],
      indicators: [{ mandate: 1, code: '1.2' }],
      provisions: expect.any(Array),
    });

    const after = await mandatesOf('test-commitment');
    expect(after.map((m) => m.number)).toEqual([1, 2, 3, 4]);
    const byNumber = (list: typeof after, n: number) => list.find((m) => m.number === n)!;
    for (const n of [1, 2, 3]) expect(byNumber(after, n).id).toBe(byNumber(before, n).id);
    expect(byNumber(after, 2).textEn).toBe('Fixture text two, corrected.');
    expect(byNumber(after, 2).updatedAt.getTime()).toBeGreaterThanOrEqual(byNumber(before, 2).updatedAt.getTime());
    expect(byNumber(after, 1).updatedAt).toEqual(byNumber(before, 1).updatedAt);

    const links = await handle.db
      .select({ number: mandates.number, reference: treatyProvisions.reference })
      .from(mandateProvisions)
      .innerJoin(mandates, eq(mandates.id, mandateProvisions.mandateId))
      .innerJoin(treatyProvisions, eq(treatyProvisions.id, mandateProvisions.provisionId))
      .where(
        eq(
          mandates.commitmentId,
          (await handle.db.select().from(commitments).where(eq(commitments.code, 'test-commitment')))[0].id,
        ),
      )
      .orderBy(asc(mandates.number), asc(treatyProvisions.reference));
    expect(links).toEqual([
      { number: 1, reference: 'Article III' },
      { number: 2, reference: 'Article 13' },
      { number: 2, reference: 'Article III' },
      { number: 3, reference: 'Article 13' },
    ]);
    const [sectionB] = await handle.db
      .select()
      .from(sections)
      .where(and(eq(sections.code, 'B'), eq(sections.titleEn, 'Section B (fixture, corrected)')));
    expect(sectionB).toBeDefined();
  });

  it('reports a dry run exactly and writes nothing, not even an audit entry', async () => {
    const auditBefore = await rows(auditLog);
    const mandatesBefore = await rows(mandates);
    const file = testCatalogue(2);
    file.mandates.push({
      number: 5,
      section: null,
      sectionCertainty: 'unknown',
      textEn: null,
      textEs: null,
      textStatusEn: 'missing',
      textStatusEs: 'missing',
      note: null,
      noteEs: null,
      sources: [],
      topicEn: null,
      topicEs: null,
      topicConfidence: null,
      topicSources: [],
    });
    const report = value(await importCatalogue(handle.db, admin, file, { dryRun: true }));
    expect(report.dryRun).toBe(true);
    expect(report.counts.mandates).toEqual({ created: 1, updated: 0, unchanged: 3 });
    expect(await rows(mandates)).toBe(mandatesBefore);
    expect(await rows(auditLog)).toBe(auditBefore);
  });
});

/** The failure must be the trigger's, not some other error that would make the test pass for the wrong reason. */
async function expectForcedFailure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: Error) => e,
  );
  expect(error).not.toBeNull();
  expect(`${error?.message} ${(error?.cause as Error | undefined)?.message}`).toContain('forced failure for the test');
}

describe('atomicity', () => {
  beforeAll(async () => {
    // A database-side failure in the middle of the import, after the commitment, sections and mandates are written.
    await handle.db.execute(
      sql.raw(`create function fail_on_boom() returns trigger language plpgsql as $$
        begin
          if new.code = 'BOOM' then raise exception 'forced failure for the test'; end if;
          return new;
        end $$`),
    );
    await handle.db.execute(
      sql.raw(
        'create trigger indicators_boom before insert on indicators for each row execute function fail_on_boom()',
      ),
    );
  });

  it('writes nothing of a new commitment when the import fails midway', async () => {
    const file = testCatalogue(1);
    file.commitment.code = 'rollback-new';
    file.indicators.push({ mandate: 1, code: 'BOOM', position: null, textEn: null, textEs: null });
    const auditBefore = await rows(auditLog);
    await expectForcedFailure(importCatalogue(handle.db, admin, file));
    expect(await handle.db.select().from(commitments).where(eq(commitments.code, 'rollback-new'))).toEqual([]);
    expect(await rows(auditLog)).toBe(auditBefore);
  });

  it('undoes the updates already made to an existing commitment when a later step fails', async () => {
    const before = await mandatesOf('test-commitment');
    const file = testCatalogue(2);
    file.mandates[0] = { ...file.mandates[0], textEn: 'Changed, then rolled back.' };
    file.indicators.push({ mandate: 1, code: 'BOOM', position: null, textEn: null, textEs: null });
    await expectForcedFailure(importCatalogue(handle.db, admin, file));
    expect(await mandatesOf('test-commitment')).toEqual(before);
  });
});

describe('bad input', () => {
  it('returns every parser problem as field errors keyed by where it is, and writes nothing', async () => {
    const csv = [
      'record,code,number,section_certainty,text_en,text_status_en,text_status_es,title_en',
      'commitment,csv-test,,,,,,CSV test',
      'mandate,,1,unknown,,verified,missing,',
      'mandate,,1,unknown,,missing,missing,',
    ].join('\n');
    const result = await importCatalogueText(handle.db, admin, csv, 'csv');
    expect(result).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: expect.stringContaining('The file has 2 problems; nothing was imported'),
    });
    if (result.ok || result.kind !== 'invalid') return;
    expect(result.fieldErrors).toEqual({
      'line 3, column text_status_en': [expect.stringContaining('text_en is missing')],
      'line 4, column number': [expect.stringContaining('appears twice (first at line 3)')],
    });
    expect(await handle.db.select().from(commitments).where(eq(commitments.code, 'csv-test'))).toEqual([]);
  });

  it('checks the cross-record rules again when given a catalogue object directly', async () => {
    const file = testCatalogue(1);
    file.commitment.code = 'duplicate-test';
    file.mandates.push({ ...file.mandates[0] });
    const result = await importCatalogue(handle.db, admin, file);
    expect(result).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { 'mandates[3].number': [expect.stringContaining('appears twice')] },
    });
  });

  it('imports a valid CSV file through the text entry point', async () => {
    const csv =
      'record,code,title_en,number,section_certainty,text_status_en,text_status_es\r\ncommitment,csv-ok,CSV fixture,,,,\r\nmandate,,,1,unknown,missing,missing\r\n';
    const report = value(await importCatalogueText(handle.db, admin, csv, 'csv'));
    expect(report.counts.mandates.created).toBe(1);
  });
});

describe('system imports (the CLI)', () => {
  it('bypass the permission check and are audited with no user, via cli', async () => {
    const file = valid({ commitment: { code: 'cli-test', titleEn: 'CLI fixture' } });
    const report = value(await importCatalogueAsSystem(handle.db, file, { via: 'cli', actorUserId: null }));
    expect(report.counts.commitment.created).toBe(1);
    const [entry] = await handle.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.data}->>'commitmentCode' = 'cli-test'`);
    expect(entry).toMatchObject({ action: 'catalogue.imported', actorUserId: null });
    expect(entry.data).toMatchObject({ via: 'cli' });
  });
});
