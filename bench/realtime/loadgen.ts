// The realtime benchmark's load generator: many cheap WebSocket clients in one process, driven over IPC by
// bench/realtime.bench.ts. Socket.IO clients speak the Engine.IO 4 / Socket.IO 5 wire protocol by hand on top of
// `ws` (socket.io-client costs more CPU than the server under test); raw clients speak the baseline's JSON.
// Every timestamp is performance.now() of this process: senders and receivers live here, so they share one clock.
import { readFileSync } from 'node:fs';
import type { WebSocket as Ws } from 'ws';
import { cpuWindow, Samples, summarize, ws } from './common';

type Proto = 'sio' | 'ws';

interface Conn {
  s: Ws;
  proto: Proto;
  nextAck: number;
  acks: Map<number, (buf: Buffer) => void>;
  /** Send times of `message:send` awaiting their ack, by ack id. */
  pending: Map<number, number>;
}

/** The cores the orchestrator pinned the server and this process to (none when taskset is missing). */
const pinning: Record<string, number> = process.env.BENCH_PINNED === '1' ? { server: 0, loadgen: 1 } : {};
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const CONNECT_TIMEOUT_MS = 15_000;

// --- Wire protocol --------------------------------------------------------------------------------------------

const KEY_R = Buffer.from('"r":');
const KEY_S = Buffer.from('"s":');
const KEY_T = Buffer.from('"t":');
const JOINED = Buffer.from('{"joined"');
const KEY_STORE = Buffer.from('"storeMs":');

/** The number after `key` in a JSON text, without parsing the whole payload. */
function numberAfter(buf: Buffer, key: Buffer): number {
  const i = buf.indexOf(key);
  if (i < 0) return NaN;
  let end = i + key.length;
  for (; end < buf.length; end++) {
    const c = buf[end];
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x65 || c === 0x2b)) break;
  }
  return Number(buf.toString('latin1', i + key.length, end));
}

/** Called for every broadcast delivery: room, sequence number and send time of the message. */
let onDelivery: (room: number, seq: number, sentAt: number, now: number) => void = () => {};

function onEvent(buf: Buffer) {
  const now = performance.now();
  onDelivery(numberAfter(buf, KEY_R), numberAfter(buf, KEY_S), numberAfter(buf, KEY_T), now);
}

function connect(proto: Proto, port: number, cookie?: string): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const url =
      proto === 'sio' ? `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket` : `ws://127.0.0.1:${port}/`;
    const s = new ws.WebSocket(url, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      ...(cookie ? { headers: { cookie, origin: `http://127.0.0.1:${port}` } } : {}),
    });
    const conn: Conn = { s, proto, nextAck: 1, acks: new Map(), pending: new Map() };
    // A signed-in connection waits for its session to be checked in the database: allow it longer.
    const timer = setTimeout(
      () => {
        s.terminate();
        reject(new Error(`connect timeout (${proto} :${port})`));
      },
      cookie ? 4 * CONNECT_TIMEOUT_MS : CONNECT_TIMEOUT_MS,
    );
    const ready = () => {
      clearTimeout(timer);
      resolve(conn);
    };
    s.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (proto === 'ws') {
      s.on('open', ready);
      s.on('message', (data: Buffer) => {
        if (data[0] === 0x7b && data.indexOf(JOINED) === 0) conn.acks.get(0)?.(data);
        else onEvent(data);
      });
      return;
    }
    s.on('message', (data: Buffer) => {
      switch (data[0]) {
        case 0x32: // Engine.IO ping → pong
          s.send('3');
          return;
        case 0x34: // Engine.IO message carrying a Socket.IO packet
          switch (data[1]) {
            case 0x32: // 2 EVENT
              onEvent(data);
              return;
            case 0x33: {
              // 3 ACK: 43<id>[…]
              let id = 0;
              let i = 2;
              for (; i < data.length && data[i] >= 0x30 && data[i] <= 0x39; i++) id = id * 10 + data[i] - 0x30;
              conn.acks.get(id)?.(data);
              return;
            }
            case 0x30: // 0 CONNECT (to the main namespace) accepted
              ready();
              return;
            case 0x34: // 4 CONNECT_ERROR
              clearTimeout(timer);
              reject(new Error(`connect_error ${String(data)}`));
              return;
          }
          return;
        case 0x30: // Engine.IO open → connect to the main namespace
          s.send('40');
          return;
      }
    });
  });
}

/** `cookies`: one signed-in person per connection (the full Minka server), else anonymous. */
async function connectMany(proto: Proto, port: number, n: number, batch = 200, cookies?: string[]): Promise<Conn[]> {
  const conns: Conn[] = [];
  for (let i = 0; i < n; i += batch) {
    conns.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(batch, n - i) }, (_, k) => connect(proto, port, cookies?.[i + k])),
      )),
    );
  }
  return conns;
}

function join(conn: Conn, room: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('join timeout')), CONNECT_TIMEOUT_MS);
    const id = conn.proto === 'sio' ? conn.nextAck++ : 0;
    conn.acks.set(id, () => {
      clearTimeout(timer);
      conn.acks.delete(id);
      resolve();
    });
    conn.s.send(conn.proto === 'sio' ? `42${id}["join",${room}]` : JSON.stringify({ join: room }));
  });
}

function publish(conn: Conn, room: number, seq: number, body: string) {
  const payload = JSON.stringify({ r: room, s: seq, t: performance.now(), b: body });
  conn.s.send(conn.proto === 'sio' ? `42["publish",${payload}]` : payload);
}

function closeAll(conns: Conn[]) {
  for (const c of conns) c.s.terminate();
}

// --- Broadcast ------------------------------------------------------------------------------------------------

interface BroadcastSet {
  proto: Proto;
  serverPid: number;
  receivers: Conn[];
  publishers: Conn[];
  rooms: number;
  perRoom: number;
}
const sets = new Map<string, BroadcastSet>();
const BODY = 'A roundtable message of about a hundred characters, like a short remark in a technical meeting.';

async function broadcastConnect(cmd: {
  target: string;
  proto: Proto;
  port: number;
  serverPid: number;
  rooms: number;
  perRoom: number;
}) {
  const t0 = performance.now();
  const receivers = await connectMany(cmd.proto, cmd.port, cmd.rooms * cmd.perRoom);
  for (let i = 0; i < receivers.length; i += 200)
    await Promise.all(receivers.slice(i, i + 200).map((c, k) => join(c, (i + k) % cmd.rooms)));
  const publishers = await connectMany(cmd.proto, cmd.port, cmd.rooms);
  sets.set(cmd.target, {
    proto: cmd.proto,
    serverPid: cmd.serverPid,
    receivers,
    publishers,
    rooms: cmd.rooms,
    perRoom: cmd.perRoom,
  });
  return { receivers: receivers.length, publishers: publishers.length, ms: Math.round(performance.now() - t0) };
}

/** Open loop: `rate` messages/s spread round-robin over the rooms, each delivered to every member of its room. */
async function steady(cmd: { target: string; rate: number; seconds: number; graceMs: number }) {
  const set = sets.get(cmd.target)!;
  const total = Math.round(cmd.rate * cmd.seconds);
  const lat = new Samples();
  let deliveries = 0;
  let start = Infinity;
  onDelivery = (_room, _seq, sentAt, now) => {
    if (sentAt < start) return; // a straggler from an earlier phase
    deliveries++;
    lat.push(now - sentAt);
  };
  const window = cpuWindow({ server: set.serverPid, loadgen: 'self' }, pinning);
  start = performance.now();
  let sent = 0;
  let maxBurst = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      const due = Math.min(total, Math.floor((elapsed * cmd.rate) / 1000));
      maxBurst = Math.max(maxBurst, due - sent);
      for (; sent < due; sent++) publish(set.publishers[sent % set.rooms], sent % set.rooms, sent, BODY);
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const cpu = window();
  // Wait for the deliveries still in flight, at most graceMs: a fixed wait made a short slice pay the whole grace,
  // and a backlog longer than it was counted as lost instead of as latency.
  const expected = sent * set.perRoom;
  const graceEnd = performance.now() + cmd.graceMs;
  while (deliveries < expected && performance.now() < graceEnd) await sleep(5);
  onDelivery = () => {};
  return {
    offered_msgs_per_s: cmd.rate,
    offered_deliveries_per_s: cmd.rate * set.perRoom,
    sent,
    deliveries,
    lost: expected - deliveries,
    deliveries_per_s: Math.round(deliveries / cpu.wall),
    latency_ms: summarize(lat.sorted()),
    samples: Array.from(lat.sorted()),
    cpu,
    max_send_burst: maxBurst,
  };
}

/**
 * Closed loop at saturation: each room keeps `window` messages in flight; a message completes when all members of
 * its room have received it, and only then is the next one sent. Throughput is whatever the slowest part allows.
 */
async function saturate(cmd: { target: string; window: number; seconds: number }) {
  const set = sets.get(cmd.target)!;
  const RING = 1024;
  const counts = Array.from({ length: set.rooms }, () => new Int32Array(RING));
  const nextSeq = new Int32Array(set.rooms);
  const lat = new Samples();
  let deliveries = 0;
  let running = true;
  let start = Infinity;
  const send = (room: number) => publish(set.publishers[room], room, nextSeq[room]++, BODY);
  onDelivery = (room, seq, sentAt, now) => {
    if (sentAt < start) return;
    if (running) {
      deliveries++;
      lat.push(now - sentAt);
    }
    const ring = counts[room];
    if (++ring[seq % RING] === set.perRoom) {
      ring[seq % RING] = 0;
      if (running) send(room);
    }
  };
  const window = cpuWindow({ server: set.serverPid, loadgen: 'self' }, pinning);
  start = performance.now();
  for (let room = 0; room < set.rooms; room++) for (let k = 0; k < cmd.window; k++) send(room);
  await sleep(cmd.seconds * 1000);
  running = false;
  const cpu = window();
  await sleep(500); // drain what is in flight before the next phase
  onDelivery = () => {};
  return {
    deliveries,
    deliveries_per_s: Math.round(deliveries / cpu.wall),
    latency_ms: summarize(lat.sorted()),
    cpu,
    window_per_room: cmd.window,
  };
}

// --- Idle connections (memory) --------------------------------------------------------------------------------

const idleSets = new Map<string, Conn[]>();

async function idle(cmd: {
  target: string;
  proto: Proto;
  port: number;
  n: number;
  cookieFile?: string;
  offset?: number;
}) {
  const t0 = performance.now();
  const cookies = cmd.cookieFile
    ? (JSON.parse(readFileSync(cmd.cookieFile, 'utf8')) as string[]).slice(cmd.offset ?? 0)
    : undefined;
  if (cookies && cookies.length < cmd.n) throw new Error(`only ${cookies.length} sessions for ${cmd.n} connections`);
  const conns = await connectMany(cmd.proto, cmd.port, cmd.n, cookies ? 50 : 250, cookies);
  idleSets.set(cmd.target, [...(idleSets.get(cmd.target) ?? []), ...conns]);
  return { connected: conns.length, ms: Math.round(performance.now() - t0) };
}

// --- Persisted send path: acked `message:send` ----------------------------------------------------------------

const persistSets = new Map<string, { conns: Conn[]; serverPid: number }>();
const nonce = Date.now().toString(36);

async function persistConnect(cmd: { target: string; port: number; serverPid: number; clients: number }) {
  const conns = await connectMany('sio', cmd.port, cmd.clients);
  persistSets.set(cmd.target, { conns, serverPid: cmd.serverPid });
  return { clients: conns.length };
}

async function persist(cmd: { target: string; rate: number; seconds: number }) {
  const { conns, serverPid } = persistSets.get(cmd.target)!;
  const total = Math.round(cmd.rate * cmd.seconds);
  const lat = new Samples();
  const storeTimes = new Samples();
  let errors = 0;
  let firstError = '';
  let outstanding = 0;
  const send = (k: number) => {
    const conn = conns[k % conns.length];
    const id = conn.nextAck++;
    const payload = JSON.stringify({
      roomId: 'bench-room',
      clientId: `bench-${nonce}-${cmd.target}-${k}-${id}`,
      body: BODY,
    });
    outstanding++;
    conn.acks.set(id, (buf) => {
      lat.push(performance.now() - conn.pending.get(id)!);
      const storeMs = numberAfter(buf, KEY_STORE);
      if (Number.isFinite(storeMs)) storeTimes.push(storeMs);
      conn.pending.delete(id);
      conn.acks.delete(id);
      outstanding--;
      if (buf.indexOf('"error"') >= 0) {
        errors++;
        firstError ||= String(buf).slice(0, 300);
      }
    });
    conn.pending.set(id, performance.now());
    conn.s.send(`42${id}["message:send",${payload}]`);
  };
  const window = cpuWindow({ server: serverPid, loadgen: 'self' }, pinning);
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * cmd.rate) / 1000));
      for (; sent < due; sent++) send(sent);
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const cpu = window();
  for (let i = 0; i < 100 && outstanding > 0; i++) await sleep(50);
  return {
    rate: cmd.rate,
    sent,
    acked: lat.length,
    unacked: outstanding,
    errors,
    first_error: firstError,
    ack_ms: summarize(lat.sorted()),
    store_ms: summarize(storeTimes.sorted()),
    samples: Array.from(lat.sorted()),
    cpu,
  };
}

// --- IPC ------------------------------------------------------------------------------------------------------

const handlers: Record<string, (cmd: never) => Promise<unknown>> = {
  broadcastConnect,
  steady,
  saturate,
  idle,
  /** A full collection here, between phases (the process runs with --expose-gc). */
  async gc() {
    (globalThis as { gc?: () => void }).gc?.();
    await sleep(100);
    return { collected: true };
  },
  persistConnect,
  persist,
  async close(cmd: { target: string }) {
    const set = sets.get(cmd.target);
    if (set) closeAll([...set.receivers, ...set.publishers]);
    sets.delete(cmd.target);
    closeAll(idleSets.get(cmd.target) ?? []);
    idleSets.delete(cmd.target);
    closeAll(persistSets.get(cmd.target)?.conns ?? []);
    persistSets.delete(cmd.target);
    await sleep(200);
    return { closed: cmd.target };
  },
};

process.on('message', async (message: { id: number; op: string }) => {
  try {
    const handler = handlers[message.op];
    if (!handler) throw new Error(`unknown op ${message.op}`);
    const result = await handler(message as never);
    process.send!({ id: message.id, ok: true, result });
  } catch (error) {
    process.send!({
      id: message.id,
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true, pid: process.pid });
