import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  commitments,
  cooperationOffers,
  mandates,
  offerMandates,
  organizations,
  type CooperationOfferRow,
} from '../../db/schema';
import type { Modality } from '../../matching/types';
import type { Actor, Viewer } from '../actor';
import type { DomainEventBus } from '../events';
import { guardForOthers, sourcesOf } from './answer-links.server';
import { cooperationItemChanges } from './cooperation-item.server';
import {
  cooperationFields,
  draftFields,
  optionalDate,
  validateCooperationInput,
  withMandatesAndOrganization,
} from './common.server';

export const offerInputSchema = z.object({
  ...cooperationFields,
  capacity: z.coerce
    .number('Say how many States it can support at once.')
    .int('Capacity is a whole number of States.')
    .min(0, 'Capacity cannot be below zero.')
    .max(100, 'Capacity above 100 States at once is not credible; check the number.'),
  funding: z
    .string()
    .trim()
    .max(500, 'Keep the funding note under 500 characters.')
    .optional()
    .transform((v) => v || undefined),
  validFrom: optionalDate,
  validTo: optionalDate,
});
export type OfferInput = z.input<typeof offerInputSchema>;
/** A draft: only the title is required (issue 15 item 6); publishing checks the rest, capacity included. */
export const offerDraftSchema = z.object({
  ...draftFields,
  capacity: z
    .literal('')
    .transform(() => undefined)
    .or(offerInputSchema.shape.capacity.optional()),
  funding: offerInputSchema.shape.funding,
  validFrom: optionalDate,
  validTo: optionalDate,
});

export interface OfferView extends Omit<
  CooperationOfferRow,
  'createdBy' | 'sourceAnswerId' | 'pendingUpdate' | 'ownTextAt'
> {
  /** Drafted from the organization's Q7 answer (the answer itself stays internal). */
  fromAnswer: boolean;
  mandates: number[];
  organizationCode: string;
  organizationNameEn: string;
  organizationNameEs: string;
}

/** An offer with everything publishing requires: what the matching engine may read (never an incomplete draft). */
export type CompleteOfferView = OfferView & { modality: Modality; capacity: number };
export const isCompleteOffer = (o: OfferView): o is CompleteOfferView =>
  o.modality !== null && o.capacity !== null && o.types.length > 0 && o.languages.length > 0 && o.mandates.length > 0;

type OfferData = z.output<typeof offerDraftSchema>;

/** The columns an offer's form writes; a draft may leave modality and capacity open (null). */
const columns = (data: OfferData) => ({
  title: data.title,
  description: data.description,
  types: data.types,
  languages: data.languages,
  modality: data.modality ?? null,
  capacity: data.capacity ?? null,
  funding: data.funding ?? null,
  validFrom: data.validFrom ?? null,
  validTo: data.validTo ?? null,
});

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
}

/** Cooperation offers: what JSWG organizations (and States, as peer support) can offer. Public once published. */
export function createOffersService({ db, events, now }: Deps) {
  /**
   * The offers as `viewer` may read them: for anyone but the offering organization, an offer whose Q7 answer became
   * withheld is not published and does not show the withheld text (decision 014). Public lists pass no viewer.
   */
  async function load(ids: string[], viewer: Viewer = null): Promise<OfferView[]> {
    if (!ids.length) return [];
    const fetched = await db
      .select({
        row: cooperationOffers,
        code: organizations.code,
        nameEn: organizations.nameEn,
        nameEs: organizations.nameEs,
      })
      .from(cooperationOffers)
      .innerJoin(organizations, eq(organizations.id, cooperationOffers.organizationId))
      .where(inArray(cooperationOffers.id, ids));
    const sources = await sourcesOf(
      db,
      fetched.map((r) => r.row.sourceAnswerId),
      now(),
    );
    const rows = fetched.map((r) => {
      if (viewer?.organizationId === r.row.organizationId) return r;
      const guarded = guardForOthers('offer', r.row, sources);
      return guarded.hide
        ? {
            ...r,
            row: {
              ...guarded.item,
              status: guarded.item.status === 'published' ? ('draft' as const) : guarded.item.status,
              publishedAt: null,
            },
          }
        : r;
    });
    const links = await db
      .select({ ownerId: offerMandates.offerId, number: mandates.number })
      .from(offerMandates)
      .innerJoin(mandates, eq(mandates.id, offerMandates.mandateId))
      .where(inArray(offerMandates.offerId, ids))
      .orderBy(asc(mandates.number));
    return withMandatesAndOrganization(
      ids,
      rows,
      links,
      ({ createdBy: _c, sourceAnswerId, pendingUpdate: _p, ownTextAt: _o, ...offer }) => ({
        ...offer,
        fromAnswer: !!sourceAnswerId,
      }),
    );
  }

  async function getRow(id: string) {
    if (!z.uuid().safeParse(id).success) return undefined;
    const [row] = await db.select().from(cooperationOffers).where(eq(cooperationOffers.id, id)).limit(1);
    return row;
  }

  const changes = cooperationItemChanges(
    { db, events, now },
    {
      kind: 'offer',
      subjectType: 'cooperation_offer',
      actions: { view: 'offer.view', draft: 'offer.draft', publish: 'offer.publish', withdraw: 'offer.withdraw' },
      messages: {
        notFound: 'This offer does not exist.',
        createForbidden: 'Only JSWG organizations and States can offer cooperation.',
        editForbidden: 'Only the offering organization can change this offer.',
        publishForbidden: 'Only a focal point of the offering organization can publish this offer.',
        withdrawForbidden: 'Only the offering organization’s focal point or the Secretariat can withdraw this offer.',
      },
      getRow,
      load,
      isPublished: (row) => row.status === 'published',
      isDraft: (row) => row.status === 'draft',
      refusal(change, row) {
        if (change === 'edit')
          return row.status === 'withdrawn' ? 'This offer was withdrawn; it can no longer be edited.' : null;
        if (change === 'publish')
          return row.status === 'draft'
            ? null
            : row.status === 'withdrawn'
              ? 'This offer is already withdrawn.'
              : 'This offer is already published.';
        return row.status === 'withdrawn' ? 'This offer is already withdrawn.' : null;
      },
      validate: (input, draft) =>
        validateCooperationInput(db, draft ? offerDraftSchema : offerInputSchema, input, {
          from: 'validFrom',
          to: 'validTo',
        }),
      async insert(tx, { data, actor, publish, at }) {
        const [row] = await tx
          .insert(cooperationOffers)
          .values({
            ...columns(data),
            organizationId: actor.organizationId,
            kind: actor.organizationKind === 'jswg' ? 'jswg' : 'peer_state',
            status: publish ? 'published' : 'draft',
            publishedAt: publish ? at : null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          })
          .returning({ id: cooperationOffers.id });
        return row.id;
      },
      async update(tx, change, id, organizationId, set) {
        // The WHERE repeats the refusal's checks: not withdrawn to edit or withdraw, still a draft to publish.
        const [updated] = await tx
          .update(cooperationOffers)
          .set({
            ...(set as Partial<CooperationOfferRow>),
            ...(change === 'edit'
              ? {}
              : { status: change === 'publish' ? ('published' as const) : ('withdrawn' as const) }),
          })
          .where(
            and(
              eq(cooperationOffers.id, id),
              eq(cooperationOffers.organizationId, organizationId),
              change === 'publish' ? eq(cooperationOffers.status, 'draft') : ne(cooperationOffers.status, 'withdrawn'),
            ),
          )
          .returning({ id: cooperationOffers.id });
        return !!updated;
      },
      columns,
      async replaceMandates(tx, id, mandateIds) {
        await tx.delete(offerMandates).where(eq(offerMandates.offerId, id));
        if (mandateIds.length)
          await tx.insert(offerMandates).values(mandateIds.map((mandateId) => ({ offerId: id, mandateId })));
      },
      async mandateCount(id) {
        return (await db.select().from(offerMandates).where(eq(offerMandates.offerId, id))).length;
      },
    },
  );

  return {
    // create, update, publish, withdraw, get: the flow shared with the other kind (cooperation-item.server.ts).
    ...changes,

    async listOwn(actor: Actor): Promise<OfferView[]> {
      const rows = await db
        .select({ id: cooperationOffers.id })
        .from(cooperationOffers)
        .where(eq(cooperationOffers.organizationId, actor.organizationId))
        .orderBy(desc(cooperationOffers.createdAt));
      return load(
        rows.map((r) => r.id),
        actor,
      );
    },

    /** Published offers; publishing requires a complete offer (modality and capacity), as the engine reads it. */
    async listPublished(): Promise<CompleteOfferView[]> {
      const rows = await db
        .select({ id: cooperationOffers.id })
        .from(cooperationOffers)
        .where(eq(cooperationOffers.status, 'published'))
        .orderBy(desc(cooperationOffers.publishedAt));
      return (await load(rows.map((r) => r.id))).filter((o) => o.status === 'published').filter(isCompleteOffer);
    },

    /** The mandate page: the published offers on one mandate of one commitment, by title (never ranked). */
    async publishedForMandate(commitmentCode: string, number: number): Promise<CompleteOfferView[]> {
      if (!Number.isInteger(number) || number < 1 || number > 100_000) return [];
      const rows = await db
        .selectDistinct({ id: cooperationOffers.id })
        .from(cooperationOffers)
        .innerJoin(offerMandates, eq(offerMandates.offerId, cooperationOffers.id))
        .innerJoin(mandates, eq(mandates.id, offerMandates.mandateId))
        .innerJoin(commitments, eq(commitments.id, mandates.commitmentId))
        .where(
          and(
            eq(cooperationOffers.status, 'published'),
            eq(mandates.number, number),
            eq(commitments.code, commitmentCode),
          ),
        );
      return (await load(rows.map((r) => r.id)))
        .filter((o) => o.status === 'published')
        .filter(isCompleteOffer)
        .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
    },

    load,
    getRow,
  };
}
export type OffersService = ReturnType<typeof createOffersService>;
