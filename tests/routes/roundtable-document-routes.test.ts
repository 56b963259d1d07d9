import type { AppLoadContext } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as downloadLoader } from '../../app/routes/roundtables.$id.documents.$documentId';
import { action as roomAction, loader as roomLoader } from '../../app/routes/roundtables.$id';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { makePdf } from '../../services/storage/pdf';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/* The room page's action and loader and the download route, called as Remix calls them. */
let handle: DatabaseHandle;
let services: Services;
let roomId: string;
const people = {} as Record<'secretariat' | 'peru' | 'oas' | 'chile', Actor>;

const context = (actor: Actor | null) =>
  ({ services, actor, lang: 'en', ip: '127.0.0.1', secureCookies: false, demo: false }) as unknown as AppLoadContext;
type Body = { intent: string; message: string; fieldErrors?: Record<string, string[]>; title?: string };
const unwrap = (value: unknown): { status: number; body: Body } =>
  value && typeof value === 'object' && 'init' in value && 'data' in value
    ? { status: (value as { init: { status: number } }).init.status, body: (value as { data: Body }).data }
    : { status: 200, body: value as Body };

function upload(fields: Record<string, string>, file: { name: string; bytes: Uint8Array<ArrayBuffer> }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([file.bytes]), file.name);
  return new Request(`http://localhost/roundtables/${roomId}`, { method: 'POST', body: form });
}
const post = (actor: Actor | null, request: Request) =>
  roomAction({ request, params: { id: roomId }, context: context(actor) }).catch((r: unknown) => r);
const download = (actor: Actor | null, documentId: string, headers: Record<string, string> = {}) =>
  downloadLoader({
    request: new Request(`http://localhost/roundtables/${roomId}/documents/${documentId}`, { headers }),
    params: { id: roomId, documentId },
    context: context(actor),
  });

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, attachmentMaxBytes: 32 * 1024 });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  const room = await services.roundtables.create(people.secretariat, {
    title: 'Route room',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('OAS')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
});
afterAll(() => handle.close());

describe('the room page with files', () => {
  it('uploads through the multipart form, lists the file, and serves it with sniffed type, attachment name and ETag', async () => {
    const response = (await post(
      people.peru,
      upload({ title: 'Informe de avance' }, { name: 'informe año.pdf', bytes: new Uint8Array(makePdf('Progress')) }),
    )) as Response;
    expect(response.status).toBe(302);
    const page = await roomLoader({
      request: new Request(`http://localhost/roundtables/${roomId}`),
      params: { id: roomId },
      context: context(people.oas),
    });
    const listed = page.documents.find((d) => d.title === 'Informe de avance')!;
    expect(listed).toMatchObject({
      file: { fileName: 'informe año.pdf', mediaType: 'application/pdf' },
      removable: false,
      url: null,
    });
    expect(page.maxSize).toBe('32 KB');

    const ok = await download(people.oas, listed.id);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Type')).toBe('application/pdf');
    expect(ok.headers.get('Content-Disposition')).toBe("attachment; filename*=UTF-8''informe%20a%C3%B1o.pdf");
    const etag = ok.headers.get('ETag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(new TextDecoder().decode(await ok.arrayBuffer())).toMatch(/^%PDF-/);
    expect((await download(people.oas, listed.id, { 'If-None-Match': etag })).status).toBe(304);
    // Not a member, or not logged in: the same 404 as an id that never existed.
    expect((await download(people.chile, listed.id)).status).toBe(404);
    expect((await download(null, listed.id)).status).toBe(404);
    expect((await download(people.oas, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('returns a refused file’s message tied to the field, keeps the typed title, and stores nothing', async () => {
    const before = (await services.roundtables.snapshot(people.peru, roomId)).ok;
    expect(before).toBe(true);
    const program = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]);
    const refused = unwrap(
      await post(people.peru, upload({ title: 'Not a report' }, { name: 'report.pdf', bytes: program })),
    );
    expect(refused).toMatchObject({
      status: 400,
      body: {
        intent: 'file',
        title: 'Not a report',
        fieldErrors: { file: [expect.stringContaining('program, not a document')] },
      },
    });
    const big = new Uint8Array(40 * 1024).fill(0x41);
    expect(unwrap(await post(people.peru, upload({}, { name: 'big.pdf', bytes: big })))).toMatchObject({
      status: 413,
      body: { message: expect.stringMatching(/larger than 32 KB/) },
    });
    expect(
      unwrap(await post(people.chile, upload({}, { name: 'x.pdf', bytes: new Uint8Array(makePdf('x')) }))),
    ).toMatchObject({ status: 404 });
    const noFile = new FormData();
    noFile.append('title', 'Forgot the file');
    expect(
      unwrap(
        await post(
          people.peru,
          new Request(`http://localhost/roundtables/${roomId}`, { method: 'POST', body: noFile }),
        ),
      ),
    ).toMatchObject({
      status: 400,
      body: { intent: 'file', title: 'Forgot the file', fieldErrors: { file: ['Choose a file to attach.'] } },
    });
    const page = await roomLoader({
      request: new Request(`http://localhost/roundtables/${roomId}`),
      params: { id: roomId },
      context: context(people.peru),
    });
    expect(page.documents.map((d) => d.title)).not.toContain('Not a report');
  });

  it('removes through the form: the uploader may, and the download is then 404', async () => {
    const page = await roomLoader({
      request: new Request(`http://localhost/roundtables/${roomId}`),
      params: { id: roomId },
      context: context(people.peru),
    });
    const mine = page.documents.find((d) => d.title === 'Informe de avance')!;
    expect(mine.removable).toBe(true);
    const form = new URLSearchParams({ intent: 'document-remove', documentId: mine.id });
    const forbidden = unwrap(
      await post(people.oas, new Request(`http://localhost/roundtables/${roomId}`, { method: 'POST', body: form })),
    );
    expect(forbidden.status).toBe(403);
    const removed = (await post(
      people.peru,
      new Request(`http://localhost/roundtables/${roomId}`, { method: 'POST', body: form }),
    )) as Response;
    expect(removed.status).toBe(302);
    expect((await download(people.oas, mine.id)).status).toBe(404);
  });
});

describe('the room page in Spanish (the same statuses: a failure’s kind decides them, never its English text)', () => {
  it('answers 413 to an oversized file with the Spanish message tied to the field, 404 to a stranger, 403 to a non-uploader', async () => {
    const postEs = (actor: Actor, request: Request) =>
      roomAction({ request, params: { id: roomId }, context: routeContext(services, actor, 'es') }).catch(
        (r: unknown) => r,
      );
    const big = new Uint8Array(40 * 1024).fill(0x41);
    const refused = unwrap(await postEs(people.peru, upload({ title: 'Grande' }, { name: 'grande.pdf', bytes: big })));
    expect(refused).toMatchObject({
      status: 413,
      body: {
        intent: 'file',
        title: 'Grande',
        message: expect.stringMatching(/^El archivo supera 32 KB/),
        fieldErrors: { file: [expect.stringMatching(/^El archivo supera/)] },
      },
    });
    expect(
      unwrap(await postEs(people.chile, upload({}, { name: 'x.pdf', bytes: new Uint8Array(makePdf('x')) }))),
    ).toMatchObject({ status: 404 });
  });
});
