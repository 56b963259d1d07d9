import { z } from 'zod';
import { INITIATIVE_FORM_VALUES } from '../../db/schema/initiatives';

/*
 * The read-only open-data API of initiatives, /api/v1/initiatives (issue 19 item 2): the field names are the
 * contract. The zod schemas below are the one definition: the OpenAPI document is generated from them
 * (`openApiDocument`) and the route tests parse real responses with them (strict: no field more, none missing), so
 * the document, the code and the responses cannot drift apart. Published data only (services/initiatives/public.server.ts).
 */

const participant = z
  .object({
    organization: z.string().describe('Organization code: ISO 3166 alpha-2 for States, an acronym for JSWG entities'),
    name_en: z.string(),
    name_es: z.string(),
    role: z.enum(['requesting', 'providing', 'co_operating', 'funding']),
  })
  .strict();

const outcome = z
  .object({
    id: z.uuid(),
    version: z.number().int().min(1).describe('A correction is a new version; the latest published one is given'),
    text: z.string(),
    started_on: z.iso.date().nullable(),
    ended_on: z.iso.date().nullable(),
    figures: z.array(z.object({ label: z.string(), value: z.number() }).strict()),
    published_at: z.iso.datetime(),
  })
  .strict();

const funding = z
  .object({
    source: z.string(),
    amount: z.string().describe('Decimal with two places, as text: no rounding by JSON numbers'),
    currency: z.string().length(3).describe('ISO 4217 code'),
  })
  .strict();

export const apiInitiativeSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(['planned', 'in_progress', 'completed', 'suspended']),
    forms: z.array(z.enum(INITIATIVE_FORM_VALUES)),
    starts_on: z.iso.date().nullable(),
    ends_on: z.iso.date().nullable(),
    published_at: z.iso.datetime(),
    mandates: z.array(z.number().int().min(1)).describe('Mandate numbers of the Lima Commitment'),
    participants: z.array(participant),
    outcomes: z
      .array(outcome)
      .describe('Published outcomes only; parts a participant asked not to publish are left out'),
    funding: z.array(funding).describe('Only funding every current participant agreed to publish'),
  })
  .strict();
export type ApiInitiative = z.infer<typeof apiInitiativeSchema>;

/** A page of anything the API lists: the items, where the page stands, and the links to its neighbours. */
export const apiPageSchema = <T extends z.ZodType>(item: T) =>
  z
    .object({
      data: z.array(item),
      meta: z
        .object({
          page: z.number().int().min(1),
          pages: z.number().int().min(1),
          per_page: z.number().int().min(1),
          total: z.number().int().min(0),
        })
        .strict(),
      links: z.object({ self: z.string(), next: z.string().nullable(), prev: z.string().nullable() }).strict(),
    })
    .strict();
export const apiListSchema = apiPageSchema(apiInitiativeSchema);
export type ApiList = z.infer<typeof apiListSchema>;

export const apiErrorSchema = z.object({ error: z.string() }).strict();

const filters = [
  { name: 'mandate', schema: { type: 'integer', minimum: 1 }, description: 'Mandate number' },
  {
    name: 'organization',
    schema: { type: 'string' },
    description: 'Code of a participant organization, e.g. PE or OAS',
  },
  { name: 'form', schema: { type: 'string', enum: [...INITIATIVE_FORM_VALUES] }, description: 'Form of cooperation' },
  {
    name: 'status',
    schema: { type: 'string', enum: ['planned', 'in_progress', 'completed', 'suspended'] },
    description: 'Status',
  },
  { name: 'year', schema: { type: 'integer' }, description: 'Year of the start date, else of publication' },
  { name: 'page', schema: { type: 'integer', minimum: 1 }, description: 'Page, from 1; 20 items a page' },
];

/** The OpenAPI 3.1 document of /api/v1, built from the schemas above. */
export function openApiDocument() {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12' });
  const headers = {
    ETag: { schema: { type: 'string' }, description: 'Send it back in If-None-Match to get 304 when unchanged' },
    'Cache-Control': { schema: { type: 'string' } },
    'Access-Control-Allow-Origin': { schema: { type: 'string' }, description: 'Always *: open to any site' },
  };
  const page = { name: 'page', schema: { type: 'integer', minimum: 1 }, description: 'Page, from 1; 20 items a page' };
  const listPath = (
    path: string,
    summary: string,
    list: string,
    parameters: Array<{ name: string; schema: Record<string, unknown>; description: string }>,
  ) => ({
    [path]: {
      get: {
        summary,
        parameters: [...parameters, page].map((f) => ({ in: 'query', required: false, ...f })),
        responses: {
          '200': {
            description: 'A page',
            headers,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${list}` } } },
          },
          '304': { description: 'Not modified: If-None-Match matched the ETag' },
          '404': {
            description: 'Mandates only: no commitment has this code',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Minka open data',
      version: '1',
      description:
        'Read-only. The mandates of the commitments, the published results of reporting cycles, published cooperation offers and good practices, and published initiatives of the Lima Commitment follow-up with their published outcomes and the funding every participant agreed to publish. No authentication; GET only',
    },
    paths: {
      ...listPath('/api/v1/mandates', 'The mandates of a commitment, by number, 20 a page', 'MandateList', [
        {
          name: 'commitment',
          schema: { type: 'string' },
          description: 'Code of the commitment; without it the most recently adopted one, and 404 for an unknown code',
        },
      ]),
      ...listPath(
        '/api/v1/offers',
        'Published cooperation offers, by organization name then title (never a ranking), 20 a page',
        'OfferList',
        [
          { name: 'mandate', schema: { type: 'integer', minimum: 1 }, description: 'Mandate number' },
          { name: 'type', schema: { type: 'string' }, description: 'Type of assistance' },
          { name: 'organization', schema: { type: 'string' }, description: 'Code of the offering organization' },
          { name: 'kind', schema: { type: 'string', enum: ['jswg', 'peer_state'] }, description: 'Kind of offer' },
        ],
      ),
      ...listPath(
        '/api/v1/practices',
        'Published good practices, as the open-data export gives them, 20 a page',
        'PracticeList',
        [],
      ),
      ...listPath('/api/v1/results', 'Published reporting cycles, in the order they were published', 'CycleList', []),
      '/api/v1/results/{cycleId}': {
        get: {
          summary: 'The published answers of a cycle as the public pages show them (non-disclosure applied), 20 a page',
          parameters: [
            { in: 'path', name: 'cycleId', required: true, schema: { type: 'string', format: 'uuid' } },
            ...[
              { name: 'organization', schema: { type: 'string' }, description: 'Code of the organization' },
              { name: 'mandate', schema: { type: 'integer', minimum: 1 }, description: 'Mandate number' },
              { name: 'question', schema: { type: 'string' }, description: 'Q1 to Q7' },
              page,
            ].map((f) => ({ in: 'query', required: false, ...f })),
          ],
          responses: {
            '200': {
              description: 'A page of answers',
              headers,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ResultList' } } },
            },
            '304': { description: 'Not modified' },
            '404': {
              description: 'No published cycle has this id',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          },
        },
      },
      '/api/v1/initiatives': {
        get: {
          summary: 'Published initiatives, newest first, 20 a page',
          parameters: filters.map((f) => ({ in: 'query', required: false, ...f })),
          responses: {
            '200': {
              description: 'A page of initiatives',
              headers,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/InitiativeList' } } },
            },
            '304': { description: 'Not modified: If-None-Match matched the ETag' },
          },
        },
      },
      '/api/v1/initiatives/{id}': {
        get: {
          summary: 'One published initiative',
          parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': {
              description: 'The initiative',
              headers,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Initiative' } } },
            },
            '304': { description: 'Not modified' },
            '404': {
              description: 'No published initiative has this id',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Initiative: schema(apiInitiativeSchema),
        InitiativeList: schema(apiListSchema),
        Mandate: schema(apiMandateSchema),
        MandateList: schema(apiPageSchema(apiMandateSchema)),
        Offer: schema(apiOfferSchema),
        OfferList: schema(apiPageSchema(apiOfferSchema)),
        Practice: schema(apiPracticeSchema),
        PracticeList: schema(apiPageSchema(apiPracticeSchema)),
        Cycle: schema(apiCycleSchema),
        CycleList: schema(apiPageSchema(apiCycleSchema)),
        Result: schema(apiResultSchema),
        ResultList: schema(apiPageSchema(apiResultSchema)),
        Error: schema(apiErrorSchema),
      },
    },
  };
}

/*
 * The other published data under /api/v1 (issue 19 "open data": mandates, offers, practices): the same contract as
 * initiatives (one zod schema per item, strict; the OpenAPI document generated from them; route tests parse real
 * responses). The routes map what the public pages already read (the catalogue, the directory of offers, the
 * practices' open-data export), so nothing reaches the API that a public page does not show.
 */

export const apiMandateSchema = z
  .object({
    commitment: z.string().describe('Code of the commitment, e.g. LIMA-2018'),
    number: z.number().int().min(1),
    section: z.string().nullable().describe('Code of its section; null where no source places it'),
    section_certainty: z.string().describe('How sure the placement in the section is'),
    text_en: z.string().nullable(),
    text_es: z.string().nullable(),
    text_status_en: z.string(),
    text_status_es: z.string(),
    note_en: z.string().nullable().describe('Context that is not official wording'),
    note_es: z.string().nullable(),
    sources: z.array(z.string()),
  })
  .strict();
export type ApiMandate = z.infer<typeof apiMandateSchema>;

export const apiOfferSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    organization: z.string().describe('Code of the offering organization'),
    organization_name_en: z.string(),
    organization_name_es: z.string(),
    kind: z.enum(['jswg', 'peer_state']),
    mandates: z.array(z.number().int().min(1)),
    types: z.array(z.string()).describe('Types of assistance offered'),
    languages: z.array(z.string()),
    modality: z.string(),
    capacity: z.number().int().min(0).describe('Places the organization declares; not what is left'),
    funding: z.string().nullable(),
    valid_from: z.iso.date().nullable(),
    valid_to: z.iso.date().nullable(),
    published_at: z.iso.datetime().nullable(),
  })
  .strict();
export type ApiOffer = z.infer<typeof apiOfferSchema>;

const practiceText = z.string().describe('Empty when not written');
export const apiPracticeSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    organization: z.string(),
    organization_name_en: z.string(),
    organization_name_es: z.string(),
    organization_kind: z.string(),
    commitment: z.string(),
    mandates: z.array(z.number().int().min(1)),
    sections: z.array(z.string()),
    iacc_subjects: z.array(z.string()),
    assistance_types: z.array(z.string()),
    languages: z.array(z.string()),
    summary: practiceText,
    situation: practiceText,
    action: practiceText,
    innovation: practiceText,
    results: practiceText,
    assessment: practiceText,
    feedback: practiceText,
    lessons: practiceText,
    transfer: practiceText,
    contact_name: z.string().nullable(),
    contact_email: z.string().nullable(),
    documents: z.array(z.string()).describe('Download paths of its public documents'),
    version: z.number().int().min(1),
    published_at: z.string(),
    provisions: z.array(
      z
        .object({
          treaty: z.string(),
          reference: z.string(),
          title_en: z.string(),
          title_es: z.string(),
          mandates: z.array(z.number().int()),
        })
        .strict(),
    ),
    provisions_missing_for: z.array(z.number().int()),
  })
  .strict();
export type ApiPractice = z.infer<typeof apiPracticeSchema>;

export const API_PAGE_SIZE = 20;

export const apiCycleSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    published_at: z.iso.datetime(),
    results: z.string().describe('Path of its results in this API'),
  })
  .strict();
export type ApiCycle = z.infer<typeof apiCycleSchema>;

export const apiResultSchema = z
  .object({
    organization: z.string(),
    organization_name_en: z.string(),
    organization_name_es: z.string(),
    organization_kind: z.string(),
    mandate: z.number().int().min(1),
    indicator: z.string(),
    question: z.string().describe('Q1 to Q7 of the questionnaire'),
    progress: z
      .enum(['A', 'B', 'C', 'D'])
      .nullable()
      .describe('A no progress, B intermediate, C advanced, D completed'),
    summary: z.string(),
    full: z.string(),
    assistance_types: z.array(z.string()),
    attachments: z.array(
      z
        .object({
          file_name: z.string(),
          media_type: z.string(),
          size_bytes: z.number().int().min(0),
          url: z.string().describe('Download path'),
        })
        .strict(),
    ),
  })
  .strict();
export type ApiResult = z.infer<typeof apiResultSchema>;
