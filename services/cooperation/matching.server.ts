import { and, desc, eq, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import {
  assistanceRequests,
  commitments,
  cooperationOffers,
  initiativeLinks,
  initiatives,
  mandates,
  matches,
  organizations,
  sections,
} from '../../db/schema';
import {
  allocate,
  MatchingEngine,
  type AssistanceRequest,
  type Candidate,
  type CooperationOffer,
  type Language,
  type PeerSignal,
  type RequestRanking,
  type Weights,
} from '../../matching';
import { createPracticesService } from '../practices/practices.server';
import { createPublicationService } from '../registration/publication.server';
import type { Viewer } from '../actor';
import type { DomainEventBus } from '../events';
import { forbidden, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import { isCompleteOffer, type CompleteOfferView, type OffersService } from './offers.server';
import { isCompleteRequest, type CompleteRequestView, type RequestsService } from './requests.server';
import { stderrLogger, type BackgroundLogger } from '../subscriptions';

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
  requests: RequestsService;
  offers: OffersService;
  weights?: Partial<Weights>;
  /** Abstention threshold (see EngineOptions.abstainBelow); default the engine's calibrated one. */
  abstainBelow?: number;
  /** Peer-State evidence; default: what the public reads (publishedPeerEvidence). Tests may replace it. */
  peerEvidence?: () => Promise<PeerSignal[]>;
  /** Where a failed incremental update is logged (services/subscriptions.ts); default stderr. */
  logger?: BackgroundLogger;
}

/**
 * Official languages of the participating States among the OAS's four working languages (en, es, fr, pt), by ISO
 * code: the peer State's working languages for matching. shared/reference/actors.json lists the States without
 * their languages, so they are written here from each State's constitution or, where none is declared, the
 * language of its government (Argentina, Chile, Mexico, Uruguay, the United States). Suriname's official language,
 * Dutch, is none of the four: language is not judged for it. Haiti: French (and Haitian Creole).
 */
export const STATE_WORKING_LANGUAGES: Readonly<Record<string, readonly Language[]>> = {
  AG: ['en'],
  AR: ['es'],
  BS: ['en'],
  BB: ['en'],
  BZ: ['en'],
  BO: ['es'],
  BR: ['pt'],
  CA: ['en', 'fr'],
  CL: ['es'],
  CO: ['es'],
  CR: ['es'],
  CU: ['es'],
  DM: ['en'],
  DO: ['es'],
  EC: ['es'],
  SV: ['es'],
  GD: ['en'],
  GT: ['es'],
  GY: ['en'],
  HT: ['fr'],
  HN: ['es'],
  JM: ['en'],
  MX: ['es'],
  NI: ['es'],
  PA: ['es'],
  PY: ['es'],
  PE: ['es'],
  KN: ['en'],
  LC: ['en'],
  VC: ['en'],
  SR: [],
  TT: ['en'],
  US: ['en'],
  UY: ['es'],
};

/** Where the public peer evidence is read: the same public reads as the results pages and the good-practice base. */
export interface PeerEvidenceSources {
  publishedCycles(): Promise<Array<{ id: string; publishesAt: Date | null }>>;
  publicAnswers(cycleId: string): Promise<
    Outcome<{
      answers: Array<{
        organizationCode: string;
        organizationKind: string;
        mandate: number;
        question: string;
        progress: string | null;
        summary: string;
        full: string;
      }>;
    }>
  >;
  /** Published good practices (services/practices); null until that service exists. */
  publishedPractices:
    | (() => Promise<
        Array<{
          id: string;
          organizationId: string;
          organizationKind: string;
          mandates: Array<{ commitment: string; number: number }>;
          title: string;
          texts: Record<string, string>;
        }>
      >)
    | null;
}

/**
 * Peer-State evidence from what is published, and only that (decision 020): per State and mandate, the latest
 * published cycle's Q1 answer at C or D (progress) and Q6 answer (good practices), each as the public reads it
 * today (publicAnswers applies every non-disclosure request again), and published good practices on the current
 * commitment's mandates. Each signal carries the State's working languages. Never a draft, a submitted but
 * unpublished answer or anything withheld: those are not in these reads.
 */
export async function publishedPeerEvidence(
  sources: PeerEvidenceSources,
  organizationIdByCode: ReadonlyMap<string, string>,
  commitmentCode: string | null,
  known: ReadonlySet<number> | null,
): Promise<PeerSignal[]> {
  const latest = new Map<string, PeerSignal>();
  const cycles = [...(await sources.publishedCycles())].sort(
    (a, b) => (a.publishesAt?.getTime() ?? 0) - (b.publishesAt?.getTime() ?? 0),
  );
  const usable = (mandate: number) => !known || known.has(mandate);
  for (const cycle of cycles) {
    const result = await sources.publicAnswers(cycle.id);
    if (!result.ok) continue;
    for (const a of result.value.answers) {
      if (a.organizationKind !== 'state' || !usable(a.mandate)) continue;
      const organizationId = organizationIdByCode.get(a.organizationCode);
      if (!organizationId) continue;
      const languages = [...(STATE_WORKING_LANGUAGES[a.organizationCode] ?? [])];
      const text = [a.summary, a.full].filter((t) => t && t.trim()).join('. ');
      const key = `${a.organizationCode}|${a.mandate}|${a.question}`;
      if (a.question === 'Q1') {
        // A later cycle's answer replaces an earlier one, also when it no longer reports C or D.
        latest.delete(key);
        if (a.progress === 'C' || a.progress === 'D') {
          latest.set(key, {
            id: `q1:${a.organizationCode}:${a.mandate}`,
            organizationId,
            mandate: a.mandate,
            kind: 'progress',
            level: a.progress,
            ...(text ? { text } : {}),
            ...(languages.length ? { languages } : {}),
          });
        }
      } else if (a.question === 'Q6') {
        latest.delete(key);
        if (text)
          latest.set(key, {
            id: `q6:${a.organizationCode}:${a.mandate}`,
            organizationId,
            mandate: a.mandate,
            kind: 'good_practice',
            text,
            ...(languages.length ? { languages } : {}),
          });
      }
    }
  }
  const signals = [...latest.values()];
  if (sources.publishedPractices) {
    const codeById = new Map([...organizationIdByCode].map(([code, id]) => [id, code]));
    for (const p of await sources.publishedPractices()) {
      if (p.organizationKind !== 'state') continue;
      const code = codeById.get(p.organizationId);
      const languages = code ? [...(STATE_WORKING_LANGUAGES[code] ?? [])] : [];
      const text = [p.title, p.texts.summary ?? '', p.texts.action ?? ''].filter((t) => t.trim()).join('. ');
      for (const m of p.mandates) {
        if (commitmentCode && m.commitment !== commitmentCode) continue;
        if (!usable(m.number)) continue;
        signals.push({
          id: `gp:${p.id}:${m.number}`,
          organizationId: p.organizationId,
          mandate: m.number,
          kind: 'good_practice',
          text,
          ...(languages.length ? { languages } : {}),
        });
      }
    }
  }
  return signals.sort((a, b) => (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0));
}

/** Confirmed and pending matches hold a place in an offer's capacity until the request is fulfilled or withdrawn. */
const HOLDS_CAPACITY = ['proposed', 'confirmed'] as const;
/** An initiative holds a place in each offer it works with while it is planned or under way (issue 19). */
const INITIATIVE_HOLDS_CAPACITY = ['planned', 'in_progress'] as const;

/** The query part of a database or a transaction: the places are counted inside the caller's transaction. */
export type PlacesExecutor = Pick<Database, 'select'>;

/**
 * The places taken in each offer's capacity (issue 19, decision 019):
 * - a proposed or confirmed match whose request is neither fulfilled nor withdrawn, unless an initiative grew from it;
 * - an initiative that is planned or in progress, once per offer it works with (an offer linked to it, or the offer
 *   of a match it grew from). A completed or suspended initiative frees the place; resuming takes it again.
 * A match that became an initiative is counted through the initiative, never twice. Computed at read time, so the
 * initiative's status change (one row, in its own transaction) frees or holds the place in that same transaction.
 */
export async function offerPlacesUsed(executor: PlacesExecutor, offerIds?: string[]): Promise<Map<string, number>> {
  if (offerIds && !offerIds.length) return new Map();
  // One after another: inside a transaction they share one connection.
  const matchRows = await executor
    .select({ offerId: matches.offerId, requestStatus: assistanceRequests.status })
    .from(matches)
    .innerJoin(assistanceRequests, eq(assistanceRequests.id, matches.requestId))
    .where(
      and(
        isNotNull(matches.offerId),
        inArray(matches.status, [...HOLDS_CAPACITY]),
        ...(offerIds ? [inArray(matches.offerId, offerIds)] : []),
        notExists(
          executor
            .select({ one: sql`1` })
            .from(initiativeLinks)
            .where(eq(initiativeLinks.matchId, matches.id)),
        ),
      ),
    );
  const linkedOffers = await executor
    .select({ initiativeId: initiativeLinks.initiativeId, offerId: initiativeLinks.offerId })
    .from(initiativeLinks)
    .innerJoin(initiatives, eq(initiatives.id, initiativeLinks.initiativeId))
    .where(
      and(
        isNotNull(initiativeLinks.offerId),
        inArray(initiatives.status, [...INITIATIVE_HOLDS_CAPACITY]),
        ...(offerIds ? [inArray(initiativeLinks.offerId, offerIds)] : []),
      ),
    );
  const linkedMatchOffers = await executor
    .select({ initiativeId: initiativeLinks.initiativeId, offerId: matches.offerId })
    .from(initiativeLinks)
    .innerJoin(initiatives, eq(initiatives.id, initiativeLinks.initiativeId))
    .innerJoin(matches, eq(matches.id, initiativeLinks.matchId))
    .where(
      and(
        isNotNull(matches.offerId),
        inArray(initiatives.status, [...INITIATIVE_HOLDS_CAPACITY]),
        ...(offerIds ? [inArray(matches.offerId, offerIds)] : []),
      ),
    );
  const counts = new Map<string, number>();
  const take = (offerId: string) => counts.set(offerId, (counts.get(offerId) ?? 0) + 1);
  for (const row of matchRows)
    if (row.requestStatus !== 'fulfilled' && row.requestStatus !== 'withdrawn') take(row.offerId!);
  const held = new Set<string>();
  for (const row of [...linkedOffers, ...linkedMatchOffers]) {
    const key = `${row.initiativeId}|${row.offerId}`;
    if (held.has(key)) continue;
    held.add(key);
    take(row.offerId!);
  }
  return counts;
}

export interface CandidateView extends Candidate {
  organizationCode: string;
  organizationNameEn: string;
  organizationNameEs: string;
  offerTitle: string | null;
}

const today = (now: () => Date) => now().toISOString().slice(0, 10);

function toEngineRequest(r: CompleteRequestView): AssistanceRequest {
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

function toEngineOffer(o: CompleteOfferView, activeMatches: number): CooperationOffer {
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
export function createMatchingService({
  db,
  events,
  now,
  requests,
  offers,
  weights,
  abstainBelow,
  peerEvidence,
  logger = stderrLogger,
}: Deps) {
  // Read-only uses of the public reads (no writes go through these instances).
  const publication = createPublicationService({ db, now });
  const practices = createPracticesService({ db, now });
  const sources: PeerEvidenceSources = {
    publishedCycles: () => publication.publishedCycles(),
    publicAnswers: (cycleId) => publication.publicAnswers(cycleId),
    publishedPractices:
      typeof practices.publishedPracticesForMatching === 'function'
        ? () => practices.publishedPracticesForMatching()
        : null,
  };
  let engine: Promise<MatchingEngine> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** Places taken in each offer's capacity, by matches and by initiatives (see offerPlacesUsed). */
  function activeMatchesByOffer(offerIds?: string[]): Promise<Map<string, number>> {
    return offerPlacesUsed(db, offerIds);
  }

  async function currentCommitment(): Promise<{
    code: string | null;
    known: number[];
    sections: Array<[number, string]>;
  }> {
    const [commitment] = await db
      .select({ id: commitments.id, code: commitments.code })
      .from(commitments)
      .orderBy(desc(commitments.adoptedOn))
      .limit(1);
    if (!commitment) return { code: null, known: [], sections: [] };
    const rows = await db
      .select({ number: mandates.number, section: sections.code, certainty: mandates.sectionCertainty })
      .from(mandates)
      .leftJoin(sections, eq(sections.id, mandates.sectionId))
      .where(eq(mandates.commitmentId, commitment.id));
    return {
      code: commitment.code,
      known: rows.map((m) => m.number),
      // Neighbouring mandates only where a source places the mandate in its section or it is derived from one.
      sections: rows
        .filter((m) => m.section && m.certainty !== 'unknown')
        .map((m): [number, string] => [m.number, m.section!]),
    };
  }

  async function signals(commitment: { code: string | null; known: number[] }): Promise<PeerSignal[]> {
    if (peerEvidence) return peerEvidence();
    const orgs = await db.select({ id: organizations.id, code: organizations.code }).from(organizations);
    return publishedPeerEvidence(
      sources,
      new Map(orgs.map((o) => [o.code, o.id])),
      commitment.code,
      commitment.known.length ? new Set(commitment.known) : null,
    );
  }

  async function build(): Promise<MatchingEngine> {
    const [publishedRequests, publishedOffers, active, commitment] = await Promise.all([
      requests.listPublished(),
      offers.listPublished(),
      activeMatchesByOffer(),
      currentCommitment(),
    ]);
    const known = commitment.known;
    // With no catalogue imported, an empty list would reject every mandate: give no list instead.
    const instance = new MatchingEngine({
      now: today(now),
      weights,
      abstainBelow,
      knownMandates: known.length ? known : undefined,
      mandateSections: commitment.sections,
    });
    instance.load({
      requests: publishedRequests.filter((r) => r.status !== 'withdrawn').map(toEngineRequest),
      offers: publishedOffers.map((o) => toEngineOffer(o, active.get(o.id) ?? 0)),
      signals: await signals(commitment),
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
      // Never an incomplete draft: only a published, complete request reaches the engine (issue 15 item 6).
      if (row && row.publishedAt && row.status !== 'withdrawn' && isCompleteRequest(row))
        instance.upsertRequest(toEngineRequest(row));
      else instance.removeRequest(id);
    } else {
      const [row] = await offers.load([id]);
      if (row && row.status === 'published' && isCompleteOffer(row))
        instance.upsertOffer(toEngineOffer(row, (await activeMatchesByOffer([id])).get(id) ?? 0));
      else instance.removeOffer(id);
    }
  }

  // From every node of a cluster (the Redis relay, decision 033): this node's rankings are node memory.
  events.onEveryNode('cooperation.changed', ({ kind, id }) => {
    queue = queue
      .then(() => apply(kind, id))
      .catch((error: unknown) => {
        // A failed incremental update must not leave a wrong ranking behind: rebuild from the database next time.
        engine = null;
        logger.error(
          { err: error, event: 'cooperation.changed', payload: { kind, id } },
          'Background reaction failed: updating the matching rankings (after cooperation.changed); they are rebuilt on next use.',
        );
      });
  });

  // Published answers changed, or a non-disclosure request was made or decided: the peer evidence is read again on
  // the next use (a withheld answer must leave the rankings at once, not at the nightly rebuild).
  events.onEveryNode('results.changed', () => {
    queue = queue.then(() => {
      engine = null;
    });
  });
  // After a break in the relay, another node's changes may have been missed: rebuild from the database on next use.
  events.onRemoteGap(() => {
    queue = queue.then(() => {
      engine = null;
    });
  });

  async function describe(ranking: RequestRanking, limit: number): Promise<CandidateView[]> {
    const candidates = ranking.candidates.slice(0, limit);
    const orgIds = [...new Set(candidates.map((c) => c.organizationId))];
    const offerIds = candidates.map((c) => c.offerId).filter((id): id is string => !!id);
    const [orgs, offerRows] = await Promise.all([
      orgIds.length
        ? db
            .select({
              id: organizations.id,
              code: organizations.code,
              nameEn: organizations.nameEn,
              nameEs: organizations.nameEs,
            })
            .from(organizations)
            .where(inArray(organizations.id, orgIds))
        : [],
      offerIds.length
        ? db
            .select({ id: cooperationOffers.id, title: cooperationOffers.title })
            .from(cooperationOffers)
            .where(inArray(cooperationOffers.id, offerIds))
        : [],
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
      if (!can(viewer, { action: 'cooperation.broker' }))
        return forbidden('Only the Summits Secretariat brokers matches.');
      await queue;
      const ranking = (await getEngine()).ranking(requestId);
      if (!ranking) return notFound('This request is not published or not open for matching.');
      return ok(await describe(ranking, limit));
    },

    /** The brokering board: every open request with its best candidates, and the capacity-respecting allocation. */
    async board(viewer: Viewer, perRequest = 5) {
      if (!can(viewer, { action: 'cooperation.broker' }))
        return forbidden('Only the Summits Secretariat brokers matches.');
      await queue;
      const instance = await getEngine();
      const rankings = instance.rankings().filter((r) => r.status === 'open' || r.status === 'in_brokering');
      const allocation = allocate(rankings, instance.offerCapacities(), { statuses: ['open', 'in_brokering'] });
      const requestViews = new Map((await requests.load(rankings.map((r) => r.requestId))).map((r) => [r.id, r]));
      // "No good counterpart yet": every candidate below the abstention threshold (listed as weak, never allocated),
      // with what is missing so the broker knows what to look for.
      const rows = await Promise.all(
        rankings.map(async (ranking) => ({
          request: requestViews.get(ranking.requestId)!,
          candidates: await describe(ranking, perRequest),
          abstained: ranking.abstained,
          missing: ranking.missing,
        })),
      );
      return ok({ rows: rows.filter((r) => r.request), allocation, threshold: instance.abstainBelow });
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
