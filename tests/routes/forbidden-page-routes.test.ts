import { eq } from 'drizzle-orm';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPageText } from '../../app/error-page';
import { translate } from '../../app/i18n';
import { loader as adminMatching } from '../../app/routes/admin.matching';
import { loader as cooperation } from '../../app/routes/cooperation._index';
import { loader as newOffer } from '../../app/routes/cooperation.offers.new';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext, type Lang } from './language';

/*
 * The 403 page said "It belongs to another organization or to the Secretariat", untrue when the refusal is by role
 * (civil society on /cooperation). It now says only that the account cannot open the page, and gives the
 * refusal's own reason, in the reader's language.
 */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'civilSociety' | 'peru', Actor>;

/** The error page as the reader sees it after the loader refuses them. */
async function refusal(load: (args: LoaderFunctionArgs) => unknown, path: string, actor: Actor, lang: Lang) {
  let thrown: unknown;
  try {
    await load({
      request: new Request(`http://localhost${path}`),
      params: {},
      context: routeContext(services, actor, lang),
    });
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof Response)) throw new Error(`${path} did not refuse`);
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate(lang, key, vars);
  return errorPageText({ status: thrown.status, data: await thrown.text() }, t);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.civilSociety = await createActor(handle.db, 'civil_society', 'civil_society_member');
  const peru = (
    await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, 'PE'))
  )[0].id;
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', peru);
});
afterAll(() => handle.close());

describe('the 403 page', () => {
  it('tells civil society on /cooperation that its account cannot open it, and why, in English and Spanish', async () => {
    const en = await refusal(cooperation, '/cooperation', people.civilSociety, 'en');
    expect(en).toEqual({
      status: 403,
      title: 'Not allowed',
      body: 'Your account cannot open this page.',
      reason: 'Reason: Cooperation requests and offers are posted by States and JSWG organizations.',
    });
    const es = await refusal(cooperation, '/cooperation', people.civilSociety, 'es');
    expect(es).toEqual({
      status: 403,
      title: translate('es', 'error.forbidden.title'),
      body: 'Su cuenta no puede abrir esta página.',
      reason:
        'Motivo: Las solicitudes y ofertas de cooperación las publican los Estados y las organizaciones del GTCC.',
    });
    for (const page of [en, es])
      expect(`${page.body} ${page.reason}`).not.toMatch(/another organization|otra organización/);
  });

  it('gives the reason of a route’s own refusal and of a service’s refusal in Spanish', async () => {
    expect((await refusal(newOffer, '/cooperation/offers/new', people.civilSociety, 'es')).reason).toBe(
      'Motivo: Solo las organizaciones del GTCC y los Estados pueden ofrecer cooperación.',
    );
    const board = await refusal(adminMatching, '/admin/matching', people.peru, 'es');
    expect(board.body).toBe('Su cuenta no puede abrir esta página.');
    expect(board.reason).toMatch(/^Motivo: Solo la Secretaría/);
  });

  it('says why a request was refused for the state of things (409) or otherwise (413, 429), never "an error on our side"', () => {
    const t = (key: Parameters<typeof translate>[1]) => translate('es', key);
    const closed = errorPageText({ status: 409, data: 'Esta página ya no recibe contribuciones.' }, t);
    expect(closed).toMatchObject({ status: 409, title: 'Esto no se puede hacer ahora' });
    expect(closed.body).toBe('Esta página ya no recibe contribuciones.');
    expect(errorPageText({ status: 409 }, t).body).toMatch(/^La página está cerrada o cambió/);
    expect(errorPageText({ status: 429, data: 'Demasiados intentos.' }, t).body).toBe('Demasiados intentos.');
    expect(errorPageText({ status: 500, data: 'stack trace' }, t).body).toBe(translate('es', 'error.generic.body'));
  });

  it('adds no reason when the refusal gives none', () => {
    const t = (key: Parameters<typeof translate>[1]) => translate('en', key);
    expect(errorPageText({ status: 403, data: 'Forbidden' }, t).reason).toBeNull();
    expect(errorPageText({ status: 403, data: '' }, t).reason).toBeNull();
    expect(errorPageText({ status: 403 }, t).body).toBe('Your account cannot open this page.');
  });
});
