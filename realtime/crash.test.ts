import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../db/client';
import { messages } from '../db/schema';
import { clientId, sleep, spawnNode, type Client, type SpawnedNode } from '../tests/realtime-harness';
import { createSeqTracker } from './seq-tracker';
import type { JoinReply, MessageView } from './events';

/**
 * Kill -9 the server while clients send, restart it on the same data directory and port, and check the promise
 * of the transport: every acknowledged message is stored exactly once, and every member sees every message
 * exactly once (live, in the replay of its rejoin, or as the ack of its own send), counting raw deliveries, not a
 * deduplicated view.
 *
 * The clients behave as the room page should: a client-generated id per message, resend until acknowledged
 * (same id), and after every reconnect (the server keeps no connection state, decision 034) rejoin with the last seq
 * held before resending, so a
 * replayed copy of one's own unacknowledged message settles it.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'minka-crash-'));
let server: SpawnedNode | undefined;

afterAll(async () => {
  if (server) {
    server.kill('SIGTERM');
    await server.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

interface Seed {
  roomId: string;
  people: Record<string, { userId: string; cookie: string }>;
}

type SendAck =
  | { ok: true; message: MessageView; duplicate: boolean }
  | { ok: false; error: { kind: string; message: string; retryAfterSeconds?: number } };

class Member {
  socket: Client;
  /** How many times each message id reached this member (broadcast + replay + own first ack). */
  deliveries = new Map<number, number>();
  /** Every message up to this seq has reached this member: what a rejoin asks to resume from. */
  seqs = createSeqTracker(0);
  pending = new Map<string, string>();
  inFlight = new Set<string>();
  acked = new Map<string, number>();
  ready = false;
  errors: string[] = [];
  rejoins = 0;
  settledByReplay = 0;
  userId = '';
  private initial = true;

  constructor(
    readonly name: string,
    url: string,
    cookie: string,
    private roomId: string,
  ) {
    this.socket = connect(url, {
      transports: ['websocket'],
      extraHeaders: { origin: url, cookie },
      reconnectionDelay: 200,
      reconnectionDelayMax: 500,
      forceNew: true,
    });
    this.socket.on('message:new', ({ message }) => this.see(message));
    this.socket.on('connect', () => void this.sync());
    this.socket.on('disconnect', () => (this.ready = false));
  }

  private see(message: { id: number; seq: number }) {
    this.deliveries.set(message.id, (this.deliveries.get(message.id) ?? 0) + 1);
    this.seqs.add([message.seq]);
  }

  /** Join (first time) or rejoin with the highest contiguous seq, then resend what was never acknowledged. */
  private async sync() {
    const first = this.initial;
    this.initial = false;
    for (;;) {
      try {
        const reply = await this.socket
          .timeout(5_000)
          .emitWithAck(
            'room:join',
            first ? { roomId: this.roomId } : { roomId: this.roomId, lastSeenSeq: this.seqs.contiguous },
          );
        if (!reply.ok) throw new Error(reply.error.message);
        const joined = reply as { ok: true } & JoinReply;
        if (!first) this.rejoins += 1;
        for (const message of joined.messages) {
          if (first) continue;
          const own = this.pending.has(message.clientId) && message.authorId === this.userId;
          if (own) {
            this.settledByReplay += 1;
            this.settle(message.clientId, message);
          } else this.see(message);
        }
        if (first) this.seqs.reset(joined.messages.map((m) => m.seq));
        else this.seqs.settle(joined.messages.map((m) => m.seq));
        break;
      } catch (error) {
        if (!this.socket.connected) return; // the next connect syncs again
        this.errors.push(`join: ${(error as Error).message}`);
        await sleep(200);
      }
    }
    this.ready = true;
    for (const id of this.pending.keys()) void this.attempt(id);
  }

  private settle(id: string, message: { id: number; seq: number }) {
    if (!this.pending.delete(id)) return;
    this.acked.set(id, message.id);
    this.see(message);
  }

  async attempt(id: string) {
    if (!this.ready || this.inFlight.has(id) || !this.pending.has(id)) return;
    this.inFlight.add(id);
    let reply: SendAck | undefined;
    try {
      reply = (await this.socket
        .timeout(3_000)
        .emitWithAck('message:send', { roomId: this.roomId, clientId: id, body: this.pending.get(id)! })) as SendAck;
    } catch {
      // No ack (the server died, or the connection dropped): the resync after the reconnect resends it.
    } finally {
      this.inFlight.delete(id);
    }
    if (!reply) return;
    if (reply.ok) this.settle(id, reply.message);
    else if (reply.error.kind === 'rate_limited')
      setTimeout(() => void this.attempt(id), (reply.error.retryAfterSeconds ?? 1) * 1000);
    else this.errors.push(`send: ${reply.error.message}`);
  }

  async sendMany(total: number, intervalMs: number) {
    for (let i = 0; i < total; i += 1) {
      while (!this.ready) await sleep(20);
      const id = clientId(this.name);
      this.pending.set(id, `${this.name} #${i}`);
      void this.attempt(id);
      await sleep(intervalMs);
    }
  }

  /** Until everything this member sent is acknowledged (resending whatever is idle). */
  async drain(ms: number) {
    const deadline = Date.now() + ms;
    while (this.pending.size) {
      if (Date.now() > deadline)
        throw new Error(
          `${this.name}: ${this.pending.size} messages never acknowledged; errors: ${this.errors.join('; ')}`,
        );
      for (const id of this.pending.keys()) void this.attempt(id);
      await sleep(300);
    }
  }
}

describe('a crash while clients send', () => {
  it('loses no acknowledged message and delivers each exactly once', async () => {
    server = spawnNode({ DATA_DIR: dataDir, SEED: '1', PORT: '0' });
    const seed = await server.line<Seed>('SEED', 60_000);
    const { url } = await server.line<{ url: string }>('READY');
    const port = new URL(url).port;

    const names = ['moderator', 'alice', 'bruno', 'carla'] as const;
    const members = names.map((name) => {
      const member = new Member(name, url, seed.people[name].cookie, seed.roomId);
      member.userId = seed.people[name].userId;
      return member;
    });
    const deadline = Date.now() + 10_000;
    while (!members.every((m) => m.ready)) {
      if (Date.now() > deadline) throw new Error('members did not join');
      await sleep(20);
    }

    // Everyone sends 9 messages 60 ms apart (under the flood limit of 10 per 10 s); kill -9 part-way through.
    const sending = members.map((m) => m.sendMany(9, 60));
    await sleep(200);
    // Kill while sends are in flight (emitted, not yet acknowledged).
    while (!members.some((m) => m.inFlight.size > 0)) await sleep(1);
    server.kill('SIGKILL');
    const ackedBeforeKill = members.reduce((n, m) => n + m.acked.size, 0);
    const inFlightAtKill = members.reduce((n, m) => n + m.inFlight.size, 0);
    await server.exited;
    const killedServer = server;
    expect(ackedBeforeKill).toBeGreaterThan(0);
    expect(inFlightAtKill).toBeGreaterThan(0);

    server = spawnNode({ DATA_DIR: dataDir, PORT: port });
    await server.line('READY', 60_000);
    await Promise.all(sending);
    await Promise.all(members.map((m) => m.drain(15_000)));
    // Let the last broadcasts arrive.
    await sleep(300);
    for (const m of members) m.socket.close();
    if (process.env.REALTIME_TEST_LOG)
      console.log({
        ackedBeforeKill,
        inFlightAtKill,
        settledByReplay: members.map((m) => m.settledByReplay),
        replayed: members.map((m) => m.seqs.contiguous),
      });

    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;
    expect(killedServer.output()).not.toMatch(/STOPPED/); // it really died mid-stream

    const database = await createDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    try {
      const rows = await database.db.select().from(messages).where(eq(messages.roundtableId, seed.roomId));
      expect(rows).toHaveLength(names.length * 9);
      const byKey = new Map(rows.map((r) => [`${r.authorId} ${r.clientId}`, r.id]));
      for (const m of members) {
        expect(m.acked.size, `${m.name} acknowledged`).toBe(9);
        for (const [id, messageId] of m.acked) expect(byKey.get(`${m.userId} ${id}`)).toBe(messageId);
        expect(m.rejoins, `${m.name} rejoined`).toBe(1);
        const deliveredTwice = [...m.deliveries].filter(([, n]) => n !== 1);
        expect(deliveredTwice, `${m.name} saw a message more than once`).toEqual([]);
        expect(
          [...m.deliveries.keys()].sort((a, b) => a - b),
          `${m.name} saw every message`,
        ).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
        expect(m.errors).toEqual([]);
      }
    } finally {
      await database.close();
    }
  }, 180_000); // two server starts on an on-disk PGlite, each allowed 60 s above: 65 s with the machine at load 9
});
