import { readFileSync } from 'node:fs';
import type { AppLoadContext } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as mandateAction, loader as mandateLoader } from '../../app/routes/questionnaire.$cycleId.$mandate';
import { loader as downloadLoader } from '../../app/routes/attachments.$id';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { importCatalogueAsSystem } from '../../services/catalogue/import.server';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { valid } from '../../services/catalogue/test-support';
import { createServices, type Services } from '../../services/index.server';
import { makePdf } from '../../services/storage/pdf';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/*
 * The mandate page's loader and action and the download route, called as Remix calls them, on a catalogue with
 * indicators (tests/fixtures/catalogue/example.json: mandate 1 has indicator 1.1, mandate 3 none).
 */
let handle: DatabaseHandle;
let services: Services;
let delegate: Actor;
let cycleId: string;
const clock = new Date('2031-02-01T12:00:00Z');

const context = (actor: Actor | null) =>
  ({ services, actor, lang: 'en', ip: '127.0.0.1', secureCookies: false, demo: false }) as unknown as AppLoadContext;
const url = (mandate: number) => `http://localhost/questionnaire/${cycleId}/${mandate}`;
const params = (mandate: number) => ({ cycleId, mandate: String(mandate) });
type Result = { kind: string; message: string; question?: string; indicator?: string };
/** Actions return plain objects, or `data(value, init)` for failures: both unwrapped here with their status. */
const unwrap = (value: unknown): { status: number; body: Result } =>
  value && typeof value === 'object' && 'init' in value && 'data' in value
    ? { status: (value as { init: { status: number } }).init.status, body: (value as { data: Result }).data }
    : { status: 200, body: value as Result };

function upload(
  mandate: number,
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array<ArrayBuffer> },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([file.bytes]), file.name);
  return new Request(url(mandate), { method: 'POST', body: form });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock, attachmentMaxBytes: 32 * 1024 });
  const fixture = valid(
    JSON.parse(readFileSync(new URL('../fixtures/catalogue/example.json', import.meta.url), 'utf8')),
  );
  const imported = await importCatalogueAsSystem(handle.db, fixture, { via: 'test' });
  if (!imported.ok) throw new Error(imported.message);
  const [peru] = await handle.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.code, 'PE'));
  const admin = await createActor(handle.db, 'secretariat', 'secretariat_admin');
  delegate = await createActor(handle.db, 'state', 'delegate', peru.id);
  const cycle = await services.registration.createCycle(admin, {
    name: 'Route cycle',
    kind: 'registration',
    opensAt: '2031-01-01T00:00:00Z',
    closesAt: '2031-04-30T00:00:00Z',
    publishesAt: '2031-05-15T00:00:00Z',
    timeZone: 'UTC',
    commitmentCode: 'test-commitment',
  });
  if (!cycle.ok) throw new Error(cycle.message);
  cycleId = cycle.value.id;
});
afterAll(() => handle.close());

describe('the mandate page with indicators', () => {
  it('shows one block per indicator, or one for the mandate itself', async () => {
    const withIndicators = await mandateLoader({
      request: new Request(url(1)),
      params: params(1),
      context: context(delegate),
    });
    expect(withIndicators.units.map((u) => u.code)).toEqual(['1.1']);
    expect(withIndicators.units[0].textEn).toBe('The example registry is published.');
    const without = await mandateLoader({
      request: new Request(url(3)),
      params: params(3),
      context: context(delegate),
    });
    expect(without.units.map((u) => u.code)).toEqual(['']);
  });

  it('saves per indicator, refuses a missing indicator, then attaches documents through the multipart form', async () => {
    const save = (indicator: string) => {
      const body = new URLSearchParams({
        intent: 'save',
        question: 'Q2',
        indicator,
        summary: 'Registry online',
        full: '',
        baseVersion: '0',
      });
      return mandateAction({
        request: new Request(url(1), { method: 'POST', body }),
        params: params(1),
        context: context(delegate),
      }).then(unwrap);
    };
    expect(await save('')).toMatchObject({
      status: 400,
      body: { kind: 'failed', message: expect.stringMatching(/^Unknown mandate or indicator/) },
    });
    expect(await save('1.1')).toMatchObject({ status: 200, body: { kind: 'saved', indicator: '1.1' } });

    const attach = (bytes: Uint8Array<ArrayBuffer>, name: string) =>
      mandateAction({
        request: upload(1, { question: 'Q2', indicator: '1.1' }, { name, bytes }),
        params: params(1),
        context: context(delegate),
      }).then(unwrap);
    expect(await attach(new Uint8Array(makePdf('Registry')), 'registry.pdf')).toMatchObject({
      status: 200,
      body: { kind: 'attached', message: '“registry.pdf” was attached.' },
    });
    expect(await attach(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1]), 'registry2.pdf')).toMatchObject({
      status: 400,
      body: {
        kind: 'attach_failed',
        message: expect.stringMatching(/program, not a document.*Your answer is unchanged/),
      },
    });
    const big = new Uint8Array(40 * 1024);
    big.set(makePdf('x'));
    expect(await attach(big, 'big.pdf')).toMatchObject({
      status: 413,
      body: { kind: 'attach_failed', message: expect.stringMatching(/larger than 32 KB/) },
    });
    expect(
      await mandateAction({
        request: upload(
          1,
          { question: 'Q2', indicator: '1.1' },
          { name: 'x.pdf', bytes: new Uint8Array(makePdf('x')) },
        ),
        params: params(1),
        context: context(null),
      }).catch((r: Response) => r.status),
    ).toBe(302);

    const page = await mandateLoader({ request: new Request(url(1)), params: params(1), context: context(delegate) });
    const files = page.attachments['1.1|Q2'];
    expect(files.map((f) => f.fileName)).toEqual(['registry.pdf']);
    expect(page.answers['1.1|Q2']?.summary).toBe('Registry online');

    const ok = await downloadLoader({
      request: new Request(`http://localhost/attachments/${files[0].id}`),
      params: { id: files[0].id },
      context: context(delegate),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Type')).toBe('application/pdf');
    expect(ok.headers.get('Content-Disposition')).toBe("attachment; filename*=UTF-8''registry.pdf");
    const etag = ok.headers.get('ETag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(await ok.text()).toContain('Registry');
    const cached = await downloadLoader({
      request: new Request(`http://localhost/attachments/${files[0].id}`, { headers: { 'If-None-Match': etag } }),
      params: { id: files[0].id },
      context: context(delegate),
    });
    expect(cached.status).toBe(304);
    const anonymous = await downloadLoader({
      request: new Request(`http://localhost/attachments/${files[0].id}`),
      params: { id: files[0].id },
      context: context(null),
    });
    expect(anonymous.status).toBe(404);
  });
});

describe('the mandate page in Spanish (the same statuses: a failure’s kind decides them, never its English text)', () => {
  it('answers 413 to an oversized upload and 400 to a program, with the messages in Spanish', async () => {
    const attach = (bytes: Uint8Array<ArrayBuffer>, name: string) =>
      mandateAction({
        request: upload(1, { question: 'Q2', indicator: '1.1' }, { name, bytes }),
        params: params(1),
        context: routeContext(services, delegate, 'es'),
      }).then(unwrap);
    const big = new Uint8Array(40 * 1024);
    big.set(makePdf('x'));
    expect(await attach(big, 'grande.pdf')).toMatchObject({
      status: 413,
      body: {
        kind: 'attach_failed',
        message: expect.stringMatching(/^No se adjuntó el documento: El archivo supera 32 KB/),
      },
    });
    expect(await attach(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1]), 'registro.pdf')).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/es un programa, no un documento/) },
    });
  });
});
