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
import type { Modality } from '../../matching/types';
import type { Actor, Viewer } from '../actor';
import type { DomainEventBus } from '../events';
import { guardForOthers, sourcesOf } from './answer-links.server';
import {
  cooperationFields,
  draftFields,
  optionalDate,
  validateCooperationInput,
  withMandatesAndOrganization,
} from './common.server';
import { cooperationItemChanges } from './cooperation-item.server';

export const requestInputSchema = z.object({
  ...cooperationFields,
  neededFrom: optionalDate,
  neededTo: optionalDate,
});
export type RequestInput = z.input<typeof requestInputSchema>;
/** A draft: only the title is required (issue 15 item 6); publishing checks the rest. */
export const requestDraftSchema = z.object({
  ...draftFields,
  neededFrom: optionalDate,
  neededTo: optionalDate,
});

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

/** A request with everything publishing requires: what the matching engine may read (never an incomplete draft). */
export type CompleteRequestView = RequestView & { modality: Modality };
export const isCompleteRequest = (r: RequestView): r is CompleteRequestView =>
  r.modality !== null && r.types.length > 0 && r.languages.length > 0 && r.mandates.length > 0;

type RequestData = z.output<typeof requestDraftSchema>;

/** The columns a request's form writes; a draft may leave modality open (null). */
const columns = (data: RequestData) => ({
  title: data.title,
  description: data.description,
  types: data.types,
  languages: data.languages,
  modality: data.modality ?? null,
  neededFrom: data.neededFrom ?? null,
  neededTo: data.neededTo ?? null,
});

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

  async function getRow(id: string) {
    if (!z.uuid().safeParse(id).success) return undefined;
    const [row] = await db.select().from(assistanceRequests).where(eq(assistanceRequests.id, id)).limit(1);
    return row;
  }

  const changes = cooperationItemChanges(
    { db, events, now },
    {
      kind: 'request',
      subjectType: 'assistance_request',
      actions: {
        view: 'request.view',
        draft: 'request.draft',
        publish: 'request.publish',
        withdraw: 'request.withdraw',
      },
      messages: {
        notFound: 'This request does not exist.',
        createForbidden: 'Only members of a State can post assistance requests.',
        editForbidden: 'Only members of the requesting State can change this request.',
        publishForbidden: 'Only the National Coordinator or the deputy focal point can publish a request.',
        withdrawForbidden: 'Only the State’s focal points or the Secretariat can withdraw this request.',
      },
      getRow,
      load,
      isPublished: (row) => !!row.publishedAt,
      isDraft: (row) => !row.publishedAt,
      refusal(change, row) {
        if (change === 'edit')
          return row.status === 'open'
            ? null
            : 'This request is already being brokered or is closed; it can no longer be edited.';
        if (change === 'publish') {
          if (row.status === 'withdrawn') return 'This request was withdrawn.';
          return row.publishedAt ? 'This request is already published.' : null;
        }
        return row.status === 'withdrawn' || row.status === 'fulfilled'
          ? row.status === 'withdrawn'
            ? 'This request was withdrawn.'
            : 'This request is already fulfilled.'
          : null;
      },
      validate: (input, draft) =>
        validateCooperationInput(db, draft ? requestDraftSchema : requestInputSchema, input, {
          from: 'neededFrom',
          to: 'neededTo',
        }),
      async insert(tx, { data, actor, publish, at }) {
        const [row] = await tx
          .insert(assistanceRequests)
          .values({
            ...columns(data),
            organizationId: actor.organizationId,
            publishedAt: publish ? at : null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          })
          .returning({ id: assistanceRequests.id });
        return row.id;
      },
      async update(tx, change, id, organizationId, set) {
        // The WHERE repeats the refusal's checks: still open to edit; unpublished and not withdrawn to publish; not
        // withdrawn or fulfilled to withdraw. A change that lands meanwhile makes this one a conflict.
        const allowed =
          change === 'edit'
            ? eq(assistanceRequests.status, 'open')
            : change === 'publish'
              ? and(isNull(assistanceRequests.publishedAt), notInArray(assistanceRequests.status, ['withdrawn']))
              : notInArray(assistanceRequests.status, ['withdrawn', 'fulfilled']);
        const [updated] = await tx
          .update(assistanceRequests)
          .set({
            ...(set as Partial<AssistanceRequestRow>),
            ...(change === 'withdraw' ? { status: 'withdrawn' as const, withdrawnAt: now() } : {}),
          })
          .where(and(eq(assistanceRequests.id, id), eq(assistanceRequests.organizationId, organizationId), allowed))
          .returning({ id: assistanceRequests.id });
        return !!updated;
      },
      columns,
      async replaceMandates(tx, id, mandateIds) {
        await tx.delete(requestMandates).where(eq(requestMandates.requestId, id));
        if (mandateIds.length)
          await tx.insert(requestMandates).values(mandateIds.map((mandateId) => ({ requestId: id, mandateId })));
      },
      async mandateCount(id) {
        return (await db.select().from(requestMandates).where(eq(requestMandates.requestId, id))).length;
      },
    },
  );

  return {
    // create, update, publish, withdraw, get: the flow shared with the other kind (cooperation-item.server.ts).
    ...changes,

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

    /**
     * Published requests, for the Secretariat's brokering and the public directory (as anyone but the State reads
     * them). Publishing requires a complete request, so each has its modality (the type says so for the engine).
     */
    async listPublished(): Promise<CompleteRequestView[]> {
      const rows = await db
        .select({ id: assistanceRequests.id })
        .from(assistanceRequests)
        .where(isNotNull(assistanceRequests.publishedAt))
        .orderBy(desc(assistanceRequests.publishedAt));
      return (await load(rows.map((r) => r.id))).filter((r) => r.publishedAt).filter(isCompleteRequest);
    },

    load,
    getRow,
  };
}
export type RequestsService = ReturnType<typeof createRequestsService>;
