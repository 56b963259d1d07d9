import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  answers,
  answerVersions,
  attachments,
  commitments,
  disclosureRequests,
  indicators,
  mandates,
  organizations,
  questionnaires,
  reportingCycles,
  type AnswerRow,
  type QuestionCode,
  type QuestionnaireRow,
  type ReportingCycleRow,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import { syncFromAnswer } from '../cooperation/answer-links.server';
import type { DomainEventBus } from '../events';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can, isSecretariat } from '../permissions';
import { isAnswered, questionsFor } from './questions';

const ASSISTANCE_TYPES = [
  'legislative',
  'institutions',
  'policy_design',
  'capacity_building',
  'data',
  'international_cooperation',
  'other',
] as const;
const MAX_TEXT = 20_000;

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const cycleSchema = z
  .object({
    name: z.string().trim().min(3, 'Name the cycle, e.g. “2027 registration”.').max(200),
    kind: z.enum(['registration', 'update'], 'Choose registration or update.'),
    opensAt: z.coerce.date('Give the opening date and time.'),
    closesAt: z.coerce.date('Give the closing date and time.'),
    publishesAt: z.coerce.date('Give the publication date and time.'),
    timeZone: z.string().refine(validTimeZone, 'Use an IANA time zone such as America/Lima.'),
    previousCycleId: z.uuid().optional(),
    commitmentCode: z.string().optional(),
  })
  .refine((c) => c.opensAt < c.closesAt, { path: ['closesAt'], message: 'The cycle must close after it opens.' })
  .refine((c) => c.closesAt <= c.publishesAt, {
    path: ['publishesAt'],
    message: 'Publication comes after the cycle closes.',
  })
  .refine((c) => c.kind === 'registration' || !!c.previousCycleId, {
    path: ['previousCycleId'],
    message: 'An update cycle starts from a previous cycle: choose it.',
  });

const answerSchema = z.object({
  mandate: z.coerce.number().int().positive('Choose a mandate.'),
  indicator: z.string().max(50).default(''),
  question: z.enum(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7'], 'Unknown question.'),
  progress: z.enum(['A', 'B', 'C', 'D'], 'Progress is A, B, C or D.').nullable().optional(),
  // "At most", as the form's hints say ("Up to 2,000 characters"): the limits are inclusive. The number is written
  // out in each language (an interpolated "20,000" stayed English in Spanish).
  summary: z.string().max(2_000, 'The summary has at most 2,000 characters.').default(''),
  full: z.string().max(MAX_TEXT, 'The full answer has at most 20,000 characters.').default(''),
  assistanceTypes: z.array(z.enum(ASSISTANCE_TYPES, 'Unknown assistance type.')).default([]),
  /** The version the person started from; 0 for a new answer. A different current version is a conflict. */
  baseVersion: z.coerce.number().int().min(0),
});

export interface AnswerConflict {
  kind: 'conflict';
  message: string;
  /** What is stored now (someone else's save) and what this person tried to save: nothing is lost. */
  theirs: Pick<AnswerRow, 'version' | 'progress' | 'summary' | 'full' | 'assistanceTypes' | 'updatedAt'>;
  mine: z.infer<typeof answerSchema>;
}

/** Who drafts and who submits (Mechanism, section 4 e). */

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
}

/**
 * Phase 1, registration of progress: reporting cycles, one questionnaire per organization and cycle, answers with
 * versions and conflict-safe saves, submission and reopening. Q4 answers that ask for assistance become
 * assistance requests (drafts of the State, linked back to the answer) for the matching engine.
 */
export function createRegistrationService({ db, events, now }: Deps) {
  async function cycleById(id: string) {
    if (!z.uuid().safeParse(id).success) return undefined;
    const [row] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, id));
    return row;
  }

  /** Indicator codes per mandate number of a commitment, in catalogue order ('' stands for a mandate without any). */
  async function indicatorsOf(commitmentId: string) {
    const rows = await db
      .select({ mandate: mandates.number, code: indicators.code })
      .from(indicators)
      .innerJoin(mandates, eq(mandates.id, indicators.mandateId))
      .where(eq(mandates.commitmentId, commitmentId))
      .orderBy(asc(mandates.number), asc(indicators.position), asc(indicators.code));
    const map = new Map<number, string[]>();
    for (const r of rows) map.set(r.mandate, [...(map.get(r.mandate) ?? []), r.code]);
    return map;
  }

  const isOpen = (cycle: ReportingCycleRow) =>
    cycle.opensAt.getTime() <= now().getTime() && now().getTime() < cycle.closesAt.getTime();

  /**
   * An update cycle starts from what the organization reported in the previous one: its answers (version 1 of each
   * history), the documents attached to them, and what it asked to withhold (requests not refused, with their
   * decisions and letters), so nothing withheld last cycle is published with the update.
   *
   * A carried document is a new row (its own id, published and withheld per cycle) over the same stored bytes;
   * removing it from the update never deletes bytes another row still uses (attachments.server.ts).
   */
  async function carryOver(tx: Database, fromQuestionnaireId: string, toQuestionnaireId: string) {
    const old = await tx.select().from(answers).where(eq(answers.questionnaireId, fromQuestionnaireId));
    const answerIds = new Map<string, string>();
    if (old.length) {
      const copied = await tx
        .insert(answers)
        .values(
          old.map((a) => ({
            questionnaireId: toQuestionnaireId,
            mandateId: a.mandateId,
            indicatorCode: a.indicatorCode,
            question: a.question,
            progress: a.progress,
            summary: a.summary,
            full: a.full,
            assistanceTypes: a.assistanceTypes,
            carriedOver: true,
            version: 1,
            updatedAt: now(),
          })),
        )
        .returning();
      // Version 1 is the carried-over text: the history starts there and the first edit compares against it.
      await tx.insert(answerVersions).values(
        copied.map((a) => ({
          answerId: a.id,
          version: 1,
          progress: a.progress,
          summary: a.summary,
          full: a.full,
          assistanceTypes: a.assistanceTypes,
          savedAt: now(),
          savedBy: null,
        })),
      );
      const slot = (a: { mandateId: string; indicatorCode: string; question: string }) =>
        `${a.mandateId}\u0000${a.indicatorCode}\u0000${a.question}`;
      const newBySlot = new Map(copied.map((a) => [slot(a), a.id]));
      for (const a of old) answerIds.set(a.id, newBySlot.get(slot(a))!);
    }

    const copyAttachment = (
      d: typeof attachments.$inferSelect,
      id: string,
      link: { answerId: string | null; disclosureRequestId: string | null },
    ) => ({
      id,
      questionnaireId: toQuestionnaireId,
      purpose: d.purpose,
      ...link,
      fileName: d.fileName,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      storageKey: d.storageKey,
      uploadedBy: d.uploadedBy,
      uploadedAt: d.uploadedAt,
    });
    const documents = await tx
      .select()
      .from(attachments)
      .where(
        and(
          eq(attachments.questionnaireId, fromQuestionnaireId),
          eq(attachments.purpose, 'answer'),
          isNull(attachments.removedAt),
        ),
      );
    const carriedDocuments = documents.filter((d) => d.answerId && answerIds.has(d.answerId));
    /** Previous document id → its carried copy's id. */
    const attachmentIds = new Map(carriedDocuments.map((d) => [d.id, randomUUID()]));
    if (carriedDocuments.length)
      await tx.insert(attachments).values(
        carriedDocuments.map((d) =>
          copyAttachment(d, attachmentIds.get(d.id)!, {
            answerId: answerIds.get(d.answerId!)!,
            disclosureRequestId: null,
          }),
        ),
      );

    // What the State withheld stays withheld when its text and documents are copied forward, until the Secretariat
    // records otherwise. A request on a document that was removed (so not carried) has nothing left to withhold.
    const withheld = (
      await tx
        .select()
        .from(disclosureRequests)
        .where(
          and(eq(disclosureRequests.questionnaireId, fromQuestionnaireId), ne(disclosureRequests.decision, 'refused')),
        )
    ).filter((r) => r.scope !== 'attachment' || (!!r.attachmentId && attachmentIds.has(r.attachmentId)));
    if (!withheld.length) return;
    const requestIds = new Map(withheld.map((r) => [r.id, randomUUID()]));
    await tx.insert(disclosureRequests).values(
      withheld.map((r) => ({
        id: requestIds.get(r.id)!,
        questionnaireId: toQuestionnaireId,
        scope: r.scope,
        mandateId: r.mandateId,
        question: r.question,
        field: r.field,
        attachmentId: r.attachmentId ? (attachmentIds.get(r.attachmentId) ?? null) : null,
        letterReference: r.letterReference,
        reason: r.reason,
        requestedBy: r.requestedBy,
        requestedAt: r.requestedAt,
        decision: r.decision,
        decidedBy: r.decidedBy,
        decidedAt: r.decidedAt,
        // The fact, not a sentence: pages say "carried over" in the reader's language; the Chair's note stays as written.
        decisionNote: r.decisionNote,
        carriedOver: true,
      })),
    );
    // Each carried request keeps its letter to the Chair.
    const letters = await tx
      .select()
      .from(attachments)
      .where(
        and(
          inArray(attachments.disclosureRequestId, [...requestIds.keys()]),
          eq(attachments.purpose, 'disclosure_letter'),
          isNull(attachments.removedAt),
        ),
      );
    if (letters.length)
      await tx.insert(attachments).values(
        letters.map((l) =>
          copyAttachment(l, randomUUID(), {
            answerId: null,
            disclosureRequestId: requestIds.get(l.disclosureRequestId!)!,
          }),
        ),
      );
  }

  /** The organization's questionnaire, created on first use; an update cycle starts from the previous answers. */
  async function ensureQuestionnaire(cycle: ReportingCycleRow, organizationId: string): Promise<QuestionnaireRow> {
    const [existing] = await db
      .select()
      .from(questionnaires)
      .where(and(eq(questionnaires.cycleId, cycle.id), eq(questionnaires.organizationId, organizationId)));
    if (existing) return existing;
    return db.transaction(async (tx) => {
      const [created] = await tx
        .insert(questionnaires)
        .values({ cycleId: cycle.id, organizationId })
        .onConflictDoNothing()
        .returning();
      if (!created)
        return (
          await tx
            .select()
            .from(questionnaires)
            .where(and(eq(questionnaires.cycleId, cycle.id), eq(questionnaires.organizationId, organizationId)))
        )[0];
      if (cycle.previousCycleId) {
        const [previous] = await tx
          .select()
          .from(questionnaires)
          .where(
            and(eq(questionnaires.cycleId, cycle.previousCycleId), eq(questionnaires.organizationId, organizationId)),
          );
        if (previous) await carryOver(tx, previous.id, created.id);
      }
      return created;
    });
  }

  function canSee(viewer: Viewer, organizationId: string) {
    return !!viewer && (isSecretariat(viewer) || viewer.organizationId === organizationId);
  }

  /**
   * A State's Q4 with assistance types → its draft assistance request; a JSWG organization's Q7 → its draft offer
   * (services/cooperation/answer-links.server.ts, decision 014). Only what non-disclosure leaves visible is copied,
   * and a request or offer that has left draft is never rewritten: the new text waits for the organization's
   * confirmation.
   */
  async function syncAssistanceRequest(actor: Actor, answer: AnswerRow) {
    await syncFromAnswer({ db, events, now }, actor, answer);
  }

  const service = {
    /** The questions an organization of this kind is asked (the screens offer no other). */
    questionsFor,

    async createCycle(actor: Viewer, input: unknown): Promise<Outcome<ReportingCycleRow>> {
      if (!actor || !can(actor, { action: 'questionnaire.administer' }))
        return forbidden('Only the Summits Secretariat creates reporting cycles.');
      const parsed = cycleSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      const c = parsed.data;
      const [commitment] = c.commitmentCode
        ? await db.select().from(commitments).where(eq(commitments.code, c.commitmentCode))
        : await db.select().from(commitments).orderBy(desc(commitments.adoptedOn)).limit(1);
      if (!commitment)
        return invalid('Import a commitment catalogue first.', { commitmentCode: ['Unknown commitment.'] });
      if (c.previousCycleId && !(await cycleById(c.previousCycleId)))
        return invalid('Check the highlighted fields.', { previousCycleId: ['Unknown cycle.'] });
      const [row] = await db
        .insert(reportingCycles)
        .values({
          commitmentId: commitment.id,
          name: c.name,
          kind: c.kind,
          opensAt: c.opensAt,
          closesAt: c.closesAt,
          publishesAt: c.publishesAt,
          timeZone: c.timeZone,
          previousCycleId: c.previousCycleId ?? null,
          createdBy: actor.userId,
        })
        .returning();
      await writeAudit(db, {
        action: 'cycle.created',
        actorUserId: actor.userId,
        subjectType: 'reporting_cycle',
        subjectId: row.id,
        data: { name: c.name, kind: c.kind },
      });
      return ok(row);
    },

    listCycles: () => db.select().from(reportingCycles).orderBy(desc(reportingCycles.opensAt)),

    /** The viewer's organization's questionnaire in a cycle, with every answer and its completeness. */
    async questionnaire(actor: Viewer, cycleId: string, organizationId?: string) {
      const cycle = await cycleById(cycleId);
      if (!cycle) return notFound('This reporting cycle does not exist.');
      const orgId = organizationId ?? actor?.organizationId;
      if (!actor || !orgId || !canSee(actor, orgId))
        return forbidden('This questionnaire belongs to another organization.');
      const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
      if (!org || (org.kind !== 'state' && org.kind !== 'jswg')) {
        // Someone of a civil-society organization (or the Secretariat) has no questionnaire of their own: not theirs to open.
        const message = 'Only States and JSWG organizations answer the questionnaire.';
        return orgId === actor.organizationId ? forbidden(message) : invalid(message);
      }
      const questionnaire = await ensureQuestionnaire(cycle, orgId);
      const rows = await db
        .select({ answer: answers, mandateNumber: mandates.number })
        .from(answers)
        .innerJoin(mandates, eq(mandates.id, answers.mandateId))
        .where(eq(answers.questionnaireId, questionnaire.id))
        .orderBy(asc(mandates.number), asc(answers.question));
      const mandateRows = await db
        .select({ number: mandates.number })
        .from(mandates)
        .where(eq(mandates.commitmentId, cycle.commitmentId))
        .orderBy(asc(mandates.number));
      const indicatorCodes = await indicatorsOf(cycle.commitmentId);
      const questions = questionsFor(org.kind);
      // Completeness per mandate, counted per indicator (the questions are asked for each one; a mandate without
      // indicators is one unit, code ''). A count of answered questions, never a score.
      const perMandate = mandateRows.map(({ number }) => {
        const units = indicatorCodes.get(number) ?? [''];
        const perIndicator = units.map((code) => {
          const given = new Set(
            rows
              .filter(
                (r) =>
                  r.mandateNumber === number &&
                  r.answer.indicatorCode === code &&
                  questions.includes(r.answer.question) &&
                  isAnswered(r.answer),
              )
              .map((r) => r.answer.question),
          );
          return {
            indicator: code,
            answered: given.size,
            of: questions.length,
            missing: questions.filter((q) => !given.has(q)),
          };
        });
        return {
          mandate: number,
          answered: perIndicator.reduce((n, i) => n + i.answered, 0),
          of: perIndicator.reduce((n, i) => n + i.of, 0),
          // A question is missing when some indicator still lacks it.
          missing: questions.filter((q) => perIndicator.some((i) => i.missing.includes(q))),
          perIndicator,
        };
      });
      const answered = perMandate.reduce((s, m) => s + m.answered, 0);
      const total = perMandate.reduce((s, m) => s + m.of, 0);
      return ok({
        cycle,
        questionnaire,
        open: isOpen(cycle) || !!questionnaire.reopenedAt,
        questions,
        indicators: Object.fromEntries(indicatorCodes) as Record<number, string[]>,
        answers: rows.map((r) => ({ ...r.answer, mandate: r.mandateNumber })),
        completeness: { answered, total, perMandate },
      });
    },

    /** A save names the version it started from; if someone saved in between, it is refused with both versions. */
    async saveAnswer(
      actor: Viewer,
      cycleId: string,
      input: unknown,
    ): Promise<Outcome<AnswerRow> | ({ ok: false } & AnswerConflict)> {
      if (!actor || !can(actor, { action: 'questionnaire.draft' }))
        return forbidden('Only a State’s or JSWG organization’s focal points and delegates answer the questionnaire.');
      const parsed = answerSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      const mine = parsed.data;
      const context = await service.questionnaire(actor, cycleId);
      if (!context.ok) return context;
      const { cycle, questionnaire, open, questions, indicators: indicatorCodes } = context.value;
      if (!open)
        return conflict('The cycle is closed: answers are read-only until the Secretariat reopens your questionnaire.');
      if (questionnaire.status === 'submitted')
        return conflict('Your questionnaire was submitted: it is locked until the Secretariat reopens it.');
      if (!questions.includes(mine.question))
        return invalid(`${mine.question} is not asked of your organization.`, {
          question: [`${mine.question} is not asked of your organization.`],
        });
      if (mine.question === 'Q1' && !mine.progress)
        return invalid('Q1 needs a progress level.', { progress: ['Choose A, B, C or D.'] });
      if (mine.question !== 'Q1' && mine.progress)
        return invalid('Only Q1 has a progress level.', { progress: ['Only Q1 has a progress level.'] });
      if (mine.assistanceTypes.length && mine.question !== 'Q4' && mine.question !== 'Q5')
        return invalid('Assistance types belong to Q4 and Q5.', {
          assistanceTypes: ['Only Q4 and Q5 take assistance types.'],
        });
      const [mandate] = await db
        .select()
        .from(mandates)
        .where(and(eq(mandates.commitmentId, cycle.commitmentId), eq(mandates.number, mine.mandate)));
      if (!mandate)
        return invalid('Unknown mandate or indicator: this mandate is not in the cycle’s commitment.', {
          mandate: [`Mandate ${mine.mandate} is not in this commitment.`],
        });
      // The questions are asked per indicator when the mandate has indicators, and for the mandate itself otherwise.
      const codes = indicatorCodes[mine.mandate] ?? [];
      if (codes.length ? !codes.includes(mine.indicator) : mine.indicator !== '') {
        const hint = codes.length
          ? `Mandate ${mine.mandate} is answered per indicator: choose one of ${codes.join(', ')}.`
          : `Mandate ${mine.mandate} has no indicators: answer for the mandate itself.`;
        return invalid(`Unknown mandate or indicator. ${hint}`, { indicator: [hint] });
      }

      const values = {
        progress: mine.progress ?? null,
        summary: mine.summary,
        full: mine.full,
        assistanceTypes: mine.assistanceTypes,
      };
      const saved = await db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(answers)
          .where(
            and(
              eq(answers.questionnaireId, questionnaire.id),
              eq(answers.mandateId, mandate.id),
              eq(answers.indicatorCode, mine.indicator),
              eq(answers.question, mine.question),
            ),
          );
        const currentVersion = current?.version ?? 0;
        if (currentVersion !== mine.baseVersion) return { conflict: current! };
        let row: AnswerRow | undefined;
        if (!current) {
          [row] = await tx
            .insert(answers)
            .values({
              questionnaireId: questionnaire.id,
              mandateId: mandate.id,
              indicatorCode: mine.indicator,
              question: mine.question,
              ...values,
              version: 1,
              updatedAt: now(),
              updatedBy: actor.userId,
            })
            .onConflictDoNothing()
            .returning();
          if (!row)
            return {
              conflict: (
                await tx
                  .select()
                  .from(answers)
                  .where(
                    and(
                      eq(answers.questionnaireId, questionnaire.id),
                      eq(answers.mandateId, mandate.id),
                      eq(answers.indicatorCode, mine.indicator),
                      eq(answers.question, mine.question),
                    ),
                  )
              )[0],
            };
        } else {
          // The version check is in the update itself: of two simultaneous saves from the same version, one wins.
          [row] = await tx
            .update(answers)
            .set({
              ...values,
              carriedOver: false,
              version: current.version + 1,
              updatedAt: now(),
              updatedBy: actor.userId,
            })
            .where(and(eq(answers.id, current.id), eq(answers.version, mine.baseVersion)))
            .returning();
          if (!row) return { conflict: (await tx.select().from(answers).where(eq(answers.id, current.id)))[0] };
        }
        await tx
          .insert(answerVersions)
          .values({ answerId: row.id, version: row.version, ...values, savedAt: now(), savedBy: actor.userId });
        return { row };
      });
      if ('conflict' in saved && saved.conflict) {
        const theirs = saved.conflict;
        return {
          ok: false,
          kind: 'conflict',
          message:
            'Someone saved this answer after you opened it. Both versions are shown: keep yours, theirs, or merge them, then save again.',
          theirs: {
            version: theirs.version,
            progress: theirs.progress,
            summary: theirs.summary,
            full: theirs.full,
            assistanceTypes: theirs.assistanceTypes,
            updatedAt: theirs.updatedAt,
          },
          mine,
        };
      }
      const row = saved.row!;
      await syncAssistanceRequest(actor, row);
      return ok(row);
    },

    async history(viewer: Viewer, answerId: string) {
      if (!z.uuid().safeParse(answerId).success) return notFound('This answer does not exist.');
      const [row] = await db
        .select({ answer: answers, organizationId: questionnaires.organizationId })
        .from(answers)
        .innerJoin(questionnaires, eq(questionnaires.id, answers.questionnaireId))
        .where(eq(answers.id, answerId));
      if (!row || !canSee(viewer, row.organizationId)) return notFound('This answer does not exist.');
      return ok(
        await db
          .select()
          .from(answerVersions)
          .where(eq(answerVersions.answerId, answerId))
          .orderBy(asc(answerVersions.version)),
      );
    },

    async submit(actor: Viewer, cycleId: string): Promise<Outcome<QuestionnaireRow>> {
      if (!actor || !can(actor, { action: 'questionnaire.submit' }))
        return forbidden('Only the National Coordinator (or the JSWG focal point) submits the questionnaire.');
      const context = await service.questionnaire(actor, cycleId);
      if (!context.ok) return context;
      if (!context.value.open) return conflict('The cycle is closed.');
      const [row] = await db
        .update(questionnaires)
        .set({ status: 'submitted', submittedAt: now(), submittedBy: actor.userId })
        .where(and(eq(questionnaires.id, context.value.questionnaire.id), eq(questionnaires.status, 'drafting')))
        .returning();
      if (!row) return conflict('This questionnaire is already submitted.');
      await writeAudit(db, {
        action: 'questionnaire.submitted',
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: 'questionnaire',
        subjectId: row.id,
      });
      events.emit('questionnaire.submitted', { questionnaireId: row.id, cycleId: row.cycleId }); // published at once if the cycle is (decision 015)
      return ok(row);
    },

    /** A late update agreed with the Chair. The reason is kept on the questionnaire and in the audit log. */
    async reopen(actor: Viewer, questionnaireId: string, reasonInput: unknown): Promise<Outcome<QuestionnaireRow>> {
      if (!actor || !can(actor, { action: 'questionnaire.administer' }))
        return forbidden('Only the Summits Secretariat reopens a questionnaire.');
      const reason = z
        .string()
        .trim()
        .min(10, 'Give the reason (at least 10 characters), e.g. the Chair’s agreement.')
        .max(2000)
        .safeParse(reasonInput);
      if (!reason.success)
        return invalid(reason.error.issues[0].message, { reason: reason.error.issues.map((i) => i.message) });
      if (!z.uuid().safeParse(questionnaireId).success) return notFound('This questionnaire does not exist.');
      const [row] = await db
        .update(questionnaires)
        .set({ status: 'drafting', reopenedAt: now(), reopenReason: reason.data })
        .where(eq(questionnaires.id, questionnaireId))
        .returning();
      if (!row) return notFound('This questionnaire does not exist.');
      await writeAudit(db, {
        action: 'questionnaire.reopened',
        actorUserId: actor.userId,
        organizationId: row.organizationId,
        subjectType: 'questionnaire',
        subjectId: row.id,
        data: { reason: reason.data },
      });
      return ok(row);
    },

    /** The Secretariat's view of a cycle: each organization's status, never a score or an order of merit. */
    async statusBoard(actor: Viewer, cycleId: string) {
      if (!actor || !can(actor, { action: 'questionnaire.administer' }))
        return forbidden('Only the Summits Secretariat sees every organization’s status.');
      const cycle = await cycleById(cycleId);
      if (!cycle) return notFound('This reporting cycle does not exist.');
      const orgs = await db
        .select()
        .from(organizations)
        .where(inArray(organizations.kind, ['state', 'jswg']))
        .orderBy(asc(organizations.nameEn));
      const started = await db.select().from(questionnaires).where(eq(questionnaires.cycleId, cycleId));
      // Opening a questionnaire creates its row; only an answer makes it "drafting".
      const withAnswers = new Set(
        started.length
          ? (
              await db
                .selectDistinct({ id: answers.questionnaireId })
                .from(answers)
                .where(
                  inArray(
                    answers.questionnaireId,
                    started.map((q) => q.id),
                  ),
                )
            ).map((r) => r.id)
          : [],
      );
      const byOrg = new Map(started.map((q) => [q.organizationId, q]));
      return ok(
        orgs.map((o) => {
          const q = byOrg.get(o.id);
          const status =
            q?.status === 'submitted' ? 'submitted' : q && withAnswers.has(q.id) ? 'drafting' : 'not_started';
          return {
            code: o.code,
            nameEn: o.nameEn,
            nameEs: o.nameEs,
            kind: o.kind,
            organizationId: o.id,
            questionnaireId: q?.id ?? null,
            submittedAt: q?.submittedAt ?? null,
            status: status as 'not_started' | 'drafting' | 'submitted',
          };
        }),
      );
    },

    /**
     * The Secretariat's read-only look at one organization's questionnaire. Unlike `questionnaire`, it never creates
     * the row: an organization that has not started stays "not started" on the status board. When the row exists,
     * this is `questionnaire` itself (same answers and completeness).
     */
    async questionnaireIfStarted(
      actor: Viewer,
      cycleId: string,
      organizationId: string,
    ): Promise<Outcome<QuestionnaireView & { started: boolean }>> {
      if (!actor || !can(actor, { action: 'questionnaire.administer' }))
        return forbidden('Only the Summits Secretariat opens another organization’s questionnaire.');
      const cycle = await cycleById(cycleId);
      if (!cycle) return notFound('This reporting cycle does not exist.');
      if (!z.uuid().safeParse(organizationId).success) return notFound('This organization does not exist.');
      const [existing] = await db
        .select({ id: questionnaires.id })
        .from(questionnaires)
        .where(and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.organizationId, organizationId)));
      if (existing) {
        const full = await service.questionnaire(actor, cycleId, organizationId);
        return full.ok ? ok({ ...full.value, started: true }) : full;
      }
      const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
      if (!org) return notFound('This organization does not exist.');
      if (org.kind !== 'state' && org.kind !== 'jswg')
        return invalid('Only States and JSWG organizations answer the questionnaire.');
      const questions = questionsFor(org.kind);
      const mandateRows = await db
        .select({ number: mandates.number })
        .from(mandates)
        .where(eq(mandates.commitmentId, cycle.commitmentId))
        .orderBy(asc(mandates.number));
      const perMandate = mandateRows.map(({ number }) => ({
        mandate: number,
        answered: 0,
        of: questions.length,
        missing: questions,
      }));
      return ok({
        cycle,
        questionnaire: null,
        open: isOpen(cycle),
        questions,
        answers: [],
        completeness: { answered: 0, total: questions.length * mandateRows.length, perMandate },
        started: false,
      });
    },
  };
  return service;
}
export type RegistrationService = ReturnType<typeof createRegistrationService>;

/** What `questionnaireIfStarted` returns: the shape of `questionnaire`, with no row when nothing was started. */
interface QuestionnaireView {
  cycle: ReportingCycleRow;
  questionnaire: QuestionnaireRow | null;
  open: boolean;
  questions: QuestionCode[];
  answers: Array<AnswerRow & { mandate: number }>;
  completeness: {
    answered: number;
    total: number;
    perMandate: Array<{ mandate: number; answered: number; of: number; missing: QuestionCode[] }>;
  };
}
