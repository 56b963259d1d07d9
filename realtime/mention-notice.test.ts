import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
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
import type { MessageView, NoticeView } from './events';

/**
 * Issue 15 item 11 (decision 031): a person named in a room hears the notice live on whatever page they have open
 * (their own Socket.IO room `user:<id>`), whether or not they joined that room; nobody else hears it.
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

type SendReply = { ok: true; message: MessageView } | { ok: false; error: { message: string } };
async function send(socket: Client, roomId: string, body: string): Promise<MessageView> {
  const joined = await request<{ ok: boolean }>(socket, 'room:join', { roomId });
  if (!joined.ok) throw new Error('join refused');
  const reply = await request<SendReply>(socket, 'message:send', { roomId, clientId: clientId(), body });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.message;
}

describe('a mention notice arrives live (notification:new)', () => {
  it('reaches every tab of the person named, in no room or another, and nobody else', async () => {
    const room = await roomFixture(database, services);
    const elsewhere = await roomFixture(database, services);
    const aliceTab1 = await client(room.alice); // joined no room: another page of Minka
    const aliceTab2 = await client(room.alice);
    await request(aliceTab2, 'room:join', { roomId: room.roomId }); // looking at the room itself
    const carla = await client(room.carla); // a member not named
    const outsider = await client(room.outsider);
    const strangerInOtherRoom = await client(elsewhere.alice);
    const notNamed = [record(carla, 'notification:new'), record(outsider, 'notification:new')];
    const other = record(strangerInOtherRoom, 'notification:new');
    const arrived = Promise.all([aliceTab1, aliceTab2].map((tab) => next<NoticeView>(tab, 'notification:new')));

    const bruno = await client(room.bruno);
    const message = await send(bruno, room.roomId, `@${room.alice.actor.displayName} can you check clause 4?`);
    const expected: NoticeView = {
      kind: 'roundtable.mentioned',
      link: `/roundtables/${room.roomId}#message-${message.id}`,
      data: { title: 'Legislative assistance on mandate 12', author: room.bruno.actor.displayName },
    };
    expect(await arrived).toEqual([expected, expected]);
    // The notice is stored too: the count a page reloads is the one the push announced.
    expect(await services.notifications.unreadCount(room.alice.actor)).toBe(1);
    await sleep(150);
    expect(notNamed).toEqual([[], []]);
    expect(other).toEqual([]);
  });

  it('an edit that keeps the mention tells no one again; one that adds a person tells only them', async () => {
    const room = await roomFixture(database, services);
    const [alice, carla] = [await client(room.alice), await client(room.carla)];
    const aliceHeard = record<NoticeView>(alice, 'notification:new');
    const carlaHeard = record<NoticeView>(carla, 'notification:new');
    const bruno = await client(room.bruno);
    const first = next<NoticeView>(alice, 'notification:new');
    const message = await send(bruno, room.roomId, `Thanks @${room.alice.actor.displayName}`);
    await first;
    const toCarla = next<NoticeView>(carla, 'notification:new');
    const edited = await request<{ ok: boolean }>(bruno, 'message:edit', {
      messageId: message.id,
      body: `Thanks @${room.alice.actor.displayName} and @${room.carla.actor.displayName}`,
    });
    expect(edited.ok).toBe(true);
    expect((await toCarla).link).toBe(`/roundtables/${room.roomId}#message-${message.id}`);
    await sleep(150);
    expect(aliceHeard).toHaveLength(1);
    expect(carlaHeard).toHaveLength(1);
  });

  it('a message posted by the room page’s plain form notifies live as well; naming oneself tells no one', async () => {
    const room = await roomFixture(database, services);
    const alice = await client(room.alice);
    const bruno = await client(room.bruno);
    const brunoHeard = record<NoticeView>(bruno, 'notification:new');
    const arrived = next<NoticeView>(alice, 'notification:new');
    const posted = await services.roundtables.post(room.bruno.actor, room.roomId, {
      clientId: clientId('form'),
      body: `@${room.bruno.actor.displayName} and @${room.alice.actor.displayName}: the agenda is up`,
    });
    if (!posted.ok) throw new Error(posted.message);
    expect(await arrived).toMatchObject({
      kind: 'roundtable.mentioned',
      data: { author: room.bruno.actor.displayName },
    });
    await sleep(150);
    expect(brunoHeard).toEqual([]);
  });

  it('a person no longer in the room is not told, even when named', async () => {
    const room = await roomFixture(database, services);
    const removed = await services.roundtables.removeMember(room.moderator.actor, room.roomId, room.carla.actor.userId);
    if (!removed.ok) throw new Error(removed.message);
    const carla = await client(room.carla);
    const heard = record<NoticeView>(carla, 'notification:new');
    const bruno = await client(room.bruno);
    await send(bruno, room.roomId, `@${room.carla.actor.displayName} are you there?`);
    await sleep(200);
    expect(heard).toEqual([]);
  });
});
