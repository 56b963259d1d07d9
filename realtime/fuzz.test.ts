import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { createServices, type Services } from '../services/index.server';
import { createTestDatabase } from '../tests/db';
import {
  clientId,
  connectClient,
  request,
  roomFixture,
  sessionCookie,
  startNode,
  type Client,
  type Node,
} from '../tests/realtime-harness';
import { payloadSchemas } from './events';

/**
 * A fuzz test of the socket contract (issue 12, item 4): a bounded number of generated payloads for every client
 * event of realtime/events.ts (wrong types, missing and unknown fields, huge strings, NUL / lone surrogates / bidi
 * overrides, arrays, numbers, null, deep nesting, no acknowledgement callback). Every payload sent with a callback
 * must be answered (never with server_error) or the connection closed; the server must not crash and must still
 * acknowledge a normal send from someone else afterwards. Seeded: FUZZ_SEED=<n> reproduces a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const TOTAL = 300;
const PER_SOCKET = 25; // under a socket's event budget (realtime/event-budget.ts): the payloads reach the handlers

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let database: DatabaseHandle;
let services: Services;
let node: Node;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createServices({ db: database.db });
  node = await startNode({ services, database });
});
afterAll(async () => {
  await node.close();
  await database.close();
});

type Outcome = 'ack' | 'disconnect' | 'sent';

it(`answers or disconnects on ${TOTAL} generated payloads (seed ${SEED}), never crashes, stays responsive`, async () => {
  const room = await roomFixture(database, services);
  const calm = await roomFixture(database, services);
  const random = mulberry32(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (n: number) => Math.floor(random() * n);

  // Messages to aim message:edit/delete/pin at.
  const seeded = await services.roundtables.send(room.alice.actor, room.roomId, {
    clientId: clientId('seed'),
    body: 'seed',
  });
  const messageIds = [seeded.ok ? seeded.value.message.id : 1, 0, -1, 2 ** 31, 1.5];

  const odd = [
    '\u0000',
    '\ud800',
    '\udfff',
    'a\ud83d',
    '\u202egnp.exe',
    '\u2066x\u2069',
    '\u0007\u001b[31m',
    '\ufeff',
    '🙂'.repeat(3),
    "'; DROP TABLE messages; --",
    '{"__proto__":1}',
  ];
  const oddString = () => Array.from({ length: 1 + int(4) }, () => pick(odd)).join(pick(['', ' ', 'x']));
  const value = (field: string, depth = 0): unknown => {
    const r = random();
    if (r < 0.25) {
      if (field === 'roomId') return pick([room.roomId, calm.roomId, 'nope', '']);
      if (field === 'messageId' || field === 'beforeSeq' || field === 'lastSeenSeq') return pick(messageIds);
      if (field === 'clientId') return clientId('fz');
      if (field === 'userId') return pick([room.bruno.actor.userId, room.alice.actor.userId, 'x']);
      if (field === 'status') return pick(['open', 'closed', 'archived', 'pending', 'done', 'in_discussion', 'bogus']);
      if (field === 'order') return [oddString(), 'x'];
      return `fuzz ${oddString()}`;
    }
    if (r < 0.45) return oddString();
    if (r < 0.5) return 'x'.repeat(pick([4_001, 100_000])); // long, under the transport's limit
    if (r < 0.52) return 'y'.repeat(1_000_000); // over maxHttpBufferSize: the server closes the connection
    if (r < 0.6) return pick([0, -1, 1e308, -0, 3.14, Number.MAX_SAFE_INTEGER + 2]);
    if (r < 0.66) return pick([true, false, null]);
    if (r < 0.74) return depth < 3 ? Array.from({ length: int(4) }, () => value(field, depth + 1)) : [];
    if (r < 0.8) return depth < 3 ? { [field]: value(field, depth + 1), nested: oddString() } : {};
    if (r < 0.82) {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 3_000; i++) deep = [deep];
      return deep;
    }
    return undefined;
  };
  const events = Object.keys(payloadSchemas) as Array<keyof typeof payloadSchemas>;
  const payload = (event: keyof typeof payloadSchemas): unknown[] => {
    const r = random();
    if (r < 0.08) return []; // no payload at all
    if (r < 0.16) return [pick([null, 42, 'room', [room.roomId], true, oddString()])];
    const fields = Object.keys(payloadSchemas[event].shape);
    const body: Record<string, unknown> = {};
    for (const field of fields) if (random() < 0.85) body[field] = value(field);
    if (random() < 0.1) body[oddString()] = value('extra');
    return random() < 0.05 ? [body, value('second')] : [body];
  };

  const cookies = await Promise.all(
    [room.alice, room.bruno, room.carla, room.outsider, room.moderator, room.staff].map((p) =>
      sessionCookie(services, p.email, p.password),
    ),
  );
  let socket: Client | undefined;
  let used = 0;
  let turn = 0;
  const fresh = async () => {
    socket?.close();
    socket = await connectClient(node.url, cookies[turn++ % cookies.length]);
    used = 0;
    socket.emit('room:join', { roomId: room.roomId });
    return socket;
  };

  const tally: Record<Outcome, number> = { ack: 0, disconnect: 0, sent: 0 };
  const kinds: Record<string, number> = {};
  const started = Date.now();
  for (let i = 0; i < TOTAL; i++) {
    const event = events[i % events.length];
    const args = payload(event);
    const withAck = random() < 0.85;
    if (!socket?.connected || used >= PER_SOCKET) await fresh();
    const current = socket!;
    used += 2;
    const outcome = await new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer to #${i} ${event} ${JSON.stringify(args).slice(0, 200)} (seed ${SEED})`)),
        5_000,
      );
      const done = (o: Outcome) => {
        clearTimeout(timer);
        current.off('disconnect', onDisconnect);
        resolve(o);
      };
      const onDisconnect = () => done('disconnect');
      current.once('disconnect', onDisconnect);
      const emit = current.emit as unknown as (event: string, ...rest: unknown[]) => void;
      if (withAck) {
        emit.call(current, event, ...args, (reply: { ok: boolean; error?: { kind: string } }) => {
          const kind = reply.ok ? 'ok' : (reply.error?.kind ?? 'malformed');
          kinds[kind] = (kinds[kind] ?? 0) + 1;
          done('ack');
        });
      } else {
        emit.call(current, event, ...args);
        // No callback, no answer: a cheap probe shows the server got past it (or closed the connection).
        current.emit('session:whoami', () => done('sent'));
      }
    });
    tally[outcome]++;
  }
  socket?.close();
  const elapsed = Date.now() - started;
  console.info(`[fuzz] seed ${SEED}: ${TOTAL} payloads in ${elapsed} ms`, tally, kinds);

  expect(kinds.server_error ?? 0).toBe(0);
  expect(kinds.malformed ?? 0).toBe(0);
  expect(tally.ack + tally.disconnect + tally.sent).toBe(TOTAL);
  expect(tally.ack).toBeGreaterThan(TOTAL / 2);

  // Still responsive: someone else's ordinary send is acknowledged.
  const other = await connectClient(node.url, await sessionCookie(services, calm.bruno.email, calm.bruno.password));
  try {
    expect((await request<{ ok: boolean }>(other, 'room:join', { roomId: calm.roomId })).ok).toBe(true);
    const t = Date.now();
    expect(
      await request(other, 'message:send', { roomId: calm.roomId, clientId: clientId('calm'), body: 'after the fuzz' }),
    ).toMatchObject({ ok: true, duplicate: false });
    expect(Date.now() - t).toBeLessThan(2_000);
  } finally {
    other.close();
  }
}, 60_000);
