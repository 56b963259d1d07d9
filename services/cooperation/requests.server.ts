import { and, asc, desc, eq, inArray, isNotNull, isNull, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  assistanceRequests,
  mandates,
  organizations,
  requestMandates,
  type AssistanceRequestRow,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { conflict, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import {
  checkOwnText,
  guardForOthers,
  sourcesOf,
  WITHHELD_PUBLISH_MESSAGE,
  withheldRepeatedIn,
} from './answer-links.server';
import {
  cooperationFields,
  optionalDate,
  validateCooperationInput,
  withMandatesAndOrganization,
} from './common.server';

export const requestInputSchema = z.object({
  ...cooperationFields,
  neededFrom: optionalDate,
  neededTo: optionalDate,
});
export type RequestInput = z.input<typeof requestInputSchema>;

export interface RequestView extends Omit<
  AssistanceRequestRow,
  'sourceAnswerId' | 'createdBy' | 'pendingUpdate' | 'ownTextAt'
> {
  /** Drafted from the State's Q4 answer (the answer itself stays internal). */
  fromAnswer: boolean;
  mandates: number[];
  organizationCode: string;
  organizationNameEn: string;
  organizationNameEs: string;
}

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
}

/** Assistance requests: a State's technical-assistance needs, drafted by its members, published by its focal points. */
export function createRequestsService({ db, events, now }: Deps) {
  /**
   * The requests as `viewer` may read them. For anyone but the requesting State, a request whose Q4 answer became
   * withheld (decision 014) is not published and does not show the withheld text, even before the reconciliation
   * after the non-disclosure request has run. Lists for the public, the engine and the board pass no viewer.
   */
  async function load(ids: string[], viewer: Viewer = null): Promise<RequestView[]> {
    if (!ids.length) return [];
    const fetched = await db
      .select({
        row: assistanceRequests,
        code: organizations.code,
        nameEn: organizations.nameEn,
        nameEs: organizations.nameEs,
      })
      .from(assistanceRequests)
      .innerJoin(organizations, eq(organizations.id, assistanceRequests.organizationId))
      .where(inArray(assistanceRequests.id, ids));
    const sources = await sourcesOf(
      db,
      fetched.map((r) => r.row.sourceAnswerId),
      now(),
    );
    const rows = fetched.map((r) => {
      if (viewer?.organizationId === r.row.organizationId) return r;
      const guarded = guardForOthers('request', r.row, sources);
      return guarded.hide ? { ...r, row: { ...guarded.item, publishedAt: null } } : r;
    });
    const links = await db
      .select({ ownerId: requestMandates.requestId, number: mandates.number })
      .from(requestMandates)
      .innerJoin(mandates, eq(mandates.id, requestMandates.mandateId))
      .where(inArray(requestMandates.requestId, ids))
      .orderBy(asc(mandates.number));
    // The source answer and the author stay internal.
    return withMandatesAndOrganization(
      ids,
      rows,
      links,
      ({ sourceAnswerId, createdBy: _c, pendingUpdate: _p, ownTextAt: _o, ...request }) => ({
        ...request,
        fromAnswer: !!sourceAnswerId,
      }),
    );
  }

  const validate = (input: unknown) =>
    validateCooperationInput(db, requestInputSchema, input, { from: 'neededFrom', to: 'neededTo' });

  async function getRow(id: string) {
    if (!z.uuid().safeParse(id).success) return undefined;
    const [row] = await db.select().from(assistanceRequests).where(eq(assistanceRequests.id, id)).limit(1);
    return row;
  }

  return {
    async create(actor: Viewer, input: unknown, options: { publish?: boolean } = {}): Promise<Outcome<RequestView>> {
      if (!actor || !can(actor, { action: 'request.draft', organizationId: actor.organizationId }))
        return forbidden('Only members of a State can post assistance requests.');
      if (options.publish && !can(actor, { action: 'request.publish', organizationId: actor.organizationId }))
        return forbidden('Only the National Coordinator or the deputy focal point can publish a request.');
      const checked = await validate(input);
      if (checked.failure) return checked.failure;
      const { data, mandateIds } = checked;
      const at = now();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(assistanceRequests)
          .values({
            organizationId: actor.organizationId,
            title: data.title,
            description: data.description,
            types: data.types,
            languages: data.languages,
            modality: data.modality,
            neededFrom: data.neededFrom ?? null,
            neededTo: data.neededTo ?? null,
            publishedAt: options.publish ? at : null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          })
          .returning({ id: assistanceRequests.id });
        await tx.insert(requestMandates).values(mandateIds.map((mandateId) => ({ requestId: row.id, mandateId })));
        await writeAudit(tx, {
          action: options.publish ? 'request.published' : 'request.created',
          actorUserId: actor.userId,
          organizationId: actor.organizationId,
          subjectType: 'assistance_request',
          subjectId: row.id,
          ip: actor.ip,
        });
        return row.id;
      });
      events.emit('cooperation.changed', { kind: 'request', id });
      return ok((await load([id], actor))[0]);
    },

    async update(actor: Viewer, id: string, input: unknown): Promise<Outcome<RequestView>> {
      const row = await getRow(id);
      if (
        !row ||
        !can(actor, { action: 'request.view', organizationId: row.organizationId, published: !!row.publishedAt })
      )
        return notFound('This request does not exist.');
      if (!can(actor, { action: 'request.draft', organizationId: row.organizationId }))
        return forbidden('Only members of the requesting State can change this request.');
      if (row.status !== 'open')
        return conflict('This request is already being brokered or is closed; it can no longer be edited.');
      const checked = await validate(input);
      if (checked.failure) return checked.failure;
      // Whatever the status, the organization's own edit may not put the withheld answer back into it (decision 014).
      const repeated = row.sourceAnswerId
        ? withheldRepeatedIn((await sourcesOf(db, [row.sourceAnswerId], now())).get(row.sourceAnswerId), checked.data)
        : null;
      if (repeated) return repeated;
      const { data, mandateIds } = checked;
      // The checks above read the row; the WHERE repeats them (same organization, still open), so a withdrawal or a
      // match that lands meanwhile makes this a conflict instead of an edit of a closed request.
      const edited = await db.transaction(async (tx) => {
        const [changed] = await tx
          .update(assistanceRequests)
          .set({
            title: data.title,
            description: data.description,
            types: data.types,
            languages: data.languages,
            modality: data.modality,
            neededFrom: data.neededFrom ?? null,
            neededTo: data.neededTo ?? null,
            updatedAt: now(),
          })
          .where(
            and(
              eq(assistanceRequests.id, id),
              eq(assistanceRequests.organizationId, row.organizationId),
              eq(assistanceRequests.status, 'open'),
            ),
          )
          .returning({ id: assistanceRequests.id });
        if (!changed) return false;
        await tx.delete(requestMandates).where(eq(requestMandates.requestId, id));
        await tx.insert(requestMandates).values(mandateIds.map((mandateId) => ({ requestId: id, mandateId })));
        await writeAudit(tx, {
          action: 'request.updated',
          actorUserId: actor!.userId,
          organizationId: row.organizationId,
          subjectType: 'assistance_request',
          subjectId: id,
          ip: actor!.ip,
        });
        return true;
      });
      if (!edited) return conflict('This request is already being brokered or is closed; it can no longer be edited.');
      events.emit('cooperation.changed', { kind: 'request', id });
      return ok((await load([id], actor))[0]);
    },

    /**
     * Publishes a draft. When the State's Q4 answer it came from is withheld (pending or granted non-disclosure),
     * publishing needs `input`, the title and description the State writes for others to read, and refuses a text
     * that repeats the withheld answer (decision 014).
     */
    async publish(actor: Viewer, id: string, input?: unknown): Promise<Outcome<RequestView>> {
      const row = await getRow(id);
      if (
        !row ||
        !can(actor, { action: 'request.view', organizationId: row.organizationId, published: !!row.publishedAt })
      )
        return notFound('This request does not exist.');
      if (!can(actor, { action: 'request.publish', organizationId: row.organizationId }))
        return forbidden('Only the National Coordinator or the deputy focal point can publish a request.');
      if (row.publishedAt) return conflict('This request is already published.');
      if (row.status === 'withdrawn') return conflict('This request was withdrawn.');
      const source = row.sourceAnswerId
        ? (await sourcesOf(db, [row.sourceAnswerId], now())).get(row.sourceAnswerId)
        : undefined;
      let ownText: { title: string; description: string } | undefined;
      if (source?.withheld) {
        if (input === undefined) return conflict(WITHHELD_PUBLISH_MESSAGE);
        const checked = checkOwnText(input, source);
        if ('failure' in checked) return checked.failure;
        ownText = checked.text;
      } else if (row.description.trim().length < 30) {
        return invalid('Describe it in at least 30 characters: what, for whom, and what result is expected.', {
          description: ['Describe it in at least 30 characters: what, for whom, and what result is expected.'],
        });
      }
      const at = now();
      // Still unpublished and not withdrawn, in the same organization: of two concurrent publishes (or a publish and a
      // withdrawal) one wins and the other is told, instead of both succeeding.
      const madePublic = await db.transaction(async (tx) => {
        const [changed] = await tx
          .update(assistanceRequests)
          .set({
            ...(ownText ? { ...ownText, ownTextAt: at } : {}),
            publishedAt: at,
            heldAt: null,
            pendingUpdate: null,
            updatedAt: at,
          })
          .where(
            and(
              eq(assistanceRequests.id, id),
              eq(assistanceRequests.organizationId, row.organizationId),
              isNull(assistanceRequests.publishedAt),
              notInArray(assistanceRequests.status, ['withdrawn']),
            ),
          )
          .returning({ id: assistanceRequests.id });
        if (!changed) return false;
        await writeAudit(tx, {
          action: 'request.published',
          actorUserId: actor!.userId,
          organizationId: row.organizationId,
          subjectType: 'assistance_request',
          subjectId: id,
          ip: actor!.ip,
          data: ownText ? { ownTextForWithheldAnswer: true } : undefined,
        });
        return true;
      });
      if (!madePublic)
        return (await getRow(id))?.status === 'withdrawn'
          ? conflict('This request was withdrawn.')
          : conflict('This request is already published.');
      events.emit('cooperation.changed', { kind: 'request', id });
      return ok((await load([id], actor))[0]);
    },

    async withdraw(actor: Viewer, id: string): Promise<Outcome<RequestView>> {
      const row = await getRow(id);
      if (
        !row ||
        !can(actor, { action: 'request.view', organizationId: row.organizationId, published: !!row.publishedAt })
      )
        return notFound('This request does not exist.');
      const allowed = can(actor, { action: 'request.withdraw', organizationId: row.organizationId });
      if (!allowed) return forbidden('Only the State’s focal points or the Secretariat can withdraw this request.');
      if (row.status === 'withdrawn' || row.status === 'fulfilled')
        return conflict(`This request is already ${row.status}.`);
      const withdrawn = await db.transaction(async (tx) => {
        const [changed] = await tx
          .update(assistanceRequests)
          .set({ status: 'withdrawn', withdrawnAt: now(), updatedAt: now() })
          .where(
            and(
              eq(assistanceRequests.id, id),
              eq(assistanceRequests.organizationId, row.organizationId),
              notInArray(assistanceRequests.status, ['withdrawn', 'fulfilled']),
            ),
          )
          .returning({ id: assistanceRequests.id });
        if (!changed) return false;
        await writeAudit(tx, {
          action: 'request.withdrawn',
          actorUserId: actor!.userId,
          organizationId: row.organizationId,
          subjectType: 'assistance_request',
          subjectId: id,
          ip: actor!.ip,
        });
        return true;
      });
      if (!withdrawn) return conflict(`This request is already ${(await getRow(id))?.status ?? 'withdrawn'}.`);
      events.emit('cooperation.changed', { kind: 'request', id });
      return ok((await load([id], actor))[0]);
    },

    async get(viewer: Viewer, id: string): Promise<Outcome<RequestView>> {
      const row = await getRow(id);
      const [shown] = row ? await load([id], viewer) : [];
      // Another State's draft is "not found", not "forbidden": its existence is not disclosed either.
      if (
        !row ||
        !shown ||
        !can(viewer, { action: 'request.view', organizationId: row.organizationId, published: !!shown.publishedAt })
      )
        return notFound('This request does not exist.');
      return ok(shown);
    },

    /** The viewer's own organization's requests (drafts included), newest first. */
    async listOwn(actor: Actor): Promise<RequestView[]> {
      const rows = await db
        .select({ id: assistanceRequests.id })
        .from(assistanceRequests)
        .where(eq(assistanceRequests.organizationId, actor.organizationId))
        .orderBy(desc(assistanceRequests.createdAt));
      return load(
        rows.map((r) => r.id),
        actor,
      );
    },

    /** Published requests, for the Secretariat's brokering and the public directory (as anyone but the State reads them). */
    async listPublished(): Promise<RequestView[]> {
      const rows = await db
        .select({ id: assistanceRequests.id })
        .from(assistanceRequests)
        .where(isNotNull(assistanceRequests.publishedAt))
        .orderBy(desc(assistanceRequests.publishedAt));
      return (await load(rows.map((r) => r.id))).filter((r) => r.publishedAt);
    },

    load,
    getRow,
  };
}
export type RequestsService = ReturnType<typeof createRequestsService>;
