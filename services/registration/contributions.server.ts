import { and, asc, count, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  answers,
  contributionInvitations,
  contributions,
  disclosureRequests,
  mandates,
  organizations,
  publishedAnswers,
  questionnaires,
  reportingCycles,
  type ContributionRow,
  type QuestionCode,
  type QuestionnaireRow,
  type ReportingCycleRow,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import { notifyOrganization } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can, isSecretariat } from '../permissions';
import { disclose, withholds } from './publication.server';
import { questionsFor } from './questions';
import type { RegistrationService } from './registration.server';

/*
 * Civil-society contributions to a State's draft questionnaire (Mechanism, section 4 e: "States shall make efforts
 * to include contributions from civil society"). Decision record: docs/decisions/010-civil-society-contributions.md.
 *
 * Who does what:
 * - The State's focal points (National Coordinator, deputy focal point) open the draft to a civil-society
 *   organization (invite, revoke) and state whether civil society contributed (the flag). Opening the State's draft
 *   to an outside organization is a decision of the focal points, like inviting delegates.
 * - Whoever drafts for the State (focal points and delegates) reviews contributions and accepts or leaves them out:
 *   accepting is an edit of the draft, which delegates already make.
 * - Members of an invited civil-society organization read the State's current draft of that questionnaire (minus
 *   anything under a non-disclosure request) while it is editable, and propose text for one answer.
 * - JSWG organizations do not take civil-society contributions: the Mechanism asks it of States only.
 */

export const CONTRIBUTION_MAX = 5_000;
/** The answer's full text limit in the registration service: an accepted contribution must keep the answer under it. */
const ANSWER_FULL_MAX = 20_000;
const ACCEPT_ATTEMPTS = 3;

const STATE_QUESTIONS = questionsFor('state');

const inviteSchema = z.object({
  organizationId: z.uuid('Choose a civil-society organization.'),
  note: z
    .string()
    .trim()
    .max(2_000, 'Keep the note under 2,000 characters.')
    .optional()
    .transform((v) => v || null),
});

const proposalSchema = z.object({
  mandate: z.coerce.number().int().positive('Choose a mandate.'),
  indicator: z.string().trim().max(50).default(''),
  question: z.enum(STATE_QUESTIONS as [QuestionCode, ...QuestionCode[]], 'This question is not asked of States.'),
  text: z
    .string('Write your contribution.')
    .trim()
    .min(1, 'Write your contribution.')
    .max(CONTRIBUTION_MAX, `Keep the contribution under ${CONTRIBUTION_MAX.toLocaleString('en')} characters.`),
});

const noteSchema = z
  .string()
  .trim()
  .max(2_000, 'Keep the note under 2,000 characters.')
  .optional()
  .transform((v) => v || null);

interface Deps {
  db: Database;
  now: () => Date;
  registration: RegistrationService;
}

export type ContributionsService = ReturnType<typeof createContributionsService>;

export function createContributionsService({ db, now, registration }: Deps) {
  const isOpen = (cycle: ReportingCycleRow, q: Pick<QuestionnaireRow, 'reopenedAt'>) =>
    (cycle.opensAt.getTime() <= now().getTime() && now().getTime() < cycle.closesAt.getTime()) || !!q.reopenedAt;
  const editable = (cycle: ReportingCycleRow, q: QuestionnaireRow) => isOpen(cycle, q) && q.status !== 'submitted';
  const LOCKED =
    'The questionnaire is submitted or its cycle is closed: contributions can no longer be made or decided.';

  /** The State's own questionnaire, through the registration service (which authorizes and creates it on first use). */
  async function ownQuestionnaire(actor: Actor, cycleId: string) {
    const context = await registration.questionnaire(actor, cycleId);
    if (!context.ok) return context;
    return ok({ cycle: context.value.cycle, questionnaire: context.value.questionnaire });
  }

  async function organizationName(id: string) {
    const [org] = await db
      .select({ nameEn: organizations.nameEn, nameEs: organizations.nameEs, code: organizations.code })
      .from(organizations)
      .where(eq(organizations.id, id));
    return org;
  }

  /**
   * What a civil-society member may read of one State's questionnaire: only with an active invitation of their own
   * organization (the check is in the query), and only while the questionnaire is editable.
   */
  async function invitedAccess(actor: Viewer, cycleId: string, stateCode: string) {
    if (!actor || !can(actor, { action: 'contribution.write' }))
      return forbidden('Only members of a civil-society organization contribute to a State’s draft.');
    if (!z.uuid().safeParse(cycleId).success) return notFound('This reporting cycle does not exist.');
    const [row] = await db
      .select({
        invitation: contributionInvitations,
        questionnaire: questionnaires,
        cycle: reportingCycles,
        state: organizations,
      })
      .from(contributionInvitations)
      .innerJoin(questionnaires, eq(questionnaires.id, contributionInvitations.questionnaireId))
      .innerJoin(reportingCycles, eq(reportingCycles.id, questionnaires.cycleId))
      .innerJoin(organizations, eq(organizations.id, questionnaires.organizationId))
      .where(
        and(
          eq(contributionInvitations.organizationId, actor.organizationId),
          eq(questionnaires.cycleId, cycleId),
          eq(organizations.code, stateCode),
          eq(organizations.kind, 'state'),
        ),
      );
    // Same answer whether the State or cycle exists or not: an uninvited organization learns nothing.
    if (!row) return forbidden('Your organization is not invited to contribute to this questionnaire.');
    if (row.invitation.revokedAt)
      return forbidden('The State revoked its invitation: you can no longer read or contribute to this questionnaire.');
    if (!editable(row.cycle, row.questionnaire))
      return conflict('This questionnaire is submitted or its cycle is closed: it is no longer open to contributions.');
    return ok(row);
  }

  async function notifyDecision(contribution: ContributionRow, stateName: string, decision: 'accepted' | 'left_out') {
    await notifyOrganization(
      db,
      contribution.organizationId,
      {
        kind: `contribution.${decision}`,
        link: '/contribute',
        subject:
          decision === 'accepted'
            ? `${stateName} accepted your contribution`
            : `${stateName} did not include your contribution`,
        body: `${stateName} decided on your contribution to its questionnaire (mandate answer ${contribution.question}).`,
        data: { state: stateName, question: contribution.question },
      },
      ['civil_society_member'],
    );
  }

  const service = {
    /** Civil-society organizations a State may invite (alphabetical). */
    async civilSocietyOrganizations(actor: Viewer) {
      if (!actor || !can(actor, { action: 'contribution.manage' }))
        return forbidden('Only the National Coordinator and the deputy focal point invite civil society.');
      return ok(
        await db
          .select({
            id: organizations.id,
            code: organizations.code,
            nameEn: organizations.nameEn,
            nameEs: organizations.nameEs,
          })
          .from(organizations)
          .where(eq(organizations.kind, 'civil_society'))
          .orderBy(asc(organizations.nameEn)),
      );
    },

    /** The State's civil-society section of its questionnaire page. */
    async stateOverview(actor: Viewer, cycleId: string) {
      if (!actor || !can(actor, { action: 'contribution.review' }))
        return forbidden('Only a State’s focal points and delegates manage civil-society contributions.');
      const own = await ownQuestionnaire(actor, cycleId);
      if (!own.ok) return own;
      const { cycle, questionnaire } = own.value;
      const invitations = await db
        .select({
          id: contributionInvitations.id,
          organizationId: contributionInvitations.organizationId,
          code: organizations.code,
          nameEn: organizations.nameEn,
          nameEs: organizations.nameEs,
          note: contributionInvitations.note,
          invitedAt: contributionInvitations.invitedAt,
          revokedAt: contributionInvitations.revokedAt,
        })
        .from(contributionInvitations)
        .innerJoin(organizations, eq(organizations.id, contributionInvitations.organizationId))
        .where(eq(contributionInvitations.questionnaireId, questionnaire.id))
        .orderBy(asc(organizations.nameEn));
      const counts = await db
        .select({ status: contributions.status, n: count() })
        .from(contributions)
        .where(eq(contributions.questionnaireId, questionnaire.id))
        .groupBy(contributions.status);
      const by = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
      return ok({
        civilSocietyContributed: questionnaire.civilSocietyContributed,
        editable: editable(cycle, questionnaire),
        canManage: can(actor, { action: 'contribution.manage' }),
        invitations,
        counts: { proposed: by('proposed'), accepted: by('accepted'), leftOut: by('left_out') },
      });
    },

    async invite(actor: Viewer, cycleId: string, input: unknown): Promise<Outcome<{ id: string }>> {
      if (!actor || !can(actor, { action: 'contribution.manage' }))
        return forbidden('Only the National Coordinator and the deputy focal point invite civil society.');
      const parsed = inviteSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nobody was invited.', fieldErrorsFrom(parsed.error.issues));
      const own = await ownQuestionnaire(actor, cycleId);
      if (!own.ok) return own;
      const { cycle, questionnaire } = own.value;
      if (!editable(cycle, questionnaire)) return conflict(LOCKED);
      const [cso] = await db.select().from(organizations).where(eq(organizations.id, parsed.data.organizationId));
      if (!cso || cso.kind !== 'civil_society')
        return invalid('Choose a civil-society organization.', {
          organizationId: ['Choose a civil-society organization.'],
        });
      const values = {
        note: parsed.data.note,
        invitedBy: actor.userId,
        invitedAt: now(),
        revokedAt: null,
        revokedBy: null,
      };
      let [row] = await db
        .insert(contributionInvitations)
        .values({ questionnaireId: questionnaire.id, organizationId: cso.id, ...values })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        // Invited before: a revoked invitation is renewed (conditional on it being revoked); an active one stays as is.
        [row] = await db
          .update(contributionInvitations)
          .set(values)
          .where(
            and(
              eq(contributionInvitations.questionnaireId, questionnaire.id),
              eq(contributionInvitations.organizationId, cso.id),
              isNotNull(contributionInvitations.revokedAt),
            ),
          )
          .returning();
        if (!row) return conflict(`${cso.nameEn} is already invited.`);
      }
      await writeAudit(db, {
        action: 'contribution.invited',
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: 'contribution_invitation',
        subjectId: row.id,
        data: { civilSociety: cso.code, cycleId },
      });
      const state = await organizationName(actor.organizationId);
      await notifyOrganization(
        db,
        cso.id,
        {
          kind: 'contribution.invited',
          link: `/contribute/${cycle.id}/${state?.code ?? ''}`,
          subject: `${state?.nameEn ?? 'A State'} invites you to contribute to its questionnaire`,
          body: `${state?.nameEn ?? 'A State'} invites ${cso.nameEn} to contribute to its questionnaire for ${cycle.name}.`,
          note: parsed.data.note,
          data: { state: state?.nameEn ?? '', cycle: cycle.name },
        },
        ['civil_society_member'],
      );
      return ok({ id: row.id });
    },

    /** Revoking closes the draft to the organization at once; contributions already proposed stay for the State to decide. */
    async revoke(actor: Viewer, cycleId: string, invitationId: string): Promise<Outcome<{ id: string }>> {
      if (!actor || !can(actor, { action: 'contribution.manage' }))
        return forbidden('Only the National Coordinator and the deputy focal point revoke an invitation.');
      const own = await ownQuestionnaire(actor, cycleId);
      if (!own.ok) return own;
      if (!z.uuid().safeParse(invitationId).success) return notFound('This invitation does not exist.');
      // Ownership and state in the query: another State's invitation, or one already revoked, matches nothing.
      const [row] = await db
        .update(contributionInvitations)
        .set({ revokedAt: now(), revokedBy: actor.userId })
        .where(
          and(
            eq(contributionInvitations.id, invitationId),
            eq(contributionInvitations.questionnaireId, own.value.questionnaire.id),
            isNull(contributionInvitations.revokedAt),
          ),
        )
        .returning();
      if (!row) return notFound('This invitation does not exist or is already revoked.');
      await writeAudit(db, {
        action: 'contribution.revoked',
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: 'contribution_invitation',
        subjectId: row.id,
        data: { cycleId },
      });
      return ok({ id: row.id });
    },

    /** The State says by hand whether civil society contributed (e.g. through consultations outside Minka). */
    async setCivilSocietyFlag(
      actor: Viewer,
      cycleId: string,
      value: unknown,
    ): Promise<Outcome<{ civilSocietyContributed: boolean }>> {
      if (!actor || !can(actor, { action: 'contribution.manage' }))
        return forbidden(
          'Only the National Coordinator and the deputy focal point state whether civil society contributed.',
        );
      const parsed = z.boolean('Say yes or no.').safeParse(value);
      if (!parsed.success) return invalid('Say yes or no.');
      const own = await ownQuestionnaire(actor, cycleId);
      if (!own.ok) return own;
      const { cycle, questionnaire } = own.value;
      if (!editable(cycle, questionnaire))
        return conflict('The questionnaire is submitted or its cycle is closed: it cannot be changed.');
      const [row] = await db
        .update(questionnaires)
        .set({ civilSocietyContributed: parsed.data })
        .where(and(eq(questionnaires.id, questionnaire.id), eq(questionnaires.status, 'drafting')))
        .returning();
      if (!row) return conflict('The questionnaire is submitted: it cannot be changed.');
      if (questionnaire.civilSocietyContributed !== parsed.data) {
        await writeAudit(db, {
          action: 'cso_flag.changed',
          actorUserId: actor.userId,
          organizationId: actor.organizationId,
          subjectType: 'questionnaire',
          subjectId: row.id,
          data: { value: parsed.data },
        });
      }
      return ok({ civilSocietyContributed: row.civilSocietyContributed });
    },

    /** A civil-society member's invitations (every State that invited their organization) and their contributions. */
    async mine(actor: Viewer) {
      if (!actor || !can(actor, { action: 'contribution.write' }))
        return forbidden('Only members of a civil-society organization contribute to a State’s draft.');
      const invitationRows = await db
        .select({
          invitation: contributionInvitations,
          questionnaire: questionnaires,
          cycle: reportingCycles,
          state: organizations,
        })
        .from(contributionInvitations)
        .innerJoin(questionnaires, eq(questionnaires.id, contributionInvitations.questionnaireId))
        .innerJoin(reportingCycles, eq(reportingCycles.id, questionnaires.cycleId))
        .innerJoin(organizations, eq(organizations.id, questionnaires.organizationId))
        .where(eq(contributionInvitations.organizationId, actor.organizationId))
        .orderBy(desc(reportingCycles.opensAt), asc(organizations.nameEn));
      const own = await db
        .select({
          contribution: contributions,
          mandate: mandates.number,
          cycleId: questionnaires.cycleId,
          cycleName: reportingCycles.name,
          stateCode: organizations.code,
          stateNameEn: organizations.nameEn,
          stateNameEs: organizations.nameEs,
        })
        .from(contributions)
        .innerJoin(questionnaires, eq(questionnaires.id, contributions.questionnaireId))
        .innerJoin(reportingCycles, eq(reportingCycles.id, questionnaires.cycleId))
        .innerJoin(organizations, eq(organizations.id, questionnaires.organizationId))
        .innerJoin(mandates, eq(mandates.id, contributions.mandateId))
        .where(eq(contributions.organizationId, actor.organizationId))
        .orderBy(desc(contributions.createdAt));
      return ok({
        invitations: invitationRows.map((r) => ({
          id: r.invitation.id,
          cycleId: r.cycle.id,
          cycleName: r.cycle.name,
          stateCode: r.state.code,
          stateNameEn: r.state.nameEn,
          stateNameEs: r.state.nameEs,
          note: r.invitation.note,
          invitedAt: r.invitation.invitedAt,
          revoked: !!r.invitation.revokedAt,
          open: editable(r.cycle, r.questionnaire),
        })),
        contributions: own.map((r) => ({
          id: r.contribution.id,
          cycleId: r.cycleId,
          cycleName: r.cycleName,
          stateCode: r.stateCode,
          stateNameEn: r.stateNameEn,
          stateNameEs: r.stateNameEs,
          mandate: r.mandate,
          indicatorCode: r.contribution.indicatorCode,
          question: r.contribution.question,
          text: r.contribution.text,
          status: r.contribution.status,
          createdAt: r.contribution.createdAt,
          decidedAt: r.contribution.decidedAt,
          decisionNote: r.contribution.decisionNote,
        })),
      });
    },

    /**
     * The invited State's current draft, for a civil-society member: only that questionnaire, only the questions
     * asked of States, and nothing under a non-disclosure request (pending or granted): the State opened its draft
     * for contributions, not its withheld information.
     */
    async draftForContributor(actor: Viewer, cycleId: string, stateCode: string) {
      const access = await invitedAccess(actor, cycleId, stateCode);
      if (!access.ok) return access;
      const { questionnaire, cycle, state, invitation } = access.value;
      // Every request, refused ones included: a refusal still withholds during the State's amendment period.
      const withholdings = await db
        .select()
        .from(disclosureRequests)
        .where(eq(disclosureRequests.questionnaireId, questionnaire.id));
      const rows = await db
        .select({ answer: answers, mandate: mandates.number })
        .from(answers)
        .innerJoin(mandates, eq(mandates.id, answers.mandateId))
        .where(and(eq(answers.questionnaireId, questionnaire.id), inArray(answers.question, STATE_QUESTIONS)))
        .orderBy(asc(mandates.number), asc(answers.question));
      const mandateNumbers = (
        await db
          .select({ number: mandates.number })
          .from(mandates)
          .where(eq(mandates.commitmentId, cycle.commitmentId))
          .orderBy(asc(mandates.number))
      ).map((m) => m.number);
      const visible = rows
        .map((r) => {
          // Carried-over answers come with the previous cycle's withholdings (copied with them), so one check covers both.
          const shown = disclose(r.answer, withholdings, now());
          return shown
            ? {
                mandate: r.mandate,
                indicatorCode: shown.indicatorCode,
                question: shown.question,
                progress: shown.progress,
                summary: shown.summary,
                full: shown.full,
                updatedAt: shown.updatedAt,
              }
            : null;
        })
        .filter((a): a is NonNullable<typeof a> => a !== null);
      const mineHere = await db
        .select({ contribution: contributions, mandate: mandates.number })
        .from(contributions)
        .innerJoin(mandates, eq(mandates.id, contributions.mandateId))
        .where(
          and(
            eq(contributions.questionnaireId, questionnaire.id),
            eq(contributions.organizationId, actor!.organizationId),
          ),
        )
        .orderBy(desc(contributions.createdAt));
      return ok({
        cycle: { id: cycle.id, name: cycle.name, closesAt: cycle.closesAt, timeZone: cycle.timeZone },
        state: { code: state.code, nameEn: state.nameEn, nameEs: state.nameEs },
        note: invitation.note,
        questions: STATE_QUESTIONS,
        mandates: mandateNumbers,
        answers: visible,
        contributions: mineHere.map((r) => ({
          id: r.contribution.id,
          mandate: r.mandate,
          indicatorCode: r.contribution.indicatorCode,
          question: r.contribution.question,
          text: r.contribution.text,
          status: r.contribution.status,
          createdAt: r.contribution.createdAt,
          decisionNote: r.contribution.decisionNote,
        })),
      });
    },

    async propose(
      actor: Viewer,
      cycleId: string,
      stateCode: string,
      input: unknown,
    ): Promise<Outcome<ContributionRow>> {
      const access = await invitedAccess(actor, cycleId, stateCode);
      if (!access.ok) return access;
      const parsed = proposalSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was sent.', fieldErrorsFrom(parsed.error.issues));
      const { questionnaire, cycle, state } = access.value;
      const p = parsed.data;
      const [mandate] = await db
        .select()
        .from(mandates)
        .where(and(eq(mandates.commitmentId, cycle.commitmentId), eq(mandates.number, p.mandate)));
      if (!mandate)
        return invalid(`Mandate ${p.mandate} is not in this commitment.`, { mandate: ['Unknown mandate.'] });
      const member = actor!;
      const [row] = await db
        .insert(contributions)
        .values({
          questionnaireId: questionnaire.id,
          organizationId: member.organizationId,
          mandateId: mandate.id,
          indicatorCode: p.indicator,
          question: p.question,
          text: p.text,
          createdBy: member.userId,
          createdAt: now(),
        })
        .returning();
      await writeAudit(db, {
        action: 'contribution.proposed',
        actorUserId: member.userId,
        organizationId: member.organizationId,
        subjectType: 'contribution',
        subjectId: row.id,
        data: { state: state.code, cycleId, mandate: p.mandate, question: p.question },
      });
      const cso = await organizationName(member.organizationId);
      await notifyOrganization(db, state.id, {
        kind: 'contribution.proposed',
        link: `/questionnaire/${cycle.id}/contributions`,
        subject: `${cso?.nameEn ?? 'A civil-society organization'} proposed a contribution`,
        body: `${cso?.nameEn ?? 'A civil-society organization'} proposed a contribution to mandate ${p.mandate}, ${p.question}, of your questionnaire for ${cycle.name}. Accept it or leave it out.`,
        data: { organization: cso?.nameEn ?? '', mandate: p.mandate, question: p.question },
      });
      return ok(row);
    },

    /** Withdraws a contribution not yet decided; ownership and status are in the query. */
    async withdraw(actor: Viewer, contributionId: string): Promise<Outcome<{ id: string }>> {
      if (!actor || !can(actor, { action: 'contribution.write' }))
        return forbidden('Only members of a civil-society organization contribute to a State’s draft.');
      if (!z.uuid().safeParse(contributionId).success) return notFound('This contribution does not exist.');
      const [row] = await db
        .delete(contributions)
        .where(
          and(
            eq(contributions.id, contributionId),
            eq(contributions.organizationId, actor.organizationId),
            eq(contributions.status, 'proposed'),
          ),
        )
        .returning({ id: contributions.id });
      if (!row) return conflict('This contribution does not exist or the State already decided on it.');
      await writeAudit(db, {
        action: 'contribution.withdrawn',
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: 'contribution',
        subjectId: row.id,
      });
      return ok(row);
    },

    /** The State's review list: every contribution to its questionnaire with the current answer beside it. */
    async forState(actor: Viewer, cycleId: string) {
      if (!actor || !can(actor, { action: 'contribution.review' }))
        return forbidden('Only a State’s focal points and delegates review civil-society contributions.');
      const own = await ownQuestionnaire(actor, cycleId);
      if (!own.ok) return own;
      const { cycle, questionnaire } = own.value;
      const rows = await db
        .select({
          contribution: contributions,
          mandate: mandates.number,
          csoNameEn: organizations.nameEn,
          csoNameEs: organizations.nameEs,
        })
        .from(contributions)
        .innerJoin(mandates, eq(mandates.id, contributions.mandateId))
        .innerJoin(organizations, eq(organizations.id, contributions.organizationId))
        .where(eq(contributions.questionnaireId, questionnaire.id))
        .orderBy(asc(mandates.number), asc(contributions.question), asc(contributions.createdAt));
      const current = await db.select().from(answers).where(eq(answers.questionnaireId, questionnaire.id));
      const answerOf = (c: ContributionRow) =>
        current.find(
          (a) => a.mandateId === c.mandateId && a.indicatorCode === c.indicatorCode && a.question === c.question,
        );
      return ok({
        cycle: { id: cycle.id, name: cycle.name },
        editable: editable(cycle, questionnaire),
        civilSocietyContributed: questionnaire.civilSocietyContributed,
        contributions: rows.map((r) => {
          const a = answerOf(r.contribution);
          return {
            id: r.contribution.id,
            mandate: r.mandate,
            indicatorCode: r.contribution.indicatorCode,
            question: r.contribution.question,
            text: r.contribution.text,
            status: r.contribution.status,
            createdAt: r.contribution.createdAt,
            decidedAt: r.contribution.decidedAt,
            decisionNote: r.contribution.decisionNote,
            acceptedIntoVersion: r.contribution.acceptedIntoVersion,
            csoNameEn: r.csoNameEn,
            csoNameEs: r.csoNameEs,
            answer: a ? { id: a.id, version: a.version, progress: a.progress, summary: a.summary, full: a.full } : null,
          };
        }),
      });
    },

    /**
     * Accepts a contribution: its text is appended, attributed, to the answer's full text as a new version through
     * the registration service (so versions, history and the Q4 → request link behave as for any save).
     *
     * The contribution is claimed first (`where status = 'proposed'`), so of two people accepting at once only one
     * writes the answer; if the save then fails, the claim is released. If someone saves the answer meanwhile, the
     * append is retried from their fresh version: appending loses nothing of theirs or of the contribution.
     */
    async accept(
      actor: Viewer,
      cycleId: string,
      contributionId: string,
      noteInput?: unknown,
      options: { lang?: 'en' | 'es' } = {},
    ): Promise<Outcome<{ contribution: ContributionRow; version: number }>> {
      const ready = await decidable(actor, cycleId, contributionId, noteInput);
      if (!ready.ok) return ready;
      const { contribution, questionnaire, note, reviewer } = ready.value;
      const [claimed] = await db
        .update(contributions)
        .set({ status: 'accepted', decidedBy: reviewer.userId, decidedAt: now(), decisionNote: note })
        .where(
          and(
            eq(contributions.id, contribution.id),
            eq(contributions.questionnaireId, questionnaire.id),
            eq(contributions.status, 'proposed'),
          ),
        )
        .returning();
      if (!claimed) return conflict('This contribution was already decided.');
      const release = () =>
        db
          .update(contributions)
          .set({ status: 'proposed', decidedBy: null, decidedAt: null, decisionNote: null })
          .where(
            and(
              eq(contributions.id, contribution.id),
              eq(contributions.status, 'accepted'),
              isNull(contributions.acceptedIntoVersion),
            ),
          );
      const [mandate] = await db
        .select({ number: mandates.number })
        .from(mandates)
        .where(eq(mandates.id, contribution.mandateId));
      const cso = await organizationName(contribution.organizationId);
      // The attribution joins the State's own text, so it is written in the language of the person accepting it.
      const attributed =
        options.lang === 'es'
          ? `Contribución de ${cso?.nameEs ?? 'la sociedad civil'}: ${contribution.text}`
          : `Contribution from ${cso?.nameEn ?? 'civil society'}: ${contribution.text}`;
      let saved: { version: number } | null = null;
      let failure: string | null = null;
      for (let attempt = 0; attempt < ACCEPT_ATTEMPTS && !saved && !failure; attempt++) {
        const [current] = await db
          .select()
          .from(answers)
          .where(
            and(
              eq(answers.questionnaireId, questionnaire.id),
              eq(answers.mandateId, contribution.mandateId),
              eq(answers.indicatorCode, contribution.indicatorCode),
              eq(answers.question, contribution.question),
            ),
          );
        if (contribution.question === 'Q1' && !current?.progress) {
          failure = 'Give Q1 its progress level (A, B, C or D) before accepting a contribution to it.';
          break;
        }
        const full = current?.full.trim() ? `${current.full.trimEnd()}\n\n${attributed}` : attributed;
        if (full.length > ANSWER_FULL_MAX) {
          failure = `With this contribution the full answer would pass ${ANSWER_FULL_MAX.toLocaleString('en')} characters: shorten the answer first.`;
          break;
        }
        const result = await registration.saveAnswer(reviewer, cycleId, {
          mandate: mandate.number,
          indicator: contribution.indicatorCode,
          question: contribution.question,
          ...(contribution.question === 'Q1' ? { progress: current?.progress } : {}),
          summary: current?.summary ?? '',
          full,
          assistanceTypes: current?.assistanceTypes ?? [],
          baseVersion: current?.version ?? 0,
        });
        if (result.ok) saved = { version: result.value.version };
        else if (!('theirs' in result)) failure = result.message; // a version conflict is retried from the fresh version
      }
      if (!saved) {
        await release();
        return conflict(
          failure ?? 'The answer kept changing while the contribution was being added. Nothing was lost: try again.',
        );
      }
      const [done] = await db
        .update(contributions)
        .set({ acceptedIntoVersion: saved.version })
        .where(eq(contributions.id, contribution.id))
        .returning();
      await db
        .update(questionnaires)
        .set({ civilSocietyContributed: true })
        .where(eq(questionnaires.id, questionnaire.id));
      await writeAudit(db, {
        action: 'contribution.accepted',
        actorUserId: reviewer.userId,
        organizationId: reviewer.organizationId,
        subjectType: 'contribution',
        subjectId: done.id,
        data: { version: saved.version },
      });
      const state = await organizationName(reviewer.organizationId);
      await notifyDecision(done, state?.nameEn ?? 'The State', 'accepted');
      return ok({ contribution: done, version: saved.version });
    },

    /** Leaves a contribution out, with an optional note for the organization. Its text never enters the answer. */
    async leaveOut(
      actor: Viewer,
      cycleId: string,
      contributionId: string,
      noteInput?: unknown,
    ): Promise<Outcome<ContributionRow>> {
      const ready = await decidable(actor, cycleId, contributionId, noteInput);
      if (!ready.ok) return ready;
      const { contribution, questionnaire, note, reviewer } = ready.value;
      const [row] = await db
        .update(contributions)
        .set({ status: 'left_out', decidedBy: reviewer.userId, decidedAt: now(), decisionNote: note })
        .where(
          and(
            eq(contributions.id, contribution.id),
            eq(contributions.questionnaireId, questionnaire.id),
            eq(contributions.status, 'proposed'),
          ),
        )
        .returning();
      if (!row) return conflict('This contribution was already decided.');
      await writeAudit(db, {
        action: 'contribution.left_out',
        actorUserId: reviewer.userId,
        organizationId: reviewer.organizationId,
        subjectType: 'contribution',
        subjectId: row.id,
      });
      const state = await organizationName(reviewer.organizationId);
      await notifyDecision(row, state?.nameEn ?? 'The State', 'left_out');
      return ok(row);
    },

    /**
     * Public: whether civil society contributed to a State's questionnaire, for a published cycle only, a yes/no and
     * nothing else (never the contributions). Nothing is said of a questionnaire that published no answer or that
     * the State asked to withhold as a whole.
     */
    async publicFlag(cycleId: string, organizationCode: string): Promise<boolean> {
      if (!z.uuid().safeParse(cycleId).success) return false;
      const [row] = await db
        .select({ questionnaire: questionnaires, publishedAt: reportingCycles.publishedAt, kind: organizations.kind })
        .from(questionnaires)
        .innerJoin(reportingCycles, eq(reportingCycles.id, questionnaires.cycleId))
        .innerJoin(organizations, eq(organizations.id, questionnaires.organizationId))
        .where(and(eq(questionnaires.cycleId, cycleId), eq(organizations.code, organizationCode)));
      if (!row?.publishedAt || row.kind !== 'state' || !row.questionnaire.civilSocietyContributed) return false;
      const [published] = await db
        .select({ id: publishedAnswers.id })
        .from(publishedAnswers)
        .where(
          and(
            eq(publishedAnswers.cycleId, cycleId),
            eq(publishedAnswers.organizationId, row.questionnaire.organizationId),
          ),
        )
        .limit(1);
      if (!published) return false;
      const wholeRequests = await db
        .select()
        .from(disclosureRequests)
        .where(
          and(
            eq(disclosureRequests.questionnaireId, row.questionnaire.id),
            eq(disclosureRequests.scope, 'questionnaire'),
          ),
        );
      return !wholeRequests.some((r) => withholds(r, now()));
    },

    /** For the Secretariat's view of one organization's questionnaire: invitations and counts, never the texts. */
    async summaryForSecretariat(actor: Viewer, questionnaireId: string | null) {
      if (!actor || !isSecretariat(actor)) return forbidden('Only the Summits Secretariat sees this summary.');
      if (!questionnaireId) return ok({ invitations: [], counts: { proposed: 0, accepted: 0, leftOut: 0 } });
      const invitations = await db
        .select({
          nameEn: organizations.nameEn,
          nameEs: organizations.nameEs,
          invitedAt: contributionInvitations.invitedAt,
          revokedAt: contributionInvitations.revokedAt,
        })
        .from(contributionInvitations)
        .innerJoin(organizations, eq(organizations.id, contributionInvitations.organizationId))
        .where(eq(contributionInvitations.questionnaireId, questionnaireId))
        .orderBy(asc(organizations.nameEn));
      const counts = await db
        .select({ status: contributions.status, n: count() })
        .from(contributions)
        .where(eq(contributions.questionnaireId, questionnaireId))
        .groupBy(contributions.status);
      const by = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
      return ok({
        invitations,
        counts: { proposed: by('proposed'), accepted: by('accepted'), leftOut: by('left_out') },
      });
    },
  };

  /** Common checks of accept and leave out: a reviewer of the State whose questionnaire it is, still editable. */
  async function decidable(actor: Viewer, cycleId: string, contributionId: string, noteInput: unknown) {
    if (!actor || !can(actor, { action: 'contribution.review' }))
      return forbidden('Only a State’s focal points and delegates decide on civil-society contributions.');
    const note = noteSchema.safeParse(noteInput ?? undefined);
    if (!note.success) return invalid(note.error.issues[0].message, { note: note.error.issues.map((i) => i.message) });
    const own = await ownQuestionnaire(actor, cycleId);
    if (!own.ok) return own;
    const { cycle, questionnaire } = own.value;
    if (!z.uuid().safeParse(contributionId).success) return notFound('This contribution does not exist.');
    const [contribution] = await db.select().from(contributions).where(eq(contributions.id, contributionId));
    // A contribution to another State's questionnaire (or another cycle) is not this reviewer's to see or decide.
    if (!contribution || contribution.questionnaireId !== questionnaire.id)
      return notFound('This contribution is not one of your questionnaire’s.');
    if (contribution.status !== 'proposed') return conflict('This contribution was already decided.');
    if (!editable(cycle, questionnaire)) return conflict(LOCKED);
    return ok({ contribution, questionnaire, note: note.data, reviewer: actor });
  }

  return service;
}
