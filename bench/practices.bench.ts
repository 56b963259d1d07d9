/**
 * Good-practice search benchmark (npm run bench:practices; issue 17, decision 023). Generates practices with a fixed
 * seed (Spanish and English texts on anticorruption subjects, with invented institution names so the vocabulary
 * grows with the base as a real one does), then searches them with the public base's index
 * (services/practices/search-index.ts) and, in the same run on the same data, with fuse.js configured as the base
 * used it before (FUSE_BASELINE_OPTIONS). Reports p95 per query at 10,000 and 100,000 practices (fuse.js at
 * 10,000 only: one query takes seconds there, see the output), and the recall of our results against fuse.js's
 * top 10 on misspelled queries at 10,000. One JSON line at the end.
 *
 * Timing is per query after one warm-up pass; the queries of the two engines are interleaved (ours, fuse.js, ours…)
 * so a change of load on this shared machine hits both. Index building is reported apart: the service builds the
 * index when the published base changes, not per query.
 */
import os from 'node:os';
import Fuse from 'fuse.js';
import { FUSE_BASELINE_OPTIONS, SearchIndex, normalise, searchFieldsOf } from '../services/practices/search-index';
import type { SearchablePractice } from '../services/practices/search-index';
import { seededRng, type Rng } from '../tests/matching/rng';

const SEED = 20261206;
const SMALL = Number(process.env.BENCH_SMALL ?? 10_000);
const LARGE = Number(process.env.BENCH_LARGE ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 60);
const FUSE_QUERIES = Number(process.env.BENCH_FUSE_QUERIES ?? 20);
const log = (line: string) => console.log(line);
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

const cpus = os.cpus();
log(`practices search benchmark: ${SMALL} and ${LARGE} generated practices, seed ${SEED}`);
log(
  `machine: ${cpus[0]?.model ?? 'unknown cpu'}, ${cpus.length} cores, ${os.platform()} ${os.release()}, node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

// --- Generated practices ------------------------------------------------------------------------------------------
const ES = {
  subjects: [
    'declaraciones juradas de patrimonio',
    'contrataciones públicas',
    'beneficiarios finales',
    'conflictos de intereses',
    'protección de denunciantes',
    'acceso a la información pública',
    'financiamiento de campañas',
    'lavado de activos',
    'recuperación de activos',
    'integridad judicial',
    'participación ciudadana',
    'gobierno abierto',
    'datos abiertos',
    'control interno',
    'auditoría gubernamental',
    'cabildeo',
    'soborno transnacional',
    'servicio civil meritocrático',
    'órganos de control',
    'compras electrónicas',
  ],
  verbs: ['implementó', 'creó', 'fortaleció', 'digitalizó', 'reformó', 'publicó', 'capacitó', 'coordinó', 'evaluó'],
  objects: [
    'un observatorio ciudadano',
    'una plataforma electrónica',
    'un registro público',
    'un sistema de alertas tempranas',
    'una ventanilla única',
    'un protocolo interinstitucional',
    'un programa de capacitación',
    'un tablero de indicadores',
    'una red de oficiales de integridad',
    'un mecanismo de seguimiento',
  ],
  results: [
    'redujo los plazos de tramitación',
    'aumentó el cumplimiento de las obligaciones',
    'permitió detectar irregularidades',
    'mejoró la transparencia presupuestaria',
    'facilitó la cooperación con la fiscalía',
    'incrementó las denuncias ciudadanas',
  ],
  places: ['municipal', 'regional', 'nacional', 'provincial', 'departamental'],
};
const EN = {
  subjects: [
    'asset declarations',
    'public procurement',
    'beneficial ownership',
    'conflicts of interest',
    'whistleblower protection',
    'access to public information',
    'campaign finance',
    'money laundering',
    'asset recovery',
    'judicial integrity',
    'citizen participation',
    'open government',
    'open data',
    'internal control',
    'government audit',
    'lobbying',
    'foreign bribery',
    'merit-based civil service',
    'oversight bodies',
    'electronic purchasing',
  ],
  verbs: ['implemented', 'created', 'strengthened', 'digitised', 'reformed', 'published', 'trained', 'coordinated'],
  objects: [
    'a citizen observatory',
    'an electronic platform',
    'a public registry',
    'an early warning system',
    'a one-stop shop',
    'an inter-agency protocol',
    'a training programme',
    'an indicators dashboard',
    'a network of integrity officers',
    'a follow-up mechanism',
  ],
  results: [
    'shortened processing times',
    'raised compliance with the obligations',
    'helped detect irregularities',
    'improved budget transparency',
    'eased cooperation with prosecutors',
    'increased citizen reports',
  ],
  places: ['municipal', 'regional', 'national', 'provincial', 'federal'],
};
const SYLLABLES = [
  ...['ka', 'lo', 'mi', 'ra', 'te', 'su', 'na', 'pe', 'qui', 'ro', 'ta', 'ne', 'vi', 'cha', 'hua', 'yu'],
  ...['bel', 'dor', 'fin', 'gar', 'lan', 'mon', 'sol', 'ver'],
];

function generate(rng: Rng, n: number): SearchablePractice[] {
  // Invented proper names (institutions, places): about one new word per 2 practices, as a real base keeps adding.
  const names = Array.from({ length: Math.max(50, Math.floor(n / 2)) }, () =>
    Array.from({ length: rng.int(3, 5) }, () => rng.pick(SYLLABLES)).join(''),
  );
  const name = () => {
    const w = rng.pick(names);
    return w[0].toUpperCase() + w.slice(1);
  };
  const orgs = Array.from({ length: 34 }, () => ({ en: `Republic of ${name()}`, es: `República de ${name()}` }));
  return Array.from({ length: n }, () => {
    const L = rng.chance(0.6) ? ES : EN;
    const es = L === ES;
    const subject = rng.pick(L.subjects);
    const object = rng.pick(L.objects);
    const place = rng.pick(L.places);
    const org = rng.pick(orgs);
    const sentence = () =>
      es
        ? `La oficina ${place} de ${name()} ${rng.pick(L.verbs)} ${rng.pick(L.objects)} sobre ${rng.pick(L.subjects)} y ${rng.pick(L.results)}.`
        : `The ${place} office of ${name()} ${rng.pick(L.verbs)} ${rng.pick(L.objects)} on ${rng.pick(L.subjects)} and ${rng.pick(L.results)}.`;
    const paragraph = (min: number, max: number) => Array.from({ length: rng.int(min, max) }, sentence).join(' ');
    return {
      title: es
        ? `${object[0].toUpperCase()}${object.slice(1)} de ${subject} en ${name()}`
        : `${object} for ${subject} in ${name()}`,
      texts: {
        summary: paragraph(1, 2),
        situation: paragraph(1, 2),
        action: paragraph(1, 3),
        innovation: rng.chance(0.5) ? paragraph(1, 1) : '',
        results: paragraph(1, 2),
        lessons: paragraph(1, 1),
        transfer: paragraph(1, 1),
      },
      organizationNameEn: org.en,
      organizationNameEs: org.es,
    };
  });
}

/** A misspelling of a word: one character dropped, doubled, replaced or two swapped, and accents dropped. */
function misspell(rng: Rng, word: string): string {
  const plain = normalise(word);
  const i = rng.int(1, plain.length - 2);
  switch (rng.int(0, 3)) {
    case 0:
      return plain.slice(0, i) + plain.slice(i + 1);
    case 1:
      return plain.slice(0, i) + plain[i] + plain.slice(i);
    case 2:
      return plain.slice(0, i) + rng.pick([...'aeioutnrs']) + plain.slice(i + 1);
    default:
      return plain.slice(0, i) + plain[i + 1] + plain[i] + plain.slice(i + 2);
  }
}

/** Queries of one or two words taken from generated titles and summaries, each word of 6+ letters misspelled. */
function queries(rng: Rng, practices: SearchablePractice[], n: number): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const p = rng.pick(practices);
    const words = `${p.title} ${p.texts.summary}`.split(/[^\p{L}]+/u).filter((w) => w.length >= 6);
    if (words.length < 2) continue;
    const start = rng.int(0, words.length - 2);
    const chosen = rng.chance(0.5) ? [words[start]] : [words[start], words[start + 1]];
    out.push(chosen.map((w) => misspell(rng, w)).join(' '));
  }
  return out;
}

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
}

// --- 10,000: ours beside fuse.js, interleaved; recall against fuse.js's top 10 -------------------------------------
const rng = seededRng(SEED);
const small = generate(rng, SMALL);
const [smallIndex, smallBuildMs] = time(() => new SearchIndex(small.map(searchFieldsOf)));
const [fuse, fuseBuildMs] = time(() => new Fuse(small, FUSE_BASELINE_OPTIONS));
log(
  `${SMALL}: index built in ${round(smallBuildMs, 0)} ms (${smallIndex.vocabularySize} distinct words); fuse.js in ${round(fuseBuildMs, 0)} ms`,
);
const smallQueries = queries(rng, small, QUERIES);
for (const q of smallQueries.slice(0, 5)) {
  smallIndex.search(q);
  fuse.search(q, { limit: 10 });
} // warm-up
const ours10k: number[] = [];
const fuse10k: number[] = [];
let recalled = 0;
let expected = 0;
let recalledFirstPage = 0;
let oursEmpty = 0;
smallQueries.forEach((q, i) => {
  const [ours, ms] = time(() => smallIndex.search(q));
  ours10k.push(ms);
  if (!ours.length) oursEmpty++;
  if (i >= FUSE_QUERIES) return;
  // fuse.js scores every document whatever the limit; the limit only trims the sorted list.
  const [theirs, fms] = time(() => fuse.search(q, { limit: 10 }));
  fuse10k.push(fms);
  const found = new Set(ours.map((h) => h.index));
  const firstPage = new Set(ours.slice(0, 20).map((h) => h.index));
  for (const r of theirs) {
    expected++;
    if (found.has(r.refIndex)) recalled++;
    if (firstPage.has(r.refIndex)) recalledFirstPage++;
  }
});
const recall = expected ? recalled / expected : 1;
log(
  `${SMALL}: ours p95 ${round(p95(ours10k))} ms (median ${round(median(ours10k))}, ${ours10k.length} queries, ${oursEmpty} without results); fuse.js p95 ${round(p95(fuse10k))} ms (median ${round(median(fuse10k))}, ${fuse10k.length} queries)`,
);
log(
  `recall against fuse.js's top 10 on ${fuse10k.length} misspelled queries: ${round(recall, 3)} in our results, ${round(expected ? recalledFirstPage / expected : 1, 3)} on our first page (20); ${expected} fuse.js results`,
);
log(`sample queries: ${smallQueries.slice(0, 6).join(' · ')}`);

// --- 100,000: ours only (fuse.js would take minutes per batch) ------------------------------------------------------
const large = generate(seededRng(SEED + 1), LARGE);
const [largeIndex, largeBuildMs] = time(() => new SearchIndex(large.map(searchFieldsOf)));
log(
  `${LARGE}: index built in ${round(largeBuildMs, 0)} ms (${largeIndex.vocabularySize} distinct words), heap ${round(process.memoryUsage().heapUsed / 2 ** 20, 0)} MiB`,
);
const largeQueries = queries(seededRng(SEED + 2), large, QUERIES);
for (const q of largeQueries.slice(0, 5)) largeIndex.search(q);
const ours100k: number[] = [];
let largeResults = 0;
for (const q of largeQueries) {
  const [hits, ms] = time(() => largeIndex.search(q));
  ours100k.push(ms);
  largeResults += hits.length;
}
log(
  `${LARGE}: ours p95 ${round(p95(ours100k))} ms (median ${round(median(ours100k))}, ${ours100k.length} queries, ${Math.round(largeResults / ours100k.length)} results per query on average)`,
);
const goals = { p95_10k_le_20ms: p95(ours10k) <= 20, recall_ge_0_9: recall >= 0.9 };
log(
  JSON.stringify({
    bench: 'practices',
    seed: SEED,
    p95_ms_10k: round(p95(ours10k)),
    p95_ms_100k: round(p95(ours100k)),
    fuse_p95_ms_10k: round(p95(fuse10k)),
    recall_vs_fuse: round(recall, 3),
    recall_first_page_vs_fuse: round(expected ? recalledFirstPage / expected : 1, 3),
    build_ms_10k: round(smallBuildMs, 0),
    build_ms_100k: round(largeBuildMs, 0),
    queries: ours10k.length,
    fuse_queries: fuse10k.length,
    goals,
  }),
);
