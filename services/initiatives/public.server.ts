import { and, asc, count, desc, eq, exists, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  commitments,
  INITIATIVE_FORM_VALUES,
  initiativeFunding,
  initiativeFundingAgreements,
  initiativeLinks,
  initiativeMandates,
  initiativeOutcomeDocuments,
  initiativeOutcomes,
  initiativeParticipants,
  initiatives,
  initiativeStatus,
  mandates,
  matches,
  organizations,
  roundtables,
  type InitiativeForm,
  type InitiativeParticipantRole,
  type InitiativeStatus,
  type OutcomeFigure,
} from '../../db/schema';
import type { OffersService, OfferView } from '../cooperation/offers.server';
import type { RequestsService, RequestView } from '../cooperation/requests.server';
import { csvCell } from '../registration/publication.server';
import { publicMeetingsOf } from '../videoconferences/public-meetings.server';
import { sectionsByMandate } from './initiatives.server';
import { openApiDocument, type ApiInitiative, type ApiList } from './api';
import { withheldIds } from './withholdings.server';

/*
 * What the public reads of initiatives: the registry, an initiative's story, the charts' counts and the open-data
 * exports. Every function starts from published initiatives only, and from inside them reads published outcomes
 * only and funding every current participant agreed to publish. Nothing here takes a viewer: the public pages show
 * the same to everybody, and the participants' own view is `InitiativesService.get`.
 */

export const REGISTRY_PAGE_SIZE = 20;
const MANDATE_MAX = 100_000;

export interface PublicParticipant {
  code: string;
  nameEn: string;
  nameEs: string;
  kind: string;
  role: InitiativeParticipantRole;
}

export interface PublicInitiative {
  id: string;
  title: string;
  summary: string;
  forms: InitiativeForm[];
  status: InitiativeStatus;
  startsOn: string | null;
  endsOn: string | null;
  publishedAt: Date;
  mandates: number[];
  participants: PublicParticipant[];
}

export interface PublicOutcome {
  id: string;
  seriesId: string;
  version: number;
  text: string;
  startedOn: string | null;
  endedOn: string | null;
  figures: OutcomeFigure[];
  publishedAt: Date;
  documents: Array<{ id: string; title: string; fileName: string; sizeBytes: number }>;
}

export interface PublicFunding {
  source: string;
  amount: string;
  currency: string;
}

export interface RegistryQuery {
  mandate?: unknown;
  organization?: unknown;
  form?: unknown;
  status?: unknown;
  year?: unknown;
  page?: unknown;
}

const filterSchema = z.object({
  mandate: z.coerce.number().int().min(1).max(MANDATE_MAX).optional().catch(undefined),
  organization: z.string().trim().min(1).max(40).optional().catch(undefined),
  form: z.enum(INITIATIVE_FORM_VALUES).optional().catch(undefined),
  status: z.enum(initiativeStatus.enumValues).optional().catch(undefined),
  year: z.coerce.number().int().min(1990).max(2200).optional().catch(undefined),
});
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The years a summary may be asked for (the Mechanism's reporting runs from the Lima Commitment, 2018, on). */
export const SUMMARY_FIRST_YEAR = 2018;
export const SUMMARY_LAST_YEAR = 2200;

export interface YearSummaryCount {
  key: string;
  n: number;
}

export interface YearSummary {
  year: number;
  /** Other years with a published initiative or outcome, and the current year: the page links to these. */
  otherYears: number[];
  initiatives: {
    total: number;
    byStatus: YearSummaryCount[];
    bySection: YearSummaryCount[];
    byForm: YearSummaryCount[];
    items: Array<{
      id: string;
      title: string;
      status: InitiativeStatus;
      forms: InitiativeForm[];
      startsOn: string | null;
      endsOn: string | null;
      mandates: number[];
      sections: string[];
      participants: PublicParticipant[];
    }>;
  };
  outcomes: {
    total: number;
    bySection: YearSummaryCount[];
    byForm: YearSummaryCount[];
    items: Array<{
      id: string;
      initiativeId: string;
      initiativeTitle: string;
      on: string;
      text: string;
      figures: OutcomeFigure[];
    }>;
  };
}

interface Deps {
  db: Database;
  now: () => Date;
  requests: RequestsService;
  offers: OffersService;
}

export type InitiativesPublicService = ReturnType<typeof createInitiativesPublicService>;

export function createInitiativesPublicService({ db, now, requests, offers }: Deps) {
  /** Published, and nothing else: the one filter every public read starts from. */
  const published = () => and(isNotNull(initiatives.publishedAt), lte(initiatives.publishedAt, now()))!;

  function filtersOf(query: RegistryQuery) {
    const f = filterSchema.parse({
      mandate: blankToUndefined(query.mandate),
      organization: blankToUndefined(query.organization),
      form: blankToUndefined(query.form),
      status: blankToUndefined(query.status),
      year: blankToUndefined(query.year),
    });
    const where: SQL[] = [published()];
    if (f.mandate !== undefined)
      where.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(initiativeMandates)
            .innerJoin(mandates, eq(mandates.id, initiativeMandates.mandateId))
            .where(and(eq(initiativeMandates.initiativeId, initiatives.id), eq(mandates.number, f.mandate))),
        ),
      );
    if (f.organization)
      where.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(initiativeParticipants)
            .innerJoin(organizations, eq(organizations.id, initiativeParticipants.organizationId))
            .where(
              and(eq(initiativeParticipants.initiativeId, initiatives.id), eq(organizations.code, f.organization)),
            ),
        ),
      );
    if (f.form) where.push(sql`${initiatives.forms} @> array[${f.form}]::text[]`);
    if (f.status) where.push(eq(initiatives.status, f.status));
    if (f.year !== undefined)
      where.push(
        sql`extract(year from coalesce(${initiatives.startsOn}, ${initiatives.publishedAt}::date)) = ${f.year}`,
      );
    return { filters: f, where: and(...where)! };
  }

  async function decorate(rows: Array<typeof initiatives.$inferSelect>): Promise<PublicInitiative[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [mandateRows, participantRows] = await Promise.all([
      db
        .select({ id: initiativeMandates.initiativeId, number: mandates.number })
        .from(initiativeMandates)
        .innerJoin(mandates, eq(mandates.id, initiativeMandates.mandateId))
        .where(inArray(initiativeMandates.initiativeId, ids))
        .orderBy(asc(mandates.number)),
      db
        .select({
          id: initiativeParticipants.initiativeId,
          code: organizations.code,
          nameEn: organizations.nameEn,
          nameEs: organizations.nameEs,
          kind: organizations.kind,
          role: initiativeParticipants.role,
        })
        .from(initiativeParticipants)
        .innerJoin(organizations, eq(organizations.id, initiativeParticipants.organizationId))
        .where(inArray(initiativeParticipants.initiativeId, ids))
        .orderBy(asc(initiativeParticipants.role), asc(organizations.code)),
    ]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      forms: r.forms,
      status: r.status,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      publishedAt: r.publishedAt!,
      mandates: mandateRows.filter((m) => m.id === r.id).map((m) => m.number),
      participants: participantRows.filter((p) => p.id === r.id).map(({ id: _id, ...p }) => p),
    }));
  }

  /** The latest published version of each outcome of the given initiatives. */
  async function publishedOutcomes(initiativeIds: string[]): Promise<Map<string, PublicOutcome[]>> {
    const result = new Map<string, PublicOutcome[]>();
    if (!initiativeIds.length) return result;
    const rows = await db
      .select()
      .from(initiativeOutcomes)
      .where(and(inArray(initiativeOutcomes.initiativeId, initiativeIds), eq(initiativeOutcomes.status, 'published')))
      .orderBy(asc(initiativeOutcomes.createdAt), desc(initiativeOutcomes.version));
    // An outcome a participant asked not to publish (pending or granted) is left out with every version.
    const withheldSeries = await withheldIds(
      db,
      'outcome',
      rows.map((r) => r.seriesId),
    );
    const seen = new Set<string>(withheldSeries);
    // Documents of the published versions only (the rows above are published ones).
    const allDocuments = rows.length
      ? await db
          .select({
            id: initiativeOutcomeDocuments.id,
            outcomeId: initiativeOutcomeDocuments.outcomeId,
            title: initiativeOutcomeDocuments.title,
            fileName: initiativeOutcomeDocuments.fileName,
            sizeBytes: initiativeOutcomeDocuments.sizeBytes,
          })
          .from(initiativeOutcomeDocuments)
          .where(
            inArray(
              initiativeOutcomeDocuments.outcomeId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(initiativeOutcomeDocuments.uploadedAt))
      : [];
    const withheldDocuments = await withheldIds(
      db,
      'document',
      allDocuments.map((d) => d.id),
    );
    const documents = allDocuments.filter((d) => !withheldDocuments.has(d.id));
    for (const r of rows) {
      if (seen.has(r.seriesId)) continue;
      seen.add(r.seriesId);
      const list = result.get(r.initiativeId) ?? [];
      list.push({
        id: r.id,
        seriesId: r.seriesId,
        version: r.version,
        text: r.text,
        startedOn: r.startedOn,
        endedOn: r.endedOn,
        figures: r.figures,
        publishedAt: r.publishedAt!,
        documents: documents.filter((d) => d.outcomeId === r.id).map(({ outcomeId: _o, ...d }) => d),
      });
      result.set(r.initiativeId, list);
    }
    return result;
  }

  /** Funding that every current participant agreed to publish; the rest is never read here. */
  async function agreedFunding(initiativeIds: string[]): Promise<Map<string, PublicFunding[]>> {
    const result = new Map<string, PublicFunding[]>();
    if (!initiativeIds.length) return result;
    // A funding row is public when no participant of its initiative lacks an agreement to it.
    const rows = await db
      .select({
        id: initiativeFunding.id,
        initiativeId: initiativeFunding.initiativeId,
        source: initiativeFunding.source,
        amount: initiativeFunding.amount,
        currency: initiativeFunding.currency,
      })
      .from(initiativeFunding)
      .where(
        and(
          inArray(initiativeFunding.initiativeId, initiativeIds),
          sql`not exists (select 1 from ${initiativeParticipants} p where p.initiative_id = ${initiativeFunding.initiativeId} and not exists (select 1 from ${initiativeFundingAgreements} a where a.funding_id = ${initiativeFunding.id} and a.organization_id = p.organization_id))`,
          sql`exists (select 1 from ${initiativeParticipants} p where p.initiative_id = ${initiativeFunding.initiativeId})`,
        ),
      )
      .orderBy(asc(initiativeFunding.createdAt));
    // Funding a participant asked not to publish stays out even when every participant agreed to it.
    const withheld = await withheldIds(
      db,
      'funding',
      rows.map((r) => r.id),
    );
    for (const r of rows.filter((f) => !withheld.has(f.id)))
      result.set(r.initiativeId, [
        ...(result.get(r.initiativeId) ?? []),
        { source: r.source, amount: r.amount, currency: r.currency },
      ]);
    return result;
  }

  /** The open-data shape of an initiative (the JSON export and /api/v1 share it: stable snake_case names). */
  function toApi(i: PublicInitiative, outcomes: PublicOutcome[], funding: PublicFunding[]): ApiInitiative {
    return {
      id: i.id,
      title: i.title,
      summary: i.summary,
      status: i.status,
      forms: i.forms,
      starts_on: i.startsOn,
      ends_on: i.endsOn,
      published_at: i.publishedAt.toISOString(),
      mandates: i.mandates,
      participants: i.participants.map((p) => ({
        organization: p.code,
        name_en: p.nameEn,
        name_es: p.nameEs,
        role: p.role,
      })),
      outcomes: outcomes.map((o) => ({
        id: o.id,
        version: o.version,
        text: o.text,
        started_on: o.startedOn,
        ended_on: o.endedOn,
        figures: o.figures,
        published_at: o.publishedAt.toISOString(),
      })),
      funding: funding.map((f) => ({ source: f.source, amount: f.amount, currency: f.currency })),
    };
  }

  const service = {
    /** /api/v1/initiatives: a page of published initiatives with the registry's filters. */
    async apiList(query: RegistryQuery = {}): Promise<ApiList> {
      const registry = await service.registry(query);
      const ids = registry.items.map((i) => i.id);
      const [outcomes, funding] = await Promise.all([publishedOutcomes(ids), agreedFunding(ids)]);
      const link = (page: number) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(registry.filters)) if (v !== undefined) params.set(k, String(v));
        params.set('page', String(page));
        return `/api/v1/initiatives?${params}`;
      };
      return {
        data: registry.items.map((i) => toApi(i, outcomes.get(i.id) ?? [], funding.get(i.id) ?? [])),
        meta: { page: registry.page, pages: registry.pages, per_page: REGISTRY_PAGE_SIZE, total: registry.total },
        links: {
          self: link(registry.page),
          next: registry.page < registry.pages ? link(registry.page + 1) : null,
          prev: registry.page > 1 ? link(registry.page - 1) : null,
        },
      };
    },

    /** /api/v1/initiatives/:id: one published initiative, or null. */
    async apiItem(id: string): Promise<ApiInitiative | null> {
      if (!z.uuid().safeParse(id).success) return null;
      const [row] = await db
        .select()
        .from(initiatives)
        .where(and(eq(initiatives.id, id), published()));
      if (!row) return null;
      const [item] = await decorate([row]);
      const [outcomes, funding] = await Promise.all([publishedOutcomes([id]), agreedFunding([id])]);
      return toApi(item, outcomes.get(id) ?? [], funding.get(id) ?? []);
    },

    /** The OpenAPI document of the API (built from the same schemas the tests check responses with). */
    openApi() {
      return openApiDocument();
    },

    /** The registry: published initiatives, filtered, newest first, paginated; with the counts the charts draw. */
    async registry(query: RegistryQuery = {}) {
      const { filters, where } = filtersOf(query);
      const [{ n: total }] = await db.select({ n: count() }).from(initiatives).where(where);
      const pages = Math.max(1, Math.ceil(total / REGISTRY_PAGE_SIZE));
      const page = Math.min(
        z.coerce
          .number()
          .int()
          .min(1)
          .catch(1)
          .parse(query.page ?? 1),
        pages,
      );
      const rows = await db
        .select()
        .from(initiatives)
        .where(where)
        .orderBy(desc(initiatives.publishedAt), desc(initiatives.id))
        .limit(REGISTRY_PAGE_SIZE)
        .offset((page - 1) * REGISTRY_PAGE_SIZE);
      const byStatus = await db
        .select({ status: initiatives.status, n: count() })
        .from(initiatives)
        .where(where)
        .groupBy(initiatives.status);
      // By form: an initiative with two forms counts once in each.
      const byForm = await db
        .select({ form: sql<string>`f`, n: count() })
        .from(sql`${initiatives} cross join lateral unnest(${initiatives.forms}) f`)
        .where(where)
        .groupBy(sql`f`);
      // By mandate section: an initiative on mandates of two sections counts once in each.
      const sectionOf = await sectionsByMandate(db);
      const mandateRows = await db
        .select({ id: initiativeMandates.initiativeId, number: mandates.number })
        .from(initiativeMandates)
        .innerJoin(mandates, eq(mandates.id, initiativeMandates.mandateId))
        .innerJoin(initiatives, eq(initiatives.id, initiativeMandates.initiativeId))
        .where(where);
      const bySection = new Map<string, Set<string>>();
      for (const m of mandateRows) {
        const section = sectionOf.get(m.number) ?? '—';
        bySection.set(section, (bySection.get(section) ?? new Set()).add(m.id));
      }
      return {
        total,
        page,
        pages,
        filters,
        items: await decorate(rows),
        counts: {
          byStatus: initiativeStatus.enumValues.map((status) => ({
            status,
            n: byStatus.find((s) => s.status === status)?.n ?? 0,
          })),
          byForm: INITIATIVE_FORM_VALUES.map((form) => ({ form, n: byForm.find((f) => f.form === form)?.n ?? 0 })),
          bySection: [...bySection.entries()]
            .map(([section, ids]) => ({ section, n: ids.size }))
            .sort((a, b) => a.section.localeCompare(b.section)),
        },
      };
    },

    /**
     * The yearly summary for the report to the Summit (issue 19): published initiatives of the year (the registry's
     * year: start date, else publication) and the published outcomes dated in the year (ended, else started, else
     * published), counted by section of the commitment and by form of cooperation, with the lists they count.
     * Counts in a fixed order (sections by code, forms and statuses as defined), never an order of States. Null for a
     * year that is not one. An initiative or outcome on two sections (or forms) counts once in each.
     */
    async yearSummary(yearInput: unknown): Promise<YearSummary | null> {
      const year = z.coerce.number().int().min(SUMMARY_FIRST_YEAR).max(SUMMARY_LAST_YEAR).safeParse(yearInput);
      if (!year.success || String(yearInput) !== String(year.data)) return null;
      const y = year.data;
      const { where } = filtersOf({ year: y });
      const initiativeRows = await db
        .select()
        .from(initiatives)
        .where(where)
        .orderBy(asc(initiatives.title), asc(initiatives.id));
      const items = await decorate(initiativeRows);
      // Outcomes of the year may belong to initiatives of earlier years: read every published initiative's.
      const allPublished = await db
        .select()
        .from(initiatives)
        .where(published())
        .orderBy(asc(initiatives.title), asc(initiatives.id));
      const everyItem = await decorate(allPublished);
      const outcomesByInitiative = await publishedOutcomes(everyItem.map((i) => i.id));
      const dated = (o: PublicOutcome) => o.endedOn ?? o.startedOn ?? o.publishedAt.toISOString().slice(0, 10);
      const everyOutcome = everyItem.flatMap((i) =>
        (outcomesByInitiative.get(i.id) ?? []).map((o) => ({ initiative: i, outcome: o, on: dated(o) })),
      );
      // The years with something to summarize, and this one: the page links to these only.
      const years = [
        ...new Set([
          now().getUTCFullYear(),
          ...everyItem.map((i) => Number((i.startsOn ?? i.publishedAt.toISOString()).slice(0, 4))),
          ...everyOutcome.map((o) => Number(o.on.slice(0, 4))),
        ]),
      ]
        .filter((v) => v >= SUMMARY_FIRST_YEAR && v <= SUMMARY_LAST_YEAR && v !== y)
        .sort((a, b) => a - b);
      const outcomes = everyOutcome
        .filter((o) => o.on.startsWith(`${y}-`))
        .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.initiative.title.localeCompare(b.initiative.title)));

      const sectionOf = await sectionsByMandate(db);
      const sectionsOf = (i: PublicInitiative) => [
        ...new Set(i.mandates.length ? i.mandates.map((m) => sectionOf.get(m) ?? '—') : ['—']),
      ];
      const knownSections = [...new Set([...sectionOf.values()].filter((v): v is string => !!v))].sort();
      const countBy = <T>(list: T[], keysOf: (t: T) => string[], keys: readonly string[]) => {
        const counts = new Map<string, number>(keys.map((k) => [k, 0]));
        for (const entry of list) for (const k of new Set(keysOf(entry))) counts.set(k, (counts.get(k) ?? 0) + 1);
        return [...counts].map(([key, n]) => ({ key, n }));
      };
      // Every section of the commitment and every form appear, with 0 when nothing counts there; '—' (no section
      // established) only when something counts in it.
      const sectionKeys = [...knownSections];
      const sectionRows = <T>(list: T[], initiativeOf: (t: T) => PublicInitiative) =>
        countBy(list, (t) => sectionsOf(initiativeOf(t)), sectionKeys).filter((r) => r.key !== '—' || r.n > 0);
      return {
        year: y,
        otherYears: years,
        initiatives: {
          total: items.length,
          byStatus: countBy(items, (i) => [i.status], initiativeStatus.enumValues),
          bySection: sectionRows(items, (i) => i),
          byForm: countBy(items, (i) => i.forms, INITIATIVE_FORM_VALUES),
          items: items.map((i) => ({
            id: i.id,
            title: i.title,
            status: i.status,
            forms: i.forms,
            startsOn: i.startsOn,
            endsOn: i.endsOn,
            mandates: i.mandates,
            sections: sectionsOf(i),
            participants: i.participants,
          })),
        },
        outcomes: {
          total: outcomes.length,
          bySection: sectionRows(outcomes, (o) => o.initiative),
          byForm: countBy(outcomes, (o) => o.initiative.forms, INITIATIVE_FORM_VALUES),
          items: outcomes.map(({ initiative, outcome, on }) => ({
            id: outcome.id,
            initiativeId: initiative.id,
            initiativeTitle: initiative.title,
            on,
            text: outcome.text,
            figures: outcome.figures,
          })),
        },
      };
    },

    /** The yearly summary as CSV: one line per count (formula-safe cells through `csvCell`). */
    async yearSummaryCsv(yearInput: unknown): Promise<string | null> {
      const summary = await service.yearSummary(yearInput);
      if (!summary) return null;
      const header = ['year', 'subject', 'breakdown', 'category', 'count'] as const;
      const lines: unknown[][] = [
        [summary.year, 'initiatives', 'total', '', summary.initiatives.total],
        ...summary.initiatives.byStatus.map((r) => [summary.year, 'initiatives', 'status', r.key, r.n]),
        ...summary.initiatives.bySection.map((r) => [summary.year, 'initiatives', 'section', r.key, r.n]),
        ...summary.initiatives.byForm.map((r) => [summary.year, 'initiatives', 'form', r.key, r.n]),
        [summary.year, 'outcomes', 'total', '', summary.outcomes.total],
        ...summary.outcomes.bySection.map((r) => [summary.year, 'outcomes', 'section', r.key, r.n]),
        ...summary.outcomes.byForm.map((r) => [summary.year, 'outcomes', 'form', r.key, r.n]),
      ];
      return [header.join(','), ...lines.map((l) => l.map((v) => csvCell(v)).join(','))].join('\r\n') + '\r\n';
    },

    /** The organizations taking part in published initiatives (the registry's filter choices). */
    async organizationChoices() {
      return db
        .selectDistinct({ code: organizations.code, nameEn: organizations.nameEn, nameEs: organizations.nameEs })
        .from(initiativeParticipants)
        .innerJoin(organizations, eq(organizations.id, initiativeParticipants.organizationId))
        .innerJoin(initiatives, eq(initiatives.id, initiativeParticipants.initiativeId))
        .where(published())
        .orderBy(asc(organizations.code));
    },

    /**
     * Published initiatives on one mandate of one commitment (the mandate's page, issue 17), alphabetically by
     * title: never an order of States. What the registry shows of each; nothing unpublished.
     */
    /** The mandate page: published initiatives on the mandate, by title, each with its published outcomes. */
    async publishedForMandate(
      commitmentCode: string,
      number: number,
    ): Promise<Array<PublicInitiative & { outcomes: PublicOutcome[] }>> {
      if (!Number.isInteger(number) || number < 1 || number > MANDATE_MAX) return [];
      const rows = await db
        .select()
        .from(initiatives)
        .where(
          and(
            published(),
            exists(
              db
                .select({ one: sql`1` })
                .from(initiativeMandates)
                .innerJoin(mandates, eq(mandates.id, initiativeMandates.mandateId))
                .innerJoin(commitments, eq(commitments.id, mandates.commitmentId))
                .where(
                  and(
                    eq(initiativeMandates.initiativeId, initiatives.id),
                    eq(mandates.number, number),
                    eq(commitments.code, commitmentCode),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(initiatives.title), asc(initiatives.id));
      const [items, outcomes] = await Promise.all([decorate(rows), publishedOutcomes(rows.map((r) => r.id))]);
      return items.map((item) => ({ ...item, outcomes: outcomes.get(item.id) ?? [] }));
    },

    /**
     * One published initiative and the chain it grew from, in order: the published requests (as the public reads
     * them), the match and why it was proposed, the published offers, the roundtables (title, kind and dates, never
     * their messages), the meetings held or scheduled in them (title and time), then the published outcomes and the
     * funding every participant agreed to publish.
     */
    async story(id: string) {
      if (!z.uuid().safeParse(id).success) return null;
      const [row] = await db
        .select()
        .from(initiatives)
        .where(and(eq(initiatives.id, id), published()));
      if (!row) return null;
      const [initiative] = await decorate([row]);
      const links = await db.select().from(initiativeLinks).where(eq(initiativeLinks.initiativeId, id));
      const requestViews: RequestView[] = [];
      for (const l of links) {
        if (!l.requestId) continue;
        const r = await requests.get(null, l.requestId);
        if (r.ok) requestViews.push(r.value);
      }
      const offerViews: OfferView[] = [];
      for (const l of links) {
        if (!l.offerId) continue;
        const o = await offers.get(null, l.offerId);
        if (o.ok) offerViews.push(o.value);
      }
      const matchIds = links.map((l) => l.matchId).filter((v): v is string => !!v);
      const matchRows = matchIds.length
        ? await db
            .select({
              id: matches.id,
              requestId: matches.requestId,
              proposedAt: matches.proposedAt,
              confirmedAt: matches.confirmedAt,
              explanation: matches.explanation,
              status: matches.status,
            })
            .from(matches)
            .where(inArray(matches.id, matchIds))
        : [];
      // A match is told only when its request is public: the why of a match names the request.
      const shownMatches = matchRows
        .filter((m) => requestViews.some((r) => r.id === m.requestId))
        .map((m) => ({
          id: m.id,
          proposedAt: m.proposedAt,
          confirmedAt: m.confirmedAt,
          explanations: m.explanation?.explanations ?? [],
          explanationsEs: m.explanation?.explanationsEs ?? null,
        }));
      const roomIds = links.map((l) => l.roundtableId).filter((v): v is string => !!v);
      const rooms = roomIds.length
        ? await db
            .select({
              id: roundtables.id,
              title: roundtables.title,
              kind: roundtables.kind,
              createdAt: roundtables.createdAt,
              closedAt: roundtables.closedAt,
            })
            .from(roundtables)
            .where(inArray(roundtables.id, roomIds))
        : [];
      // The meetings held or scheduled in those roundtables, and any meeting linked to the initiative itself: title
      // and time only (services/videoconferences/public-meetings.server.ts), never agenda, invitees or attendance.
      const meetingList = await publicMeetingsOf(db, {
        roundtableIds: roomIds,
        meetingIds: links.map((l) => l.meetingId).filter((v): v is string => !!v),
      });
      const [outcomes, funding] = await Promise.all([publishedOutcomes([id]), agreedFunding([id])]);
      return {
        initiative,
        requests: requestViews.map((r) => ({
          id: r.id,
          title: r.title,
          description: r.description,
          organizationCode: r.organizationCode,
          organizationNameEn: r.organizationNameEn,
          organizationNameEs: r.organizationNameEs,
          publishedAt: r.publishedAt,
        })),
        matches: shownMatches,
        offers: offerViews.map((o) => ({
          id: o.id,
          title: o.title,
          organizationCode: o.organizationCode,
          organizationNameEn: o.organizationNameEn,
          organizationNameEs: o.organizationNameEs,
        })),
        roundtables: rooms,
        meetings: meetingList,
        outcomes: outcomes.get(id) ?? [],
        funding: funding.get(id) ?? [],
      };
    },

    /**
     * The Atom feed's entries: newly published initiatives and newly published outcomes, newest first. Only what the
     * public pages show (published initiatives; published outcome versions of published initiatives).
     */
    async feed(limit = 50) {
      const newInitiatives = await db
        .select({
          id: initiatives.id,
          title: initiatives.title,
          summary: initiatives.summary,
          at: initiatives.publishedAt,
        })
        .from(initiatives)
        .where(published())
        .orderBy(desc(initiatives.publishedAt))
        .limit(limit);
      const outcomeRows = await db
        .select({
          id: initiativeOutcomes.id,
          seriesId: initiativeOutcomes.seriesId,
          initiativeId: initiatives.id,
          title: initiatives.title,
          text: initiativeOutcomes.text,
          version: initiativeOutcomes.version,
          at: initiativeOutcomes.publishedAt,
        })
        .from(initiativeOutcomes)
        .innerJoin(initiatives, eq(initiatives.id, initiativeOutcomes.initiativeId))
        .where(and(published(), eq(initiativeOutcomes.status, 'published')))
        .orderBy(desc(initiativeOutcomes.publishedAt))
        .limit(limit);
      const withheldSeries = await withheldIds(
        db,
        'outcome',
        outcomeRows.map((o) => o.seriesId),
      );
      const newOutcomes = outcomeRows.filter((o) => !withheldSeries.has(o.seriesId));
      // An outcome published before its initiative reaches the public when the initiative does.
      const entries = [
        ...newInitiatives.map((i) => ({
          kind: 'initiative' as const,
          id: i.id,
          initiativeId: i.id,
          title: i.title,
          text: i.summary,
          version: 1,
          at: i.at!,
        })),
        ...newOutcomes.map((o) => {
          const initiativeAt = newInitiatives.find((i) => i.id === o.initiativeId)?.at;
          return {
            kind: 'outcome' as const,
            id: o.id,
            initiativeId: o.initiativeId,
            title: o.title,
            text: o.text,
            version: o.version,
            at: initiativeAt && initiativeAt > o.at! ? initiativeAt : o.at!,
          };
        }),
      ];
      return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
    },

    /** Open data: every published initiative with its published outcomes and agreed funding. CSV cells through `csvCell`. */
    async exportPublished(format: 'csv' | 'json'): Promise<string> {
      const rows = await db
        .select()
        .from(initiatives)
        .where(published())
        .orderBy(asc(initiatives.publishedAt), asc(initiatives.id));
      const items = await decorate(rows);
      const ids = items.map((i) => i.id);
      const [outcomes, funding] = await Promise.all([publishedOutcomes(ids), agreedFunding(ids)]);
      if (format === 'json') {
        return JSON.stringify(
          {
            initiatives: items.map((i) => toApi(i, outcomes.get(i.id) ?? [], funding.get(i.id) ?? [])),
          },
          null,
          2,
        );
      }
      // One line per initiative; outcomes and funding as joined cells (the JSON has their structure).
      const header = [
        'id',
        'title',
        'status',
        'forms',
        'starts_on',
        'ends_on',
        'published_at',
        'mandates',
        'participants',
        'outcomes',
        'funding',
        'summary',
      ] as const;
      const lines = items.map((i) => {
        const record: Record<(typeof header)[number], unknown> = {
          id: i.id,
          title: i.title,
          status: i.status,
          forms: i.forms,
          starts_on: i.startsOn,
          ends_on: i.endsOn,
          published_at: i.publishedAt.toISOString(),
          mandates: i.mandates,
          participants: i.participants.map((p) => `${p.code}: ${p.role}`),
          outcomes: (outcomes.get(i.id) ?? []).map((o) =>
            [o.text, ...o.figures.map((f) => `${f.label}: ${f.value}`)].join('; '),
          ),
          funding: (funding.get(i.id) ?? []).map((f) => `${f.source}: ${f.amount} ${f.currency}`),
          summary: i.summary,
        };
        return header.map((h) => csvCell(record[h])).join(',');
      });
      return [header.join(','), ...lines].join('\r\n') + '\r\n';
    },
  };
  return service;
}
