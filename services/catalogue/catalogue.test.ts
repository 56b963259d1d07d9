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
    // The summit's name in both languages, imported from the reference file into its own columns.
    expect(list.find((c) => c.code === 'lima-2018')).toMatchObject({
      summit: 'VIII Summit of the Americas (Lima, 2018)',
      summitEs: 'VIII Cumbre de las Américas (Lima, 2018)',
    });
  });

  it('returns sections in order with their mandates by number, and the mandates without a section apart', async () => {
    const view = value(await createCatalogueService(handle.db).getCatalogue('lima-2018'));
    expect(view.commitment).toMatchObject({ code: 'lima-2018', mandateCount: 57, adoptedOn: '2018-04-14' });
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    // Sections and unplaced topics as lima_mandate_topics.json establishes them: 9–12 in A, B to 24, C from 25;
    // D and E have no numbered mandate, only topics whose numbers are unknown.
    expect(view.sections.map((s) => [s.code, s.mandates.map((m) => m.number), s.unplacedTopics.length])).toEqual([
      ['A', range(1, 12), 0],
      ['B', range(13, 24), 0],
      ['C', [25], 2],
      ['D', [], 4],
      ['E', [], 7],
      ['F', [], 1],
      ['G', [], 3],
    ]);
    expect(view.sections[0].mandates.slice(8).map((m) => [m.number, m.sectionCertainty])).toEqual([
      [9, 'inferred'],
      [10, 'inferred'],
      [11, 'inferred'],
      [12, 'inferred'],
    ]);
    expect(view.sections[3].unplacedTopics[0]).toMatchObject({
      sectionCode: 'D',
      en: expect.stringMatching(/^Electronic systems/),
      es: expect.stringMatching(/^Sistemas/),
    });
    expect(view.unsectionedTopics.map((t) => t.en)).toEqual([expect.stringMatching(/^Take note of recommendations/)]);
    expect(view.sections[5]).toMatchObject({ code: 'F', titleEn: null });
    expect(view.unsectioned.map((m) => m.number)).toEqual(range(26, 57));
    expect(view.unsectioned.map((m) => m.number)).toEqual(
      [...view.unsectioned.map((m) => m.number)].sort((a, b) => a - b),
    );
    expect(view.mandates).toHaveLength(57);
    expect(view.mandates[44]).toMatchObject({
      number: 45,
      textEn: null,
      textStatusEn: 'missing',
      note: expect.stringContaining('not the official text'),
    });
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
    expect(value(await service.getMandate('lima-2018', 30)).section).toBeNull();
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

describe('topics: summaries, never the official text', () => {
  it('gives a topic with its confidence and sources where the research has one, and none where it says unknown', async () => {
    const view = value(await createCatalogueService(handle.db).getCatalogue('lima-2018'));
    const m = (n: number) => view.mandates[n - 1];
    expect(m(9).topic).toEqual({
      en: 'Transparent, merit-based, equal-opportunity selection of public servants.',
      es: 'Selección transparente de servidores públicos basada en mérito e igualdad de oportunidades.',
      confidence: 'inferred',
      sources: expect.arrayContaining([expect.stringMatching(/^https:\/\/free\.relayto\.com\//)]),
    });
    // The official text stays missing: a topic is not text.
    expect(m(9)).toMatchObject({ textEn: null, textEs: null, textStatusEn: 'missing', textStatusEs: 'missing' });
    expect(m(6).topic).toMatchObject({ confidence: 'verified', en: expect.stringMatching(/^Recognize indigenous/) });
    expect(m(45).topic).toMatchObject({
      confidence: 'inferred',
      sources: [expect.stringMatching(/^Mechanism for Follow-up/)],
    });
    for (const n of [16, 21, 25, 30, 57]) expect(m(n).topic).toBeNull();
    // Sources are recorded: for the topic, and for the section placement even where the topic is unknown (16);
    // where neither is established (30, 57), there is nothing to cite.
    expect(m(16).researchSources.length).toBeGreaterThan(0);
    expect(m(30).researchSources).toEqual([]);
    expect(m(57).researchSources).toEqual([]);
    // 18 topics in the research; mandate 1 has its official text in both languages, so 17 remain to be shown.
    expect(view.mandates.filter((x) => x.topic).map((x) => x.number)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 20, 45, 52,
    ]);
    // The honest count of what still has no official text in English: 52 of 57.
    expect(view.mandates.filter((x) => x.textStatusEn === 'missing')).toHaveLength(52);
  });

  it('lets the official text take precedence, per language, over the topic', async () => {
    const view = value(await createCatalogueService(handle.db).getCatalogue('lima-2018'));
    // 1: official text verified in English and Spanish: no topic at all.
    expect(view.mandates[0].topic).toBeNull();
    // 2: English official text verified, Spanish missing: only the Spanish summary remains.
    expect(view.mandates[1].topic).toMatchObject({
      en: null,
      es: expect.stringMatching(/^Autonomía e independencia judicial/),
      confidence: 'verified',
    });
    // 7: only a fragment of the English text: the summary stays in both languages.
    expect(view.mandates[6].topic).toMatchObject({
      en: expect.stringMatching(/^Gender equity/),
      es: expect.stringMatching(/^Equidad de género/),
    });
  });

  it('an import of the official text replaces the topics: the text shows, the topic goes', async () => {
    const db = await createTestDatabase();
    try {
      const importer = await insertActor(db.db, 'secretariat', 'secretariat_admin', 'SEC-TOPIC');
      const service = createCatalogueService(db.db);
      const lima = limaCatalogue();
      expect((await service.importCatalogue(importer, lima)).ok).toBe(true);
      expect(value(await service.getMandate('lima-2018', 9)).mandate.topic).not.toBeNull();

      // The official text arrives for 9 (as db:import would bring it, in a file that carries no topics) and for 10 in
      // English only, in a file that still carries 10's topic.
      const official = structuredClone(lima);
      const nine = official.mandates[8];
      Object.assign(nine, {
        textEn: 'Official text nine (fixture).',
        textEs: 'Texto oficial nueve (fixture).',
        textStatusEn: 'verified',
        textStatusEs: 'verified',
        topicEn: null,
        topicEs: null,
        topicConfidence: null,
        topicSources: [],
      });
      Object.assign(official.mandates[9], { textEn: 'Official text ten (fixture).', textStatusEn: 'verified' });
      const report = value(await service.importCatalogue(importer, official));
      expect(report.counts.mandates).toEqual({ created: 0, updated: 2, unchanged: 55 });
      // A second import of the same file changes nothing (the unplaced topics compare equal despite jsonb's key order).
      expect(value(await service.importCatalogue(importer, official)).counts).toMatchObject({
        commitment: { unchanged: 1 },
        mandates: { unchanged: 57 },
      });

      const nineAfter = value(await service.getMandate('lima-2018', 9)).mandate;
      expect(nineAfter).toMatchObject({
        textEn: 'Official text nine (fixture).',
        textStatusEn: 'verified',
        topic: null,
      });
      const tenAfter = value(await service.getMandate('lima-2018', 10)).mandate;
      expect(tenAfter.topic).toMatchObject({ en: null, es: expect.stringMatching(/^Prevenir conflictos/) });

      // A file without unplaced topics leaves the commitment with none: the import is the way to replace them all.
      const noTopics = { ...official, unplacedTopics: [] };
      expect(value(await service.importCatalogue(importer, noTopics)).counts.commitment).toMatchObject({ updated: 1 });
      const after = value(await service.getCatalogue('lima-2018'));
      expect(after.sections.flatMap((s) => s.unplacedTopics)).toEqual([]);
      expect(after.unsectionedTopics).toEqual([]);
    } finally {
      await db.close();
    }
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
    expect(value(await service.getCatalogue('test-commitment')).mandates.find((m) => m.number === 3)!.textEn).toBe(
      'Imported elsewhere.',
    );
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
