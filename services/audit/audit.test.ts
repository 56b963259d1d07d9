import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import type { Actor } from '../actor';
import { createAuditService, writeAudit } from './audit.server';

let handle: DatabaseHandle;
let admin: Actor;
let coordinator: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  admin = await createActor(handle.db, 'secretariat', 'secretariat_admin');
  coordinator = await createActor(handle.db, 'state', 'national_coordinator');
  for (let i = 1; i <= 7; i++)
    await writeAudit(handle.db, {
      action: i % 2 ? 'test.odd' : 'test.even',
      actorUserId: admin.userId,
      subjectType: 'test',
      subjectId: String(i),
      data: { i },
      ip: '192.0.2.1',
    });
});
afterAll(() => handle.close());

describe('the audit trail', () => {
  const audit = () => createAuditService(handle.db);
  const numbers = (page: { entries: Array<{ data: Record<string, unknown> }> }) => page.entries.map((e) => e.data.i);

  it('is the Secretariat’s to read: newest first, a page at a time, and by action', async () => {
    const first = await audit().list(admin, { limit: 3 });
    if (!first.ok) throw new Error(first.message);
    expect(numbers(first.value)).toEqual([7, 6, 5]);
    const second = await audit().list(admin, { limit: 3, before: first.value.nextBefore! });
    if (!second.ok) throw new Error(second.message);
    expect(numbers(second.value)).toEqual([4, 3, 2]);
    const last = await audit().list(admin, { limit: 3, before: second.value.nextBefore! });
    expect(last.ok && numbers(last.value)).toEqual([1]);
    expect(last.ok && last.value.nextBefore).toBeNull();
    const odd = await audit().list(admin, { action: 'test.odd' });
    expect(odd.ok && numbers(odd.value)).toEqual([7, 5, 3, 1]);
    expect(await audit().list(coordinator)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('reads a cursor it cannot use (too large for the database, negative, not a whole number) as no cursor', async () => {
    for (const before of [1e20, Number.MAX_SAFE_INTEGER + 2, -5, 0, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const page = await audit().list(admin, { before, limit: 2 });
      expect(page.ok && numbers(page.value), String(before)).toEqual([7, 6]);
    }
  });
});
