import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { createServices, type Services } from '../services/index.server';
import { createTestDatabase } from '../tests/db';
import {
  clientId,
  connectClient,
  request,
  roomFixture,
  sessionCookie,
  sleep,
  startNode,
  type Client,
  type Node,
  type Person,
} from '../tests/realtime-harness';
import { createEventBudget, RATE_LIMITED_MESSAGE } from './event-budget';
import type { MessageView } from './events';

type Failure = { ok: false; error: { kind: string; message: string; retryAfterSeconds?: number } };
type SendReply = { ok: true; message: MessageView; duplicate: boolean } | Failure;

describe('event budget (unit)', () => {
  const rule = {
    perSocket: { capacity: 3, refillPerSecond: 1 },
    perUser: { capacity: 5, refillPerSecond: 1 },
    strikes: { limit: 4, windowMs: 10_000 },
  };

  it('allows a burst, refuses beyond it with a wait, refills over time', () => {
    let t = 0;
    const budget = createEventBudget(rule, () => t);
    for (let i = 0; i < 3; i++) expect(budget.take('s1', 'u1')).toEqual({ ok: true });
    expect(budget.take('s1', 'u1')).toEqual({ ok: false, retryAfterSeconds: 1, first: true, disconnect: false });
    expect(budget.take('s1', 'u1')).toMatchObject({ ok: false, first: false });
    t += 1_000;
    expect(budget.take('s1', 'u1')).toEqual({ ok: true });
  });

  it('shares one budget between the sockets of one person, and forgets closed sockets', () => {
    const budget = createEventBudget(rule, () => 0);
    for (let i = 0; i < 3; i++) expect(budget.take('a', 'u1').ok).toBe(true);
    for (let i = 0; i < 2; i++) expect(budget.take('b', 'u1').ok).toBe(true);
    expect(budget.take('b', 'u1').ok).toBe(false); // the person's budget (5) is spent, not socket b's (3)
    expect(budget.take('c', 'u2').ok).toBe(true); // someone else is not affected
    budget.forget('a');
    budget.forget('b');
    budget.forget('c');
    expect(budget.size()).toEqual({ sockets: 0, users: 0 });
  });

  it('asks to disconnect a socket that keeps exceeding its budget', () => {
    const budget = createEventBudget(rule, () => 0);
    for (let i = 0; i < 3; i++) budget.take('s', 'u');
    const verdicts = Array.from({ length: 4 }, () => budget.take('s', 'u'));
    expect(verdicts.map((v) => !v.ok && v.disconnect)).toEqual([false, false, false, true]);
  });
});

describe('over Socket.IO', () => {
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

  async function client(person: Person, headers: Record<string, string> = {}): Promise<Client> {
    const cookie = await sessionCookie(services, person.email, person.password);
    const socket = await connectClient(node.url, [cookie, headers.cookie].filter(Boolean).join('; '));
    open.push(socket);
    return socket;
  }
  async function joined(person: Person, roomId: string) {
    const socket = await client(person);
    const reply = await request<{ ok: boolean }>(socket, 'room:join', { roomId });
    expect(reply.ok).toBe(true);
    return socket;
  }

  it("a flood of 2,000 events from one socket is refused cheaply and disconnected; another person's send is acknowledged and a request served within 3 s (15 s before the budget)", async () => {
    const room = await roomFixture(database, services);
    const flooder = await joined(room.alice, room.roomId);
    const other = await joined(room.bruno, room.roomId);
    const replies: Failure[] = [];
    let ok = 0;
    const disconnected = new Promise<void>((resolve) => flooder.once('disconnect', () => resolve()));
    const started = Date.now();
    for (let i = 0; i < 2_000; i++) {
      const event = ['message:send', 'room:history', 'room:join', 'message:edit'][i % 4];
      const payload =
        event === 'message:send'
          ? { roomId: room.roomId, clientId: clientId('flood'), body: `flood ${i}` }
          : event === 'room:history'
            ? { roomId: room.roomId, beforeSeq: 1_000 }
            : event === 'room:join'
              ? { roomId: room.roomId }
              : { messageId: 1, body: 'x' };
      (flooder as unknown as { emit(e: string, p: unknown, ack: (r: SendReply) => void): void }).emit(
        event,
        payload,
        (reply) => {
          if (reply.ok) ok++;
          else if (reply.error.kind === 'rate_limited') replies.push(reply);
        },
      );
    }
    const sendStart = Date.now();
    const sent = await request<SendReply>(other, 'message:send', {
      roomId: room.roomId,
      clientId: clientId('calm'),
      body: 'still here?',
    });
    const latency = Date.now() - sendStart;
    // An HTTP request during the flood: /healthz makes a database round trip on the same event loop.
    const pageStart = Date.now();
    const page = await fetch(`${node.url}/healthz`);
    const pageLatency = Date.now() - pageStart;
    await Promise.race([disconnected, sleep(5_000)]);
    console.info(
      `[event-budget] flood: ${replies.length} rate_limited acks, ${ok} ok, flooder disconnected: ${!flooder.connected}, other's send ack in ${latency} ms, /healthz in ${pageLatency} ms (flood emitted ${sendStart - started} ms)`,
    );
    expect(sent.ok).toBe(true);
    expect(latency).toBeLessThan(3_000);
    expect(page.status).toBe(200);
    expect(pageLatency).toBeLessThan(3_000);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies[0].error).toEqual({
      kind: 'rate_limited',
      message: RATE_LIMITED_MESSAGE,
      retryAfterSeconds: expect.any(Number),
    });
    expect(flooder.connected).toBe(false);
    // The server is still fine: a fresh connection of the same person works.
    const again = await joined(room.alice, room.roomId);
    expect((await request<{ ok: boolean }>(again, 'room:history', { roomId: room.roomId, beforeSeq: 1_000 })).ok).toBe(
      true,
    );
  }, 30_000);

  it('answers rate_limited in Spanish to a Spanish reader', async () => {
    const room = await roomFixture(database, services);
    const socket = await connectClient(node.url, await sessionCookie(services, room.carla.email, room.carla.password));
    open.push(socket);
    // The language comes from the handshake; whichever it is, the message is one of the two texts.
    const replies = await Promise.all(
      Array.from({ length: 45 }, () =>
        request<Failure | { ok: true }>(socket, 'typing:start', { roomId: room.roomId }),
      ),
    );
    const limited = replies.find((r): r is Failure => !r.ok && r.error.kind === 'rate_limited');
    expect(limited?.error.message).toMatch(/^(Too many actions at once|Demasiadas acciones a la vez)/);
  });

  it('cleans NUL, lone surrogates and bidi overrides out of a message instead of failing (issue 12, item 2)', async () => {
    const room = await roomFixture(database, services);
    const socket = await joined(room.alice, room.roomId);
    const sent = await request<SendReply>(socket, 'message:send', {
      roomId: room.roomId,
      clientId: clientId('odd'),
      body: 'a\u0000b \ud800 c\u202egnp.exe',
    });
    expect(sent).toMatchObject({ ok: true, message: { body: 'ab \ufffd cgnp.exe' } });
    const empty = await request<SendReply>(socket, 'message:send', {
      roomId: room.roomId,
      clientId: clientId('nul'),
      body: '\u0000\u0000',
    });
    expect(empty).toMatchObject({ ok: false, error: { kind: 'invalid', message: 'A message cannot be empty.' } });
    if (!sent.ok) return;
    const edited = await request<SendReply>(socket, 'message:edit', {
      messageId: sent.message.id,
      body: 'fixed\u0000 \udc00\u2066',
    });
    expect(edited).toMatchObject({ ok: true, message: { body: 'fixed \ufffd' } });
  });

  it('refuses message:edit and hand:raise to a muted member over the socket (issue 12, item 3)', async () => {
    const room = await roomFixture(database, services);
    const alice = await joined(room.alice, room.roomId);
    const sent = await request<SendReply>(alice, 'message:send', {
      roomId: room.roomId,
      clientId: clientId('m'),
      body: 'hello',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    expect((await services.roundtables.mute(room.moderator.actor, room.roomId, room.alice.actor.userId, 10)).ok).toBe(
      true,
    );
    expect(await request(alice, 'message:edit', { messageId: sent.message.id, body: 'sneaky' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringMatching(/muted/) },
    });
    expect(await request(alice, 'hand:raise', { roomId: room.roomId })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringMatching(/muted/) },
    });
  });
});
