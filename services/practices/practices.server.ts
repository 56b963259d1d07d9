import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  ASSISTANCE_TYPE_VALUES,
  answers,
  attachments,
  commitments,
  disclosureRequests,
  mandateProvisions,
  mandates,
  organizations,
  practiceComments,
  practiceDocuments,
  practiceMandates,
  practices,
  practiceVersions,
  questionnaires,
  reviewRounds,
  sections,
  treatyProvisions,
  PRACTICE_TEXT_FIELDS,
  type DisclosureRequestRow,
  type PracticeRow,
  type PracticeSnapshot,
  type PracticeTextField,
  type ReviewRoundRow,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit, type Executor } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { repeatsWithheld, sourcesOf, type SourceState } from '../cooperation/answer-links.server';
import { notifyOrganization } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import { attachmentWithheld, csvCell } from '../registration/publication.server';
import { DEFAULT_ATTACHMENT_MAX_BYTES, stageUpload, type UploadedFile } from '../registration/uploads.server';
import { createMemoryFileStore, discardAll, storageKeyFor, type FileStore } from '../storage/file-store';
import { cleanText } from '../text';
import { SearchIndex, searchFieldsOf } from './search-index';
import { DEFAULT_REVIEW_DAYS, IACC_SUBJECTS, PRACTICE_LANGUAGES } from './vocabulary';

/*
 * Phase 2 of the Mechanism: good practices, their consolidation and two-week review, their publication and the
 * public base (decision 017). The official form (Annex 3) was not found: the fields are derived from the Mechanism's
 * definition of a good practice, and the interface says so.
 *
 * Privacy: a practice drafted from a Q6 answer copies only what the State's non-disclosure requests leave visible
 * (disclose(), read-only, through answer-links' sourcesOf), and carries only the answer's documents that are not
 * withheld. Because a withholding may arrive later, every read by anyone outside the organization checks again at
 * that time: a practice whose text repeats its withheld Q6 answer is not shown, and a carried document whose answer
 * or file is withheld is left out. Submitting and publishing refuse a text that repeats the withheld answer.
 */

export const PRACTICE_TITLE_MAX = 200;
export const PRACTICE_TEXT_MAX = 10_000;
export const COMMENT_MAX = 4_000;
export const PUBLIC_PAGE_SIZE = 20;
const MANDATE_MAX = 100_000;

const clean = (v: unknown) => (typeof v === 'string' ? cleanText(v) : v);
/** Form fields arrive as one string or several (checkboxes): always a list. */
const list = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const text = (max: number, tooLong: string) => z.preprocess(clean, z.string().trim().max(max, tooLong)).default('');
const textField = () =>
  // The number written out in each language (an interpolated "10,000" stayed English in Spanish), and "at most":
  // the limit is inclusive. A practice's parts are fields, not answers (outside tester).
  text(PRACTICE_TEXT_MAX, 'This field has at most 10,000 characters.');

/** The form as saved: a draft may be incomplete, but what it has must be well-formed. */
const formSchema = z.object({
  title: z.preprocess(
    clean,
    z
      .string('Give the practice a title.')
      .trim()
      .min(1, 'Give the practice a title.')
      .max(PRACTICE_TITLE_MAX, `Keep the title under ${PRACTICE_TITLE_MAX} characters.`),
  ),
  summary: textField(),
  situation: textField(),
  action: textField(),
  innovation: textField(),
  results: textField(),
  assessment: textField(),
  feedback: textField(),
  lessons: textField(),
  transfer: textField(),
  contactName: text(200, 'Keep the contact name under 200 characters.'),
  contactEmail: z
    .preprocess(clean, z.union([z.literal(''), z.email('Give a valid e-mail address for the contact point.').max(320)]))
    .default(''),
  commitment: z.preprocess(clean, z.string().trim().max(100)).optional(),
  mandates: z.preprocess(
    list,
    z
      .array(
        z.coerce
          .number('Choose a mandate.')
          .int('Choose a mandate.')
          .positive('Choose a mandate.')
          .max(MANDATE_MAX, 'Choose a mandate.'),
      )
      .max(200),
  ),
  iaccSubjects: z.preprocess(list, z.array(z.enum(IACC_SUBJECTS, 'Choose subjects from the list.'))),
  assistanceTypes: z.preprocess(
    list,
    z.array(z.enum(ASSISTANCE_TYPE_VALUES, 'Choose assistance types from the list.')),
  ),
  languages: z.preprocess(list, z.array(z.enum(PRACTICE_LANGUAGES, 'Choose languages from the list.'))),
});
type Form = z.infer<typeof formSchema>;

/**
 * What the complete form needs (the Mechanism: only practices submitted on the form are published). The
 * definition makes assessment, feedback and reorganization, and innovation, "if applicable": they stay optional.
 */
const REQUIRED: Array<[keyof Form, string]> = [
  ['mandates', 'Choose at least one mandate.'],
  ['summary', 'Give a short description.'],
  ['situation', 'Describe the situation that required amending or improving.'],
  ['action', 'Describe what was done.'],
  ['results', 'Describe the results.'],
  ['lessons', 'Describe the lessons learnt.'],
  ['transfer', 'Describe the conditions for transfer to another State.'],
  ['contactName', 'Name a contact point.'],
  ['contactEmail', 'Give the contact point’s e-mail address.'],
  ['languages', 'Choose at least one language.'],
];

export function missingForSubmission(form: Partial<Record<keyof Form, unknown>>): Record<string, string[]> {
  const missing: Record<string, string[]> = {};
  for (const [field, message] of REQUIRED) {
    const v = form[field];
    if (Array.isArray(v) ? v.length === 0 : !String(v ?? '').trim()) missing[field] = [message];
  }
  return missing;
}

const commentSchema = z.object({
  body: z.preprocess(
    clean,
    z
      .string('Write a comment.')
      .trim()
      .min(1, 'Write a comment.')
      .max(COMMENT_MAX, `Keep a comment under ${COMMENT_MAX.toLocaleString('en')} characters.`),
  ),
  parentId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid('This comment does not exist.').optional()),
});

const roundSchema = z.object({
  name: z.preprocess(
    clean,
    z
      .string('Name the review round.')
      .trim()
      .min(1, 'Name the review round.')
      .max(200, 'Keep the name under 200 characters.'),
  ),
  practiceIds: z.preprocess(
    list,
    z.array(z.uuid('Choose submitted practices.')).min(1, 'Choose at least one submitted practice.'),
  ),
  days: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce
      .number('Give the length in days.')
      .int('Give the length in whole days.')
      .min(1, 'A round lasts at least one day.')
      .max(90, 'A round lasts at most 90 days.')
      .optional(),
  ),
  /** A closing date and time instead of a length: ISO 8601, or a form's datetime-local value read as UTC. */
  closesAt: z.preprocess(
    (v) =>
      v === '' || v === undefined || v === null
        ? undefined
        : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v.trim())
          ? `${v.trim()}Z`
          : v,
    z.coerce.date('Give the closing date and time (UTC).').optional(),
  ),
  openToJswg: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(false),
  openToCivilSociety: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(false),
});

const tagsSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',') : list(v)),
  z
    .array(z.preprocess(clean, z.string().trim().max(60, 'Keep each tag under 60 characters.')))
    .max(20, 'At most 20 tags.'),
);

class NotAllSubmitted extends Error {}

const uuid = (v: string) => z.uuid().safeParse(v).success;
// Who may do what is services/permissions.ts's (practice.*): these only name its questions for this module.
/** A focal point of its organization: submits and withdraws its practices (practice.submit). */
const isFocal = (a: Actor) => can(a, { action: 'practice.submit', organizationId: a.organizationId });
/** The Secretariat's consolidation (practice.consolidate), as a type guard so the functions behind it read the actor. */
const secretariat = (a: Viewer): a is Actor => can(a, { action: 'practice.consolidate' });

export interface PracticesDeps {
  db: Database;
  now: () => Date;
  store?: FileStore;
  maxBytes?: number;
  /** Length of a review round unless the Secretariat gives one (PRACTICE_REVIEW_DAYS; the Mechanism's two weeks). */
  reviewDays?: number;
  /** `results.changed` after a publication: what the public reads changed, so the matching engine rebuilds its peer evidence. */
  events?: DomainEventBus;
}

export interface PracticeDocumentView {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  fromAnswer: boolean;
}

/** One practice as a reader may see it. */
export interface PracticeView {
  id: string;
  status: PracticeRow['status'];
  title: string;
  texts: Record<PracticeTextField, string>;
  contactName: string;
  contactEmail: string;
  iaccSubjects: string[];
  assistanceTypes: string[];
  languages: string[];
  tags: string[];
  mandates: Array<{ commitment: string; number: number; section: string | null }>;
  organizationId: string;
  organizationCode: string;
  organizationNameEn: string;
  organizationNameEs: string;
  organizationKind: string;
  sourceAnswerId: string | null;
  duplicateOfId: string | null;
  mergedIntoId: string | null;
  mergedFrom: string[];
  roundId: string | null;
  version: number;
  updatedAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
  documents: PracticeDocumentView[];
}

export type PracticesService = ReturnType<typeof createPracticesService>;

export function createPracticesService({
  db,
  now,
  store = createMemoryFileStore(),
  maxBytes = DEFAULT_ATTACHMENT_MAX_BYTES,
  reviewDays = DEFAULT_REVIEW_DAYS,
  events,
}: PracticesDeps) {
  /** Members of a State or JSWG organization draft its practices; civil society and the Secretariat do not (practice.draft). */
  const canDraft = (a: Viewer): a is Actor =>
    !!a && can(a, { action: 'practice.draft', organizationId: a.organizationId });

  async function commitmentId(code: string | undefined): Promise<string | null> {
    const [c] = code
      ? await db.select({ id: commitments.id }).from(commitments).where(eq(commitments.code, code))
      : await db.select({ id: commitments.id }).from(commitments).orderBy(asc(commitments.code)).limit(1);
    return c?.id ?? null;
  }

  async function mandateIdsFor(form: Form): Promise<Outcome<string[]>> {
    if (!form.mandates.length) return ok([]);
    const cid = await commitmentId(form.commitment);
    if (!cid) return invalid('Choose the commitment of the mandate.', { mandates: ['Unknown commitment.'] });
    const numbers = [...new Set(form.mandates)];
    const rows = await db
      .select({ id: mandates.id, number: mandates.number })
      .from(mandates)
      .where(and(eq(mandates.commitmentId, cid), inArray(mandates.number, numbers)));
    const unknown = numbers.find((n) => !rows.some((r) => r.number === n));
    if (unknown !== undefined)
      return invalid(`Mandate ${unknown} is not in this commitment.`, { mandates: ['Unknown mandate.'] });
    return ok(rows.map((r) => r.id));
  }

  const snapshotOf = (row: PracticeRow, mandateNumbers: number[]): PracticeSnapshot => ({
    title: row.title,
    texts: Object.fromEntries(PRACTICE_TEXT_FIELDS.map((f) => [f, row[f]])) as Record<PracticeTextField, string>,
    mandates: mandateNumbers,
    iaccSubjects: row.iaccSubjects,
    assistanceTypes: row.assistanceTypes,
    languages: row.languages,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
  });

  async function mandateNumbersOf(executor: Executor, practiceId: string) {
    const rows = await executor
      .select({ number: mandates.number })
      .from(practiceMandates)
      .innerJoin(mandates, eq(mandates.id, practiceMandates.mandateId))
      .where(eq(practiceMandates.practiceId, practiceId))
      .orderBy(asc(mandates.number));
    return rows.map((r) => r.number);
  }

  async function recordVersion(executor: Executor, row: PracticeRow, actor: Actor) {
    await executor.insert(practiceVersions).values({
      practiceId: row.id,
      version: row.version,
      snapshot: snapshotOf(row, await mandateNumbersOf(executor, row.id)),
      savedBy: actor.userId,
      savedAt: now(),
    });
  }

  const formValues = (f: Form) => ({
    title: f.title,
    summary: f.summary,
    situation: f.situation,
    action: f.action,
    innovation: f.innovation,
    results: f.results,
    assessment: f.assessment,
    feedback: f.feedback,
    lessons: f.lessons,
    transfer: f.transfer,
    contactName: f.contactName,
    contactEmail: f.contactEmail,
    iaccSubjects: [...new Set(f.iaccSubjects)],
    assistanceTypes: [...new Set(f.assistanceTypes)],
    languages: [...new Set(f.languages)],
  });

  /** Sources (Q6 answers) of practices, with every non-disclosure request of their questionnaires, at `now`. */
  async function withheldContext(rows: Array<Pick<PracticeRow, 'sourceAnswerId'>>) {
    const at = now();
    const sources = await sourcesOf(
      db,
      rows.map((r) => r.sourceAnswerId),
      at,
    );
    const questionnaireIds = [...new Set([...sources.values()].map((s) => s.answer.questionnaireId))];
    const requests = questionnaireIds.length
      ? await db.select().from(disclosureRequests).where(inArray(disclosureRequests.questionnaireId, questionnaireIds))
      : [];
    const requestsOf = (s: SourceState): DisclosureRequestRow[] =>
      requests.filter((r) => r.questionnaireId === s.answer.questionnaireId);
    return { at, sources, requestsOf };
  }

  /** The fields of a practice that repeat its withheld Q6 answer (title included); empty when nothing does. */
  function fieldsRepeatingWithheld(
    row: Pick<PracticeRow, 'title' | PracticeTextField>,
    source: SourceState | undefined,
  ): string[] {
    if (!source?.withheld) return [];
    return (['title', ...PRACTICE_TEXT_FIELDS] as const).filter((f) => repeatsWithheld(row[f], source));
  }

  const WITHHELD_MESSAGE =
    'The Q6 answer this practice comes from is withheld at your request, and the highlighted fields repeat it. Describe the practice in words that may be published.';

  /** Loads practices with their organization, mandates and documents. */
  async function views(rows: PracticeRow[]): Promise<PracticeView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const orgs = await db
      .select()
      .from(organizations)
      .where(inArray(organizations.id, [...new Set(rows.map((r) => r.organizationId))]));
    const ms = await db
      .select({
        practiceId: practiceMandates.practiceId,
        number: mandates.number,
        commitment: commitments.code,
        section: sections.code,
      })
      .from(practiceMandates)
      .innerJoin(mandates, eq(mandates.id, practiceMandates.mandateId))
      .innerJoin(commitments, eq(commitments.id, mandates.commitmentId))
      .leftJoin(sections, eq(sections.id, mandates.sectionId))
      .where(inArray(practiceMandates.practiceId, ids))
      .orderBy(asc(mandates.number));
    const docs = await db
      .select()
      .from(practiceDocuments)
      .where(and(inArray(practiceDocuments.practiceId, ids), isNull(practiceDocuments.removedAt)))
      .orderBy(asc(practiceDocuments.uploadedAt));
    return rows.map((r) => {
      const org = orgs.find((o) => o.id === r.organizationId)!;
      return {
        id: r.id,
        status: r.status,
        title: r.title,
        texts: Object.fromEntries(PRACTICE_TEXT_FIELDS.map((f) => [f, r[f]])) as Record<PracticeTextField, string>,
        contactName: r.contactName,
        contactEmail: r.contactEmail,
        iaccSubjects: r.iaccSubjects,
        assistanceTypes: r.assistanceTypes,
        languages: r.languages,
        tags: r.tags,
        mandates: ms
          .filter((m) => m.practiceId === r.id)
          .map((m) => ({ commitment: m.commitment, number: m.number, section: m.section })),
        organizationId: r.organizationId,
        organizationCode: org.code,
        organizationNameEn: org.nameEn,
        organizationNameEs: org.nameEs,
        organizationKind: org.kind,
        sourceAnswerId: r.sourceAnswerId,
        duplicateOfId: r.duplicateOfId,
        mergedIntoId: r.mergedIntoId,
        mergedFrom: r.mergedFrom,
        roundId: r.roundId,
        version: r.version,
        updatedAt: r.updatedAt,
        submittedAt: r.submittedAt,
        publishedAt: r.publishedAt,
        documents: docs
          .filter((d) => d.practiceId === r.id)
          .map((d) => ({
            id: d.id,
            fileName: d.fileName,
            mediaType: d.mediaType,
            sizeBytes: d.sizeBytes,
            fromAnswer: !!d.sourceAttachmentId,
            sourceAttachmentId: d.sourceAttachmentId,
          })),
      };
    });
  }

  /**
   * What someone outside the practice's organization may see, at this moment: nothing when its text repeats its
   * withheld Q6 answer; otherwise the practice without the answer's documents that are withheld.
   */
  async function guardForOthers(list: PracticeView[]): Promise<PracticeView[]> {
    const linked = list.filter((p) => p.sourceAnswerId);
    if (!linked.length) return list.map(stripSource);
    const { at, sources, requestsOf } = await withheldContext(linked);
    return list
      .map((p) => {
        const source = p.sourceAnswerId ? sources.get(p.sourceAnswerId) : undefined;
        if (!source) return stripSource(p);
        if (fieldsRepeatingWithheld({ title: p.title, ...p.texts }, source).length) return null;
        const requests = requestsOf(source);
        const documents = p.documents.filter((d) => {
          const attachmentId = (d as PracticeDocumentView & { sourceAttachmentId?: string | null }).sourceAttachmentId;
          return !attachmentId || !attachmentWithheld({ id: attachmentId }, source.answer, requests, at);
        });
        return stripSource({ ...p, documents });
      })
      .filter((p): p is PracticeView => p !== null);
  }
  const stripSource = (p: PracticeView): PracticeView => ({
    ...p,
    documents: p.documents.map(({ id, fileName, mediaType, sizeBytes, fromAnswer }) => ({
      id,
      fileName,
      mediaType,
      sizeBytes,
      fromAnswer,
    })),
  });

  async function roundOf(id: string | null): Promise<ReviewRoundRow | undefined> {
    if (!id) return undefined;
    const [round] = await db.select().from(reviewRounds).where(eq(reviewRounds.id, id));
    return round;
  }

  /** Who takes part in a round: every State, the Secretariat, and JSWG or civil society when the round is opened to them. */
  function participates(viewer: Viewer, round: ReviewRoundRow): viewer is Actor {
    if (!viewer) return false;
    return can(viewer, {
      action: 'practice.review',
      openToJswg: round.openToJswg,
      openToCivilSociety: round.openToCivilSociety,
    });
  }
  const roundOpen = (round: ReviewRoundRow) => round.status === 'open' && round.closesAt.getTime() > now().getTime();

  type Access = 'owner' | 'secretariat' | 'reviewer' | 'public' | null;
  async function accessTo(viewer: Viewer, row: PracticeRow): Promise<Access> {
    if (can(viewer, { action: 'practice.draft', organizationId: row.organizationId })) return 'owner';
    // Drafts are private to their organization: the Secretariat reads practices from submission on.
    if (can(viewer, { action: 'practice.consolidate' })) return row.status === 'draft' ? null : 'secretariat';
    if (row.status === 'in_review' || row.status === 'reviewed') {
      const round = await roundOf(row.roundId);
      if (round && round.status !== 'published' && participates(viewer, round)) return 'reviewer';
    }
    if (row.status === 'published') return 'public';
    return null;
  }

  async function ownRow(actor: Viewer, id: string): Promise<Outcome<PracticeRow>> {
    if (!canDraft(actor)) return forbidden('Only a State or JSWG organization drafts and revises its good practices.');
    if (!uuid(id)) return notFound('This practice does not exist.');
    // Ownership is in the query: another organization's practice is "not found", its existence not revealed.
    const [row] = await db
      .select()
      .from(practices)
      .where(and(eq(practices.id, id), eq(practices.organizationId, actor.organizationId)));
    return row ? ok(row) : notFound('This practice does not exist.');
  }

  async function secretariatRow(actor: Viewer, id: string): Promise<Outcome<PracticeRow>> {
    if (!secretariat(actor)) return forbidden('Only the Summits Secretariat consolidates the base of good practices.');
    if (!uuid(id)) return notFound('This practice does not exist.');
    const [row] = await db.select().from(practices).where(eq(practices.id, id));
    return row && row.status !== 'draft' ? ok(row) : notFound('This practice does not exist.');
  }

  /**
   * Closes every round whose date has passed. The node-cron job `practice-rounds` (server/index.ts) calls it every
   * minute in every instance, and every read of the service calls it too; the conditional update
   * (`where status = 'open' and closes_at <= now`) is the claim, so of several instances exactly one closes a round,
   * and its entries move to `reviewed` in the same transaction (no round closed with entries still under review).
   */
  async function closeDueRounds(): Promise<number> {
    return db.transaction(async (tx) => {
      const closed = await tx
        .update(reviewRounds)
        .set({ status: 'closed', closedAt: now() })
        .where(and(eq(reviewRounds.status, 'open'), lte(reviewRounds.closesAt, now())))
        .returning({ id: reviewRounds.id });
      for (const round of closed) {
        await tx
          .update(practices)
          .set({ status: 'reviewed' })
          .where(and(eq(practices.roundId, round.id), eq(practices.status, 'in_review')));
        await writeAudit(tx, { action: 'practice_round.closed', subjectType: 'review_round', subjectId: round.id });
      }
      return closed.length;
    });
  }

  /**
   * The search index of the published base as the public reads it (decision 023), rebuilt only when that base
   * changes: another practice, version or organization name, or one now withheld or no longer withheld.
   */
  let searchCache: { key: string; index: SearchIndex } | null = null;
  function searchIndexOf(all: PracticeView[]): SearchIndex {
    const key = all.map((p) => `${p.id}:${p.version}:${p.organizationNameEn}:${p.organizationNameEs}`).join('\n');
    if (searchCache?.key !== key) searchCache = { key, index: new SearchIndex(all.map(searchFieldsOf)) };
    return searchCache.index;
  }

  async function publishedViews(): Promise<PracticeView[]> {
    const rows = await db
      .select()
      .from(practices)
      .where(eq(practices.status, 'published'))
      .orderBy(asc(practices.title), asc(practices.id));
    return guardForOthers(await views(rows));
  }

  const service = {
    reviewDays,
    closeDueRounds,
    /** The lengths this service accepts, for the pages' fields. */
    textLimits: { comment: COMMENT_MAX },

    /** A blank or partly filled draft, private to the organization. */
    async create(actor: Viewer, input: unknown): Promise<Outcome<PracticeRow>> {
      if (!canDraft(actor))
        return forbidden('Only a State or JSWG organization drafts and revises its good practices.');
      const parsed = formSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      const mandateIds = await mandateIdsFor(parsed.data);
      if (!mandateIds.ok) return mandateIds;
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(practices)
          .values({
            ...formValues(parsed.data),
            organizationId: actor.organizationId,
            createdBy: actor.userId,
            createdAt: now(),
            updatedBy: actor.userId,
            updatedAt: now(),
          })
          .returning();
        if (mandateIds.value.length)
          await tx
            .insert(practiceMandates)
            .values(mandateIds.value.map((mandateId) => ({ practiceId: created.id, mandateId })));
        await recordVersion(tx, created, actor);
        await writeAudit(tx, {
          action: 'practice.drafted',
          actorUserId: actor.userId,
          organizationId: actor.organizationId,
          subjectType: 'practice',
          subjectId: created.id,
          ip: actor.ip,
        });
        return created;
      });
      return ok(row);
    },

    /**
     * A draft from one of the organization's Q6 answers, linked back to it: the answer's summary becomes the short
     * description and its full answer what was done, as far as non-disclosure leaves them visible, and the answer's
     * documents that are not withheld are carried (not copied). The organization completes the rest of the form.
     */
    async draftFromAnswer(actor: Viewer, answerId: string): Promise<Outcome<PracticeRow>> {
      if (!canDraft(actor))
        return forbidden('Only a State or JSWG organization drafts and revises its good practices.');
      if (!uuid(answerId)) return notFound('This answer does not exist.');
      const [found] = await db
        .select({ answer: answers, organizationId: questionnaires.organizationId })
        .from(answers)
        .innerJoin(questionnaires, eq(questionnaires.id, answers.questionnaireId))
        .where(and(eq(answers.id, answerId), eq(questionnaires.organizationId, actor.organizationId)));
      if (!found) return notFound('This answer does not exist.');
      if (found.answer.question !== 'Q6')
        return invalid('A good practice is drafted from a Q6 answer (good practices).');
      const { at, sources, requestsOf } = await withheldContext([{ sourceAnswerId: answerId }]);
      const source = sources.get(answerId)!;
      const shown = source.disclosed;
      const summary = shown?.summary.trim() ?? '';
      const files = await db
        .select()
        .from(attachments)
        .where(
          and(eq(attachments.answerId, answerId), eq(attachments.purpose, 'answer'), isNull(attachments.removedAt)),
        );
      const carried = files.filter((f) => !attachmentWithheld(f, source.answer, requestsOf(source), at));
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(practices)
          .values({
            organizationId: actor.organizationId,
            title: summary.slice(0, 150) || `Good practice on mandate ${source.mandateNumber}`,
            summary,
            action: shown?.full.trim() ?? '',
            sourceAnswerId: answerId,
            createdBy: actor.userId,
            createdAt: now(),
            updatedBy: actor.userId,
            updatedAt: now(),
          })
          .returning();
        await tx.insert(practiceMandates).values({ practiceId: created.id, mandateId: found.answer.mandateId });
        if (carried.length)
          await tx.insert(practiceDocuments).values(
            carried.map((f) => ({
              practiceId: created.id,
              fileName: f.fileName,
              mediaType: f.mediaType,
              sizeBytes: f.sizeBytes,
              sha256: f.sha256,
              sourceAttachmentId: f.id,
              uploadedBy: actor.userId,
              uploadedAt: now(),
            })),
          );
        await recordVersion(tx, created, actor);
        await writeAudit(tx, {
          action: 'practice.drafted_from_answer',
          actorUserId: actor.userId,
          organizationId: actor.organizationId,
          subjectType: 'practice',
          subjectId: created.id,
          data: { answerId, withheld: !!source.withheld, documents: carried.length },
          ip: actor.ip,
        });
        return created;
      });
      return ok(row);
    },

    /**
     * Saves the form. The owner revises a draft, a submitted practice, and an entry under review while its round is
     * open (the review's purpose); a reviewed or published one no longer changes. `baseVersion` is the version edited.
     */
    async update(actor: Viewer, id: string, input: unknown): Promise<Outcome<PracticeRow>> {
      const own = await ownRow(actor, id);
      if (!own.ok) return own;
      const row = own.value;
      if (!['draft', 'submitted', 'in_review'].includes(row.status))
        return conflict('This practice can no longer be changed: it was reviewed, published, merged or withdrawn.');
      if (row.status === 'in_review') {
        const round = await roundOf(row.roundId);
        if (!round || !roundOpen(round))
          return conflict('The review round has closed: the practice can no longer be changed.');
      }
      const parsed = formSchema.extend({ baseVersion: z.coerce.number().int() }).safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      if (parsed.data.baseVersion !== row.version)
        return conflict('Someone saved this practice since you opened it. Reload it and make your changes again.');
      if (row.status !== 'draft') {
        const missing = missingForSubmission(parsed.data);
        if (Object.keys(missing).length)
          return invalid('A submitted practice keeps its form complete. Fill in the highlighted fields.', missing);
        const { sources } = await withheldContext([row]);
        const repeated = fieldsRepeatingWithheld(
          parsed.data,
          row.sourceAnswerId ? sources.get(row.sourceAnswerId) : undefined,
        );
        if (repeated.length)
          return invalid(WITHHELD_MESSAGE, Object.fromEntries(repeated.map((f) => [f, [WITHHELD_MESSAGE]])));
      }
      const mandateIds = await mandateIdsFor(parsed.data);
      if (!mandateIds.ok) return mandateIds;
      const actorA = actor as Actor;
      const saved = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(practices)
          .set({ ...formValues(parsed.data), version: row.version + 1, updatedBy: actorA.userId, updatedAt: now() })
          .where(and(eq(practices.id, id), eq(practices.version, row.version)))
          .returning();
        if (!updated) return null;
        await tx.delete(practiceMandates).where(eq(practiceMandates.practiceId, id));
        if (mandateIds.value.length)
          await tx
            .insert(practiceMandates)
            .values(mandateIds.value.map((mandateId) => ({ practiceId: id, mandateId })));
        await recordVersion(tx, updated, actorA);
        await writeAudit(tx, {
          action: 'practice.saved',
          actorUserId: actorA.userId,
          organizationId: actorA.organizationId,
          subjectType: 'practice',
          subjectId: id,
          data: { version: updated.version, status: updated.status },
          ip: actorA.ip,
        });
        return updated;
      });
      return saved
        ? ok(saved)
        : conflict('Someone saved this practice since you opened it. Reload it and make your changes again.');
    },

    /** A focal point submits the complete form to the Secretariat. Nothing incomplete is submitted. */
    async submit(actor: Viewer, id: string): Promise<Outcome<PracticeRow>> {
      const own = await ownRow(actor, id);
      if (!own.ok) return own;
      const a = actor as Actor;
      if (!isFocal(a)) return forbidden('Only the organization’s focal points submit a good practice.');
      const row = own.value;
      if (row.status !== 'draft') return conflict('This practice was already submitted.');
      const missing = missingForSubmission({ ...row, mandates: await mandateNumbersOf(db, id) });
      if (Object.keys(missing).length)
        return invalid('Only a complete form is submitted. Fill in the highlighted fields.', missing);
      const { sources } = await withheldContext([row]);
      const repeated = fieldsRepeatingWithheld(row, row.sourceAnswerId ? sources.get(row.sourceAnswerId) : undefined);
      if (repeated.length)
        return invalid(WITHHELD_MESSAGE, Object.fromEntries(repeated.map((f) => [f, [WITHHELD_MESSAGE]])));
      const [updated] = await db
        .update(practices)
        .set({ status: 'submitted', submittedBy: a.userId, submittedAt: now() })
        .where(and(eq(practices.id, id), eq(practices.status, 'draft')))
        .returning();
      if (!updated) return conflict('This practice was already submitted.');
      await writeAudit(db, {
        action: 'practice.submitted',
        actorUserId: a.userId,
        organizationId: a.organizationId,
        subjectType: 'practice',
        subjectId: id,
        ip: a.ip,
      });
      return ok(updated);
    },

    /** The organization takes a practice back before publication (kept, for the record). */
    async withdraw(actor: Viewer, id: string): Promise<Outcome<PracticeRow>> {
      const own = await ownRow(actor, id);
      if (!own.ok) return own;
      const a = actor as Actor;
      if (!isFocal(a)) return forbidden('Only the organization’s focal points withdraw a good practice.');
      const [updated] = await db
        .update(practices)
        .set({ status: 'withdrawn', updatedBy: a.userId, updatedAt: now() })
        .where(and(eq(practices.id, id), inArray(practices.status, ['draft', 'submitted', 'in_review'])))
        .returning();
      if (!updated)
        return conflict('This practice can no longer be changed: it was reviewed, published, merged or withdrawn.');
      await writeAudit(db, {
        action: 'practice.withdrawn',
        actorUserId: a.userId,
        organizationId: a.organizationId,
        subjectType: 'practice',
        subjectId: id,
        ip: a.ip,
      });
      return ok(updated);
    },

    /** Attaches a document, with the same checks as answer attachments (size, sniffed type, dangerous names). */
    async uploadDocument(actor: Viewer, id: string, upload: UploadedFile): Promise<Outcome<PracticeDocumentView>> {
      const own = await ownRow(actor, id);
      if (!own.ok) {
        await discardAll(upload.data);
        return own;
      }
      if (!['draft', 'submitted', 'in_review'].includes(own.value.status)) {
        await discardAll(upload.data);
        return conflict('This practice can no longer be changed: it was reviewed, published, merged or withdrawn.');
      }
      const staged = await stageUpload(store, maxBytes, upload);
      if (!staged.ok) return staged;
      const { file, fileName, mediaType } = staged.value;
      const docId = randomUUID();
      const a = actor as Actor;
      const [row] = await db
        .insert(practiceDocuments)
        .values({
          id: docId,
          practiceId: id,
          fileName,
          mediaType,
          sizeBytes: file.size,
          sha256: file.sha256,
          storageKey: storageKeyFor(docId),
          uploadedBy: a.userId,
          uploadedAt: now(),
        })
        .returning();
      await file.commit(storageKeyFor(docId));
      await writeAudit(db, {
        action: 'practice.document_uploaded',
        actorUserId: a.userId,
        organizationId: a.organizationId,
        subjectType: 'practice',
        subjectId: id,
        data: { documentId: docId, fileName, sha256: file.sha256 },
        ip: a.ip,
      });
      return ok({ id: row.id, fileName, mediaType, sizeBytes: row.sizeBytes, fromAnswer: false });
    },

    async removeDocument(actor: Viewer, id: string, documentId: string): Promise<Outcome<null>> {
      const own = await ownRow(actor, id);
      if (!own.ok) return own;
      if (!['draft', 'submitted', 'in_review'].includes(own.value.status))
        return conflict('This practice can no longer be changed: it was reviewed, published, merged or withdrawn.');
      if (!uuid(documentId)) return notFound('This document does not exist.');
      const a = actor as Actor;
      const [row] = await db
        .update(practiceDocuments)
        .set({ removedAt: now(), removedBy: a.userId })
        .where(
          and(
            eq(practiceDocuments.id, documentId),
            eq(practiceDocuments.practiceId, id),
            isNull(practiceDocuments.removedAt),
          ),
        )
        .returning();
      if (!row) return notFound('This document does not exist.');
      await writeAudit(db, {
        action: 'practice.document_removed',
        actorUserId: a.userId,
        organizationId: a.organizationId,
        subjectType: 'practice',
        subjectId: id,
        data: { documentId },
        ip: a.ip,
      });
      return ok(null);
    },

    /** The organization's own practices, every status, newest first. */
    async mine(actor: Viewer): Promise<Outcome<PracticeView[]>> {
      if (!canDraft(actor))
        return forbidden('Only a State or JSWG organization drafts and revises its good practices.');
      const rows = await db
        .select()
        .from(practices)
        .where(eq(practices.organizationId, actor.organizationId))
        .orderBy(desc(practices.updatedAt));
      return ok(await views(rows));
    },

    /** The organization's Q6 answers a practice can be drafted from (with whether one already was). */
    async q6Answers(actor: Viewer) {
      if (!canDraft(actor))
        return forbidden('Only a State or JSWG organization drafts and revises its good practices.');
      const rows = await db
        .select({ id: answers.id, mandate: mandates.number, summary: answers.summary, cycleId: questionnaires.cycleId })
        .from(answers)
        .innerJoin(questionnaires, eq(questionnaires.id, answers.questionnaireId))
        .innerJoin(mandates, eq(mandates.id, answers.mandateId))
        .where(and(eq(questionnaires.organizationId, actor.organizationId), eq(answers.question, 'Q6')))
        .orderBy(asc(mandates.number));
      const linked = rows.length
        ? await db
            .select({ answerId: practices.sourceAnswerId, id: practices.id })
            .from(practices)
            .where(
              inArray(
                practices.sourceAnswerId,
                rows.map((r) => r.id),
              ),
            )
        : [];
      return ok(
        rows
          .filter((r) => r.summary.trim())
          .map((r) => ({ ...r, practiceId: linked.find((l) => l.answerId === r.id)?.id ?? null })),
      );
    },

    /**
     * One practice for this viewer: its organization and the Secretariat always; round participants while it is
     * under review; everyone once published (with the withheld-answer check for anyone outside the organization).
     */
    async get(viewer: Viewer, id: string) {
      if (!uuid(id)) return notFound('This practice does not exist.');
      await closeDueRounds();
      const [row] = await db.select().from(practices).where(eq(practices.id, id));
      if (!row) return notFound('This practice does not exist.');
      const access = await accessTo(viewer, row);
      if (!access) return notFound('This practice does not exist.');
      let [view] = await views([row]);
      if (access !== 'owner') {
        [view] = await guardForOthers([view]);
        if (!view) return notFound('This practice does not exist.');
      } else view = stripSource(view);
      const round = await roundOf(row.roundId);
      const canComment = !!round && row.status === 'in_review' && roundOpen(round) && participates(viewer, round);
      const showComments =
        access !== 'public' || row.status !== 'published'
          ? !!round && (access === 'owner' || access === 'secretariat' || access === 'reviewer')
          : false;
      const comments = showComments
        ? await db
            .select({ c: practiceComments, org: organizations.nameEn, orgEs: organizations.nameEs })
            .from(practiceComments)
            .innerJoin(organizations, eq(organizations.id, practiceComments.organizationId))
            .where(eq(practiceComments.practiceId, id))
            .orderBy(asc(practiceComments.createdAt))
        : [];
      const versions = await db
        .select({
          version: practiceVersions.version,
          savedAt: practiceVersions.savedAt,
          publishedAt: practiceVersions.publishedAt,
        })
        .from(practiceVersions)
        .where(eq(practiceVersions.practiceId, id))
        .orderBy(desc(practiceVersions.version));
      return ok({
        practice: view,
        access,
        round: round ? { id: round.id, name: round.name, status: round.status, closesAt: round.closesAt } : null,
        canComment,
        canResolve: can(viewer, { action: 'practice.resolve_comment', organizationId: row.organizationId }),
        comments: comments.map((r) => ({
          id: r.c.id,
          parentId: r.c.parentId,
          body: r.c.body,
          organizationNameEn: r.org,
          organizationNameEs: r.orgEs,
          createdAt: r.c.createdAt,
          resolvedAt: r.c.resolvedAt,
        })),
        // The public sees the dates its versions were published; the organization and the Secretariat see every save.
        versions: access === 'owner' || access === 'secretariat' ? versions : versions.filter((v) => v.publishedAt),
      });
    },

    // ---- The Secretariat's consolidation -----------------------------------------------------------------------

    /** Every practice submitted or in the review, for consolidation; drafts are never listed (private). */
    async consolidation(actor: Viewer) {
      if (!secretariat(actor))
        return forbidden('Only the Summits Secretariat consolidates the base of good practices.');
      await closeDueRounds();
      const rows = await db
        .select()
        .from(practices)
        .where(inArray(practices.status, ['submitted', 'in_review', 'reviewed', 'merged']))
        .orderBy(asc(practices.submittedAt));
      const rounds = await db.select().from(reviewRounds).orderBy(desc(reviewRounds.createdAt));
      return ok({ practices: await views(rows), rounds, reviewDays });
    },

    async tag(actor: Viewer, id: string, input: unknown): Promise<Outcome<PracticeRow>> {
      const found = await secretariatRow(actor, id);
      if (!found.ok) return found;
      const tags = tagsSchema.safeParse(input);
      if (!tags.success)
        return invalid(tags.error.issues[0].message, { tags: tags.error.issues.map((i) => i.message) });
      const clean = [...new Set(tags.data.filter(Boolean))];
      const [row] = await db.update(practices).set({ tags: clean }).where(eq(practices.id, id)).returning();
      await writeAudit(db, {
        action: 'practice.tagged',
        actorUserId: actor!.userId,
        organizationId: row.organizationId,
        subjectType: 'practice',
        subjectId: id,
        data: { tags: clean },
        ip: actor!.ip,
      });
      return ok(row);
    },

    /** Marks an entry as a duplicate of another (or clears it with an empty `ofId`); both stay in the base. */
    async markDuplicate(actor: Viewer, id: string, ofId: string | null): Promise<Outcome<PracticeRow>> {
      const found = await secretariatRow(actor, id);
      if (!found.ok) return found;
      if (ofId) {
        if (ofId === id) return invalid('A practice cannot duplicate itself.');
        const other = await secretariatRow(actor, ofId);
        if (!other.ok) return other;
        if (other.value.status === 'draft') return notFound('This practice does not exist.');
      }
      const [row] = await db
        .update(practices)
        .set({ duplicateOfId: ofId || null })
        .where(eq(practices.id, id))
        .returning();
      await writeAudit(db, {
        action: 'practice.duplicate_marked',
        actorUserId: actor!.userId,
        organizationId: row.organizationId,
        subjectType: 'practice',
        subjectId: id,
        data: { duplicateOf: ofId || null },
        ip: actor!.ip,
      });
      return ok(row);
    },

    /**
     * Merges entries of one organization into a new entry (the first one's form; mandates, subjects, languages
     * and documents of all). The originals are kept, marked `merged` and linked to the new entry. Entries of
     * different organizations are never merged: each text stays attributed to the organization that wrote it.
     */
    async merge(actor: Viewer, idsInput: unknown): Promise<Outcome<PracticeRow>> {
      if (!secretariat(actor))
        return forbidden('Only the Summits Secretariat consolidates the base of good practices.');
      const ids = z.preprocess(list, z.array(z.uuid()).min(2)).safeParse(idsInput);
      if (!ids.success) return invalid('Choose at least two practices to merge.');
      const unique = [...new Set(ids.data)];
      if (unique.length < 2) return invalid('Choose at least two practices to merge.');
      const rows = await db.select().from(practices).where(inArray(practices.id, unique));
      if (rows.length !== unique.length) return notFound('This practice does not exist.');
      const ordered = unique.map((id) => rows.find((r) => r.id === id)!);
      if (new Set(rows.map((r) => r.organizationId)).size > 1)
        return invalid('Only practices of the same organization are merged; mark the others as duplicates.');
      if (rows.some((r) => r.status !== 'submitted' && r.status !== 'in_review'))
        return conflict('Only submitted practices, or practices in an open round, are merged.');
      if (new Set(rows.map((r) => r.roundId ?? '')).size > 1)
        return conflict('Only practices in the same round are merged.');
      const [first] = ordered;
      const union = (k: 'iaccSubjects' | 'assistanceTypes' | 'languages') => [...new Set(ordered.flatMap((r) => r[k]))];
      const merged = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(practices)
          .values({
            ...Object.fromEntries(PRACTICE_TEXT_FIELDS.map((f) => [f, first[f]])),
            title: first.title,
            contactName: first.contactName,
            contactEmail: first.contactEmail,
            organizationId: first.organizationId,
            status: first.status,
            roundId: first.roundId,
            iaccSubjects: union('iaccSubjects'),
            assistanceTypes: union('assistanceTypes'),
            languages: union('languages'),
            tags: [...new Set(ordered.flatMap((r) => r.tags))],
            sourceAnswerId: first.sourceAnswerId,
            mergedFrom: unique,
            createdBy: actor.userId,
            createdAt: now(),
            updatedBy: actor.userId,
            updatedAt: now(),
            submittedAt: first.submittedAt,
            submittedBy: first.submittedBy,
          })
          .returning();
        const ms = await tx
          .select({ mandateId: practiceMandates.mandateId })
          .from(practiceMandates)
          .where(inArray(practiceMandates.practiceId, unique));
        const mandateIds = [...new Set(ms.map((m) => m.mandateId))];
        if (mandateIds.length)
          await tx
            .insert(practiceMandates)
            .values(mandateIds.map((mandateId) => ({ practiceId: created.id, mandateId })));
        // Carried documents of a non-first original stay linked to their own answer only through the original;
        // to keep the withheld check exact, only uploaded documents and the first entry's carried ones come along.
        const docs = await tx
          .select()
          .from(practiceDocuments)
          .where(and(inArray(practiceDocuments.practiceId, unique), isNull(practiceDocuments.removedAt)));
        const kept = docs.filter((d) => d.storageKey || d.practiceId === first.id);
        if (kept.length)
          await tx
            .insert(practiceDocuments)
            .values(kept.map(({ id: _id, practiceId: _p, ...d }) => ({ ...d, practiceId: created.id })));
        await tx
          .update(practices)
          .set({ status: 'merged', mergedIntoId: created.id })
          .where(inArray(practices.id, unique));
        await recordVersion(tx, created, actor);
        await writeAudit(tx, {
          action: 'practice.merged',
          actorUserId: actor.userId,
          organizationId: first.organizationId,
          subjectType: 'practice',
          subjectId: created.id,
          data: { from: unique },
          ip: actor.ip,
        });
        return created;
      });
      return ok(merged);
    },

    /** Opens a review round on submitted practices, closing `days` (default: the configured two weeks) from now. */
    async openRound(actor: Viewer, input: unknown): Promise<Outcome<ReviewRoundRow>> {
      if (!secretariat(actor))
        return forbidden('Only the Summits Secretariat consolidates the base of good practices.');
      const parsed = roundSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      const { name, practiceIds, days = reviewDays, openToJswg, openToCivilSociety } = parsed.data;
      const ids = [...new Set(practiceIds)];
      const opensAt = now();
      const closesAt = parsed.data.closesAt ?? new Date(opensAt.getTime() + days * 24 * 60 * 60 * 1000);
      // A chosen date must leave time to review, and no more than a length could: the future, within 90 days.
      if (closesAt.getTime() <= opensAt.getTime() || closesAt.getTime() > opensAt.getTime() + 90 * 24 * 60 * 60 * 1000)
        return invalid('The round closes in the future, within 90 days.', {
          closesAt: ['The round closes in the future, within 90 days.'],
        });
      const result = await db
        .transaction(async (tx) => {
          const [round] = await tx
            .insert(reviewRounds)
            .values({
              name,
              opensAt,
              closesAt,
              openToJswg,
              openToCivilSociety,
              createdBy: actor.userId,
              createdAt: opensAt,
            })
            .returning();
          const moved = await tx
            .update(practices)
            .set({ status: 'in_review', roundId: round.id })
            .where(and(inArray(practices.id, ids), eq(practices.status, 'submitted')))
            .returning({ id: practices.id, organizationId: practices.organizationId });
          // Throwing rolls the round back: a round is opened on all the chosen practices or not at all.
          if (moved.length !== ids.length) throw new NotAllSubmitted();
          await writeAudit(tx, {
            action: 'practice_round.opened',
            actorUserId: actor.userId,
            subjectType: 'review_round',
            subjectId: round.id,
            data: { practices: ids, closesAt: closesAt.toISOString(), openToJswg, openToCivilSociety },
            ip: actor.ip,
          });
          return { round, moved };
        })
        .catch((error: unknown) => {
          if (error instanceof NotAllSubmitted) return null;
          throw error;
        });
      if (!result) return conflict('Only submitted practices not already in a round can be put in a review round.');
      const states = await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(eq(organizations.kind, 'state'), eq(organizations.active, true)));
      for (const s of states) {
        await notifyOrganization(db, s.id, {
          kind: 'practice_round.opened',
          link: `/practices/review/${result.round.id}`,
          subject: 'The review of the good-practice base is open',
          body: `The Summits Secretariat opened the review “${name}”. Read the consolidated base and comment on any entry before ${closesAt.toISOString().slice(0, 10)}.`,
          data: { round: name, closesAt: closesAt.toISOString() },
        });
      }
      return ok(result.round);
    },

    /** The consolidated base of a round, for its participants (every State; others when opened to them). */
    async round(viewer: Viewer, roundId: string) {
      if (!uuid(roundId)) return notFound('This review round does not exist.');
      await closeDueRounds();
      const round = await roundOf(roundId);
      if (!round || !participates(viewer, round)) return notFound('This review round does not exist.');
      const rows = await db
        .select()
        .from(practices)
        .where(and(eq(practices.roundId, roundId), inArray(practices.status, ['in_review', 'reviewed', 'published'])))
        .orderBy(asc(practices.title));
      const all = await views(rows);
      const own = all.filter((p) => p.organizationId === viewer!.organizationId);
      const others = can(viewer, { action: 'practice.consolidate' })
        ? all.map(stripSource)
        : await guardForOthers(all.filter((p) => p.organizationId !== viewer!.organizationId));
      return ok({
        round,
        open: roundOpen(round),
        practices: [...own.map(stripSource), ...others].sort((a, b) => a.title.localeCompare(b.title)),
      });
    },

    /** Open rounds the viewer takes part in (their pages link the base under review). */
    async openRounds(viewer: Viewer) {
      await closeDueRounds();
      const rows = await db
        .select()
        .from(reviewRounds)
        .where(eq(reviewRounds.status, 'open'))
        .orderBy(asc(reviewRounds.closesAt));
      return rows.filter((r) => participates(viewer, r));
    },

    /** A participant comments on any entry of an open round (its own and others'); replies thread under a comment. */
    async comment(actor: Viewer, practiceId: string, input: unknown): Promise<Outcome<{ id: string }>> {
      if (!actor) return forbidden('Only participants of the review round comment on its entries.');
      if (!uuid(practiceId)) return notFound('This practice does not exist.');
      await closeDueRounds();
      const [row] = await db.select().from(practices).where(eq(practices.id, practiceId));
      if (!row || row.status === 'draft') return notFound('This practice does not exist.');
      const round = await roundOf(row.roundId);
      if (!round || !participates(actor, round))
        return forbidden('Only participants of the review round comment on its entries.');
      if (row.status !== 'in_review' || !roundOpen(round))
        return conflict('The review round is closed: comments are no longer taken.');
      const parsed = commentSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      if (parsed.data.parentId) {
        const [parent] = await db
          .select({ id: practiceComments.id })
          .from(practiceComments)
          .where(and(eq(practiceComments.id, parsed.data.parentId), eq(practiceComments.practiceId, practiceId)));
        if (!parent) return notFound('This comment does not exist.');
      }
      const [created] = await db
        .insert(practiceComments)
        .values({
          practiceId,
          roundId: round.id,
          parentId: parsed.data.parentId ?? null,
          organizationId: actor.organizationId,
          authorId: actor.userId,
          body: parsed.data.body,
          createdAt: now(),
        })
        .returning();
      await writeAudit(db, {
        action: 'practice.commented',
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: 'practice',
        subjectId: practiceId,
        data: { commentId: created.id },
        ip: actor.ip,
      });
      if (actor.organizationId !== row.organizationId)
        await notifyOrganization(db, row.organizationId, {
          kind: 'practice.commented',
          link: `/practices/${practiceId}`,
          subject: 'A comment on your good practice',
          body: 'A participant of the review round commented on your good practice. Read it and revise the entry while the round is open.',
          data: {},
        });
      return ok({ id: created.id });
    },

    /** The practice's owner (a focal point) or the Secretariat marks a comment resolved. */
    async resolveComment(actor: Viewer, commentId: string): Promise<Outcome<null>> {
      if (!actor) return forbidden('Only the practice’s organization or the Secretariat resolves comments.');
      if (!uuid(commentId)) return notFound('This comment does not exist.');
      const [found] = await db
        .select({ c: practiceComments, owner: practices.organizationId })
        .from(practiceComments)
        .innerJoin(practices, eq(practices.id, practiceComments.practiceId))
        .where(eq(practiceComments.id, commentId));
      if (!found) return notFound('This comment does not exist.');
      const allowed = can(actor, { action: 'practice.resolve_comment', organizationId: found.owner });
      if (!allowed) return forbidden('Only the practice’s organization or the Secretariat resolves comments.');
      if (found.c.resolvedAt) return ok(null);
      await db
        .update(practiceComments)
        .set({ resolvedAt: now(), resolvedBy: actor.userId })
        .where(eq(practiceComments.id, commentId));
      await writeAudit(db, {
        action: 'practice.comment_resolved',
        actorUserId: actor.userId,
        organizationId: found.owner,
        subjectType: 'practice',
        subjectId: found.c.practiceId,
        data: { commentId },
        ip: actor.ip,
      });
      return ok(null);
    },

    /**
     * After its round closed, the Secretariat publishes the reviewed base. An entry whose text repeats its withheld
     * Q6 answer is held back (left reviewed) and named in the result; its organization is told.
     */
    async publishRound(actor: Viewer, roundId: string): Promise<Outcome<{ published: number; held: string[] }>> {
      if (!secretariat(actor)) return forbidden('Only the Summits Secretariat publishes the base of good practices.');
      if (!uuid(roundId)) return notFound('This review round does not exist.');
      await closeDueRounds();
      const round = await roundOf(roundId);
      if (!round) return notFound('This review round does not exist.');
      if (round.status === 'open')
        return conflict('The review round is still open: the base is published after it closes.');
      if (round.status === 'published') return conflict('This review round was already published.');
      const rows = await db
        .select()
        .from(practices)
        .where(and(eq(practices.roundId, roundId), eq(practices.status, 'reviewed')));
      const { sources } = await withheldContext(rows);
      const held = rows.filter(
        (r) => fieldsRepeatingWithheld(r, r.sourceAnswerId ? sources.get(r.sourceAnswerId) : undefined).length,
      );
      const toPublish = rows.filter((r) => !held.includes(r));
      const at = now();
      const claimed = await db.transaction(async (tx) => {
        const [claim] = await tx
          .update(reviewRounds)
          .set({ status: 'published', publishedAt: at, publishedBy: actor.userId })
          .where(and(eq(reviewRounds.id, roundId), eq(reviewRounds.status, 'closed')))
          .returning();
        if (!claim) return false;
        for (const r of toPublish) {
          await tx
            .update(practices)
            .set({ status: 'published', publishedAt: at, publishedBy: actor.userId, publishedVersion: r.version })
            .where(eq(practices.id, r.id));
          await tx
            .update(practiceVersions)
            .set({ publishedAt: at })
            .where(and(eq(practiceVersions.practiceId, r.id), eq(practiceVersions.version, r.version)));
        }
        await writeAudit(tx, {
          action: 'practice_round.published',
          actorUserId: actor.userId,
          subjectType: 'review_round',
          subjectId: roundId,
          data: { published: toPublish.map((r) => r.id), held: held.map((r) => r.id) },
          ip: actor.ip,
        });
        return true;
      });
      if (!claimed) return conflict('This review round was already published.');
      events?.emit('results.changed', { reason: 'published' });
      for (const r of held)
        await notifyOrganization(db, r.organizationId, {
          kind: 'practice.held',
          link: `/practices/${r.id}`,
          subject: 'A good practice was not published',
          body: 'One of your good practices repeats a Q6 answer you asked to withhold, so it was not published. It is kept for the next round.',
          data: {},
        });
      return ok({ published: toPublish.length, held: held.map((r) => r.id) });
    },

    /** The Secretariat closes a round whose date has passed (the job does the same); never before its date. */
    async closeRound(actor: Viewer, roundId: string): Promise<Outcome<number>> {
      if (!secretariat(actor))
        return forbidden('Only the Summits Secretariat consolidates the base of good practices.');
      const round = uuid(roundId) ? await roundOf(roundId) : undefined;
      if (!round) return notFound('This review round does not exist.');
      if (round.status === 'open' && round.closesAt.getTime() > now().getTime())
        return conflict('The review round is still open: the base is published after it closes.');
      return ok(await closeDueRounds());
    },

    // ---- The public base ---------------------------------------------------------------------------------------

    /**
     * Search over published practices: the typo-tolerant index of search-index.ts (decision 023) over title, texts
     * and organization names, ignoring accents, with
     * facets (mandate, section, IACC subject, organization, assistance type), each counted over the results with the
     * other facets applied. Ordered by relevance when there is a query, alphabetically otherwise: never by State.
     */
    async search(
      query: {
        q?: string | null;
        mandate?: string | null;
        section?: string | null;
        subject?: string | null;
        organization?: string | null;
        assistanceType?: string | null;
        page?: unknown;
      } = {},
    ) {
      await closeDueRounds();
      const all = await publishedViews();
      const q = cleanText(String(query.q ?? ''))
        .trim()
        .slice(0, 200);
      let ranked = all;
      if (q) ranked = Array.from(searchIndexOf(all).rank(q).documents, (i) => all[i]);
      const facets = {
        mandate: (p: PracticeView) => p.mandates.map((m) => String(m.number)),
        section: (p: PracticeView) => p.mandates.map((m) => m.section ?? '').filter(Boolean),
        subject: (p: PracticeView) => p.iaccSubjects,
        organization: (p: PracticeView) => [p.organizationCode],
        assistanceType: (p: PracticeView) => p.assistanceTypes,
      };
      type Facet = keyof typeof facets;
      const chosen = Object.fromEntries(
        (Object.keys(facets) as Facet[]).map((f) => [f, query[f] ? String(query[f]) : '']),
      ) as Record<Facet, string>;
      const passes = (p: PracticeView, except?: Facet) =>
        (Object.keys(facets) as Facet[]).every((f) => f === except || !chosen[f] || facets[f](p).includes(chosen[f]));
      const counts = Object.fromEntries(
        (Object.keys(facets) as Facet[]).map((f) => {
          const c = new Map<string, number>();
          for (const p of ranked)
            if (passes(p, f)) for (const v of new Set(facets[f](p))) c.set(v, (c.get(v) ?? 0) + 1);
          return [
            f,
            [...c]
              .map(([value, n]) => ({ value, count: n }))
              .sort((a, b) => a.value.localeCompare(b.value, 'en', { numeric: true })),
          ];
        }),
      ) as Record<Facet, Array<{ value: string; count: number }>>;
      const results = ranked.filter((p) => passes(p));
      const pages = Math.max(1, Math.ceil(results.length / PUBLIC_PAGE_SIZE));
      const page = Math.min(
        z.coerce
          .number()
          .int()
          .min(1)
          .catch(1)
          .parse(query.page ?? 1),
        pages,
      );
      const names = Object.fromEntries(
        all.map((p) => [p.organizationCode, { en: p.organizationNameEn, es: p.organizationNameEs }]),
      );
      return {
        q,
        order: q ? ('relevance' as const) : ('alphabetical' as const),
        total: results.length,
        page,
        pages,
        chosen,
        facets: counts,
        organizations: names,
        items: results.slice((page - 1) * PUBLIC_PAGE_SIZE, page * PUBLIC_PAGE_SIZE),
      };
    },

    /** Every published practice as the public reads it, alphabetically (the regional-capacities page groups them). */
    async publishedAll(): Promise<PracticeView[]> {
      await closeDueRounds();
      return publishedViews();
    },

    /** Published practices on one mandate (the mandate page and the regional-capacities view). */
    async publishedForMandate(commitmentCode: string, number: number) {
      return (await publishedViews()).filter((p) =>
        p.mandates.some((m) => m.commitment === commitmentCode && m.number === number),
      );
    },

    /**
     * For the matching engine (peer-State evidence): published practices as the public reads them, with their
     * mandates, organization and text fields. Nothing withheld, no drafts.
     */
    async publishedPracticesForMatching() {
      return (await publishedViews()).map((p) => ({
        id: p.id,
        organizationId: p.organizationId,
        organizationCode: p.organizationCode,
        organizationKind: p.organizationKind,
        mandates: p.mandates.map((m) => ({ commitment: m.commitment, number: m.number })),
        title: p.title,
        texts: p.texts,
        assistanceTypes: p.assistanceTypes,
        iaccSubjects: p.iaccSubjects,
        publishedAt: p.publishedAt,
      }));
    },

    /**
     * A document of a practice, for a viewer who may read the practice; a carried answer document only while its
     * answer's non-disclosure requests allow it. Returns the storage key to stream.
     */
    async document(viewer: Viewer, practiceId: string, documentId: string) {
      if (!uuid(documentId)) return notFound('This document does not exist.');
      const found = await service.get(viewer, practiceId);
      if (!found.ok) return notFound('This document does not exist.');
      const doc = found.value.practice.documents.find((d) => d.id === documentId);
      if (!doc) return notFound('This document does not exist.');
      const [row] = await db.select().from(practiceDocuments).where(eq(practiceDocuments.id, documentId));
      let key = row.storageKey;
      if (!key && row.sourceAttachmentId)
        [{ key }] = await db
          .select({ key: attachments.storageKey })
          .from(attachments)
          .where(eq(attachments.id, row.sourceAttachmentId));
      const stream = key ? await store.open(key) : null;
      if (!stream) return notFound('This document does not exist.');
      return ok({
        fileName: doc.fileName,
        mediaType: doc.mediaType,
        sizeBytes: doc.sizeBytes,
        sha256: row.sha256,
        stream,
      });
    },

    /**
     * The public export for MESICIC and UNODC (docs/practices-export.md): every published practice as the public
     * reads it. JSON keeps lists as arrays; CSV joins them with " | ", one row per practice, formula-safe cells.
     */
    async exportPublished(format: 'csv' | 'json'): Promise<string> {
      const all = await publishedViews();
      // The IACC/UNCAC provisions the catalogue links to each mandate (Annex 2 of the Mechanism). Where it links
      // none the mandate is listed in `provisions_missing_for`: unknown, never shown as "no provision".
      const links = await db
        .select({
          commitment: commitments.code,
          number: mandates.number,
          treaty: treatyProvisions.treaty,
          reference: treatyProvisions.reference,
          titleEn: treatyProvisions.titleEn,
          titleEs: treatyProvisions.titleEs,
        })
        .from(mandateProvisions)
        .innerJoin(treatyProvisions, eq(treatyProvisions.id, mandateProvisions.provisionId))
        .innerJoin(mandates, eq(mandates.id, mandateProvisions.mandateId))
        .innerJoin(commitments, eq(commitments.id, mandates.commitmentId))
        .orderBy(asc(treatyProvisions.treaty), asc(treatyProvisions.reference));
      const provisionsOf = (p: PracticeView) => {
        const found = new Map<
          string,
          { treaty: string; reference: string; title_en: string; title_es: string; mandates: number[] }
        >();
        for (const l of links) {
          if (!p.mandates.some((m) => m.commitment === l.commitment && m.number === l.number)) continue;
          const key = `${l.treaty} ${l.reference}`;
          const entry = found.get(key) ?? {
            treaty: l.treaty,
            reference: l.reference,
            title_en: l.titleEn ?? '',
            title_es: l.titleEs ?? '',
            mandates: [],
          };
          entry.mandates.push(l.number);
          found.set(key, entry);
        }
        return [...found.values()];
      };
      const missingFor = (p: PracticeView) =>
        p.mandates
          .filter((m) => !links.some((l) => l.commitment === m.commitment && l.number === m.number))
          .map((m) => m.number);
      const records = all.map((p) => ({
        id: p.id,
        title: p.title,
        organization: p.organizationCode,
        organization_name_en: p.organizationNameEn,
        organization_name_es: p.organizationNameEs,
        organization_kind: p.organizationKind,
        commitment: p.mandates[0]?.commitment ?? '',
        mandates: p.mandates.map((m) => m.number),
        sections: [...new Set(p.mandates.map((m) => m.section).filter((s): s is string => !!s))],
        iacc_subjects: p.iaccSubjects,
        assistance_types: p.assistanceTypes,
        languages: p.languages,
        ...Object.fromEntries(PRACTICE_TEXT_FIELDS.map((f) => [f, p.texts[f]])),
        contact_name: p.contactName,
        contact_email: p.contactEmail,
        documents: p.documents.map((d) => `/practices/${p.id}/documents/${d.id}`),
        version: p.version,
        published_at: p.publishedAt?.toISOString() ?? '',
        provisions: provisionsOf(p),
        provisions_missing_for: missingFor(p),
      }));
      if (format === 'json')
        return JSON.stringify({ schema: 'minka.practices/1', licence: PRACTICES_LICENCE, practices: records }, null, 2);
      // In CSV a provision is "TREATY reference" (e.g. "IACC Article III"); its titles are in the JSON.
      const cellOf = (r: (typeof records)[number], h: (typeof EXPORT_COLUMNS)[number]) =>
        h === 'provisions'
          ? csvCell(r.provisions.map((x) => `${x.treaty} ${x.reference}`))
          : csvCell((r as Record<string, unknown>)[h]);
      const lines = records.map((r) => EXPORT_COLUMNS.map((h) => cellOf(r, h)).join(','));
      return [EXPORT_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
    },
  };
  return service;
}

/** The licence line of the exports (the Mechanism's information is public unless a State asked to withhold it). */
export const PRACTICES_LICENCE =
  'Published by the Summits of the Americas Secretariat under the Lima Commitment follow-up mechanism; reuse with attribution.';

/** The export's columns in order (docs/practices-export.md); stable across versions. */
export const EXPORT_COLUMNS = [
  'id',
  'title',
  'organization',
  'organization_name_en',
  'organization_name_es',
  'organization_kind',
  'commitment',
  'mandates',
  'sections',
  'iacc_subjects',
  'assistance_types',
  'languages',
  ...PRACTICE_TEXT_FIELDS,
  'contact_name',
  'contact_email',
  'documents',
  'version',
  'published_at',
  'provisions',
  'provisions_missing_for',
] as const;
