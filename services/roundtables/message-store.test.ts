import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { messages, roundtableMembers, roundtables, users } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createMessageStore, type PendingMessage } from './message-store.server';

/**
 * The group-commit store on its own: what one statement decides for several waiting sends. (The service's
 * answers on top of it are in roundtables.test.ts; the order of broadcasts in realtime/roundtables.test.ts.)
 */
let handle: DatabaseHandle;
let roomId: string;
let closedRoomId: string;
let member: string;
let muted: string;
let outsider: string;
const at = new Date('2027-01-10T14:00:00Z');
let n = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const person = async () =>
    (
      await db
        .insert(users)
        .values({ email: `store-${n++}-${Date.now()}@example.org`, displayName: `P${n}`, passwordHash: 'x' })
        .returning({ id: users.id })
    )[0].id;
  [member, muted, outsider] = [await person(), await person(), await person()];
  roomId = (
    await db
      .insert(roundtables)
      .values({ title: 'Store test', kind: 'working_roundtable' })
      .returning({ id: roundtables.id })
  )[0].id;
  closedRoomId = (
    await db
      .insert(roundtables)
      .values({ title: 'Closed', kind: 'working_roundtable', status: 'closed' })
      .returning({ id: roundtables.id })
  )[0].id;
  await db.insert(roundtableMembers).values([
    { roundtableId: roomId, userId: member },
    { roundtableId: roomId, userId: muted, mutedUntil: new Date(at.getTime() + 60_000) },
    { roundtableId: closedRoomId, userId: member },
  ]);
});
afterAll(() => handle.close());

const message = (over: Partial<PendingMessage>): PendingMessage => ({
  roundtableId: roomId,
  authorId: member,
  clientId: `c-${n++}`,
  body: 'hello',
  replyToId: null,
  createdAt: at,
  secretariat: false,
  ...over,
});

describe('group-commit message store', () => {
  it('stores what may be stored and refuses the rest in one batch, each waiter with its own answer', async () => {
    const store = createMessageStore(handle.db);
    const twice = `twice-${n++}`;
    const [ok1, ok2, copy, fromOutsider, fromMuted, inClosed, secretariatGuest] = await Promise.all([
      store.store(message({ body: 'one' })),
      store.store(message({ body: 'two', clientId: twice })),
      store.store(message({ body: 'two', clientId: twice })),
      store.store(message({ authorId: outsider })),
      store.store(message({ authorId: muted })),
      store.store(message({ roundtableId: closedRoomId })),
      // Secretariat staff speak without a membership row.
      store.store(message({ authorId: outsider, secretariat: true, body: 'from the Secretariat' })),
    ]);
    expect(ok1).toMatchObject({ body: 'one', authorId: member, roundtableId: roomId });
    expect(ok2).toMatchObject({ body: 'two', clientId: twice });
    expect(copy).toBeNull(); // the resend within the batch: the caller answers it as a duplicate
    expect(fromOutsider).toBeNull();
    expect(fromMuted).toBeNull();
    expect(inClosed).toBeNull();
    expect(secretariatGuest).toMatchObject({ body: 'from the Secretariat' });
    const rows = await handle.db
      .select({ clientId: messages.clientId })
      .from(messages)
      .where(eq(messages.clientId, twice));
    expect(rows).toHaveLength(1);
  });

  it('answers a resend of a stored message with null, and a reply only within its room', async () => {
    const store = createMessageStore(handle.db);
    const first = await store.store(message({}));
    expect(await store.store(message({ clientId: first!.clientId }))).toBeNull();
    expect(await store.store(message({ replyToId: first!.id }))).toMatchObject({ replyToId: first!.id });
    expect(await store.store(message({ replyToId: 999_999_999 }))).toBeNull();
  });

  it('does not let one failing row fail the others in its batch', async () => {
    const store = createMessageStore(handle.db);
    // A "Secretariat" author who does not exist passes the checks and fails the foreign key: the whole statement
    // fails, and the store retries its rows one by one.
    const results = await Promise.allSettled([
      store.store(message({ body: 'fine' })),
      store.store(message({ authorId: randomUUID(), secretariat: true })),
      store.store(message({ body: 'also fine' })),
    ]);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { body: 'fine' } });
    expect(results[1].status).toBe('rejected');
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { body: 'also fine' } });
  });
});
