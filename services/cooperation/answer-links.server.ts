import { and, eq, inArray, isNotNull, ne, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  answers,
  assistanceRequests,
  cooperationOffers,
  disclosureRequests,
  mandates,
  offerMandates,
  questionnaires,
  requestMandates,
  type AnswerRow,
  type AssistanceTypeValue,
  type DisclosureRequestRow,
  type PendingAnswerUpdate,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit, type Executor } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { notifyOrganization } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Failure, type Outcome } from '../outcome';
import { can } from '../permissions';
import { disclose } from '../registration/publication.server';
import { cooperationFields, MAX_DESCRIPTION } from './common.server';

/**
 * Requests and offers drafted from questionnaire answers (decision 014): a State's Q4 (assistance needed) becomes a
 * draft assistance request, a JSWG organization's Q7 (cooperation offered) a draft offer, linked back by
 * `source_answer_id`. Only what the organization's non-disclosure requests leave visible is ever copied (disclose(),
 * read-only: a pending request withholds as a granted one does). Once the item has left draft it owns its text:
 * answer edits wait as a pending update the organization confirms or ignores. When an answer becomes withheld,
 * a published item made from it is taken back to a state that needs the organization's confirmation.
 */

export type LinkKind = 'request' | 'offer';

/** What of the source answer is withheld, and why (the non-disclosure requests that cover it). */
export interface WithheldInfo {
  /** The whole answer (its questionnaire, mandate or question is withheld), or some of its fields. */
  whole: boolean;
  fields: Array<'summary' | 'full'>;
  /** A request still waiting for the Chair's decision withholds all the same. */
  pending: boolean;
  /** Only refused requests cover it: withheld during the amendment period, or for good once the content was withdrawn. */
  refused: boolean;
  /** The latest covering request: an item published in the organization's own words before it is held again. */
  since: Date;
  letterReferences: string[];
}

export interface SourceState {
  answer: AnswerRow;
  organizationId: string;
  cycleId: string;
  mandateNumber: number;
  /** The answer as others may read it (withheld fields emptied), or null when the whole answer is withheld. */
  disclosed: AnswerRow | null;
  withheld: WithheldInfo | null;
}

/** The source answers of linked items, each with what non-disclosure withholds of it today. */
export async function sourcesOf(
  db: Executor | Database,
  answerIds: Array<string | null | undefined>,
  now: Date,
): Promise<Map<string, SourceState>> {
  const ids = [...new Set(answerIds.filter((id): id is string => !!id))];
  const result = new Map<string, SourceState>();
  if (!ids.length) return result;
  const rows = await db
    .select({
      answer: answers,
      organizationId: questionnaires.organizationId,
      cycleId: questionnaires.cycleId,
      mandateNumber: mandates.number,
    })
    .from(answers)
    .innerJoin(questionnaires, eq(questionnaires.id, answers.questionnaireId))
    .innerJoin(mandates, eq(mandates.id, answers.mandateId))
    .where(inArray(answers.id, ids));
  const questionnaireIds = [...new Set(rows.map((r) => r.answer.questionnaireId))];
  // Every request, refused ones included: disclose() decides (a refusal still withholds during the amendment period).
  const requests = questionnaireIds.length
    ? await db.select().from(disclosureRequests).where(inArray(disclosureRequests.questionnaireId, questionnaireIds))
    : [];
  for (const r of rows) {
    const own = requests.filter((q) => q.questionnaireId === r.answer.questionnaireId);
    // A request covers the answer when disclose() with it alone changes something (a field request empties a field).
    const covering = own.filter((q) => disclose(r.answer, [q], now) !== r.answer);
    const disclosed = disclose(r.answer, own, now);
    result.set(r.answer.id, {
      answer: r.answer,
      organizationId: r.organizationId,
      cycleId: r.cycleId,
      mandateNumber: r.mandateNumber,
      disclosed,
      withheld: covering.length ? withheldInfo(disclosed, covering) : null,
    });
  }
  return result;
}

function withheldInfo(disclosed: AnswerRow | null, covering: DisclosureRequestRow[]): WithheldInfo {
  const named = covering.flatMap((q): Array<'summary' | 'full'> =>
    q.scope === 'field' && (q.field === 'summary' || q.field === 'full') ? [q.field] : [],
  );
  const fields: Array<'summary' | 'full'> = disclosed ? [...new Set(named)] : ['summary', 'full'];
  return {
    whole: disclosed === null,
    fields,
    pending: covering.some((q) => q.decision === 'pending'),
    refused: covering.every((q) => q.decision === 'refused'),
    since: new Date(Math.max(...covering.map((q) => q.requestedAt.getTime()))),
    letterReferences: covering.map((q) => q.letterReference),
  };
}

/** The text an item gets from its answer: only the disclosed fields. */
export function deriveText(
  kind: LinkKind,
  source: SourceState,
): { title: string; description: string; types: AssistanceTypeValue[] } {
  const shown = source.disclosed;
  const summary = shown?.summary.trim() ?? '';
  const full = shown?.full.trim() ?? '';
  const fallback = kind === 'request' ? 'technical assistance needed' : 'cooperation offered';
  const types = source.answer.assistanceTypes as AssistanceTypeValue[];
  return {
    title: `Mandate ${source.mandateNumber}: ${summary.slice(0, 150) || fallback}`,
    description: (full || summary).slice(0, MAX_DESCRIPTION),
    // Q7 carries no assistance types: the offer starts as "other" and the organization chooses before publishing.
    types: types.length ? types : ['other'],
  };
}

const normalize = (text: string) => text.toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();

/**
 * Whether a text repeats what is withheld: a withheld field as a whole, or any of its sentences of 20 characters or
 * more. The organization writes what may be shown in its own words; copying the withheld answer back is refused.
 */
export function repeatsWithheld(text: string, source: SourceState): boolean {
  if (!source.withheld) return false;
  const fields = source.withheld.whole ? (['summary', 'full'] as const) : source.withheld.fields;
  const haystack = normalize(text);
  for (const field of fields) {
    const value = normalize(source.answer[field]);
    if (!value) continue;
    if (haystack.includes(value)) return true;
    const sentences = value
      .split(/(?<=[.!?;:])\s+|\n+/)
      .map((s) => s.trim())
      .filter((s) => s.length >= 20);
    if (sentences.some((s) => haystack.includes(s))) return true;
  }
  return false;
}

/** The item's own text stands when the organization wrote it after the latest withholding covering its answer. */
export function ownTextCovers(item: { ownTextAt: Date | null }, source: SourceState | undefined): boolean {
  return !source?.withheld || (!!item.ownTextAt && item.ownTextAt.getTime() >= source.withheld.since.getTime());
}

/**
 * What others (anyone but the item's own organization) may read of an item whose answer became withheld since its
 * text was written, whether or not the reconciliation after the non-disclosure request has run yet: a published
 * item is no longer published for them (`hide`), and text that repeats the withheld answer is replaced by what may
 * be shown of it.
 */
export function guardForOthers<
  T extends { title: string; description: string; ownTextAt: Date | null; sourceAnswerId: string | null },
>(kind: LinkKind, item: T, sources: Map<string, SourceState>): { item: T; hide: boolean } {
  const source = item.sourceAnswerId ? sources.get(item.sourceAnswerId) : undefined;
  if (!source || ownTextCovers(item, source)) return { item, hide: false };
  if (!repeatsWithheld(item.title, source) && !repeatsWithheld(item.description, source)) return { item, hide: true };
  const derived = deriveText(kind, source);
  return { item: { ...item, title: derived.title, description: derived.description }, hide: true };
}

/** Publishing an item whose answer is withheld: the organization's own words, checked against the withheld text. */
export const ownTextSchema = z.object({ title: cooperationFields.title, description: cooperationFields.description });

export const WITHHELD_PUBLISH_MESSAGE =
  'The answer this comes from is withheld at your request. Write what may be shown, in your own words, then publish.';
const REPEATS_MESSAGE = 'This repeats text you asked to withhold. Write what may be shown instead.';

/** Validates the text given to publish an item whose answer is withheld; null when it may be published. */
export function checkOwnText(
  input: unknown,
  source: SourceState,
): { failure: Failure } | { text: { title: string; description: string } } {
  const parsed = ownTextSchema.safeParse(input ?? {});
  if (!parsed.success) return { failure: invalid(WITHHELD_PUBLISH_MESSAGE, fieldErrorsFrom(parsed.error.issues)) };
  const repeated = withheldRepeatedIn(source, parsed.data);
  return repeated ? { failure: repeated } : { text: parsed.data };
}

/** An edit of an item whose answer is withheld: refused, with the fields named, when it repeats the withheld text. */
export function withheldRepeatedIn(
  source: SourceState | undefined,
  text: { title: string; description: string },
): Failure | null {
  if (!source?.withheld) return null;
  const errors: Record<string, string[]> = {};
  if (repeatsWithheld(text.title, source)) errors.title = [REPEATS_MESSAGE];
  if (repeatsWithheld(text.description, source)) errors.description = [REPEATS_MESSAGE];
  return Object.keys(errors).length ? invalid(REPEATS_MESSAGE, errors) : null;
}

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
}

type ItemRow = typeof assistanceRequests.$inferSelect | typeof cooperationOffers.$inferSelect;

const tableOf = (kind: LinkKind) => (kind === 'request' ? assistanceRequests : cooperationOffers);
const isPublished = (kind: LinkKind, row: ItemRow) =>
  kind === 'request' ? !!row.publishedAt : (row as typeof cooperationOffers.$inferSelect).status === 'published';
/** Left draft: published once (still published, or held back after its answer became withheld). */
const leftDraft = (kind: LinkKind, row: ItemRow) => isPublished(kind, row) || !!row.heldAt;
/** Still open to changes of its text (a brokered, matched or withdrawn request has a life of its own). */
const changeable = (kind: LinkKind, row: ItemRow) =>
  kind === 'request' ? row.status === 'open' : row.status !== 'withdrawn';
const sameText = (
  a: { title: string; description: string; types: readonly string[] },
  b: { title: string; description: string; types: readonly string[] },
) => a.title === b.title && a.description === b.description && a.types.join() === b.types.join();

/**
 * Keeps an answer's linked item in step with it (called after every save of a Q4 or Q7 answer):
 * - no item yet: a draft is created when the answer gives a usable description (30 characters), with only the
 *   disclosed text (a withheld answer gives a draft with an empty description and the notice on its page);
 * - a draft: updated in place, with the disclosed text only;
 * - published (or held): the new text waits as a pending update for the organization to confirm or ignore.
 */
export async function syncFromAnswer({ db, events, now }: Deps, actor: Actor, answer: AnswerRow): Promise<void> {
  const kind: LinkKind | null =
    answer.question === 'Q4' && actor.organizationKind === 'state' && answer.assistanceTypes.length > 0
      ? 'request'
      : answer.question === 'Q7' && actor.organizationKind === 'jswg'
        ? 'offer'
        : null;
  if (!kind) return;
  const source = (await sourcesOf(db, [answer.id], now())).get(answer.id);
  if (!source) return;
  const derived = deriveText(kind, source);
  const table = tableOf(kind);
  const [existing] = (await db.select().from(table).where(eq(table.sourceAnswerId, answer.id))) as ItemRow[];
  if (!existing) {
    // Whether the answer is usable is judged on its whole text; only the disclosed part is copied.
    if ((answer.full.trim() || answer.summary.trim()).length < 30) return;
    const id = await db.transaction(async (tx) => {
      const common = {
        organizationId: actor.organizationId,
        title: derived.title,
        description: derived.description,
        types: derived.types,
        languages: ['es', 'en'],
        modality: 'either' as const,
        sourceAnswerId: answer.id,
        createdBy: actor.userId,
      };
      const [created] =
        kind === 'request'
          ? await tx.insert(assistanceRequests).values(common).returning({ id: assistanceRequests.id })
          : await tx
              .insert(cooperationOffers)
              .values({ ...common, kind: 'jswg', capacity: 1 })
              .returning({ id: cooperationOffers.id });
      if (kind === 'request')
        await tx.insert(requestMandates).values({ requestId: created.id, mandateId: answer.mandateId });
      else await tx.insert(offerMandates).values({ offerId: created.id, mandateId: answer.mandateId });
      await writeAudit(tx, {
        action: `${kind}.drafted_from_answer`,
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: kind === 'request' ? 'assistance_request' : 'cooperation_offer',
        subjectId: created.id,
        data: { answerId: answer.id, withheld: !!source.withheld },
      });
      return created.id;
    });
    events.emit('cooperation.changed', { kind, id });
    return;
  }
  if (!changeable(kind, existing)) return;
  if (!leftDraft(kind, existing)) {
    if (sameText(existing, derived)) return;
    await db
      .update(table)
      .set({ title: derived.title, description: derived.description, types: derived.types, updatedAt: now() })
      .where(eq(table.id, existing.id));
    events.emit('cooperation.changed', { kind, id: existing.id });
    return;
  }
  // Out of draft: never rewritten from the answer. The disclosed new text is offered; nothing usable, nothing offered.
  const usable = derived.description.length >= 30 && !sameText(existing, derived);
  const pendingUpdate: PendingAnswerUpdate | null = usable
    ? { ...derived, answerVersion: answer.version, at: now().toISOString() }
    : null;
  await db.update(table).set({ pendingUpdate }).where(eq(table.id, existing.id));
  if (pendingUpdate)
    await writeAudit(db, {
      action: `${kind}.update_offered`,
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: kind === 'request' ? 'assistance_request' : 'cooperation_offer',
      subjectId: existing.id,
      data: { answerVersion: answer.version },
    });
}

/** What the owner's page shows about the answer an item came from: where it is, what is withheld, the pending update. */
export interface AnswerLinkView {
  cycleId: string;
  mandate: number;
  question: string;
  withheld: Omit<WithheldInfo, 'since'> | null;
  /** The text now on the item may still carry the answer's words from before the withholding. */
  held: boolean;
  pendingUpdate: PendingAnswerUpdate | null;
}

export function createAnswerLinksService(deps: Deps) {
  const { db, events, now } = deps;
  let queue: Promise<unknown> = Promise.resolve();

  async function rowOf(kind: LinkKind, id: string): Promise<ItemRow | undefined> {
    if (!z.uuid().safeParse(id).success) return undefined;
    const table = tableOf(kind);
    const [row] = (await db.select().from(table).where(eq(table.id, id))) as ItemRow[];
    return row;
  }

  /**
   * After a non-disclosure request (or decision): every linked item whose answer is now withheld loses the
   * withheld text. A draft is rewritten with the disclosed text; a published item whose text was copied from the
   * answer is taken back (unpublished, `held_at`), its copied text replaced, its pending update dropped, and the
   * organization's focal points are told to write what may be shown and publish it again.
   */
  async function reconcile(): Promise<number> {
    let held = 0;
    for (const kind of ['request', 'offer'] as const) {
      const table = tableOf(kind);
      const closed =
        kind === 'request'
          ? notInArray(assistanceRequests.status, ['withdrawn', 'fulfilled'])
          : ne(cooperationOffers.status, 'withdrawn');
      const rows = (await db
        .select()
        .from(table)
        .where(and(isNotNull(table.sourceAnswerId), closed))) as ItemRow[];
      const sources = await sourcesOf(
        db,
        rows.map((r) => r.sourceAnswerId),
        now(),
      );
      for (const row of rows) {
        const source = sources.get(row.sourceAnswerId!);
        if (!source?.withheld || ownTextCovers(row, source)) continue;
        const published = isPublished(kind, row);
        // Text that repeats the withheld answer is replaced by what may be shown; text in the organization's own
        // words stays (on a published item it is held all the same, until the organization confirms it).
        const repeats = repeatsWithheld(row.title, source) || repeatsWithheld(row.description, source);
        const text = repeats ? (({ title, description }) => ({ title, description }))(deriveText(kind, source)) : {};
        if (!published && !repeats && !row.pendingUpdate) continue;
        await db.transaction(async (tx) => {
          const unpublish = published
            ? kind === 'request'
              ? { publishedAt: null, heldAt: now() }
              : { status: 'draft' as const, publishedAt: null, heldAt: now() }
            : {};
          await tx
            .update(table)
            .set({ ...text, pendingUpdate: null, updatedAt: now(), ...unpublish })
            .where(eq(table.id, row.id));
          await writeAudit(tx, {
            action: published ? `${kind}.held_for_withholding` : `${kind}.withheld_text_removed`,
            organizationId: row.organizationId,
            subjectType: kind === 'request' ? 'assistance_request' : 'cooperation_offer',
            subjectId: row.id,
            data: { answerId: row.sourceAnswerId },
          });
          if (published) {
            // The notice names the mandate, never the item's title: the title may be the withheld summary.
            const notice =
              kind === 'request'
                ? {
                    kind: 'request.held',
                    link: `/cooperation/requests/${row.id}`,
                    subject: 'An assistance request was unpublished',
                    body: `Your assistance request on mandate ${source.mandateNumber} was made from an answer you asked to withhold, so it is no longer published. Write what may be shown and publish it again.`,
                    data: { mandate: source.mandateNumber },
                  }
                : {
                    kind: 'offer.held',
                    link: `/cooperation/offers/${row.id}`,
                    subject: 'A cooperation offer was unpublished',
                    body: `Your cooperation offer on mandate ${source.mandateNumber} was made from an answer withheld at your request, so it is no longer published. Write what may be shown and publish it again.`,
                    data: { mandate: source.mandateNumber },
                  };
            await notifyOrganization(tx, row.organizationId, notice);
          }
        });
        if (published) held += 1;
        events.emit('cooperation.changed', { kind, id: row.id });
      }
    }
    return held;
  }

  /**
   * One reconciliation after those already queued: services/subscriptions.ts runs it on `results.changed` and logs a
   * failure (the read side keeps withheld text from others whether or not this ran: guardForOthers).
   */
  function reconcileQueued(): Promise<number> {
    const run = queue.then(reconcile);
    queue = run.catch(() => undefined);
    return run;
  }

  /** Only the item's own organization (the members who may draft it) act on the answer link. */
  async function ownRow(
    actor: Viewer,
    kind: LinkKind,
    id: string,
  ): Promise<{ failure: Failure } | { row: ItemRow; actor: Actor }> {
    const row = await rowOf(kind, id);
    const view = kind === 'request' ? 'request.view' : 'offer.view';
    if (!row || !can(actor, { action: view, organizationId: row.organizationId, published: isPublished(kind, row) }))
      return { failure: notFound(kind === 'request' ? 'This request does not exist.' : 'This offer does not exist.') };
    const publish = kind === 'request' ? 'request.publish' : 'offer.publish';
    if (!can(actor, { action: publish, organizationId: row.organizationId }))
      return { failure: forbidden('Only a focal point of the organization decides on an update from its answer.') };
    return { row, actor: actor! };
  }

  return {
    reconcile,
    /** Waits for reconciliations queued by events (tests, and pages read right after a request). */
    settled: () => queue,
    reconcileQueued,

    /** The answer link of an item, for its own organization only (others get null: the link stays internal). */
    async link(viewer: Viewer, kind: LinkKind, id: string): Promise<AnswerLinkView | null> {
      const row = await rowOf(kind, id);
      if (!row?.sourceAnswerId || !viewer || viewer.organizationId !== row.organizationId) return null;
      const source = (await sourcesOf(db, [row.sourceAnswerId], now())).get(row.sourceAnswerId);
      if (!source) return null;
      const withheld = source.withheld
        ? {
            whole: source.withheld.whole,
            fields: source.withheld.fields,
            pending: source.withheld.pending,
            refused: source.withheld.refused,
            letterReferences: source.withheld.letterReferences,
          }
        : null;
      return {
        cycleId: source.cycleId,
        mandate: source.mandateNumber,
        question: source.answer.question,
        withheld,
        held: !!row.heldAt && !isPublished(kind, row),
        pendingUpdate: row.pendingUpdate,
      };
    },

    /** The items made from these answers (the questionnaire shows where each Q4/Q7 answer went). */
    async linkedToAnswers(viewer: Viewer, answerIds: string[]) {
      if (!viewer || !answerIds.length) return [];
      const [requests, offers] = await Promise.all([
        db
          .select()
          .from(assistanceRequests)
          .where(
            and(
              inArray(assistanceRequests.sourceAnswerId, answerIds),
              eq(assistanceRequests.organizationId, viewer.organizationId),
            ),
          ),
        db
          .select()
          .from(cooperationOffers)
          .where(
            and(
              inArray(cooperationOffers.sourceAnswerId, answerIds),
              eq(cooperationOffers.organizationId, viewer.organizationId),
            ),
          ),
      ]);
      const shape = (kind: LinkKind, r: ItemRow) => ({
        kind,
        id: r.id,
        answerId: r.sourceAnswerId!,
        status: r.status,
        published: isPublished(kind, r),
        held: !!r.heldAt && !isPublished(kind, r),
        pendingUpdate: !!r.pendingUpdate,
      });
      return [...requests.map((r) => shape('request', r)), ...offers.map((r) => shape('offer', r))];
    },

    /** Applies the answer's current disclosed text to the item (it stays published if it was). */
    async confirmUpdate(actor: Viewer, kind: LinkKind, id: string): Promise<Outcome<{ id: string }>> {
      const owned = await ownRow(actor, kind, id);
      if ('failure' in owned) return owned.failure;
      const { row } = owned;
      if (!row.pendingUpdate) return conflict('There is no update from the answer to confirm.');
      if (!changeable(kind, row))
        return conflict('This item is being brokered or is closed; its text can no longer change.');
      const source = (await sourcesOf(db, [row.sourceAnswerId], now())).get(row.sourceAnswerId!);
      if (!source) return conflict('The answer this came from no longer exists.');
      // The answer may have changed or become withheld since the update was offered: apply what is disclosed now.
      const derived = deriveText(kind, source);
      if (derived.description.length < 30)
        return conflict('Too little of the answer may be shown to update the text: edit it in your own words.');
      const table = tableOf(kind);
      await db.transaction(async (tx) => {
        await tx
          .update(table)
          .set({
            title: derived.title,
            description: derived.description,
            types: derived.types,
            pendingUpdate: null,
            updatedAt: now(),
          })
          .where(eq(table.id, row.id));
        await writeAudit(tx, {
          action: `${kind}.update_confirmed`,
          actorUserId: owned.actor.userId,
          organizationId: row.organizationId,
          subjectType: kind === 'request' ? 'assistance_request' : 'cooperation_offer',
          subjectId: row.id,
          data: { answerVersion: source.answer.version },
        });
      });
      events.emit('cooperation.changed', { kind, id: row.id });
      return ok({ id: row.id });
    },

    async ignoreUpdate(actor: Viewer, kind: LinkKind, id: string): Promise<Outcome<{ id: string }>> {
      const owned = await ownRow(actor, kind, id);
      if ('failure' in owned) return owned.failure;
      if (!owned.row.pendingUpdate) return conflict('There is no update from the answer to confirm.');
      const table = tableOf(kind);
      await db.update(table).set({ pendingUpdate: null }).where(eq(table.id, id));
      await writeAudit(db, {
        action: `${kind}.update_ignored`,
        actorUserId: owned.actor.userId,
        organizationId: owned.row.organizationId,
        subjectType: kind === 'request' ? 'assistance_request' : 'cooperation_offer',
        subjectId: id,
      });
      return ok({ id });
    },
  };
}
export type AnswerLinksService = ReturnType<typeof createAnswerLinksService>;
