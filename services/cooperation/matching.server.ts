import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { assistanceRequests, commitments, cooperationOffers, mandates, matches, organizations } from '../../db/schema';
import { allocate, MatchingEngine, type AssistanceRequest, type Candidate, type CooperationOffer, type Language, type RequestRanking, type Weights } from '../../matching';
import type { Viewer } from '../actor';
import type { DomainEventBus } from '../events';
import { forbidden, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import type { OffersService, OfferView } from './offers.server';
import type { RequestsService, RequestView } from './requests.server';

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
  requests: RequestsService;
  offers: OffersService;
  weights?: Partial<Weights>;
}

/** Confirmed and pending matches hold a place in an offer's capacity until the request is fulfilled or withdrawn. */
const HOLDS_CAPACITY = ['proposed', 'confirmed'] as const;

export interface CandidateView extends Candidate {
  organizationCode: string;
  organizationNameEn: string;
  organizationNameEs: string;
  offerTitle: string | null;
}

const today = (now: () => Date) => now().toISOString().slice(0, 10);

function toEngineRequest(r: RequestView): AssistanceRequest {
  return {
    id: r.id,
    organizationId: r.organizationId,
    mandates: r.mandates,
    types: r.types,
    description: r.description,
    languages: r.languages as Language[],
    modality: r.modality,
    period: r.neededFrom && r.neededTo ? { from: r.neededFrom, to: r.neededTo } : undefined,
    status: r.status,
  };
}

function toEngineOffer(o: OfferView, activeMatches: number): CooperationOffer {
  return {
    id: o.id,
    organizationId: o.organizationId,
    kind: o.kind,
    mandates: o.mandates,
    types: o.types,
    description: o.description,
    languages: o.languages as Language[],
    modality: o.modality,
    capacity: o.capacity,
    activeMatches,
    funding: o.funding ? true : undefined,
    validFrom: o.validFrom ?? undefined,
    validTo: o.validTo ?? undefined,
  };
}

/**
 * Keeps one MatchingEngine per process, built from the published requests and offers. A change to one request or
 * offer (a `cooperation.changed` event) updates only the rankings it affects; the nightly job recomputes in full.
 * Updates run one after another, in the order the events came.
 */
export function createMatchingService({ db, events, now, requests, offers, weights }: Deps) {
  let engine: Promise<MatchingEngine> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function activeMatchesByOffer(offerIds?: string[]): Promise<Map<string, number>> {
    const rows = await db
      .select({ offerId: matches.offerId, status: matches.status, requestStatus: assistanceRequests.status })
      .from(matches)
      .innerJoin(assistanceRequests, eq(assistanceRequests.id, matches.requestId))
      .where(and(isNotNull(matches.offerId), inArray(matches.status, [...HOLDS_CAPACITY]), ...(offerIds ? [inArray(matches.offerId, offerIds)] : [])));
    const counts = new Map<string, number>();
    for (const row of rows) if (row.requestStatus !== 'fulfilled' && row.requestStatus !== 'withdrawn') counts.set(row.offerId!, (counts.get(row.offerId!) ?? 0) + 1);
    return counts;
  }

  async function knownMandates(): Promise<number[]> {
    const [commitment] = await db.select({ id: commitments.id }).from(commitments).orderBy(desc(commitments.adoptedOn)).limit(1);
    if (!commitment) return [];
    return (await db.select({ number: mandates.number }).from(mandates).where(eq(mandates.commitmentId, commitment.id))).map((m) => m.number);
  }

  async function build(): Promise<MatchingEngine> {
    const [publishedRequests, publishedOffers, active, known] = await Promise.all([requests.listPublished(), offers.listPublished(), activeMatchesByOffer(), knownMandates()]);
    // With no catalogue imported, an empty list would reject every mandate: give no list instead.
    const instance = new MatchingEngine({ now: today(now), weights, knownMandates: known.length ? known : undefined });
    instance.load({
      requests: publishedRequests.filter((r) => r.status !== 'withdrawn').map(toEngineRequest),
      offers: publishedOffers.map((o) => toEngineOffer(o, active.get(o.id) ?? 0)),
      signals: [],
    });
    return instance;
  }

  function getEngine(): Promise<MatchingEngine> {
    engine ??= build().catch((error) => {
      engine = null;
      throw error;
    });
    return engine;
  }

  async function apply(kind: 'request' | 'offer', id: string) {
    if (!engine) return; // built lazily: the first reader loads everything anyway
    const instance = await getEngine();
    if (kind === 'request') {
      const [row] = await requests.load([id]);
      if (row && row.publishedAt && row.status !== 'withdrawn') instance.upsertRequest(toEngineRequest(row));
      else instance.removeRequest(id);
    } else {
      const [row] = await offers.load([id]);
      if (row && row.status === 'published') instance.upsertOffer(toEngineOffer(row, (await activeMatchesByOffer([id])).get(id) ?? 0));
      else instance.removeOffer(id);
    }
  }

  events.on('cooperation.changed', ({ kind, id }) => {
    queue = queue.then(() => apply(kind, id)).catch(() => {
      // A failed incremental update must not leave a wrong ranking behind: rebuild from the database next time.
      engine = null;
    });
  });

  async function describe(ranking: RequestRanking, limit: number): Promise<CandidateView[]> {
    const candidates = ranking.candidates.slice(0, limit);
    const orgIds = [...new Set(candidates.map((c) => c.organizationId))];
    const offerIds = candidates.map((c) => c.offerId).filter((id): id is string => !!id);
    const [orgs, offerRows] = await Promise.all([
      orgIds.length ? db.select({ id: organizations.id, code: organizations.code, nameEn: organizations.nameEn, nameEs: organizations.nameEs }).from(organizations).where(inArray(organizations.id, orgIds)) : [],
      offerIds.length ? db.select({ id: cooperationOffers.id, title: cooperationOffers.title }).from(cooperationOffers).where(inArray(cooperationOffers.id, offerIds)) : [],
    ]);
    const org = new Map(orgs.map((o) => [o.id, o]));
    const title = new Map(offerRows.map((o) => [o.id, o.title]));
    return candidates.map((c) => ({
      ...c,
      organizationCode: org.get(c.organizationId)?.code ?? '?',
      organizationNameEn: org.get(c.organizationId)?.nameEn ?? '?',
      organizationNameEs: org.get(c.organizationId)?.nameEs ?? '?',
      offerTitle: c.offerId ? (title.get(c.offerId) ?? null) : null,
    }));
  }

  return {
    /** Waits for queued incremental updates (tests and the brokering page read after writing). */
    settled: () => queue,

    async rankingFor(viewer: Viewer, requestId: string, limit = 10): Promise<Outcome<CandidateView[]>> {
      if (!can(viewer, { action: 'cooperation.broker' })) return forbidden('Only the Summits Secretariat brokers matches.');
      await queue;
      const ranking = (await getEngine()).ranking(requestId);
      if (!ranking) return notFound('This request is not published or not open for matching.');
      return ok(await describe(ranking, limit));
    },

    /** The brokering board: every open request with its best candidates, and the capacity-respecting allocation. */
    async board(viewer: Viewer, perRequest = 5) {
      if (!can(viewer, { action: 'cooperation.broker' })) return forbidden('Only the Summits Secretariat brokers matches.');
      await queue;
      const instance = await getEngine();
      const rankings = instance.rankings().filter((r) => r.status === 'open' || r.status === 'in_brokering');
      const allocation = allocate(rankings, instance.offerCapacities(), { statuses: ['open', 'in_brokering'] });
      const requestViews = new Map((await requests.load(rankings.map((r) => r.requestId))).map((r) => [r.id, r]));
      const rows = await Promise.all(
        rankings.map(async (ranking) => ({ request: requestViews.get(ranking.requestId)!, candidates: await describe(ranking, perRequest) })),
      );
      return ok({ rows: rows.filter((r) => r.request), allocation });
    },

    async recomputeAll() {
      await queue;
      engine = build();
      await engine;
    },

    /** Offers' used places, for brokering checks. */
    activeMatchesByOffer,
  };
}
export type MatchingService = ReturnType<typeof createMatchingService>;

