import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as attendanceCsv } from '../../app/routes/meetings.$id.attendance[.]csv';
import { loader as initiativesCsv } from '../../app/routes/initiatives.export[.]csv';
import { loader as challengesCsv } from '../../app/routes/practices.challenges.$cycleId.export[.]csv';
import { loader as practicesCsv } from '../../app/routes/practices.export[.]csv';
import { loader as recommendationsCsv } from '../../app/routes/recommendations.export[.]csv';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { seedPublishedCycle } from '../registration-fixtures';
import { routeContext, type Lang } from './language';

let handle: DatabaseHandle;
let services: Services;
let cycleId: string;
let meetingId: string;
const people = {} as Record<'secretariat' | 'peru' | 'chile', Actor>;

const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db });
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', await orgId('PE'));
  people.chile = await createActor(handle.db, 'state', 'national_coordinator', await orgId('CL'));
  // A published report on challenges with rows whose cells hold accents and commas: the rows must not change.
  cycleId = (
    await seedPublishedCycle(handle.db, {
      name: 'Ciclo de registro',
      organizationCodes: ['PE', 'CL'],
      mandateNumbers: [3],
      text: ({ organizationCode, question, field }) => `Perú, ${organizationCode} ${question} ${field} "año"`,
    })
  ).cycleId;
  const texts = await services.challenges.saveTexts(people.secretariat, cycleId, { introduction: 'Retos.' });
  if (!texts.ok) throw new Error(texts.message);
  const published = await services.challenges.publish(people.secretariat, cycleId);
  if (!published.ok) throw new Error(published.message);
  // A meeting whose attendance a moderator downloads.
  const room = await services.roundtables.create(people.secretariat, {
    title: 'Integridad judicial',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE'), await orgId('CL')],
  });
  if (!room.ok) throw new Error(room.message);
  const meeting = await services.videoconferences.schedule(people.secretariat, room.value.id, {
    title: 'Primera llamada',
    start: '2030-02-01T10:00',
    timeZone: 'America/Lima',
    durationMinutes: 60,
    agenda: '',
  });
  if (!meeting.ok) throw new Error(meeting.message);
  meetingId = meeting.value.id;
  const marked = await services.videoconferences.markAttendance(people.secretariat, meetingId, people.peru.userId);
  if (!marked.ok) throw new Error(marked.message);
}, 180_000);
afterAll(() => handle.close());

type CsvLoader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

interface Download {
  name: string;
  loader: CsvLoader;
  path: () => string;
  params: () => Record<string, string>;
  actor: () => Actor | null;
  /** The service's own bytes: what `?headers=machine` must give, byte for byte. */
  machine: () => Promise<string>;
  /** The documented (docs/) machine header row. */
  machineHeader: string;
  en: string;
  es: string;
}

const unwrap = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

const downloads: Download[] = [
  {
    name: 'initiatives',
    loader: initiativesCsv as unknown as CsvLoader,
    path: () => '/initiatives/export.csv',
    params: () => ({}),
    actor: () => null,
    machine: () => services.initiativesPublic.exportPublished('csv'),
    machineHeader:
      'id,title,status,forms,starts_on,ends_on,published_at,mandates,participants,outcomes,funding,summary',
    en: 'ID,Title,Status,Forms of cooperation,Starts on,Ends on,Published at (UTC),Mandates,Participants,Outcomes,Funding,Summary',
    es: 'Identificador,Título,Estado,Formas de cooperación,Fecha de inicio,Fecha de fin,Publicado el (UTC),Mandatos,Participantes,Resultados obtenidos,Financiamiento,Resumen',
  },
  {
    name: 'recommendations',
    loader: recommendationsCsv as unknown as CsvLoader,
    path: () => '/recommendations/export.csv',
    params: () => ({}),
    actor: () => null,
    machine: () => services.recommendations.exportPublished('csv'),
    machineHeader:
      'id,organization,organization_name_en,organization_name_es,commitment,mandate,cycle_id,cycle,language,published_at,title,text',
    en: 'ID,Organization,Organization name (English),Organization name (Spanish),Commitment,Mandate,Cycle ID,Cycle,Language,Published at (UTC),Title,Text',
    es: 'Identificador,Organización,Nombre de la organización (inglés),Nombre de la organización (español),Compromiso,Mandato,Identificador del ciclo,Ciclo,Idioma,Publicado el (UTC),Título,Texto',
  },
  {
    name: 'good practices',
    loader: practicesCsv as unknown as CsvLoader,
    path: () => '/practices/export.csv',
    params: () => ({}),
    actor: () => null,
    machine: () => services.practices.exportPublished('csv'),
    machineHeader:
      'id,title,organization,organization_name_en,organization_name_es,organization_kind,commitment,mandates,sections,iacc_subjects,assistance_types,languages,summary,situation,action,innovation,results,assessment,feedback,lessons,transfer,contact_name,contact_email,documents,version,published_at,provisions,provisions_missing_for',
    en: 'ID,Title,Organization,Organization name (English),Organization name (Spanish),Kind of organization,Commitment,Mandates,Sections,Subjects of the Inter-American Convention against Corruption,Types of assistance,Languages,Summary,Situation,Action taken,Innovation,Results,Assessment,Feedback,Lessons learnt,Transfer to another State,Contact name,Contact e-mail,Documents,Version,Published at (UTC),Treaty provisions,Mandates without linked provisions',
    es: 'Identificador,Título,Organización,Nombre de la organización (inglés),Nombre de la organización (español),Tipo de organización,Compromiso,Mandatos,Secciones,Materias de la Convención Interamericana contra la Corrupción,Tipos de asistencia,Idiomas,Resumen,Situación,Acción realizada,Innovación,Resultados,Evaluación,Retroalimentación,Lecciones aprendidas,Transferencia a otro Estado,Nombre de contacto,Correo electrónico de contacto,Documentos,Versión,Publicado el (UTC),Disposiciones de los tratados,Mandatos sin disposiciones vinculadas',
  },
  {
    name: 'the report on challenges',
    loader: challengesCsv as unknown as CsvLoader,
    path: () => `/practices/challenges/${cycleId}/export.csv`,
    params: () => ({ cycleId }),
    actor: () => null,
    machine: async () => unwrap(await services.challenges.export(cycleId, 'csv')),
    machineHeader:
      'row_type,cycle,commitment,mandate,section,organization,organization_name_en,organization_name_es,text,assistance_types,request_id',
    en: 'Row type,Cycle,Commitment,Mandate,Section,Organization,Organization name (English),Organization name (Spanish),Text,Types of assistance,Request ID',
    es: 'Tipo de fila,Ciclo,Compromiso,Mandato,Sección,Organización,Nombre de la organización (inglés),Nombre de la organización (español),Texto,Tipos de asistencia,Identificador de la solicitud',
  },
  {
    name: 'attendance',
    loader: attendanceCsv as unknown as CsvLoader,
    path: () => `/meetings/${meetingId}/attendance.csv`,
    params: () => ({ id: meetingId }),
    actor: () => people.secretariat,
    machine: async () => unwrap(await services.videoconferences.attendanceCsv(people.secretariat, meetingId)).csv,
    machineHeader: 'person,organization,from_utc,to_utc,minutes,recorded',
    en: 'Person,Organization,From (UTC),To (UTC),Minutes,How it was recorded',
    es: 'Persona,Organización,Desde (UTC),Hasta (UTC),Minutos,Cómo se registró',
  },
];

async function download(d: Download, lang: Lang, query = '') {
  const response = (await d.loader({
    request: new Request(`http://localhost${d.path()}${query}`),
    params: d.params(),
    context: routeContext(services, d.actor(), lang),
  })) as Response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

const BOM = [0xef, 0xbb, 0xbf];
const afterHeader = (text: string) => text.slice(text.indexOf('\r\n'));

describe('every CSV download names its columns in the reader’s language (issue 15, item 5)', () => {
  it.each(downloads.map((d) => [d.name, d] as const))(
    '%s: ?headers=machine gives the service’s bytes exactly, the documented snake_case header row and no mark',
    async (_name, d) => {
      for (const lang of ['en', 'es'] as const) {
        const machine = await download(d, lang, '?headers=machine');
        expect(machine.response.status).toBe(200);
        expect(machine.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect([...machine.bytes]).toEqual([...new TextEncoder().encode(await d.machine())]);
        expect(machine.text.split('\r\n')[0]).toBe(d.machineHeader);
        expect(machine.response.headers.get('content-language')).toBeNull();
      }
    },
  );

  it.each(downloads.map((d) => [d.name, d] as const))(
    '%s: for people, a byte-order mark and the header row in English or Spanish; the rows are the machine’s',
    async (_name, d) => {
      const machine = await d.machine();
      for (const lang of ['en', 'es'] as const) {
        const people = await download(d, lang);
        expect(people.response.status).toBe(200);
        expect(people.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(people.response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
        expect(people.response.headers.get('content-language')).toBe(lang);
        expect(people.response.headers.get('vary')).toBe('Accept-Language, Cookie');
        expect([...people.bytes.slice(0, 3)]).toEqual(BOM);
        const text = people.text.slice(1);
        const header = text.split('\r\n')[0];
        expect(header).toBe(d[lang]);
        // As many columns as the machine's, none left in snake_case.
        expect(header.split(',')).toHaveLength(d.machineHeader.split(',').length);
        for (const label of header.split(',')) expect(label).not.toMatch(/^[a-z_]+$/);
        expect(afterHeader(text)).toBe(afterHeader(machine));
      }
    },
  );

  it('the rows carry the data through unchanged, accents and quotes included (the report on challenges)', async () => {
    const es = await download(downloads[3], 'es');
    expect(es.text).toContain('Perú, PE Q4 summary ""año""');
    expect(es.text.split('\r\n').filter((l) => l.startsWith('"challenge"'))).toHaveLength(2);
  });

  it('attendance: the Cache-Control of a private download is kept in both forms', async () => {
    for (const query of ['', '?headers=machine']) {
      const { response, text } = await download(downloads[4], 'es', query);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(text).toMatch(new RegExp(`\r\n"${people.peru.displayName}","Peru",.*"manual"\r\n$`));
    }
  });

  it('attendance: a State’s coordinator who does not moderate the room is refused in any language and form', async () => {
    for (const [lang, query] of [
      ['en', ''],
      ['es', '?headers=machine'],
    ] as const) {
      const refused = await downloads[4]
        .loader({
          request: new Request(`http://localhost/meetings/${meetingId}/attendance.csv${query}`),
          params: { id: meetingId },
          context: routeContext(services, people.peru, lang),
        })
        .then(
          () => null,
          (thrown: unknown) => thrown,
        );
      expect(refused).toBeInstanceOf(Response);
      expect((refused as Response).status).toBe(403);
    }
  });

  it('the report on challenges: an unknown or unpublished cycle is 404 in either form', async () => {
    for (const query of ['', '?headers=machine']) {
      const response = (await challengesCsv({
        request: new Request(`http://localhost/practices/challenges/nope/export.csv${query}`),
        params: { cycleId: '00000000-0000-4000-8000-000000000000' },
        context: routeContext(services, null, 'es'),
      } as never)) as Response;
      expect(response.status).toBe(404);
    }
  });
});
