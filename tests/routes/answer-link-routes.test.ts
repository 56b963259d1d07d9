import type { AppLoadContext } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as requestAction, loader as requestLoader } from '../../app/routes/cooperation.requests.$id';
import { loader as mandateLoader } from '../../app/routes/questionnaire.$cycleId.$mandate';
import type { DatabaseHandle } from '../../db/client';
import { assistanceRequests, organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/* The request page and the mandate page, called as Remix calls them, for a request drafted from a withheld Q4 (decision 014). */
let handle: DatabaseHandle;
let services: Services;
let coordinator: Actor;
let chile: Actor;
let cycleId: string;
let requestId: string;
const clock = new Date('2027-02-01T12:00:00Z');
const CANARY = 'CANARY-route-2b7e the plan we asked the Chair to keep private';

const context = (actor: Actor | null, lang = 'en') =>
  ({ services, actor, lang, ip: '127.0.0.1', secureCookies: false, demo: false }) as unknown as AppLoadContext;
const post = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return new Request(`http://localhost/cooperation/requests/${requestId}`, { method: 'POST', body: form });
};
const unwrap = (value: unknown): { status: number; body: Record<string, unknown> } =>
  value && typeof value === 'object' && 'init' in value && 'data' in value
    ? {
        status: (value as { init: { status: number } }).init.status,
        body: (value as { data: Record<string, unknown> }).data,
      }
    : { status: 200, body: value as Record<string, unknown> };

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  const id = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  const secretariat = await createActor(handle.db, 'secretariat', 'secretariat_admin');
  coordinator = await createActor(handle.db, 'state', 'national_coordinator', await id('PE'));
  chile = await createActor(handle.db, 'state', 'national_coordinator', await id('CL'));
  const cycle = await services.registration.createCycle(secretariat, {
    name: 'Route cycle',
    kind: 'registration',
    opensAt: '2027-01-01T00:00:00Z',
    closesAt: '2027-04-30T00:00:00Z',
    publishesAt: '2027-05-15T00:00:00Z',
    timeZone: 'UTC',
  });
  if (!cycle.ok) throw new Error(cycle.message);
  cycleId = cycle.value.id;
  await services.registration.questionnaire(coordinator, cycleId);
  await services.publication.requestNonDisclosure(coordinator, cycleId, {
    scope: 'question',
    mandate: 2,
    question: 'Q4',
    letterReference: 'Note 9 to the Chair',
  });
  const q4 = await services.registration.saveAnswer(coordinator, cycleId, {
    mandate: 2,
    question: 'Q4',
    summary: 'Judicial training',
    full: `${CANARY}. Training for judges in three regions.`,
    assistanceTypes: ['capacity_building'],
    baseVersion: 0,
  });
  if (!q4.ok) throw new Error(q4.message);
  requestId = (
    await handle.db.select().from(assistanceRequests).where(eq(assistanceRequests.sourceAnswerId, q4.value.id))
  )[0].id;
});
afterAll(() => handle.close());

describe('the request page of a request drafted from a withheld answer', () => {
  it('tells the State what was withheld and why, and offers the own-text form instead of the plain publish button', async () => {
    const page = await requestLoader({
      request: new Request(`http://localhost/cooperation/requests/${requestId}`),
      params: { id: requestId },
      context: context(coordinator),
    });
    expect(page.link).toMatchObject({
      mandate: 2,
      question: 'Q4',
      withheld: { whole: true, pending: true, letterReferences: ['Note 9 to the Chair'] },
    });
    expect(page).toMatchObject({ canPublish: false, canPublishOwnText: true, canDecide: true });
    expect(JSON.stringify(page)).not.toContain('CANARY');
  });

  it('refuses the withheld text in Spanish too, with the same status and the field named; another State’s draft is 404', async () => {
    const refused = unwrap(
      await requestAction({
        request: post({
          intent: 'publish-own-text',
          title: 'Formación judicial',
          description: `${CANARY}. Training for judges in three regions.`,
        }),
        params: { id: requestId },
        context: routeContext(services, coordinator, 'es'),
      }),
    );
    expect(refused).toMatchObject({
      status: 400,
      body: {
        ok: false,
        fieldErrors: {
          description: ['Esto repite un texto que usted pidió reservar. Escriba en su lugar lo que puede mostrarse.'],
        },
      },
    });
    const stranger = unwrap(
      await requestAction({
        request: post({
          intent: 'publish-own-text',
          title: 'Integrity training for judges',
          description: 'Capacity building for judges in three regions on integrity and case management.',
        }),
        params: { id: requestId },
        context: routeContext(services, chile, 'es'),
      }).catch((r: Response) => ({ init: { status: r.status }, data: {} })),
    );
    expect(stranger.status).toBe(404); // a draft of another State does not exist for Chile
  });

  it('refuses the withheld text with the field named (even a withheld summary as the title), then publishes the State’s words', async () => {
    const refused = unwrap(
      await requestAction({
        request: post({
          intent: 'publish-own-text',
          title: 'Formación judicial',
          description: `${CANARY}. Training for judges in three regions.`,
        }),
        params: { id: requestId },
        context: context(coordinator),
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      intent: 'publish-own-text',
      ok: false,
      fieldErrors: { description: ['This repeats text you asked to withhold. Write what may be shown instead.'] },
    });
    const summaryAsTitle = unwrap(
      await requestAction({
        request: post({
          intent: 'publish-own-text',
          title: 'Judicial training',
          description: 'Capacity building for judges in three regions on integrity and case management.',
        }),
        params: { id: requestId },
        context: context(coordinator),
      }),
    );
    expect(summaryAsTitle.body).toMatchObject({
      ok: false,
      fieldErrors: { title: [expect.stringMatching(/repeats/)] },
    });
    const done = unwrap(
      await requestAction({
        request: post({
          intent: 'publish-own-text',
          title: 'Integrity training for judges',
          description: 'Capacity building for judges in three regions on integrity and case management.',
        }),
        params: { id: requestId },
        context: context(coordinator),
      }),
    );
    expect(done.body).toMatchObject({ ok: true });
    const seen = await requestLoader({
      request: new Request(`http://localhost/cooperation/requests/${requestId}`),
      params: { id: requestId },
      context: context(chile),
    });
    expect(seen.request.title).toBe('Integrity training for judges');
    expect(seen.link).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('CANARY');
  });

  it('shows the link under the answer on the mandate page', async () => {
    const page = await mandateLoader({
      request: new Request(`http://localhost/questionnaire/${cycleId}/2`),
      params: { cycleId, mandate: '2' },
      context: context(coordinator),
    });
    const q4 = Object.values(page.answers).find((a) => a?.linked);
    expect(q4?.linked).toMatchObject({ kind: 'request', id: requestId, published: true, held: false });
  });
});
