import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as accountAction, loader as accountLoader } from '../../app/routes/account';
import { loader as myMeetingsLoader } from '../../app/routes/meetings._index';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, organizations, users } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext, type Lang } from './language';

/*
 * Each person chooses the time zone meeting times are shown in (My meetings, meeting e-mails) on their account page.
 * Until then it is UTC, and My meetings says so and links to the choice.
 */
let handle: DatabaseHandle;
let services: Services;
let peru: Actor;
let chile: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  const orgId = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  chile = await createActor(handle.db, 'state', 'delegate', await orgId('CL'));
});
afterAll(() => handle.close());

const account = async (actor: Actor) =>
  (await accountLoader({
    request: new Request('http://localhost/account'),
    params: {},
    context: routeContext(services, actor),
  })) as { timeZone: string; timeZones: readonly string[] };

async function choose(actor: Actor, timeZone: string, lang: Lang = 'en') {
  const result = await accountAction({
    request: new Request('http://localhost/account', {
      method: 'POST',
      body: new URLSearchParams({ intent: 'timeZone', timeZone }),
    }),
    params: {},
    context: routeContext(services, actor, lang),
  });
  // A refusal comes back as data() with its status, a success as the plain object.
  if (result && typeof result === 'object' && 'init' in result && 'data' in result) {
    const wrapped = result as {
      data: { message: string; fieldErrors?: Record<string, string[]> };
      init: { status: number };
    };
    return { status: wrapped.init.status, ...wrapped.data };
  }
  return { status: 200, ...(result as { message: string; fieldErrors?: Record<string, string[]> }) };
}

const zoneNote = async (actor: Actor, lang: Lang) =>
  (
    (await myMeetingsLoader({
      request: new Request('http://localhost/meetings'),
      params: {},
      context: routeContext(services, actor, lang),
    })) as { zoneNote: string }
  ).zoneNote;

describe('the account’s time zone', () => {
  it('is UTC until chosen, and the page offers every IANA zone with UTC first', async () => {
    const page = await account(peru);
    expect(page.timeZone).toBe('UTC');
    expect(page.timeZones[0]).toBe('UTC');
    expect(page.timeZones).toContain('America/Lima');
    expect(page.timeZones).toContain('America/Port_of_Spain');
    expect(page.timeZones.length).toBeGreaterThan(300);
    expect(new Set(page.timeZones).size).toBe(page.timeZones.length);
  });

  it('is chosen on the account page by its name (any case), stored canonically, audited, and My meetings then uses it', async () => {
    expect(await zoneNote(peru, 'en')).toMatch(/^Times are shown in UTC,/);
    const chosen = await choose(peru, 'america/lima');
    expect(chosen).toMatchObject({ status: 200, message: 'Your time zone is now America/Lima.' });
    expect((await account(peru)).timeZone).toBe('America/Lima');
    expect(await zoneNote(peru, 'en')).toMatch(
      /^Times are shown in America\/Lima, the time zone chosen for your account,/,
    );
    expect(await zoneNote(peru, 'es')).toMatch(/^Las horas se muestran en America\/Lima, la zona horaria elegida/);
    const audit = await handle.db
      .select({ data: auditLog.data })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.time_zone_changed'), eq(auditLog.actorUserId, peru.userId)));
    expect(audit.map((a) => a.data)).toEqual([{ from: 'UTC', to: 'America/Lima' }]);
    // Choosing the same zone again changes nothing and writes no second audit line.
    expect(await choose(peru, 'America/Lima', 'es')).toMatchObject({
      status: 200,
      message: 'Su zona horaria es ahora America/Lima.',
    });
    const again = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'account.time_zone_changed'));
    expect(again).toHaveLength(1);
  });

  it('refuses a name that is not a zone, in the reader’s language, and keeps the zone it had', async () => {
    for (const [bad, lang, message] of [
      ['Mars/Olympus_Mons', 'en', 'Choose a time zone from the list.'],
      ['', 'es', 'Elija una zona horaria de la lista.'],
      ['America/Lima; DROP TABLE users', 'es', 'Elija una zona horaria de la lista.'],
    ] as const) {
      const refused = await choose(chile, bad, lang);
      expect(refused.status, bad).toBe(400);
      expect(refused.message).toBe(message);
      expect(refused.fieldErrors?.timeZone).toEqual([message]);
    }
    const [row] = await handle.db.select({ zone: users.timeZone }).from(users).where(eq(users.id, chile.userId));
    expect(row.zone).toBe('UTC');
  });

  it('is each person’s own: one person’s choice changes nobody else’s', async () => {
    await choose(chile, 'America/Santiago');
    expect((await account(chile)).timeZone).toBe('America/Santiago');
    expect((await account(peru)).timeZone).toBe('America/Lima');
  });
});
