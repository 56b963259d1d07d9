import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, messages, notifications, organizations, roundtableMembers, roundtables } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { DomainEventBus, type DomainEvents } from '../events';
import { createServices, type Services } from '../index.server';

let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-01-10T14:00:00Z');
const events = new DomainEventBus();
const removed: Array<DomainEvents['roundtable.member_removed']> = [];
events.on('roundtable.member_removed', (e) => removed.push(e));
const people = {} as Record<'secretariat' | 'peru' | 'peruDelegate' | 'oas' | 'chile', Actor>;
let roomId: string;
let counter = 0;
const clientId = () => `client-${Date.now()}-${counter++}`;

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, events, now: () => clock });
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
  const created = await services.roundtables.create(people.secretariat, {
    title: 'Judicial integrity exchange',
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

const storedCount = async () => (await handle.db.select({ n: count() }).from(messages))[0].n;

describe('rooms', () => {
  it('only the Secretariat convenes, and members come from the invited organizations', async () => {
    expect(
      await services.roundtables.create(people.peru, {
        title: 'Not allowed',
        kind: 'technical_meeting',
        organizationIds: [await orgId('PE')],
      }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      await services.roundtables.create(people.secretariat, {
        title: 'Unknown mandate',
        kind: 'technical_meeting',
        organizationIds: [await orgId('PE')],
        mandates: [99],
      }),
    ).toMatchObject({ ok: false, kind: 'invalid', fieldErrors: { mandates: expect.any(Array) } });
    // Typed on the form: "2, x, 0" is one clear error on the mandates field.
    expect(
      await services.roundtables.create(people.secretariat, {
        title: 'Typed mandates',
        kind: 'technical_meeting',
        organizationIds: [await orgId('PE')],
        mandates: ['2', 'x', 'y'],
      }),
    ).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { mandates: ['Mandates are numbers, such as 2 or 12.'] },
    });
    const described = await services.roundtables.create(people.secretariat, {
      title: 'With a purpose',
      description: 'To agree on a training calendar.',
      kind: 'technical_meeting',
      organizationIds: [await orgId('PE')],
      mandates: ['2', '12'],
    });
    if (!described.ok) throw new Error(described.message);
    const seen = await services.roundtables.snapshot(people.peru, described.value.id);
    expect(seen.ok && { description: seen.value.room.description, mandates: seen.value.mandates }).toEqual({
      description: 'To agree on a training calendar.',
      mandates: [2, 12],
    });
    const snapshot = await services.roundtables.snapshot(people.oas, roomId);
    if (!snapshot.ok) throw new Error(snapshot.message);
    const ids = snapshot.value.members.map((m) => m.userId);
    expect(ids).toEqual(
      expect.arrayContaining([
        people.peru.userId,
        people.peruDelegate.userId,
        people.oas.userId,
        people.secretariat.userId,
      ]),
    );
    expect(ids).not.toContain(people.chile.userId);
    expect(snapshot.value.members.find((m) => m.userId === people.secretariat.userId)?.role).toBe('moderator');
  });

  it('keeps non-members out of everything', async () => {
    expect(await services.roundtables.snapshot(people.chile, roomId)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(
      await services.roundtables.send(people.chile, roomId, { clientId: clientId(), body: 'hello' }),
    ).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.roundtables.since(people.chile, roomId, 0)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.roundtables.transcript(null, roomId)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.roundtables.snapshot(people.peru, 'not-a-uuid')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
  });
});

describe('messages', () => {
  it('stores first, dedupes a resend by client id, and replays after an id', async () => {
    const id = clientId();
    const first = await services.roundtables.send(people.peru, roomId, { clientId: id, body: 'Buenos días a todos' });
    const again = await services.roundtables.send(people.peru, roomId, { clientId: id, body: 'Buenos días a todos' });
    if (!first.ok || !again.ok) throw new Error('send failed');
    expect(again.value).toMatchObject({ duplicate: true, message: { id: first.value.message.id } });
    expect(first.value.duplicate).toBe(false);
    const b = await services.roundtables.send(people.oas, roomId, {
      clientId: clientId(),
      body: 'Good morning',
      replyToId: first.value.message.id,
    });
    const replay = await services.roundtables.since(people.peru, roomId, first.value.message.id);
    expect(replay.ok && replay.value.messages.map((m) => m.id)).toEqual([b.ok && b.value.message.id]);
    expect(replay.ok && replay.value.messages[0].replyToId).toBe(first.value.message.id);
  });

  it('refuses bad input and stores nothing', async () => {
    const before = await storedCount();
    for (const bad of [
      { clientId: 'short', body: 'x' },
      { clientId: clientId(), body: '   ' },
      { clientId: clientId(), body: 'x'.repeat(4001) },
      { body: 'no client id' },
      null,
      'text',
      { clientId: clientId(), body: 'reply', replyToId: 999999 },
    ]) {
      expect(await services.roundtables.send(people.peru, roomId, bad)).toMatchObject({ ok: false, kind: 'invalid' });
    }
    expect(await storedCount()).toBe(before);
  });

  it('limits floods with a clear message, but still answers resends', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) {
      const id = clientId();
      expect(
        (await services.roundtables.send(people.peruDelegate, roomId, { clientId: id, body: `message ${i}` })).ok,
      ).toBe(true);
      sent.push(id);
    }
    expect(
      await services.roundtables.send(people.peruDelegate, roomId, { clientId: clientId(), body: 'one too many' }),
    ).toMatchObject({ ok: false, kind: 'rate_limited', message: expect.stringMatching(/too fast/) });
    expect(
      await services.roundtables.send(people.peruDelegate, roomId, { clientId: sent[9], body: 'message 9' }),
    ).toMatchObject({ ok: true, value: { duplicate: true } });
  });

  it('pages history from the newest back', async () => {
    const latest = await services.roundtables.history(people.peru, roomId, { limit: 3 });
    if (!latest.ok) throw new Error(latest.message);
    expect(latest.value.messages).toHaveLength(3);
    expect(latest.value.hasOlder).toBe(true);
    const seqs = latest.value.messages.map((m) => m.seq);
    expect(seqs).toEqual([seqs[0], seqs[0] + 1, seqs[0] + 2]);
    const older = await services.roundtables.history(people.peru, roomId, { beforeSeq: seqs[0], limit: 3 });
    if (!older.ok) throw new Error(older.message);
    expect(older.value.messages.map((m) => m.seq)).toEqual([seqs[0] - 3, seqs[0] - 2, seqs[0] - 1]);
  });

  it('lets only authors edit (for 15 minutes), keeping the earlier words in the audit trail; deleted text is gone', async () => {
    const sent = await services.roundtables.send(people.oas, roomId, {
      clientId: clientId(),
      body: 'Draft agenda attached',
    });
    if (!sent.ok) throw new Error(sent.message);
    const id = sent.value.message.id;
    expect(await services.roundtables.edit(people.peru, id, 'hijacked')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    // A moderator cannot put words in someone's mouth (issue 15): they may hide, not rewrite.
    expect(await services.roundtables.edit(people.secretariat, id, 'rewritten by the moderator')).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: 'Only the author can edit a message. A moderator may hide it instead.',
    });
    expect(await services.roundtables.edit(people.oas, id, 'Draft agenda attached (v2)')).toMatchObject({
      ok: true,
      value: { body: 'Draft agenda attached (v2)' },
    });
    const [edited] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'message.edited'), eq(auditLog.subjectId, String(id))));
    expect(edited).toMatchObject({ actorUserId: people.oas.userId, data: { previousBody: 'Draft agenda attached' } });
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect(await services.roundtables.edit(people.oas, id, 'too late')).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: 'You can edit your message for 15 minutes after sending it.',
    });
    expect(await services.roundtables.pin(people.oas, id, true)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await services.roundtables.pin(people.secretariat, id, true)).toMatchObject({
      ok: true,
      value: { pinned: true },
    });
    // A moderator no longer deletes someone else's message: hiding says who and why.
    expect(await services.roundtables.remove(people.secretariat, id)).toMatchObject({ ok: false, kind: 'forbidden' });
    const own = await services.roundtables.send(people.oas, roomId, { clientId: clientId(), body: 'Typo, sorry' });
    if (!own.ok) throw new Error(own.message);
    expect(await services.roundtables.remove(people.oas, own.value.message.id)).toMatchObject({
      ok: true,
      value: { deleted: true, body: '' },
    });
  });

  it('searches a room’s history literally, newest first, for members only, never in deleted or hidden words (issue 15)', async () => {
    const say = async (who: Actor, body: string) => {
      clock = new Date(clock.getTime() + 1000);
      const sent = await services.roundtables.send(who, roomId, { clientId: clientId(), body });
      if (!sent.ok) throw new Error(sent.message);
      return sent.value.message.id;
    };
    const first = await say(people.peru, 'The judicial SCHOOL opens in March');
    const second = await say(people.oas, 'Which school? 100% of judges?');
    const gone = await say(people.oas, 'school of thought, deleted');
    expect((await services.roundtables.remove(people.oas, gone)).ok).toBe(true);
    const hidden = await say(people.peru, 'school phone 999');
    expect((await services.roundtables.hide(people.secretariat, hidden, 'Personal data')).ok).toBe(true);
    const found = await services.roundtables.search(people.peru, roomId, 'school');
    expect(found.ok && found.value.messages.map((m) => m.id)).toEqual([second, first]);
    // % and _ are the text itself, not wildcards.
    const percent = await services.roundtables.search(people.peru, roomId, '100%');
    expect(percent.ok && percent.value.messages.map((m) => m.id)).toEqual([second]);
    expect(await services.roundtables.search(people.peru, roomId, '%')).toMatchObject({ ok: false, kind: 'invalid' });
    const wildcard = await services.roundtables.search(people.peru, roomId, 'sc_ool');
    expect(wildcard.ok && wildcard.value.messages).toEqual([]);
    expect(await services.roundtables.search(people.chile, roomId, 'school')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
  });

  it('lets moderators hide a message with a reason the room and the transcript read; the words stay in the audit trail (issue 15)', async () => {
    const sent = await services.roundtables.send(people.peru, roomId, {
      clientId: clientId(),
      body: 'Call me on +51 999 000 111',
    });
    if (!sent.ok) throw new Error(sent.message);
    const id = sent.value.message.id;
    expect(await services.roundtables.hide(people.oas, id, 'Personal data')).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: 'Only moderators hide messages.',
    });
    expect(await services.roundtables.hide(people.chile, id, 'Personal data')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.roundtables.hide(people.secretariat, id, ' ')).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { reason: expect.any(Array) },
    });
    expect(await services.roundtables.hide(people.secretariat, id, 'x'.repeat(301))).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    const hidden = await services.roundtables.hide(people.secretariat, id, 'Personal data in a shared room');
    expect(hidden).toMatchObject({
      ok: true,
      value: {
        id,
        body: '',
        deleted: false,
        hidden: {
          byName: people.secretariat.displayName,
          reason: 'Personal data in a shared room',
          at: expect.any(String),
        },
      },
    });
    // Everyone in the room sees the notice, no one the words; the author cannot edit it back into view.
    const seen = await services.roundtables.history(people.oas, roomId);
    if (!seen.ok) throw new Error(seen.message);
    expect(seen.value.messages.find((m) => m.id === id)).toMatchObject({
      body: '',
      hidden: { reason: 'Personal data in a shared room' },
    });
    expect(JSON.stringify(seen.value.messages)).not.toContain('999 000 111');
    expect(await services.roundtables.edit(people.peru, id, 'Call me later')).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    // Hiding again keeps the first reason.
    expect(await services.roundtables.hide(people.secretariat, id, 'Another reason')).toMatchObject({
      ok: true,
      value: { hidden: { reason: 'Personal data in a shared room' } },
    });
    const [stored] = await handle.db
      .select({ body: messages.body, hiddenBy: messages.hiddenBy })
      .from(messages)
      .where(eq(messages.id, id));
    expect(stored).toEqual({ body: 'Call me on +51 999 000 111', hiddenBy: people.secretariat.userId });
    const entries = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'message.hidden'), eq(auditLog.subjectId, String(id))));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorUserId: people.secretariat.userId,
      data: {
        reason: 'Personal data in a shared room',
        body: 'Call me on +51 999 000 111',
        authorId: people.peru.userId,
      },
    });
    const transcript = await services.roundtables.transcript(people.oas, roomId);
    if (!transcript.ok) throw new Error(transcript.message);
    expect(transcript.value).toContain(
      `_(hidden by ${people.secretariat.displayName}: Personal data in a shared room)_`,
    );
    expect(transcript.value).not.toContain('999 000 111');
    const spanish = await services.roundtables.transcript(people.oas, roomId, 'es');
    expect(spanish.ok && spanish.value).toContain(
      `_(ocultado por ${people.secretariat.displayName}: Personal data in a shared room)_`,
    );
  });
});

describe('moderation, agenda and transcript', () => {
  it('a muted member can neither edit a recent message nor raise a hand, until the mute is lifted (issue 12)', async () => {
    const sent = await services.roundtables.send(people.peru, roomId, {
      clientId: clientId(),
      body: 'before the mute',
    });
    if (!sent.ok) throw new Error(sent.message);
    const id = sent.value.message.id;
    expect(await services.roundtables.raiseHand(people.peru, roomId)).toEqual({
      ok: true,
      value: { roundtableId: roomId },
    });
    expect((await services.roundtables.mute(people.secretariat, roomId, people.peru.userId, 10)).ok).toBe(true);
    expect(await services.roundtables.edit(people.peru, id, 'new words while muted')).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: expect.stringMatching(/^A moderator muted you until \d\d:\d\d UTC\.$/),
    });
    expect(await services.roundtables.raiseHand(people.peru, roomId)).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: expect.stringMatching(/muted/),
    });
    const [row] = await handle.db.select({ body: messages.body }).from(messages).where(eq(messages.id, id));
    expect(row.body).toBe('before the mute');
    expect((await services.roundtables.mute(people.secretariat, roomId, people.peru.userId, 0)).ok).toBe(true);
    expect(await services.roundtables.edit(people.peru, id, 'after the mute')).toMatchObject({
      ok: true,
      value: { body: 'after the mute' },
    });
    expect((await services.roundtables.raiseHand(people.peru, roomId)).ok).toBe(true);
  });

  it('mutes and removes; a removed member loses access at once', async () => {
    expect(await services.roundtables.mute(people.peru, roomId, people.peruDelegate.userId, 10)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect((await services.roundtables.mute(people.secretariat, roomId, people.peruDelegate.userId, 10)).ok).toBe(true);
    expect(
      await services.roundtables.send(people.peruDelegate, roomId, { clientId: clientId(), body: 'can I speak?' }),
    ).toMatchObject({ ok: false, kind: 'forbidden', message: expect.stringMatching(/muted/) });
    expect((await services.roundtables.removeMember(people.secretariat, roomId, people.peruDelegate.userId)).ok).toBe(
      true,
    );
    expect(removed).toContainEqual({ roundtableId: roomId, userId: people.peruDelegate.userId });
    expect(await services.roundtables.snapshot(people.peruDelegate, roomId)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
  });

  it('lets the Secretariat name a moderator, who may then moderate', async () => {
    expect(await services.roundtables.setMemberRole(people.oas, roomId, people.oas.userId, 'moderator')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.roundtables.addAgendaItem(people.oas, roomId, 'Before naming')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(
      await services.roundtables.setMemberRole(people.secretariat, roomId, people.oas.userId, 'moderator'),
    ).toMatchObject({ ok: true });
    expect((await services.roundtables.addAgendaItem(people.oas, roomId, 'Named by the Secretariat')).ok).toBe(true);
    await services.roundtables.setMemberRole(people.secretariat, roomId, people.oas.userId, 'participant');
    expect(await services.roundtables.addAgendaItem(people.oas, roomId, 'After un-naming')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
  });

  it('lets moderators build and reorder the agenda', async () => {
    await services.roundtables.addAgendaItem(people.secretariat, roomId, 'Welcome');
    await services.roundtables.addAgendaItem(people.secretariat, roomId, 'Needs of Peru');
    expect(await services.roundtables.addAgendaItem(people.peru, roomId, 'Not a moderator')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    const agenda = await services.roundtables.agenda(roomId);
    const titles = agenda.map((i) => i.title);
    expect(titles.slice(-2)).toEqual(['Welcome', 'Needs of Peru']);
    const reversed = [...agenda].reverse();
    const reordered = await services.roundtables.reorderAgenda(
      people.secretariat,
      roomId,
      reversed.map((i) => i.id),
    );
    expect(reordered.ok && reordered.value.map((i) => i.title)).toEqual([...titles].reverse());
    expect(await services.roundtables.reorderAgenda(people.secretariat, roomId, [agenda[0].id])).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    expect(await services.roundtables.markAgendaItem(people.secretariat, roomId, agenda[0].id, 'done')).toMatchObject({
      ok: true,
    });
  });

  it('moves one agenda item a step up or down; at either end nothing moves; only moderators, only known items', async () => {
    const titlesOf = (outcome: { ok: boolean; value?: Array<{ title: string }> }) =>
      outcome.ok ? outcome.value!.map((i) => i.title) : outcome;
    const before = await services.roundtables.agenda(roomId);
    const titles = before.map((i) => i.title);
    const last = before.at(-1)!;
    const up = await services.roundtables.moveAgendaItem(people.secretariat, roomId, last.id, 'up');
    expect(titlesOf(up)).toEqual([...titles.slice(0, -2), titles.at(-1), titles.at(-2)]);
    const down = await services.roundtables.moveAgendaItem(people.secretariat, roomId, last.id, 'down');
    expect(titlesOf(down)).toEqual(titles);
    expect(titlesOf(await services.roundtables.moveAgendaItem(people.secretariat, roomId, last.id, 'down'))).toEqual(
      titles,
    );
    expect(titlesOf(await services.roundtables.moveAgendaItem(people.secretariat, roomId, before[0].id, 'up'))).toEqual(
      titles,
    );
    expect(await services.roundtables.moveAgendaItem(people.peru, roomId, last.id, 'up')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.roundtables.moveAgendaItem(people.secretariat, roomId, last.id, 'sideways')).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: 'Move an agenda item up or down.',
    });
    expect(
      await services.roundtables.moveAgendaItem(
        people.secretariat,
        roomId,
        '00000000-0000-4000-8000-000000000000',
        'up',
      ),
    ).toMatchObject({ ok: false, kind: 'not_found' });
    expect((await services.roundtables.agenda(roomId)).map((i) => i.title)).toEqual(titles);
  });

  it('exports a Markdown transcript in UTC, and a closed room is read-only', async () => {
    expect(
      (
        await services.roundtables.shareDocument(people.peru, roomId, {
          title: 'Terms of reference',
          url: 'https://example.org/tor.pdf',
        })
      ).ok,
    ).toBe(true);
    const transcript = await services.roundtables.transcript(people.oas, roomId);
    if (!transcript.ok) throw new Error(transcript.message);
    expect(transcript.value).toMatch(
      /## Documents\n\n- Terms of reference: https:\/\/example\.org\/tor\.pdf, shared by /,
    );
    expect(transcript.value).toMatch(/^# Judicial integrity exchange/);
    expect(transcript.value).toMatch(/Buenos días a todos/);
    expect(transcript.value).toMatch(/_\(message deleted\)_/);
    expect(transcript.value).toMatch(/times in UTC/);
    expect(transcript.value).not.toMatch(/Draft agenda attached \(v2\)/);
    // Participants with their organization, the moderators said; messages numbered by their place, replies by it.
    expect(transcript.value).toMatch(
      /## Participants\n\n[^#]*- Test secretariat_staff \(Summits of the Americas Secretariat\), moderator\n/,
    );
    expect(transcript.value).toMatch(/- Test jswg_focal_point \(Organization of American States\)/);
    const numbered = [...transcript.value.matchAll(/^- #(\d+) \*\*/gm)].map((m) => Number(m[1]));
    expect(numbered.length).toBeGreaterThan(2);
    expect(numbered).toEqual(numbered.map((_, i) => i + 1));
    const greeting = transcript.value.match(/^- #(\d+) .*Buenos días a todos$/m);
    expect(greeting).not.toBeNull();
    expect(transcript.value).toMatch(new RegExp(`Good morning`));
    expect(transcript.value).toContain(`(reply to #${greeting![1]}): Good morning`);
    const spanish = await services.roundtables.transcript(people.oas, roomId, 'es');
    if (!spanish.ok) throw new Error(spanish.message);
    expect(spanish.value).toMatch(/## Participantes\n/);
    expect(spanish.value).toContain('- Tipo: mesa de trabajo');
    expect(spanish.value).toContain('## Mensajes (horas en UTC)');
    expect(spanish.value).toContain(`(respuesta a #${greeting![1]}): Good morning`);
    expect(spanish.value).toContain('Organizaciones: Organización de los Estados Americanos, Perú');
    expect(await services.roundtables.setStatus(people.peru, roomId, 'closed')).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect((await services.roundtables.setStatus(people.secretariat, roomId, 'closed')).ok).toBe(true);
    expect(
      await services.roundtables.send(people.peru, roomId, { clientId: clientId(), body: 'anyone?' }),
    ).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/read-only/) });
  });

  it('counts unread messages per member', async () => {
    const rooms = await services.roundtables.list(people.peru);
    const room = rooms.find((r) => r.id === roomId)!;
    expect(room.unread).toBeGreaterThan(0);
    const last = await services.roundtables.since(people.peru, roomId, 0);
    if (!last.ok) throw new Error(last.message);
    await services.roundtables.markRead(people.peru, roomId, last.value.messages[last.value.messages.length - 1].id);
    expect((await services.roundtables.list(people.peru)).find((r) => r.id === roomId)!.unread).toBe(0);
    expect((await services.roundtables.list(people.chile)).find((r) => r.id === roomId)).toBeUndefined();
  });

  it('keeps read marks by place in the room: a message stored later with a lower id is still unread', async () => {
    const created = await services.roundtables.create(people.secretariat, {
      title: 'Read marks by place',
      kind: 'technical_meeting',
      organizationIds: [await orgId('PE'), await orgId('OAS')],
    });
    if (!created.ok) throw new Error(created.message);
    const room = created.value.id;
    const unread = async () => (await services.roundtables.list(people.peru)).find((r) => r.id === room)!.unread;
    const first = await services.roundtables.send(people.oas, room, { clientId: clientId(), body: 'First' });
    if (!first.ok) throw new Error(first.message);
    expect(await unread()).toBe(1);
    expect(await services.roundtables.markRead(people.peru, room, first.value.message.id)).toEqual({
      ok: true,
      value: { lastReadSeq: 1 },
    });
    expect(await unread()).toBe(0);

    // Another server process took its id before `first` but committed after it (an explicit lower id here): the
    // room numbers it 2, after what Peru has read, so it counts as unread. A read mark by id would hide it.
    await handle.db.insert(messages).values({
      id: -1_000 - counter++,
      roundtableId: room,
      authorId: people.oas.userId,
      clientId: clientId(),
      body: 'Stored late',
    });
    expect(await unread()).toBe(1);

    // The mark never moves back, and only a message of this room moves it.
    expect(await services.roundtables.markRead(people.peru, room, first.value.message.id)).toEqual({
      ok: true,
      value: { lastReadSeq: 1 },
    });
    const elsewhere = await services.roundtables.since(people.peru, roomId, 0);
    if (!elsewhere.ok) throw new Error(elsewhere.message);
    expect(await services.roundtables.markRead(people.peru, room, elsewhere.value.messages[0].id)).toMatchObject({
      ok: false,
      kind: 'not_found',
      message: 'That message is not in this roundtable.',
    });
    expect(await services.roundtables.markRead(people.peru, room, 9_999_999)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await unread()).toBe(1);
    expect(await services.roundtables.markRead(people.chile, room, first.value.message.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
  });
});

describe('membership after the room opened', () => {
  async function freshRoom(title: string) {
    const created = await services.roundtables.create(people.secretariat, {
      title,
      kind: 'working_roundtable',
      organizationIds: [await orgId('PE')],
    });
    if (!created.ok) throw new Error(created.message);
    return created.value.id;
  }
  const memberIds = async (room: string) => {
    const snapshot = await services.roundtables.snapshot(people.secretariat, room);
    if (!snapshot.ok) throw new Error(snapshot.message);
    return snapshot.value.members.filter((m) => !m.removedAt).map((m) => m.userId);
  };
  const noticesFor = async (userId: string, room: string) =>
    (await handle.db.select().from(notifications).where(eq(notifications.userId, userId))).filter(
      (n) => n.link === `/roundtables/${room}`,
    ).length;

  it('lists each member with their organization', async () => {
    const room = await freshRoom('Members and their organizations');
    const snapshot = await services.roundtables.snapshot(people.peru, room);
    if (!snapshot.ok) throw new Error(snapshot.message);
    expect(snapshot.value.members.find((m) => m.userId === people.peruDelegate.userId)).toMatchObject({
      organizationCode: 'PE',
      organizationNameEs: 'Perú',
    });
    expect(snapshot.value.members.find((m) => m.userId === people.secretariat.userId)).toMatchObject({
      organizationCode: 'SUMMITS-SECRETARIAT',
    });
    expect(new Set(snapshot.value.members.map((m) => m.userId)).size).toBe(snapshot.value.members.length);
  });

  it('lets only the Secretariat invite another organization, whose people join and hear of it once', async () => {
    const room = await freshRoom('Inviting Chile later');
    expect(await services.roundtables.addOrganization(people.peru, room, await orgId('CL'))).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.roundtables.addOrganization(people.chile, room, await orgId('CL'))).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(
      await services.roundtables.addOrganization(people.secretariat, room, '00000000-0000-4000-8000-000000000000'),
    ).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await services.roundtables.addOrganization(people.secretariat, room, 'not-a-uuid')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await memberIds(room)).not.toContain(people.chile.userId);

    const invited = await services.roundtables.addOrganization(people.secretariat, room, await orgId('CL'));
    expect(invited).toMatchObject({ ok: true, value: { added: 1, alreadyInvited: false } });
    expect(await memberIds(room)).toContain(people.chile.userId);
    expect((await services.roundtables.snapshot(people.chile, room)).ok).toBe(true);
    expect(await noticesFor(people.chile.userId, room)).toBe(1);
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'roundtable.organization_invited'), eq(auditLog.subjectId, room)));
    expect(audit).toHaveLength(1);

    // Again: nobody new, nobody told twice.
    expect(await services.roundtables.addOrganization(people.secretariat, room, await orgId('CL'))).toMatchObject({
      ok: true,
      value: { added: 0, alreadyInvited: true },
    });
    expect(await noticesFor(people.chile.userId, room)).toBe(1);
  });

  it('lets someone who joins an invited organization later into its open rooms, not into closed ones or ones they left', async () => {
    const openRoom = await freshRoom('Open room for newcomers');
    const closedRoom = await freshRoom('Closed room for newcomers');
    expect((await services.roundtables.setStatus(people.secretariat, closedRoom, 'closed')).ok).toBe(true);
    const invitation = await services.accounts.invite(people.peru, {
      email: `newcomer-${counter++}@example.test`,
      organizationId: await orgId('PE'),
      role: 'delegate',
    });
    if (!invitation.ok) throw new Error(invitation.message);
    const accepted = await services.accounts.acceptInvitation(
      invitation.value.token,
      { displayName: 'Newcomer PE', password: 'a long enough passphrase', confirmPassword: 'a long enough passphrase' },
      { ip: '127.0.0.1' },
    );
    if (!accepted.ok) throw new Error(accepted.message);
    const newcomer = accepted.value.actor;
    await vi.waitFor(async () => expect(await memberIds(openRoom)).toContain(newcomer.userId));
    expect(await memberIds(closedRoom)).not.toContain(newcomer.userId);

    // Removed, they stay out even when their organization's people are brought in again.
    expect((await services.roundtables.removeMember(people.secretariat, openRoom, newcomer.userId)).ok).toBe(true);
    expect(await services.roundtables.joinOrganizationRooms(newcomer.userId, await orgId('PE'))).toBe(0);
    // It only ever does what joining the organization did: a person outside it joins nothing.
    expect(await services.roundtables.joinOrganizationRooms(people.chile.userId, await orgId('PE'))).toBe(0);
    expect(await memberIds(openRoom)).not.toContain(people.chile.userId);
    expect(await services.roundtables.addOrganization(people.secretariat, openRoom, await orgId('PE'))).toMatchObject({
      ok: true,
      value: { added: 0 },
    });
    expect(await services.roundtables.snapshot(newcomer, openRoom)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('lets moderators add back someone they removed, with their read mark; others may not', async () => {
    const room = await freshRoom('Adding people back');
    const sent = await services.roundtables.send(people.peru, room, {
      clientId: clientId(),
      body: 'Before the removal',
    });
    if (!sent.ok) throw new Error(sent.message);
    expect((await services.roundtables.markRead(people.peruDelegate, room, sent.value.message.id)).ok).toBe(true);
    expect((await services.roundtables.removeMember(people.secretariat, room, people.peruDelegate.userId)).ok).toBe(
      true,
    );

    expect(await services.roundtables.restoreMember(people.peru, room, people.peruDelegate.userId)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.roundtables.restoreMember(people.secretariat, room, people.peru.userId)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.roundtables.restoreMember(people.secretariat, room, 'not-a-uuid')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(
      await services.roundtables.restoreMember(people.secretariat, room, people.peruDelegate.userId),
    ).toMatchObject({ ok: true });
    expect((await services.roundtables.snapshot(people.peruDelegate, room)).ok).toBe(true);
    const [row] = await handle.db
      .select()
      .from(roundtableMembers)
      .where(and(eq(roundtableMembers.roundtableId, room), eq(roundtableMembers.userId, people.peruDelegate.userId)));
    expect(row).toMatchObject({ removedAt: null, lastReadSeq: sent.value.message.seq });
    // Only someone removed comes back: adding back twice finds nobody to add.
    expect(
      await services.roundtables.restoreMember(people.secretariat, room, people.peruDelegate.userId),
    ).toMatchObject({ ok: false, kind: 'not_found' });

    expect((await services.roundtables.setStatus(people.secretariat, room, 'closed')).ok).toBe(true);
    expect((await services.roundtables.removeMember(people.secretariat, room, people.peruDelegate.userId)).ok).toBe(
      true,
    );
    expect(
      await services.roundtables.restoreMember(people.secretariat, room, people.peruDelegate.userId),
    ).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await services.roundtables.addOrganization(people.secretariat, room, await orgId('CL'))).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
  });
});

describe('a confirmed match opens its room', () => {
  it('once, with both organizations in it', async () => {
    const need = {
      title: 'Open data on procurement',
      description: 'Technical assistance to publish procurement contracts as open data and detect corruption risks.',
      mandates: [1],
      types: ['data'],
      languages: ['es'],
      modality: 'virtual',
    };
    const request = await services.requests.create(people.peru, need, { publish: true });
    const offer = await services.offers.create(
      people.oas,
      { ...need, title: 'Open data assistance', capacity: 2 },
      { publish: true },
    );
    if (!request.ok || !offer.ok) throw new Error('setup failed');
    const match = await services.brokering.propose(people.secretariat, {
      requestId: request.value.id,
      candidateId: offer.value.id,
    });
    if (!match.ok) throw new Error(match.message);
    await services.brokering.decide(people.oas, match.value.id, { decision: 'accepted' });
    await services.brokering.decide(people.peru, match.value.id, { decision: 'accepted' });
    const opened = await services.roundtables.openForMatch(match.value.id);
    const again = await services.roundtables.openForMatch(match.value.id);
    expect(opened.ok && again.ok && opened.value.id === again.value.id).toBe(true);
    expect((await handle.db.select().from(roundtables).where(eq(roundtables.matchId, match.value.id))).length).toBe(1);
    const snapshot = await services.roundtables.snapshot(people.oas, opened.ok ? opened.value.id : '');
    expect(snapshot.ok && snapshot.value.organizations.map((o) => o.code).sort()).toEqual(['OAS', 'PE']);
    expect(snapshot.ok && snapshot.value.mandates).toEqual([1]);
    // Titled by the request it serves; its kind is shown beside the title in the reader's language.
    expect(
      snapshot.ok && {
        title: snapshot.value.room.title,
        kind: snapshot.value.room.kind,
        requestId: snapshot.value.room.requestId,
      },
    ).toEqual({ title: 'Open data on procurement', kind: 'technical_meeting', requestId: request.value.id });
  });

  it('is found from its match by the people in it, and opened by hand by the Secretariat only', async () => {
    const need = {
      title: 'Asset declarations online',
      description: 'Technical assistance to put asset declarations of public officials online and verify them.',
      mandates: [2],
      types: ['capacity_building'],
      languages: ['es'],
      modality: 'virtual',
    };
    const request = await services.requests.create(people.peru, need, { publish: true });
    const offer = await services.offers.create(
      people.oas,
      { ...need, title: 'Asset declaration systems', capacity: 2 },
      { publish: true },
    );
    if (!request.ok || !offer.ok) throw new Error('setup failed');
    const match = await services.brokering.propose(people.secretariat, {
      requestId: request.value.id,
      candidateId: offer.value.id,
    });
    if (!match.ok) throw new Error(match.message);
    expect(await services.roundtables.openRoomForMatch(people.secretariat, match.value.id)).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    await services.brokering.decide(people.oas, match.value.id, { decision: 'accepted' });
    await services.brokering.decide(people.peru, match.value.id, { decision: 'accepted' });
    // Confirmation opens the room (a domain event); the Secretariat's button finds the same room.
    await vi.waitFor(async () =>
      expect(await services.roundtables.roomOfMatch(people.peru, match.value.id)).toMatchObject({ exists: true }),
    );
    const found = await services.roundtables.roomOfMatch(people.oas, match.value.id);
    if (!found.exists || !found.room) throw new Error('the OAS should find its room');
    const room = found.room;
    expect(room).toMatchObject({ title: 'Asset declarations online', status: 'open' });
    // Someone outside the room learns it exists (the match page is for its parties), never which room it is.
    expect(await services.roundtables.roomOfMatch(people.chile, match.value.id)).toEqual({ exists: true, room: null });
    expect(await services.roundtables.roomOfMatch(people.peru, 'not-a-uuid')).toEqual({ exists: false });
    expect(await services.roundtables.openRoomForMatch(people.peru, match.value.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(await services.roundtables.openRoomForMatch(people.secretariat, match.value.id)).toMatchObject({
      ok: true,
      value: { id: room.id },
    });
    expect(await services.roundtables.openRoomForMatch(people.secretariat, 'not-a-uuid')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
  });
});
