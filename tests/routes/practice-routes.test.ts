import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as adminLoader } from '../../app/routes/admin.practices';
import { action as editAction, loader as editLoader } from '../../app/routes/practices.$id_.edit';
import { loader as pageLoader } from '../../app/routes/practices.$id';
import { loader as indexLoader } from '../../app/routes/practices._index';
import { loader as capacitiesLoader } from '../../app/routes/practices.capacities';
import { loader as csvLoader } from '../../app/routes/practices.export[.]csv';
import { action as newAction } from '../../app/routes/practices.new';
import { loader as mandateLoader } from '../../app/routes/mandates.$commitment.$number';
import { translate } from '../../app/i18n';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/* The good-practice pages called as Remix calls them (issue 17): drafts stay private, errors come back per field. */
let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-03-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'coordinator' | 'chile', Actor>;

const post = (path: string, fields: Record<string, string | string[]>) => {
  // As a browser sends a form without a file: URL-encoded (a FormData body would be multipart, the upload path).
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    body: form,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
};
const statusOf = async (p: Promise<unknown>) => {
  try {
    const value = await p;
    if (value instanceof Response) return value.status;
    return value && typeof value === 'object' && 'init' in value
      ? (value as { init: { status: number } }).init.status
      : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
};
const form = {
  title: 'Whistleblower channel with anonymous follow-up',
  summary: 'An online channel where reporters follow their case anonymously.',
  situation: 'Reporters feared retaliation and never learnt what happened to their report.',
  action: 'A channel with a case code that lets the reporter follow the case and answer questions anonymously.',
  results: 'Reports tripled in two years.',
  lessons: 'Tell reporters what happens next.',
  transfer: 'Needs a prosecutor’s office able to answer within a week.',
  contactName: 'Integrity Office',
  contactEmail: 'integridad@example.pe',
  commitment: 'lima-2018',
  mandates: '12, 13',
  languages: ['es', 'en'],
  iaccSubjects: ['whistleblower_protection'],
};

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  const id = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_admin',
    await id('SUMMITS-SECRETARIAT'),
  );
  people.coordinator = await createActor(handle.db, 'state', 'national_coordinator', await id('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await id('CL'));
});
afterAll(() => handle.close());

describe('good-practice routes', () => {
  let id: string;

  it('creates a draft from the form, reading the mandate list and checkboxes; a bad e-mail comes back on its field in Spanish', async () => {
    const bad = (await newAction({
      request: post('/practices/new', { ...form, contactEmail: 'nope' }),
      params: {},
      context: routeContext(services, people.coordinator, 'es'),
    })) as unknown as { init: { status: number }; data: { fieldErrors: Record<string, string[]> } };
    expect(bad.init.status).toBe(400);
    expect(bad.data.fieldErrors.contactEmail).toEqual([
      'Indique un correo electrónico válido para el punto de contacto.',
    ]);
    const made = (await newAction({
      request: post('/practices/new', form),
      params: {},
      context: routeContext(services, people.coordinator),
    })) as Response;
    expect(made.status).toBe(302);
    id = made.headers.get('Location')!.split('/')[2];
    const page = await editLoader({
      request: new Request(`http://localhost/practices/${id}/edit`),
      params: { id },
      context: routeContext(services, people.coordinator),
    });
    expect(page.values).toMatchObject({
      mandates: '12, 13',
      languages: ['es', 'en'],
      iaccSubjects: ['whistleblower_protection'],
    });
    expect(page.canSubmit).toBe(true);
  });

  it('keeps the draft private: 404 for another State, the Secretariat and the public, on the page and the edit page', async () => {
    for (const who of [people.chile, people.secretariat, null]) {
      expect(
        await statusOf(
          pageLoader({
            request: new Request(`http://localhost/practices/${id}`),
            params: { id },
            context: routeContext(services, who),
          }),
        ),
      ).toBe(404);
    }
    expect(
      await statusOf(
        editLoader({
          request: new Request(`http://localhost/practices/${id}/edit`),
          params: { id },
          context: routeContext(services, people.chile),
        }),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        editAction({
          request: post(`/practices/${id}/edit`, { intent: 'submit' }),
          params: { id },
          context: routeContext(services, people.chile),
        }),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        adminLoader({
          request: new Request('http://localhost/admin/practices'),
          params: {},
          context: routeContext(services, people.chile),
        }),
      ),
    ).toBe(403);
  });

  it('submits, reviews, publishes, and the public finds it with a misspelled Spanish query and in the CSV', async () => {
    expect(
      await statusOf(
        editAction({
          request: post(`/practices/${id}/edit`, { intent: 'submit' }),
          params: { id },
          context: routeContext(services, people.coordinator),
        }),
      ),
    ).toBe(302);
    const round = await services.practices.openRound(people.secretariat, {
      name: 'Routes round',
      practiceIds: [id],
      days: 1,
    });
    if (!round.ok) throw new Error(round.message);
    const during = await indexLoader({
      request: new Request('http://localhost/practices?q=denuncia'),
      params: {},
      context: routeContext(services, null),
    });
    expect(during.total).toBe(0);
    clock = new Date(round.value.closesAt.getTime() + 1000);
    const published = await services.practices.publishRound(people.secretariat, round.value.id);
    expect(published).toMatchObject({ ok: true, value: { published: 1 } });
    const found = await indexLoader({
      request: new Request('http://localhost/practices?q=whistleblowr%20chanel'),
      params: {},
      context: routeContext(services, null),
    });
    expect(found.items.map((p) => p.id)).toEqual([id]);
    const page = await pageLoader({
      request: new Request(`http://localhost/practices/${id}`),
      params: { id },
      context: routeContext(services, null),
    });
    expect(page).toMatchObject({ access: 'public', comments: [] });
    const csv = await (
      (await csvLoader({
        request: new Request('http://localhost/practices/export.csv'),
        params: {},
        context: routeContext(services, null),
      })) as Response
    ).text();
    expect(csv).toContain('Whistleblower channel with anonymous follow-up');
    // Regional capacities: the practice under each of its mandates, beside the offers (none published here).
    const capacities = await capacitiesLoader({
      request: new Request('http://localhost/practices/capacities'),
      params: {},
      context: routeContext(services, null),
    });
    expect(capacities.mandates.map((m) => [m.number, m.practices.map((p) => p.id), m.offers.length])).toEqual([
      [12, [id], 0],
      [13, [id], 0],
    ]);
    // The mandate's page lists its published practices and initiatives; another mandate's says none (empty state).
    const mandatePage = (number: string) =>
      mandateLoader({
        request: new Request(`http://localhost/mandates/lima-2018/${number}`),
        params: { commitment: 'lima-2018', number },
        context: routeContext(services, null),
      });
    expect((await mandatePage('12')).practices).toEqual([
      { id, title: 'Whistleblower channel with anonymous follow-up', en: 'Peru', es: 'Perú' },
    ]);
    expect(await mandatePage('30')).toMatchObject({ practices: [], initiatives: [], offers: [] });
  });

  it('has the mandate page’s headings and empty states in English and Spanish', () => {
    for (const key of [
      'pr.mandate.practices',
      'pr.mandate.noPractices',
      'pr.mandate.initiatives',
      'pr.mandate.noInitiatives',
      'pr.mandate.offers',
      'pr.mandate.noOffers',
      'pr.mandate.outcomes',
    ] as const) {
      expect(translate('en', key)).not.toBe(key);
      expect(translate('es', key)).not.toBe(key);
      expect(translate('es', key)).not.toBe(translate('en', key));
    }
    expect(translate('es', 'pr.mandate.noInitiatives')).toBe(
      'Aún no hay iniciativas de cooperación publicadas sobre este mandato.',
    );
  });
});
