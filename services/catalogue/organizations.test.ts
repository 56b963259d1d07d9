import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { commitments, organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { importOrganizations } from './organizations.server';
import { loadReferenceData, readReferenceOrganizations } from './reference.server';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

function value<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result.value;
}

describe('the committed organizations file', () => {
  const records = readReferenceOrganizations();

  it('holds the 34 participating States (not Venezuela), the 13 JSWG members and the Secretariat', () => {
    const states = records.filter((r) => r.kind === 'state');
    expect(states).toHaveLength(34);
    expect(states.map((s) => s.code)).not.toContain('VE');
    expect(states.every((s) => /^[A-Z]{2}$/.test(s.code) && s.subregion !== null)).toBe(true);
    expect(states.find((s) => s.code === 'BO')).toMatchObject({ nameEn: 'Bolivia', nameEs: 'Bolivia' });
    expect(states.find((s) => s.code === 'NI')?.note).toContain('does not approve the Lima Commitment');
    expect(states.find((s) => s.code === 'MX')?.subregion).toBe('central_america');
    const jswg = records.filter((r) => r.kind === 'jswg');
    expect(jswg.map((j) => j.code)).toEqual([
      'OAS',
      'IDB',
      'ECLAC',
      'PAHO',
      'World Bank',
      'IICA',
      'CAF',
      'CDB',
      'CABEI',
      'IOM',
      'ILO',
      'UNDP',
      'OECD',
    ]);
    expect(jswg.find((j) => j.code === 'OAS')).toMatchObject({ acronymEs: 'OEA', subregion: null });
    expect(records.filter((r) => r.kind === 'secretariat').map((r) => r.code)).toEqual(['SUMMITS-SECRETARIAT']);
  });
});

describe('importOrganizations', () => {
  it('creates the organizations once, then finds them unchanged', async () => {
    const records = readReferenceOrganizations();
    const first = value(await importOrganizations(handle.db, records));
    expect(first.created).toHaveLength(48);
    const second = value(await importOrganizations(handle.db, records));
    expect(second).toEqual({ created: [], updated: [], unchanged: 48 });
  });

  it('updates a corrected record in place, keeping its id', async () => {
    const [before] = await handle.db.select().from(organizations).where(eq(organizations.code, 'SR'));
    const records = readReferenceOrganizations().map((r) =>
      r.code === 'SR' ? { ...r, nameEs: 'Surinam (corrected)' } : r,
    );
    expect(value(await importOrganizations(handle.db, records))).toEqual({
      created: [],
      updated: ['SR'],
      unchanged: 47,
    });
    const [after] = await handle.db.select().from(organizations).where(eq(organizations.code, 'SR'));
    expect(after).toMatchObject({ id: before.id, nameEs: 'Surinam (corrected)' });
    await importOrganizations(handle.db, readReferenceOrganizations());
  });

  it('refuses invalid records, duplicate codes and a change of kind, writing nothing', async () => {
    const bad = await importOrganizations(handle.db, [
      { kind: 'state', code: 'Peru', nameEn: 'Peru', nameEs: 'Perú' },
      { kind: 'jswg', code: 'X', nameEn: 'X', nameEs: 'X', subregion: 'caribbean' },
    ]);
    expect(bad).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { '0.code': [expect.any(String)], '1.subregion': [expect.any(String)] },
    });

    const twice = await importOrganizations(handle.db, [
      { kind: 'jswg', code: 'NEW', nameEn: 'New', nameEs: 'Nuevo' },
      { kind: 'jswg', code: 'NEW', nameEn: 'New', nameEs: 'Nuevo' },
    ]);
    expect(twice).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { '1.code': [expect.stringContaining('twice')] },
    });

    const kindChange = await importOrganizations(handle.db, [
      { kind: 'jswg', code: 'NEW2', nameEn: 'New', nameEs: 'Nuevo' },
      { kind: 'jswg', code: 'PE', nameEn: 'Peru', nameEs: 'Perú' },
    ]);
    expect(kindChange).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { '1.kind': [expect.stringContaining('cannot change')] },
    });
    expect(await handle.db.select().from(organizations).where(eq(organizations.code, 'NEW2'))).toEqual([]);
  });
});

describe('loadReferenceData', () => {
  it('adds only what is missing and never overwrites', async () => {
    const fresh = await createTestDatabase();
    try {
      expect((await loadReferenceData(fresh.db)).loaded).toEqual(['48 organizations', 'catalogue lima-2018']);
      await fresh.db
        .update(organizations)
        .set({ nameEn: 'Edited by the Secretariat' })
        .where(eq(organizations.code, 'PE'));
      expect((await loadReferenceData(fresh.db)).loaded).toEqual([]);
      const [pe] = await fresh.db.select().from(organizations).where(eq(organizations.code, 'PE'));
      expect(pe.nameEn).toBe('Edited by the Secretariat');
      const [{ n }] = await fresh.db.select({ n: count() }).from(commitments);
      expect(n).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
