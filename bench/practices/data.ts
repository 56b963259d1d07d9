/**
 * The generated practices and misspelled queries of bench/practices.bench.ts (issue 17, decision 023), apart so a
 * profile or a test can use the same data: Spanish and English texts on anticorruption subjects with invented
 * institution names (about one new word per two practices, so the vocabulary grows with the base as a real one
 * does), and queries of one or two words of 6+ letters, each misspelled once, accents dropped.
 */
import { normalise, type SearchablePractice } from '../../services/practices/search-index';
import type { Rng } from '../../tests/matching/rng';

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

export function generate(rng: Rng, n: number): SearchablePractice[] {
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
export function misspell(rng: Rng, word: string): string {
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
export function queries(rng: Rng, practices: SearchablePractice[], n: number): string[] {
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
