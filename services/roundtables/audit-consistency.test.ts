import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, organizations, roundtableMembers } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices, type Services } from '../index.server';

/*
 * Changes in a room are audited like every other change (issue 14, item 5): sharing a link (it was not audited at
 * all, while a shared file was), and editing a message, muting and removing a member with the audit entry written in
 * the same transaction as the change.
 */
let handle: DatabaseHandle;
let services: Services;
const people = {} as Record<'secretariat' | 'peru' | 'oas', Actor>;
let roomId: string;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const entries = (action: string) => handle.db.select().from(auditLog).where(eq(auditLog.action, action));

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', await orgId('OAS'));
  const room = await services.roundtables.create(people.secretariat, {
    title: 'Audit exchange',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('OAS')],
  });
  if (!room.ok) throw new Error(room.message);
  roomId = room.value.id;
});
afterAll(() => handle.close());

describe('audit of room changes', () => {
  it('records who shared which link in which room; a refused link records nothing', async () => {
    expect(
      await services.roundtables.shareDocument(people.peru, roomId, { title: 'x', url: 'ftp://example.org' }),
    ).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await entries('roundtable.document_shared')).toHaveLength(0);
    const shared = await services.roundtables.shareDocument(people.peru, roomId, {
      title: 'Model law',
      url: 'https://example.org/model-law',
    });
    expect(shared.ok).toBe(true);
    const [entry] = await entries('roundtable.document_shared');
    expect(entry).toMatchObject({
      actorUserId: people.peru.userId,
      organizationId: people.peru.organizationId,
      subjectType: 'roundtable_document',
      data: { roundtableId: roomId, title: 'Model law', url: 'https://example.org/model-law' },
    });
  });

  it('records an edit with the previous words, a mute and a removal, once each', async () => {
    const sent = await services.roundtables.post(people.oas, roomId, {
      clientId: crypto.randomUUID(),
      body: 'First words',
    });
    if (!sent.ok) throw new Error(sent.message);
    expect(await services.roundtables.edit(people.oas, sent.value.message.id, 'Second words')).toMatchObject({
      ok: true,
    });
    expect(await entries('message.edited')).toEqual([
      expect.objectContaining({
        subjectId: String(sent.value.message.id),
        data: expect.objectContaining({ previousBody: 'First words' }),
      }),
    ]);
    expect(await services.roundtables.mute(people.secretariat, roomId, people.oas.userId, 5)).toMatchObject({
      ok: true,
    });
    expect(await entries('roundtable.member_muted')).toHaveLength(1);
    expect(await services.roundtables.removeMember(people.secretariat, roomId, people.oas.userId)).toMatchObject({
      ok: true,
    });
    expect(await services.roundtables.removeMember(people.secretariat, roomId, people.oas.userId)).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await entries('roundtable.member_removed')).toHaveLength(1);
    const [member] = await handle.db
      .select()
      .from(roundtableMembers)
      .where(and(eq(roundtableMembers.roundtableId, roomId), eq(roundtableMembers.userId, people.oas.userId)));
    expect(member.removedAt).not.toBeNull();
  });
});
