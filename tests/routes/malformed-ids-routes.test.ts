import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as peopleAction, loader as peopleLoader } from '../../app/routes/admin.people';
import { action as unknownApiAction, loader as unknownApiLoader } from '../../app/routes/api.v1.$';
import { action as matchAction } from '../../app/routes/matches.$id';
import { action as mandateAction } from '../../app/routes/questionnaire.$cycleId.$mandate';
import { action as roomAction } from '../../app/routes/roundtables.$id';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext, type Lang } from './language';

/*
 * An outside probe's findings (robustness): ids from a form or an address that are no uuid reached uuid columns and
 * the query failed (HTTP 500, "invalid input syntax for type uuid"). Each path now answers its own "not found" (404)
 * with a message in the reader's language. Also: a post to a mandate that does not exist is a 404 (not the closed
 * cycle's 409), and an unknown path under /api/v1 answers the API's JSON 404.
 */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'admin' | 'peru', Actor>;
let roomId: string;
const clock = new Date('2027-06-01T12:00:00Z');

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
/** A thrown Response (an error page) as status and text; anything else thrown is a failure of the test. */
const thrown = async (promise: Promise<unknown>) => {
  const caught = await promise.then(
    () => {
      throw new Error('expected a thrown Response');
    },
    (e: unknown) => e,
  );
  if (!(caught instanceof Response)) throw caught;
  return { status: caught.status, text: await caught.text() };
};
const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  people.admin = await createActor(handle.db, 'secretariat', 'secretariat_admin', await orgId('SUMMITS-SECRETARIAT'));
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  const room = await services.roundtables.create(people.admin, {
    title: 'Room for malformed ids',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
  const added = await services.roundtables.addAgendaItem(people.admin, roomId, 'Opening');
  if (!added.ok) throw new Error(added.message);
});
afterAll(() => handle?.close());

describe('/admin/people with ids that are no uuid', () => {
  it('a filter by an organization code or junk is a 404 that says so, in Spanish too', async () => {
    const load = (organization: string, lang: Lang = 'en') =>
      thrown(
        peopleLoader({
          request: new Request(`http://localhost/admin/people?organization=${organization}`),
          params: {},
          context: routeContext(services, people.admin, lang),
        }),
      );
    expect(await load('PE')).toEqual({ status: 404, text: 'This organization does not exist.' });
    expect(await load('zzz', 'es')).toEqual({ status: 404, text: 'Esta organización no existe.' });
  });

  it.each(['disable', 'enable', 'role'])(
    'intent=%s with userId=zzz is a 404 "this user does not exist"',
    async (intent) => {
      const send = async (lang: Lang) =>
        unwrap(
          await peopleAction({
            request: post('/admin/people', { intent, userId: 'zzz', role: 'delegate' }),
            params: {},
            context: routeContext(services, people.admin, lang),
          }),
        );
      expect(await send('en')).toMatchObject({
        status: 404,
        body: { ok: false, message: 'This user does not exist.' },
      });
      expect(await send('es')).toMatchObject({ status: 404, body: { ok: false, message: 'Este usuario no existe.' } });
    },
  );
});

describe('the room page’s member and agenda actions with ids that are no uuid', () => {
  const act = async (fields: Record<string, string>, lang: Lang = 'en') =>
    unwrap(
      await roomAction({
        request: post(`/roundtables/${roomId}`, fields),
        params: { id: roomId },
        context: routeContext(services, people.admin, lang),
      }),
    );

  it.each<Record<string, string>>([
    { intent: 'mute', userId: 'zzz', minutes: '5' },
    { intent: 'remove', userId: 'zzz' },
    { intent: 'role', userId: 'zzz', role: 'moderator' },
  ])('intent=$intent is a 404 "not a member", in Spanish too', async (fields) => {
    expect(await act(fields)).toMatchObject({
      status: 404,
      body: { ok: false, message: 'This person is not a member of the roundtable.' },
    });
    expect(await act(fields, 'es')).toMatchObject({
      status: 404,
      body: { ok: false, message: 'Esta persona no es miembro de la mesa redonda.' },
    });
  });

  it('intent=agenda-mark with itemId=zzz is a 404 "this agenda item does not exist", in Spanish too', async () => {
    const fields = { intent: 'agenda-mark', itemId: 'zzz', status: 'done' };
    expect(await act(fields)).toMatchObject({
      status: 404,
      body: { ok: false, message: 'This agenda item does not exist.' },
    });
    expect(await act(fields, 'es')).toMatchObject({
      status: 404,
      body: { ok: false, message: 'Este punto de la agenda no existe.' },
    });
  });
});

describe('withdrawing a match whose address is no uuid', () => {
  it('is the 404 page "this match does not exist", in Spanish too', async () => {
    const send = (lang: Lang) =>
      thrown(
        matchAction({
          request: post('/matches/zzz', { intent: 'withdraw', reason: 'No longer needed by anyone.' }),
          params: { id: 'zzz' },
          context: routeContext(services, people.admin, lang),
        }),
      );
    expect(await send('en')).toEqual({ status: 404, text: 'This match does not exist.' });
    expect(await send('es')).toEqual({ status: 404, text: 'Este emparejamiento no existe.' });
  });
});

describe('a post to a mandate the cycle does not have', () => {
  it('is a 404, even when the cycle is closed (which a real mandate’s save answers with 409)', async () => {
    const cycle = await services.registration.createCycle(people.admin, {
      name: 'Closed cycle',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T00:00:00Z',
      publishesAt: '2027-05-15T00:00:00Z',
      timeZone: 'UTC',
    });
    if (!cycle.ok) throw new Error(cycle.message);
    const save = (mandate: string) =>
      mandateAction({
        request: post(`/questionnaire/${cycle.value.id}/${mandate}`, {
          intent: 'save',
          question: 'Q2',
          indicator: '',
          summary: 'A summary',
          full: 'A full answer',
          baseVersion: '0',
        }),
        params: { cycleId: cycle.value.id, mandate },
        context: routeContext(services, people.peru),
      });
    expect((await thrown(save('999'))).status).toBe(404);
    expect(unwrap(await save('2')).status).toBe(409);
  });
});

describe('an unknown path under /api/v1', () => {
  it('answers the API’s JSON 404 with open CORS, not cached, for a GET and a POST', async () => {
    for (const response of [
      await unknownApiLoader({
        request: new Request('http://localhost/api/v1/nope'),
        params: { '*': 'nope' },
        context: routeContext(services, null),
      }),
      await unknownApiAction({
        request: post('/api/v1/initiatives/x/y', {}),
        params: { '*': 'initiatives/x/y' },
        context: routeContext(services, null),
      }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(await response.json()).toEqual({ error: expect.stringContaining('No API endpoint at this path.') });
    }
  });
});
