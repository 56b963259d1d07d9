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

export const apiListSchema = z
  .object({
    data: z.array(apiInitiativeSchema),
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

/** The OpenAPI 3.1 document of /api/v1/initiatives, built from the schemas above. */
export function openApiDocument() {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12' });
  const headers = {
    ETag: { schema: { type: 'string' }, description: 'Send it back in If-None-Match to get 304 when unchanged' },
    'Cache-Control': { schema: { type: 'string' } },
    'Access-Control-Allow-Origin': { schema: { type: 'string' }, description: 'Always *: open to any site' },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Minka open data: cooperation initiatives',
      version: '1',
      description:
        'Read-only. Published initiatives of the Lima Commitment follow-up with their published outcomes and the funding every participant agreed to publish. No authentication; GET only',
    },
    paths: {
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
        Error: schema(apiErrorSchema),
      },
    },
  };
}
