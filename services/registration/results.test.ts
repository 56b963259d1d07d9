import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/query-count';
import type { DatabaseHandle } from '../../db/client';
import { createTestDatabase } from '../../tests/db';
import { seedPublishedCycle } from '../../tests/registration-fixtures';
import { loadReferenceData } from '../catalogue/reference.server';
import { createCatalogueService } from '../catalogue/catalogue.server';
import { DomainEventBus } from '../events';
import { createPublicationService } from './publication.server';
import { createResultsService, type MandateResults } from './results.server';

const CANARY_FIELD = 'canary-r1-withheld-field';
const CANARY_QUESTION = 'canary-r2-withheld-question';
const CANARY_WHOLE = 'canary-r3-withheld-questionnaire';
const CANARY_MANDATE = 'canary-r4-withheld-mandate';
const REFUSED = 'visible-r5-refused-request';

const TEN = ['UY', 'PE', 'AR', 'JM', 'CA', 'OAS', 'BR', 'IDB', 'CL', 'MX'];

let handle: DatabaseHandle;
let results: ReturnType<typeof createResultsService>;
let three: string;
let ten: string;
let unpublished: string;

const value = (outcome: Awaited<ReturnType<typeof results.mandateResults>>): MandateResults => {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value;
};

beforeAll(async () => {
  handle = await createTestDatabase({ countQueries: true });
  await loadReferenceData(handle.db);
  results = createResultsService({ db: handle.db, catalogue: createCatalogueService(handle.db), pageSize: 4 });
  three = (
    await seedPublishedCycle(handle.db, {
      name: 'Three',
      organizationCodes: ['PE', 'CL', 'OAS'],
      mandateNumbers: [5, 6],
    })
  ).cycleId;
  ten = (
    await seedPublishedCycle(handle.db, {
      name: 'Ten',
      organizationCodes: TEN,
      mandateNumbers: [5, 6],
      // Every answer carries the text of what withholds it, so a leak of any of them is visible.
      text: ({ organizationCode, mandate, question, field }) => {
        if (organizationCode === 'MX') return `${CANARY_WHOLE} ${mandate}`;
        if (organizationCode === 'PE' && mandate === 5 && question === 'Q2' && field === 'full') return CANARY_FIELD;
        if (organizationCode === 'CL' && mandate === 5 && question === 'Q3') return CANARY_QUESTION;
        if (organizationCode === 'JM' && mandate === 5) return CANARY_MANDATE;
        if (organizationCode === 'AR' && mandate === 5 && question === 'Q4') return REFUSED;
        return `${organizationCode} ${mandate} ${question} ${field}`;
      },
      withholdings: [
        { organizationCode: 'PE', scope: 'field', mandate: 5, question: 'Q2', field: 'full', decision: 'pending' },
        { organizationCode: 'CL', scope: 'question', mandate: 5, question: 'Q3', decision: 'granted' },
        { organizationCode: 'JM', scope: 'mandate', mandate: 5, decision: 'granted' },
        { organizationCode: 'MX', scope: 'questionnaire', decision: 'pending' },
        { organizationCode: 'AR', scope: 'question', mandate: 5, question: 'Q4', decision: 'refused' },
      ],
    })
  ).cycleId;
  unpublished = (
    await seedPublishedCycle(handle.db, {
      name: 'Not yet',
      organizationCodes: ['PE'],
      mandateNumbers: [5],
      unpublished: true,
    })
  ).cycleId;
});
afterAll(() => handle.close());

describe('mandate results', () => {
  it('costs the same number of statements for 3 organizations as for 10', async () => {
    await results.mandateResults({ cycleId: three, number: 5 }); // the catalogue's in-memory view is loaded once
    const small = await countQueries(() => results.mandateResults({ cycleId: three, number: 5 }));
    const large = await countQueries(() => results.mandateResults({ cycleId: ten, number: 5, page: 2 }));
    expect(value(small.result).organizations).toHaveLength(3);
    expect(value(large.result).organizations).toHaveLength(8);
    expect(small.queries).toBeGreaterThan(0);
    expect(large.queries).toBe(small.queries);
  });

  it('leaves out everything withheld, fields, questions, mandates and whole questionnaires, and keeps what was refused', async () => {
    const pages = [1, 2].map(async (page) => value(await results.mandateResults({ cycleId: ten, number: 5, page })));
    const text = JSON.stringify(await Promise.all(pages));
    for (const canary of [CANARY_FIELD, CANARY_QUESTION, CANARY_MANDATE, CANARY_WHOLE])
      expect(text).not.toContain(canary);
    expect(text).toContain(REFUSED);
    const all = value(await results.mandateResults({ cycleId: ten, number: 5 }));
    expect(all.organizations.map((o) => o.code)).not.toContain('JM');
    expect(all.organizations.map((o) => o.code)).not.toContain('MX');
    // Peru's Q2 stays, with its summary and without the withheld full answer.
    const peru = (await Promise.all(pages)).flatMap((p) => p.answers.items).find((i) => i.organization.code === 'PE')!;
    expect(peru.answers.find((a) => a.question === 'Q2')).toMatchObject({ summary: 'PE 5 Q2 summary', full: '' });
    // The chart counts the Q1 of the eight organizations still shown, and only those.
    expect(Object.values(all.counts).reduce((a, b) => a + b, 0)).toBe(8);
    // Another mandate of the same cycle is untouched by the mandate-level request (only JM's 5 is withheld).
    expect(value(await results.mandateResults({ cycleId: ten, number: 6 })).organizations.map((o) => o.code)).toContain(
      'JM',
    );
  });

  it('lists organizations alphabetically in the reader’s language, never by progress, and pages through them', async () => {
    const en = value(await results.mandateResults({ cycleId: ten, number: 5, lang: 'en' }));
    const names = en.organizations.map((o) => o.nameEn);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(names[0]).toBe('Argentina');
    const es = value(await results.mandateResults({ cycleId: ten, number: 5, lang: 'es' }));
    const namesEs = es.organizations.map((o) => o.nameEs);
    expect(namesEs).toEqual([...namesEs].sort((a, b) => a.localeCompare(b, 'es')));
    expect(namesEs.indexOf('Canadá')).toBeLessThan(namesEs.indexOf('Organización de los Estados Americanos'));
    expect(en.answers).toMatchObject({ page: 1, pageCount: 2, pageSize: 4, total: 8 });
    const second = value(await results.mandateResults({ cycleId: ten, number: 5, page: '2' }));
    expect([...en.answers.items, ...second.answers.items].map((i) => i.organization.code)).toEqual(
      en.organizations.map((o) => o.code),
    );
    // Within an organization, the questions in their own order.
    expect(en.answers.items[0].answers.map((a) => a.question)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']);
  });

  it('is not found for an unknown, malformed or unpublished cycle, an unknown mandate or page', async () => {
    const missing = [
      results.mandateResults({ cycleId: '00000000-0000-4000-8000-000000000000', number: 5 }),
      results.mandateResults({ cycleId: 'not-a-cycle', number: 5 }),
      results.mandateResults({ cycleId: unpublished, number: 5 }),
      results.mandateResults({ cycleId: three, number: 999 }),
      results.mandateResults({ cycleId: three, number: 'five' }),
      results.mandateResults({ cycleId: three, number: 5, page: 2 }),
    ];
    for (const outcome of await Promise.all(missing)) expect(outcome).toMatchObject({ ok: false, kind: 'not_found' });
  });

  it('has an empty state when nobody answered the mandate', async () => {
    const empty = value(await results.mandateResults({ cycleId: three, number: 1 }));
    expect(empty).toMatchObject({
      counts: { A: 0, B: 0, C: 0, D: 0 },
      organizations: [],
      answers: { total: 0, pageCount: 1, items: [] },
    });
    expect(empty.mandate.number).toBe(1);
  });
});

describe('results.changed', () => {
  it('is announced after a publication and after a non-disclosure decision, not after a refused attempt', async () => {
    const events = new DomainEventBus();
    const seen: string[] = [];
    events.on('results.changed', (e) => seen.push(e.reason));
    const publication = createPublicationService({ db: handle.db, now: () => new Date(), events });
    expect((await publication.publishCycle(unpublished)).ok).toBe(true);
    expect((await publication.publishCycle(unpublished)).ok).toBe(false);
    expect(
      await publication.decide(null, '00000000-0000-4000-8000-000000000000', { decision: 'granted' }),
    ).toMatchObject({ ok: false });
    expect(seen).toEqual(['published']);
  });
});
