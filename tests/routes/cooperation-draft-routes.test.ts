import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as newRequestAction, loader as newRequestLoader } from '../../app/routes/cooperation.requests.new';
import { action as requestAction, loader as requestLoader } from '../../app/routes/cooperation.requests.$id';
import { loader as disclosureLoader } from '../../app/routes/disclosure.$cycleId';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { seedPublishedCycle } from '../registration-fixtures';
import { routeContext, type Lang } from './language';

/* Issue 15 items 5, 6 and 7 through the pages, in Spanish: a draft request, its publication, the mandate picker's data, carried-over requests. */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'peru' | 'chile' | 'secretariat', Actor>;

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
const post = (path: string, fields: Array<[string, string]>) =>
  new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(fields) });
const get = (path: string) => new Request(`http://localhost${path}`);
const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const call = async <T>(fn: () => Promise<T>) => unwrap(await fn().catch((r: unknown) => r));

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
});
afterAll(() => handle.close());

const ctx = (actor: Actor, lang: Lang = 'es') => routeContext(services, actor, lang);

describe('a draft request through the pages (issue 15 item 6)', () => {
  it('saves with only a title, shows it back with nothing invented, and publishing says what is missing', async () => {
    const created = await call(() =>
      newRequestAction({
        request: post('/cooperation/requests/new', [
          ['title', 'Borrador casi vacío'],
          ['intent', 'draft'],
        ]),
        params: {},
        context: ctx(people.peru),
      }),
    );
    expect(created.status).toBe(302);
    const id = String(created.body.location).split('/').pop()!;

    const page = await call(() =>
      requestLoader({ request: get(`/cooperation/requests/${id}`), params: { id }, context: ctx(people.peru) }),
    );
    expect(page.body.request).toMatchObject({ title: 'Borrador casi vacío', modality: null, mandates: [], types: [] });
    expect(page.body.canPublish).toBe(true);

    const refused = await call(() =>
      requestAction({
        request: post(`/cooperation/requests/${id}`, [['intent', 'publish']]),
        params: { id },
        context: ctx(people.peru),
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      'Este borrador aún no está completo. Complete lo señalado, guárdelo y luego publíquelo.',
    );
    expect(refused.body.fieldErrors).toMatchObject({
      mandates: ['Elija al menos un mandato.'],
      modality: ['Elija cómo puede realizarse el trabajo.'],
    });
    // Nothing was published; another State still does not see it.
    expect(await services.requests.listPublished()).toEqual([]);
    const foreign = await call(() =>
      requestLoader({ request: get(`/cooperation/requests/${id}`), params: { id }, context: ctx(people.chile) }),
    );
    expect(foreign.status).toBe(404);
  });

  it('an empty title is refused with the field named and what was typed kept', async () => {
    const refused = await call(() =>
      newRequestAction({
        request: post('/cooperation/requests/new', [
          ['title', ''],
          ['description', 'Texto que no debe perderse'],
          ['intent', 'draft'],
        ]),
        params: {},
        context: ctx(people.peru),
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.values).toMatchObject({ description: 'Texto que no debe perderse' });
    expect(Object.keys(refused.body.fieldErrors as object)).toEqual(['title']);
  });
});

describe('the mandate picker’s data (issue 15 item 7)', () => {
  it('groups the catalogue’s mandates by section, with words to search in both languages', async () => {
    const page = await call(() =>
      newRequestLoader({ request: get('/cooperation/requests/new'), params: {}, context: ctx(people.peru) }),
    );
    const sections = page.body.mandateSections as Array<{
      code: string | null;
      mandates: Array<{ number: number; label: string | null; words: string }>;
    }>;
    const numbers = sections.flatMap((s) => s.mandates.map((m) => m.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 57 }, (_, i) => i + 1));
    expect(sections.filter((s) => s.code).length).toBeGreaterThan(1);
    // Some mandates have words in Spanish to be found by (accents included).
    expect(sections.some((s) => s.mandates.some((m) => /[áéíóúñ]/i.test(m.words)))).toBe(true);
  });
});

describe('a non-disclosure request carried over into an update cycle (issue 15 item 5)', () => {
  it('is a stored fact the page says in the reader’s language, the Chair’s note kept as written', async () => {
    const { cycleId } = await seedPublishedCycle(handle.db, {
      name: 'Carried-over route cycle',
      organizationCodes: ['PE'],
      mandateNumbers: [1, 2],
      withholdings: [{ organizationCode: 'PE', scope: 'mandate', mandate: 2, decision: 'granted' }],
    });
    const day = 86_400_000;
    const update = await services.registration.createCycle(people.secretariat, {
      name: 'Carried-over route update',
      kind: 'update',
      opensAt: new Date(Date.now() - day).toISOString(),
      closesAt: new Date(Date.now() + 30 * day).toISOString(),
      publishesAt: new Date(Date.now() + 31 * day).toISOString(),
      timeZone: 'America/Lima',
      previousCycleId: cycleId,
    });
    if (!update.ok) throw new Error(update.message);
    expect((await services.registration.questionnaire(people.peru, update.value.id)).ok).toBe(true);

    const load = (lang: Lang) =>
      call(() =>
        disclosureLoader({
          request: get(`/disclosure/${update.value.id}`),
          params: { cycleId: update.value.id },
          context: ctx(people.peru, lang),
        }),
      );
    const es = (await load('es')).body.requests as Array<{ carriedOver: boolean; decisionNote: string | null }>;
    expect(es).toHaveLength(1);
    expect(es[0].carriedOver).toBe(true);
    expect(es[0].decisionNote).toMatch(/^Trasladada del ciclo anterior\./);
    expect(es[0].decisionNote).not.toContain('Carried over');
    const en = (await load('en')).body.requests as Array<{ decisionNote: string | null }>;
    expect(en[0].decisionNote).toMatch(/^Carried over from the previous cycle\./);
  });
});
