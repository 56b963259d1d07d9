import {
  and,
  asc,
  count,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  notExists,
  or,
  sql,
  type Column,
  type SQL,
} from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  assistanceRequests,
  commitments,
  cooperationOffers,
  INITIATIVE_FORM_VALUES,
  initiativeFunding,
  initiativeFundingAgreements,
  initiativeLinks,
  initiativeMandates,
  initiativeOutcomeAgreements,
  initiativeOutcomeDocuments,
  initiativeOutcomes,
  initiativeParticipantRole,
  initiativeParticipants,
  initiatives,
  initiativeStatus,
  initiativeUpdates,
  mandates,
  matches,
  organizations,
  requestMandates,
  roundtables,
  sections,
  type InitiativeChanges,
  type InitiativeForm,
  type InitiativeOutcomeRow,
  type InitiativeParticipantRole,
  type InitiativeRow,
  type InitiativeStatus,
  type InitiativeUpdateRow,
  type OutcomeFigure,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit, type Executor } from '../audit/audit.server';
import { guardForOthers, sourcesOf } from '../cooperation/answer-links.server';
import { resolveMandateIds } from '../cooperation/common.server';
import { offerPlacesUsed } from '../cooperation/matching.server';
import type { DomainEventBus } from '../events';
import { notifyOrganization, notifySecretariat } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import { cleanText } from '../text';
import { INITIATIVE_TEXT_LIMITS } from './limits';

/*
 * Cooperation initiatives and their outcomes (issue 19; decision docs/decisions/019-initiatives-and-outcomes.md).
 *
 * The Secretariat creates an initiative, from scratch or from a confirmed match in one click, and is the only one
 * who changes it directly; the participants' focal points propose updates and outcomes, and agree to funding and
 * outcomes. Until the Secretariat publishes an initiative it is seen by the Secretariat and the members of its
 * participant organizations only; after that the public reads it through `public.server.ts`, which never returns
 * funding that is not agreed by every current participant, nor an outcome that is not published.
 *
 * The status of an initiative moves the requests it is linked to, in the same transaction: `in_progress` while an
 * initiative works on them, `fulfilled` when the last open initiative on a request completes (a request can be
 * fulfilled by several initiatives). A planned or in-progress initiative holds a place in each offer it works with,
 * counted at read time (`offerPlacesUsed`, services/cooperation/matching.server.ts) in place of the match it grew
 * from; completing or suspending frees the place, and taking up a suspended initiative again takes it back, refused
 * when the offer has no place left. The check and the status change are one transaction, under a lock on the offer.
 */

export const INITIATIVE_FORMS = INITIATIVE_FORM_VALUES;
export const INITIATIVE_STATUSES = initiativeStatus.enumValues;
export const PARTICIPANT_ROLES = initiativeParticipantRole.enumValues;
const {
  title: TITLE_MAX,
  summary: SUMMARY_MAX,
  outcome: OUTCOME_MAX,
  note: NOTE_MAX,
  fundingSource: SOURCE_MAX,
  figureLabel: FIGURE_LABEL_MAX,
} = INITIATIVE_TEXT_LIMITS;
/** Inside PostgreSQL's numeric(16,2). */
const AMOUNT_MAX = 1e13;
const RECORD = { action: 'initiative.record' } as const;
const NOTHING_SAVED = 'Check the highlighted fields. Nothing was saved.';

/** Which status may follow which. Completed is final: a correction of what was achieved is a new outcome version. */
const NEXT_STATUS: Record<InitiativeStatus, readonly InitiativeStatus[]> = {
  planned: ['in_progress', 'suspended', 'completed'],
  in_progress: ['completed', 'suspended'],
  suspended: ['planned', 'in_progress'],
  completed: [],
};

const clean = (v: unknown) => (typeof v === 'string' ? cleanText(v) : v);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** A form sends one value as a string and several as an array. */
const asArray = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const isoDate = z.preprocess(blankToUndefined, z.iso.date('Use a date like 2027-03-31.').optional());

const detailsSchema = z.object({
  title: z.preprocess(
    clean,
    z
      .string('Give the initiative a title.')
      .trim()
      .min(5, 'Give the initiative a title (at least 5 characters).')
      .max(TITLE_MAX, `Keep the title under ${TITLE_MAX} characters.`),
  ),
  summary: z.preprocess(
    clean,
    z
      .string('Summarize the initiative.')
      .trim()
      .min(20, 'Summarize the initiative in at least 20 characters.')
      .max(SUMMARY_MAX, `Keep the summary under ${SUMMARY_MAX.toLocaleString('en')} characters.`),
  ),
  forms: z.preprocess(
    asArray,
    z
      .array(z.enum(INITIATIVE_FORM_VALUES, 'Unknown form of cooperation.'))
      .min(1, 'Choose at least one form of cooperation.'),
  ),
  startsOn: isoDate,
  endsOn: isoDate,
  mandates: z.preprocess(
    asArray,
    z
      .array(
        z.coerce
          .number()
          .int('Mandates are numbers.')
          .positive('Mandates are numbers from 1.')
          .max(100_000, 'Unknown mandate.'),
      )
      .max(57, 'Too many mandates.'),
  ),
});

const participantSchema = z.object({
  organizationId: z.uuid('Choose an organization.'),
  role: z.enum(PARTICIPANT_ROLES, 'Choose the participant’s role.'),
});

const createSchema = detailsSchema.extend({
  participants: z.array(participantSchema).min(1, 'Name at least one participant.').max(40, 'Too many participants.'),
  requestIds: z.preprocess(asArray, z.array(z.uuid('Unknown request.')).max(20)),
  offerIds: z.preprocess(asArray, z.array(z.uuid('Unknown offer.')).max(20)),
  roundtableIds: z.preprocess(asArray, z.array(z.uuid('Unknown roundtable.')).max(20)),
});

const fundingSchema = z.object({
  source: z.preprocess(
    clean,
    z
      .string('Name the source of the funding.')
      .trim()
      .min(2, 'Name the source of the funding.')
      .max(SOURCE_MAX, `Keep the source under ${SOURCE_MAX} characters.`),
  ),
  amount: z.preprocess(
    blankToUndefined,
    z.coerce
      .number('Give the amount as a number.')
      .positive('Give an amount above zero.')
      .max(AMOUNT_MAX, 'This amount is too large.'),
  ),
  currency: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.string('Give the currency.').regex(/^[A-Z]{3}$/, 'Give the currency as its three-letter code, like USD.'),
  ),
});

const figureSchema = z.object({
  label: z.preprocess(
    clean,
    z
      .string()
      .trim()
      .min(1, 'Name the figure.')
      .max(FIGURE_LABEL_MAX, `Keep the figure’s name under ${FIGURE_LABEL_MAX} characters.`),
  ),
  value: z.coerce
    .number('A figure is a number.')
    .finite('A figure is a number.')
    .min(0, 'A figure is not negative.')
    .max(1e12, 'This figure is too large.'),
});

const outcomeSchema = z.object({
  text: z.preprocess(
    clean,
    z
      .string('Say what changed.')
      .trim()
      .min(10, 'Say what changed (at least 10 characters).')
      .max(OUTCOME_MAX, `Keep the outcome under ${OUTCOME_MAX.toLocaleString('en')} characters.`),
  ),
  startedOn: isoDate,
  endedOn: isoDate,
  figures: z.array(figureSchema).max(20, 'Give at most 20 figures.').default([]),
});

const changesSchema = z
  .object({
    title: detailsSchema.shape.title.optional(),
    summary: detailsSchema.shape.summary.optional(),
    forms: z
      .array(z.enum(INITIATIVE_FORM_VALUES, 'Unknown form of cooperation.'))
      .min(1, 'Choose at least one form of cooperation.')
      .optional(),
    startsOn: isoDate,
    endsOn: isoDate,
    status: z.preprocess(blankToUndefined, z.enum(INITIATIVE_STATUSES, 'Unknown status.').optional()),
    note: z.preprocess(
      clean,
      z
        .string()
        .trim()
        .max(NOTE_MAX, `Keep the note under ${NOTE_MAX.toLocaleString('en')} characters.`)
        .optional(),
    ),
  })
  .refine((v) => Object.entries(v).some(([k, value]) => k !== 'note' && value !== undefined), {
    message: 'Propose at least one change.',
    path: ['_form'],
  });

const reasonSchema = z.preprocess(
  clean,
  z
    .string('Give the reason.')
    .trim()
    .min(5, 'Say briefly why (at least 5 characters).')
    .max(NOTE_MAX, `Keep the reason under ${NOTE_MAX.toLocaleString('en')} characters.`),
);

const periodProblem = (from?: string | null, to?: string | null) =>
  from && to && from > to ? 'The end date is before the start date.' : null;

/** Parses `figures` given as "label: value" lines (the form's text area) or as objects (JSON callers). */
function figuresFrom(input: unknown): unknown {
  if (typeof input !== 'string') return input ?? [];
  return input
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.lastIndexOf(':');
      return at < 0
        ? { label: line, value: Number.NaN }
        : {
            label: line.slice(0, at),
            value: line
              .slice(at + 1)
              .trim()
              .replace(/[\s,]/g, ''),
          };
    });
}

export interface ParticipantView {
  organizationId: string;
  code: string;
  nameEn: string;
  nameEs: string;
  kind: string;
  role: InitiativeParticipantRole;
}

export interface FundingView {
  id: string;
  source: string;
  amount: string;
  currency: string;
  createdAt: Date;
  agreements: Array<{ organizationId: string; agreedAt: Date }>;
  /** Every current participant agreed: the public may read it once the initiative is published. */
  agreedByAll: boolean;
}

export interface OutcomeView extends InitiativeOutcomeRow {
  agreements: Array<{ organizationId: string; agreedAt: Date }>;
  documents: Array<{ id: string; title: string; fileName: string; sizeBytes: number }>;
  /** A later version of the same outcome exists. */
  superseded: boolean;
}

export interface InitiativeView extends InitiativeRow {
  mandates: number[];
  participants: ParticipantView[];
  links: {
    requestIds: string[];
    offerIds: string[];
    matchIds: string[];
    roundtableIds: string[];
    meetingIds: string[];
  };
  funding: FundingView[];
  outcomes: OutcomeView[];
  updates: InitiativeUpdateRow[];
  /** What the viewer may do: the pages show the forms the service would accept. */
  viewer: { secretariat: boolean; participantOrganizationId: string | null; focalPoint: boolean };
}

/**
 * The initiative an action on one of its parts (a funding record, an outcome, a proposed update, a withholding
 * request, an outcome document) is taken on: the page's, from its URL. With it, a part of another initiative is "not
 * found", checked in the query that finds the part, so a page never acts on another initiative than its own (the
 * form's target is the browser's to send). Without it (seeds, services), the part's own initiative is taken.
 */
export interface InitiativeScope {
  initiativeId?: string;
}

/**
 * The condition that a row is of the scope's initiative: none without a scope, `null` when the scope's id names no
 * initiative at all (not a UUID), which the caller answers with "not found".
 */
export function scopeCondition(column: Column, scope: InitiativeScope): SQL | undefined | null {
  if (scope.initiativeId === undefined) return undefined;
  return z.uuid().safeParse(scope.initiativeId).success ? eq(column, scope.initiativeId) : null;
}

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export type InitiativesService = ReturnType<typeof createInitiativesService>;

export function createInitiativesService({ db, events, now }: Deps) {
  async function row(id: string): Promise<InitiativeRow | undefined> {
    if (!z.uuid().safeParse(id).success) return undefined;
    const [found] = await db.select().from(initiatives).where(eq(initiatives.id, id));
    return found;
  }

  async function participantsOf(executor: Executor, initiativeId: string): Promise<ParticipantView[]> {
    return executor
      .select({
        organizationId: initiativeParticipants.organizationId,
        code: organizations.code,
        nameEn: organizations.nameEn,
        nameEs: organizations.nameEs,
        kind: organizations.kind,
        role: initiativeParticipants.role,
      })
      .from(initiativeParticipants)
      .innerJoin(organizations, eq(organizations.id, initiativeParticipants.organizationId))
      .where(eq(initiativeParticipants.initiativeId, initiativeId))
      .orderBy(asc(initiativeParticipants.role), asc(organizations.code));
  }

  /**
   * The access the viewer has to an initiative: the Secretariat, or a member of a participant organization (its
   * focal points act for it). Anyone else gets "not found" for an unpublished one: its existence is not disclosed.
   */
  async function accessTo(viewer: Viewer, id: string) {
    const initiative = await row(id);
    if (!initiative) return null;
    const participants = await participantsOf(db, id);
    const participantOrganizationIds = participants.map((p) => p.organizationId);
    if (!can(viewer, { action: 'initiative.view_record', participantOrganizationIds })) return null;
    const secretariat = can(viewer, RECORD);
    const participant = viewer ? participants.find((p) => p.organizationId === viewer.organizationId) : undefined;
    return {
      initiative,
      participants,
      secretariat,
      participantOrganizationId: participant?.organizationId ?? null,
      /** May act for its organization: agree, propose, ask that a part not be published. */
      focalPoint: can(viewer, { action: 'initiative.participate', participantOrganizationIds }),
    };
  }

  async function fundingOf(executor: Executor, initiativeId: string, participantIds: string[]): Promise<FundingView[]> {
    const rows = await executor
      .select()
      .from(initiativeFunding)
      .where(eq(initiativeFunding.initiativeId, initiativeId))
      .orderBy(asc(initiativeFunding.createdAt));
    if (!rows.length) return [];
    const agreements = await executor
      .select()
      .from(initiativeFundingAgreements)
      .where(
        inArray(
          initiativeFundingAgreements.fundingId,
          rows.map((r) => r.id),
        ),
      );
    return rows.map((r) => {
      const mine = agreements.filter((a) => a.fundingId === r.id);
      return {
        id: r.id,
        source: r.source,
        amount: r.amount,
        currency: r.currency,
        createdAt: r.createdAt,
        agreements: mine.map((a) => ({ organizationId: a.organizationId, agreedAt: a.agreedAt })),
        agreedByAll: participantIds.length > 0 && participantIds.every((p) => mine.some((a) => a.organizationId === p)),
      };
    });
  }

  async function outcomesOf(executor: Executor, initiativeId: string): Promise<OutcomeView[]> {
    const rows = await executor
      .select()
      .from(initiativeOutcomes)
      .where(eq(initiativeOutcomes.initiativeId, initiativeId))
      .orderBy(asc(initiativeOutcomes.createdAt), asc(initiativeOutcomes.version));
    if (!rows.length) return [];
    const agreements = await executor
      .select()
      .from(initiativeOutcomeAgreements)
      .where(
        inArray(
          initiativeOutcomeAgreements.outcomeId,
          rows.map((r) => r.id),
        ),
      );
    const documents = await executor
      .select({
        id: initiativeOutcomeDocuments.id,
        outcomeId: initiativeOutcomeDocuments.outcomeId,
        title: initiativeOutcomeDocuments.title,
        fileName: initiativeOutcomeDocuments.fileName,
        sizeBytes: initiativeOutcomeDocuments.sizeBytes,
      })
      .from(initiativeOutcomeDocuments)
      .where(
        inArray(
          initiativeOutcomeDocuments.outcomeId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(initiativeOutcomeDocuments.uploadedAt));
    return rows.map((r) => ({
      ...r,
      agreements: agreements
        .filter((a) => a.outcomeId === r.id)
        .map((a) => ({ organizationId: a.organizationId, agreedAt: a.agreedAt })),
      documents: documents.filter((d) => d.outcomeId === r.id).map(({ outcomeId: _o, ...d }) => d),
      superseded: rows.some((o) => o.seriesId === r.seriesId && o.version > r.version),
    }));
  }

  async function mandatesOf(executor: Executor, initiativeId: string): Promise<number[]> {
    const rows = await executor
      .select({ number: mandates.number })
      .from(initiativeMandates)
      .innerJoin(mandates, eq(mandates.id, initiativeMandates.mandateId))
      .where(eq(initiativeMandates.initiativeId, initiativeId))
      .orderBy(asc(mandates.number));
    return rows.map((r) => r.number);
  }

  async function linksOf(executor: Executor, initiativeId: string): Promise<InitiativeView['links']> {
    const rows = await executor.select().from(initiativeLinks).where(eq(initiativeLinks.initiativeId, initiativeId));
    const pick = (key: 'requestId' | 'offerId' | 'matchId' | 'roundtableId' | 'meetingId') =>
      rows.map((r) => r[key]).filter((v): v is string => !!v);
    return {
      requestIds: pick('requestId'),
      offerIds: pick('offerId'),
      matchIds: pick('matchId'),
      roundtableIds: pick('roundtableId'),
      meetingIds: pick('meetingId'),
    };
  }

  async function fullView(access: NonNullable<Awaited<ReturnType<typeof accessTo>>>): Promise<InitiativeView> {
    const { initiative, participants } = access;
    const [mandateNumbers, links, funding, outcomes, updates] = await Promise.all([
      mandatesOf(db, initiative.id),
      linksOf(db, initiative.id),
      fundingOf(
        db,
        initiative.id,
        participants.map((p) => p.organizationId),
      ),
      outcomesOf(db, initiative.id),
      db
        .select()
        .from(initiativeUpdates)
        .where(eq(initiativeUpdates.initiativeId, initiative.id))
        .orderBy(desc(initiativeUpdates.proposedAt)),
    ]);
    return {
      ...initiative,
      mandates: mandateNumbers,
      participants,
      links,
      funding,
      outcomes,
      // A participant sees its own organization's proposals; the Secretariat sees every one.
      updates: access.secretariat
        ? updates
        : updates.filter((u) => u.organizationId === access.participantOrganizationId),
      viewer: {
        secretariat: access.secretariat,
        participantOrganizationId: access.participantOrganizationId,
        focalPoint: access.focalPoint,
      },
    };
  }

  async function notifyParticipants(
    executor: Executor,
    participantIds: string[],
    notice: Parameters<typeof notifyOrganization>[2],
    except?: string,
  ) {
    for (const id of participantIds) if (id !== except) await notifyOrganization(executor, id, notice);
  }

  /**
   * Moves the linked requests with the initiative's new status, in the caller's transaction. Each update names the
   * statuses it moves from in its WHERE, so a withdrawn request is never revived and a fulfilled one never reopens.
   */
  async function moveRequests(tx: Tx, initiativeId: string, status: InitiativeStatus, at: Date): Promise<string[]> {
    const linked = await tx
      .select({ id: initiativeLinks.requestId })
      .from(initiativeLinks)
      .where(and(eq(initiativeLinks.initiativeId, initiativeId), isNotNull(initiativeLinks.requestId)));
    const ids = linked.map((l) => l.id!);
    if (!ids.length) return [];
    /** Another initiative on the same request that is still planned or under way. */
    const otherOpen = (statuses: InitiativeStatus[]) =>
      tx
        .select({ one: sql`1` })
        .from(initiativeLinks)
        .innerJoin(initiatives, eq(initiatives.id, initiativeLinks.initiativeId))
        .where(
          and(
            eq(initiativeLinks.requestId, assistanceRequests.id),
            sql`${initiativeLinks.initiativeId} <> ${initiativeId}`,
            inArray(initiatives.status, statuses),
          ),
        );
    let moved: Array<{ id: string }> = [];
    if (status === 'in_progress') {
      moved = await tx
        .update(assistanceRequests)
        .set({ status: 'in_progress', updatedAt: at })
        .where(
          and(
            inArray(assistanceRequests.id, ids),
            inArray(assistanceRequests.status, ['open', 'in_brokering', 'matched']),
          ),
        )
        .returning({ id: assistanceRequests.id });
    } else if (status === 'completed') {
      // Fulfilled when no other initiative on the request is still planned or in progress.
      moved = await tx
        .update(assistanceRequests)
        .set({ status: 'fulfilled', updatedAt: at })
        .where(
          and(
            inArray(assistanceRequests.id, ids),
            inArray(assistanceRequests.status, ['open', 'in_brokering', 'matched', 'in_progress']),
            notExists(otherOpen(['planned', 'in_progress'])),
          ),
        )
        .returning({ id: assistanceRequests.id });
    } else {
      // Planned or suspended: no work under way here. The request goes back to matched (it was matched or it would
      // not be in progress) unless another initiative is still working on it.
      moved = await tx
        .update(assistanceRequests)
        .set({ status: 'matched', updatedAt: at })
        .where(
          and(
            inArray(assistanceRequests.id, ids),
            eq(assistanceRequests.status, 'in_progress'),
            notExists(otherOpen(['in_progress'])),
          ),
        )
        .returning({ id: assistanceRequests.id });
    }
    return moved.map((m) => m.id);
  }

  /** The offers an initiative works with: linked directly, or the offer of a match it grew from. */
  async function offersOf(executor: Executor, initiativeId: string): Promise<string[]> {
    const direct = await executor
      .select({ id: initiativeLinks.offerId })
      .from(initiativeLinks)
      .where(and(eq(initiativeLinks.initiativeId, initiativeId), isNotNull(initiativeLinks.offerId)));
    const viaMatch = await executor
      .select({ id: matches.offerId })
      .from(initiativeLinks)
      .innerJoin(matches, eq(matches.id, initiativeLinks.matchId))
      .where(and(eq(initiativeLinks.initiativeId, initiativeId), isNotNull(matches.offerId)));
    return [...new Set([...direct, ...viaMatch].map((o) => o.id!))].sort();
  }

  /**
   * Throws NoCapacity when taking a place in these offers (already written in this transaction) went over an offer's
   * capacity. The offers' rows are locked first, so two transactions taking the last place run one after the other.
   */
  async function checkCapacity(tx: Tx, offerIds: string[]) {
    if (!offerIds.length) return;
    const rows = await tx
      .select({ id: cooperationOffers.id, capacity: cooperationOffers.capacity })
      .from(cooperationOffers)
      .where(inArray(cooperationOffers.id, offerIds))
      .orderBy(asc(cooperationOffers.id))
      .for('update');
    const used = await offerPlacesUsed(tx, offerIds);
    const full = rows.filter((o) => (used.get(o.id) ?? 0) > (o.capacity ?? 0)).map((o) => o.id);
    if (full.length) throw new NoCapacity(full);
  }

  /**
   * Applies a status change (the Secretariat's, or an accepted proposal's) with its effects: the requests move, and a
   * suspended initiative taken up again takes its places back (NoCapacity when an offer is full). Null: the status
   * moved meanwhile.
   */
  async function applyStatus(tx: Tx, initiative: InitiativeRow, status: InitiativeStatus, at: Date) {
    const [changed] = await tx
      .update(initiatives)
      .set({ status, updatedAt: at })
      .where(and(eq(initiatives.id, initiative.id), eq(initiatives.status, initiative.status)))
      .returning();
    if (!changed) return null;
    const offerIds = await offersOf(tx, initiative.id);
    if (holdsPlace(status) && !holdsPlace(initiative.status)) await checkCapacity(tx, offerIds);
    const requestIds = await moveRequests(tx, initiative.id, status, at);
    return { changed, requestIds, offerIds };
  }

  /** The engine reads requests' statuses and offers' free places again. */
  function emitChanges(requestIds: string[], offerIds: string[] = []) {
    for (const id of requestIds) events.emit('cooperation.changed', { kind: 'request', id });
    for (const id of offerIds) events.emit('cooperation.changed', { kind: 'offer', id });
  }

  async function validateParticipants(
    list: Array<{ organizationId: string; role: InitiativeParticipantRole }>,
  ): Promise<Outcome<null>> {
    const ids = [...new Set(list.map((p) => p.organizationId))];
    if (ids.length !== list.length)
      return invalid(NOTHING_SAVED, { participants: ['Each organization takes part once.'] });
    const found = await db
      .select({ id: organizations.id, kind: organizations.kind, active: organizations.active })
      .from(organizations)
      .where(inArray(organizations.id, ids));
    const usable = found.filter((o) => o.active && (o.kind === 'state' || o.kind === 'jswg'));
    if (usable.length !== ids.length)
      return invalid(NOTHING_SAVED, {
        participants: ['Participants are States and JSWG organizations registered in Minka.'],
      });
    return ok(null);
  }

  async function insertLinks(
    tx: Tx,
    initiativeId: string,
    links: { requestIds: string[]; offerIds: string[]; matchIds: string[]; roundtableIds: string[] },
  ) {
    const values = [
      ...[...new Set(links.requestIds)].map((requestId) => ({ initiativeId, requestId })),
      ...[...new Set(links.offerIds)].map((offerId) => ({ initiativeId, offerId })),
      ...[...new Set(links.matchIds)].map((matchId) => ({ initiativeId, matchId })),
      ...[...new Set(links.roundtableIds)].map((roundtableId) => ({ initiativeId, roundtableId })),
    ];
    if (values.length) await tx.insert(initiativeLinks).values(values);
  }

  async function checkLinkTargets(links: {
    requestIds: string[];
    offerIds: string[];
    roundtableIds: string[];
  }): Promise<Outcome<null>> {
    const requests = links.requestIds.length
      ? await db
          .select({ id: assistanceRequests.id, publishedAt: assistanceRequests.publishedAt })
          .from(assistanceRequests)
          .where(inArray(assistanceRequests.id, links.requestIds))
      : [];
    if (requests.length !== new Set(links.requestIds).size || requests.some((r) => !r.publishedAt))
      return invalid(NOTHING_SAVED, { requestIds: ['Link published requests only.'] });
    const offers = links.offerIds.length
      ? await db
          .select({ id: cooperationOffers.id, publishedAt: cooperationOffers.publishedAt })
          .from(cooperationOffers)
          .where(inArray(cooperationOffers.id, links.offerIds))
      : [];
    if (offers.length !== new Set(links.offerIds).size || offers.some((o) => !o.publishedAt))
      return invalid(NOTHING_SAVED, { offerIds: ['Link published offers only.'] });
    const rooms = links.roundtableIds.length
      ? await db.select({ id: roundtables.id }).from(roundtables).where(inArray(roundtables.id, links.roundtableIds))
      : [];
    if (rooms.length !== new Set(links.roundtableIds).size)
      return invalid(NOTHING_SAVED, { roundtableIds: ['Unknown roundtable.'] });
    return ok(null);
  }

  async function insertInitiative(
    actor: Actor,
    data: { title: string; summary: string; forms: InitiativeForm[]; startsOn?: string; endsOn?: string },
    mandateIds: string[],
    participants: Array<{ organizationId: string; role: InitiativeParticipantRole }>,
    links: { requestIds: string[]; offerIds: string[]; matchIds: string[]; roundtableIds: string[] },
    auditData: Record<string, unknown>,
  ): Promise<string> {
    const at = now();
    return db.transaction(async (tx) => {
      const [created] = await tx
        .insert(initiatives)
        .values({
          title: data.title,
          summary: data.summary,
          forms: data.forms,
          startsOn: data.startsOn ?? null,
          endsOn: data.endsOn ?? null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (mandateIds.length)
        await tx
          .insert(initiativeMandates)
          .values(mandateIds.map((mandateId) => ({ initiativeId: created.id, mandateId })));
      await tx.insert(initiativeParticipants).values(
        participants.map((p) => ({
          initiativeId: created.id,
          organizationId: p.organizationId,
          role: p.role,
          addedAt: at,
        })),
      );
      await insertLinks(tx, created.id, links);
      // A new initiative is planned: it takes a place in each offer it works with. From a match, the match's place
      // becomes the initiative's (counted once, never refused); an offer linked from scratch needs a free place.
      if (links.offerIds.length && !links.matchIds.length) await checkCapacity(tx, await offersOf(tx, created.id));
      await writeAudit(tx, {
        action: 'initiative.created',
        actorUserId: actor.userId,
        subjectType: 'initiative',
        subjectId: created.id,
        data: { ...auditData, participants, links },
        ip: actor.ip,
      });
      await notifyParticipants(
        tx,
        participants.map((p) => p.organizationId),
        {
          kind: 'initiative.created',
          link: `/initiatives/${created.id}`,
          subject: 'Your organization takes part in a new cooperation initiative',
          body: `The Summits Secretariat registered the cooperation initiative "${created.title}" with your organization as a participant. You can propose updates and outcomes.`,
          data: { title: created.title },
        },
      );
      return created.id;
    });
  }

  async function view(viewer: Viewer, id: string): Promise<InitiativeView> {
    return fullView((await accessTo(viewer, id))!);
  }

  /**
   * Common checks of an outcome action: the outcome (of the scope's initiative), its initiative and the viewer's
   * access to it.
   */
  async function outcomeAccess(viewer: Viewer, outcomeId: string, scope: InitiativeScope) {
    const within = scopeCondition(initiativeOutcomes.initiativeId, scope);
    if (within === null || !z.uuid().safeParse(outcomeId).success) return null;
    const [outcome] = await db
      .select()
      .from(initiativeOutcomes)
      .where(and(eq(initiativeOutcomes.id, outcomeId), within));
    if (!outcome) return null;
    const access = await accessTo(viewer, outcome.initiativeId);
    return access ? { outcome, access } : null;
  }

  /** Marks an outcome agreed once every current participant agreed (conditional on still being proposed). */
  async function settleOutcome(tx: Tx, outcomeId: string, initiativeId: string): Promise<boolean> {
    const participants = await tx
      .select({ id: initiativeParticipants.organizationId })
      .from(initiativeParticipants)
      .where(eq(initiativeParticipants.initiativeId, initiativeId));
    const agreed = await tx
      .select({ id: initiativeOutcomeAgreements.organizationId })
      .from(initiativeOutcomeAgreements)
      .where(eq(initiativeOutcomeAgreements.outcomeId, outcomeId));
    if (!participants.every((p) => agreed.some((a) => a.id === p.id))) return false;
    const [settled] = await tx
      .update(initiativeOutcomes)
      .set({ status: 'agreed' })
      .where(and(eq(initiativeOutcomes.id, outcomeId), eq(initiativeOutcomes.status, 'proposed')))
      .returning({ id: initiativeOutcomes.id });
    return !!settled;
  }

  async function insertOutcome(
    actor: Actor,
    initiative: InitiativeRow,
    participantIds: string[],
    input: unknown,
    options: { seriesId?: string; version?: number; byOrganizationId: string | null },
  ): Promise<Outcome<InitiativeOutcomeRow>> {
    const parsed = outcomeSchema.safeParse({
      ...(input as Record<string, unknown>),
      figures: figuresFrom((input as Record<string, unknown> | null)?.figures),
    });
    if (!parsed.success) return invalid(NOTHING_SAVED, fieldErrorsFrom(parsed.error.issues));
    const p = parsed.data;
    const problem = periodProblem(p.startedOn, p.endedOn);
    if (problem) return invalid(NOTHING_SAVED, { endedOn: [problem] });
    const at = now();
    const outcome = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(initiativeOutcomes)
        .values({
          initiativeId: initiative.id,
          // The first version's series is its own id; drizzle cannot refer to it at insert time, so one is made here.
          seriesId: options.seriesId ?? crypto.randomUUID(),
          version: options.version ?? 1,
          text: p.text,
          startedOn: p.startedOn ?? null,
          endedOn: p.endedOn ?? null,
          figures: p.figures as OutcomeFigure[],
          proposedByOrganizationId: options.byOrganizationId,
          createdBy: actor.userId,
          createdAt: at,
        })
        .returning();
      // A participant proposing an outcome agrees to it; the others are asked.
      if (options.byOrganizationId) {
        await tx.insert(initiativeOutcomeAgreements).values({
          outcomeId: created.id,
          organizationId: options.byOrganizationId,
          agreedBy: actor.userId,
          agreedAt: at,
        });
        await settleOutcome(tx, created.id, initiative.id);
      }
      await writeAudit(tx, {
        action:
          options.version && options.version > 1
            ? 'initiative.outcome_corrected'
            : options.byOrganizationId
              ? 'initiative.outcome_proposed'
              : 'initiative.outcome_logged',
        actorUserId: actor.userId,
        organizationId: options.byOrganizationId,
        subjectType: 'initiative',
        subjectId: initiative.id,
        data: { outcomeId: created.id, seriesId: created.seriesId, version: created.version },
        ip: actor.ip,
      });
      await notifyParticipants(
        tx,
        participantIds,
        {
          kind: 'initiative.outcome',
          link: `/initiatives/${initiative.id}`,
          subject: 'An outcome of a cooperation initiative waits for your agreement',
          body: `An outcome of the initiative "${initiative.title}" was recorded. It is published only when every participant has agreed to it.`,
          data: { title: initiative.title },
        },
        options.byOrganizationId ?? undefined,
      );
      if (options.byOrganizationId)
        await notifySecretariat(tx, {
          kind: 'initiative.outcome',
          link: `/initiatives/${initiative.id}`,
          subject: 'A participant proposed an outcome of a cooperation initiative',
          body: `A participant proposed an outcome of the initiative "${initiative.title}". Publish it once every participant agrees, or decline it.`,
          data: { title: initiative.title },
        });
      return created;
    });
    return ok((await db.select().from(initiativeOutcomes).where(eq(initiativeOutcomes.id, outcome.id)))[0]);
  }

  const service = {
    /** The lengths this service accepts (./limits), for the pages' fields. */
    textLimits: INITIATIVE_TEXT_LIMITS,
    /** The Secretariat registers an initiative from scratch. */
    async create(actor: Viewer, input: unknown): Promise<Outcome<InitiativeView>> {
      if (!can(actor, RECORD)) return forbidden('Only the Summits Secretariat registers cooperation initiatives.');
      const parsed = createSchema.safeParse(input);
      if (!parsed.success) return invalid(NOTHING_SAVED, fieldErrorsFrom(parsed.error.issues));
      const p = parsed.data;
      const problem = periodProblem(p.startsOn, p.endsOn);
      if (problem) return invalid(NOTHING_SAVED, { endsOn: [problem] });
      const resolved = await resolveMandateIds(db, p.mandates);
      if (resolved.unknown.length)
        return invalid(NOTHING_SAVED, { mandates: [`Unknown mandate number(s): ${resolved.unknown.join(', ')}.`] });
      const participantsOk = await validateParticipants(p.participants);
      if (!participantsOk.ok) return participantsOk;
      const targets = await checkLinkTargets(p);
      if (!targets.ok) return targets;
      let id: string;
      try {
        id = await insertInitiative(
          actor!,
          p,
          resolved.ids,
          p.participants,
          { requestIds: p.requestIds, offerIds: p.offerIds, matchIds: [], roundtableIds: p.roundtableIds },
          { from: 'scratch' },
        );
      } catch (error) {
        if (error instanceof NoCapacity) return conflict(NO_CAPACITY);
        throw error;
      }
      emitChanges(p.requestIds, p.offerIds);
      return ok(await view(actor, id));
    },

    /**
     * One click from a confirmed match: the request's title, description and mandates, the two sides as requesting
     * and providing participants, and links to the request, the offer, the match and its roundtable. The Secretariat
     * edits the rest afterwards. A match becomes one initiative (a unique index holds it under a race).
     */
    async createFromMatch(actor: Viewer, matchId: string): Promise<Outcome<InitiativeView>> {
      if (!can(actor, RECORD)) return forbidden('Only the Summits Secretariat registers cooperation initiatives.');
      const [match] = z.uuid().safeParse(matchId).success
        ? await db.select().from(matches).where(eq(matches.id, matchId))
        : [];
      if (!match) return notFound('This match does not exist.');
      if (match.status !== 'confirmed') return conflict('Only a confirmed match becomes an initiative.');
      const [existing] = await db
        .select({ id: initiativeLinks.initiativeId })
        .from(initiativeLinks)
        .where(eq(initiativeLinks.matchId, matchId));
      if (existing) return conflict('This match is already an initiative.');
      const [stored] = await db.select().from(assistanceRequests).where(eq(assistanceRequests.id, match.requestId));
      // The initiative will be public: it starts from what others may read of the request (decision 014), never from withheld text.
      const request = guardForOthers('request', stored, await sourcesOf(db, [stored.sourceAnswerId], now())).item;
      const mandateRows = await db
        .select({ id: requestMandates.mandateId })
        .from(requestMandates)
        .where(eq(requestMandates.requestId, request.id));
      const rooms = await db
        .select({ id: roundtables.id, kind: roundtables.kind })
        .from(roundtables)
        .where(eq(roundtables.matchId, matchId));
      const forms: InitiativeForm[] = rooms.length ? [...new Set(rooms.map((r) => r.kind))] : ['expert_assistance'];
      try {
        const id = await insertInitiative(
          actor!,
          {
            title: request.title,
            summary: request.description,
            forms,
            startsOn: request.neededFrom ?? undefined,
            endsOn: request.neededTo ?? undefined,
          },
          mandateRows.map((m) => m.id),
          [
            { organizationId: request.organizationId, role: 'requesting' },
            { organizationId: match.providerOrganizationId, role: 'providing' },
          ],
          {
            requestIds: [request.id],
            offerIds: match.offerId ? [match.offerId] : [],
            matchIds: [matchId],
            roundtableIds: rooms.map((r) => r.id),
          },
          { from: 'match', matchId },
        );
        return ok(await view(actor, id));
      } catch (error) {
        if (
          String(
            (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code,
          ) === '23505'
        )
          return conflict('This match is already an initiative.');
        throw error;
      }
    },

    /** The Secretariat edits title, summary, forms, dates and mandates (status has its own function: it has effects). */
    async update(actor: Viewer, id: string, input: unknown): Promise<Outcome<InitiativeView>> {
      if (!can(actor, RECORD))
        return forbidden('Only the Summits Secretariat changes an initiative; participants propose updates.');
      const current = await row(id);
      if (!current) return notFound('This initiative does not exist.');
      const parsed = detailsSchema.safeParse(input);
      if (!parsed.success) return invalid(NOTHING_SAVED, fieldErrorsFrom(parsed.error.issues));
      const p = parsed.data;
      const problem = periodProblem(p.startsOn, p.endsOn);
      if (problem) return invalid(NOTHING_SAVED, { endsOn: [problem] });
      const resolved = await resolveMandateIds(db, p.mandates);
      if (resolved.unknown.length)
        return invalid(NOTHING_SAVED, { mandates: [`Unknown mandate number(s): ${resolved.unknown.join(', ')}.`] });
      await db.transaction(async (tx) => {
        await tx
          .update(initiatives)
          .set({
            title: p.title,
            summary: p.summary,
            forms: p.forms,
            startsOn: p.startsOn ?? null,
            endsOn: p.endsOn ?? null,
            updatedAt: now(),
          })
          .where(eq(initiatives.id, id));
        await tx.delete(initiativeMandates).where(eq(initiativeMandates.initiativeId, id));
        if (resolved.ids.length)
          await tx
            .insert(initiativeMandates)
            .values(resolved.ids.map((mandateId) => ({ initiativeId: id, mandateId })));
        await writeAudit(tx, {
          action: 'initiative.updated',
          actorUserId: actor!.userId,
          subjectType: 'initiative',
          subjectId: id,
          data: {
            title: p.title,
            forms: p.forms,
            startsOn: p.startsOn ?? null,
            endsOn: p.endsOn ?? null,
            mandates: p.mandates,
          },
          ip: actor!.ip,
        });
      });
      return ok(await view(actor, id));
    },

    /** The Secretariat moves the status; the linked requests move with it in the same transaction. */
    async setStatus(actor: Viewer, id: string, statusInput: unknown): Promise<Outcome<InitiativeView>> {
      if (!can(actor, RECORD))
        return forbidden('Only the Summits Secretariat changes an initiative; participants propose updates.');
      const current = await row(id);
      if (!current) return notFound('This initiative does not exist.');
      const status = z.enum(INITIATIVE_STATUSES).safeParse(statusInput);
      if (!status.success) return invalid('Unknown status.', { status: ['Unknown status.'] });
      if (!NEXT_STATUS[current.status].includes(status.data))
        return conflict('The initiative cannot move to this status from its current one.');
      const result = await db
        .transaction(async (tx) => {
          const applied = await applyStatus(tx, current, status.data, now());
          if (!applied) return null;
          await writeAudit(tx, {
            action: 'initiative.status_changed',
            actorUserId: actor!.userId,
            subjectType: 'initiative',
            subjectId: id,
            data: { from: current.status, to: status.data, requestsMoved: applied.requestIds },
            ip: actor!.ip,
          });
          return applied;
        })
        .catch((error) => {
          if (error instanceof NoCapacity) return 'full' as const;
          throw error;
        });
      if (result === 'full') return conflict(NO_CAPACITY);
      if (!result) return conflict('The initiative changed meanwhile; nothing was changed. Reload and try again.');
      emitChanges(result.requestIds, result.offerIds);
      return ok(await view(actor, id));
    },

    /** The Secretariat adds a participant. Funding agreed by the others is withheld again until the new one agrees. */
    async addParticipant(actor: Viewer, id: string, input: unknown): Promise<Outcome<InitiativeView>> {
      if (!can(actor, RECORD))
        return forbidden('Only the Summits Secretariat changes an initiative; participants propose updates.');
      const current = await row(id);
      if (!current) return notFound('This initiative does not exist.');
      const parsed = participantSchema.safeParse(input);
      if (!parsed.success) return invalid(NOTHING_SAVED, fieldErrorsFrom(parsed.error.issues));
      const checked = await validateParticipants([parsed.data]);
      if (!checked.ok) return checked;
      const added = await db.transaction(async (tx) => {
        const rows = await tx
          .insert(initiativeParticipants)
          .values({
            initiativeId: id,
            organizationId: parsed.data.organizationId,
            role: parsed.data.role,
            addedAt: now(),
          })
          .onConflictDoNothing()
          .returning();
        if (!rows.length) return false;
        await writeAudit(tx, {
          action: 'initiative.participant_added',
          actorUserId: actor!.userId,
          organizationId: parsed.data.organizationId,
          subjectType: 'initiative',
          subjectId: id,
          data: { role: parsed.data.role },
          ip: actor!.ip,
        });
        return true;
      });
      if (!added) return conflict('This organization already takes part in the initiative.');
      return ok(await view(actor, id));
    },

    /** Published by the Secretariat: the public pages and exports show it from then on (with published outcomes and agreed funding only). */
    async setPublished(actor: Viewer, id: string, publish: boolean): Promise<Outcome<InitiativeView>> {
      if (!can(actor, RECORD)) return forbidden('Only the Summits Secretariat publishes initiatives.');
      const current = await row(id);
      if (!current) return notFound('This initiative does not exist.');
      const [changed] = await db
        .update(initiatives)
        .set(publish ? { publishedAt: now(), publishedBy: actor!.userId } : { publishedAt: null, publishedBy: null })
        .where(
          and(eq(initiatives.id, id), publish ? isNull(initiatives.publishedAt) : isNotNull(initiatives.publishedAt)),
        )
        .returning();
      if (!changed)
        return conflict(publish ? 'This initiative is already published.' : 'This initiative is not published.');
      await writeAudit(db, {
        action: publish ? 'initiative.published' : 'initiative.unpublished',
        actorUserId: actor!.userId,
        subjectType: 'initiative',
        subjectId: id,
        ip: actor!.ip,
      });
      // What the public reads changed (the registry, mandate pages): public pages kept in memory are dropped.
      events.emit('results.changed', { reason: 'published' });
      return ok(await view(actor, id));
    },

    /** External funding, recorded by the Secretariat; each participant then agrees (or not) to its publication. */
    async addFunding(actor: Viewer, id: string, input: unknown): Promise<Outcome<InitiativeView>> {
      if (!can(actor, RECORD)) return forbidden('Only the Summits Secretariat records funding.');
      const current = await row(id);
      if (!current) return notFound('This initiative does not exist.');
      const parsed = fundingSchema.safeParse(input);
      if (!parsed.success) return invalid(NOTHING_SAVED, fieldErrorsFrom(parsed.error.issues));
      const participants = await participantsOf(db, id);
      await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(initiativeFunding)
          .values({
            initiativeId: id,
            source: parsed.data.source,
            amount: parsed.data.amount.toFixed(2),
            currency: parsed.data.currency,
            createdBy: actor!.userId,
            createdAt: now(),
          })
          .returning();
        await writeAudit(tx, {
          action: 'initiative.funding_recorded',
          actorUserId: actor!.userId,
          subjectType: 'initiative',
          subjectId: id,
          data: { fundingId: created.id, source: created.source, amount: created.amount, currency: created.currency },
          ip: actor!.ip,
        });
        await notifyParticipants(
          tx,
          participants.map((p) => p.organizationId),
          {
            kind: 'initiative.funding',
            link: `/initiatives/${id}`,
            subject: 'Funding of a cooperation initiative waits for your agreement',
            body: `The Summits Secretariat recorded external funding for the initiative "${current.title}". It is published only when every participant has agreed.`,
            data: { title: current.title },
          },
        );
      });
      return ok(await view(actor, id));
    },

    /** A participant's focal point agrees, for its organization, that the funding may be published. */
    async agreeFunding(
      actor: Viewer,
      fundingId: string,
      scope: InitiativeScope = {},
    ): Promise<Outcome<InitiativeView>> {
      const within = scopeCondition(initiativeFunding.initiativeId, scope);
      const [funding] =
        within !== null && z.uuid().safeParse(fundingId).success
          ? await db
              .select()
              .from(initiativeFunding)
              .where(and(eq(initiativeFunding.id, fundingId), within))
          : [];
      const access = funding ? await accessTo(actor, funding.initiativeId) : null;
      if (!funding || !access) return notFound('This funding does not exist.');
      if (!access.participantOrganizationId || !access.focalPoint)
        return forbidden('Only a focal point of a participant organization agrees to publishing the funding.');
      const rows = await db
        .insert(initiativeFundingAgreements)
        .values({
          fundingId,
          organizationId: access.participantOrganizationId,
          agreedBy: actor!.userId,
          agreedAt: now(),
        })
        .onConflictDoNothing()
        .returning();
      if (!rows.length) return conflict('Your organization has already agreed to publishing this funding.');
      await writeAudit(db, {
        action: 'initiative.funding_agreed',
        actorUserId: actor!.userId,
        organizationId: access.participantOrganizationId,
        subjectType: 'initiative',
        subjectId: funding.initiativeId,
        data: { fundingId },
        ip: actor!.ip,
      });
      return ok(await fullView(access));
    },

    /** The Secretariat logs an outcome; it waits for every participant's agreement. */
    async logOutcome(actor: Viewer, id: string, input: unknown): Promise<Outcome<InitiativeOutcomeRow>> {
      if (!can(actor, RECORD))
        return forbidden('Only the Summits Secretariat logs outcomes; participants propose them.');
      const current = await row(id);
      if (!current) return notFound('This initiative does not exist.');
      const participants = await participantsOf(db, id);
      return insertOutcome(
        actor!,
        current,
        participants.map((p) => p.organizationId),
        input,
        { byOrganizationId: null },
      );
    },

    /** A participant's focal point proposes an outcome; its own agreement is recorded with it. */
    async proposeOutcome(actor: Viewer, id: string, input: unknown): Promise<Outcome<InitiativeOutcomeRow>> {
      const access = await accessTo(actor, id);
      if (!access) return notFound('This initiative does not exist.');
      if (!access.participantOrganizationId || !access.focalPoint)
        return forbidden('Only a focal point of a participant organization proposes outcomes.');
      return insertOutcome(
        actor!,
        access.initiative,
        access.participants.map((p) => p.organizationId),
        input,
        { byOrganizationId: access.participantOrganizationId },
      );
    },

    /**
     * A correction: a new version of the outcome, never an edit in place. The earlier version stays (and stays public
     * if it was published) until the new one is agreed and published.
     */
    async correctOutcome(
      actor: Viewer,
      outcomeId: string,
      input: unknown,
      scope: InitiativeScope = {},
    ): Promise<Outcome<InitiativeOutcomeRow>> {
      const found = await outcomeAccess(actor, outcomeId, scope);
      if (!found) return notFound('This outcome does not exist.');
      const { outcome, access } = found;
      if (!access.secretariat && !(access.participantOrganizationId && access.focalPoint))
        return forbidden('Only the Secretariat or a participant’s focal point corrects an outcome.');
      const [latest] = await db
        .select({ version: initiativeOutcomes.version })
        .from(initiativeOutcomes)
        .where(eq(initiativeOutcomes.seriesId, outcome.seriesId))
        .orderBy(desc(initiativeOutcomes.version))
        .limit(1);
      try {
        return await insertOutcome(
          actor!,
          access.initiative,
          access.participants.map((p) => p.organizationId),
          input,
          {
            seriesId: outcome.seriesId,
            version: latest.version + 1,
            byOrganizationId: access.secretariat ? null : access.participantOrganizationId,
          },
        );
      } catch (error) {
        if (
          String((error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code) === '23505'
        )
          return conflict('Someone corrected this outcome at the same time; reload and try again.');
        throw error;
      }
    },

    /** A participant's focal point agrees to an outcome for its organization; with every participant's agreement it is agreed. */
    async agreeOutcome(
      actor: Viewer,
      outcomeId: string,
      scope: InitiativeScope = {},
    ): Promise<Outcome<InitiativeOutcomeRow>> {
      const found = await outcomeAccess(actor, outcomeId, scope);
      if (!found) return notFound('This outcome does not exist.');
      const { outcome, access } = found;
      if (!access.participantOrganizationId || !access.focalPoint)
        return forbidden('Only a focal point of a participant organization agrees to an outcome.');
      if (outcome.status !== 'proposed')
        return conflict('This outcome no longer waits for agreement; nothing was changed.');
      const agreed = await db.transaction(async (tx) => {
        const rows = await tx
          .insert(initiativeOutcomeAgreements)
          .values({
            outcomeId,
            organizationId: access.participantOrganizationId!,
            agreedBy: actor!.userId,
            agreedAt: now(),
          })
          .onConflictDoNothing()
          .returning();
        if (!rows.length) return false;
        const settled = await settleOutcome(tx, outcomeId, outcome.initiativeId);
        await writeAudit(tx, {
          action: 'initiative.outcome_agreed',
          actorUserId: actor!.userId,
          organizationId: access.participantOrganizationId,
          subjectType: 'initiative',
          subjectId: outcome.initiativeId,
          data: { outcomeId, agreedByAll: settled },
          ip: actor!.ip,
        });
        if (settled)
          await notifySecretariat(tx, {
            kind: 'initiative.outcome',
            link: `/initiatives/${outcome.initiativeId}`,
            subject: 'Every participant agreed to an outcome',
            body: `Every participant agreed to an outcome of the initiative "${access.initiative.title}". It can be published.`,
            data: { title: access.initiative.title },
          });
        return true;
      });
      if (!agreed) return conflict('Your organization has already agreed to this outcome.');
      return ok((await db.select().from(initiativeOutcomes).where(eq(initiativeOutcomes.id, outcomeId)))[0]);
    },

    /** The Secretariat publishes an outcome every participant agreed to (accepting a participant's proposal). */
    async publishOutcome(
      actor: Viewer,
      outcomeId: string,
      scope: InitiativeScope = {},
    ): Promise<Outcome<InitiativeOutcomeRow>> {
      if (!can(actor, RECORD)) return forbidden('Only the Summits Secretariat publishes outcomes.');
      const found = await outcomeAccess(actor, outcomeId, scope);
      if (!found) return notFound('This outcome does not exist.');
      const [published] = await db
        .update(initiativeOutcomes)
        .set({ status: 'published', publishedAt: now(), publishedBy: actor!.userId })
        .where(and(eq(initiativeOutcomes.id, outcomeId), eq(initiativeOutcomes.status, 'agreed')))
        .returning();
      if (!published) return conflict('Only an outcome every participant agreed to can be published.');
      await writeAudit(db, {
        action: 'initiative.outcome_published',
        actorUserId: actor!.userId,
        subjectType: 'initiative',
        subjectId: published.initiativeId,
        data: { outcomeId, seriesId: published.seriesId, version: published.version },
        ip: actor!.ip,
      });
      events.emit('results.changed', { reason: 'published' });
      return ok(published);
    },

    /** The Secretariat declines a proposed outcome, with a reason kept for the participants. */
    async declineOutcome(
      actor: Viewer,
      outcomeId: string,
      reasonInput: unknown,
      scope: InitiativeScope = {},
    ): Promise<Outcome<InitiativeOutcomeRow>> {
      if (!can(actor, RECORD)) return forbidden('Only the Summits Secretariat declines outcomes.');
      const reason = reasonSchema.safeParse(reasonInput);
      if (!reason.success)
        return invalid(reason.error.issues[0].message, { reason: reason.error.issues.map((i) => i.message) });
      const found = await outcomeAccess(actor, outcomeId, scope);
      if (!found) return notFound('This outcome does not exist.');
      const [declined] = await db
        .update(initiativeOutcomes)
        .set({ status: 'declined', declinedReason: reason.data })
        .where(and(eq(initiativeOutcomes.id, outcomeId), inArray(initiativeOutcomes.status, ['proposed', 'agreed'])))
        .returning();
      if (!declined) return conflict('Only an outcome that is not published can be declined.');
      await writeAudit(db, {
        action: 'initiative.outcome_declined',
        actorUserId: actor!.userId,
        subjectType: 'initiative',
        subjectId: declined.initiativeId,
        data: { outcomeId, reason: reason.data },
        ip: actor!.ip,
      });
      return ok(declined);
    },

    /** A participant's focal point proposes changes (title, summary, forms, dates, status); the Secretariat decides. */
    async proposeUpdate(actor: Viewer, id: string, input: unknown): Promise<Outcome<InitiativeUpdateRow>> {
      const access = await accessTo(actor, id);
      if (!access) return notFound('This initiative does not exist.');
      if (!access.participantOrganizationId || !access.focalPoint)
        return forbidden('Only a focal point of a participant organization proposes updates.');
      const parsed = changesSchema.safeParse(input);
      if (!parsed.success) return invalid(NOTHING_SAVED, fieldErrorsFrom(parsed.error.issues));
      const { note, ...changes } = parsed.data;
      const kept = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as InitiativeChanges;
      const problem = periodProblem(
        kept.startsOn ?? access.initiative.startsOn,
        kept.endsOn ?? access.initiative.endsOn,
      );
      if (problem) return invalid(NOTHING_SAVED, { endsOn: [problem] });
      if (
        kept.status &&
        kept.status !== access.initiative.status &&
        !NEXT_STATUS[access.initiative.status].includes(kept.status)
      )
        return invalid(NOTHING_SAVED, { status: ['The initiative cannot move to this status from its current one.'] });
      const created = await db.transaction(async (tx) => {
        const [r] = await tx
          .insert(initiativeUpdates)
          .values({
            initiativeId: id,
            organizationId: access.participantOrganizationId!,
            changes: kept,
            note: note || null,
            proposedBy: actor!.userId,
            proposedAt: now(),
          })
          .returning();
        await writeAudit(tx, {
          action: 'initiative.update_proposed',
          actorUserId: actor!.userId,
          organizationId: access.participantOrganizationId,
          subjectType: 'initiative',
          subjectId: id,
          data: { updateId: r.id, changes: kept },
          ip: actor!.ip,
        });
        await notifySecretariat(tx, {
          kind: 'initiative.update_proposed',
          link: `/initiatives/${id}`,
          subject: 'A participant proposed an update to a cooperation initiative',
          body: `A participant proposed an update to the initiative "${access.initiative.title}". Accept or decline it.`,
          data: { title: access.initiative.title },
        });
        return r;
      });
      return ok(created);
    },

    /** The Secretariat accepts (applying the changes, with a status change's effects) or declines a proposed update. */
    async decideUpdate(
      actor: Viewer,
      updateId: string,
      decisionInput: unknown,
      scope: InitiativeScope = {},
    ): Promise<Outcome<InitiativeView>> {
      if (!can(actor, RECORD)) return forbidden('Only the Summits Secretariat accepts or declines proposed updates.');
      const decision = z.enum(['accept', 'decline']).safeParse(decisionInput);
      if (!decision.success) return invalid('Accept or decline.');
      const within = scopeCondition(initiativeUpdates.initiativeId, scope);
      const [update] =
        within !== null && z.uuid().safeParse(updateId).success
          ? await db
              .select()
              .from(initiativeUpdates)
              .where(and(eq(initiativeUpdates.id, updateId), within))
          : [];
      if (!update) return notFound('This proposed update does not exist.');
      const current = (await row(update.initiativeId))!;
      const { status, ...fields } = update.changes;
      if (decision.data === 'accept') {
        if (status && status !== current.status && !NEXT_STATUS[current.status].includes(status))
          return conflict('The initiative cannot move to this status from its current one.');
        const merged = { startsOn: fields.startsOn ?? current.startsOn, endsOn: fields.endsOn ?? current.endsOn };
        const problem = periodProblem(merged.startsOn, merged.endsOn);
        if (problem) return conflict(`${problem} Decline this update.`);
      }
      const at = now();
      const result = await db
        .transaction(async (tx) => {
          const [decided] = await tx
            .update(initiativeUpdates)
            .set({
              status: decision.data === 'accept' ? 'accepted' : 'declined',
              decidedBy: actor!.userId,
              decidedAt: at,
            })
            .where(and(eq(initiativeUpdates.id, updateId), eq(initiativeUpdates.status, 'pending')))
            .returning();
          if (!decided) return null;
          let requestIds: string[] = [];
          let offerIds: string[] = [];
          if (decision.data === 'accept') {
            if (Object.keys(fields).length)
              await tx
                .update(initiatives)
                .set({ ...fields, updatedAt: at })
                .where(eq(initiatives.id, current.id));
            if (status && status !== current.status) {
              const applied = await applyStatus(tx, current, status, at);
              if (!applied) throw new StatusRace();
              requestIds = applied.requestIds;
              offerIds = applied.offerIds;
            }
          }
          await writeAudit(tx, {
            action: `initiative.update_${decided.status}`,
            actorUserId: actor!.userId,
            organizationId: update.organizationId,
            subjectType: 'initiative',
            subjectId: current.id,
            data: { updateId, changes: update.changes, requestsMoved: requestIds },
            ip: actor!.ip,
          });
          await notifyOrganization(tx, update.organizationId, {
            kind: `initiative.update_${decided.status}`,
            link: `/initiatives/${current.id}`,
            subject:
              decided.status === 'accepted'
                ? 'The Secretariat accepted your proposed update'
                : 'The Secretariat declined your proposed update',
            body:
              decided.status === 'accepted'
                ? `Your proposed update to the initiative "${current.title}" was accepted.`
                : `Your proposed update to the initiative "${current.title}" was declined.`,
            data: { title: current.title },
          });
          return { requestIds, offerIds };
        })
        .catch((error) => {
          if (error instanceof StatusRace) return 'race' as const;
          if (error instanceof NoCapacity) return 'full' as const;
          throw error;
        });
      if (result === 'race')
        return conflict('The initiative changed meanwhile; nothing was changed. Reload and try again.');
      if (result === 'full') return conflict(NO_CAPACITY);
      if (!result) return conflict('This update was already decided.');
      emitChanges(result.requestIds, result.offerIds);
      return ok(await view(actor, current.id));
    },

    /** The full record for the Secretariat and the participants' members; "not found" for anyone else. */
    /**
     * Whether the viewer may open the Secretariat's pages of an initiative: the service's refusal, so that the
     * page's 403 gives its reason in the reader's language (outside tester: the route's own sentence stayed English).
     */
    mayManage(viewer: Viewer): Outcome<null> {
      return viewer && can(viewer, RECORD) ? ok(null) : forbidden('Only the Summits Secretariat manages initiatives.');
    },

    async get(viewer: Viewer, id: string): Promise<Outcome<InitiativeView>> {
      const access = await accessTo(viewer, id);
      if (!access) return notFound('This initiative does not exist.');
      return ok(await fullView(access));
    },

    /** Every initiative for the Secretariat; its organization's for a member of a State or JSWG organization. */
    async list(actor: Viewer) {
      if (!actor) return forbidden('Log in to see your organization’s initiatives.');
      const scope = can(actor, RECORD)
        ? undefined
        : inArray(
            initiatives.id,
            db
              .select({ id: initiativeParticipants.initiativeId })
              .from(initiativeParticipants)
              .where(eq(initiativeParticipants.organizationId, actor.organizationId)),
          );
      const rows = await db.select().from(initiatives).where(scope).orderBy(desc(initiatives.createdAt)).limit(500);
      const pending = rows.length
        ? await db
            .select({ id: initiativeUpdates.initiativeId, n: count() })
            .from(initiativeUpdates)
            .where(
              and(
                inArray(
                  initiativeUpdates.initiativeId,
                  rows.map((r) => r.id),
                ),
                eq(initiativeUpdates.status, 'pending'),
              ),
            )
            .groupBy(initiativeUpdates.initiativeId)
        : [];
      return ok(rows.map((r) => ({ ...r, pendingUpdates: pending.find((p) => p.id === r.id)?.n ?? 0 })));
    },

    /** Confirmed matches not yet an initiative: the Secretariat's one-click list. */
    async confirmedMatchesWithoutInitiative(actor: Viewer) {
      if (!can(actor, RECORD)) return forbidden('Only the Summits Secretariat registers cooperation initiatives.');
      const rows = await db
        .select({ id: matches.id, requestTitle: assistanceRequests.title, confirmedAt: matches.confirmedAt })
        .from(matches)
        .innerJoin(assistanceRequests, eq(assistanceRequests.id, matches.requestId))
        .where(
          and(
            eq(matches.status, 'confirmed'),
            notExists(
              db
                .select({ one: sql`1` })
                .from(initiativeLinks)
                .where(eq(initiativeLinks.matchId, matches.id)),
            ),
          ),
        )
        .orderBy(desc(matches.confirmedAt));
      return ok(rows);
    },

    /** Organizations that can take part (the create form's choices). */
    async participantChoices() {
      return db
        .select({
          id: organizations.id,
          code: organizations.code,
          nameEn: organizations.nameEn,
          nameEs: organizations.nameEs,
          kind: organizations.kind,
        })
        .from(organizations)
        .where(and(eq(organizations.active, true), or(eq(organizations.kind, 'state'), eq(organizations.kind, 'jswg'))))
        .orderBy(asc(organizations.code));
    },
  };

  return service;
}

class StatusRace extends Error {}
/** An offer the initiative would take a place in has none left; the transaction rolls back. */
class NoCapacity extends Error {
  constructor(readonly offerIds: string[]) {
    super('No place left in the offer');
  }
}
const NO_CAPACITY =
  'An offer of this initiative has no place left: every place is taken by a match or another planned or in-progress initiative. Nothing was changed.';
const holdsPlace = (status: InitiativeStatus) => status === 'planned' || status === 'in_progress';

/** Mandate sections by mandate number of the current commitment, for the public charts (null: no section established). */
export async function sectionsByMandate(db: Database): Promise<Map<number, string | null>> {
  const [commitment] = await db
    .select({ id: commitments.id })
    .from(commitments)
    .orderBy(desc(commitments.adoptedOn))
    .limit(1);
  if (!commitment) return new Map();
  const rows = await db
    .select({ number: mandates.number, section: sections.code })
    .from(mandates)
    .leftJoin(sections, eq(sections.id, mandates.sectionId))
    .where(eq(mandates.commitmentId, commitment.id));
  return new Map(rows.map((r) => [r.number, r.section]));
}
