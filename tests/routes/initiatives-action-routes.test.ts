import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as adminAction } from '../../app/routes/admin.initiatives.$id';
import { translate } from '../../app/i18n';
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
 * The actions of the Secretariat's initiative page and of the public initiative page (issue 19), called as Remix
 * calls them: what each answers on success (the done message in the reader's language), on a refusal (the status of
 * the failure, its message and field errors, the intent and target it belongs to), for an unknown intent, and for a
 * document upload (multipart). The two pages share their handling (app/utils/initiative-actions.server.ts).
 */
let handle: DatabaseHandle;
let services: Services;
const clock = new Date('2027-03-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'oas' | 'chile', Actor>;
let initiativeId = '';

const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const post = (path: string, fields: Record<string, string | string[]>) => {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    body: form,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
};
type Reply =
  | { ok: true; intent: string; target: string; message: string }
  | { ok: false; intent: string; target: string; message: string; fieldErrors: Record<string, string[]> };
/** The answer of an action: a plain object (200) or `data(…, { status })`. */
const reply = (value: unknown): { status: number; body: Reply } =>
  value && typeof value === 'object' && 'init' in value
    ? {
        status: (value as { init: { status: number } }).init.status,
        body: (value as unknown as { data: Reply }).data,
      }
    : { status: 200, body: value as Reply };
const admin = async (who: Actor, fields: Record<string, string | string[]>, lang: Lang = 'en') =>
  reply(
    await adminAction({
      request: post(`/admin/initiatives/${initiativeId}`, fields),
      params: { id: initiativeId },
      context: routeContext(services, who, lang),
    }),
  );
const page = async (who: Actor | null, fields: Record<string, string | string[]>, lang: Lang = 'en') =>
  reply(
    await pageAction({
      request: post(`/initiatives/${initiativeId}`, fields),
      params: { id: initiativeId },
      context: routeContext(services, who, lang),
    }),
  );
const upload = async (route: 'admin' | 'page', who: Actor, outcomeId: string, file?: File) => {
  const form = new FormData();
  form.append('outcomeId', outcomeId);
  form.append('title', 'Training report');
  if (file) form.append('file', file);
  const request = new Request(`http://localhost/${route === 'admin' ? 'admin/' : ''}initiatives/${initiativeId}`, {
    method: 'POST',
    body: form,
  });
  const args = { request, params: { id: initiativeId }, context: routeContext(services, who) };
  return reply(route === 'admin' ? await adminAction(args) : await pageAction(args));
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
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  initiativeId = must(
    await services.initiatives.create(people.secretariat, {
      title: 'Actions initiative',
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

describe('the Secretariat’s initiative actions', () => {
  it('answers the done message of the intent in the reader’s language, and a refusal with its status, message and field errors', async () => {
    expect(await admin(people.secretariat, { intent: 'status', status: 'in_progress' })).toEqual({
      status: 200,
      body: { ok: true, intent: 'status', target: '', message: translate('en', 'ini.admin.done.status') },
    });
    const es = await admin(people.secretariat, { intent: 'publish' }, 'es');
    expect(es.status).toBe(200);
    expect(es.body).toMatchObject({ ok: true, intent: 'publish' });
    expect(es.body.message).toBe(translate('es', 'ini.admin.done.publish'));
    expect(es.body.message).not.toBe(translate('en', 'ini.admin.done.publish'));
    expect(await admin(people.secretariat, { intent: 'status', status: 'planned' })).toMatchObject({
      status: 409,
      body: { ok: false, intent: 'status', target: '', fieldErrors: {} },
    });
    const invalid = await admin(people.secretariat, { intent: 'logOutcome', text: ' ', figures: 'nonsense' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ ok: false, intent: 'logOutcome' });
    expect(Object.keys(!invalid.body.ok ? invalid.body.fieldErrors : {})).toContain('text');
    const logged = await admin(people.secretariat, {
      intent: 'logOutcome',
      startedOn: '',
      endedOn: '',
      text: 'Officials trained.',
      figures: 'Officials trained: 40',
    });
    expect(logged).toEqual({
      status: 200,
      body: { ok: true, intent: 'logOutcome', target: '', message: translate('en', 'ini.admin.done.logOutcome') },
    });
    const [outcome] = must(await services.initiatives.get(people.secretariat, initiativeId)).outcomes;
    const declined = await admin(people.secretariat, { intent: 'declineOutcome', target: outcome.id, reason: '' });
    expect(declined).toMatchObject({ body: { ok: false, intent: 'declineOutcome', target: outcome.id } });
    expect(declined.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses an unknown intent with 400, and a participant with 403', async () => {
    await expect(admin(people.secretariat, { intent: 'explode' })).rejects.toMatchObject({ status: 400 });
    // The service refuses a participant (the page shows the refusal on the form it came from).
    expect(await admin(people.peru, { intent: 'publish' })).toMatchObject({
      status: 403,
      body: { ok: false, intent: 'publish', target: '', fieldErrors: {} },
    });
  });

  it('attaches a document (multipart) to a proposed outcome, and answers a refusal on the document intent', async () => {
    const [outcome] = must(await services.initiatives.get(people.secretariat, initiativeId)).outcomes;
    const pdf = new File([new Uint8Array(makePdf('Report'))], 'report.pdf', { type: 'application/pdf' });
    expect(await upload('admin', people.secretariat, outcome.id, pdf)).toEqual({
      status: 200,
      body: { ok: true, intent: 'document', target: outcome.id, message: translate('en', 'ini.document.attached') },
    });
    const missing = await upload('admin', people.secretariat, outcome.id);
    expect(missing.body).toMatchObject({ ok: false, intent: 'document', target: outcome.id });
    expect(missing.status).toBe(400);
  });
});

describe('the participants’ initiative actions', () => {
  it('a focal point proposes an outcome and agrees; another State is refused; the answers name intent and target', async () => {
    const proposed = await page(people.peru, {
      intent: 'proposeOutcome',
      startedOn: '',
      endedOn: '',
      text: 'Peru’s view of what changed.',
      figures: 'Tender reviews: 3',
    });
    expect(proposed).toMatchObject({ status: 200, body: { ok: true, intent: 'proposeOutcome', target: '' } });
    expect(proposed.body.message).toBe(translate('en', 'ini.done.proposeOutcome'));
    const outcomes = must(await services.initiatives.get(people.oas, initiativeId)).outcomes;
    const peruOutcome = outcomes.find((o) => o.text === 'Peru’s view of what changed.')!;
    expect(await page(people.oas, { intent: 'agreeOutcome', target: peruOutcome.id })).toMatchObject({
      status: 200,
      body: { ok: true, intent: 'agreeOutcome', target: peruOutcome.id },
    });
    const refused = await page(people.chile, { intent: 'agreeOutcome', target: peruOutcome.id });
    expect(refused.body).toMatchObject({ ok: false, intent: 'agreeOutcome', target: peruOutcome.id });
    expect([403, 404]).toContain(refused.status);
    const corrected = await page(people.peru, {
      intent: 'correctOutcome',
      target: peruOutcome.id,
      text: ' ',
    });
    expect(corrected).toMatchObject({ status: 400, body: { ok: false, intent: 'correctOutcome' } });
    await expect(page(people.peru, { intent: 'nothing' })).rejects.toMatchObject({ status: 400 });
    const anonymous = await page(null, { intent: 'agreeOutcome', target: peruOutcome.id });
    expect(anonymous.body.ok).toBe(false);
  });

  it('a focal point attaches a document on the public page too', async () => {
    const outcome = must(await services.initiatives.get(people.peru, initiativeId)).outcomes.find(
      (o) => o.status === 'proposed' || o.status === 'agreed',
    )!;
    const pdf = new File([new Uint8Array(makePdf('Peru report'))], 'peru.pdf', { type: 'application/pdf' });
    const attached = await upload('page', people.peru, outcome.id, pdf);
    expect(attached.body).toMatchObject({ intent: 'document', target: outcome.id });
    const other = await upload('page', people.chile, outcome.id, pdf);
    expect(other.body).toMatchObject({ ok: false, intent: 'document', target: outcome.id });
  });
});
