import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { mandates } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import type { Actor } from '../actor';
import { DomainEventBus, type DomainEvents } from '../events';
import { createCatalogueService, type CatalogueView, type MandateView } from './catalogue.server';
import { insertActor, limaCatalogue, testCatalogue } from './test-support';

let handle: DatabaseHandle;
let admin: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  admin = await insertActor(handle.db, 'secretariat', 'secretariat_admin', 'SEC-READ');
  const loader = createCatalogueService(handle.db);
  expect((await loader.importCatalogue(admin, limaCatalogue())).ok).toBe(true);
  expect((await loader.importCatalogue(admin, testCatalogue(1))).ok).toBe(true);
});
afterAll(async () => {
  await handle.close();
});

function value<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result.value;
}

/** Writes behind the service's back, as another process would. */
async function setMandateText(number: number, textEn: string | null) {
  const view = value(await createCatalogueService(handle.db, { maxAgeMs: 0 }).getCatalogue('test-commitment'));
  const id = view.mandates.find((m) => m.number === number)!.id;
  await handle.db.update(mandates).set({ textEn }).where(eq(mandates.id, id));
}

describe('reading the catalogue', () => {
  it('lists commitments, most recently adopted first, with how many mandates each holds', async () => {
    const list = await createCatalogueService(handle.db).listCommitments();
    expect(list.map((c) => [c.code, c.mandateCount, c.mandatesImported])).toEqual([
      ['test-commitment', 5, 3],
      ['lima-2018', 57, 57],
    ]);
  });

  it('returns sections in order with their mandates by number, and the mandates without a section apart', async () => {
    const view = value(await createCatalogueService(handle.db).getCatalogue('lima-2018'));
    expect(view.commitment).toMatchObject({ code: 'lima-2018', mandateCount: 57, adoptedOn: '2018-04-14' });
    expect(view.sections.map((s) => [s.code, s.mandates.map((m) => m.number)])).toEqual([
      ['A', [1, 2, 3, 6, 7]],
      ['B', [20]],
      ['C', []],
      ['D', []],
      ['E', []],
      ['F', []],
      ['G', []],
    ]);
    expect(view.sections[5]).toMatchObject({ code: 'F', titleEn: null });
    expect(view.unsectioned).toHaveLength(51);
    expect(view.unsectioned.map((m) => m.number)).toEqual([...view.unsectioned.map((m) => m.number)].sort((a, b) => a - b));
    expect(view.mandates).toHaveLength(57);
    expect(view.mandates[44]).toMatchObject({ number: 45, textEn: null, textStatusEn: 'missing', note: expect.stringContaining('not the official text') });
  });

  it('attaches indicators and treaty provisions to each mandate', async () => {
    const view = value(await createCatalogueService(handle.db).getCatalogue('test-commitment'));
    const one = view.mandates.find((m) => m.number === 1)!;
    expect(one.indicators.map((i) => i.code)).toEqual(['1.1', '1.2']);
    expect(one.provisions.map((p) => `${p.treaty} ${p.reference}`)).toEqual(['IACC Article III', 'UNCAC Article 13']);
    expect(view.unsectioned.map((m) => m.number)).toEqual([3]);
  });

  it('without a code, serves the most recently adopted commitment; unknown codes are not found', async () => {
    const service = createCatalogueService(handle.db);
    expect(value(await service.getCatalogue()).commitment.code).toBe('test-commitment');
    expect(await service.getCatalogue('nope')).toMatchObject({ ok: false, kind: 'not_found' });
  });

  it('finds one mandate with its section', async () => {
    const service = createCatalogueService(handle.db);
    const detail = value(await service.getMandate('lima-2018', 20));
    expect(detail.mandate).toMatchObject({ number: 20, sectionCertainty: 'inferred' });
    expect(detail.section).toMatchObject({ code: 'B' });
    expect(detail.section).not.toHaveProperty('mandates');
    expect(value(await service.getMandate('lima-2018', 4)).section).toBeNull();
    expect(await service.getMandate('lima-2018', 58)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await service.getMandate('nope', 1)).toMatchObject({ ok: false, kind: 'not_found' });
  });

  it('hands out a frozen object, so no caller can change what the others read', async () => {
    const view = value(await createCatalogueService(handle.db).getCatalogue('lima-2018'));
    expect(() => {
      (view.mandates[0] as { textEn: string | null }).textEn = 'changed';
    }).toThrow(TypeError);
    expect(() => (view.mandates as MandateView[]).pop()).toThrow(TypeError);
  });
});

describe('the cache', () => {
  it('serves the same object until an import through the service drops it', async () => {
    const service = createCatalogueService(handle.db);
    const first = value(await service.getCatalogue('test-commitment'));
    await setMandateText(3, 'Written behind the cache.');
    const second = value(await service.getCatalogue('test-commitment'));
    expect(second).toBe(first);
    expect(second.mandates.find((m) => m.number === 3)!.textEn).toBeNull();

    // A dry run writes nothing and keeps the cache.
    expect((await service.importCatalogue(admin, testCatalogue(1), { dryRun: true })).ok).toBe(true);
    expect(value(await service.getCatalogue('test-commitment'))).toBe(first);

    // The import restores mandate 3 (the file has no text for it) and the service reloads.
    const restored = await service.importCatalogue(admin, testCatalogue(1));
    expect(restored.ok && restored.value.counts.mandates).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const third = value(await service.getCatalogue('test-commitment'));
    expect(third).not.toBe(first);
    expect(third.mandates.find((m) => m.number === 3)!.textEn).toBeNull();
  });

  it('reloads after maxAgeMs, for imports made by another process', async () => {
    let clock = 0;
    const service = createCatalogueService(handle.db, { maxAgeMs: 1_000, now: () => clock });
    const first = value(await service.getCatalogue('test-commitment'));
    await setMandateText(3, 'Imported elsewhere.');
    clock = 999;
    expect(value(await service.getCatalogue('test-commitment'))).toBe(first);
    clock = 1_000;
    expect(value(await service.getCatalogue('test-commitment')).mandates.find((m) => m.number === 3)!.textEn).toBe('Imported elsewhere.');
    await setMandateText(3, null);
  });

  it('announces catalogue.changed after an import that changed something, and drops its cache when it hears it', async () => {
    const events = new DomainEventBus();
    const heard: Array<DomainEvents['catalogue.changed']> = [];
    events.on('catalogue.changed', (e) => heard.push(e));
    const service = createCatalogueService(handle.db, { events });

    expect((await service.importCatalogue(admin, testCatalogue(1))).ok).toBe(true);
    expect(heard).toEqual([]); // nothing changed
    expect((await service.importCatalogue(admin, testCatalogue(2))).ok).toBe(true);
    expect(heard).toEqual([{ commitmentCode: 'test-commitment' }]);

    const cached: CatalogueView = value(await service.getCatalogue('test-commitment'));
    events.emit('catalogue.changed', { commitmentCode: 'test-commitment' });
    expect(value(await service.getCatalogue('test-commitment'))).not.toBe(cached);
  });

  it('shares one load between concurrent first requests', async () => {
    const service = createCatalogueService(handle.db);
    const [a, b] = await Promise.all([service.getCatalogue('lima-2018'), service.getCatalogue('lima-2018')]);
    expect(value(a)).toBe(value(b));
  });
});
