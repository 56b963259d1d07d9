import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as roomAction } from '../../app/routes/roundtables.$id';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext, type Lang } from './language';

/* Issue 15 item 11 (decision 031): reactions without JavaScript, a plain form post to the room page that toggles the
 * reaction and redirects back to the message. */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'secretariat' | 'peru' | 'oas' | 'chile', Actor>;
let roomId: string;
let otherRoomId: string;
let messageId: number;

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}

type Reply = { status: number; location: string | null; body: Record<string, unknown> | null };
async function react(actor: Actor, fields: Record<string, string>, lang: Lang = 'en', room = roomId): Promise<Reply> {
  const result: unknown = await roomAction({
    request: new Request(`http://localhost/roundtables/${room}`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'react', ...fields }),
    }),
    params: { id: room },
    context: routeContext(services, actor, lang),
  });
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get('location'), body: null };
  const { init, data } = result as { init: { status: number } | null; data: Record<string, unknown> };
  return { status: init?.status ?? 200, location: null, body: data };
}

const reactionsOn = async (id: number) => {
  const page = await services.roundtables.history(people.secretariat, roomId);
  if (!page.ok) throw new Error(page.message);
  return page.value.messages.find((m) => m.id === id)?.reactions ?? [];
};

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  const room = await services.roundtables.create(people.secretariat, {
    title: 'Reactions by form',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('OAS')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
  const other = await services.roundtables.create(people.secretariat, {
    title: 'Another room',
    kind: 'working_roundtable',
    organizationIds: [await orgId('CL')],
  });
  if (!other.ok) throw new Error(other.message);
  otherRoomId = other.value.id;
  const sent = await services.roundtables.send(people.peru, roomId, {
    clientId: 'reaction-form-1',
    body: 'Our draft law is ready for comments.',
  });
  if (!sent.ok) throw new Error(sent.message);
  messageId = sent.value.message.id;
});
afterAll(() => handle.close());

describe('a reaction by plain form post (no JavaScript)', () => {
  it('toggles the reaction on, then off, and each time redirects back to the message', async () => {
    // Each toggle is announced, so the room's open pages see it live (realtime/roundtables.ts broadcasts it).
    const announced: Array<{ id: number; reactions: unknown }> = [];
    const off_ = services.events.on('roundtable.message_updated', ({ roundtableId, message }) => {
      expect(roundtableId).toBe(roomId);
      announced.push({ id: message.id, reactions: message.reactions });
    });
    const on = await react(people.oas, { messageId: String(messageId), reaction: 'agree' });
    expect(announced).toHaveLength(1);
    expect(announced[0].id).toBe(messageId);
    expect(on).toMatchObject({ status: 302, location: `/roundtables/${roomId}#message-${messageId}` });
    expect(await reactionsOn(messageId)).toEqual([{ reaction: 'agree', userIds: [people.oas.userId] }]);
    // A second person adds theirs; the first one's press again takes only theirs away.
    expect(await react(people.peru, { messageId: String(messageId), reaction: 'agree' }, 'es')).toMatchObject({
      status: 302,
    });
    const off = await react(people.oas, { messageId: String(messageId), reaction: 'agree' });
    expect(off).toMatchObject({ status: 302, location: `/roundtables/${roomId}#message-${messageId}` });
    expect(await reactionsOn(messageId)).toEqual([{ reaction: 'agree', userIds: [people.peru.userId] }]);
    expect(announced).toHaveLength(3);
    off_();
  });

  it('redirects to the message’s own room, even when posted to another room’s address', async () => {
    const moved = await react(
      people.secretariat,
      { messageId: String(messageId), reaction: 'thanks' },
      'en',
      otherRoomId,
    );
    expect(moved).toMatchObject({ status: 302, location: `/roundtables/${roomId}#message-${messageId}` });
  });

  it('refuses a reaction outside the set, in the reader’s language, and stores nothing', async () => {
    const before = await reactionsOn(messageId);
    expect(await react(people.oas, { messageId: String(messageId), reaction: 'love' })).toMatchObject({
      status: 400,
      body: { intent: 'react', ok: false, message: expect.stringMatching(/^React with one of: agree, /) },
    });
    expect(await react(people.oas, { messageId: String(messageId), reaction: 'love' }, 'es')).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^Reaccione con una de estas: agree, /) },
    });
    expect(await reactionsOn(messageId)).toEqual(before);
  });

  it('someone outside the room, or a message that does not exist: not found, nothing stored', async () => {
    const before = await reactionsOn(messageId);
    expect(await react(people.chile, { messageId: String(messageId), reaction: 'agree' }, 'es')).toMatchObject({
      status: 404,
      body: { message: 'Este mensaje no existe.' },
    });
    for (const bad of ['abc', '-1', '0', '1.5', '99999999', ''])
      expect(await react(people.oas, { messageId: bad, reaction: 'agree' }), bad).toMatchObject({ status: 404 });
    expect(await reactionsOn(messageId)).toEqual(before);
  });

  it('a muted member is refused and their reaction not stored', async () => {
    const muted = await services.roundtables.mute(people.secretariat, roomId, people.oas.userId, 30);
    if (!muted.ok) throw new Error(muted.message);
    const before = await reactionsOn(messageId);
    let announced = 0;
    const stop = services.events.on('roundtable.message_updated', () => announced++);
    const refused = await react(people.oas, { messageId: String(messageId), reaction: 'question' });
    stop();
    expect(refused.status).toBe(403);
    expect(refused.location).toBeNull();
    expect(announced).toBe(0); // a refusal tells the room nothing
    expect(await reactionsOn(messageId)).toEqual(before);
    const unmuted = await services.roundtables.mute(people.secretariat, roomId, people.oas.userId, 0);
    if (!unmuted.ok) throw new Error(unmuted.message);
  });
});
