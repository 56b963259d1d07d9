import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { mailOutbox, notifications, organizations, roomDigests, users } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { DomainEventBus } from '../events';
import { createServices, type Services } from '../index.server';
import { mentionedMembers } from './mentions';

// Issue 15 item 11: @mentions, reactions and the daily e-mail digest of unread room messages; and what a reconnecting
// client is given again (decision 034).

let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-03-01T09:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'oas' | 'chile' | 'peruDelegate', Actor>;
let roomId: string;
let counter = 0;
const clientId = () => `features-${counter++}-client`;

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}
async function rename(actor: Actor, displayName: string, locale: 'en' | 'es' = 'en') {
  await handle.db.update(users).set({ displayName, locale }).where(eq(users.id, actor.userId));
  actor.displayName = displayName;
}
async function send(actor: Actor, body: string, room = roomId) {
  const sent = await services.roundtables.send(actor, room, { clientId: clientId(), body });
  if (!sent.ok) throw new Error(sent.message);
  return sent.value.message;
}
const mentionsOf = (userId: string) =>
  handle.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'roundtable.mentioned')));

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, events: new DomainEventBus(), now: () => clock });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.peruDelegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  await rename(people.peru, 'Ana Pérez', 'es');
  await rename(people.peruDelegate, 'Ana', 'en');
  await rename(people.oas, 'Olga Santos', 'en');
  await rename(people.chile, 'Carla Rojas', 'en');
  const created = await services.roundtables.create(people.secretariat, {
    title: 'Procurement transparency',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('OAS')],
  });
  if (!created.ok) throw new Error(created.message);
  roomId = created.value.id;
});
afterAll(() => handle.close());
beforeEach(() => {
  clock = new Date(clock.getTime() + 60_000); // a fresh flood window for every test
});

describe('@mentions', () => {
  it('finds members by display name: longest name wins, case-insensitive, not inside a word or an address', () => {
    const members = [
      { userId: 'a', displayName: 'Ana' },
      { userId: 'ap', displayName: 'Ana Pérez' },
      { userId: 'o', displayName: 'Olga Santos' },
    ];
    expect(mentionedMembers('Thanks @ana pérez, see you', members).map((m) => m.userId)).toEqual(['ap']);
    expect(mentionedMembers('@Ana: and @Olga Santos.', members).map((m) => m.userId)).toEqual(['a', 'o']);
    expect(mentionedMembers('@Anabel and ana@example.org', members)).toEqual([]);
    expect(mentionedMembers('no mention here', members)).toEqual([]);
    const twins = [...members, { userId: 'o2', displayName: 'olga santos' }];
    expect(mentionedMembers('@Olga Santos', twins).map((m) => m.userId)).toEqual(['o', 'o2']);
  });

  it('tells the member named, once, with a link to the message; not the author, not someone outside the room', async () => {
    const message = await send(people.oas, '@Ana Pérez can you share the draft? @Carla Rojas too, and @Olga Santos');
    const [told] = await mentionsOf(people.peru.userId);
    expect(told).toMatchObject({
      link: `/roundtables/${roomId}#message-${message.id}`,
      data: { title: 'Procurement transparency', author: 'Olga Santos' },
    });
    // Chile is not in the room; the author does not notify herself.
    expect(await mentionsOf(people.chile.userId)).toHaveLength(0);
    expect(await mentionsOf(people.oas.userId)).toHaveLength(0);
    // "@Ana Pérez" is Ana Pérez, not the other member called Ana.
    expect(await mentionsOf(people.peruDelegate.userId)).toHaveLength(0);
  });

  it('an edit tells only the newly named: the person already told is not told again', async () => {
    const message = await send(people.oas, 'Question for @Ana Pérez');
    const before = (await mentionsOf(people.peru.userId)).length;
    const edited = await services.roundtables.edit(people.oas, message.id, 'Question for @Ana Pérez and @Ana');
    expect(edited.ok).toBe(true);
    expect(await mentionsOf(people.peru.userId)).toHaveLength(before);
    expect(await mentionsOf(people.peruDelegate.userId)).toHaveLength(1);
  });

  it('a hidden message tells no one again (its edit is refused), and a removed member is never told', async () => {
    const message = await send(people.oas, 'Private remark for @Ana');
    const told = (await mentionsOf(people.peruDelegate.userId)).length;
    expect((await services.roundtables.hide(people.secretariat, message.id, 'Off topic')).ok).toBe(true);
    expect(await services.roundtables.edit(people.oas, message.id, 'Private remark for @Ana again')).toMatchObject({
      ok: false,
    });
    expect(await mentionsOf(people.peruDelegate.userId)).toHaveLength(told);
    expect((await services.roundtables.removeMember(people.secretariat, roomId, people.peruDelegate.userId)).ok).toBe(
      true,
    );
    await send(people.oas, 'Anyone seen @Ana?');
    expect(await mentionsOf(people.peruDelegate.userId)).toHaveLength(told);
    expect((await services.roundtables.restoreMember(people.secretariat, roomId, people.peruDelegate.userId)).ok).toBe(
      true,
    );
  });
});

describe('reactions', () => {
  it('toggles a reaction on and off; counts list who gave it, and history carries them', async () => {
    const message = await send(people.peru, 'Draft is attached.');
    const on = await services.roundtables.react(people.oas, message.id, 'agree');
    expect(on.ok && on.value.reactions).toEqual([{ reaction: 'agree', userIds: [people.oas.userId] }]);
    const second = await services.roundtables.react(people.secretariat, message.id, 'agree');
    expect(second.ok && second.value.reactions[0].userIds).toHaveLength(2);
    const off = await services.roundtables.react(people.oas, message.id, 'agree');
    expect(off.ok && off.value.reactions).toEqual([{ reaction: 'agree', userIds: [people.secretariat.userId] }]);
    const history = await services.roundtables.history(people.peru, roomId);
    const shown = history.ok ? history.value.messages.find((m) => m.id === message.id) : undefined;
    expect(shown?.reactions).toEqual([{ reaction: 'agree', userIds: [people.secretariat.userId] }]);
  });

  it('refuses a reaction outside the set, from outside the room, on a hidden message, and while muted', async () => {
    const message = await send(people.peru, 'Second draft.');
    expect(await services.roundtables.react(people.oas, message.id, 'heart')).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    // Chile is not a member: the message does not exist for her.
    expect(await services.roundtables.react(people.chile, message.id, 'agree')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect((await services.roundtables.mute(people.secretariat, roomId, people.oas.userId, 10)).ok).toBe(true);
    expect(await services.roundtables.react(people.oas, message.id, 'thanks')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect((await services.roundtables.mute(people.secretariat, roomId, people.oas.userId, 0)).ok).toBe(true);
    expect((await services.roundtables.hide(people.secretariat, message.id, 'Duplicate')).ok).toBe(true);
    expect(await services.roundtables.react(people.oas, message.id, 'thanks')).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
  });
});

describe('what a reconnecting client is given again (decision 034)', () => {
  const later = (ms: number) => new Date(clock.getTime() + ms);
  const since = (afterSeq: number, changedSince?: Date, viewer: Actor = people.peru) =>
    services.roundtables.since(viewer, roomId, afterSeq, changedSince);
  const ids = (list: Array<{ id: number }>) => list.map((m) => m.id);

  it('every way a message changes is given again to a client that held it, from its change on, less 10 s', async () => {
    const changes: Array<[string, (id: number) => Promise<{ ok: boolean }>]> = [
      ['edit', (id) => services.roundtables.edit(people.oas, id, 'Edited while you were away')],
      ['delete', (id) => services.roundtables.remove(people.oas, id)],
      ['hide', (id) => services.roundtables.hide(people.secretariat, id, 'Off topic')],
      ['pin', (id) => services.roundtables.pin(people.secretariat, id, true)],
      ['reaction', (id) => services.roundtables.react(people.peru, id, 'agree')],
    ];
    for (const [what, change] of changes) {
      const message = await send(people.oas, `Before the ${what}`);
      const held = message.seq;
      clock = later(1_000);
      const changedAt = clock;
      expect((await change(message.id)).ok).toBe(true);
      clock = later(60_000);
      const missed = await since(held, changedAt);
      if (!missed.ok) throw new Error(missed.message);
      expect(ids(missed.value.changed), what).toEqual([message.id]);
      expect(missed.value.messages, what).toEqual([]);
      // The slack: a client in sync up to 10 s after the change still gets it; 11 s after, it held it already.
      const justInside = await since(held, new Date(changedAt.getTime() + 10_000));
      expect(justInside.ok && ids(justInside.value.changed), what).toEqual([message.id]);
      const after = await since(held, new Date(changedAt.getTime() + 11_000));
      expect(after.ok && after.value.changed, what).toEqual([]);
    }
  });

  it('gives the change as the room sees it now; new messages as missed, not as changed; nothing changed without a time', async () => {
    const first = await send(people.oas, 'First, to be edited');
    const untouched = await send(people.oas, 'Second, never changed');
    const syncedAt = later(0);
    clock = later(30_000);
    expect((await services.roundtables.edit(people.oas, first.id, 'First, edited')).ok).toBe(true);
    const third = await send(people.peru, 'Third, sent while away');
    const missed = await since(untouched.seq, syncedAt);
    if (!missed.ok) throw new Error(missed.message);
    expect(missed.value.changed.map((m) => [m.id, m.body, m.editedAt !== null])).toEqual([
      [first.id, 'First, edited', true],
    ]);
    expect(ids(missed.value.messages)).toEqual([third.id]);
    expect(missed.value.truncated).toBe(false);
    // A client holding only the first message: the third is missed, the second too, and both come as missed.
    const fewer = await since(first.seq, syncedAt);
    expect(fewer.ok && ids(fewer.value.messages)).toEqual([untouched.id, third.id]);
    expect(fewer.ok && ids(fewer.value.changed)).toEqual([first.id]);
    // An older client that sends no time is given the missed messages only.
    const noTime = await since(untouched.seq);
    expect(noTime.ok && noTime.value.changed).toEqual([]);
  });

  it('someone outside the room is given nothing', async () => {
    const message = await send(people.oas, 'Members only');
    expect(await since(message.seq - 1, later(-60_000), people.chile)).toMatchObject({ ok: false, kind: 'forbidden' });
  });
});

describe('daily digest', () => {
  it('e-mails each person the unread messages of their open rooms once a day, in their language, then nothing new', async () => {
    const room = await services.roundtables.create(people.secretariat, {
      title: 'Digest room',
      kind: 'technical_meeting',
      organizationIds: [await orgId('PE'), await orgId('OAS')],
    });
    if (!room.ok) throw new Error(room.message);
    // Everyone has read everything so far in the other room (only this room's messages are new).
    for (const actor of [people.peru, people.oas, people.peruDelegate]) {
      const seen = await services.roundtables.history(actor, roomId);
      const last = seen.ok ? seen.value.messages.at(-1) : undefined;
      if (last) await services.roundtables.markRead(actor, roomId, last.id);
    }
    await handle.db.delete(mailOutbox);
    await send(people.oas, 'Agenda for Thursday is ready.', room.value.id);
    const hiddenOne = await send(people.oas, 'Something regrettable.', room.value.id);
    expect((await services.roundtables.hide(people.secretariat, hiddenOne.id, 'Not for the record')).ok).toBe(true);
    // Opted out: Peru's delegate gets nothing.
    expect((await services.roundtables.setDigest(people.peruDelegate, 'off')).ok).toBe(true);

    const sent = await services.roundtables.sendDailyDigests();
    const mails = await handle.db.select().from(mailOutbox);
    const toPeru = mails.find((m) => m.toAddress === people.peru.email);
    expect(toPeru?.subject).toBe('[Minka] 1 mensaje sin leer en sus mesas redondas');
    expect(toPeru?.body).toContain('Digest room: 1 mensaje sin leer');
    expect(toPeru?.body).toContain('- Olga Santos: Agenda for Thursday is ready.');
    expect(toPeru?.body).not.toContain('regrettable');
    expect(toPeru?.body.endsWith('/account')).toBe(true);
    // Not to the author (her own words), not to the one who opted out.
    expect(mails.some((m) => m.toAddress === people.oas.email)).toBe(false);
    expect(mails.some((m) => m.toAddress === people.peruDelegate.email)).toBe(false);
    expect(sent).toBe(mails.length);

    // The same day again: claimed, nothing more. The next day, nothing new: nothing sent.
    expect(await services.roundtables.sendDailyDigests()).toBe(0);
    clock = new Date(clock.getTime() + 24 * 3600_000);
    expect(await services.roundtables.sendDailyDigests()).toBe(0);
    // A new message the next day is told; once more the day after, it is not repeated.
    await send(people.oas, 'Minutes are out.', room.value.id);
    await handle.db.delete(mailOutbox);
    await services.roundtables.sendDailyDigests();
    const next = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, people.peru.email));
    expect(next).toHaveLength(1);
    expect(next[0].body).toContain('Minutes are out.');
    expect(next[0].body).not.toContain('Agenda for Thursday');
  });

  it('nothing from a room the person left, and two instances on the same day send one e-mail', async () => {
    const room = await services.roundtables.create(people.secretariat, {
      title: 'Left room',
      kind: 'technical_meeting',
      organizationIds: [await orgId('OAS'), await orgId('PE')],
    });
    if (!room.ok) throw new Error(room.message);
    clock = new Date(clock.getTime() + 24 * 3600_000);
    await send(people.oas, 'Only for those who stay.', room.value.id);
    expect((await services.roundtables.removeMember(people.secretariat, room.value.id, people.peru.userId)).ok).toBe(
      true,
    );
    await handle.db.delete(mailOutbox);
    const [a, b] = await Promise.all([
      services.roundtables.sendDailyDigests(),
      services.roundtables.sendDailyDigests(),
    ]);
    const mails = await handle.db.select().from(mailOutbox);
    expect(mails.some((m) => m.body.includes('Only for those who stay.') && m.toAddress === people.peru.email)).toBe(
      false,
    );
    const perPerson = new Map<string, number>();
    for (const m of mails) perPerson.set(m.toAddress, (perPerson.get(m.toAddress) ?? 0) + 1);
    expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
    expect(a + b).toBe(mails.length);
    const claims = await handle.db
      .select()
      .from(roomDigests)
      .where(eq(roomDigests.day, clock.toISOString().slice(0, 10)));
    expect(claims).toHaveLength(mails.length);
  });

  it('each person sets only their own digest, and a bad value is refused', async () => {
    expect(await services.roundtables.setDigest(people.chile, 'maybe')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await services.roundtables.setDigest(null, 'off')).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.roundtables.setDigest(people.chile, 'off')).toEqual({ ok: true, value: { enabled: false } });
    expect(await services.roundtables.digestSetting(people.chile)).toEqual({ ok: true, value: { enabled: false } });
    expect(await services.roundtables.digestSetting(people.oas)).toEqual({ ok: true, value: { enabled: true } });
    expect(await services.roundtables.setDigest(people.chile, 'on')).toEqual({ ok: true, value: { enabled: true } });
  });
});
