import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as summaryCsvLoader } from '../../app/routes/initiatives.summary.$year.export[.]csv';
import { loader as summaryLoader } from '../../app/routes/initiatives.summary.$year';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createTestDatabase } from '../db';
import { createActor } from '../factories';
import { routeContext } from './language';

/*
 * The yearly summary of initiatives and outcomes (issue 19): counts by section and by form for the report to the
 * Summit, as a page and as CSV, called as Remix calls them. The canary: an unpublished initiative, an outcome not
 * published and a published outcome a participant asked to withhold are neither counted nor shown.
 */
let handle: DatabaseHandle;
let services: Services;
const clock = new Date('2027-03-01T12:00:00Z');
const people = {} as Record<'secretariat' | 'peru' | 'oas', Actor>;
const ids = {} as Record<'peru' | 'oas', string>;

const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const orgId = async (code: string) =>
  (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
const args = (year: string, query = '') => ({
  request: new Request(`http://localhost/initiatives/summary/${year}${query}`),
  params: { year },
  context: routeContext(services, null),
});
const csvArgs = (year: string, query = '') => ({
  request: new Request(`http://localhost/initiatives/summary/${year}/export.csv${query}`),
  params: { year },
  context: routeContext(services, null),
});
const counts = (rows: Array<{ key: string; n: number }>) => Object.fromEntries(rows.map((r) => [r.key, r.n]));

async function initiative(input: {
  title: string;
  forms: string[];
  mandates: number[];
  startsOn?: string;
  publish?: boolean;
  status?: Array<'in_progress' | 'completed'>;
}) {
  const created = must(
    await services.initiatives.create(people.secretariat, {
      title: input.title,
      summary: `Summary of ${input.title}.`,
      forms: input.forms,
      startsOn: input.startsOn,
      mandates: input.mandates,
      participants: [
        { organizationId: ids.peru, role: 'requesting' },
        { organizationId: ids.oas, role: 'providing' },
      ],
    }),
  );
  for (const status of input.status ?? [])
    must(await services.initiatives.setStatus(people.secretariat, created.id, status));
  if (input.publish !== false) must(await services.initiatives.setPublished(people.secretariat, created.id, true));
  return created;
}

async function outcome(initiativeId: string, text: string, endedOn: string, publish: boolean) {
  const logged = must(
    await services.initiatives.logOutcome(people.secretariat, initiativeId, {
      text,
      endedOn,
      figures: 'Officials trained: 120',
    }),
  );
  must(await services.initiatives.agreeOutcome(people.peru, logged.id));
  must(await services.initiatives.agreeOutcome(people.oas, logged.id));
  if (publish) must(await services.initiatives.publishOutcome(people.secretariat, logged.id));
  return logged;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  services = createServices({ db: handle.db, now: () => clock });
  ids.peru = await orgId('PE');
  ids.oas = await orgId('OAS');
  people.secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  people.peru = await createActor(handle.db, 'state', 'national_coordinator', ids.peru);
  people.oas = await createActor(handle.db, 'jswg', 'jswg_focal_point', ids.oas);

  // 2026: a completed training on mandates of sections A and B, an expert assistance on a mandate with no section.
  const training = await initiative({
    title: 'Summary training',
    forms: ['training', 'videoconference'],
    mandates: [1, 13],
    startsOn: '2026-04-01',
    status: ['in_progress', 'completed'],
  });
  await outcome(training.id, 'Summary outcome: officials trained.', '2026-11-30', true);
  await outcome(training.id, 'SUMMARY-CANARY-OUTCOME not published', '2026-10-01', false);
  const withheld = await outcome(training.id, 'SUMMARY-CANARY-WITHHELD published, then withheld', '2026-06-01', true);
  must(
    await services.initiativeWithholdings.ask(people.peru, training.id, {
      part: 'outcome',
      partId: withheld.seriesId,
      reason: 'Internal figures.',
    }),
  );
  const assistance = await initiative({
    title: 'Summary assistance',
    forms: ['expert_assistance'],
    mandates: [30],
    startsOn: '2026-09-01',
    status: ['in_progress'],
  });
  // Its outcome is dated in 2027: counted in 2027, not 2026.
  await outcome(assistance.id, 'Summary outcome of 2027.', '2027-01-15', true);
  // Never published: counts nowhere.
  await initiative({
    title: 'SUMMARY-CANARY-HIDDEN initiative',
    forms: ['exchange_visit'],
    mandates: [25],
    startsOn: '2026-05-01',
    publish: false,
  });
  // No start date: its year is its publication's (2027).
  await initiative({ title: 'Summary without dates', forms: ['other'], mandates: [2] });
}, 180_000); // a fresh migrated database with the reference data: slow on a shared machine
afterAll(() => handle.close());

describe('/initiatives/summary/:year', () => {
  it('counts the published initiatives of the year and the published outcomes dated in it, by section and by form, in a fixed order', async () => {
    const s = await summaryLoader(args('2026'));
    expect(s.year).toBe(2026);
    expect(s.initiatives.total).toBe(2);
    expect(s.initiatives.items.map((i) => i.title)).toEqual(['Summary assistance', 'Summary training']);
    expect(s.initiatives.bySection).toEqual([
      { key: 'A', n: 1 },
      { key: 'B', n: 1 },
      { key: 'C', n: 0 },
      { key: '—', n: 1 },
    ]);
    expect(s.initiatives.byForm.map((r) => r.key)).toEqual([
      'technical_meeting',
      'working_roundtable',
      'videoconference',
      'exchange_visit',
      'training',
      'expert_assistance',
      'other',
    ]);
    expect(counts(s.initiatives.byForm)).toMatchObject({ training: 1, videoconference: 1, expert_assistance: 1 });
    expect(counts(s.initiatives.byForm).exchange_visit).toBe(0);
    expect(counts(s.initiatives.byStatus)).toEqual({ planned: 0, in_progress: 1, completed: 1, suspended: 0 });
    expect(s.outcomes.total).toBe(1);
    expect(s.outcomes.items).toEqual([
      expect.objectContaining({
        initiativeTitle: 'Summary training',
        on: '2026-11-30',
        text: 'Summary outcome: officials trained.',
        figures: [{ label: 'Officials trained', value: 120 }],
      }),
    ]);
    expect(s.outcomes.bySection).toEqual([
      { key: 'A', n: 1 },
      { key: 'B', n: 1 },
      { key: 'C', n: 0 },
    ]);
    expect(counts(s.outcomes.byForm)).toMatchObject({ training: 1, videoconference: 1, expert_assistance: 0 });
    expect(JSON.stringify(s)).not.toContain('SUMMARY-CANARY');

    const next = await summaryLoader(args('2027'));
    expect(next.initiatives.items.map((i) => i.title)).toEqual(['Summary without dates']);
    expect(next.outcomes.items.map((o) => o.text)).toEqual(['Summary outcome of 2027.']);
    expect(next.outcomes.bySection).toEqual([
      { key: 'A', n: 0 },
      { key: 'B', n: 0 },
      { key: 'C', n: 0 },
      { key: '—', n: 1 },
    ]);
    const empty = await summaryLoader(args('2019'));
    expect([empty.initiatives.total, empty.outcomes.total]).toEqual([0, 0]);
    // The page links only to the years with something published (and this year): a bounded set, never every year.
    expect(s.otherYears).toEqual([2027]);
    expect(empty.otherYears).toEqual([2026, 2027]);
  });

  it('answers 404 for what is not a year', async () => {
    for (const year of ['abc', '1800', '2026.5', '02026', '2026 ', '99999', ''])
      await expect(summaryLoader(args(year)), year).rejects.toMatchObject({ status: 404 });
    for (const year of ['abc', '1800', '2026.5'])
      expect((await summaryCsvLoader(csvArgs(year))).status, year).toBe(404);
  });

  it('as CSV: one quoted (formula-safe) line per count, the byte-order mark for spreadsheets and none with ?headers=machine; nothing unpublished', async () => {
    const response = await summaryCsvLoader(csvArgs('2026'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="minka-initiatives-summary-2026.csv"',
    );
    // Read as bytes: Response.text() drops a leading byte-order mark.
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const machineBytes = new Uint8Array(
      await (await summaryCsvLoader(csvArgs('2026', '?headers=machine'))).arrayBuffer(),
    );
    expect([...machineBytes.slice(0, 4)]).toEqual([...new TextEncoder().encode('year')]); // no mark
    const machine = new TextDecoder().decode(machineBytes);
    // For people the header row is in their language; the rows after it are the machine file's.
    const forPeople = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(forPeople.split('\r\n')[0]).toBe('\uFEFFYear,Counted,Breakdown,Category,Count');
    expect(forPeople.slice(forPeople.indexOf('\r\n'))).toBe(machine.slice(machine.indexOf('\r\n')));
    const inSpanish = await summaryCsvLoader({ ...csvArgs('2026'), context: routeContext(services, null, 'es') });
    expect((await inSpanish.text()).split('\r\n')[0]).toBe('Año,Qué se cuenta,Desglose,Categoría,Cantidad');
    const lines = machine.trimEnd().split('\r\n');
    expect(lines[0]).toBe('year,subject,breakdown,category,count');
    expect(lines).toContain('"2026","initiatives","total","","2"');
    expect(lines).toContain('"2026","initiatives","section","—","1"');
    expect(lines).toContain('"2026","initiatives","form","exchange_visit","0"');
    expect(lines).toContain('"2026","outcomes","total","","1"');
    expect(lines).toContain('"2026","outcomes","form","training","1"');
    // Every cell quoted, as csvCell writes it (a cell starting with = + - @ would be prefixed with a quote).
    for (const line of lines.slice(1)) expect(line).toMatch(/^"[^"]*"(,"[^"]*"){4}$/);
    expect(machine).not.toContain('SUMMARY-CANARY');
    // 1 total + 4 statuses + 4 sections + 7 forms for initiatives; 1 + 3 + 7 for outcomes.
    expect(lines).toHaveLength(1 + 16 + 11);
  });
});
