import type { Database } from '../../db/client';
import { prepareStatement } from '../../db/prepared';
import type { MessageRow } from '../../db/schema';

/** One message to store, with what the statement needs to check the sender's right to send it. */
export interface PendingMessage {
  roundtableId: string;
  authorId: string;
  clientId: string;
  body: string;
  replyToId: number | null;
  createdAt: Date;
  /** Secretariat staff may speak in every room without a membership row. */
  secretariat: boolean;
}

interface Waiter {
  message: PendingMessage;
  resolve(row: MessageRow | null): void;
  reject(error: unknown): void;
}

/** Most rows in one statement: bounds the statement (and the JSON parameter) when a burst queues many sends. */
export const MAX_BATCH = 200;

/**
 * Group commit for `message:send`: every message that arrives while the previous statement is running (or within
 * the same event-loop turn) is stored by one multi-row statement, then each waiter gets its own row.
 *
 * Why: measured with the realtime benchmark, a send was one round trip for the room and membership check and one
 * for the insert, each its own commit, one after another per room (the socket layer serialised a room's sends).
 * Under a burst every send waited for all those before it, and the ack p99 was 6× the stubbed path on PostgreSQL
 * and 11–12× on PGlite (where each statement runs on the event loop). Here a send is one statement, shared with
 * whatever else is waiting, so a burst of N sends costs about one statement instead of 2N.
 *
 * The statement checks, in the same snapshot as it inserts, everything a send needs: the room is open, the author
 * is a member not removed (or Secretariat), not muted at `createdAt`, and the message replied to is in the same
 * room. A row comes back only when it was stored now; `null` means refused or already stored (a resend, maybe one
 * in this very batch): the caller then runs the full checks to answer with the right reason or the stored message.
 *
 * Guarantees kept: a waiter resolves only after the statement has committed (store before ack); rows resolve in id
 * order and one statement runs at a time per process, so the broadcasts that follow the acks leave in id order, as
 * they did when a room's sends ran one by one; (room, author, client_id) stays unique in the database, and a resend
 * within one batch is answered as a resend (only its first copy is inserted).
 */
export function createMessageStore(db: Database) {
  // Prepared once: planning this statement on every send cost more than running it (db/prepared.ts).
  const insertStatement = prepareStatement(db, INSERT_CHECKED, ['json']);
  let queue: Waiter[] = [];
  let running = false;
  let scheduled = false;

  function store(message: PendingMessage): Promise<MessageRow | null> {
    return new Promise((resolve, reject) => {
      queue.push({ message, resolve, reject });
      if (!running && !scheduled) {
        scheduled = true;
        // setImmediate, not a timer: sends parsed from the same socket reads join the batch, and an idle server
        // adds no waiting to a lone send.
        setImmediate(drain);
      }
    });
  }

  async function drain() {
    scheduled = false;
    if (running) return;
    running = true;
    try {
      while (queue.length) {
        const batch = queue.slice(0, MAX_BATCH);
        queue = queue.slice(batch.length);
        await flush(batch);
      }
    } finally {
      running = false;
    }
  }

  async function flush(batch: Waiter[]) {
    // A resend racing its original in the same batch: insert the first copy only, answer the others `null`
    // (the caller finds the stored row and answers `duplicate`).
    const firsts = new Map<string, Waiter>();
    const copies: Waiter[] = [];
    for (const waiter of batch) {
      const key = keyOf(waiter.message.roundtableId, waiter.message.authorId, waiter.message.clientId);
      if (firsts.has(key)) copies.push(waiter);
      else firsts.set(key, waiter);
    }
    const unique = [...firsts.values()];
    let rows: MessageRow[];
    try {
      rows = await insertChecked(unique.map((w) => w.message));
    } catch (error) {
      if (unique.length === 1) {
        unique[0].reject(error);
        for (const copy of copies) copy.resolve(null);
        return;
      }
      // One bad row (say, its room was deleted meanwhile) must not fail the others: store them one by one.
      for (const waiter of unique) await flush([waiter]);
      for (const copy of copies) copy.resolve(null);
      return;
    }
    const byKey = new Map(rows.map((row) => [keyOf(row.roundtableId, row.authorId, row.clientId), row]));
    // Resolve in id order: each handler's broadcast follows its ack in the same microtask chain, so this is the
    // order the room hears them.
    const stored = unique.map((w) => ({
      w,
      row: byKey.get(keyOf(w.message.roundtableId, w.message.authorId, w.message.clientId)) ?? null,
    }));
    stored.sort((a, b) => (a.row && b.row ? a.row.id - b.row.id : a.row ? -1 : b.row ? 1 : 0));
    for (const { w, row } of stored) w.resolve(row);
    for (const copy of copies) copy.resolve(null);
  }

  /** One statement: the checks and the insert, rows in the order given (ids and seqs follow it). */
  async function insertChecked(batch: PendingMessage[]): Promise<MessageRow[]> {
    // Rooms in one order (then arrival): the seq trigger locks each room's row, and two processes taking the same
    // rooms' locks in different orders could deadlock.
    const ordered = batch
      .map((m, arrival) => ({ m, arrival }))
      .sort((a, b) =>
        a.m.roundtableId < b.m.roundtableId ? -1 : a.m.roundtableId > b.m.roundtableId ? 1 : a.arrival - b.arrival,
      );
    const json = JSON.stringify(
      ordered.map(({ m }) => ({
        roundtable_id: m.roundtableId,
        author_id: m.authorId,
        client_id: m.clientId,
        body: m.body,
        reply_to_id: m.replyToId,
        created_at: m.createdAt.toISOString(),
        secretariat: m.secretariat,
      })),
    );
    // Drivers differ: bigints come back as numbers on one and strings on the other, so every field is normalised.
    return (await insertStatement.run([json])).map(toRow);
  }

  return { store };
}

/**
 * The checks and the insert in one statement, for a batch given as a JSON array (`$1`). The `messages_assign_seq`
 * trigger (migration 0007) numbers each stored row in its room.
 */
export const INSERT_CHECKED = `
  insert into messages (roundtable_id, author_id, client_id, body, reply_to_id, created_at)
  select v.roundtable_id, v.author_id, v.client_id, v.body, v.reply_to_id, v.created_at
  from rows from (json_to_recordset($1::json)
      as (roundtable_id uuid, author_id uuid, client_id text, body text, reply_to_id bigint, created_at timestamptz, secretariat boolean)
    ) with ordinality as v(roundtable_id, author_id, client_id, body, reply_to_id, created_at, secretariat, ord)
  join roundtables r on r.id = v.roundtable_id and r.status = 'open'
  left join roundtable_members m on m.roundtable_id = v.roundtable_id and m.user_id = v.author_id and m.removed_at is null
  where (m.user_id is not null or v.secretariat)
    and (m.muted_until is null or m.muted_until <= v.created_at)
    and (v.reply_to_id is null or exists (select 1 from messages p where p.id = v.reply_to_id and p.roundtable_id = v.roundtable_id))
  order by v.ord
  on conflict (roundtable_id, author_id, client_id) do nothing
  returning id, roundtable_id, seq, author_id, client_id, body, reply_to_id, pinned, created_at, edited_at, deleted_at`;

const keyOf = (roomId: string, authorId: string, clientId: string) => `${roomId}\u0000${authorId}\u0000${clientId}`;

const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value));

function toRow(r: Record<string, unknown>): MessageRow {
  return {
    id: Number(r.id),
    roundtableId: String(r.roundtable_id),
    seq: Number(r.seq),
    authorId: String(r.author_id),
    clientId: String(r.client_id),
    body: String(r.body),
    replyToId: r.reply_to_id === null || r.reply_to_id === undefined ? null : Number(r.reply_to_id),
    pinned: Boolean(r.pinned),
    createdAt: toDate(r.created_at)!,
    editedAt: toDate(r.edited_at),
    deletedAt: toDate(r.deleted_at),
    // A message just stored is hidden by no one yet, and has not changed since it was sent.
    hiddenAt: null,
    hiddenBy: null,
    hiddenReason: null,
    changedAt: null,
  };
}

export type MessageStore = ReturnType<typeof createMessageStore>;
