import type { Database } from '../../db/client';
import type { Actor, Viewer } from '../actor';
import { writeAudit, type Executor } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { conflict, forbidden, invalid, notFound, ok, type Failure, type Outcome } from '../outcome';
import { can } from '../permissions';
import { checkOwnText, sourcesOf, WITHHELD_PUBLISH_MESSAGE, withheldRepeatedIn } from './answer-links.server';
import { INCOMPLETE_DRAFT, missingForPublication } from './common.server';

/*
 * What assistance requests and cooperation offers share (issue 14 item 4): creating, editing, publishing and
 * withdrawing follow one flow here, and each kind says only what differs (its table, its statuses, its sentences).
 * Every change is an UPDATE whose WHERE repeats the checks the flow made on the row it read (same organization, a
 * status that allows the change), with its audit entry in the same transaction; no row updated is a conflict, so of
 * two concurrent changes one wins (races.test.ts).
 */

/** The columns of a request or an offer row the shared flow reads. */
export interface CooperationItemRow {
  id: string;
  organizationId: string;
  status: string;
  publishedAt: Date | null;
  sourceAnswerId: string | null;
  description: string;
  types: readonly string[];
  languages: readonly string[];
  modality: string | null;
  capacity?: number | null;
}

type Validated<Data> =
  | { failure: Failure; data?: undefined; mandateIds?: undefined }
  | { failure?: undefined; data: Data; mandateIds: string[] };

export type Change = 'edit' | 'publish' | 'withdraw';

export interface CooperationItemSpec<
  Row extends CooperationItemRow,
  View,
  Data extends { title: string; description: string },
> {
  kind: 'request' | 'offer';
  subjectType: 'assistance_request' | 'cooperation_offer';
  actions: {
    view: 'request.view' | 'offer.view';
    draft: 'request.draft' | 'offer.draft';
    publish: 'request.publish' | 'offer.publish';
    withdraw: 'request.withdraw' | 'offer.withdraw';
  };
  messages: {
    notFound: string;
    createForbidden: string;
    editForbidden: string;
    publishForbidden: string;
    withdrawForbidden: string;
  };
  getRow(id: string): Promise<Row | undefined>;
  load(ids: string[], viewer: Viewer): Promise<View[]>;
  /** Public (for the view permission). */
  isPublished(row: Row): boolean;
  /** Still a draft: saved as a draft may be (only publishing needs the complete form). */
  isDraft(row: Row): boolean;
  /** Why the row may not get the change now (a conflict), or null. The guarded UPDATE repeats it in its WHERE. */
  refusal(change: Change, row: Row): string | null;
  /** Validates a draft (`draft`) or a complete item; resolves the mandate numbers. */
  validate(input: unknown, draft: boolean): Promise<Validated<Data>>;
  /** Inserts a new row with the data; returns its id. */
  insert(tx: Executor, values: { data: Data; actor: Actor; publish: boolean; at: Date }): Promise<string>;
  /**
   * The guarded UPDATE of `change`: sets `set` (plus what the change itself sets) where the row is `id`, of
   * `organizationId`, in a status that allows the change. True when a row changed.
   */
  update(
    tx: Executor,
    change: Change,
    id: string,
    organizationId: string,
    set: Record<string, unknown>,
  ): Promise<boolean>;
  /** The columns an edit writes from validated data. */
  columns(data: Data): Record<string, unknown>;
  replaceMandates(tx: Executor, id: string, mandateIds: string[]): Promise<void>;
  mandateCount(id: string): Promise<number>;
}

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
}

/** The shared flow of one kind: create, edit, publish, withdraw. */
export function cooperationItemChanges<
  Row extends CooperationItemRow,
  View,
  Data extends { title: string; description: string },
>({ db, events, now }: Deps, spec: CooperationItemSpec<Row, View, Data>) {
  const { kind, actions, messages } = spec;

  async function audited(
    actor: NonNullable<Viewer>,
    action: string,
    organizationId: string,
    subjectId: string,
    tx: Executor,
    data?: Record<string, unknown>,
  ) {
    await writeAudit(tx, {
      action: `${kind}.${action}`,
      actorUserId: actor.userId,
      organizationId,
      subjectType: spec.subjectType,
      subjectId,
      ip: actor.ip,
      data,
    });
  }

  const changed = async (actor: Viewer, id: string): Promise<Outcome<View>> => {
    events.emit('cooperation.changed', { kind, id });
    return ok((await spec.load([id], actor))[0]);
  };

  /** The row if the viewer may see it; another organization's draft is "not found", its existence undisclosed. */
  async function visible(actor: Viewer, id: string): Promise<Row | undefined> {
    const row = await spec.getRow(id);
    if (!row) return undefined;
    return can(actor, { action: actions.view, organizationId: row.organizationId, published: spec.isPublished(row) })
      ? row
      : undefined;
  }

  async function get(viewer: Viewer, id: string): Promise<Outcome<View>> {
    const row = await spec.getRow(id);
    const [shown] = row ? await spec.load([id], viewer) : [];
    // Checked on what the viewer is shown: an item held back from others (decision 014) is not theirs to read.
    if (
      !row ||
      !shown ||
      !can(viewer, {
        action: actions.view,
        organizationId: row.organizationId,
        published: spec.isPublished(shown as unknown as Row),
      })
    )
      return notFound(messages.notFound);
    return ok(shown);
  }

  return {
    /** A new draft (only the title required), or a complete item published at once. */
    async create(actor: Viewer, input: unknown, options: { publish?: boolean } = {}): Promise<Outcome<View>> {
      if (!actor || !can(actor, { action: actions.draft, organizationId: actor.organizationId }))
        return forbidden(messages.createForbidden);
      const publish = !!options.publish;
      if (publish && !can(actor, { action: actions.publish, organizationId: actor.organizationId }))
        return forbidden(messages.publishForbidden);
      const checked = await spec.validate(input, !publish);
      if (checked.failure) return checked.failure;
      const { data, mandateIds } = checked;
      const at = now();
      const id = await db.transaction(async (tx) => {
        const newId = await spec.insert(tx, { data, actor, publish, at });
        await spec.replaceMandates(tx, newId, mandateIds);
        await audited(actor, publish ? 'published' : 'created', actor.organizationId, newId, tx);
        return newId;
      });
      return changed(actor, id);
    },

    /** Saves the edit form: a draft as a draft, a published item only complete. */
    async update(actor: Viewer, id: string, input: unknown): Promise<Outcome<View>> {
      const row = await visible(actor, id);
      if (!row) return notFound(messages.notFound);
      if (!can(actor, { action: actions.draft, organizationId: row.organizationId }))
        return forbidden(messages.editForbidden);
      const refused = spec.refusal('edit', row);
      if (refused) return conflict(refused);
      const checked = await spec.validate(input, spec.isDraft(row));
      if (checked.failure) return checked.failure;
      // Whatever the status, the organization's own edit may not put the withheld answer back into it (decision 014).
      const repeated = row.sourceAnswerId
        ? withheldRepeatedIn((await sourcesOf(db, [row.sourceAnswerId], now())).get(row.sourceAnswerId), checked.data)
        : null;
      if (repeated) return repeated;
      const { data, mandateIds } = checked;
      const edited = await db.transaction(async (tx) => {
        const set = { ...spec.columns(data), updatedAt: now() };
        if (!(await spec.update(tx, 'edit', id, row.organizationId, set))) return false;
        await spec.replaceMandates(tx, id, mandateIds);
        await audited(actor!, 'updated', row.organizationId, id, tx);
        return true;
      });
      if (!edited) return conflict(spec.refusal('edit', (await spec.getRow(id)) ?? row) ?? messages.notFound);
      return changed(actor, id);
    },

    /**
     * Publishes a draft once it is complete (else says what is missing, field by field). When the answer it came
     * from is withheld, publishing needs `input`, the title and description the organization writes for others to
     * read, and refuses a text that repeats the withheld answer (decision 014).
     */
    async publish(actor: Viewer, id: string, input?: unknown): Promise<Outcome<View>> {
      const row = await visible(actor, id);
      if (!row) return notFound(messages.notFound);
      if (!can(actor, { action: actions.publish, organizationId: row.organizationId }))
        return forbidden(messages.publishForbidden);
      const refused = spec.refusal('publish', row);
      if (refused) return conflict(refused);
      const source = row.sourceAnswerId
        ? (await sourcesOf(db, [row.sourceAnswerId], now())).get(row.sourceAnswerId)
        : undefined;
      const missing = missingForPublication(
        { ...row, capacity: row.capacity, mandateCount: await spec.mandateCount(id) },
        !!source?.withheld,
      );
      if (missing) return invalid(INCOMPLETE_DRAFT, missing);
      let ownText: { title: string; description: string } | undefined;
      if (source?.withheld) {
        if (input === undefined) return conflict(WITHHELD_PUBLISH_MESSAGE);
        const checked = checkOwnText(input, source);
        if ('failure' in checked) return checked.failure;
        ownText = checked.text;
      }
      const at = now();
      const madePublic = await db.transaction(async (tx) => {
        const set = {
          ...(ownText ? { ...ownText, ownTextAt: at } : {}),
          publishedAt: at,
          heldAt: null,
          pendingUpdate: null,
          updatedAt: at,
        };
        if (!(await spec.update(tx, 'publish', id, row.organizationId, set))) return false;
        await audited(
          actor!,
          'published',
          row.organizationId,
          id,
          tx,
          ownText ? { ownTextForWithheldAnswer: true } : undefined,
        );
        return true;
      });
      if (!madePublic) return conflict(spec.refusal('publish', (await spec.getRow(id)) ?? row) ?? messages.notFound);
      return changed(actor, id);
    },

    async withdraw(actor: Viewer, id: string): Promise<Outcome<View>> {
      const row = await visible(actor, id);
      if (!row) return notFound(messages.notFound);
      if (!can(actor, { action: actions.withdraw, organizationId: row.organizationId }))
        return forbidden(messages.withdrawForbidden);
      const refused = spec.refusal('withdraw', row);
      if (refused) return conflict(refused);
      const withdrawn = await db.transaction(async (tx) => {
        if (!(await spec.update(tx, 'withdraw', id, row.organizationId, { updatedAt: now() }))) return false;
        await audited(actor!, 'withdrawn', row.organizationId, id, tx);
        return true;
      });
      if (!withdrawn) return conflict(spec.refusal('withdraw', (await spec.getRow(id)) ?? row) ?? messages.notFound);
      return changed(actor, id);
    },

    get,

    /**
     * Whether the viewer opens this item's page (`get` gives it, not "not found"), for pages that link to it: a
     * roundtable grown from a match also holds organizations invited later, who may not read a request held back.
     */
    async mayOpen(viewer: Viewer, id: string): Promise<boolean> {
      return (await get(viewer, id)).ok;
    },
  };
}
