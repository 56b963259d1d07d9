import { asc, count, eq, sql } from 'drizzle-orm';
import type { Catalogue, CatalogueFormat } from './file-format/format';
import type { Database } from '../../db/client';
import {
  commitments,
  indicators,
  mandateProvisions,
  mandates,
  sections,
  treatyProvisions,
  type SectionCertainty,
  type TextStatus,
  type TopicConfidence,
  type Treaty,
} from '../../db/schema';
import type { Viewer } from '../actor';
import type { DomainEventBus } from '../events';
import { notFound, ok, type Outcome } from '../outcome';
import {
  changedAnything,
  importCatalogue,
  importCatalogueText,
  type ImportOptions,
  type ImportReport,
} from './import.server';

/**
 * The public read side of the catalogue. It changes only on import and is on every mandate page (benchmarked:
 * on PGlite each query costs about 1.4 ms, serialised), so each commitment is loaded once and kept in memory.
 * Imports through this service drop the cache at once; `maxAgeMs` bounds staleness after imports made elsewhere
 * (the CLI against PostgreSQL, another server instance), which this process cannot hear about.
 */
export interface CommitmentSummary {
  id: string;
  code: string;
  titleEn: string;
  titleEs: string | null;
  summit: string | null;
  summitEs: string | null;
  documentSymbol: string | null;
  adoptedOn: string | null;
  /** How many mandates the official document has. */
  mandateCount: number | null;
  /** How many of them the catalogue holds (with or without text). */
  mandatesImported: number;
}

export interface CommitmentView extends Omit<CommitmentSummary, 'mandatesImported'> {
  note: string | null;
}

export interface IndicatorView {
  id: string;
  code: string;
  position: number;
  textEn: string | null;
  textEs: string | null;
}

export interface ProvisionView {
  id: string;
  treaty: Treaty;
  reference: string;
  titleEn: string | null;
  titleEs: string | null;
}

/**
 * A short topic in our own words: a summary, NOT the official text, which the UI must label as such with its
 * confidence. The official text takes precedence, per language: `en` is null when the English official text is
 * verified, `es` when the Spanish one is, and the whole topic is null when neither language still needs it.
 */
export interface TopicView {
  en: string | null;
  es: string | null;
  confidence: TopicConfidence;
  sources: readonly string[];
}

/** A paragraph found for a section whose number is not established (a summary, not the official text). */
export interface UnplacedTopicView {
  sectionCode: string | null;
  en: string | null;
  es: string | null;
  /** Why it is placed in the section, in English as the research says it. */
  note: string | null;
  sources: readonly string[];
}

export interface MandateView {
  id: string;
  number: number;
  sectionCode: string | null;
  sectionCertainty: SectionCertainty;
  textEn: string | null;
  textEs: string | null;
  textStatusEn: TextStatus;
  textStatusEs: TextStatus;
  /** Context that is not official wording; the UI must label it so. */
  note: string | null;
  /** The same note in Spanish, where the catalogue gives one. */
  noteEs: string | null;
  sources: readonly string[];
  topic: TopicView | null;
  /** Where the topic and the section placement come from (research, not the official text); kept without a topic. */
  researchSources: readonly string[];
  indicators: readonly IndicatorView[];
  provisions: readonly ProvisionView[];
}

export interface SectionView {
  id: string;
  code: string;
  position: number;
  titleEn: string | null;
  titleEs: string | null;
  note: string | null;
  noteEs: string | null;
  mandates: readonly MandateView[];
  /** Paragraphs found for this section whose numbers are not established. */
  unplacedTopics: readonly UnplacedTopicView[];
}

export interface CatalogueView {
  commitment: CommitmentView;
  sections: readonly SectionView[];
  /** Mandates whose section is not known, by number. */
  unsectioned: readonly MandateView[];
  /** Paragraphs found whose section and number are both not established. */
  unsectionedTopics: readonly UnplacedTopicView[];
  /** Every mandate by number (the same objects as above), for flat lists and look-ups. */
  mandates: readonly MandateView[];
}

export interface MandateDetail {
  commitment: CommitmentView;
  section: Omit<SectionView, 'mandates' | 'unplacedTopics'> | null;
  mandate: MandateView;
}

export interface CatalogueServiceOptions {
  /** Imports announce `catalogue.changed`; the service also listens, so other in-process writers can invalidate it. */
  events?: DomainEventBus;
  /** Reload a cached commitment after this long even without a local import; Infinity to never. */
  maxAgeMs?: number;
  now?: () => number;
}

interface Cached<T> {
  value: Promise<T>;
  loadedAt: number;
}

export function createCatalogueService(db: Database, options: CatalogueServiceOptions = {}) {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const catalogues = new Map<string, Cached<CatalogueView | null>>();
  let commitmentList: Cached<CommitmentSummary[]> | null = null;

  const fresh = <T>(entry: Cached<T> | null | undefined): entry is Cached<T> =>
    !!entry && now() - entry.loadedAt < maxAgeMs;

  function invalidate() {
    catalogues.clear();
    commitmentList = null;
  }
  // On every node (decision 033): an import through another node of a cluster drops this node's copy at once.
  options.events?.onEveryNode('catalogue.changed', invalidate);

  /** Any successful import drops the cache; one that changed something is also announced to other modules. */
  function afterImport(result: Outcome<ImportReport>) {
    if (!result.ok || result.value.dryRun) return;
    invalidate();
    if (changedAnything(result.value))
      options.events?.emit('catalogue.changed', { commitmentCode: result.value.commitmentCode });
  }

  // The promise itself is cached, so concurrent first requests share one load. A load that fails is forgotten,
  // but only if it is still the cached one (an import may have invalidated it meanwhile).
  async function listCommitments(): Promise<CommitmentSummary[]> {
    if (fresh(commitmentList)) return commitmentList.value;
    const entry = { value: loadCommitments(db), loadedAt: now() };
    commitmentList = entry;
    try {
      return await entry.value;
    } catch (error) {
      if (commitmentList === entry) commitmentList = null;
      throw error;
    }
  }

  async function loadView(code: string): Promise<CatalogueView | null> {
    const cached = catalogues.get(code);
    if (fresh(cached)) return cached.value;
    const entry = { value: loadCatalogue(db, code), loadedAt: now() };
    catalogues.set(code, entry);
    const forget = () => {
      if (catalogues.get(code) === entry) catalogues.delete(code);
    };
    try {
      const view = await entry.value;
      // A code that does not exist is not kept: it may be imported next, and bots must not fill the map.
      if (view === null) forget();
      return view;
    } catch (error) {
      forget();
      throw error;
    }
  }

  return {
    listCommitments,

    /** The commitment with its sections and mandates; without a code, the most recently adopted commitment. */
    async getCatalogue(commitmentCode?: string): Promise<Outcome<CatalogueView>> {
      const code = commitmentCode ?? (await listCommitments())[0]?.code;
      const view = code ? await loadView(code) : null;
      return view
        ? ok(view)
        : notFound(code ? `No commitment with code ${code}.` : 'No commitment has been imported yet.');
    },

    async getMandate(commitmentCode: string, number: number): Promise<Outcome<MandateDetail>> {
      const view = await loadView(commitmentCode);
      if (!view) return notFound(`No commitment with code ${commitmentCode}.`);
      const mandate = view.mandates.find((m) => m.number === number);
      if (!mandate) return notFound(`${view.commitment.titleEn} has no mandate ${number} in the catalogue.`);
      const found = view.sections.find((s) => s.code === mandate.sectionCode);
      const section = found
        ? {
            id: found.id,
            code: found.code,
            position: found.position,
            titleEn: found.titleEn,
            titleEs: found.titleEs,
            note: found.note,
            noteEs: found.noteEs,
          }
        : null;
      return ok({ commitment: view.commitment, section, mandate });
    },

    async importCatalogue(
      viewer: Viewer,
      catalogue: Catalogue,
      importOptions: ImportOptions = {},
    ): Promise<Outcome<ImportReport>> {
      const result = await importCatalogue(db, viewer, catalogue, importOptions);
      afterImport(result);
      return result;
    },

    async importCatalogueText(
      viewer: Viewer,
      text: string,
      format: CatalogueFormat,
      importOptions: ImportOptions = {},
    ): Promise<Outcome<ImportReport>> {
      const result = await importCatalogueText(db, viewer, text, format, importOptions);
      afterImport(result);
      return result;
    },

    /** For writers outside this service (e.g. a future catalogue editor) to drop what is cached. */
    invalidate,
  };
}
export type CatalogueService = ReturnType<typeof createCatalogueService>;

const commitmentColumns = {
  id: commitments.id,
  code: commitments.code,
  titleEn: commitments.titleEn,
  titleEs: commitments.titleEs,
  summit: commitments.summit,
  summitEs: commitments.summitEs,
  documentSymbol: commitments.documentSymbol,
  adoptedOn: commitments.adoptedOn,
  mandateCount: commitments.mandateCount,
};

async function loadCommitments(db: Database): Promise<CommitmentSummary[]> {
  return db
    .select({ ...commitmentColumns, mandatesImported: count(mandates.id) })
    .from(commitments)
    .leftJoin(mandates, eq(mandates.commitmentId, commitments.id))
    .groupBy(commitments.id)
    .orderBy(sql`${commitments.adoptedOn} desc nulls last`, asc(commitments.code));
}

async function loadCatalogue(db: Database, code: string): Promise<CatalogueView | null> {
  const [found] = await db
    .select({ ...commitmentColumns, note: commitments.note, unplacedTopics: commitments.unplacedTopics })
    .from(commitments)
    .where(eq(commitments.code, code));
  if (!found) return null;
  const { unplacedTopics, ...commitment } = found;
  const topics: UnplacedTopicView[] = unplacedTopics.map((t) => ({
    sectionCode: t.section,
    en: t.topicEn,
    es: t.topicEs,
    note: t.note,
    sources: t.topicSources,
  }));

  const [sectionRows, mandateRows, indicatorRows, linkRows] = await Promise.all([
    db
      .select()
      .from(sections)
      .where(eq(sections.commitmentId, commitment.id))
      .orderBy(asc(sections.position), asc(sections.code)),
    db.select().from(mandates).where(eq(mandates.commitmentId, commitment.id)).orderBy(asc(mandates.number)),
    db
      .select({ indicator: indicators })
      .from(indicators)
      .innerJoin(mandates, eq(mandates.id, indicators.mandateId))
      .where(eq(mandates.commitmentId, commitment.id))
      .orderBy(asc(indicators.position), asc(indicators.code)),
    db
      .select({ mandateId: mandateProvisions.mandateId, provision: treatyProvisions })
      .from(mandateProvisions)
      .innerJoin(treatyProvisions, eq(treatyProvisions.id, mandateProvisions.provisionId))
      .innerJoin(mandates, eq(mandates.id, mandateProvisions.mandateId))
      .where(eq(mandates.commitmentId, commitment.id))
      .orderBy(asc(treatyProvisions.treaty), asc(treatyProvisions.reference)),
  ]);

  const group = <T>(rows: T[], key: (row: T) => string) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(key(row));
      if (list) list.push(row);
      else map.set(key(row), [row]);
    }
    return map;
  };
  const indicatorsOf = group(indicatorRows, (r) => r.indicator.mandateId);
  const provisionsOf = group(linkRows, (r) => r.mandateId);
  const sectionCodeOf = new Map(sectionRows.map((s) => [s.id, s.code]));

  const all: MandateView[] = mandateRows.map((m) => ({
    id: m.id,
    number: m.number,
    sectionCode: m.sectionId ? (sectionCodeOf.get(m.sectionId) ?? null) : null,
    sectionCertainty: m.sectionCertainty,
    textEn: m.textEn,
    textEs: m.textEs,
    textStatusEn: m.textStatusEn,
    textStatusEs: m.textStatusEs,
    note: m.note,
    noteEs: m.noteEs,
    sources: m.sources,
    topic: topicView(m),
    researchSources: m.topicSources,
    indicators: (indicatorsOf.get(m.id) ?? []).map(({ indicator: i }) => ({
      id: i.id,
      code: i.code,
      position: i.position,
      textEn: i.textEn,
      textEs: i.textEs,
    })),
    provisions: (provisionsOf.get(m.id) ?? []).map(({ provision: p }) => ({
      id: p.id,
      treaty: p.treaty,
      reference: p.reference,
      titleEn: p.titleEn,
      titleEs: p.titleEs,
    })),
  }));
  const view: CatalogueView = {
    commitment,
    sections: sectionRows.map((s) => ({
      id: s.id,
      code: s.code,
      position: s.position,
      titleEn: s.titleEn,
      titleEs: s.titleEs,
      note: s.note,
      noteEs: s.noteEs,
      mandates: all.filter((m) => m.sectionCode === s.code),
      unplacedTopics: topics.filter((t) => t.sectionCode === s.code),
    })),
    unsectioned: all.filter((m) => m.sectionCode === null),
    // A topic whose section code the commitment does not have (kept from an older import) is not lost either.
    unsectionedTopics: topics.filter(
      (t) => t.sectionCode === null || !sectionRows.some((s) => s.code === t.sectionCode),
    ),
    mandates: all,
  };
  // Every caller shares this object for as long as it is cached: freezing it turns an accidental mutation into an error.
  return deepFreeze(view);
}

/**
 * The precedence of the official text over a topic, in one place: a language whose official text is verified
 * shows that text and never the summary; a partial fragment or a missing text leaves room for the summary.
 */
export function topicView(m: {
  textStatusEn: TextStatus;
  textStatusEs: TextStatus;
  topicEn: string | null;
  topicEs: string | null;
  topicConfidence: TopicConfidence | null;
  topicSources: string[];
}): TopicView | null {
  if (!m.topicConfidence) return null;
  const en = m.textStatusEn === 'verified' ? null : m.topicEn;
  const es = m.textStatusEs === 'verified' ? null : m.topicEs;
  if (en === null && es === null) return null;
  return { en, es, confidence: m.topicConfidence, sources: m.topicSources };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
