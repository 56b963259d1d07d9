import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { messages } from '../db/schema';
import { createServices, type Services } from '../services/index.server';
import { createTestDatabase } from '../tests/db';
import {
  clientId,
  connectClient,
  next,
  record,
  request,
  roomFixture,
  sessionCookie,
  sleep,
  startNode,
  type Client,
  type Node,
  type Person,
} from '../tests/realtime-harness';
import type { AgendaItemView, JoinReply, MessageView, PresenceEntry } from './events';
import { roomName } from './roundtables';

/**
 * The roundtable rooms over a real server on an ephemeral port (the app's createHttpServer with a trivial Remix
 * handler) and real socket.io clients on websockets. Each test builds its own room and people, so flood windows
 * and memberships never leak between tests. Handshake refusals (forged cookie, foreign Origin) are in
 * server/app.test.ts.
 */
let database: DatabaseHandle;
let services: Services;
let node: Node;
const open: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  services = createServices({ db: database.db });
  node = await startNode({ services, database });
});

afterEach(() => {
  for (const client of open.splice(0)) client.close();
});

afterAll(async () => {
  await node.close();
  await database.close();
});

async function client(person: Person): Promise<Client> {
  const socket = await connectClient(node.url, await sessionCookie(services, person.email, person.password));
  open.push(socket);
  return socket;
}

type Failure = {
  ok: false;
  error: { kind: string; message: string; fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number };
};
type SendReply = { ok: true; message: MessageView; duplicate: boolean } | Failure;
type JoinAck = ({ ok: true } & JoinReply) | Failure;

async function join(socket: Client, roomId: string, lastSeenSeq?: number) {
  const reply = await request<JoinAck>(
    socket,
    'room:join',
    lastSeenSeq === undefined ? { roomId } : { roomId, lastSeenSeq },
  );
  if (!reply.ok) throw new Error(`join refused: ${reply.error.message}`);
  return reply;
}

async function send(socket: Client, roomId: string, body: string, id = clientId()) {
  return request<SendReply>(socket, 'message:send', { roomId, clientId: id, body });
}

async function stored(roomId: string) {
  const [{ n }] = await database.db.select({ n: count() }).from(messages).where(eq(messages.roundtableId, roomId));
  return n;
}

describe('membership', () => {
  it('refuses a non-member, lets members and any Secretariat member in', async () => {
    const room = await roomFixture(database, services);
    const outsider = await client(room.outsider);
    const refused = await request<JoinAck>(outsider, 'room:join', { roomId: room.roomId });
    expect(refused).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'You are not a member of this roundtable.' },
    });
    expect(outsider.connected).toBe(true);

    const staff = await client(room.staff); // Secretariat, not listed in the room
    const joined = await join(staff, room.roomId);
    expect(joined).toMatchObject({
      ok: true,
      room: { id: room.roomId, status: 'open' },
      moderator: true,
      mode: 'latest',
      messages: [],
    });

    const alice = await client(room.alice);
    expect(await join(alice, room.roomId)).toMatchObject({ ok: true, moderator: false });
  });

  it('keeps a refused socket out of the room broadcasts', async () => {
    const room = await roomFixture(database, services);
    const outsider = await client(room.outsider);
    await request(outsider, 'room:join', { roomId: room.roomId });
    const leaked = record(outsider, 'message:new');
    const alice = await client(room.alice);
    await join(alice, room.roomId);
    expect((await send(alice, room.roomId, 'members only')).ok).toBe(true);
    await sleep(100);
    expect(leaked).toEqual([]);
  });
});

describe('messages', () => {
  it('stores, acknowledges with the stored id, then broadcasts to the other members', async () => {
    const room = await roomFixture(database, services);
    const [alice, bruno] = [await client(room.alice), await client(room.bruno)];
    await join(alice, room.roomId);
    await join(bruno, room.roomId);
    const own = record(alice, 'message:new');
    const arrived = next<{ roomId: string; message: MessageView }>(bruno, 'message:new');

    const reply = await send(alice, room.roomId, 'Hola, colegas');
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.duplicate).toBe(false);
    expect(reply.message).toMatchObject({
      roundtableId: room.roomId,
      authorId: room.alice.actor.userId,
      body: 'Hola, colegas',
      deleted: false,
    });
    const [row] = await database.db.select().from(messages).where(eq(messages.id, reply.message.id));
    expect(row.body).toBe('Hola, colegas');

    const broadcast = await arrived;
    expect(broadcast).toEqual({ roomId: room.roomId, message: reply.message });
    await sleep(50);
    expect(own).toEqual([]); // the sender has the ack
  });

  it('answers a resend with the same clientId with the same message, once stored and once broadcast', async () => {
    const room = await roomFixture(database, services);
    const [alice, bruno] = [await client(room.alice), await client(room.bruno)];
    await join(alice, room.roomId);
    await join(bruno, room.roomId);
    const seen = record<{ message: MessageView }>(bruno, 'message:new');
    const id = clientId('resend');
    const first = await send(alice, room.roomId, 'Only once', id);
    const again = await send(alice, room.roomId, 'Only once', id);
    // Two copies in flight at the same time (a retry racing its original).
    const racing = await Promise.all([
      send(alice, room.roomId, 'Only once', id),
      send(alice, room.roomId, 'Only once', id),
    ]);
    if (!first.ok || !again.ok) throw new Error('refused');
    expect(again).toEqual({ ok: true, message: first.message, duplicate: true });
    for (const reply of racing) expect(reply).toEqual({ ok: true, message: first.message, duplicate: true });
    await sleep(100);
    expect(seen.map((p) => p.message.id)).toEqual([first.message.id]);
    const rows = await database.db
      .select()
      .from(messages)
      .where(and(eq(messages.authorId, room.alice.actor.userId), eq(messages.clientId, id)));
    expect(rows).toHaveLength(1);
  });

  it('stores sends that arrive together once each, dedupes copies within one batch, and broadcasts in id order', async () => {
    // Sends of a room run together and are committed as one statement (group commit): the broadcasts must still
    // leave in id order, or a client's "last id seen" could skip a message on reconnect.
    const room = await roomFixture(database, services);
    const senders = [
      await client(room.alice),
      await client(room.bruno),
      await client(room.carla),
      await client(room.staff),
    ];
    const observer = await client(room.moderator);
    for (const socket of [...senders, observer]) await join(socket, room.roomId);
    const heard = record<{ message: MessageView }>(observer, 'message:new');
    const twice = clientId('twice');
    const replies = await Promise.all([
      ...senders.flatMap((socket, s) =>
        Array.from({ length: 5 }, (_, i) => send(socket, room.roomId, `sender ${s} message ${i}`)),
      ),
      // A first send and its retry in flight together, neither stored before.
      send(senders[0], room.roomId, 'sent twice at once', twice),
      send(senders[0], room.roomId, 'sent twice at once', twice),
    ]);
    const ok = replies.filter((r): r is Extract<SendReply, { ok: true }> => r.ok);
    expect(ok).toHaveLength(replies.length);
    const copies = ok.filter((r) => r.message.clientId === twice);
    expect(copies.map((r) => r.duplicate).sort()).toEqual([false, true]);
    expect(copies[0].message.id).toBe(copies[1].message.id);
    const fresh = ok.filter((r) => !r.duplicate).map((r) => r.message.id);
    expect(new Set(fresh).size).toBe(21);
    for (let waited = 0; heard.length < fresh.length && waited < 3_000; waited += 50) await sleep(50);
    await sleep(100); // nothing more (no broadcast of the duplicate)
    const order = heard.map((p) => p.message.id);
    expect(order).toEqual([...fresh].sort((a, b) => a - b));
    expect(await stored(room.roomId)).toBe(21);
  });

  it('broadcasts a message sent through the room page’s plain form (no socket) to the members in the room, once', async () => {
    const room = await roomFixture(database, services);
    const alice = await client(room.alice);
    await join(alice, room.roomId);
    const heard = record(alice, 'message:new');
    const body = { clientId: clientId(), body: 'Sent without JavaScript' };
    const posted = await services.roundtables.post(room.bruno.actor, room.roomId, body);
    if (!posted.ok) throw new Error(posted.message);
    expect(await services.roundtables.post(room.bruno.actor, room.roomId, body)).toMatchObject({
      ok: true,
      value: { duplicate: true },
    });
    await sleep(150);
    expect(heard).toEqual([
      {
        roomId: room.roomId,
        message: expect.objectContaining({
          id: posted.value.message.id,
          seq: posted.value.message.seq,
          body: 'Sent without JavaScript',
        }),
      },
    ]);
    // Someone outside the room hears nothing, and a refused post is not announced.
    expect(
      await services.roundtables.post(room.outsider.actor, room.roomId, { clientId: clientId(), body: 'let me in' }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    await sleep(100);
    expect(heard).toHaveLength(1);
  });

  it('replays exactly the missed messages after a reconnect, in order', async () => {
    const room = await roomFixture(database, services);
    let alice = await client(room.alice);
    const bruno = await client(room.bruno);
    await join(alice, room.roomId);
    await join(bruno, room.roomId);
    const arrived = next<{ message: MessageView }>(alice, 'message:new');
    const before = await send(bruno, room.roomId, 'before the drop');
    const received = await arrived;
    if (!before.ok) throw new Error(before.error.message);
    expect(received.message.id).toBe(before.message.id);
    const lastSeenSeq = received.message.seq;

    alice.close();
    const missed: number[] = [];
    for (const body of ['one', 'two', 'three']) {
      const reply = await send(bruno, room.roomId, body);
      if (!reply.ok) throw new Error(reply.error.message);
      missed.push(reply.message.id);
    }

    alice = await client(room.alice);
    const live = record(alice, 'message:new');
    const rejoined = await join(alice, room.roomId, lastSeenSeq);
    expect(rejoined.mode).toBe('replay');
    expect(rejoined.truncated).toBe(false);
    expect(rejoined.messages.map((m) => m.id)).toEqual(missed);
    expect(rejoined.messages.map((m) => m.seq)).toEqual([lastSeenSeq + 1, lastSeenSeq + 2, lastSeenSeq + 3]);
    expect(rejoined.messages.map((m) => m.body)).toEqual(['one', 'two', 'three']);
    await sleep(100);
    expect(live).toEqual([]); // nothing shown twice

    // And live again afterwards.
    const after = next<{ message: MessageView }>(alice, 'message:new');
    const fourth = await send(bruno, room.roomId, 'four');
    if (!fourth.ok) throw new Error(fourth.error.message);
    expect((await after).message.id).toBe(fourth.message.id);
  });

  it('pages through older history', async () => {
    const room = await roomFixture(database, services);
    const rows = Array.from({ length: 120 }, (_, i) => ({
      roundtableId: room.roomId,
      authorId: room.bruno.actor.userId,
      clientId: `seed-${room.roomId}-${i}`,
      body: `message ${i}`,
    }));
    await database.db.insert(messages).values(rows);
    const alice = await client(room.alice);
    const first = await join(alice, room.roomId);
    expect(first.messages).toHaveLength(50);
    expect(first.hasOlder).toBe(true);
    expect(first.messages[49].body).toBe('message 119');

    const pages: MessageView[][] = [first.messages];
    expect(first.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 71 + i)); // numbered 1…120 on insert
    let beforeSeq = first.messages[0].seq;
    for (;;) {
      const page = await request<{ ok: true; messages: MessageView[]; hasOlder: boolean }>(alice, 'room:history', {
        roomId: room.roomId,
        beforeSeq,
      });
      expect(page.ok).toBe(true);
      pages.unshift(page.messages);
      if (!page.hasOlder) break;
      beforeSeq = page.messages[0].seq;
    }
    expect(pages.map((p) => p.length)).toEqual([20, 50, 50]);
    expect(pages.flat().map((m) => m.body)).toEqual(rows.map((r) => r.body));

    const outsider = await client(room.outsider);
    expect(await request(outsider, 'room:history', { roomId: room.roomId, beforeSeq })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });

  it('edits, deletes and pins with message:updated, within the rules of the service', async () => {
    const room = await roomFixture(database, services);
    const [alice, bruno, moderator] = [
      await client(room.alice),
      await client(room.bruno),
      await client(room.moderator),
    ];
    for (const socket of [alice, bruno, moderator]) await join(socket, room.roomId);
    const sent = await send(alice, room.roomId, 'first draft');
    if (!sent.ok) throw new Error(sent.error.message);
    const id = sent.message.id;

    let update = next<{ message: MessageView }>(bruno, 'message:updated');
    expect(await request(alice, 'message:edit', { messageId: id, body: 'second draft' })).toMatchObject({
      ok: true,
      message: { id, body: 'second draft' },
    });
    expect((await update).message).toMatchObject({ id, body: 'second draft', editedAt: expect.any(String) });

    expect(await request(bruno, 'message:edit', { messageId: id, body: 'not mine' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(await request(bruno, 'message:pin', { messageId: id, pinned: true })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: 'Only moderators pin messages.' },
    });

    update = next<{ message: MessageView }>(alice, 'message:updated');
    expect(await request(moderator, 'message:pin', { messageId: id, pinned: true })).toMatchObject({
      ok: true,
      message: { pinned: true },
    });
    expect((await update).message.pinned).toBe(true);

    update = next<{ message: MessageView }>(bruno, 'message:updated', (p) => p.message.deleted);
    expect(await request(alice, 'message:delete', { messageId: id })).toMatchObject({
      ok: true,
      message: { deleted: true, body: '' },
    });
    expect((await update).message).toMatchObject({ id, deleted: true, body: '' });
  });

  it('reactions toggle live for everyone in the room; outsiders and unknown reactions are refused (issue 15)', async () => {
    const room = await roomFixture(database, services);
    const [alice, bruno, outsider] = [await client(room.alice), await client(room.bruno), await client(room.outsider)];
    await join(alice, room.roomId);
    await join(bruno, room.roomId);
    const sent = await send(alice, room.roomId, 'Draft two is in the folder.');
    if (!sent.ok) throw new Error(sent.error.message);
    const id = sent.message.id;

    let update = next<{ roomId: string; message: MessageView }>(alice, 'message:updated');
    expect(await request(bruno, 'message:react', { messageId: id, reaction: 'agree' })).toMatchObject({
      ok: true,
      message: { id, reactions: [{ reaction: 'agree', userIds: [room.bruno.actor.userId] }] },
    });
    expect((await update).message.reactions).toEqual([{ reaction: 'agree', userIds: [room.bruno.actor.userId] }]);

    update = next<{ roomId: string; message: MessageView }>(alice, 'message:updated');
    expect(await request(bruno, 'message:react', { messageId: id, reaction: 'agree' })).toMatchObject({
      ok: true,
      message: { id, reactions: [] },
    });
    expect((await update).message.reactions).toEqual([]);

    expect(await request(bruno, 'message:react', { messageId: id, reaction: 'heart' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    expect(await request(outsider, 'message:react', { messageId: id, reaction: 'agree' })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
  });

  it('the socket contract uses the service limits: an agenda title over 300 characters is refused with its words', async () => {
    const room = await roomFixture(database, services);
    const moderator = await client(room.moderator);
    await join(moderator, room.roomId);
    expect(await request(moderator, 'agenda:add', { roomId: room.roomId, title: 'x'.repeat(301) })).toMatchObject({
      ok: false,
      error: { kind: 'invalid', message: 'Keep the item under 300 characters.' },
    });
    expect(await request(moderator, 'agenda:add', { roomId: room.roomId, title: 'y'.repeat(300) })).toMatchObject({
      ok: true,
    });
  });

  it("a moderator hides (with a reason everyone receives) but never edits someone else's words (issue 15)", async () => {
    const room = await roomFixture(database, services);
    const [alice, bruno, moderator] = [
      await client(room.alice),
      await client(room.bruno),
      await client(room.moderator),
    ];
    for (const socket of [alice, bruno, moderator]) await join(socket, room.roomId);
    const sent = await send(alice, room.roomId, 'an off-topic remark');
    if (!sent.ok) throw new Error(sent.error.message);
    const id = sent.message.id;
    expect(await request(moderator, 'message:edit', { messageId: id, body: 'a better remark' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(await request(bruno, 'message:hide', { messageId: id, reason: 'Off topic' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: 'Only moderators hide messages.' },
    });
    expect(await request(moderator, 'message:hide', { messageId: id })).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    const heard = [
      next<{ message: MessageView }>(alice, 'message:updated', (p) => !!p.message.hidden),
      next<{ message: MessageView }>(bruno, 'message:updated', (p) => !!p.message.hidden),
    ];
    expect(await request(moderator, 'message:hide', { messageId: id, reason: 'Off topic' })).toMatchObject({
      ok: true,
      message: { id, body: '', hidden: { reason: 'Off topic' } },
    });
    for (const update of await Promise.all(heard))
      expect(update.message).toMatchObject({
        id,
        body: '',
        deleted: false,
        hidden: { reason: 'Off topic', byName: expect.any(String) },
      });
  });
});

describe('moderation', () => {
  it('mutes: the muted person cannot send until the mute is lifted', async () => {
    const room = await roomFixture(database, services);
    const [moderator, bruno] = [await client(room.moderator), await client(room.bruno)];
    await join(moderator, room.roomId);
    await join(bruno, room.roomId);
    expect(
      await request(bruno, 'member:mute', { roomId: room.roomId, userId: room.alice.actor.userId, minutes: 5 }),
    ).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    const changed = next(bruno, 'room:changed');
    expect(
      await request(moderator, 'member:mute', { roomId: room.roomId, userId: room.bruno.actor.userId, minutes: 5 }),
    ).toMatchObject({ ok: true, userId: room.bruno.actor.userId, mutedUntil: expect.any(String) });
    expect(await changed).toEqual({ roomId: room.roomId, what: 'members' });
    const before = await stored(room.roomId);
    const refused = await send(bruno, room.roomId, 'can I speak?');
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringMatching(/muted you until/) },
    });
    expect(await stored(room.roomId)).toBe(before);

    await request(moderator, 'member:mute', { roomId: room.roomId, userId: room.bruno.actor.userId, minutes: 0 });
    expect((await send(bruno, room.roomId, 'thank you')).ok).toBe(true);
  });

  it('tells the muted person at once with the end time, lowers their hand, and refuses a hand while muted (issue 15)', async () => {
    const room = await roomFixture(database, services);
    const [moderator, bruno, brunoOtherTab, alice] = [
      await client(room.moderator),
      await client(room.bruno),
      await client(room.bruno),
      await client(room.alice),
    ];
    for (const socket of [moderator, bruno, brunoOtherTab, alice]) await join(socket, room.roomId);
    expect(await request(bruno, 'hand:raise', { roomId: room.roomId })).toMatchObject({ ok: true });
    const told = Promise.all([
      next<{ roomId: string; mutedUntil: string | null }>(bruno, 'member:muted'),
      next<{ roomId: string; mutedUntil: string | null }>(brunoOtherTab, 'member:muted'),
    ]);
    const lowered = next<{ userId: string; raised: boolean }>(
      alice,
      'hand:update',
      (p) => p.userId === room.bruno.actor.userId && !p.raised,
    );
    const muted = await request<{ ok: true; mutedUntil: string }>(moderator, 'member:mute', {
      roomId: room.roomId,
      userId: room.bruno.actor.userId,
      minutes: 10,
    });
    for (const event of await told) expect(event).toEqual({ roomId: room.roomId, mutedUntil: muted.mutedUntil });
    expect(Date.parse(muted.mutedUntil) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(await lowered).toMatchObject({ raised: false });
    expect(await request(bruno, 'hand:raise', { roomId: room.roomId })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringMatching(/muted you until/) },
    });
    // Alice was not muted: she hears nothing about it.
    const heardByAlice: unknown[] = [];
    alice.on('member:muted', (p: unknown) => heardByAlice.push(p));
    const lifted = next<{ mutedUntil: string | null }>(bruno, 'member:muted');
    await request(moderator, 'member:mute', { roomId: room.roomId, userId: room.bruno.actor.userId, minutes: 0 });
    expect(await lifted).toEqual({ roomId: room.roomId, mutedUntil: null });
    await sleep(100);
    expect(heardByAlice).toEqual([]);
    expect(await request(bruno, 'hand:raise', { roomId: room.roomId })).toMatchObject({ ok: true });
  });

  it('removes: the person’s sockets leave at once, hear room:removed, and cannot send or rejoin', async () => {
    const room = await roomFixture(database, services);
    const moderator = await client(room.moderator);
    const carla = await client(room.carla);
    const carlaOtherTab = await client(room.carla);
    const alice = await client(room.alice);
    for (const socket of [moderator, carla, carlaOtherTab, alice]) await join(socket, room.roomId);

    const removed = Promise.all([next(carla, 'room:removed'), next(carlaOtherTab, 'room:removed')]);
    const presence = next<{ presence: PresenceEntry[] }>(
      alice,
      'presence:update',
      (p) => !p.presence.some((e) => e.userId === room.carla.actor.userId),
    );
    expect(await request(moderator, 'member:remove', { roomId: room.roomId, userId: room.carla.actor.userId })).toEqual(
      { ok: true, userId: room.carla.actor.userId },
    );
    for (const event of await removed)
      expect(event).toEqual({ roomId: room.roomId, message: 'A moderator removed you from this roundtable.' });
    await presence;

    const leaked = record(carla, 'message:new');
    expect((await send(alice, room.roomId, 'after the removal')).ok).toBe(true);
    const refused = await send(carla, room.roomId, 'let me back');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await request(carla, 'room:join', { roomId: room.roomId })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(await request(carla, 'typing:start', { roomId: room.roomId })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    await sleep(100);
    expect(leaked).toEqual([]);
  });

  it('closes the room: everyone hears room:status, sends are refused, history still reads', async () => {
    const room = await roomFixture(database, services);
    const [moderator, alice] = [await client(room.moderator), await client(room.alice)];
    await join(moderator, room.roomId);
    await join(alice, room.roomId);
    expect((await send(alice, room.roomId, 'last words')).ok).toBe(true);
    expect(await request(alice, 'room:status', { roomId: room.roomId, status: 'closed' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });

    const status = next(alice, 'room:status');
    expect(await request(moderator, 'room:status', { roomId: room.roomId, status: 'closed' })).toEqual({
      ok: true,
      status: 'closed',
    });
    expect(await status).toEqual({ roomId: room.roomId, status: 'closed' });
    const before = await stored(room.roomId);
    expect(await send(alice, room.roomId, 'anyone?')).toEqual({
      ok: false,
      error: { kind: 'conflict', message: 'This roundtable is closed: it is read-only.' },
    });
    expect(await stored(room.roomId)).toBe(before);
    const again = await join(alice, room.roomId);
    expect(again.room.status).toBe('closed');
    expect(again.messages.map((m) => m.body)).toEqual(['last words']);

    // Also when the change comes from elsewhere (an HTTP action calls the service).
    const reopened = next(alice, 'room:status');
    await services.roundtables.setStatus(room.moderator.actor, room.roomId, 'open');
    expect(await reopened).toEqual({ roomId: room.roomId, status: 'open' });
  });
});

describe('what a connection holds', () => {
  it('one listener for every room event, not a closure per event; events nobody handles are left unanswered', async () => {
    const room = await roomFixture(database, services);
    const alice = await client(room.alice);
    await join(alice, room.roomId);
    const [socket] = await node.io.in(roomName(room.roomId)).fetchSockets();
    const server = node.io.of('/').sockets.get(socket.id)!;
    // The room handlers are defined once for the server (about 5 KB of heap per idle connection less, measured).
    expect(server.listenersAny()).toHaveLength(1);
    expect(server.eventNames().filter((name) => String(name).includes(':') && name !== 'session:whoami')).toEqual([]);
    // Every room event still answers through it, and an unknown event is left alone as before.
    expect(await request(alice, 'room:history', { roomId: room.roomId, beforeSeq: 1 })).toMatchObject({
      ok: true,
      messages: [],
    });
    const unknown = (
      alice.timeout(300) as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> }
    ).emitWithAck('room:nonsense', { roomId: room.roomId });
    await expect(unknown).rejects.toThrow(/timed out|timeout/i);
    expect(alice.connected).toBe(true);
  });
});

describe('flood protection', () => {
  it('refuses the 11th message within 10 s with a clear message, and still answers resends', async () => {
    const room = await roomFixture(database, services);
    const alice = await client(room.alice);
    await join(alice, room.roomId);
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      ids.push(clientId('flood'));
      expect(await send(alice, room.roomId, `message ${i}`, ids[i])).toMatchObject({ ok: true, duplicate: false });
    }
    const refused = await send(alice, room.roomId, 'one too many');
    expect(refused).toMatchObject({
      ok: false,
      error: {
        kind: 'rate_limited',
        message: expect.stringMatching(/^You are sending too fast\. Wait \d+ s\.$/),
        retryAfterSeconds: expect.any(Number),
      },
    });
    expect(await stored(room.roomId)).toBe(10);
    expect(await send(alice, room.roomId, 'message 3', ids[3])).toMatchObject({ ok: true, duplicate: true });
  });
});

describe('bad input', () => {
  it('answers a Spanish reader in Spanish: refusals, field errors and the client’s own mistakes', async () => {
    const room = await roomFixture(database, services);
    const spanish = async (person: Person) => {
      const socket = await connectClient(
        node.url,
        `${await sessionCookie(services, person.email, person.password)}; minka_lang=es`,
      );
      open.push(socket);
      return socket;
    };
    const outsider = await spanish(room.outsider);
    expect(await request(outsider, 'room:join', { roomId: room.roomId })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: 'Usted no es miembro de esta mesa redonda.' },
    });
    const alice = await spanish(room.alice);
    expect(
      await request(alice, 'message:send', { roomId: room.roomId, clientId: clientId(), body: '   ' }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid',
        message: 'Un mensaje no puede estar vacío.',
        fieldErrors: { body: ['Un mensaje no puede estar vacío.'] },
      },
    });
    // Outside tester: "body: Un mensaje tiene como máximo 4000 caracteres.", the field's internal name in front.
    expect(
      await request(alice, 'message:send', { roomId: room.roomId, clientId: clientId(), body: 'x'.repeat(4001) }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid',
        message: 'Un mensaje tiene como máximo 4000 caracteres.',
        fieldErrors: { body: ['Un mensaje tiene como máximo 4000 caracteres.'] },
      },
    });
    expect(await request(alice, 'typing:start', { roomId: room.roomId })).toMatchObject({
      ok: false,
      error: { message: 'Únase primero a la sala (room:join).' },
    });
    expect(await request(alice, 'message:send', 'hola')).toMatchObject({
      ok: false,
      error: { message: 'message:send espera un objeto como datos.' },
    });
    // The same refusal in English for a reader without the cookie.
    const english = await client(room.outsider);
    expect(await request(english, 'room:join', { roomId: room.roomId })).toMatchObject({
      ok: false,
      error: { message: 'You are not a member of this roundtable.' },
    });
  });

  it('answers malformed payloads with an error ack, stores nothing and keeps serving', async () => {
    const room = await roomFixture(database, services);
    const alice = await client(room.alice);
    await join(alice, room.roomId);
    const bad: Array<[string, unknown, RegExp]> = [
      ['message:send', { roomId: room.roomId, body: 'no client id' }, /^clientId: /],
      ['message:send', { roomId: room.roomId, clientId: clientId(), body: 42 }, /^A message is text\./],
      ['message:send', { roomId: room.roomId, clientId: 'short', body: 'x' }, /clientId must be a client-generated id/],
      [
        'message:send',
        { roomId: room.roomId, clientId: clientId(), body: 'x'.repeat(4_001) },
        /at most 4000 characters/,
      ],
      ['message:send', { roomId: room.roomId, clientId: clientId(), body: '   ' }, /cannot be empty/],
      ['message:send', { roomId: room.roomId, clientId: clientId(), body: 'hi', replyToId: 'one' }, /^replyToId: /],
      ['message:send', { roomId: room.roomId, clientId: clientId(), body: 'hi', admin: true }, /admin/],
      ['message:send', 'just a string', /message:send expects one object/],
      ['message:send', null, /message:send expects one object/],
      ['message:send', [room.roomId, 'hi'], /message:send expects one object/],
      ['room:join', {}, /^roomId: /],
      ['room:join', { roomId: room.roomId, lastSeenSeq: -1 }, /^lastSeenSeq: /],
      ['room:join', { roomId: room.roomId, lastSeenId: 3 }, /lastSeenId/],
      ['room:history', { roomId: room.roomId, beforeSeq: 'latest' }, /^beforeSeq: /],
      ['message:pin', { messageId: 1 }, /^pinned: /],
      ['member:mute', { roomId: room.roomId, userId: room.bruno.actor.userId, minutes: 'forever' }, /^minutes: /],
      ['agenda:reorder', { roomId: room.roomId, order: 'a,b' }, /^order: /],
    ];
    for (const [event, payload, message] of bad) {
      const reply = await request<Failure>(alice, event, payload);
      expect(reply.ok, `${event} ${JSON.stringify(payload)?.slice(0, 60)}`).toBe(false);
      expect(reply.error.kind).toBe('invalid');
      expect(reply.error.message).toMatch(message);
    }
    // A function where the payload should be: the ack still answers.
    expect(await request<Failure>(alice, 'message:send')).toMatchObject({ ok: false, error: { kind: 'invalid' } });

    // No ack callback at all: nothing to answer, nothing stored, the connection stays up.
    const untyped = alice as unknown as { emit(event: string, ...args: unknown[]): void };
    untyped.emit('message:send', { roomId: room.roomId, body: 'no ack, no client id' });
    untyped.emit('message:send', 'garbage');
    untyped.emit('message:send');
    untyped.emit('room:join', 12);
    untyped.emit('no:such-event', { roomId: room.roomId });

    // Unknown rooms.
    expect(await send(alice, '00000000-0000-4000-8000-000000000000', 'hello?')).toEqual({
      ok: false,
      error: { kind: 'not_found', message: 'This roundtable does not exist.' },
    });
    expect(await send(alice, 'not-a-room', 'hello?')).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await request(alice, 'room:join', { roomId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
    expect(await request(alice, 'message:edit', { messageId: 999_999_999, body: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });

    expect(await stored(room.roomId)).toBe(0);
    expect(alice.connected).toBe(true);
    const me = await alice.timeout(2_000).emitWithAck('session:whoami');
    expect(me.userId).toBe(room.alice.actor.userId);
    expect((await send(alice, room.roomId, 'still here')).ok).toBe(true);
  });

  it('drops a payload over the transport limit without taking the server down', async () => {
    const room = await roomFixture(database, services);
    const alice = await client(room.alice);
    const disconnected = new Promise<string>((resolve) => alice.once('disconnect', resolve));
    (alice as unknown as { emit(event: string, ...args: unknown[]): void }).emit('message:send', {
      roomId: room.roomId,
      clientId: clientId(),
      body: 'x'.repeat(400_000),
    });
    expect(await disconnected).toBe('transport close');
    const bruno = await client(room.bruno);
    expect(await join(bruno, room.roomId)).toMatchObject({ ok: true });
    expect(await stored(room.roomId)).toBe(0);
  });
});

describe('presence, typing, hands, agenda, unread', () => {
  it('lists who is in the room across tabs, relays typing to others, and tracks raised hands', async () => {
    const room = await roomFixture(database, services);
    const alice = await client(room.alice);
    const aliceTab = await client(room.alice);
    const bruno = await client(room.bruno);
    await join(alice, room.roomId);
    await join(aliceTab, room.roomId);
    const joined = await join(bruno, room.roomId);
    expect(joined.presence.map((p) => p.userId).sort()).toEqual(
      [room.alice.actor.userId, room.bruno.actor.userId].sort(),
    );

    const typing = next(bruno, 'typing:update');
    const ownTyping = record(alice, 'typing:update');
    expect(await request(alice, 'typing:start', { roomId: room.roomId })).toEqual({ ok: true });
    expect(await typing).toEqual({
      roomId: room.roomId,
      userId: room.alice.actor.userId,
      displayName: 'Test delegate',
      typing: true,
    });
    await sleep(50);
    expect(ownTyping).toEqual([]);

    const hand = next(alice, 'hand:update');
    const handInPresence = next<{ presence: PresenceEntry[] }>(alice, 'presence:update', (p) =>
      p.presence.some((e) => e.userId === room.bruno.actor.userId && e.handRaisedAt),
    );
    expect(await request(bruno, 'hand:raise', { roomId: room.roomId })).toMatchObject({ ok: true });
    expect(await hand).toMatchObject({ roomId: room.roomId, userId: room.bruno.actor.userId, raised: true });
    await handInPresence;

    expect(await request(alice, 'hand:lower', { roomId: room.roomId, userId: room.bruno.actor.userId })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    const moderator = await client(room.moderator);
    await join(moderator, room.roomId);
    const lowered = next<{ presence: PresenceEntry[] }>(alice, 'presence:update', (p) =>
      p.presence.some((e) => e.userId === room.bruno.actor.userId && !e.handRaisedAt),
    );
    expect(await request(moderator, 'hand:lower', { roomId: room.roomId, userId: room.bruno.actor.userId })).toEqual({
      ok: true,
    });
    await lowered;

    // Closing one of Alice's two tabs keeps her present; closing Bruno's only one removes him.
    const gone = next<{ presence: PresenceEntry[] }>(
      moderator,
      'presence:update',
      (p) => !p.presence.some((e) => e.userId === room.bruno.actor.userId),
    );
    aliceTab.close();
    bruno.close();
    const { presence } = await gone;
    expect(presence.map((p) => p.userId).sort()).toEqual([room.alice.actor.userId, room.moderator.actor.userId].sort());

    const outsider = await client(room.outsider);
    expect(await request(outsider, 'typing:start', { roomId: room.roomId })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(await request(outsider, 'hand:raise', { roomId: room.roomId })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });

  it('lets moderators change the agenda and shows every change live, also from outside the socket', async () => {
    const room = await roomFixture(database, services);
    const [moderator, alice] = [await client(room.moderator), await client(room.alice)];
    await join(moderator, room.roomId);
    await join(alice, room.roomId);
    expect(await request(alice, 'agenda:add', { roomId: room.roomId, title: 'My item' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });

    let updated = next<{ agenda: AgendaItemView[] }>(alice, 'agenda:updated');
    const added = await request<{ ok: true; agenda: AgendaItemView[] }>(moderator, 'agenda:add', {
      roomId: room.roomId,
      title: 'Opening remarks',
    });
    expect(added.agenda.map((i) => i.title)).toEqual(['Opening remarks']);
    expect((await updated).agenda).toEqual(added.agenda);

    updated = next<{ agenda: AgendaItemView[] }>(alice, 'agenda:updated', (p) => p.agenda.length === 2);
    await services.roundtables.addAgendaItem(room.moderator.actor, room.roomId, 'Draft law review'); // e.g. from an HTTP action
    const two = (await updated).agenda;
    expect(two.map((i) => i.title)).toEqual(['Opening remarks', 'Draft law review']);

    updated = next<{ agenda: AgendaItemView[] }>(
      alice,
      'agenda:updated',
      (p) => p.agenda[0]?.title === 'Draft law review',
    );
    expect(
      await request(moderator, 'agenda:reorder', { roomId: room.roomId, order: [two[1].id, two[0].id] }),
    ).toMatchObject({ ok: true });
    await updated;
    updated = next<{ agenda: AgendaItemView[] }>(alice, 'agenda:updated', (p) =>
      p.agenda.some((i) => i.status === 'in_discussion'),
    );
    expect(
      await request(moderator, 'agenda:mark', { roomId: room.roomId, itemId: two[1].id, status: 'in_discussion' }),
    ).toMatchObject({ ok: true });
    expect((await updated).agenda.find((i) => i.id === two[1].id)?.status).toBe('in_discussion');
    expect(await request(moderator, 'agenda:reorder', { roomId: room.roomId, order: [two[0].id] })).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });

    const rejoined = await join(alice, room.roomId);
    expect(rejoined.agenda.map((i) => i.title)).toEqual(['Draft law review', 'Opening remarks']);
  });

  it('marks messages read for unread counts, and tells the reader’s other tabs', async () => {
    const room = await roomFixture(database, services);
    const [alice, aliceTab, bruno] = [await client(room.alice), await client(room.alice), await client(room.bruno)];
    await join(bruno, room.roomId);
    const sent: Array<{ id: number; seq: number }> = [];
    for (const body of ['a', 'b', 'c']) {
      const reply = await send(bruno, room.roomId, body);
      if (!reply.ok) throw new Error(reply.error.message);
      sent.push(reply.message);
    }
    const unread = async () =>
      (await services.roundtables.list(room.alice.actor)).find((r) => r.id === room.roomId)?.unread;
    expect(await unread()).toBe(3);
    const synced = next(aliceTab, 'unread:updated');
    expect(await request(alice, 'room:read', { roomId: room.roomId, messageId: sent[1].id })).toEqual({
      ok: true,
      lastReadSeq: sent[1].seq,
    });
    expect(await synced).toEqual({ roomId: room.roomId, lastReadSeq: sent[1].seq });
    expect(await unread()).toBe(1);
    const outsider = await client(room.outsider);
    expect(await request(outsider, 'room:read', { roomId: room.roomId, messageId: sent[2].id })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });
});

describe('a lost connection (decision 034: no connection-state recovery, the rejoin replays)', () => {
  /** Drops the transport the way a network blip does. */
  async function drop(socket: Client) {
    const down = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    (socket.io as unknown as { engine: { close(): void } }).engine.close();
    await down;
  }
  const reconnect = (socket: Client) =>
    new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
      socket.connect();
    });

  it('comes back outside the room; its rejoin gives the messages missed and the held ones changed, once', async () => {
    const room = await roomFixture(database, services);
    const [alice, bruno] = [await client(room.alice), await client(room.bruno)];
    const joined = await join(alice, room.roomId);
    await join(bruno, room.roomId);
    const heard = next<{ message: MessageView }>(alice, 'message:new');
    const before = await send(bruno, room.roomId, 'before the blip');
    if (!before.ok) throw new Error(before.error.message);
    await heard;
    const seen = record<{ message: MessageView }>(alice, 'message:new');
    const updates = record<{ message: MessageView }>(alice, 'message:updated');
    const aliceLeft = next<{ presence: PresenceEntry[] }>(
      bruno,
      'presence:update',
      (p) => !p.presence.some((e) => e.userId === room.alice.actor.userId),
    );
    await drop(alice);
    await aliceLeft;
    expect(
      await request(bruno, 'message:edit', { messageId: before.message.id, body: 'edited while away' }),
    ).toMatchObject({ ok: true });
    const missed = await send(bruno, room.roomId, 'while you were away');
    if (!missed.ok) throw new Error(missed.error.message);
    // Nothing is kept for the dropped connection: it comes back new, in no room, and hears nothing by itself.
    await reconnect(alice);
    await sleep(200);
    expect(seen).toEqual([]);
    expect(updates).toEqual([]);
    const rejoined = await request<JoinAck>(alice, 'room:join', {
      roomId: room.roomId,
      lastSeenSeq: before.message.seq,
      changedSince: joined.syncedAt,
    });
    expect(rejoined).toMatchObject({ ok: true, mode: 'replay', truncated: false });
    if (!rejoined.ok) throw new Error(rejoined.error.message);
    expect(rejoined.messages.map((m) => m.id)).toEqual([missed.message.id]);
    expect(rejoined.changed.map((m) => [m.id, m.body])).toEqual([[before.message.id, 'edited while away']]);
    // In the room again: the next message arrives live, once.
    const live = await send(bruno, room.roomId, 'welcome back');
    if (!live.ok) throw new Error(live.error.message);
    const deadline = Date.now() + 3_000;
    while (!seen.length && Date.now() < deadline) await sleep(20);
    await sleep(50);
    expect(seen.map((p) => p.message.id)).toEqual([live.message.id]);
  });

  it('someone removed while away comes back to nothing: no missed messages, the rejoin refused', async () => {
    const room = await roomFixture(database, services);
    const [carla, moderator] = [await client(room.carla), await client(room.moderator)];
    const joined = await join(carla, room.roomId);
    await join(moderator, room.roomId);
    const seen = record(carla, 'message:new');
    const carlaLeft = next<{ presence: PresenceEntry[] }>(
      moderator,
      'presence:update',
      (p) => !p.presence.some((e) => e.userId === room.carla.actor.userId),
    );
    await drop(carla);
    await carlaLeft;
    expect(
      await request(moderator, 'member:remove', { roomId: room.roomId, userId: room.carla.actor.userId }),
    ).toMatchObject({ ok: true });
    expect((await send(moderator, room.roomId, 'not for Carla')).ok).toBe(true);
    await reconnect(carla);
    expect((await send(moderator, room.roomId, 'still not for Carla')).ok).toBe(true);
    await sleep(200);
    expect(seen).toEqual([]);
    expect(
      await request(carla, 'room:join', { roomId: room.roomId, lastSeenSeq: 0, changedSince: joined.syncedAt }),
    ).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('a connection whose session ended while away is refused at the handshake', async () => {
    const room = await roomFixture(database, services);
    const cookie = await sessionCookie(services, room.alice.email, room.alice.password);
    const alice = await connectClient(node.url, cookie);
    open.push(alice);
    const joined = next(alice, 'presence:update');
    await join(alice, room.roomId);
    await joined;
    await drop(alice);
    await services.accounts.logout(room.alice.actor, { everywhere: true });
    await expect(reconnect(alice)).rejects.toThrow(/unauthorized/);
  });

  it('refuses a changedSince that is not a time, and says what to send', async () => {
    const room = await roomFixture(database, services);
    const alice = await client(room.alice);
    expect(
      await request(alice, 'room:join', { roomId: room.roomId, lastSeenSeq: 0, changedSince: 'yesterday' }),
    ).toMatchObject({ ok: false, error: { kind: 'invalid', message: expect.stringContaining('ISO 8601') } });
  });
});

describe('sessions', () => {
  it('drops a user’s sockets at “log out everywhere”, and refuses the old cookie at the next handshake', async () => {
    const room = await roomFixture(database, services);
    const cookie = await sessionCookie(services, room.alice.email, room.alice.password);
    const alice = await connectClient(node.url, cookie);
    open.push(alice);
    await join(alice, room.roomId);
    const ended = next(alice, 'session:ended');
    await services.accounts.logout(room.alice.actor, { everywhere: true });
    expect(await ended).toEqual({ reason: 'logout_everywhere' });
    await expect(connectClient(node.url, cookie)).rejects.toThrow(/unauthorized/);
  });
});
