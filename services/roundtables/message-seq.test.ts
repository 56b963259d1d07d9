import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '../../db/client';
import { literal } from '../../db/prepared';
import { messages, roundtableMembers, roundtables, users } from '../../db/schema';
import { createSharedPostgresDatabase, createTestDatabase } from '../../tests/db';
import { createMessageStore, type PendingMessage } from './message-store.server';

/**
 * Per-room message numbers (migration 0007, decision 007): `seq` is 1, 2, 3… in each room, in commit order, and a
 * resend never uses up a number. Replay after a reconnect relies on both: "everything after seq n" is exactly what
 * a client that holds 1…n is missing, whichever process stored each message.
 */
let n = 0;
const at = new Date('2027-01-10T14:00:00Z');

async function fixture(db: Database) {
  const [author] = await db
    .insert(users)
    .values({ email: `seq-${n++}-${Date.now()}@example.org`, displayName: 'Seq', passwordHash: 'x' })
    .returning({ id: users.id });
  const room = async () => {
    const [row] = await db
      .insert(roundtables)
      .values({ title: 'Seq test', kind: 'working_roundtable' })
      .returning({ id: roundtables.id });
    await db.insert(roundtableMembers).values({ roundtableId: row.id, userId: author.id });
    return row.id;
  };
  return { authorId: author.id, room };
}

const pending = (roundtableId: string, authorId: string, over: Partial<PendingMessage> = {}): PendingMessage => ({
  roundtableId,
  authorId,
  clientId: `client-${n++}`,
  body: 'hello',
  replyToId: null,
  createdAt: at,
  secretariat: false,
  ...over,
});

async function seqsOf(db: Database, roomId: string) {
  return (
    await db
      .select({ seq: messages.seq })
      .from(messages)
      .where(eq(messages.roundtableId, roomId))
      .orderBy(asc(messages.seq))
  ).map((r) => r.seq);
}

async function lastSeq(db: Database, roomId: string) {
  return (await db.select({ lastSeq: roundtables.lastSeq }).from(roundtables).where(eq(roundtables.id, roomId)))[0]
    .lastSeq;
}

describe('message seq, one process', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('numbers each room 1, 2, 3… in insertion order, rooms independently, whatever seq is given', async () => {
    const { authorId, room } = await fixture(handle.db);
    const [a, b] = [await room(), await room()];
    await handle.db.insert(messages).values([
      { roundtableId: a, authorId, clientId: `m-${n++}`, body: 'a1', seq: 99 },
      { roundtableId: b, authorId, clientId: `m-${n++}`, body: 'b1' },
      { roundtableId: a, authorId, clientId: `m-${n++}`, body: 'a2' },
      { roundtableId: a, authorId, clientId: `m-${n++}`, body: 'a3' },
    ]);
    const rows = await handle.db
      .select({ body: messages.body, seq: messages.seq })
      .from(messages)
      .where(eq(messages.authorId, authorId))
      .orderBy(asc(messages.id));
    expect(rows).toEqual([
      { body: 'a1', seq: 1 },
      { body: 'b1', seq: 1 },
      { body: 'a2', seq: 2 },
      { body: 'a3', seq: 3 },
    ]);
    expect([await lastSeq(handle.db, a), await lastSeq(handle.db, b)]).toEqual([3, 1]);
  });

  it('gives no number to a resend, so the next message follows without a gap', async () => {
    const { authorId, room } = await fixture(handle.db);
    const roomId = await room();
    const store = createMessageStore(handle.db);
    const first = await store.store(pending(roomId, authorId, { clientId: 'same-client-id' }));
    expect(first?.seq).toBe(1);
    expect(await store.store(pending(roomId, authorId, { clientId: 'same-client-id' }))).toBeNull();
    expect((await store.store(pending(roomId, authorId)))?.seq).toBe(2);
    // Copies within one batch: the first is numbered, the copy is not.
    const [x, copy, y] = await Promise.all([
      store.store(pending(roomId, authorId, { clientId: 'batch-id' })),
      store.store(pending(roomId, authorId, { clientId: 'batch-id' })),
      store.store(pending(roomId, authorId)),
    ]);
    expect([x?.seq, copy, y?.seq]).toEqual([3, null, 4]);
    expect(await seqsOf(handle.db, roomId)).toEqual([1, 2, 3, 4]);
    expect(await lastSeq(handle.db, roomId)).toBe(4);
  });

  it('recognises a resend within its room only: the same client id in another room is another message', async () => {
    const { authorId, room } = await fixture(handle.db);
    const [a, b] = [await room(), await room()];
    const store = createMessageStore(handle.db);
    const inA = await store.store(pending(a, authorId, { clientId: 'reused-client-id', body: 'to A' }));
    const inB = await store.store(pending(b, authorId, { clientId: 'reused-client-id', body: 'to B' }));
    expect(inA && inB && inA.id !== inB.id).toBe(true);
    expect([inA?.seq, inB?.seq]).toEqual([1, 1]);
  });

  it('stores text byte for byte through the prepared statement, quotes and all', async () => {
    const { authorId, room } = await fixture(handle.db);
    const roomId = await room();
    const store = createMessageStore(handle.db);
    const bodies = [
      `it's "quoted" \\ back\\slashed`,
      `'); delete from messages; --`,
      '$$ dollar $tag$ quoting $$',
      'ñandú — 東京 — 🎉',
      "''''",
      'line\nbreak\ttab',
    ];
    for (const body of bodies) expect((await store.store(pending(roomId, authorId, { body })))?.body).toBe(body);
    const stored = await handle.db
      .select({ body: messages.body })
      .from(messages)
      .where(eq(messages.roundtableId, roomId))
      .orderBy(asc(messages.seq));
    expect(stored.map((r) => r.body)).toEqual(bodies);
  });

  it('makes SQL literals by doubling quotes, and refuses a NUL it could not pass', () => {
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(literal(null)).toBe('null');
    expect(() => literal('a\u0000b')).toThrow(/NUL/);
  });
});

// Two connection pools on one PostgreSQL database, as two server processes have. PGlite is one process's database.
describe.skipIf(!process.env.DATABASE_URL)('message seq, two processes on PostgreSQL', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    shared = (await createSharedPostgresDatabase(2))!;
    [a, b] = shared.handles.map((h) => h.db);
  });
  afterAll(() => shared?.close());

  /** Process A stores a message in a transaction it keeps open until `release` is called. */
  async function holdOpen(db: Database, message: PendingMessage) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let stored!: (seq: number) => void;
    const seq = new Promise<number>((resolve) => (stored = resolve));
    const done = db.transaction(async (tx) => {
      const [row] = await tx
        .insert(messages)
        .values({
          roundtableId: message.roundtableId,
          authorId: message.authorId,
          clientId: message.clientId,
          body: message.body,
        })
        .returning({ seq: messages.seq });
      stored(row.seq);
      await released;
    });
    return { seq: await seq, release, done };
  }

  it('numbers in commit order: a send waits for the room while another process has a send in flight', async () => {
    const { authorId, room } = await fixture(a);
    const roomId = await room();
    const first = await holdOpen(a, pending(roomId, authorId));
    let second: number | null = null;
    const waiting = createMessageStore(b)
      .store(pending(roomId, authorId))
      .then((row) => (second = row?.seq ?? -1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second).toBeNull(); // blocked on the room's row, not numbered ahead of the uncommitted first
    first.release();
    await first.done;
    await waiting;
    expect([first.seq, second]).toEqual([1, 2]);
  });

  it('leaves no gap when a resend races its original from another process', async () => {
    const { authorId, room } = await fixture(a);
    const roomId = await room();
    const original = await holdOpen(a, pending(roomId, authorId, { clientId: 'racing-client-id' }));
    const resend = createMessageStore(b).store(pending(roomId, authorId, { clientId: 'racing-client-id' }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    original.release();
    await original.done;
    expect(await resend).toBeNull(); // found the original once the lock was granted
    expect(await lastSeq(a, roomId)).toBe(1);
    expect((await createMessageStore(b).store(pending(roomId, authorId)))?.seq).toBe(2);
  });

  it('numbers 200 sends from two processes over two rooms without a gap, a duplicate or a deadlock', async () => {
    const { authorId, room } = await fixture(a);
    const [x, y] = [await room(), await room()];
    const [storeA, storeB] = [createMessageStore(a), createMessageStore(b)];
    // Each process's batches hold both rooms, arriving in opposite orders: the store locks rooms in one order.
    const sends = Array.from({ length: 50 }, () => [
      storeA.store(pending(x, authorId)),
      storeA.store(pending(y, authorId)),
      storeB.store(pending(y, authorId)),
      storeB.store(pending(x, authorId)),
    ]).flat();
    const rows = await Promise.all(sends);
    expect(rows.every((row) => row !== null)).toBe(true);
    const expected = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(await seqsOf(a, x)).toEqual(expected);
    expect(await seqsOf(a, y)).toEqual(expected);
  });
});
