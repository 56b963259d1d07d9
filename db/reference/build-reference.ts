/**
 * Builds the committed reference data from the researched facts in ../shared/reference:
 *   db/reference/lima-commitment.catalogue.json  the Lima Commitment in the catalogue import format
 *   db/reference/organizations.json              the participating States, the JSWG members and the Secretariat
 * Run with `npx tsx db/reference/build-reference.ts`. The output is deterministic, so a rerun shows in `git diff`
 * exactly what changed in the sources. Nothing here fills a gap: where the sources say NOT FOUND the output says
 * missing (null text, status 'missing'), and topics that are not official wording go to `note`, labelled as such.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCatalogue, type CatalogueFile } from '../catalogue/format';
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
interface MappingReference {
  iacc_reference: { articles: Array<{ article: string; title: string }> };
  uncac_reference: { chapters: Array<{ chapter: string; title: string }>; articles_named_in_sources: Array<{ article: number; topic: string }> };
}

const read = <T>(name: string): T => JSON.parse(readFileSync(path.join(referenceDir, name), 'utf8')) as T;

/** The Mechanism text is a file of the research folder, meaningless to a reader of the platform: cite it by name. */
const MECHANISM = 'Mechanism for Follow-up and Implementation of the Lima Commitment (adopted by the SIRG, Lima, 28 November 2018)';
function citation(source: string): string {
  if (source.startsWith('shared/seeds/mechanism.txt')) return MECHANISM;
  // Some entries carry a remark after the URL (e.g. where a stored copy was seen); the link is the URL alone.
  return /^https?:\/\//.test(source) ? source.split(/\s/)[0] : source;
}

/**
 * Section placement follows the reference file: A for 1–3, 6, 7 (the official text shows them under heading A);
 * B for 20 is inferred (secondary sources describe the open-data program under the transparency section).
 */
const SECTION_OF: Record<number, { code: string; certainty: 'stated' | 'inferred' }> = {
  1: { code: 'A', certainty: 'stated' },
  2: { code: 'A', certainty: 'stated' },
  3: { code: 'A', certainty: 'stated' },
  6: { code: 'A', certainty: 'stated' },
  7: { code: 'A', certainty: 'stated' },
  20: { code: 'B', certainty: 'inferred' },
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

function buildCatalogue(lima: LimaReference, mapping: MappingReference): CatalogueFile {
  if (lima.paragraph_count !== 57) throw new Error(`expected 57 paragraphs in the reference, found ${lima.paragraph_count}`);
  const byNumber = new Map(lima.paragraphs.map((p) => [p.number, p]));

  const mandates: CatalogueFile['mandates'] = Array.from({ length: lima.paragraph_count }, (_, k) => {
    const number = k + 1;
    const p = byNumber.get(number);
    const placed = SECTION_OF[number];
    const textEn = p?.text_complete ? p.text_en : p?.text_fragment_en ?? null;
    const textEs = p?.text_complete ? p.text_es ?? null : null;
    return {
      number,
      section: placed?.code ?? null,
      sectionCertainty: placed?.certainty ?? 'unknown',
      textEn,
      textEs,
      textStatusEn: textEn === null ? ('missing' as const) : p?.text_complete ? ('verified' as const) : ('partial' as const),
      textStatusEs: textEs === null ? ('missing' as const) : ('verified' as const),
      note: (p && noteFor(p)?.en) ?? null,
      noteEs: (p && noteFor(p)?.es) ?? null,
      sources: p ? [...new Set(p.sources.map(citation))] : [],
    };
  });

  const sectionNotes: Record<string, { en: string; es: string }> = {
    B: { en: 'International IDEA reports that this section has 12 actions.', es: 'International IDEA informa que esta sección tiene 12 acciones.' },
    F: {
      en: 'The English title was not found in any source; only the Spanish title is known.',
      es: 'El título en inglés no se encontró en ninguna fuente; solo se conoce el título en español.',
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
      documentSymbol: lima.document_symbol,
      adoptedOn: lima.date,
      mandateCount: lima.paragraph_count,
      note:
        'Partial catalogue. The official wording is verified for paragraphs 1–3 (the Spanish text for paragraph 1 only); ' +
        'paragraphs 6 and 7 are fragments; 20, 45 and 52 carry a topic note that is not official wording; the other 49 ' +
        `paragraphs are missing until the official text (Summits Secretariat edition, ISBN ${lima.isbn_summits_secretariat_edition}) is imported. ` +
        'Eleven paragraphs were found whose number is unknown; they are left out rather than guessed onto a number. ' +
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
  };
}

function writeJson(name: string, value: unknown) {
  writeFileSync(path.join(outDir, name), `${JSON.stringify(value, null, 2)}\n`);
  console.log(`wrote db/reference/${name}`);
}

const catalogue = buildCatalogue(read<LimaReference>('lima_commitment.json'), read<MappingReference>('mapping.json'));
// The committed file must pass the importer's own checks; a build that would produce a bad file stops here.
const checked = checkCatalogue(catalogue);
if (!checked.ok) {
  for (const p of checked.problems) console.error(`${p.where}: ${p.message}`);
  process.exit(1);
}
writeJson('lima-commitment.catalogue.json', catalogue);
writeJson('organizations.json', buildOrganizations(read<ActorsReference>('actors.json')));
