import { asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { assistanceRequests, mandates, organizations, requestMandates, type AssistanceRequestRow } from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { conflict, forbidden, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import { cooperationFields, optionalDate, validateCooperationInput, withMandatesAndOrganization } from './common.server';

export const requestInputSchema = z.object({
  ...cooperationFields,
  neededFrom: optionalDate,
  neededTo: optionalDate,
});
export type RequestInput = z.input<typeof requestInputSchema>;

export interface RequestView extends Omit<AssistanceRequestRow, 'sourceAnswerId' | 'createdBy'> {
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
  async function load(ids: string[]): Promise<RequestView[]> {
    if (!ids.length) return [];
    const rows = await db
      .select({ row: assistanceRequests, code: organizations.code, nameEn: organizations.nameEn, nameEs: organizations.nameEs })
      .from(assistanceRequests)
      .innerJoin(organizations, eq(organizations.id, assistanceRequests.organizationId))
      .where(inArray(assistanceRequests.id, ids));
    const links = await db
      .select({ ownerId: requestMandates.requestId, number: mandates.number })
      .from(requestMandates)
      .innerJoin(mandates, eq(mandates.id, requestMandates.mandateId))
      .where(inArray(requestMandates.requestId, ids))
      .orderBy(asc(mandates.number));
    // The source answer and the author stay internal.
    return withMandatesAndOrganization(ids, rows, links, ({ sourceAnswerId: _s, createdBy: _c, ...request }) => request);
  }

  const validate = (input: unknown) => validateCooperationInput(db, requestInputSchema, input, { from: 'neededFrom', to: 'neededTo' });

  async function getRow(id: string) {
    if (!z.uuid().safeParse(id).success) return undefined;
    const [row] = await db.select().from(assistanceRequests).where(eq(assistanceRequests.id, id)).limit(1);
    return row;
  }

  return {
    async create(actor: Viewer, input: unknown, options: { publish?: boolean } = {}): Promise<Outcome<RequestView>> {
      if (!actor || !can(actor, { action: 'request.draft', organizationId: actor.organizationId })) return forbidden('Only members of a State can post assistance requests.');
      if (options.publish && !can(actor, { action: 'request.publish', organizationId: actor.organizationId })) return forbidden('Only the National Coordinator or the deputy focal point can publish a request.');
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
        await writeAudit(tx, { action: options.publish ? 'request.published' : 'request.created', actorUserId: actor.userId, organizationId: actor.organizationId, subjectType: 'assistance_request', subjectId: row.id, ip: actor.ip });
        return row.id;
      });
      events.emit('cooperation.changed', { kind: 'request', id });
      return ok((await load([id]))[0]);
    },

    async update(actor: Viewer, id: string, input: unknown): Promise<Outcome<RequestView>> {
      const row = await getRow(id);
      if (!row || !can(actor, { action: 'request.view', organizationId: row.organizationId, published: !!row.publishedAt })) return notFound('This request does not exist.');
      if (!can(actor, { action: 'request.draft', organizationId: row.organizationId })) return forbidden('Only members of the requesting State can change this request.');
      if (row.status !== 'open') return conflict('This request is already being brokered or is closed; it can no longer be edited.');
      const checked = await validate(input);
      if (checked.failure) return checked.failure;
      const { data, mandateIds } = checked;
      await db.transaction(async (tx) => {
        await tx
          .update(assistanceRequests)
          .set({ title: data.title, description: data.description, types: data.types, languages: data.languages, modality: data.modality, neededFrom: data.neededFrom ?? null, neededTo: data.neededTo ?? null, updatedAt: now() })
          .where(eq(assistanceRequests.id, id));
        await tx.delete(requestMandates).where(eq(requestMandates.requestId, id));
        await tx.insert(requestMandates).values(mandateIds.map((mandateId) => ({ requestId: id, mandateId })));
        await writeAudit(tx, { action: 'request.updated', actorUserId: actor!.userId, organizationId: row.organizationId, subjectType: 'assistance_request', subjectId: id, ip: actor!.ip });
      });
      events.emit('cooperation.changed', { kind: 'request', id });
      return ok((await load([id]))[0]);
    },

    async publish(actor: Viewer, id: string): Promise<Outcome<RequestView>> {
      const row = await getRow(id);
      if (!row || !can(actor, { action: 'request.view', organizationId: row.organizationId, published: !!row.publishedAt })) return notFound('This request does not exist.');
      if (!can(actor, { action: 'request.publish', organizationId: row.organizationId })) return forbidden('Only the National Coordinator or the deputy focal point can publish a request.');
      if (row.publishedAt) return conflict('This request is already published.');
      if (row.status === 'withdrawn') return conflict('This request was withdrawn.');
      await db.update(assistanceRequests).set({ publishedAt: now(), updatedAt: now() }).where(eq(assistanceRequests.id, id));
      await writeAudit(db, { action: 'request.published', actorUserId: actor!.userId, organizationId: row.organizationId, subjectType: 'assistance_request', subjectId: id, ip: actor!.ip });
      events.emit('cooperation.changed', { kind: 'request', id });
      return ok((await load([id]))[0]);
    },

    async withdraw(actor: Viewer, id: string): Promise<Outcome<RequestView>> {
      const row = await getRow(id);
      if (!row || !can(actor, { action: 'request.view', organizationId: row.organizationId, published: !!row.publishedAt })) return notFound('This request does not exist.');
      const allowed = can(actor, { action: 'request.publish', organizationId: row.organizationId }) || can(actor, { action: 'matching.broker' });
      if (!allowed) return forbidden('Only the State’s focal points or the Secretariat can withdraw this request.');
      if (row.status === 'withdrawn' || row.status === 'fulfilled') return conflict(`This request is already ${row.status}.`);
      await db.update(assistanceRequests).set({ status: 'withdrawn', withdrawnAt: now(), updatedAt: now() }).where(eq(assistanceRequests.id, id));
      await writeAudit(db, { action: 'request.withdrawn', actorUserId: actor!.userId, organizationId: row.organizationId, subjectType: 'assistance_request', subjectId: id, ip: actor!.ip });
      events.emit('cooperation.changed', { kind: 'request', id });
      return ok((await load([id]))[0]);
    },

    async get(viewer: Viewer, id: string): Promise<Outcome<RequestView>> {
      const row = await getRow(id);
      // Another State's draft is "not found", not "forbidden": its existence is not disclosed either.
      if (!row || !can(viewer, { action: 'request.view', organizationId: row.organizationId, published: !!row.publishedAt })) return notFound('This request does not exist.');
      return ok((await load([id]))[0]);
    },

    /** The viewer's own organization's requests (drafts included), newest first. */
    async listOwn(actor: Actor): Promise<RequestView[]> {
      const rows = await db.select({ id: assistanceRequests.id }).from(assistanceRequests).where(eq(assistanceRequests.organizationId, actor.organizationId)).orderBy(desc(assistanceRequests.createdAt));
      return load(rows.map((r) => r.id));
    },

    /** Published requests, for the Secretariat's brokering and the public directory. */
    async listPublished(): Promise<RequestView[]> {
      const rows = await db.select({ id: assistanceRequests.id }).from(assistanceRequests).where(isNotNull(assistanceRequests.publishedAt)).orderBy(desc(assistanceRequests.publishedAt));
      return load(rows.map((r) => r.id));
    },

    load,
    getRow,
  };
}
export type RequestsService = ReturnType<typeof createRequestsService>;
