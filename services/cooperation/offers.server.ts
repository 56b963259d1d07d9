import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { cooperationOffers, mandates, offerMandates, organizations, type CooperationOfferRow } from '../../db/schema';
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

  const validate = (input: unknown) =>
    validateCooperationInput(db, offerInputSchema, input, { from: 'validFrom', to: 'validTo' });

  async function getRow(id: string) {
    if (!z.uuid().safeParse(id).success) return undefined;
    const [row] = await db.select().from(cooperationOffers).where(eq(cooperationOffers.id, id)).limit(1);
    return row;
  }

  const published = (row: CooperationOfferRow) => row.status === 'published';

  return {
    async create(actor: Viewer, input: unknown, options: { publish?: boolean } = {}): Promise<Outcome<OfferView>> {
      if (!actor || !can(actor, { action: 'offer.draft', organizationId: actor.organizationId }))
        return forbidden('Only JSWG organizations and States can offer cooperation.');
      if (options.publish && !can(actor, { action: 'offer.publish', organizationId: actor.organizationId }))
        return forbidden('Only a focal point can publish an offer.');
      const checked = await validate(input);
      if (checked.failure) return checked.failure;
      const { data, mandateIds } = checked;
      const at = now();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(cooperationOffers)
          .values({
            organizationId: actor.organizationId,
            kind: actor.organizationKind === 'jswg' ? 'jswg' : 'peer_state',
            title: data.title,
            description: data.description,
            types: data.types,
            languages: data.languages,
            modality: data.modality,
            capacity: data.capacity,
            funding: data.funding ?? null,
            validFrom: data.validFrom ?? null,
            validTo: data.validTo ?? null,
            status: options.publish ? 'published' : 'draft',
            publishedAt: options.publish ? at : null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          })
          .returning({ id: cooperationOffers.id });
        await tx.insert(offerMandates).values(mandateIds.map((mandateId) => ({ offerId: row.id, mandateId })));
        await writeAudit(tx, {
          action: options.publish ? 'offer.published' : 'offer.created',
          actorUserId: actor.userId,
          organizationId: actor.organizationId,
          subjectType: 'cooperation_offer',
          subjectId: row.id,
          ip: actor.ip,
        });
        return row.id;
      });
      events.emit('cooperation.changed', { kind: 'offer', id });
      return ok((await load([id], actor))[0]);
    },

    async update(actor: Viewer, id: string, input: unknown): Promise<Outcome<OfferView>> {
      const row = await getRow(id);
      if (!row || !can(actor, { action: 'offer.view', organizationId: row.organizationId, published: published(row) }))
        return notFound('This offer does not exist.');
      if (!can(actor, { action: 'offer.draft', organizationId: row.organizationId }))
        return forbidden('Only the offering organization can change this offer.');
      if (row.status === 'withdrawn') return conflict('This offer was withdrawn; it can no longer be edited.');
      const checked = await validate(input);
      if (checked.failure) return checked.failure;
      // Whatever the status, the organization's own edit may not put the withheld answer back into it (decision 014).
      const repeated = row.sourceAnswerId
        ? withheldRepeatedIn((await sourcesOf(db, [row.sourceAnswerId], now())).get(row.sourceAnswerId), checked.data)
        : null;
      if (repeated) return repeated;
      const { data, mandateIds } = checked;
      // The WHERE repeats the checks (same organization, not withdrawn): a withdrawal that lands meanwhile wins.
      const edited = await db.transaction(async (tx) => {
        const [changed] = await tx
          .update(cooperationOffers)
          .set({
            title: data.title,
            description: data.description,
            types: data.types,
            languages: data.languages,
            modality: data.modality,
            capacity: data.capacity,
            funding: data.funding ?? null,
            validFrom: data.validFrom ?? null,
            validTo: data.validTo ?? null,
            updatedAt: now(),
          })
          .where(
            and(
              eq(cooperationOffers.id, id),
              eq(cooperationOffers.organizationId, row.organizationId),
              ne(cooperationOffers.status, 'withdrawn'),
            ),
          )
          .returning({ id: cooperationOffers.id });
        if (!changed) return false;
        await tx.delete(offerMandates).where(eq(offerMandates.offerId, id));
        await tx.insert(offerMandates).values(mandateIds.map((mandateId) => ({ offerId: id, mandateId })));
        await writeAudit(tx, {
          action: 'offer.updated',
          actorUserId: actor!.userId,
          organizationId: row.organizationId,
          subjectType: 'cooperation_offer',
          subjectId: id,
          ip: actor!.ip,
        });
        return true;
      });
      if (!edited) return conflict('This offer was withdrawn; it can no longer be edited.');
      events.emit('cooperation.changed', { kind: 'offer', id });
      return ok((await load([id], actor))[0]);
    },

    /** Publishes a draft; from a withheld Q7 answer only with the organization's own text (see requests.publish). */
    async publish(actor: Viewer, id: string, input?: unknown): Promise<Outcome<OfferView>> {
      const row = await getRow(id);
      if (!row || !can(actor, { action: 'offer.view', organizationId: row.organizationId, published: published(row) }))
        return notFound('This offer does not exist.');
      if (!can(actor, { action: 'offer.publish', organizationId: row.organizationId }))
        return forbidden('Only a focal point of the offering organization can publish this offer.');
      if (row.status !== 'draft') return conflict(`This offer is already ${row.status}.`);
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
      // Still a draft of the same organization: of two concurrent changes one wins, the other is told.
      const madePublic = await db.transaction(async (tx) => {
        const [changed] = await tx
          .update(cooperationOffers)
          .set({
            ...(ownText ? { ...ownText, ownTextAt: at } : {}),
            status: 'published',
            publishedAt: at,
            heldAt: null,
            pendingUpdate: null,
            updatedAt: at,
          })
          .where(
            and(
              eq(cooperationOffers.id, id),
              eq(cooperationOffers.organizationId, row.organizationId),
              eq(cooperationOffers.status, 'draft'),
            ),
          )
          .returning({ id: cooperationOffers.id });
        if (!changed) return false;
        await writeAudit(tx, {
          action: 'offer.published',
          actorUserId: actor!.userId,
          organizationId: row.organizationId,
          subjectType: 'cooperation_offer',
          subjectId: id,
          ip: actor!.ip,
          data: ownText ? { ownTextForWithheldAnswer: true } : undefined,
        });
        return true;
      });
      if (!madePublic) return conflict(`This offer is already ${(await getRow(id))?.status ?? 'withdrawn'}.`);
      events.emit('cooperation.changed', { kind: 'offer', id });
      return ok((await load([id], actor))[0]);
    },

    async withdraw(actor: Viewer, id: string): Promise<Outcome<OfferView>> {
      const row = await getRow(id);
      if (!row || !can(actor, { action: 'offer.view', organizationId: row.organizationId, published: published(row) }))
        return notFound('This offer does not exist.');
      if (!can(actor, { action: 'offer.withdraw', organizationId: row.organizationId }))
        return forbidden('Only the offering organization’s focal point or the Secretariat can withdraw this offer.');
      if (row.status === 'withdrawn') return conflict('This offer is already withdrawn.');
      const withdrawn = await db.transaction(async (tx) => {
        const [changed] = await tx
          .update(cooperationOffers)
          .set({ status: 'withdrawn', updatedAt: now() })
          .where(
            and(
              eq(cooperationOffers.id, id),
              eq(cooperationOffers.organizationId, row.organizationId),
              ne(cooperationOffers.status, 'withdrawn'),
            ),
          )
          .returning({ id: cooperationOffers.id });
        if (!changed) return false;
        await writeAudit(tx, {
          action: 'offer.withdrawn',
          actorUserId: actor!.userId,
          organizationId: row.organizationId,
          subjectType: 'cooperation_offer',
          subjectId: id,
          ip: actor!.ip,
        });
        return true;
      });
      if (!withdrawn) return conflict('This offer is already withdrawn.');
      events.emit('cooperation.changed', { kind: 'offer', id });
      return ok((await load([id], actor))[0]);
    },

    async get(viewer: Viewer, id: string): Promise<Outcome<OfferView>> {
      const row = await getRow(id);
      const [shown] = row ? await load([id], viewer) : [];
      if (
        !row ||
        !shown ||
        !can(viewer, {
          action: 'offer.view',
          organizationId: row.organizationId,
          published: shown.status === 'published',
        })
      )
        return notFound('This offer does not exist.');
      return ok(shown);
    },

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

    async listPublished(): Promise<OfferView[]> {
      const rows = await db
        .select({ id: cooperationOffers.id })
        .from(cooperationOffers)
        .where(eq(cooperationOffers.status, 'published'))
        .orderBy(desc(cooperationOffers.publishedAt));
      return (await load(rows.map((r) => r.id))).filter((o) => o.status === 'published');
    },

    load,
    getRow,
  };
}
export type OffersService = ReturnType<typeof createOffersService>;
