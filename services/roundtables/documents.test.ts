import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, organizations, roundtableDocuments } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { DomainEventBus, type DomainEvents } from '../events';
import { createServices, type Services } from '../index.server';
import { chunksOf, createMemoryFileStore } from '../storage/file-store';
import { makePdf } from '../storage/pdf';

let handle: DatabaseHandle;
let services: Services;
const store = createMemoryFileStore();
const events = new DomainEventBus();
const changed: Array<DomainEvents['roundtable.changed']> = [];
events.on('roundtable.changed', (e) => changed.push(e));
const people = {} as Record<'secretariat' | 'peru' | 'peruDelegate' | 'oas' | 'chile', Actor>;
let roomId: string;
let closedRoomId: string;
const MAX = 8 * 1024;

async function orgId(code: string) {
  return (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0]
    .id;
}
const file = (fileName: string, bytes: Uint8Array) => ({ fileName, data: chunksOf(bytes, 1024) });
const pdf = (line = 'Minutes of the judicial integrity exchange') => file('minutes.pdf', makePdf(line));
async function readAll(stream: AsyncIterable<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, events, fileStore: store, attachmentMaxBytes: MAX });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.peruDelegate = await createActor(handle.db, 'state', 'delegate', await orgId('PE'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  const organizationIds = [await orgId('PE'), await orgId('OAS')];
  const room = await services.roundtables.create(people.secretariat, {
    title: 'Judicial integrity exchange',
    kind: 'working_roundtable',
    organizationIds,
  });
  const closed = await services.roundtables.create(people.secretariat, {
    title: 'Last year’s exchange',
    kind: 'working_roundtable',
    organizationIds,
  });
  if (!room.ok || !closed.ok) throw new Error('rooms not created');
  roomId = room.value.id;
  closedRoomId = closed.value.id;
  expect(await services.roundtables.setStatus(people.secretariat, closedRoomId, 'closed')).toMatchObject({ ok: true });
});
afterAll(() => handle.close());

describe('files shared in a room', () => {
  it('a member uploads; another organization’s member and the Secretariat download the same bytes; the room page lists it', async () => {
    const bytes = makePdf('Minutes of the judicial integrity exchange');
    changed.length = 0;
    const shared = await services.roomDocuments.upload(
      people.peru,
      roomId,
      { title: 'Minutes, first session' },
      file('minutes.pdf', bytes),
    );
    if (!shared.ok) throw new Error(shared.message);
    expect(shared.value).toMatchObject({
      title: 'Minutes, first session',
      fileName: 'minutes.pdf',
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
      url: null,
      sharedBy: people.peru.userId,
    });
    expect(changed).toEqual([{ roundtableId: roomId, what: 'documents' }]);
    for (const reader of [people.oas, people.secretariat, people.peruDelegate]) {
      const download = await services.roomDocuments.download(reader, roomId, shared.value.id);
      if (!download.ok) throw new Error(download.message);
      expect(download.value).toMatchObject({
        fileName: 'minutes.pdf',
        mediaType: 'application/pdf',
        sha256: shared.value.sha256,
      });
      expect(Buffer.compare(await readAll(download.value.stream), Buffer.from(bytes))).toBe(0);
    }
    const snapshot = await services.roundtables.snapshot(people.oas, roomId);
    if (!snapshot.ok) throw new Error(snapshot.message);
    expect(snapshot.value.documents).toEqual([
      expect.objectContaining({
        id: shared.value.id,
        fileName: 'minutes.pdf',
        sizeBytes: bytes.length,
        sharedByName: expect.any(String),
      }),
    ]);
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'roundtable.document_shared'), eq(auditLog.subjectId, shared.value.id)));
    expect(audit).toMatchObject({
      actorUserId: people.peru.userId,
      data: { roundtableId: roomId, fileName: 'minutes.pdf', sha256: shared.value.sha256 },
    });
  });

  it('refuses a file or a link from a muted member, storing nothing, until the mute is lifted (issue 15)', async () => {
    expect((await services.roundtables.mute(people.secretariat, roomId, people.peruDelegate.userId, 30)).ok).toBe(true);
    const before = (
      await handle.db.select().from(roundtableDocuments).where(eq(roundtableDocuments.roundtableId, roomId))
    ).length;
    expect(
      await services.roomDocuments.upload(people.peruDelegate, roomId, { title: 'While muted' }, pdf()),
    ).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: expect.stringMatching(/^A moderator muted you until \d\d:\d\d UTC\.$/),
    });
    expect(
      await services.roundtables.shareDocument(people.peruDelegate, roomId, {
        title: 'A link while muted',
        url: 'https://example.org/x',
      }),
    ).toMatchObject({ ok: false, kind: 'forbidden', message: expect.stringMatching(/muted you until/) });
    expect(
      (await handle.db.select().from(roundtableDocuments).where(eq(roundtableDocuments.roundtableId, roomId))).length,
    ).toBe(before);
    expect((await services.roundtables.mute(people.secretariat, roomId, people.peruDelegate.userId, 0)).ok).toBe(true);
    expect(
      await services.roundtables.shareDocument(people.peruDelegate, roomId, {
        title: 'A link after the mute',
        url: 'https://example.org/y',
      }),
    ).toMatchObject({ ok: true });
  });

  it('takes the file’s name as the title when none is given', async () => {
    const shared = await services.roomDocuments.upload(
      people.oas,
      roomId,
      {},
      file('Agenda draft.pdf', makePdf('Agenda')),
    );
    expect(shared).toMatchObject({ ok: true, value: { title: 'Agenda draft.pdf', fileName: 'Agenda draft.pdf' } });
  });

  it('keeps out a State that is not a member, and anonymous visitors: 404 for upload and download, nothing stored', async () => {
    const shared = await services.roomDocuments.upload(people.peru, roomId, {}, pdf());
    if (!shared.ok) throw new Error(shared.message);
    const keys = store.keys().length;
    const rows = (await handle.db.select().from(roundtableDocuments)).length;
    for (const outsider of [people.chile, null]) {
      expect(await services.roomDocuments.upload(outsider, roomId, {}, pdf())).toMatchObject({
        ok: false,
        kind: 'not_found',
      });
      expect(await services.roomDocuments.download(outsider, roomId, shared.value.id)).toMatchObject({
        ok: false,
        kind: 'not_found',
      });
      expect(await services.roomDocuments.remove(outsider, roomId, shared.value.id)).toMatchObject({
        ok: false,
        kind: 'not_found',
      });
    }
    // The document id under another room the viewer belongs to is still not found.
    expect(await services.roomDocuments.download(people.peru, closedRoomId, shared.value.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(store.keys().length).toBe(keys);
    expect((await handle.db.select().from(roundtableDocuments)).length).toBe(rows);
  });

  it('refuses uploads to a closed room, a disguised program and an oversize file, storing nothing', async () => {
    const keys = store.keys().length;
    const rows = (await handle.db.select().from(roundtableDocuments)).length;
    expect(await services.roomDocuments.upload(people.peru, closedRoomId, {}, pdf())).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'This roundtable is closed: it is read-only.',
    });
    const program = new Uint8Array(2048);
    program.set([0x4d, 0x5a, 0x90, 0x00]); // "MZ": a Windows executable, whatever the name says
    expect(await services.roomDocuments.upload(people.peru, roomId, {}, file('report.pdf', program))).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { file: [expect.stringContaining('This file is a program')] },
    });
    const oversize = new Uint8Array(MAX + 1).fill(0x41);
    oversize.set(makePdf('big').subarray(0, 8));
    expect(await services.roomDocuments.upload(people.peru, roomId, {}, file('big.pdf', oversize))).toMatchObject({
      ok: false,
      kind: 'too_large',
      message: expect.stringContaining('larger than 8 KB'),
    });
    expect(await services.roomDocuments.upload(people.peru, roomId, { title: 'x'.repeat(201) }, pdf())).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { title: ['Keep the title under 200 characters.'] },
    });
    expect(store.keys().length).toBe(keys);
    expect((await handle.db.select().from(roundtableDocuments)).length).toBe(rows);
  });

  it('lets the uploader and moderators remove, nobody else; a removed file is 404 and its bytes are gone', async () => {
    const first = await services.roomDocuments.upload(people.peru, roomId, {}, pdf('one'));
    const second = await services.roomDocuments.upload(people.peru, roomId, {}, pdf('two'));
    if (!first.ok || !second.ok) throw new Error('not shared');
    // The minutes' transcript lists a shared file by name and its address in Minka, until it is removed.
    const listed = `minutes.pdf (/roundtables/${roomId}/documents/${first.value.id})`;
    const before = await services.roundtables.transcript(people.oas, roomId);
    expect(before.ok && before.value).toContain(listed);
    // A participant of another organization, and a colleague of the uploader, may not.
    expect(await services.roomDocuments.remove(people.oas, roomId, first.value.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: 'Only a moderator or the person who shared this document can remove it.',
    });
    expect(await services.roomDocuments.remove(people.peruDelegate, roomId, first.value.id)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    changed.length = 0;
    expect(await services.roomDocuments.remove(people.peru, roomId, first.value.id)).toMatchObject({
      ok: true,
      value: { removedBy: people.peru.userId },
    });
    expect(changed).toEqual([{ roundtableId: roomId, what: 'documents' }]);
    expect(await services.roomDocuments.remove(people.secretariat, roomId, second.value.id)).toMatchObject({
      ok: true,
      value: { removedBy: people.secretariat.userId },
    });
    for (const gone of [first.value, second.value]) {
      expect(await services.roomDocuments.download(people.peru, roomId, gone.id)).toMatchObject({
        ok: false,
        kind: 'not_found',
      });
      expect(await services.roomDocuments.remove(people.secretariat, roomId, gone.id)).toMatchObject({
        ok: false,
        kind: 'not_found',
      });
      expect(store.keys()).not.toContain(gone.storageKey);
    }
    const snapshot = await services.roundtables.snapshot(people.peru, roomId);
    if (!snapshot.ok) throw new Error(snapshot.message);
    expect(snapshot.value.documents.map((d) => d.id)).not.toContain(first.value.id);
    const after = await services.roundtables.transcript(people.oas, roomId);
    expect(after.ok && after.value).not.toContain(listed);
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'roundtable.document_removed'), eq(auditLog.subjectId, first.value.id)));
    expect(audit).toMatchObject({
      actorUserId: people.peru.userId,
      data: { fileName: 'minutes.pdf', sha256: first.value.sha256 },
    });
  });

  it('a link is no file: it is listed, has no download, and the uploader of a link may remove it', async () => {
    const links = await services.roundtables.shareDocument(people.oas, roomId, {
      title: 'OAS model law',
      url: 'https://www.oas.org/model-law',
    });
    if (!links.ok) throw new Error(links.message);
    const link = links.value.find((d) => d.url === 'https://www.oas.org/model-law')!;
    expect(link).toMatchObject({ storageKey: null, fileName: null });
    expect(await services.roomDocuments.download(people.oas, roomId, link.id)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await services.roomDocuments.remove(people.oas, roomId, link.id)).toMatchObject({ ok: true });
  });

  it('refuses a file that was streaming in while the Secretariat closed the room, and keeps nothing', async () => {
    const created = await services.roundtables.create(people.secretariat, {
      title: 'Closing while uploading',
      kind: 'working_roundtable',
      organizationIds: [await orgId('PE')],
    });
    if (!created.ok) throw new Error(created.message);
    const room = created.value.id;
    const bytes = makePdf('Minutes drafted as the room closed');
    async function* slowUpload() {
      yield bytes.slice(0, 16);
      const closed = await services.roundtables.setStatus(people.secretariat, room, 'closed');
      if (!closed.ok) throw new Error(closed.message);
      yield bytes.slice(16);
    }
    expect(
      await services.roomDocuments.upload(people.peru, room, {}, { fileName: 'late.pdf', data: slowUpload() }),
    ).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/closed/) });
    expect(
      await handle.db.select().from(roundtableDocuments).where(eq(roundtableDocuments.roundtableId, room)),
    ).toEqual([]);
  });

  it('the database refuses a row that is both a link and a file, or neither', async () => {
    await expect(
      handle.db
        .insert(roundtableDocuments)
        .values({ roundtableId: roomId, title: 'Both', url: 'https://example.org', storageKey: 'ab/x' }),
    ).rejects.toThrow();
    await expect(
      handle.db.insert(roundtableDocuments).values({ roundtableId: roomId, title: 'Neither' }),
    ).rejects.toThrow();
  });
});
