import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  checkCatalogue,
  parseCatalogue,
  type Catalogue,
  type CatalogueFormat,
  type CatalogueProblem,
} from './file-format/format';
import type { Database } from '../../db/client';
import {
  commitments,
  indicators,
  mandateProvisions,
  mandates,
  sections,
  treatyProvisions,
  type Treaty,
} from '../../db/schema';
import type { Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import { forbidden, invalid, ok, type Failure, type FieldErrors, type Outcome } from '../outcome';
import { can } from '../permissions';

/**
 * Imports a commitment catalogue (ARCHITECTURE.md: the Commitment's text is data the Secretariat imports). Records
 * are matched on their natural keys, so a second import of the same file changes nothing and a corrected file
 * updates rows in place, keeping their ids (answers and matches will point at mandate ids). Records that the
 * database has and the file lacks are listed, never deleted: deleting a mandate would cascade to States' answers.
 * The one exception is the set of treaty links of each mandate in the file, which is replaced exactly.
 */
export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  commitmentCode: string;
  dryRun: boolean;
  counts: {
    commitment: KindCounts;
    sections: KindCounts;
    mandates: KindCounts;
    indicators: KindCounts;
    provisions: KindCounts;
    links: KindCounts & { deleted: number };
  };
  /** In the database but not in the file; kept as they are. */
  notInFile: {
    sections: string[];
    mandates: number[];
    indicators: Array<{ mandate: number; code: string }>;
    provisions: Array<{ treaty: Treaty; reference: string }>;
  };
}

export interface ImportOptions {
  /** Run the whole import and report what it would do, then roll it back. */
  dryRun?: boolean;
}

export interface SystemImportOptions extends ImportOptions {
  /** Recorded in the audit entry: 'app' for a signed-in administrator, 'cli' for `npm run db:import`. */
  via: string;
  actorUserId?: string | null;
  organizationId?: string | null;
  ip?: string | null;
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Serialises imports on PostgreSQL so two concurrent ones cannot both insert the same natural key. */
const IMPORT_LOCK_KEY = 7_311_2020;

const NOT_ALLOWED = 'Only a Secretariat administrator can import the commitment catalogue.';

export async function importCatalogue(
  db: Database,
  viewer: Viewer,
  catalogue: Catalogue,
  options: ImportOptions = {},
): Promise<Outcome<ImportReport>> {
  if (!viewer || !can(viewer, { action: 'catalogue.import' })) return forbidden(NOT_ALLOWED);
  return importCatalogueAsSystem(db, catalogue, {
    dryRun: options.dryRun,
    via: 'app',
    actorUserId: viewer.userId,
    organizationId: viewer.organizationId,
    ip: viewer.ip ?? null,
  });
}

/** Parses a whole file, then imports it; a bad file comes back as `invalid` with every problem keyed by its place. */
export async function importCatalogueText(
  db: Database,
  viewer: Viewer,
  text: string,
  format: CatalogueFormat,
  options: ImportOptions = {},
): Promise<Outcome<ImportReport>> {
  // Checked before parsing so that a stranger learns nothing about the format from its error messages.
  if (!viewer || !can(viewer, { action: 'catalogue.import' })) return forbidden(NOT_ALLOWED);
  const parsed = parseCatalogue(text, format);
  if (!parsed.ok) return problemsOutcome(parsed.problems);
  return importCatalogue(db, viewer, parsed.catalogue, options);
}

export function problemsOutcome(problems: CatalogueProblem[]): Failure {
  const fieldErrors: FieldErrors = {};
  for (const p of problems) (fieldErrors[p.where] ??= []).push(p.message);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return invalid(
    `The file has ${count}; nothing was imported. Fix ${problems.length === 1 ? 'it' : 'them'} and import the file again.`,
    fieldErrors,
  );
}

/** True when the import created, updated or deleted anything (an audit entry alone does not count). */
export function changedAnything(report: ImportReport): boolean {
  return Object.values(report.counts).some((c) => c.created > 0 || c.updated > 0 || ('deleted' in c && c.deleted > 0));
}

class DryRunFinished extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run: rolled back');
  }
}

/**
 * The import without the permission check, for trusted operator access (the CLI) and for importCatalogue after
 * its check. Everything happens in one transaction: a failure anywhere leaves the database as it was.
 */
export async function importCatalogueAsSystem(
  db: Database,
  input: Catalogue,
  options: SystemImportOptions,
): Promise<Outcome<ImportReport>> {
  // The type says the shape is right; the cross-record rules (duplicates, dangling references) still need checking.
  const checked = checkCatalogue(input);
  if (!checked.ok) return problemsOutcome(checked.problems);
  const catalogue = checked.catalogue;
  const dryRun = options.dryRun ?? false;
  try {
    const report = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
      const commitment = await syncCommitment(tx, catalogue.commitment, catalogue.unplacedTopics);
      const section = await syncSections(tx, commitment.id, catalogue.sections);
      const mandate = await syncMandates(tx, commitment.id, catalogue.mandates, section.idByCode);
      const provision = await syncProvisions(tx, catalogue.provisions);
      const indicator = await syncIndicators(tx, commitment.id, catalogue.indicators, mandate.idByNumber);
      const links = await syncLinks(tx, catalogue, mandate.idByNumber, provision.idByKey);
      const result: ImportReport = {
        commitmentCode: catalogue.commitment.code,
        dryRun,
        counts: {
          commitment: commitment.counts,
          sections: section.counts,
          mandates: mandate.counts,
          indicators: indicator.counts,
          provisions: provision.counts,
          links,
        },
        notInFile: {
          sections: section.notInFile,
          mandates: mandate.notInFile,
          indicators: indicator.notInFile,
          provisions: provision.notInFile,
        },
      };
      if (dryRun) throw new DryRunFinished(result);
      await writeAudit(tx, {
        action: 'catalogue.imported',
        actorUserId: options.actorUserId ?? null,
        organizationId: options.organizationId ?? null,
        subjectType: 'commitment',
        subjectId: commitment.id,
        ip: options.ip ?? null,
        data: { via: options.via, commitmentCode: result.commitmentCode, counts: result.counts },
      });
      return result;
    });
    return ok(report);
  } catch (error) {
    if (error instanceof DryRunFinished) return ok(error.report);
    throw error;
  }
}

const counts = (): KindCounts => ({ created: 0, updated: 0, unchanged: 0 });
/** jsonb gives object keys back in its own order (shorter keys first), so objects are compared with sorted keys. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object' && !(v instanceof Date)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
function differs<T extends object>(row: T, wanted: Partial<T>): boolean {
  return (Object.keys(wanted) as Array<keyof T>).some((key) => !sameJson(row[key], wanted[key]));
}

async function syncCommitment(tx: Tx, c: Catalogue['commitment'], unplaced: Catalogue['unplacedTopics']) {
  const values = {
    titleEn: c.titleEn,
    titleEs: c.titleEs,
    summit: c.summit,
    summitEs: c.summitEs,
    documentSymbol: c.documentSymbol,
    adoptedOn: c.adoptedOn,
    mandateCount: c.mandateCount,
    note: c.note,
    // The file's list is the whole list: summaries have no natural key and nothing refers to them.
    unplacedTopics: unplaced.map((t) => ({
      section: t.section,
      topicEn: t.topicEn,
      topicEs: t.topicEs,
      note: t.note,
      topicSources: t.topicSources,
    })),
  };
  const result = counts();
  const [found] = await tx.select().from(commitments).where(eq(commitments.code, c.code));
  if (!found) {
    const [created] = await tx
      .insert(commitments)
      .values({ code: c.code, ...values })
      .returning({ id: commitments.id });
    result.created++;
    return { id: created.id, counts: result };
  }
  if (differs(found, values)) {
    await tx
      .update(commitments)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(commitments.id, found.id));
    result.updated++;
  } else {
    result.unchanged++;
  }
  return { id: found.id, counts: result };
}

async function syncSections(tx: Tx, commitmentId: string, list: Catalogue['sections']) {
  const existing = await tx.select().from(sections).where(eq(sections.commitmentId, commitmentId));
  const byCode = new Map(existing.map((s) => [s.code, s]));
  const idByCode = new Map<string, string>();
  const result = counts();
  for (const s of list) {
    const values = { position: s.position, titleEn: s.titleEn, titleEs: s.titleEs, note: s.note, noteEs: s.noteEs };
    const found = byCode.get(s.code);
    if (!found) {
      const [created] = await tx
        .insert(sections)
        .values({ commitmentId, code: s.code, ...values })
        .returning({ id: sections.id });
      idByCode.set(s.code, created.id);
      result.created++;
      continue;
    }
    idByCode.set(s.code, found.id);
    if (differs(found, values)) {
      await tx.update(sections).set(values).where(eq(sections.id, found.id));
      result.updated++;
    } else {
      result.unchanged++;
    }
  }
  const inFile = new Set(list.map((s) => s.code));
  const notInFile = existing.filter((s) => !inFile.has(s.code)).map((s) => s.code);
  // Kept sections still own their mandates; a mandate's section is resolved by code from the file only.
  return { idByCode, counts: result, notInFile };
}

async function syncMandates(
  tx: Tx,
  commitmentId: string,
  list: Catalogue['mandates'],
  sectionIdByCode: Map<string, string>,
) {
  const existing = await tx.select().from(mandates).where(eq(mandates.commitmentId, commitmentId));
  const byNumber = new Map(existing.map((m) => [m.number, m]));
  const idByNumber = new Map<number, string>();
  const result = counts();
  const fresh: Array<typeof mandates.$inferInsert> = [];
  for (const m of list) {
    const values = {
      sectionId: m.section === null ? null : (sectionIdByCode.get(m.section) ?? null),
      sectionCertainty: m.sectionCertainty,
      textEn: m.textEn,
      textEs: m.textEs,
      textStatusEn: m.textStatusEn,
      textStatusEs: m.textStatusEs,
      note: m.note,
      noteEs: m.noteEs,
      sources: m.sources,
      // Written like every other field: a file without topics (e.g. the official text) clears them.
      topicEn: m.topicEn,
      topicEs: m.topicEs,
      topicConfidence: m.topicConfidence,
      topicSources: m.topicSources,
    };
    const found = byNumber.get(m.number);
    if (!found) {
      fresh.push({ commitmentId, number: m.number, ...values });
      continue;
    }
    idByNumber.set(m.number, found.id);
    if (differs(found, values)) {
      await tx
        .update(mandates)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(mandates.id, found.id));
      result.updated++;
    } else {
      result.unchanged++;
    }
  }
  if (fresh.length) {
    const created = await tx.insert(mandates).values(fresh).returning({ id: mandates.id, number: mandates.number });
    for (const row of created) idByNumber.set(row.number, row.id);
    result.created += created.length;
  }
  const inFile = new Set(list.map((m) => m.number));
  const notInFile = existing
    .filter((m) => !inFile.has(m.number))
    .map((m) => m.number)
    .sort((a, b) => a - b);
  return { idByNumber, counts: result, notInFile };
}

const provisionKey = (treaty: string, reference: string) => `${treaty}\u0000${reference}`;

/** Provisions are shared by every commitment (one IACC, one UNCAC), so they are matched across the whole table. */
async function syncProvisions(tx: Tx, list: Catalogue['provisions']) {
  const existing = await tx.select().from(treatyProvisions);
  const byKey = new Map(existing.map((p) => [provisionKey(p.treaty, p.reference), p]));
  const idByKey = new Map<string, string>();
  const result = counts();
  const fresh: Array<typeof treatyProvisions.$inferInsert> = [];
  for (const p of list) {
    const key = provisionKey(p.treaty, p.reference);
    const values = { titleEn: p.titleEn, titleEs: p.titleEs };
    const found = byKey.get(key);
    if (!found) {
      fresh.push({ treaty: p.treaty, reference: p.reference, ...values });
      continue;
    }
    idByKey.set(key, found.id);
    if (differs(found, values)) {
      await tx.update(treatyProvisions).set(values).where(eq(treatyProvisions.id, found.id));
      result.updated++;
    } else {
      result.unchanged++;
    }
  }
  if (fresh.length) {
    const created = await tx.insert(treatyProvisions).values(fresh).returning();
    for (const row of created) idByKey.set(provisionKey(row.treaty, row.reference), row.id);
    result.created += created.length;
  }
  const inFile = new Set(list.map((p) => provisionKey(p.treaty, p.reference)));
  const notInFile = existing
    .filter((p) => !inFile.has(provisionKey(p.treaty, p.reference)))
    .map((p) => ({ treaty: p.treaty, reference: p.reference }));
  return { idByKey, counts: result, notInFile };
}

async function syncIndicators(
  tx: Tx,
  commitmentId: string,
  list: Catalogue['indicators'],
  mandateIdByNumber: Map<number, string>,
) {
  const existing = await tx
    .select({ indicator: indicators, mandateNumber: mandates.number })
    .from(indicators)
    .innerJoin(mandates, eq(mandates.id, indicators.mandateId))
    .where(eq(mandates.commitmentId, commitmentId));
  const key = (mandate: number, code: string) => `${mandate}\u0000${code}`;
  const byKey = new Map(existing.map((row) => [key(row.mandateNumber, row.indicator.code), row.indicator]));
  const result = counts();
  const fresh: Array<typeof indicators.$inferInsert> = [];
  const seenPerMandate = new Map<number, number>();
  for (const ind of list) {
    // Without an explicit position, indicators keep the order in which the file lists them under their mandate.
    const order = seenPerMandate.get(ind.mandate) ?? 0;
    seenPerMandate.set(ind.mandate, order + 1);
    const values = { position: ind.position ?? order, textEn: ind.textEn, textEs: ind.textEs };
    const found = byKey.get(key(ind.mandate, ind.code));
    if (!found) {
      fresh.push({ mandateId: mandateIdByNumber.get(ind.mandate)!, code: ind.code, ...values });
      continue;
    }
    if (differs(found, values)) {
      await tx.update(indicators).set(values).where(eq(indicators.id, found.id));
      result.updated++;
    } else {
      result.unchanged++;
    }
  }
  if (fresh.length) {
    await tx.insert(indicators).values(fresh);
    result.created += fresh.length;
  }
  const inFile = new Set(list.map((ind) => key(ind.mandate, ind.code)));
  const notInFile = existing
    .filter((row) => !inFile.has(key(row.mandateNumber, row.indicator.code)))
    .map((row) => ({ mandate: row.mandateNumber, code: row.indicator.code }));
  return { counts: result, notInFile };
}

/** The links of every mandate in the file become exactly the file's; mandates absent from the file keep theirs. */
async function syncLinks(
  tx: Tx,
  catalogue: Catalogue,
  mandateIdByNumber: Map<number, string>,
  provisionIdByKey: Map<string, string>,
) {
  const result = { ...counts(), deleted: 0 };
  const mandateIds = catalogue.mandates.map((m) => mandateIdByNumber.get(m.number)!);
  if (!mandateIds.length) return result;
  const pair = (mandateId: string, provisionId: string) => `${mandateId}\u0000${provisionId}`;
  const existing = await tx.select().from(mandateProvisions).where(inArray(mandateProvisions.mandateId, mandateIds));
  const have = new Set(existing.map((l) => pair(l.mandateId, l.provisionId)));
  const wanted = new Map<string, { mandateId: string; provisionId: string }>();
  for (const link of catalogue.links) {
    const mandateId = mandateIdByNumber.get(link.mandate)!;
    const provisionId = provisionIdByKey.get(provisionKey(link.treaty, link.reference))!;
    wanted.set(pair(mandateId, provisionId), { mandateId, provisionId });
  }
  const fresh = [...wanted].filter(([k]) => !have.has(k)).map(([, v]) => v);
  if (fresh.length) await tx.insert(mandateProvisions).values(fresh);
  result.created = fresh.length;
  result.unchanged = wanted.size - fresh.length;
  for (const l of existing) {
    if (wanted.has(pair(l.mandateId, l.provisionId))) continue;
    await tx
      .delete(mandateProvisions)
      .where(and(eq(mandateProvisions.mandateId, l.mandateId), eq(mandateProvisions.provisionId, l.provisionId)));
    result.deleted++;
  }
  return result;
}
