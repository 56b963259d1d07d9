import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import type { DomainEventBus } from '../events';
import {
  INITIATIVE_WITHHOLDABLE_PARTS,
  initiativeFunding,
  initiativeOutcomeDocuments,
  initiativeOutcomes,
  initiativeParticipants,
  initiatives,
  initiativeWithholdings,
  type InitiativeWithholdablePart,
  type InitiativeWithholdingRow,
} from '../../db/schema';
import type { Viewer } from '../actor';
import { writeAudit, type Executor } from '../audit/audit.server';
import { notifyOrganization, notifySecretariat } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import { cleanText } from '../text';
import { scopeCondition, type InitiativeScope } from './initiatives.server';
import { INITIATIVE_TEXT_LIMITS } from './limits';

/*
 * A participant asks that a part of an initiative not be published (issue 19, decision 019 amended; the rules of
 * non-disclosure, decision 008): an outcome (its whole series: every version and correction), one outcome document,
 * or one funding record. A pending request withholds at once (the safe default until the Secretariat decides); the
 * Secretariat grants or refuses it; a refused one withholds nothing. Every public read (page, feed, export, API,
 * document download) asks `withheldIds` at read time, so a grant takes effect at once and a refusal too.
 */

/** Statuses that keep a part off every public path. */
const WITHHOLDING: Array<InitiativeWithholdingRow['status']> = ['pending', 'granted'];
const REASON_MAX = INITIATIVE_TEXT_LIMITS.withholdingReason;

/** The ids of the given parts that are withheld now (pending or granted). */
export async function withheldIds(
  executor: Executor,
  part: InitiativeWithholdablePart,
  ids: readonly string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await executor
    .select({ id: initiativeWithholdings.partId })
    .from(initiativeWithholdings)
    .where(
      and(
        eq(initiativeWithholdings.part, part),
        inArray(initiativeWithholdings.partId, [...ids]),
        inArray(initiativeWithholdings.status, WITHHOLDING),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

const askSchema = z.object({
  part: z.enum(INITIATIVE_WITHHOLDABLE_PARTS, 'Choose the part not to publish: an outcome, a document or funding.'),
  partId: z.uuid('Choose the part not to publish.'),
  reason: z.preprocess(
    (v) => (typeof v === 'string' ? cleanText(v) : v),
    z
      .string('Say why this part should not be published.')
      .trim()
      .min(10, 'Say why this part should not be published (at least 10 characters).')
      .max(REASON_MAX, `Keep the reason under ${REASON_MAX.toLocaleString('en')} characters.`),
  ),
});

const decideSchema = z.object({
  decision: z.enum(['grant', 'refuse'], 'Grant or refuse the request.'),
  note: z.preprocess(
    (v) => (typeof v === 'string' ? cleanText(v).trim() || undefined : v),
    z
      .string()
      .max(REASON_MAX, `Keep the note under ${REASON_MAX.toLocaleString('en')} characters.`)
      .optional(),
  ),
});

interface Deps {
  db: Database;
  now: () => Date;
  /** Told after a request or decision, so public pages kept in memory (the page cache, on every node) are dropped. */
  events?: DomainEventBus;
}

export type InitiativeWithholdingsService = ReturnType<typeof createInitiativeWithholdingsService>;

export function createInitiativeWithholdingsService({ db, now, events }: Deps) {
  async function participantIdsOf(initiativeId: string): Promise<string[]> {
    const rows = await db
      .select({ id: initiativeParticipants.organizationId })
      .from(initiativeParticipants)
      .where(eq(initiativeParticipants.initiativeId, initiativeId));
    return rows.map((r) => r.id);
  }

  /** The part belongs to this initiative (an outcome is named by any of its versions' series). */
  async function partBelongs(initiativeId: string, part: InitiativeWithholdablePart, partId: string) {
    if (part === 'outcome') {
      const [found] = await db
        .select({ one: initiativeOutcomes.id })
        .from(initiativeOutcomes)
        .where(and(eq(initiativeOutcomes.initiativeId, initiativeId), eq(initiativeOutcomes.seriesId, partId)))
        .limit(1);
      return !!found;
    }
    if (part === 'document') {
      const [found] = await db
        .select({ one: initiativeOutcomeDocuments.id })
        .from(initiativeOutcomeDocuments)
        .innerJoin(initiativeOutcomes, eq(initiativeOutcomes.id, initiativeOutcomeDocuments.outcomeId))
        .where(and(eq(initiativeOutcomes.initiativeId, initiativeId), eq(initiativeOutcomeDocuments.id, partId)));
      return !!found;
    }
    const [found] = await db
      .select({ one: initiativeFunding.id })
      .from(initiativeFunding)
      .where(and(eq(initiativeFunding.initiativeId, initiativeId), eq(initiativeFunding.id, partId)));
    return !!found;
  }

  return {
    /** The requests on an initiative: the Secretariat sees all, a participant's members their organization's own. */
    async list(viewer: Viewer, initiativeId: string): Promise<InitiativeWithholdingRow[]> {
      if (!viewer || !z.uuid().safeParse(initiativeId).success) return [];
      const participantOrganizationIds = await participantIdsOf(initiativeId);
      if (!can(viewer, { action: 'initiative.view_record', participantOrganizationIds })) return [];
      const rows = await db
        .select()
        .from(initiativeWithholdings)
        .where(eq(initiativeWithholdings.initiativeId, initiativeId))
        .orderBy(asc(initiativeWithholdings.requestedAt));
      return can(viewer, { action: 'initiative.record' })
        ? rows
        : rows.filter((r) => r.organizationId === viewer.organizationId);
    },

    /** A participant's focal point asks that a part not be published; it is withheld from now until a refusal. */
    async ask(actor: Viewer, initiativeId: string, input: unknown): Promise<Outcome<InitiativeWithholdingRow>> {
      if (!z.uuid().safeParse(initiativeId).success) return notFound('This initiative does not exist.');
      const [initiative] = await db.select().from(initiatives).where(eq(initiatives.id, initiativeId));
      if (!initiative) return notFound('This initiative does not exist.');
      const participantOrganizationIds = await participantIdsOf(initiativeId);
      if (!can(actor, { action: 'initiative.view_record', participantOrganizationIds }))
        return notFound('This initiative does not exist.');
      if (!can(actor, { action: 'initiative.participate', participantOrganizationIds }))
        return forbidden('Only a focal point of a participant organization asks that a part not be published.');
      const parsed = askSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      const { part, partId, reason } = parsed.data;
      // A part of another initiative is not found here, as with every action scoped to an initiative (outside probe).
      if (!(await partBelongs(initiativeId, part, partId))) return notFound('This part is not in this initiative.');
      const created = await db.transaction(async (tx) => {
        // One open request per part: a second would change nothing (it is already withheld).
        const [open] = await tx
          .select({ id: initiativeWithholdings.id })
          .from(initiativeWithholdings)
          .where(
            and(
              eq(initiativeWithholdings.part, part),
              eq(initiativeWithholdings.partId, partId),
              inArray(initiativeWithholdings.status, WITHHOLDING),
            ),
          )
          .for('update');
        if (open) return null;
        const [r] = await tx
          .insert(initiativeWithholdings)
          .values({
            initiativeId,
            part,
            partId,
            organizationId: actor!.organizationId,
            reason,
            requestedBy: actor!.userId,
            requestedAt: now(),
          })
          .returning();
        await writeAudit(tx, {
          action: 'initiative.withholding_requested',
          actorUserId: actor!.userId,
          organizationId: actor!.organizationId,
          subjectType: 'initiative',
          subjectId: initiativeId,
          data: { withholdingId: r.id, part, partId },
          ip: actor!.ip,
        });
        await notifySecretariat(tx, {
          kind: 'initiative.withholding_requested',
          link: `/admin/initiatives/${initiativeId}`,
          subject: 'A participant asked that part of a cooperation initiative not be published',
          body: `A participant asked that part of the initiative "${initiative.title}" not be published. It is withheld until you decide.`,
          data: { title: initiative.title },
        });
        return r;
      });
      if (!created) return conflict('This part is already withheld or waiting for a decision.');
      events?.emit('results.changed', { reason: 'disclosure_requested' });
      return ok(created);
    },

    /** The Secretariat grants (the part stays unpublished) or refuses (it is public again when published). */
    async decide(
      actor: Viewer,
      withholdingId: string,
      input: unknown,
      scope: InitiativeScope = {},
    ): Promise<Outcome<InitiativeWithholdingRow>> {
      if (!can(actor, { action: 'initiative.record' }))
        return forbidden('Only the Summits Secretariat decides whether a part is published.');
      // A request on another initiative than the page's is not found (the scope, in every query that finds it).
      const within = scopeCondition(initiativeWithholdings.initiativeId, scope);
      if (within === null || !z.uuid().safeParse(withholdingId).success)
        return notFound('This request does not exist.');
      const parsed = decideSchema.safeParse(input);
      if (!parsed.success)
        return invalid('Check the highlighted fields. Nothing was saved.', fieldErrorsFrom(parsed.error.issues));
      const status = parsed.data.decision === 'grant' ? 'granted' : 'refused';
      const decided = await db.transaction(async (tx) => {
        const [r] = await tx
          .update(initiativeWithholdings)
          .set({ status, decidedBy: actor!.userId, decidedAt: now(), decisionNote: parsed.data.note ?? null })
          .where(
            and(eq(initiativeWithholdings.id, withholdingId), eq(initiativeWithholdings.status, 'pending'), within),
          )
          .returning();
        if (!r) return null;
        await writeAudit(tx, {
          action: `initiative.withholding_${status}`,
          actorUserId: actor!.userId,
          organizationId: r.organizationId,
          subjectType: 'initiative',
          subjectId: r.initiativeId,
          data: { withholdingId: r.id, part: r.part, partId: r.partId },
          ip: actor!.ip,
        });
        await notifyOrganization(tx, r.organizationId, {
          kind: 'initiative.withholding_decided',
          link: `/initiatives/${r.initiativeId}`,
          subject:
            status === 'granted'
              ? 'The Secretariat agreed not to publish part of a cooperation initiative'
              : 'The Secretariat refused to withhold part of a cooperation initiative',
          body:
            status === 'granted'
              ? 'The part of the initiative you asked about will not be published.'
              : 'The part of the initiative you asked about can be published. Read the Secretariat’s note on the initiative’s page.',
        });
        return r;
      });
      if (!decided) {
        const [exists] = await db
          .select({ id: initiativeWithholdings.id })
          .from(initiativeWithholdings)
          .where(and(eq(initiativeWithholdings.id, withholdingId), within));
        return exists ? conflict('This request was already decided.') : notFound('This request does not exist.');
      }
      events?.emit('results.changed', { reason: 'disclosure_decided' });
      return ok(decided);
    },
  };
}
