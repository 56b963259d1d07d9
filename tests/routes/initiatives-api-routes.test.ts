import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as itemLoader } from '../../app/routes/api.v1.initiatives.$id';
import { loader as listLoader } from '../../app/routes/api.v1.initiatives._index';
import { loader as mandatesLoader } from '../../app/routes/api.v1.mandates';
import { loader as offersLoader } from '../../app/routes/api.v1.offers';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi[.]json';
import { loader as practicesLoader } from '../../app/routes/api.v1.practices';
import { loader as cycleResultsLoader } from '../../app/routes/api.v1.results.$cycleId';
import { loader as cyclesLoader } from '../../app/routes/api.v1.results._index';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import {
  apiCycleSchema,
  apiErrorSchema,
  apiInitiativeSchema,
  apiListSchema,
  apiMandateSchema,
  apiOfferSchema,
  apiPageSchema,
  apiPracticeSchema,
  apiResultSchema,
} from '../../services/initiatives/api';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { seedPublishedCycle } from '../registration-fixtures';
import { createActor } from '../factories';
import { routeContext } from './language';

/*
 * The open-data API of initiatives (issue 19 item 2), called as Remix calls it. Responses are parsed with the strict
 * schemas the OpenAPI document is generated from, so a renamed, missing or extra field fails here. Published data
 * only: an unpublished initiative, an unpublished outcome, unagreed or withheld funding never appear.
 */
let handle: DatabaseHandle;
let services: Services;
let clock = new Date('2027-03-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'oas', Actor>;
const ids = {} as Record<
  'peru' | 'oas' | 'published' | 'hidden' | 'offer' | 'practice' | 'cycle' | 'unpublishedCycle',
  string
>;

const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });
const args = (path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) => ({
  request: get(path, headers),
  params,
  context: routeContext(services, null),
});

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  ids.peru = await orgId('PE');
  ids.oas = await orgId('OAS');
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', ids.peru);
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', ids.oas);
  const base = {
    summary: 'Training of officials of Peru on the verification of asset declarations, with the OAS.',
    forms: ['training'],
    startsOn: '2027-04-01',
    mandates: [1],
    participants: [
      { organizationId: ids.peru, role: 'requesting' },
      { organizationId: ids.oas, role: 'providing' },
    ],
  };
  const published = must(
    await services.initiatives.create(people.secretariat, { ...base, title: 'Published API initiative' }),
  );
  ids.published = published.id;
  const outcome = must(
    await services.initiatives.logOutcome(people.secretariat, published.id, {
      text: 'Officials trained on asset checks.',
      figures: 'Officials trained: 120',
    }),
  );
  must(await services.initiatives.agreeOutcome(people.peru, outcome.id));
  must(await services.initiatives.agreeOutcome(people.oas, outcome.id));
  must(await services.initiatives.publishOutcome(people.secretariat, outcome.id));
  must(
    await services.initiatives.logOutcome(people.secretariat, published.id, { text: 'API-CANARY-OUTCOME waiting.' }),
  );
  const agreed = must(
    await services.initiatives.addFunding(people.secretariat, published.id, {
      source: 'Agreed Fund',
      amount: '5000',
      currency: 'USD',
    }),
  ).funding[0];
  must(await services.initiatives.agreeFunding(people.peru, agreed.id));
  must(await services.initiatives.agreeFunding(people.oas, agreed.id));
  must(
    await services.initiatives.addFunding(people.secretariat, published.id, {
      source: 'API-CANARY-FUND unagreed',
      amount: '1',
      currency: 'USD',
    }),
  );
  must(await services.initiatives.setPublished(people.secretariat, published.id, true));
  const hidden = must(
    await services.initiatives.create(people.secretariat, { ...base, title: 'API-CANARY-HIDDEN initiative' }),
  );
  ids.hidden = hidden.id;

  // An offer published and a draft; a good practice published through its review round and a draft.
  const offer = {
    description: 'The OAS offers legislative drafting support on the protection of whistleblowers.',
    mandates: [1],
    types: ['legislative'],
    languages: ['es', 'en'],
    modality: 'virtual',
    capacity: 2,
  };
  ids.offer = must(
    await services.offers.create(people.oas, { ...offer, title: 'Published API offer' }, { publish: true }),
  ).id;
  must(await services.offers.create(people.oas, { ...offer, title: 'API-CANARY-DRAFT offer' }, { publish: false }));
  const practice = {
    summary: 'An online channel where reporters follow their case anonymously.',
    situation: 'Reporters feared retaliation.',
    action: 'A channel with a case code.',
    results: 'Reports tripled.',
    lessons: 'Tell reporters what happens next.',
    transfer: 'Needs a prosecutor’s office able to answer within a week.',
    contactName: 'Integrity Office',
    contactEmail: 'integridad@example.pe',
    commitment: 'lima-2018',
    mandates: [12, 13],
    languages: ['es', 'en'],
    iaccSubjects: ['whistleblower_protection'],
  };
  const made = must(await services.practices.create(people.peru, { ...practice, title: 'Published API practice' }));
  ids.practice = made.id;
  must(await services.practices.create(people.peru, { ...practice, title: 'API-CANARY-DRAFT practice' }));
  must(await services.practices.submit(people.peru, made.id));
  const round = must(
    await services.practices.openRound(people.secretariat, { name: 'API round', practiceIds: [made.id], days: 1 }),
  );
  clock = new Date(round.closesAt.getTime() + 1000);
  must(await services.practices.publishRound(people.secretariat, round.id));

  // A published cycle where Chile's answers on mandate 3 are withheld (granted non-disclosure), and one unpublished.
  ids.cycle = (
    await seedPublishedCycle(handle.db, {
      name: 'API cycle',
      organizationCodes: ['PE', 'CL'],
      mandateNumbers: [3, 4, 5],
      withholdings: [{ organizationCode: 'CL', scope: 'mandate', mandate: 3, decision: 'granted' }],
      text: ({ organizationCode, mandate, question, field }) =>
        organizationCode === 'CL' && mandate === 3
          ? `API-CANARY-WITHHELD ${question} ${field}`
          : `${organizationCode} ${mandate} ${question} ${field}`,
    })
  ).cycleId;
  ids.unpublishedCycle = (
    await seedPublishedCycle(handle.db, {
      name: 'API-CANARY unpublished cycle',
      organizationCodes: ['PE'],
      mandateNumbers: [3],
      text: () => 'API-CANARY-UNPUBLISHED answer',
      unpublished: true,
    })
  ).cycleId;
}, 240_000); // a fresh migrated database with the reference data: slow on a shared machine
afterAll(() => handle.close());

describe('/api/v1/initiatives', () => {
  it('lists published initiatives in the documented shape, with ETag, cache and open CORS; never the unpublished', async () => {
    const response = await listLoader(args('/api/v1/initiatives'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Cache-Control')).toBe('public, no-cache');
    const etag = response.headers.get('ETag');
    expect(etag).toMatch(/^".+"$/);
    const text = await response.text();
    expect(text).not.toContain('API-CANARY');
    const body = apiListSchema.parse(JSON.parse(text));
    expect(body.data.map((i) => i.title)).toEqual(['Published API initiative']);
    expect(body.meta).toEqual({ page: 1, pages: 1, per_page: 20, total: 1 });
    expect(body.links).toEqual({ self: '/api/v1/initiatives?page=1', next: null, prev: null });
    const [item] = body.data;
    expect(item.outcomes).toEqual([expect.objectContaining({ figures: [{ label: 'Officials trained', value: 120 }] })]);
    expect(item.funding).toEqual([{ source: 'Agreed Fund', amount: '5000.00', currency: 'USD' }]);

    const again = await listLoader(args('/api/v1/initiatives', {}, { 'If-None-Match': etag! }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('filters like the registry; a bad filter value is ignored, a page past the end is the last page', async () => {
    const none = apiListSchema.parse(await (await listLoader(args('/api/v1/initiatives?status=completed'))).json());
    expect(none.data).toEqual([]);
    expect(none.meta.total).toBe(0);
    const byOrg = apiListSchema.parse(await (await listLoader(args('/api/v1/initiatives?organization=OAS'))).json());
    expect(byOrg.data).toHaveLength(1);
    expect(byOrg.links.self).toBe('/api/v1/initiatives?organization=OAS&page=1');
    const odd = apiListSchema.parse(await (await listLoader(args('/api/v1/initiatives?status=bogus&page=9'))).json());
    expect(odd.meta.page).toBe(1);
    expect(odd.data).toHaveLength(1);
  });

  it('gives one published initiative; 404 in JSON for an unpublished one, an unknown id or a malformed one', async () => {
    const response = await itemLoader(args(`/api/v1/initiatives/${ids.published}`, { id: ids.published }));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('API-CANARY');
    expect(apiInitiativeSchema.parse(JSON.parse(text)).id).toBe(ids.published);
    for (const id of [ids.hidden, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const missing = await itemLoader(args(`/api/v1/initiatives/${id}`, { id }));
      expect(missing.status, id).toBe(404);
      expect(missing.headers.get('Cache-Control')).toBe('no-store');
      expect(apiErrorSchema.parse(await missing.json()).error).toMatch(/published/);
    }
  });

  it('serves an OpenAPI 3.1 document whose schemas require exactly the fields the responses carry', async () => {
    const doc = await (await openApiLoader(args('/api/v1/openapi.json'))).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual([
      '/api/v1/mandates',
      '/api/v1/offers',
      '/api/v1/practices',
      '/api/v1/results',
      '/api/v1/results/{cycleId}',
      '/api/v1/initiatives',
      '/api/v1/initiatives/{id}',
    ]);
    const item = apiInitiativeSchema.parse(
      await (await itemLoader(args(`/api/v1/initiatives/${ids.published}`, { id: ids.published }))).json(),
    );
    const documented = doc.components.schemas.Initiative;
    expect([...documented.required].sort()).toEqual(Object.keys(item).sort());
    expect(documented.additionalProperties).toBe(false);
    expect(doc.paths['/api/v1/initiatives'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'mandate',
      'organization',
      'form',
      'status',
      'year',
      'page',
    ]);
  });
});

describe('/api/v1/mandates, /api/v1/offers, /api/v1/practices, /api/v1/results', () => {
  const expectOpenData = (response: Response) => {
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(response.headers.get('ETag')).toMatch(/^".+"$/);
  };

  it('mandates: the commitment’s mandates by number, 20 a page, in the documented shape; 404 in JSON for an unknown commitment', async () => {
    const first = await mandatesLoader(args('/api/v1/mandates'));
    expectOpenData(first);
    const page = apiPageSchema(apiMandateSchema).parse(await first.json());
    expect(page.data.map((m) => m.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(page.data[0]).toMatchObject({ number: 1, section: 'A' });
    expect(page.meta).toMatchObject({ page: 1, per_page: 20 });
    expect(page.meta.total).toBeGreaterThan(40);
    const commitment = page.data[0].commitment;
    expect(page.links.next).toBe(`/api/v1/mandates?page=2`);
    const third = apiPageSchema(apiMandateSchema).parse(
      await (await mandatesLoader(args(`/api/v1/mandates?commitment=${commitment}&page=3`))).json(),
    );
    expect(third.data[0].number).toBe(41);
    expect(third.links.prev).toBe(`/api/v1/mandates?commitment=${commitment}&page=2`);
    const unknown = await mandatesLoader(args('/api/v1/mandates?commitment=NOPE'));
    expect(unknown.status).toBe(404);
    expect(apiErrorSchema.parse(await unknown.json()).error).toMatch(/commitment/);
  });

  it('offers: published ones only, in the documented shape, with the directory’s filters; never a draft', async () => {
    const response = await offersLoader(args('/api/v1/offers'));
    expectOpenData(response);
    const text = await response.text();
    expect(text).not.toContain('API-CANARY');
    const page = apiPageSchema(apiOfferSchema).parse(JSON.parse(text));
    expect(page.data.map((o) => [o.id, o.title, o.organization, o.capacity])).toEqual([
      [ids.offer, 'Published API offer', 'OAS', 2],
    ]);
    const none = apiPageSchema(apiOfferSchema).parse(
      await (await offersLoader(args('/api/v1/offers?organization=PE&page=4'))).json(),
    );
    expect(none.data).toEqual([]);
    expect(none.links.self).toBe('/api/v1/offers?organization=PE&page=1');
    const etag = response.headers.get('ETag')!;
    expect((await offersLoader(args('/api/v1/offers', {}, { 'If-None-Match': etag }))).status).toBe(304);
  });

  it('practices: the published ones as their export gives them, in the documented shape; never a draft', async () => {
    const response = await practicesLoader(args('/api/v1/practices'));
    expectOpenData(response);
    const text = await response.text();
    expect(text).not.toContain('API-CANARY');
    const page = apiPageSchema(apiPracticeSchema).parse(JSON.parse(text));
    expect(page.data.map((p) => [p.id, p.title, p.organization, p.mandates])).toEqual([
      [ids.practice, 'Published API practice', 'PE', [12, 13]],
    ]);
    expect(page.meta).toEqual({ page: 1, pages: 1, per_page: 20, total: 1 });
  });

  it('results: the published cycles, and a cycle’s answers as the public reads them (non-disclosure applied), with filters; 404 for an unpublished cycle', async () => {
    const cycles = await cyclesLoader(args('/api/v1/results'));
    expectOpenData(cycles);
    const cycleText = await cycles.text();
    expect(cycleText).not.toContain('API-CANARY');
    expect(apiPageSchema(apiCycleSchema).parse(JSON.parse(cycleText)).data).toEqual([
      expect.objectContaining({ id: ids.cycle, name: 'API cycle', results: `/api/v1/results/${ids.cycle}` }),
    ]);
    const at = (query: string) =>
      cycleResultsLoader(args(`/api/v1/results/${ids.cycle}${query}`, { cycleId: ids.cycle }));
    const first = await at('');
    expectOpenData(first);
    const text = await first.text();
    expect(text).not.toContain('API-CANARY');
    const page = apiPageSchema(apiResultSchema).parse(JSON.parse(text));
    expect(page.meta.per_page).toBe(20);
    expect(page.meta.total).toBeGreaterThan(20);
    let all = page.data;
    for (let n = 2; n <= page.meta.pages; n++) {
      const next = await (await at(`?page=${n}`)).text();
      expect(next).not.toContain('API-CANARY');
      all = all.concat(apiPageSchema(apiResultSchema).parse(JSON.parse(next)).data);
    }
    expect(all).toHaveLength(page.meta.total);
    expect(all.filter((a) => a.organization === 'CL' && a.mandate === 3)).toEqual([]);
    expect(all.some((a) => a.organization === 'CL' && a.mandate === 4)).toBe(true);
    const chile = apiPageSchema(apiResultSchema).parse(await (await at('?organization=CL&mandate=3')).json());
    expect(chile.data).toEqual([]);
    const q1 = apiPageSchema(apiResultSchema).parse(await (await at('?mandate=3&question=Q1')).json());
    expect(q1.data.map((a) => [a.organization, a.mandate, a.question])).toEqual([['PE', 3, 'Q1']]);
    expect(q1.links.self).toBe(`/api/v1/results/${ids.cycle}?mandate=3&question=Q1&page=1`);
    for (const cycleId of [ids.unpublishedCycle, 'nope']) {
      const missing = await cycleResultsLoader(args(`/api/v1/results/${cycleId}`, { cycleId }));
      expect(missing.status, cycleId).toBe(404);
      expect(await missing.text()).not.toContain('API-CANARY');
    }
  });

  it('the OpenAPI document describes each of them with exactly the fields the responses carry', async () => {
    const doc = await (await openApiLoader(args('/api/v1/openapi.json'))).json();
    const samples: Array<[string, Record<string, unknown>]> = [
      ['Mandate', (await (await mandatesLoader(args('/api/v1/mandates'))).json()).data[0]],
      ['Offer', (await (await offersLoader(args('/api/v1/offers'))).json()).data[0]],
      ['Practice', (await (await practicesLoader(args('/api/v1/practices'))).json()).data[0]],
      ['Cycle', (await (await cyclesLoader(args('/api/v1/results'))).json()).data[0]],
      [
        'Result',
        (await (await cycleResultsLoader(args(`/api/v1/results/${ids.cycle}`, { cycleId: ids.cycle }))).json()).data[0],
      ],
    ];
    for (const [name, item] of samples) {
      const documented = doc.components.schemas[name];
      expect(documented.additionalProperties, name).toBe(false);
      expect(Object.keys(documented.properties).sort(), name).toEqual(Object.keys(item).sort());
      for (const key of documented.required) expect(item, `${name}.${key}`).toHaveProperty(key);
    }
    expect(doc.paths['/api/v1/offers'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'mandate',
      'type',
      'organization',
      'kind',
      'page',
    ]);
  });
});

describe('the public registry page', () => {
  it('offers the Secretariat its management link by the permission rule, and nobody else', async () => {
    const { loader: registryLoader } = await import('../../app/routes/initiatives._index');
    const as = (actor: Actor | null) =>
      registryLoader({
        request: get('/initiatives'),
        params: {},
        context: routeContext(services, actor),
      });
    expect((await as(people.secretariat)).canManage).toBe(true);
    for (const actor of [people.peru, people.oas, null]) expect((await as(actor)).canManage).toBe(false);
  });
});

describe('a method the API does not answer', () => {
  it('is a JSON 405 naming GET and HEAD on every endpoint, with open CORS, not cached', async () => {
    const endpoints = import.meta.glob<{ action?: (args: unknown) => Response | Promise<Response> }>(
      '../../app/routes/api.v1.*.ts',
      { eager: true },
    );
    const known = Object.entries(endpoints).filter(([file]) => !file.endsWith('api.v1.$.ts'));
    expect(known.length).toBeGreaterThanOrEqual(8);
    for (const [file, endpoint] of known) {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        expect(endpoint.action, file).toBeTypeOf('function');
        const response = await endpoint.action!({
          request: new Request('http://localhost/api/v1/initiatives', { method, body: 'x=1' }),
          params: {},
          context: routeContext(services, null),
        });
        expect(response.status, `${method} ${file}`).toBe(405);
        expect(response.headers.get('Allow')).toBe('GET, HEAD');
        expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
        expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
        expect(response.headers.get('Cache-Control')).toBe('no-store');
        expect(apiErrorSchema.parse(await response.json()).error).toContain(`${method} is not answered here`);
      }
    }
  });
});
