import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as accountAction, loader as accountLoader } from '../../app/routes/account';
import { loader as notificationsLoader } from '../../app/routes/notifications';
import { loader as roomLoader } from '../../app/routes/roundtables.$id';
import type { DatabaseHandle } from '../../db/client';
import { organizations, users } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import {
  MAX_AGENDA_TITLE_LENGTH,
  MAX_DOCUMENT_TITLE_LENGTH,
  MAX_HIDE_REASON_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_ROOM_DESCRIPTION_LENGTH,
  MAX_ROOM_TITLE_LENGTH,
} from '../../services/roundtables/limits';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext, type Lang } from './language';

/* Issue 15 item 11's pages as Remix calls them: the digest setting on the account page, a mention on the
 * Notifications page, reactions on the room page. */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'secretariat' | 'peru' | 'oas', Actor>;
let roomId: string;

type Reply = { status: number; body: Record<string, unknown> };
const unwrap = (value: unknown): Reply =>
  value && typeof value === 'object' && 'init' in value && 'data' in value
    ? {
        status: (value as { init: { status: number } }).init?.status ?? 200,
        body: (value as { data: Record<string, unknown> }).data,
      }
    : { status: 200, body: value as Record<string, unknown> };
const post = (path: string, fields: Record<string, string>) =>
  new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(fields) });
const setDigest = async (actor: Actor, digest: string, lang: Lang = 'en') =>
  unwrap(
    await accountAction({
      request: post('/account', { intent: 'digest', digest }),
      params: {},
      context: routeContext(services, actor, lang),
    }),
  );
const account = (actor: Actor) =>
  accountLoader({
    request: new Request('http://localhost/account'),
    params: {},
    context: routeContext(services, actor),
  });

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}

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
  await handle.db.update(users).set({ displayName: 'Pedro Quispe' }).where(eq(users.id, people.peru.userId));
  people.peru.displayName = 'Pedro Quispe';
  const room = await services.roundtables.create(people.secretariat, {
    title: 'Route room for mentions',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('OAS')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
});
afterAll(() => handle.close());

describe('the daily digest setting on the account page (issue 15)', () => {
  it('is on by default; the person turns it off and on, told in their language', async () => {
    expect((await account(people.oas)).digestEnabled).toBe(true);
    expect(await setDigest(people.oas, 'off')).toMatchObject({
      status: 200,
      body: { ok: true, intent: 'digest', message: 'You will not receive the daily digest.' },
    });
    expect((await account(people.oas)).digestEnabled).toBe(false);
    // Someone else's setting is untouched.
    expect((await account(people.peru)).digestEnabled).toBe(true);
    expect((await setDigest(people.oas, 'on', 'es')).body.message).toBe('Recibirá el resumen diario.');
    expect((await account(people.oas)).digestEnabled).toBe(true);
  });

  it('a bad value is a 400 that says what to do, in Spanish too, and changes nothing', async () => {
    expect(await setDigest(people.peru, 'sometimes', 'es')).toMatchObject({
      status: 400,
      body: { ok: false, message: 'Elija si desea recibir el resumen diario: activado o desactivado.' },
    });
    expect((await account(people.peru)).digestEnabled).toBe(true);
  });
});

describe('mentions and reactions on the pages (issue 15)', () => {
  it('the person mentioned finds the notice with a link to the message; the room page shows the reactions', async () => {
    const sent = await services.roundtables.send(people.oas, roomId, {
      clientId: 'route-mention-1',
      body: 'Could @Pedro Quispe confirm the dates?',
    });
    if (!sent.ok) throw new Error(sent.message);
    const notices = await notificationsLoader({
      request: new Request('http://localhost/notifications'),
      params: {},
      context: routeContext(services, people.peru),
    });
    expect(notices.items).toContainEqual(
      expect.objectContaining({
        kind: 'roundtable.mentioned',
        link: `/roundtables/${roomId}#message-${sent.value.message.id}`,
      }),
    );
    const others = await notificationsLoader({
      request: new Request('http://localhost/notifications'),
      params: {},
      context: routeContext(services, people.oas),
    });
    expect(others.items.some((n) => n.kind === 'roundtable.mentioned')).toBe(false);

    expect((await services.roundtables.react(people.peru, sent.value.message.id, 'done')).ok).toBe(true);
    const page = await roomLoader({
      request: new Request(`http://localhost/roundtables/${roomId}`),
      params: { id: roomId },
      context: routeContext(services, people.oas),
    });
    expect(page.reactionSet.map((r) => r.reaction)).toEqual(['agree', 'thanks', 'applause', 'done', 'question']);
    // The page's fields take the lengths the service accepts, from the one place that states them.
    expect(page.textLimits).toEqual({
      roomTitle: MAX_ROOM_TITLE_LENGTH,
      roomDescription: MAX_ROOM_DESCRIPTION_LENGTH,
      documentTitle: MAX_DOCUMENT_TITLE_LENGTH,
      message: MAX_MESSAGE_LENGTH,
      agendaTitle: MAX_AGENDA_TITLE_LENGTH,
      hideReason: MAX_HIDE_REASON_LENGTH,
    });
    expect(page.messages.find((m) => m.id === sent.value.message.id)?.reactions).toEqual([
      { reaction: 'done', userIds: [people.peru.userId] },
    ]);
  });
});
