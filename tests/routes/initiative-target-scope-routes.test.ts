import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as adminAction } from '../../app/routes/admin.initiatives.$id';
import { action as pageAction } from '../../app/routes/initiatives.$id';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createMemoryFileStore } from '../../services/storage/file-store';
import { makePdf } from '../../services/storage/pdf';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext, type Lang } from './language';

/*
 * The initiative pages' actions take their target (a funding record, an outcome, a withholding request…) from the
 * form; the page's initiative is the one in the URL. A target of another initiative is "not found" (404, the
 * service's message) and changes nothing, even for the OAS focal point, who takes part in both.
 */
let handle: DatabaseHandle;
let services: Services;
const clock = new Date('2027-03-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'oas', Actor>;
const ids = { a: '', b: '' };

const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
type Reply = { ok: boolean; intent: string; target: string; message: string };
/** The answer of an action: a plain object (200) or `data(…, { status })`. */
const reply = (value: unknown): { status: number; body: Reply } =>
  value && typeof value === 'object' && 'init' in value
    ? { status: (value as { init: { status: number } }).init.status, body: (value as unknown as { data: Reply }).data }
    : { status: 200, body: value as Reply };
const post = (path: string, body: URLSearchParams | FormData) =>
  new Request(`http://localhost${path}`, {
    method: 'POST',
    body,
    ...(body instanceof URLSearchParams ? { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } } : {}),
  });
const page = async (who: Actor, initiativeId: string, fields: Record<string, string>, lang: Lang = 'en') =>
  reply(
    await pageAction({
      request: post(`/initiatives/${initiativeId}`, new URLSearchParams(fields)),
      params: { id: initiativeId },
      context: routeContext(services, who, lang),
    }),
  );
const admin = async (who: Actor, initiativeId: string, fields: Record<string, string>) =>
  reply(
    await adminAction({
      request: post(`/admin/initiatives/${initiativeId}`, new URLSearchParams(fields)),
      params: { id: initiativeId },
      context: routeContext(services, who),
    }),
  );
const upload = async (who: Actor, initiativeId: string, outcomeId: string) => {
  const form = new FormData();
  form.append('outcomeId', outcomeId);
  form.append('title', 'Training report');
  form.append('file', new File([new Uint8Array(makePdf('Report'))], 'report.pdf', { type: 'application/pdf' }));
  return reply(
    await pageAction({
      request: post(`/initiatives/${initiativeId}`, form),
      params: { id: initiativeId },
      context: routeContext(services, who),
    }),
  );
};

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock, fileStore: createMemoryFileStore() });
  const peru = await orgId('PE');
  const oas = await orgId('OAS');
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', peru);
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', oas);
  for (const key of ['a', 'b'] as const)
    ids[key] = must(
      await services.initiatives.create(people.secretariat, {
        title: `Initiative ${key.toUpperCase()}`,
        summary: 'Training of officials on asset declarations.',
        forms: ['training'],
        mandates: [1],
        participants: [
          { organizationId: peru, role: 'requesting' },
          { organizationId: oas, role: 'providing' },
        ],
      }),
    ).id;
}, 180_000); // a fresh migrated database with the reference data: slow on a shared machine
afterAll(() => handle.close());

describe('an initiative page’s action on a target of another initiative', () => {
  it('is a 404 with the service’s message, changes nothing, and the same target on its own page is acted on', async () => {
    const funding = must(
      await services.initiatives.addFunding(people.secretariat, ids.b, {
        source: 'OAS fund',
        amount: '1000',
        currency: 'USD',
      }),
    ).funding[0];
    const agreements = async () =>
      must(await services.initiatives.get(people.secretariat, ids.b)).funding[0].agreements.length;

    expect(await page(people.oas, ids.a, { intent: 'agreeFunding', target: funding.id })).toEqual({
      status: 404,
      body: {
        ok: false,
        intent: 'agreeFunding',
        target: funding.id,
        message: 'This funding does not exist.',
        fieldErrors: {},
      },
    });
    expect((await page(people.oas, ids.a, { intent: 'agreeFunding', target: funding.id }, 'es')).body.message).toBe(
      'Este financiamiento no existe.',
    );
    expect(await agreements()).toBe(0);
    expect(await page(people.oas, ids.b, { intent: 'agreeFunding', target: funding.id })).toMatchObject({
      status: 200,
      body: { ok: true, intent: 'agreeFunding', target: funding.id },
    });
    expect(await agreements()).toBe(1);
  });

  it('is refused on the Secretariat’s page and for a document upload too', async () => {
    const outcome = must(
      await services.initiatives.proposeOutcome(people.peru, ids.b, { text: 'Forty officials trained.' }),
    );
    const withholding = must(
      await services.initiativeWithholdings.ask(people.peru, ids.b, {
        part: 'outcome',
        partId: outcome.seriesId,
        reason: 'The figures name a pending case.',
      }),
    );
    expect(
      await admin(people.secretariat, ids.a, {
        intent: 'decideWithholding',
        target: withholding.id,
        decision: 'grant',
        note: '',
      }),
    ).toMatchObject({ status: 404, body: { ok: false, message: 'This request does not exist.' } });
    expect(
      await admin(people.secretariat, ids.a, {
        intent: 'declineOutcome',
        target: outcome.id,
        reason: 'Not an outcome of this work.',
      }),
    ).toMatchObject({ status: 404, body: { ok: false, message: 'This outcome does not exist.' } });
    expect(await upload(people.oas, ids.a, outcome.id)).toMatchObject({
      status: 404,
      body: { ok: false, intent: 'document', target: outcome.id, message: 'This outcome does not exist.' },
    });
    const b = must(await services.initiatives.get(people.secretariat, ids.b));
    expect(b.outcomes).toMatchObject([{ id: outcome.id, status: 'proposed', documents: [] }]);
    expect(await services.initiativeWithholdings.list(people.secretariat, ids.b)).toMatchObject([
      { id: withholding.id, status: 'pending' },
    ]);
    expect(await upload(people.oas, ids.b, outcome.id)).toMatchObject({ status: 200, body: { ok: true } });
  });
});
