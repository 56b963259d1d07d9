import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as meetingLoader } from '../../app/routes/meetings.$id';
import { loader as myMeetingsLoader } from '../../app/routes/meetings._index';
import type { DatabaseHandle } from '../../db/client';
import { organizations, users } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext, type Lang } from './language';

/*
 * A meeting's page in Spanish named the invited organizations in English ("Peru", "Organization of American
 * States") while the roundtable's page named them in Spanish: both now use the reader's language.
 */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'secretariat' | 'peru' | 'oas', Actor>;
let meetingId: string;
const names = {} as Record<'PE' | 'OAS' | 'SUMMITS-SECRETARIAT', { en: string; es: string }>;

async function page(actor: Actor, lang: Lang) {
  return (await meetingLoader({
    request: new Request(`http://localhost/meetings/${meetingId}`),
    params: { id: meetingId },
    context: routeContext(services, actor, lang),
  })) as { invited: Array<{ name: string; organization: string }> };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  const rows = await handle.db
    .select({ id: organizations.id, code: organizations.code, en: organizations.nameEn, es: organizations.nameEs })
    .from(organizations)
    .where(inArray(organizations.code, ['PE', 'OAS', 'SUMMITS-SECRETARIAT']));
  const id = (code: string) => rows.find((r) => r.code === code)!.id;
  for (const r of rows) names[r.code as keyof typeof names] = { en: r.en, es: r.es };
  people.secretariat = await createActor(handle.db, 'secretariat', 'secretariat_staff', id('SUMMITS-SECRETARIAT'));
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', id('PE'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', id('OAS'));
  const room = await services.roundtables.create(people.secretariat, {
    title: 'Room with a meeting',
    kind: 'working_roundtable',
    organizationIds: [id('PE'), id('OAS')],
  });
  if (!room.ok) throw new Error(room.message);
  const meeting = await services.videoconferences.schedule(people.secretariat, room.value.id, {
    title: 'First call',
    start: '2030-01-07T10:00',
    timeZone: 'America/Lima',
    durationMinutes: 60,
  });
  if (!meeting.ok) throw new Error(meeting.message);
  meetingId = meeting.value.id;
});
afterAll(() => handle.close());

describe('a meeting’s invited organizations in the reader’s language', () => {
  it('names them in Spanish on the Spanish page and in English on the English one', async () => {
    expect(names.PE).toEqual({ en: 'Peru', es: 'Perú' });
    const es = (await page(people.peru, 'es')).invited.map((p) => p.organization);
    expect(es).toContain(names.PE.es);
    expect(es).toContain(names.OAS.es);
    expect(es).not.toContain(names.PE.en);
    expect(es).not.toContain(names.OAS.en);
    const en = (await page(people.peru, 'en')).invited.map((p) => p.organization);
    expect(en).toContain(names.PE.en);
    expect(en).toContain(names.OAS.en);
    // The Secretariat's convener is invited too, named like everyone else.
    expect(en).toContain(names['SUMMITS-SECRETARIAT'].en);
    expect(es).toContain(names['SUMMITS-SECRETARIAT'].es);
  });
});

/*
 * "My meetings" said "Times are shown on your account's clock (UTC)" though no page sets an account's zone: it now
 * says where the zone comes from, as the service computes it (the zone recorded for the account, UTC by default).
 */
describe('where My meetings takes its time zone from', () => {
  const note = async (actor: Actor, lang: Lang) =>
    (
      (await myMeetingsLoader({
        request: new Request('http://localhost/meetings'),
        params: {},
        context: routeContext(services, actor, lang),
      })) as { zoneNote: string }
    ).zoneNote;

  it('says UTC, without claiming an account setting, for an account with no zone chosen', async () => {
    expect(await note(people.peru, 'en')).toBe(
      'Times are shown in UTC, with the organizer’s beside them. Each meeting’s page also gives the time on this device’s clock.',
    );
    const es = await note(people.peru, 'es');
    expect(es).toMatch(/^Las horas se muestran en UTC,/);
    expect(es).not.toMatch(/cuenta/);
  });

  it('names the zone chosen for the account when there is one', async () => {
    await handle.db.update(users).set({ timeZone: 'America/Lima' }).where(eq(users.id, people.oas.userId));
    expect(await note(people.oas, 'en')).toMatch(
      /^Times are shown in America\/Lima, the time zone chosen for your account,/,
    );
    expect(await note(people.oas, 'es')).toMatch(/^Las horas se muestran en America\/Lima, la zona horaria elegida/);
  });
});
