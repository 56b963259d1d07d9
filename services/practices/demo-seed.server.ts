import { eq, like } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { practices, users } from '../../db/schema';
import { loadActor } from '../accounts/actors.server';
import type { Actor } from '../actor';
import type { Services } from '../index.server';
import { createPracticesService } from './practices.server';

/**
 * Demo good practices, owned by the practices domain (issue 17): a published base of twelve practices across the
 * sections of the Lima Commitment (written, reviewed in a round that closed and published a month ago), a review
 * round in progress on three more (with a comment from another State), and the report on challenges of the published
 * demo cycle. Every title starts with "(Demo)" and every text says it is an example: nothing here is a State's
 * real practice or official text. Idempotent: it does nothing when demo practices exist.
 */
export const DEMO_PRACTICE_PREFIX = '(Demo)';

interface DemoPractice {
  by: 'pe' | 'co' | 'jm' | 'oas';
  title: string;
  mandates: number[];
  subjects: string[];
  types: string[];
  what: string;
  lang: 'es' | 'en';
}

// Mandates by section in the catalogue: A 1–12, B 13–24, and two not placed in a section (45, 52).
const PUBLISHED: DemoPractice[] = [
  {
    by: 'pe',
    title: 'Registro electrónico de declaraciones juradas',
    mandates: [10],
    subjects: ['asset_disclosure'],
    types: ['data'],
    what: 'un registro electrónico de declaraciones juradas de patrimonio con cruces automáticos',
    lang: 'es',
  },
  {
    by: 'pe',
    title: 'Concurso público por mérito para cargos directivos',
    mandates: [9],
    subjects: ['government_hiring'],
    types: ['institutions'],
    what: 'concursos públicos por mérito con jurados externos para cargos directivos',
    lang: 'es',
  },
  {
    by: 'co',
    title: 'Observatorio ciudadano de contrataciones públicas',
    mandates: [13, 14],
    subjects: ['civil_society_participation', 'procurement'],
    types: ['data', 'capacity_building'],
    what: 'un observatorio ciudadano que sigue las compras públicas con datos abiertos',
    lang: 'es',
  },
  {
    by: 'co',
    title: 'Código de integridad para servidores públicos',
    mandates: [11],
    subjects: ['ethical_rules'],
    types: ['policy_design'],
    what: 'un código de integridad con casos prácticos y una línea de consulta',
    lang: 'es',
  },
  {
    by: 'jm',
    title: 'Integrity compliance programme for suppliers',
    mandates: [12],
    subjects: ['bribery_prevention'],
    types: ['capacity_building'],
    what: 'an integrity compliance programme that suppliers complete before bidding',
    lang: 'en',
  },
  {
    by: 'jm',
    title: 'Open data portal for public spending',
    mandates: [20],
    subjects: ['civil_society_participation'],
    types: ['data'],
    what: 'an open data portal that publishes public spending every month',
    lang: 'en',
  },
  {
    by: 'pe',
    title: 'Autonomía presupuestaria del órgano de control',
    mandates: [15],
    subjects: ['public_resources'],
    types: ['legislative'],
    what: 'reglas que protegen el presupuesto del órgano superior de control',
    lang: 'es',
  },
  {
    by: 'co',
    title: 'Campaña escolar de cultura de la legalidad',
    mandates: [3, 4],
    subjects: ['civil_society_participation'],
    types: ['capacity_building'],
    what: 'una campaña escolar sobre cultura de la legalidad y transparencia',
    lang: 'es',
  },
  {
    by: 'jm',
    title: 'Gender lens in anticorruption risk maps',
    mandates: [7],
    subjects: ['ethical_rules'],
    types: ['policy_design'],
    what: 'a gender lens added to the anticorruption risk maps of public agencies',
    lang: 'en',
  },
  {
    by: 'pe',
    title: 'Plan nacional de gobierno digital y abierto',
    mandates: [14],
    subjects: ['civil_society_participation'],
    types: ['policy_design', 'data'],
    what: 'un plan nacional de gobierno digital y abierto con metas anuales',
    lang: 'es',
  },
  {
    by: 'oas',
    title: 'Peer exchanges on follow-up of anticorruption recommendations',
    mandates: [45],
    subjects: ['mutual_assistance'],
    types: ['international_cooperation'],
    what: 'peer exchanges between States on following up anticorruption recommendations',
    lang: 'en',
  },
  {
    by: 'oas',
    title: 'Technical assistance desk for the Commitment',
    mandates: [52],
    subjects: ['mutual_assistance'],
    types: ['capacity_building', 'international_cooperation'],
    what: 'a technical assistance desk that answers States’ requests on the Commitment',
    lang: 'en',
  },
];

const IN_REVIEW: DemoPractice[] = [
  {
    by: 'co',
    title: 'Canal de denuncias con seguimiento anónimo',
    mandates: [13],
    subjects: ['whistleblower_protection'],
    types: ['institutions'],
    what: 'un canal de denuncias con un código para seguir el caso de forma anónima',
    lang: 'es',
  },
  {
    by: 'jm',
    title: 'Conflict of interest declarations for procurement panels',
    mandates: [10, 12],
    subjects: ['conflict_of_interest', 'procurement'],
    types: ['institutions'],
    what: 'conflict of interest declarations signed by every procurement panel member',
    lang: 'en',
  },
  {
    by: 'pe',
    title: 'Capacitación de oficiales de integridad municipales',
    mandates: [4],
    subjects: ['ethical_rules'],
    types: ['capacity_building'],
    what: 'la capacitación de oficiales de integridad en municipios',
    lang: 'es',
  },
];

function form(p: DemoPractice) {
  const es = p.lang === 'es';
  const example = es ? 'Ejemplo de demostración:' : 'Demo example:';
  return {
    title: `${DEMO_PRACTICE_PREFIX} ${p.title}`,
    summary: es ? `${example} la institución creó ${p.what}.` : `${example} the institution set up ${p.what}.`,
    situation: es
      ? `${example} antes no existía ${p.what}, y los riesgos se detectaban tarde.`
      : `${example} there was no ${p.what.replace(/^an? /, '')}, and risks were found late.`,
    action: es
      ? `${example} se diseñó y puso en marcha ${p.what}, con una fase piloto de seis meses.`
      : `${example} ${p.what} was designed and launched, with a six-month pilot.`,
    innovation: es
      ? `${example} combina datos de varias instituciones.`
      : `${example} it combines data of several institutions.`,
    results: es
      ? `${example} cifras ilustrativas, no reales: más cumplimiento y menos plazos.`
      : `${example} illustrative, not real, figures: more compliance and shorter delays.`,
    assessment: '',
    feedback: '',
    lessons: es ? `${example} empezar por las áreas de mayor riesgo.` : `${example} start with the highest-risk areas.`,
    transfer: es
      ? `${example} requiere registros digitales y un equipo dedicado.`
      : `${example} needs digital registries and a dedicated team.`,
    contactName: es ? 'Oficina de integridad (demo)' : 'Integrity office (demo)',
    contactEmail: `integrity.${p.by}@demo.minka.test`,
    commitment: 'lima-2018',
    mandates: p.mandates.map(String),
    iaccSubjects: p.subjects,
    assistanceTypes: p.types,
    languages: [p.lang],
  };
}

export async function seedDemoPractices(
  db: Database,
  services: Pick<Services, 'challenges' | 'publication'>,
  now: () => Date = () => new Date(),
): Promise<{ published: number; inReview: number; reportCycleId: string | null }> {
  const existing = await db
    .select({ id: practices.id })
    .from(practices)
    .where(like(practices.title, `${DEMO_PRACTICE_PREFIX}%`))
    .limit(1);
  if (existing.length) return { published: 0, inReview: 0, reportCycleId: null };
  const as = async (email: string): Promise<Actor> => {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const actor = user ? await loadActor(db, user.id) : null;
    if (!actor) throw new Error(`Demo practices seed: ${email} is missing.`);
    return actor;
  };
  const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!result.ok) throw new Error(`Demo practices seed: ${result.message}`);
    return result.value;
  };
  const authors = {
    pe: await as('coordinator.pe@demo.minka.test'),
    co: await as('coordinator.co@demo.minka.test'),
    jm: await as('coordinator.jm@demo.minka.test'),
    oas: await as('focal.oas@demo.minka.test'),
  };
  const admin = await as('admin@demo.minka.test');

  // The published base: written and submitted 45 days ago, reviewed in a two-week round, published a month ago.
  const day = 86_400_000;
  let clock = new Date(now().getTime() - 45 * day);
  const past = createPracticesService({ db, now: () => clock });
  const submittedIds: string[] = [];
  for (const p of PUBLISHED) {
    const row = must(await past.create(authors[p.by], form(p)));
    submittedIds.push(must(await past.submit(authors[p.by], row.id)).id);
  }
  const round = must(
    await past.openRound(admin, { name: '(Demo) First review of the good-practice base', practiceIds: submittedIds }),
  );
  clock = new Date(round.closesAt.getTime() + day);
  must(await past.closeRound(admin, round.id));
  const published = must(await past.publishRound(admin, round.id));

  // A round in progress: opened three days ago, closing in eleven; Peru comments on Colombia's entry.
  clock = new Date(now().getTime() - 3 * day);
  const reviewIds: string[] = [];
  for (const p of IN_REVIEW) {
    const row = must(await past.create(authors[p.by], form(p)));
    reviewIds.push(must(await past.submit(authors[p.by], row.id)).id);
  }
  must(await past.openRound(admin, { name: '(Demo) Second review round', practiceIds: reviewIds }));
  clock = now();
  must(
    await past.comment(authors.pe, reviewIds[0], {
      body: '(Demo) ¿Cuánto tiempo tarda la respuesta al denunciante? Sería útil indicarlo en los resultados.',
    }),
  );

  // The report on challenges of the latest published cycle, with a demo introduction, published.
  const cycles = await services.publication.publishedCycles();
  const cycle = cycles.at(-1);
  if (cycle) {
    must(
      await services.challenges.saveTexts(admin, cycle.id, {
        introduction:
          '(Demo) An example introduction by the Summits Secretariat: this report gathers the challenges the States named in their published answers on technical assistance needed, and the open requests for assistance.',
        notes: '(Demo) Example notes: figures count answers, never rank States.',
      }),
    );
    must(await services.challenges.publish(admin, cycle.id));
  }
  return { published: published.published, inReview: reviewIds.length, reportCycleId: cycle?.id ?? null };
}
