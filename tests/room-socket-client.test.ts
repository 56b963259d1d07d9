import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import type { MessageView } from '../realtime/events';
import { createServices, type Services } from '../services/index.server';
import { createTestDatabase } from './db';
import { roomFixture, sessionCookie, startNode, type Node, type Person } from './realtime-harness';
import { connectRoom, type RoomConnection, type RoomSocket } from '../app/utils/room-socket.client';

/**
 * The room page's connection (decision 034) against a real server: from the server-rendered page to its first join,
 * and across a lost connection, the reader ends up with every message and every change, each message once.
 */
let database: DatabaseHandle;
let services: Services;
let node: Node;
const closing: RoomConnection[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  services = createServices({ db: database.db });
  node = await startNode({ services, database });
});

afterAll(async () => {
  for (const connection of closing) connection.close();
  await node.close();
  await database.close();
});

const waitFor = async (what: string, check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** What the page would show: messages by id (merged as room-live.tsx merges them), and what it was told. */
async function openPage(person: Person, roomId: string) {
  const page = await services.roundtables.snapshot(person.actor, roomId);
  if (!page.ok) throw new Error(page.message);
  const shown = new Map(page.value.messages.map((m) => [m.id, m]));
  const heardLive = new Map<number, number>();
  const state = { connected: false, reloads: 0, errors: [] as string[], socket: null as RoomSocket | null };
  const cookie = await sessionCookie(services, person.email, person.password);
  return {
    shown,
    heardLive,
    state,
    connect() {
      const connection = connectRoom(
        roomId,
        { seq: Math.max(0, ...page.value.messages.map((m) => m.seq)), syncedAt: page.value.syncedAt },
        {
          onMessages(messages: MessageView[], { live }) {
            for (const m of messages) {
              shown.set(m.id, m);
              if (live) heardLive.set(m.id, (heardLive.get(m.id) ?? 0) + 1);
            }
          },
          onReset(messages) {
            shown.clear();
            for (const m of messages) shown.set(m.id, m);
          },
          onPresence() {},
          onTyping() {},
          onAgenda() {},
          onRoomChanged: () => state.reloads++,
          onStatus: (connected) => (state.connected = connected),
          onError: (message) => message && state.errors.push(message),
        },
        { noAnswer: 'no answer', notSent: 'not sent', removed: 'removed' },
        () =>
          (state.socket = io(node.url, {
            transports: ['websocket'],
            extraHeaders: { origin: node.url, cookie },
            // Long enough for the test to change the room while the reader is away.
            reconnectionDelay: 1_000,
            reconnectionDelayMax: 1_000,
            forceNew: true,
          })),
      );
      closing.push(connection);
      return connection;
    },
  };
}

describe('the room page’s connection', () => {
  it('gets what changed between the page and its first join, and what changed and was sent while it was away', async () => {
    const room = await roomFixture(database, services);
    const { bruno, moderator, alice } = room;
    const sent = async (text: string) => {
      // As the page's plain form posts it: stored, then announced to the room.
      const result = await services.roundtables.post(bruno.actor, room.roomId, { clientId: `c-${text}`, body: text });
      if (!result.ok) throw new Error(result.message);
      return result.value.message;
    };
    const first = await sent('first words');
    const second = await sent('second words');
    const page = await openPage(alice, room.roomId);
    // After the page was rendered, before its connection joins: an edit the page does not show.
    expect((await services.roundtables.edit(bruno.actor, first.id, 'first words, corrected')).ok).toBe(true);
    page.connect();
    await waitFor('the first join', () => page.state.connected);
    await waitFor('the corrected first message', () => page.shown.get(first.id)?.body === 'first words, corrected');
    expect(page.state.reloads).toBe(0);

    // The connection drops; meanwhile a moderator hides the second message and a new one is sent.
    const dropped = new Promise((resolve) => page.state.socket!.once('disconnect', resolve));
    (page.state.socket!.io as unknown as { engine: { close(): void } }).engine.close();
    await dropped;
    expect(page.state.connected).toBe(false);
    expect((await services.roundtables.hide(moderator.actor, second.id, 'Off topic')).ok).toBe(true);
    const third = await sent('third words, while away');

    await waitFor('the reconnect', () => page.state.connected);
    await waitFor('the missed message', () => page.shown.has(third.id));
    await waitFor('the hidden message', () => page.shown.get(second.id)?.hidden !== null);
    expect(page.shown.get(second.id)).toMatchObject({ body: '', hidden: { reason: 'Off topic' } });
    // Back after a lost connection: the page's other data is read again, once.
    expect(page.state.reloads).toBe(1);

    // Live again: the next message is heard once, and nothing was heard twice.
    const fourth = await sent('fourth words, live');
    await waitFor('the live message', () => page.heardLive.has(fourth.id));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...page.heardLive.values()].every((n) => n === 1)).toBe(true);
    expect([...page.shown.keys()].sort((a, b) => a - b)).toEqual([first.id, second.id, third.id, fourth.id]);
    expect(page.state.errors).toEqual([]);
  });
});
