/**
 * Random but plausible instances for property tests and the benchmark: descriptions are drawn from
 * per-topic vocabularies in English and Spanish, so text relevance follows the mandates as in real data.
 */
import {
  ASSISTANCE_TYPES,
  type AssistanceRequest,
  type CooperationOffer,
  type Language,
  type Modality,
  type PeerSignal,
  type RequestStatus,
} from '../../matching/types';
import { dayToIso, dayNumber } from '../../matching/validate';
import type { Rng } from './rng';

const TOPICS: ReadonlyArray<{ en: string[]; es: string[] }> = [
  {
    en: ['whistleblower', 'protection', 'retaliation', 'reporting channels', 'anonymous reports'],
    es: ['denunciantes', 'protección', 'represalias', 'canales de denuncia', 'denuncia anónima'],
  },
  {
    en: ['judicial independence', 'selection of judges', 'judicial career', 'courts', 'judicial council'],
    es: [
      'independencia judicial',
      'selección de jueces',
      'carrera judicial',
      'tribunales',
      'consejo de la magistratura',
    ],
  },
  {
    en: ['open data', 'portal', 'datasets', 'machine-readable', 'open government'],
    es: ['datos abiertos', 'portal', 'conjuntos de datos', 'formatos abiertos', 'gobierno abierto'],
  },
  {
    en: ['public procurement', 'e-procurement', 'tenders', 'contracts', 'red flags'],
    es: ['contratación pública', 'compras electrónicas', 'licitaciones', 'contratos', 'banderas rojas'],
  },
  {
    en: ['beneficial ownership', 'registry', 'companies', 'shell companies', 'verification'],
    es: ['beneficiario final', 'registro', 'empresas', 'empresas fachada', 'verificación'],
  },
  {
    en: ['asset recovery', 'confiscation', 'non-conviction based forfeiture', 'seized assets', 'freezing'],
    es: ['recuperación de activos', 'decomiso', 'extinción de dominio', 'bienes incautados', 'congelamiento'],
  },
  {
    en: [
      'mutual legal assistance',
      'central authority',
      'extradition',
      'letters rogatory',
      'joint investigation teams',
    ],
    es: [
      'asistencia judicial recíproca',
      'autoridad central',
      'extradición',
      'exhortos',
      'equipos conjuntos de investigación',
    ],
  },
  {
    en: ['political financing', 'campaign finance', 'political parties', 'electoral authority', 'donations'],
    es: [
      'financiamiento político',
      'financiamiento de campañas',
      'partidos políticos',
      'autoridad electoral',
      'aportes privados',
    ],
  },
  {
    en: ['civic education', 'schools', 'teachers', 'democratic values', 'curriculum'],
    es: ['educación cívica', 'escuelas', 'docentes', 'valores democráticos', 'malla curricular'],
  },
  {
    en: ['asset declarations', 'conflict of interest', 'illicit enrichment', 'public officials', 'verification'],
    es: [
      'declaraciones juradas',
      'conflicto de intereses',
      'enriquecimiento ilícito',
      'funcionarios públicos',
      'verificación',
    ],
  },
  {
    en: [
      'money laundering',
      'financial intelligence unit',
      'suspicious transaction reports',
      'politically exposed persons',
      'risk',
    ],
    es: [
      'lavado de activos',
      'unidad de inteligencia financiera',
      'operaciones sospechosas',
      'personas expuestas políticamente',
      'riesgo',
    ],
  },
  {
    en: [
      'foreign bribery',
      'liability of legal persons',
      'compliance programs',
      'private sector',
      'leniency agreements',
    ],
    es: [
      'soborno transnacional',
      'responsabilidad de las personas jurídicas',
      'programas de cumplimiento',
      'sector privado',
      'acuerdos de lenidad',
    ],
  },
  {
    en: ['access to information', 'information commissioner', 'transparency', 'requests', 'proactive disclosure'],
    es: ['acceso a la información', 'órgano garante', 'transparencia', 'solicitudes', 'transparencia activa'],
  },
  {
    en: ['public works', 'infrastructure', 'social audit', 'citizen oversight', 'monitoring'],
    es: ['obras públicas', 'infraestructura', 'auditoría social', 'veeduría ciudadana', 'monitoreo'],
  },
];

const GENERAL = {
  en: [
    'strengthen',
    'national',
    'framework',
    'training',
    'law',
    'institutional',
    'design',
    'pilot',
    'guidelines',
    'experience',
    'methodology',
    'evaluation',
  ],
  es: [
    'fortalecer',
    'nacional',
    'marco',
    'capacitación',
    'ley',
    'institucional',
    'diseño',
    'piloto',
    'lineamientos',
    'experiencia',
    'metodología',
    'evaluación',
  ],
};

const MODALITIES: readonly Modality[] = ['in_person', 'virtual', 'either'];

export interface GenerateOptions {
  requests: number;
  offers: number;
  /** Number of States (requesters and peers). */
  states?: number;
  /** Highest mandate number (mandates are 1..mandates). */
  mandates?: number;
  /** Peer signals per State. */
  signalsPerState?: number;
  now?: string;
  /** Share of items and fields withheld. */
  withheldRate?: number;
}

export interface Instance {
  requests: AssistanceRequest[];
  offers: CooperationOffer[];
  signals: PeerSignal[];
}

function describe(rng: Rng, topic: number, lang: Language, words: number, typoRate: number): string {
  const t = TOPICS[topic % TOPICS.length];
  const pool = lang === 'es' ? [...t.es, ...GENERAL.es] : [...t.en, ...GENERAL.en];
  const parts: string[] = [];
  for (let i = 0; i < words; i++) {
    let w = rng.pick(pool);
    if (rng.chance(typoRate) && w.length > 6) {
      const at = rng.int(1, w.length - 2);
      w = w.slice(0, at) + w.slice(at + 1);
    }
    parts.push(w);
  }
  return parts.join(' ');
}

function mandatePicker(rng: Rng, mandates: number): (k: number) => number[] {
  // A third of the mandates draw most needs, as some themes (procurement, open data) do in practice.
  const popular = Math.max(1, Math.floor(mandates / 3));
  return (k) => {
    const out = new Set<number>();
    while (out.size < Math.min(k, mandates)) {
      out.add(rng.chance(0.6) ? rng.int(1, popular) : rng.int(1, mandates));
    }
    return [...out];
  };
}

export function generateInstance(rng: Rng, options: GenerateOptions): Instance {
  const states = Array.from({ length: options.states ?? 34 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
  const orgs = ['OAS', 'IDB', 'WB', 'UNDP', 'OECD', 'CAF', 'ECLAC', 'CDB', 'CABEI', 'PAHO'];
  const mandates = options.mandates ?? 57;
  const pickMandates = mandatePicker(rng, mandates);
  const now = dayNumber(options.now ?? '2025-06-01');
  const withheldRate = options.withheldRate ?? 0.03;
  const langs = (): Language[] => {
    const primary: Language = rng.chance(0.55) ? 'es' : rng.chance(0.75) ? 'en' : rng.chance(0.5) ? 'pt' : 'fr';
    const out = new Set<Language>([primary]);
    if (rng.chance(0.4)) out.add(rng.pick(['en', 'es', 'pt', 'fr'] as const));
    return [...out];
  };
  const types = (max: number) => rng.sample(ASSISTANCE_TYPES, rng.int(1, max));

  const requests: AssistanceRequest[] = [];
  for (let i = 0; i < options.requests; i++) {
    const ms = pickMandates(rng.chance(0.6) ? 1 : rng.int(2, 3));
    const ls = langs();
    const start = now + rng.int(-30, 200);
    const status: RequestStatus = rng.chance(0.85)
      ? 'open'
      : rng.pick(['in_brokering', 'matched', 'withdrawn'] as const);
    const r: AssistanceRequest = {
      id: `R${String(i + 1).padStart(5, '0')}`,
      organizationId: rng.pick(states),
      mandates: ms,
      types: types(2),
      description: describe(rng, ms[0], ls[0], rng.int(8, 20), 0.03),
      languages: ls,
      modality: rng.pick(MODALITIES),
      status,
    };
    if (rng.chance(0.5)) r.period = { from: dayToIso(start), to: dayToIso(start + rng.int(30, 300)) };
    const hide = rng.next();
    if (hide < withheldRate) r.withheld = true;
    else if (hide < 2 * withheldRate) r.withheldFields = ['description'];
    requests.push(r);
  }

  const offers: CooperationOffer[] = [];
  for (let i = 0; i < options.offers; i++) {
    const peer = rng.chance(0.3);
    const ms = pickMandates(rng.int(1, 6));
    const ls = langs();
    const capacity = rng.int(0, 6);
    const o: CooperationOffer = {
      id: `O${String(i + 1).padStart(5, '0')}`,
      organizationId: peer ? rng.pick(states) : rng.pick(orgs),
      kind: peer ? 'peer_state' : 'jswg',
      mandates: ms,
      types: types(3),
      description: describe(rng, ms[0], ls[0], rng.int(12, 30), 0.01),
      languages: ls,
      modality: rng.pick(MODALITIES),
      capacity,
      activeMatches: rng.int(0, capacity),
    };
    if (rng.chance(0.3)) o.funding = rng.chance(0.5) ? true : rng.int(10, 500) * 1000;
    if (rng.chance(0.6)) {
      const from = now + rng.int(-400, 120);
      o.validFrom = dayToIso(from);
      o.validTo = dayToIso(from + rng.int(60, 900));
    }
    const hide = rng.next();
    if (hide < withheldRate) o.withheld = true;
    else if (hide < 2 * withheldRate) o.withheldFields = ['description'];
    offers.push(o);
  }

  const signals: PeerSignal[] = [];
  const perState = options.signalsPerState ?? 4;
  // Official languages by position (no draw, so the random sequence stays as it was): a third of the States
  // speak English, a third Spanish, a third gave none (language not judged for them).
  const officialLanguages = (i: number): Language[] | undefined =>
    i % 3 === 0 ? ['en'] : i % 3 === 1 ? ['es'] : undefined;
  for (const [stateIndex, state] of states.entries()) {
    for (let j = 0; j < perState; j++) {
      const m = pickMandates(1)[0];
      const gp = rng.chance(0.4);
      const lang: Language = rng.chance(0.6) ? 'es' : 'en';
      const s: PeerSignal = gp
        ? {
            id: `${state}-gp-${j}`,
            organizationId: state,
            mandate: m,
            kind: 'good_practice',
            text: describe(rng, m, lang, rng.int(6, 14), 0.01),
          }
        : {
            id: `${state}-p-${j}`,
            organizationId: state,
            mandate: m,
            kind: 'progress',
            level: rng.pick(['A', 'B', 'C', 'D'] as const),
          };
      const official = officialLanguages(stateIndex);
      if (official) s.languages = official;
      if (rng.chance(withheldRate)) s.withheld = true;
      signals.push(s);
    }
  }
  return { requests, offers, signals };
}
