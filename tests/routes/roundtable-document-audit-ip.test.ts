import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as roomAction } from '../../app/routes/roundtables.$id';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, organizations, roundtableDocuments } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { makePdf } from '../../services/storage/pdf';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/*
 * Probe finding: in /admin/audit, `roundtable.document_shared` entries had no IP while other audited actions had it.
 * The room page passes the request's IP (routeContext gives 127.0.0.1); the service now records it, for a file and
 * for a link alike.
 */
let handle: DatabaseHandle;
let services: Services;
let roomId: string;
let peru: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, attachmentMaxBytes: 32 * 1024 });
  const orgId = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  const secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  const room = await services.roundtables.create(secretariat, {
    title: 'Audit room',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('OAS')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
}, 240_000);
afterAll(() => handle?.close());

const post = (body: FormData | URLSearchParams) =>
  roomAction({
    request: new Request(`http://localhost/roundtables/${roomId}`, { method: 'POST', body }),
    params: { id: roomId },
    context: routeContext(services, peru),
  }).catch((r: unknown) => r);

async function auditOf(title: string) {
  const [document] = await handle.db
    .select({ id: roundtableDocuments.id })
    .from(roundtableDocuments)
    .where(and(eq(roundtableDocuments.roundtableId, roomId), eq(roundtableDocuments.title, title)));
  expect(document).toBeDefined();
  return handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'roundtable.document_shared'), eq(auditLog.subjectId, document.id)));
}

describe('a document shared in a room is audited with the IP', () => {
  it('for an uploaded file', async () => {
    const form = new FormData();
    form.append('title', 'Progress report');
    form.append('file', new Blob([new Uint8Array(makePdf('Progress'))]), 'report.pdf');
    expect(((await post(form)) as Response).status).toBe(302);
    const entries = await auditOf('Progress report');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: peru.userId, ip: '127.0.0.1' });
  });

  it('for a link', async () => {
    // A link is an ordinary form (a multipart one is a file).
    await post(new URLSearchParams({ intent: 'document', title: 'Model law', url: 'https://example.org/model-law' }));
    const entries = await auditOf('Model law');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: peru.userId, ip: '127.0.0.1' });
  });
});
