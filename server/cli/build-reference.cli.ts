/**
 * Builds the committed reference data from the researched facts in ../shared/reference:
 *   db/reference/lima-commitment.catalogue.json  the Lima Commitment in the catalogue import format
 *   db/reference/organizations.json              the participating States, the JSWG members and the Secretariat
 * Run with `npm run db:reference` (server/cli/build-reference.cli.ts). The output is deterministic, so a rerun shows in `git diff`
 * exactly what changed in the sources. Nothing here fills a gap: where the sources say NOT FOUND the output says
 * missing (null text, status 'missing'). Topics from lima_mandate_topics.json are summaries in our own words: they go
 * to the topic fields with their confidence, never to the text fields, and "unknown" stays unknown.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCatalogue, type CatalogueFile } from '../../services/catalogue/file-format/format';
import { buildOrganizations, type ActorsReference } from './organizations-reference';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const referenceDir = path.resolve(repoRoot, '../shared/reference');
const outDir = path.join(repoRoot, 'db/reference');

interface Paragraph {
  number: number;
  text_en: string | null;
  text_es?: string | null;
  text_fragment_en?: string;
  text_complete: boolean;
  topic?: string;
  topic_from_mechanism_doc?: string;
  sources: string[];
}
interface LimaReference {
  title_en: string;
  title_es: string;
  document_symbol: string;
  date: string;
  paragraph_count: number;
  isbn_summits_secretariat_edition: string;
  sections: Array<{ letter: string; title_en: string | null; title_es: string | null }>;
  paragraphs: Paragraph[];
}
/** ../shared/reference/lima_mandate_topics.json: per mandate, its section and a short topic in our own words. */
type Confidence = 'verified' | 'inferred' | 'unknown';
interface TopicsReference {
  document: { paragraph_count: number };
  sections: Record<string, { paragraphs: [number | null, number | null]; confidence: string; sources: string[] }>;
  mandates: Array<{
    number: number;
    section: string | null;
    section_confidence: Confidence;
    topic_en: string | null;
    topic_es: string | null;
    confidence: Confidence;
    basis: string;
    sources: string[];
  }>;
  unplaced_topics: Array<{
    section: string | null;
    topic_en: string | null;
    topic_es: string | null;
    section_basis: string;
    sources: string[];
  }>;
}
interface MappingReference {
  iacc_reference: { articles: Array<{ article: string; title: string }> };
  uncac_reference: {
    chapters: Array<{ chapter: string; title: string }>;
    articles_named_in_sources: Array<{ article: number; topic: string }>;
  };
}

const read = <T>(name: string): T => JSON.parse(readFileSync(path.join(referenceDir, name), 'utf8')) as T;

/** The Mechanism text is a file of the research folder, meaningless to a reader of the platform: cite it by name. */
const MECHANISM =
  'Mechanism for Follow-up and Implementation of the Lima Commitment (adopted by the SIRG, Lima, 28 November 2018)';
function citation(source: string): string {
  if (source.startsWith('shared/seeds/mechanism.txt')) return MECHANISM;
  // Some entries carry a remark after the URL (e.g. where a stored copy was seen); the link is the URL alone.
  return /^https?:\/\//.test(source) ? source.split(/\s/)[0] : source;
}

/**
 * Section placement follows lima_mandate_topics.json, the newer research: A = 1–12 (9–12 inferred), B = 13–24
 * (inferred), C from 25 (inferred), the rest unknown. Its "verified" (seen under the heading in a copy of the
 * official text) is the catalogue's "stated". Where it says unknown, the mandate has no section.
 */
const CERTAINTY: Record<Confidence, 'stated' | 'inferred' | 'unknown'> = {
  verified: 'stated',
  inferred: 'inferred',
  unknown: 'unknown',
};

/**
 * Context for paragraphs without official text, in English and Spanish. Each says plainly that it is not the
 * Commitment's wording; what it quotes from an English source stays in English, said so in the Spanish note.
 */
function noteFor(p: Paragraph): { en: string; es: string } | null {
  switch (p.number) {
    case 6:
      return {
        en: 'Only the end of this paragraph was found, in an excerpt of the official text; its beginning is missing.',
        es: 'Solo se encontró el final de este párrafo, en un extracto del texto oficial; falta su comienzo.',
      };
    case 7:
      return {
        en: 'Only the opening words of this paragraph were found, in an excerpt of the official text.',
        es: 'Solo se encontraron las primeras palabras de este párrafo, en un extracto del texto oficial.',
      };
    case 20:
      return {
        en:
          `Topic cited by the OAS (not the official text): ${p.topic} ` +
          "The OAS page on that program says it 'arises from the Lima Commitment (Commitment #20)'. " +
          'Section B is inferred: secondary sources describe the open-data program under the transparency section.',
        es:
          `Tema citado por la OEA (no es el texto oficial), en inglés: ${p.topic} ` +
          "La página de la OEA sobre ese programa dice, en inglés, que 'arises from the Lima Commitment (Commitment #20)'. " +
          'La sección B es inferida: fuentes secundarias describen el programa de datos abiertos en la sección de transparencia.',
      };
    case 45:
    case 52: {
      const quote = p.topic_from_mechanism_doc?.replace(/^Cited by the Mechanism: /, '');
      return {
        en: `Topic cited by the Mechanism (not the official text). The Mechanism says: ${quote}`,
        es: `Tema citado por el Mecanismo (no es el texto oficial). El Mecanismo dice, en inglés: ${quote}`,
      };
    }
    default:
      return null;
  }
}

function buildCatalogue(lima: LimaReference, topics: TopicsReference, mapping: MappingReference): CatalogueFile {
  if (lima.paragraph_count !== 57)
    throw new Error(`expected 57 paragraphs in the reference, found ${lima.paragraph_count}`);
  if (topics.document.paragraph_count !== lima.paragraph_count || topics.mandates.length !== lima.paragraph_count)
    throw new Error('lima_mandate_topics.json does not describe the same 57 paragraphs');
  const byNumber = new Map(lima.paragraphs.map((p) => [p.number, p]));
  const topicOf = new Map(topics.mandates.map((t) => [t.number, t]));
  // The two research files must agree where the official text places a paragraph; a contradiction stops the build.
  for (const p of lima.paragraphs) {
    const t = topicOf.get(p.number);
    const stated = (p as { section?: string | null }).section;
    if (stated && t?.section && !stated.startsWith(t.section))
      throw new Error(
        `paragraph ${p.number}: section ${stated} in lima_commitment.json, ${t.section} in lima_mandate_topics.json`,
      );
  }

  const mandates: CatalogueFile['mandates'] = Array.from({ length: lima.paragraph_count }, (_, k) => {
    const number = k + 1;
    const p = byNumber.get(number);
    const t = topicOf.get(number);
    if (!t) throw new Error(`lima_mandate_topics.json has no entry for paragraph ${number}`);
    // "unknown" stays unknown: no section, no topic, even if a text were given.
    const sectionCertainty = t.section ? CERTAINTY[t.section_confidence] : 'unknown';
    const hasTopic = t.confidence !== 'unknown' && (t.topic_en !== null || t.topic_es !== null);
    const textEn = p?.text_complete ? p.text_en : (p?.text_fragment_en ?? null);
    const textEs = p?.text_complete ? (p.text_es ?? null) : null;
    return {
      number,
      section: sectionCertainty === 'unknown' ? null : t.section,
      sectionCertainty,
      textEn,
      textEs,
      textStatusEn:
        textEn === null ? ('missing' as const) : p?.text_complete ? ('verified' as const) : ('partial' as const),
      textStatusEs: textEs === null ? ('missing' as const) : ('verified' as const),
      note: (p && noteFor(p)?.en) ?? null,
      noteEs: (p && noteFor(p)?.es) ?? null,
      sources: p ? [...new Set(p.sources.map(citation))] : [],
      // A summary in our own words, never the official text (the pages label it so, with its confidence).
      topicEn: hasTopic ? t.topic_en : null,
      topicEs: hasTopic ? t.topic_es : null,
      topicConfidence: hasTopic ? (t.confidence as 'verified' | 'inferred') : null,
      // Where the topic and the section placement come from (kept even without a topic: they place the section).
      topicSources: hasTopic || sectionCertainty !== 'unknown' ? [...new Set(t.sources.map(citation))] : [],
    };
  });

  const unplacedTopics = topics.unplaced_topics.map((u) => ({
    section: u.section,
    topicEn: u.topic_en,
    topicEs: u.topic_es,
    // The research's reason for the section, in English as it gives it; the pages say "number not established".
    note: u.section_basis,
    topicSources: [...new Set(u.sources.map(citation))],
  }));
  const withTopic = mandates.filter((m) => m.topicConfidence);
  const countOf = (c: string) => withTopic.filter((m) => m.topicConfidence === c).length;
  const missingEn = mandates.filter((m) => m.textStatusEn === 'missing').length;

  const unplacedNote = {
    en: 'Which paragraph numbers belong to this section is not known. Topics found for it without a number are listed below.',
    es: 'No se sabe qué números de párrafo pertenecen a esta sección. Debajo se listan los temas hallados para ella sin número.',
  };
  const sectionNotes: Record<string, { en: string; es: string }> = {
    A: {
      en: 'Paragraphs 1–12. The start is verified (paragraphs 1–3, 6 and 7 were seen under this heading in a copy of the official text); 9–12 are placed here by inference from a Summits Secretariat publication and news reports.',
      es: 'Párrafos 1 a 12. El comienzo está verificado (los párrafos 1 a 3, 6 y 7 se vieron bajo este título en una copia del texto oficial); 9 a 12 se ubican aquí por inferencia a partir de una publicación de la Secretaría de Cumbres y de notas de prensa.',
    },
    B: {
      en: 'Paragraphs 13–24, inferred: International IDEA reports that this section has 12 actions, and paragraphs 15 and 20 are cited with their numbers as items of this section.',
      es: 'Párrafos 13 a 24, inferido: International IDEA informa que esta sección tiene 12 acciones, y los párrafos 15 y 20 se citan con su número como puntos de esta sección.',
    },
    C: {
      en: 'Starts at paragraph 25, inferred from where section B ends; where it ends is not known. Topics found for it without a number are listed below.',
      es: 'Empieza en el párrafo 25, inferido a partir de dónde termina la sección B; no se sabe dónde termina. Debajo se listan los temas hallados para ella sin número.',
    },
    D: unplacedNote,
    E: unplacedNote,
    F: {
      en: `The English title was not found in any source; only the Spanish title is known. ${unplacedNote.en}`,
      es: `El título en inglés no se encontró en ninguna fuente; solo se conoce el título en español. ${unplacedNote.es}`,
    },
    G: {
      en: "The title was not found in English or Spanish. Spanish news reports describe the seventh theme as follow-up and reports ('seguimiento(s) e informes'); that is a paraphrase, not the title.",
      es: "El título no se encontró ni en inglés ni en español. Notas de prensa en español describen el séptimo tema como seguimiento e informes ('seguimiento(s) e informes'); es una paráfrasis, no el título.",
    },
  };

  const iacc = mapping.iacc_reference.articles.map((a) => ({
    treaty: 'IACC' as const,
    reference: `Article ${a.article}`,
    // The source index repeats "Nature of the Act" for XXVII; its real title is unconfirmed, so it stays unknown.
    titleEn: a.title.startsWith('(') ? null : a.title,
    titleEs: null,
  }));
  const uncacChapters = mapping.uncac_reference.chapters.map((c) => ({
    treaty: 'UNCAC' as const,
    reference: `Chapter ${c.chapter}`,
    titleEn: c.title.startsWith('(') ? null : c.title, // VII and VIII: "(not seen in excerpt)"
    titleEs: null,
  }));
  const uncacArticles = mapping.uncac_reference.articles_named_in_sources.map((a) => ({
    treaty: 'UNCAC' as const,
    reference: `Article ${a.article}`,
    titleEn: a.topic,
    titleEs: null,
  }));

  return {
    commitment: {
      code: 'lima-2018',
      titleEn: lima.title_en,
      titleEs: lima.title_es,
      summit: 'VIII Summit of the Americas (Lima, 2018)',
      // The Summits Secretariat's own Spanish pages call it the "Octava Cumbre de las Américas, convocada en Lima, Perú,
      // los días 13 y 14 de abril de 2018" (cumbre-americas.org/brief/053118_es.htm); the symbol CA-VIII abbreviates it.
      summitEs: 'VIII Cumbre de las Américas (Lima, 2018)',
      documentSymbol: lima.document_symbol,
      adoptedOn: lima.date,
      mandateCount: lima.paragraph_count,
      note:
        'Partial catalogue. The official wording is verified for paragraphs 1–3 (the Spanish text for paragraph 1 only); ' +
        `paragraphs 6 and 7 are fragments; the official text of the other ${missingEn} paragraphs is missing until the official text ` +
        `(Summits Secretariat edition, ISBN ${lima.isbn_summits_secretariat_edition}) is imported. ` +
        `${withTopic.length} paragraphs carry a short topic, a summary in our own words and not the official text ` +
        `(${countOf('verified')} verified, ${countOf('inferred')} inferred); the others have none. ` +
        'Sections follow the same research: A is 1–12, B is 13–24 (inferred), C starts at 25 (inferred); the sections of 26–57 are not known. ' +
        `${unplacedTopics.length} more topics were found whose paragraph numbers are unknown; they are listed under their section (or with no section), not guessed onto a number. ` +
        'The indicators (Annex 1 of the Mechanism) and the mandate-to-IACC/UNCAC table (Annex 2) were not found.',
    },
    sections: lima.sections.map((s, i) => ({
      code: s.letter,
      position: i + 1,
      titleEn: s.title_en,
      titleEs: s.title_es,
      note: sectionNotes[s.letter]?.en ?? null,
      noteEs: sectionNotes[s.letter]?.es ?? null,
    })),
    mandates,
    // Annex 1 (indicators) and Annex 2 (mandate → provision) were not found: nothing to import, nothing invented.
    indicators: [],
    provisions: [...iacc, ...uncacChapters, ...uncacArticles],
    links: [],
    unplacedTopics,
  };
}

function writeJson(name: string, value: unknown) {
  writeFileSync(path.join(outDir, name), `${JSON.stringify(value, null, 2)}\n`);
  console.log(`wrote db/reference/${name}`);
}

const catalogue = buildCatalogue(
  read<LimaReference>('lima_commitment.json'),
  read<TopicsReference>('lima_mandate_topics.json'),
  read<MappingReference>('mapping.json'),
);
// The committed file must pass the importer's own checks; a build that would produce a bad file stops here.
const checked = checkCatalogue(catalogue);
if (!checked.ok) {
  for (const p of checked.problems) console.error(`${p.where}: ${p.message}`);
  process.exit(1);
}
writeJson('lima-commitment.catalogue.json', catalogue);
writeJson('organizations.json', buildOrganizations(read<ActorsReference>('actors.json')));
