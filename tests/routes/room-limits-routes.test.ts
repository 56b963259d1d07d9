import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as convene, loader as roomsLoader } from '../../app/routes/roundtables._index';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext, type Lang } from './language';

/*
 * Convening a room with a 300-character title answered zod's own "Too big: expected string to have <=200
 * characters", in Spanish too, and the form let it be typed. The same raw texts came from the other create schemas
 * of rooms and meetings; each now says what to do, in the reader's language.
 */
let handle: DatabaseHandle;
let services: Services;
let secretariat: Actor;
let peru: string;
let roomId: string;
const RAW_ZOD = /Too big|Too small|Invalid input|Invalid UUID|expected (string|array|number)/;

type Reply = { status: number; body: Record<string, unknown> };
const unwrap = (value: unknown): Reply =>
  value instanceof Response
    ? { status: value.status, body: { location: value.headers.get('Location') } }
    : value && typeof value === 'object' && 'init' in value && 'data' in value
      ? {
          status: (value as { init: { status: number } }).init?.status ?? 200,
          body: (value as { data: Record<string, unknown> }).data,
        }
      : { status: 200, body: value as Record<string, unknown> };

async function post(fields: Array<[string, string]>, lang: Lang) {
  const request = new Request('http://localhost/roundtables?index', {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
  return unwrap(
    await convene({ request, params: {}, context: routeContext(services, secretariat, lang) }).catch((r: unknown) => r),
  );
}

const allMessages = (fieldErrors: unknown) => Object.values((fieldErrors ?? {}) as Record<string, string[]>).flat();

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  const orgId = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  secretariat = await createActor(handle.db, 'secretariat', 'secretariat_staff', await orgId('SUMMITS-SECRETARIAT'));
  peru = await orgId('PE');
  const room = await services.roundtables.create(secretariat, {
    title: 'Room for limits',
    kind: 'working_roundtable',
    organizationIds: [peru],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
});
afterAll(() => handle.close());

describe('convening a room: the title’s limit in words and on the field', () => {
  it('refuses a 300-character title with a clear message in English and Spanish, never zod’s text', async () => {
    const fields: Array<[string, string]> = [
      ['title', 'x'.repeat(300)],
      ['kind', 'working_roundtable'],
      ['organizationIds', peru],
    ];
    const en = await post(fields, 'en');
    expect(en.status).toBe(400);
    expect(en.body.fieldErrors).toEqual({ title: ['A roundtable’s title has at most 200 characters.'] });
    const es = await post(fields, 'es');
    expect(es.body.fieldErrors).toEqual({
      title: ['El título de una mesa redonda tiene como máximo 200 caracteres.'],
    });
  });

  it('accepts a title of exactly the limit the form’s maxLength gives', async () => {
    const page = (await roomsLoader({
      request: new Request('http://localhost/roundtables'),
      params: {},
      context: routeContext(services, secretariat),
    })) as { textLimits: { roomTitle: number; roomDescription: number } };
    expect(page.textLimits).toMatchObject({ roomTitle: 200, roomDescription: 5000 });
    const done = await post(
      [
        ['title', 'y'.repeat(page.textLimits.roomTitle)],
        ['kind', 'working_roundtable'],
        ['organizationIds', peru],
      ],
      'en',
    );
    expect(done).toMatchObject({ status: 302, body: { location: expect.stringMatching(/^\/roundtables\//) } });
  });

  it('says every other problem of the form in words too (a long description, an organization not in the list)', async () => {
    for (const lang of ['en', 'es'] as const) {
      const reply = await post(
        [
          ['title', 'A good title'],
          ['kind', 'working_roundtable'],
          ['description', 'd'.repeat(5001)],
          ['organizationIds', 'not-an-id'],
        ],
        lang,
      );
      expect(reply.status).toBe(400);
      const messages = allMessages(reply.body.fieldErrors);
      expect(messages).toHaveLength(2);
      for (const message of messages) expect(message).not.toMatch(RAW_ZOD);
    }
  });
});

describe('the other create schemas of rooms and meetings', () => {
  it('never answers zod’s raw texts for a shared link or a scheduled meeting, in either language', async () => {
    for (const lang of ['en', 'es'] as const) {
      const s = routeContext(services, secretariat, lang).services as Services;
      const bad: unknown[] = [{}, { title: 5, url: 5 }, { title: 't'.repeat(201), url: 'https://example.org' }];
      for (const input of bad) {
        const shared = await s.roundtables.shareDocument(secretariat, roomId, input);
        expect(shared).toMatchObject({ ok: false, kind: 'invalid' });
        const messages = allMessages(!shared.ok && shared.kind === 'invalid' ? shared.fieldErrors : {});
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) expect(message).not.toMatch(RAW_ZOD);
      }
      const meetingInputs: unknown[] = [
        {},
        { title: 5, start: 5, timeZone: 5, durationMinutes: 60, agenda: 5, addUserIds: 'x', leaveOutUserIds: ['x'] },
      ];
      for (const input of meetingInputs) {
        const scheduled = await s.videoconferences.schedule(secretariat, roomId, input);
        expect(scheduled).toMatchObject({ ok: false, kind: 'invalid' });
        const messages = allMessages(!scheduled.ok && scheduled.kind === 'invalid' ? scheduled.fieldErrors : {});
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) expect(message).not.toMatch(RAW_ZOD);
      }
    }
    const spanish = routeContext(services, secretariat, 'es').services as Services;
    const long = await spanish.roundtables.shareDocument(secretariat, roomId, {
      title: 't'.repeat(201),
      url: 'https://example.org',
    });
    expect(long).toMatchObject({
      fieldErrors: { title: ['El título de un enlace tiene como máximo 200 caracteres.'] },
    });
  });
});
