/**
 * The matching engine: keeps requests, offers and peer signals, and a ranking of candidates per request that
 * it updates incrementally. Pure: no I/O, no clock (`now` is given), no randomness.
 *
 * Per request, candidates come from the inverted indexes (offers and States sharing a mandate) and, with sections,
 * from the text postings (offers on a neighbouring mandate whose description can be relevant enough). Every
 * criterion but text relevance is cheap, so each candidate first gets an upper bound (cheap criteria + the
 * most text could add); candidates are then visited by decreasing bound, and text relevance is computed only
 * while a bound can still beat the k-th score. The result is exactly the top k of scoring every pair with
 * the same functions (rank.ts holds that reference; the property tests and the benchmark compare them).
 *
 * Incremental updates touch only the requests sharing a mandate with what changed, and most of those only
 * check whether the changed offer now enters their list. Text statistics (document frequencies) stay fixed
 * between full recomputes, so one new offer changes no other document's vector.
 */
import { describe } from './explain';
import { MandateIndex, MODALITY_CODE, OfferIndex, type Gathered } from './inverted-index';
import {
  buildPeerProfile,
  discloseOffer,
  discloseRequest,
  discloseSignal,
  offerView,
  requestView,
  revectorize,
  signalKey,
  signalView,
  type OfferView,
  type PeerProfile,
  type RequestView,
  type SignalView,
} from './model';
import { comparePairs, DEFAULT_MAX_CANDIDATES, insertTop, samePairs } from './rank';
import {
  applicableWeight,
  APPLIES_JSWG_OFFER,
  APPLIES_STATE_OFFER,
  LANGUAGE_BIT_MASK,
  CRITERION_INDEX as I,
  LANGUAGE_TIER_GAP,
  languageFitMasks,
  needsInterpretation,
  mandateSections,
  neighbourMandates,
  NEIGHBOUR_MANDATE_VALUE,
  NEIGHBOUR_MIN_TEXT,
  type MandateSections,
  partialScore,
  peerEvidenceValue,
  peerStructure,
  peerTextRelevance,
  periodFit,
  scoreContext,
  scoreOfferPair,
  scorePeerPair,
  type ScoreContext,
  type ScoredPair,
} from './score';
import { TextAnalyzer, TextStats, Vocabulary, type AnalyzedText } from './text';
import {
  CRITERIA,
  type AssistanceRequest,
  type Candidate,
  type CooperationOffer,
  LANGUAGES,
  type MissingReason,
  type PeerSignal,
  type RequestRanking,
  type UpdateResult,
} from './types';
import {
  dayNumber,
  MatchingInputError,
  validateOffer,
  validatePeerSignal,
  validateRequest,
  type ValidateOptions,
} from './validate';
import { NO_ABSTENTION, type AbstentionRule } from './calibrate';
import { DEFAULT_ABSTENTION, DEFAULT_UNKNOWN_VALUE, resolveWeights, type Weights } from './weights';

export interface EngineOptions {
  /** Today, ISO date. The engine never reads a clock. */
  now: string;
  weights?: Partial<Weights>;
  /** Candidates kept per request (default 10). */
  maxCandidates?: number;
  /** Value of a criterion that cannot be judged (default 0.5). */
  unknownValue?: number;
  /** Mandate numbers of the commitment, to reject unknown ones. */
  knownMandates?: Iterable<number>;
  /** Text statistics to use instead of building them from the loaded descriptions. */
  textStats?: TextStats;
  /**
   * The abstention rule: a candidate it catches (below the score threshold or the text floor, or, when switched on,
   * without a shared language or with a modality conflict) is listed as weak, never proposed or allocated, and a
   * request with no other candidate has "no good counterpart yet". Default DEFAULT_ABSTENTION, calibrated on the
   * development set (matching/calibrate.ts, decision 020).
   */
  abstention?: Partial<AbstentionRule>;
  /**
   * Shorthand for a rule with only a score threshold (`{ ...NO_ABSTENTION, belowScore: abstainBelow }`); 0 abstains
   * never. Ignored when `abstention` is given.
   */
  abstainBelow?: number;
  /**
   * The section of each mandate (mandate number → section code). With it, an offer on another mandate of a
   * requested mandate's section whose description is about the same thing is a candidate, with a penalty
   * (score.ts, NEIGHBOUR_*). Without it, only offers sharing a requested mandate are.
   */
  mandateSections?: Iterable<[number, string]>;
}

export interface EngineInput {
  requests?: readonly AssistanceRequest[];
  offers?: readonly CooperationOffer[];
  signals?: readonly PeerSignal[];
}

export interface EngineCounters {
  /** Pairs scored on every criterion, text included. */
  pairsScored: number;
  /** Pairs given a cheap upper bound (every candidate found in the indexes). */
  pairsBounded: number;
}

interface RankState {
  top: ScoredPair[];
  described: Candidate[] | null;
}

const EPSILON = 1e-9;
/** Bands of the partial score in which rank() visits candidates, best first. */
const BUCKETS = 64;

function nullable(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

export class MatchingEngine {
  readonly weights: Weights;
  readonly maxCandidates: number;
  /** See EngineOptions.abstention. */
  readonly abstention: Readonly<AbstentionRule>;
  readonly counters: EngineCounters = { pairsScored: 0, pairsBounded: 0 };

  private readonly analyzer = new TextAnalyzer();
  private readonly validateOptions: ValidateOptions;
  private stats: TextStats;
  private ctx: ScoreContext;
  private nowIso: string;
  /** Text statistics given in the options stay until recomputeAll({ refreshTextStats: true }). */
  private readonly fixedStats: boolean;

  private readonly requests = new Map<string, RequestView>();
  /** The requests by id, kept between full recomputes until a request is stored, removed or revectorised. */
  private sortedViews: RequestView[] | null = null;
  /** The neighbouring mandates of each request view (they depend only on its mandates and the sections). */
  private readonly neighboursOf = new WeakMap<RequestView, readonly number[]>();
  private readonly requestSource = new Map<string, string>();
  private readonly requestsByMandate = new MandateIndex();
  private readonly offerIndex: OfferIndex;
  private readonly offerSource = new Map<string, string>();
  private readonly signals = new Map<string, SignalView>();
  private readonly signalSource = new Map<string, string>();
  private readonly signalsByOrg = new Map<string, Set<string>>();
  private readonly peers = new Map<string, PeerProfile>();
  private readonly peersByMandate = new MandateIndex();
  private readonly rankingState = new Map<string, RankState>();
  private readonly scratch = new Array<number>(CRITERIA.length).fill(0);
  /** The criterion values of the exact pair being built (exactOfferPair). */
  private readonly exactValues = new Float64Array(CRITERIA.length);
  private readonly vocabulary = new Vocabulary();
  private dense = new Float64Array(1024);
  /** Reused by rank() so that ranking thousands of requests allocates little. */
  private readonly buffers = {
    slots: new Int32Array(256),
    partials: new Float64Array(256),
    textWeights: new Float64Array(256),
    /** Text relevance of an offer candidate once computed (a neighbour's when the text retrieved it). */
    knownText: new Float64Array(256),
    /** The most an offer candidate's text relevance can be (OfferIndex.textBound; 1 for a State's evidence). */
    textBound: new Float64Array(256),
    /** Shared mandates and shared assistance types of an offer candidate (0 mandates: a neighbour). */
    shared: new Int32Array(256),
    types: new Int32Array(256),
    profiles: [] as PeerProfile[],
    order: new Int32Array(256),
    bucketOf: new Int32Array(256),
    bucketCounts: new Int32Array(BUCKETS + 1),
    estimates: new Float64Array(256),
    passing: [] as number[],
    best: [] as number[],
    offerStamp: new Int32Array(64),
    evidenceStamp: new Int32Array(64),
    evidence: new Float64Array(64),
    /** By organization number: the evidence of a State for the request being ranked, 0 for every other one. */
    evidenceNow: new Float64Array(64),
    /** The organizations whose evidenceNow the last ranking set (cleared by the next one). */
    evidenceSet: [] as number[],
    languageValue: new Float64Array(1 << LANGUAGES.length),
    languageApplies: new Int32Array(1 << LANGUAGES.length),
    languagePenalty: new Float64Array(1 << LANGUAGES.length),
    modalityValue: new Float64Array(3),
  };
  private rankStamp = 0;
  private readonly sections: MandateSections | null;
  /** Σ of every weight: the weight that applies to a State's offer with stated languages. */
  private readonly totalWeight: number;
  /** 1 / the weight that applies to an offer, by 2 × (a State's offer) + (languages stated on both sides). */
  private readonly perApplicable = new Float64Array(4);

  constructor(options: EngineOptions) {
    const now = dayNumber(options.now);
    if (Number.isNaN(now))
      throw new MatchingInputError('options', [`now must be a valid ISO date (got ${JSON.stringify(options.now)})`]);
    this.weights = resolveWeights(options.weights);
    this.maxCandidates = options.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
    if (!Number.isInteger(this.maxCandidates) || this.maxCandidates < 1) {
      throw new MatchingInputError('options', ['maxCandidates must be a whole number ≥ 1']);
    }
    if (options.abstainBelow !== undefined && !(options.abstainBelow >= 0 && options.abstainBelow <= 1))
      throw new MatchingInputError('options', ['abstainBelow must be between 0 and 1']);
    this.abstention = Object.freeze(
      options.abstention
        ? { ...DEFAULT_ABSTENTION, ...options.abstention }
        : options.abstainBelow !== undefined
          ? { ...NO_ABSTENTION, belowScore: options.abstainBelow }
          : { ...DEFAULT_ABSTENTION },
    );
    const a = this.abstention;
    if (!(a.belowScore >= 0 && a.belowScore <= 1) || !(a.belowText >= 0 && a.belowText <= 1))
      throw new MatchingInputError('options', ['abstention thresholds must be between 0 and 1']);
    const unknown = options.unknownValue ?? DEFAULT_UNKNOWN_VALUE;
    if (!(unknown >= 0 && unknown <= 1))
      throw new MatchingInputError('options', ['unknownValue must be between 0 and 1']);
    this.validateOptions = { knownMandates: options.knownMandates ? new Set(options.knownMandates) : undefined };
    this.stats = options.textStats ?? TextStats.empty();
    this.fixedStats = options.textStats !== undefined;
    this.nowIso = options.now;
    this.sections = options.mandateSections ? mandateSections(options.mandateSections) : null;
    this.ctx = scoreContext(now, this.weights, unknown, this.peers, this.sections);
    this.offerIndex = new OfferIndex(now);
    this.offerIndex.setSections(this.sections?.sectionOf ?? null);
    this.totalWeight = CRITERIA.reduce((sum, c) => sum + this.weights[c], 0);
    const w = this.ctx.weightVector;
    for (const state of [0, 1]) {
      for (const language of [0, 1]) {
        const applicable = this.totalWeight - (state ? 0 : w[I.peer]) - (language ? 0 : w[I.language]);
        this.perApplicable[state * 2 + language] = applicable > 0 ? 1 / applicable : 0;
      }
    }
  }

  /** The score threshold of the abstention rule. */
  get abstainBelow(): number {
    return this.abstention.belowScore;
  }

  get now(): string {
    return this.nowIso;
  }

  /** The text statistics in use; pass them to another engine to reproduce its scores exactly. */
  get textStats(): TextStats {
    return this.stats;
  }

  // -------------------------------------------------------------------------------------------------------
  // Bulk

  /**
   * Replaces everything with the input, builds the text statistics from its disclosed descriptions (unless
   * they were given in the options) and ranks every request.
   */
  load(input: EngineInput, options: { textStats?: TextStats } = {}): UpdateResult {
    const requests = (input.requests ?? []).map((r) =>
      this.checked('request', r.id, validateRequest(r, this.validateOptions)),
    );
    const offers = (input.offers ?? []).map((o) => this.checked('offer', o.id, validateOffer(o, this.validateOptions)));
    const signals = (input.signals ?? []).map((s) =>
      this.checked('signal', s.id ?? s.organizationId, validatePeerSignal(s, this.validateOptions)),
    );
    const before = new Map([...this.rankingState].map(([id, s]) => [id, s.top]));
    this.clear();

    const disclosedRequests = requests.map(discloseRequest).filter((r): r is AssistanceRequest => r !== null);
    const disclosedOffers = offers.map(discloseOffer).filter((o): o is CooperationOffer => o !== null);
    const disclosedSignals: Array<{ key: string; signal: PeerSignal | null }> = signals.map((s) => ({
      key: signalKey(s),
      signal: discloseSignal(s),
    }));

    const stats = options.textStats ?? (this.fixedStats ? this.stats : null);
    const provisional = stats ?? TextStats.empty();
    for (const r of disclosedRequests) this.storeRequest(r, provisional);
    for (const o of disclosedOffers) this.storeOffer(o, provisional);
    for (const { key, signal } of disclosedSignals) if (signal) this.storeSignal(key, signal, provisional);
    if (stats) this.stats = stats;
    else this.refreshStats();
    for (const org of this.signalsByOrg.keys()) this.rebuildProfile(org);

    const changed: string[] = [];
    for (const [id, req] of [...this.requests].sort(byKey)) {
      const top = this.rank(req);
      this.rankingState.set(id, { top, described: null });
      const old = before.get(id);
      if (!old || !samePairs(old, top)) changed.push(id);
    }
    for (const id of before.keys()) if (!this.requests.has(id)) changed.push(id);
    return { changed: changed.sort(), examined: this.requests.size };
  }

  /**
   * The nightly job: ranks every request again, optionally with a new `now` and with text statistics rebuilt
   * from the current descriptions.
   */
  recomputeAll(options: { now?: string; refreshTextStats?: boolean } = {}): UpdateResult {
    if (options.now !== undefined) {
      const now = dayNumber(options.now);
      if (Number.isNaN(now))
        throw new MatchingInputError('options', [`now must be a valid ISO date (got ${JSON.stringify(options.now)})`]);
      this.nowIso = options.now;
      this.ctx = scoreContext(now, this.weights, this.ctx.unknown, this.peers, this.sections);
      this.offerIndex.setNow(now);
    }
    if (options.refreshTextStats) this.refreshStats();
    const changed: string[] = [];
    for (const req of this.sortedRequests()) {
      const id = req.id;
      const state = this.rankingState.get(id);
      const top = this.rank(req);
      if (!state) {
        changed.push(id);
        this.rankingState.set(id, { top, described: null });
      } else {
        if (!samePairs(state.top, top)) changed.push(id);
        state.top = top;
        state.described = null;
      }
    }
    return { changed, examined: this.requests.size };
  }

  private sortedRequests(): readonly RequestView[] {
    if (!this.sortedViews) this.sortedViews = [...this.requests.values()].sort((a, b) => byId(a.id, b.id));
    return this.sortedViews;
  }

  // -------------------------------------------------------------------------------------------------------
  // Incremental updates

  upsertRequest(input: AssistanceRequest): UpdateResult {
    const valid = this.checked('request', input?.id, validateRequest(input, this.validateOptions));
    const disclosed = discloseRequest(valid);
    const source = disclosed ? JSON.stringify(disclosed) : null;
    if (source !== null && this.requestSource.get(valid.id) === source) return { changed: [], examined: 0 };
    const had = this.dropRequest(valid.id);
    if (!disclosed) return { changed: had ? [valid.id] : [], examined: 0 };
    const req = this.storeRequest(disclosed, this.stats);
    this.rankingState.set(req.id, { top: this.rank(req), described: null });
    return { changed: [req.id], examined: 1 };
  }

  removeRequest(id: string): UpdateResult {
    return { changed: this.dropRequest(id) ? [id] : [], examined: 0 };
  }

  upsertOffer(input: CooperationOffer): UpdateResult {
    const valid = this.checked('offer', input?.id, validateOffer(input, this.validateOptions));
    const disclosed = discloseOffer(valid);
    if (!disclosed) return this.removeOffer(valid.id);
    const source = JSON.stringify(disclosed);
    if (this.offerSource.get(valid.id) === source) return { changed: [], examined: 0 };
    const old = this.offerIndex.get(valid.id);
    const view = this.storeOffer(disclosed, this.stats);
    return this.afterOfferChange(old, view);
  }

  removeOffer(id: string): UpdateResult {
    const old = this.offerIndex.remove(id);
    this.offerSource.delete(id);
    if (!old) return { changed: [], examined: 0 };
    return this.afterOfferChange(old, undefined);
  }

  upsertPeerSignal(input: PeerSignal): UpdateResult {
    const valid = this.checked(
      'signal',
      input?.id ?? input?.organizationId,
      validatePeerSignal(input, this.validateOptions),
    );
    const key = signalKey(valid);
    const disclosed = discloseSignal(valid);
    if (!disclosed) return this.removePeerSignal(key);
    const source = JSON.stringify(disclosed);
    if (this.signalSource.get(key) === source) return { changed: [], examined: 0 };
    const old = this.signals.get(key);
    const orgs = new Set([valid.organizationId, ...(old ? [old.organizationId] : [])]);
    const before = this.profileMandates(orgs);
    if (old) this.dropSignal(key);
    this.storeSignal(key, disclosed, this.stats);
    for (const org of orgs) this.rebuildProfile(org);
    return this.afterSignalChange(orgs, before);
  }

  /** Removes a signal by its key (its id, or `organization|mandate|kind`) or by the signal itself. */
  removePeerSignal(keyOrSignal: string | PeerSignal): UpdateResult {
    const key = typeof keyOrSignal === 'string' ? keyOrSignal : signalKey(keyOrSignal);
    const old = this.signals.get(key);
    if (!old) return { changed: [], examined: 0 };
    const orgs = new Set([old.organizationId]);
    const before = this.profileMandates(orgs);
    this.dropSignal(key);
    this.rebuildProfile(old.organizationId);
    return this.afterSignalChange(orgs, before);
  }

  private profileMandates(orgs: ReadonlySet<string>): Set<number> {
    const mandates = new Set<number>();
    for (const org of orgs) for (const m of this.peers.get(org)?.mandates ?? []) mandates.add(m);
    return mandates;
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading

  ranking(requestId: string): RequestRanking | undefined {
    const req = this.requests.get(requestId);
    const state = this.rankingState.get(requestId);
    if (!req || !state) return undefined;
    if (!state.described) {
      state.described = state.top.map((pair) =>
        describe(
          pair,
          req,
          pair.offerId !== undefined ? this.offerIndex.get(pair.offerId)! : null,
          this.ctx,
          this.abstention,
        ),
      );
    }
    const candidates = [...state.described];
    const abstained = !candidates.some((c) => !c.weak);
    return {
      requestId,
      organizationId: req.organizationId,
      status: req.status,
      candidates,
      abstained,
      missing: abstained ? this.missingFor(req, candidates) : [],
    };
  }

  /**
   * What a request without a good counterpart lacks, for the broker: no offer of another organization on its
   * mandates at all, offers there but none with a place left, candidates but none sharing a working language,
   * or candidates that fit too weakly. Only for abstained requests, so it may walk the mandate's offers again.
   */
  private missingFor(req: RequestView, candidates: readonly Candidate[]): MissingReason[] {
    const index = this.offerIndex;
    const c = index.columns;
    const g = index.gather(req, true);
    const requester = index.organizationNumber(req.organizationId);
    let others = 0;
    let withPlaces = 0;
    for (let j = 0; j < g.count; j++) {
      const slot = g.slots[j];
      if (c.organizationNumber[slot] === requester) continue;
      others++;
      if (c.remaining[slot] > 0) withPlaces++;
    }
    const missing: MissingReason[] = [];
    if (others === 0) missing.push('no_offer_on_mandate');
    else if (withPlaces === 0) missing.push('capacity_exhausted');
    const sharing = candidates.filter((x) => !x.needsInterpretation);
    if (candidates.length && !sharing.length) missing.push('no_shared_language');
    if (sharing.length && sharing.every((x) => x.modalityConflict)) missing.push('modality_conflict');
    if (sharing.some((x) => !x.modalityConflict) || (candidates.length && !missing.length)) missing.push('weak_fit');
    return missing;
  }

  /** Every ranking, by request id. */
  rankings(): RequestRanking[] {
    return [...this.rankingState.keys()].sort().map((id) => this.ranking(id)!);
  }

  /** The top pairs of a request without explanations (cheap; what the benchmark compares). */
  topPairs(requestId: string): readonly ScoredPair[] {
    return this.rankingState.get(requestId)?.top ?? [];
  }

  /** Remaining capacity of every disclosed offer, for the allocation. */
  offerCapacities(): Array<{ id: string; capacity: number; activeMatches: number }> {
    return this.offerIndex
      .all()
      .map((o) => ({ id: o.id, capacity: o.capacity, activeMatches: o.capacity - o.remaining }));
  }

  /** Internal views, for the naive reference scorer in tests and the benchmark. */
  snapshot(): { requests: RequestView[]; offers: OfferView[]; peers: PeerProfile[]; context: ScoreContext } {
    return {
      requests: [...this.requests.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      offers: this.offerIndex.all(),
      peers: [...this.peers.values()].sort((a, b) => (a.organizationId < b.organizationId ? -1 : 1)),
      context: this.ctx,
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Ranking one request

  /**
   * Exact top k of one request. Candidates come from the indexes with the sum of their cheap criteria
   * (`partial`); the most text can add is its weight, so `partial + w_text` bounds the score. Candidates are
   * visited by decreasing bound (in bands); a candidate whose bound is below the k-th best estimate so far is
   * skipped, and once a whole band is, the rest are too. The others get their text relevance, and the exact
   * pairs are built by the shared scoring functions for the estimates that can be in the top k. Offers on a
   * neighbouring mandate are retrieved last, from the text, with the least relevance that could still reach the
   * k-th key of the others (neighbourMinText; OfferIndex.gatherNeighbours). EPSILON
   * absorbs the rounding between a bound, an estimate and the exact sum (about 1e-16); skipped candidates
   * cannot be in the exact top k, ties included.
   */
  private rank(req: RequestView): ScoredPair[] {
    let neighbours = this.neighboursOf.get(req);
    if (!neighbours) {
      neighbours = this.sections ? neighbourMandates(req.mandates, this.sections) : [];
      this.neighboursOf.set(req, neighbours);
    }
    // The request's vector spread into a dense array: one read per offer term scores an offer's text.
    const vector = req.vector;
    let dense = this.dense;
    if (vector) {
      if (dense.length < this.vocabulary.size)
        dense = this.dense = new Float64Array(Math.max(this.vocabulary.size, dense.length * 2));
      for (let i = 0; i < vector.ids.length; i++) dense[vector.ids[i]] = vector.weights[i];
    }
    const top = this.rankGathered(req, neighbours, dense);
    if (vector) for (let i = 0; i < vector.ids.length; i++) dense[vector.ids[i]] = 0;
    return top;
  }

  private rankGathered(req: RequestView, neighbours: readonly number[], dense: Float64Array): ScoredPair[] {
    const ctx = this.ctx;
    const w = ctx.weightVector;
    const wText = w[I.text];
    const k = this.maxCandidates;
    const index = this.offerIndex;
    const c = index.columns;
    const vector = req.vector;
    let g = index.gather(req);
    this.counters.pairsBounded += g.count;
    // Bounds of the text relevance of every offer from the postings of the request's rarer terms (no relevance is
    // computed): the least any of them is told apart from is what a neighbour needs at the least.
    index.textBounds(req, NEIGHBOUR_MIN_TEXT);
    const buf = this.buffers;
    buf.profiles.length = 0;
    this.ensureBuffers(g.count + this.peers.size);
    // Stamps by organization number: "has an eligible offer here" and "evidence computed for this request".
    const stamp = ++this.rankStamp;
    const requester = index.organizationNumber(req.organizationId);
    // Peers not yet numbered get numbers below: at most one each.
    const orgCount = index.organizationCount + this.peers.size;
    if (buf.offerStamp.length < orgCount) {
      const size = Math.max(orgCount, buf.offerStamp.length * 2);
      buf.offerStamp = new Int32Array(size);
      buf.evidenceStamp = new Int32Array(size);
      buf.evidence = new Float64Array(size);
      const evidenceNow = new Float64Array(size);
      evidenceNow.set(buf.evidenceNow);
      buf.evidenceNow = evidenceNow;
    }
    for (const num of buf.evidenceSet) buf.evidenceNow[num] = 0;
    buf.evidenceSet.length = 0;
    const offerStamp = buf.offerStamp;
    const evidenceStamp = buf.evidenceStamp;
    const evidence = buf.evidence;

    // Per request: evidence of the States that could offer peer support here.
    const peerOrgs: string[] = [];
    for (const m of req.mandates) {
      for (const org of this.peersByMandate.on(m)) {
        const num = index.organizationNumber(org);
        if (evidenceStamp[num] === stamp) continue;
        evidenceStamp[num] = stamp;
        evidence[num] = peerEvidenceValue(this.peers.get(org), req.mandates);
        buf.evidenceNow[num] = evidence[num];
        buf.evidenceSet.push(num);
        peerOrgs.push(org);
      }
    }

    // Offers on a requested mandate, then States suggested from their evidence unless they have an eligible offer
    // here; candidates [0, offerCount) are offers, [offerCount, peerEnd) States, [peerEnd, n) neighbours (below).
    let n = this.boundOffers(req, g, 0, 0, stamp, requester);
    const offerCount = n;
    const partials = buf.partials;
    const textWeights = buf.textWeights;
    const slots = buf.slots;
    const knownText = buf.knownText;
    const textBounds = buf.textBound;
    const values = this.scratch;
    for (const org of peerOrgs) {
      if (offerStamp[index.organizationNumber(org)] === stamp) continue;
      const profile = this.peers.get(org)!;
      this.counters.pairsBounded++;
      const mask = peerStructure(req, profile, ctx, values);
      if (mask < 0) continue;
      buf.profiles.push(profile);
      const applicable = applicableWeight(mask, w);
      const inv = applicable > 0 ? 1 / applicable : 0;
      partials[n] = partialScore(values, ctx, mask) * inv - (needsInterpretation(values, mask) ? LANGUAGE_TIER_GAP : 0);
      textBounds[n] = 1;
      textWeights[n++] = wText * inv;
    }
    const peerEnd = n;
    const top: ScoredPair[] = [];
    if (n === 0 && !(neighbours.length && vector)) return top;

    // Candidates by decreasing bound, coarsely: a counting sort into BUCKETS bands of the bound (partial + the most
    // text can add), which is at most 1; candidates needing interpretation have negative bounds and all fall in
    // band 0. Once a band's ceiling is below the k-th key, no candidate in it or below can enter.
    const counts = buf.bucketCounts;
    counts.fill(0);
    const bucketOf = buf.bucketOf.length >= n ? buf.bucketOf : (buf.bucketOf = new Int32Array(n * 2));
    for (let i = 0; i < n; i++) {
      const bound = partials[i] + textWeights[i] * textBounds[i];
      const b = bound > 0 ? (bound < 1 ? (bound * BUCKETS) | 0 : BUCKETS - 1) : 0;
      bucketOf[i] = b;
      counts[b + 1]++;
    }
    for (let b = 0; b < BUCKETS; b++) counts[b + 1] += counts[b];
    const order = buf.order.length >= n ? buf.order : (buf.order = new Int32Array(n * 2));
    for (let i = 0; i < n; i++) order[counts[bucketOf[i]]++] = i;
    // counts[b] is now the end of band b in `order`; band b starts where band b - 1 ends.

    // Text relevance in that order, keeping the k best estimates (partial + text, which equal the exact
    // scores up to rounding) to prune with; exact pairs are built at the end, only for the estimates that
    // can be in the top k.
    const arenaIds = index.arenaIds;
    const arenaWeights = index.arenaWeights;
    const vectorStart = c.vectorStart;
    const vectorLength = c.vectorLength;
    let estimates = buf.estimates.length >= n ? buf.estimates : (buf.estimates = new Float64Array(n * 2));
    const passing = buf.passing;
    passing.length = 0;
    const best = buf.best;
    best.length = 0;
    let threshold = Number.NEGATIVE_INFINITY;
    const consider = (i: number, estimate: number) => {
      estimates[i] = estimate;
      passing.push(i);
      if (best.length < k || estimate > best[0]) {
        if (best.length === k) best.shift();
        let at = 0;
        while (at < best.length && best[at] < estimate) at++;
        best.splice(at, 0, estimate);
        if (best.length === k) threshold = best[0];
      }
    };
    let scored = 0;
    bands: for (let b = BUCKETS - 1; b >= 0; b--) {
      if (b < BUCKETS - 1 && (b + 1) / BUCKETS + 2 * EPSILON < threshold) break;
      const end = counts[b];
      for (let r = b > 0 ? counts[b - 1] : 0; r < end; r++) {
        const i = order[r];
        if (partials[i] + textWeights[i] * textBounds[i] + EPSILON < threshold) continue;
        scored++;
        let text = 0;
        if (i < offerCount) {
          const slot = slots[i];
          const length = vectorLength[slot];
          if (vector && length > 0) {
            // cosine(request, offer) term by term in the offer's key order: bit-identical to text.ts cosine().
            const start = vectorStart[slot];
            let dot = 0;
            for (let p = start; p < start + length; p++) dot += dense[arenaIds[p]] * arenaWeights[p];
            text = dot > 1 ? 1 : dot;
          }
          knownText[i] = text;
        } else {
          text = peerTextRelevance(req, buf.profiles[i - offerCount]);
        }
        const estimate = partials[i] + textWeights[i] * text;
        if (estimate + EPSILON < threshold) continue;
        consider(i, estimate);
      }
      if (threshold === Number.POSITIVE_INFINITY) break bands;
    }
    this.counters.pairsScored += scored;

    // Offers on a neighbouring mandate of the same section (item 5) come from the text, once the k-th best key of
    // the others is known: only those whose text bound reaches what a neighbour needs to be a candidate and to beat
    // that key are retrieved, then bounded like the others; the relevance of those whose bound can still enter is
    // computed, and they are kept like the others.
    if (neighbours.length && vector) {
      const minText = this.neighbourMinText(threshold);
      if (minText <= 1) {
        const from = g.count;
        g = index.gatherNeighbours(req, neighbours, minText);
        this.counters.pairsBounded += g.count - from;
        if (g.count > from) {
          this.ensureBuffers(n + g.count - from);
          const end = this.boundOffers(req, g, from, n, stamp, requester);
          if (buf.estimates.length < end) {
            const grown = new Float64Array(end * 2);
            grown.set(estimates);
            estimates = buf.estimates = grown;
          }
          const nPartials = buf.partials;
          const nTextWeights = buf.textWeights;
          const nKnownText = buf.knownText;
          const nSlots = buf.slots;
          let neighboursScored = 0;
          for (let i = n; i < end; i++) {
            // knownText holds the bound from the retrieval until the relevance is computed.
            if (nPartials[i] + nTextWeights[i] * nKnownText[i] + EPSILON < threshold) continue;
            neighboursScored++;
            const slot = nSlots[i];
            const start = vectorStart[slot];
            let dot = 0;
            for (let p = start; p < start + vectorLength[slot]; p++) dot += dense[arenaIds[p]] * arenaWeights[p];
            const text = dot > 1 ? 1 : dot;
            nKnownText[i] = text;
            if (!(text >= minText)) continue;
            const estimate = nPartials[i] + nTextWeights[i] * text;
            if (estimate + EPSILON < threshold) continue;
            consider(i, estimate);
          }
          this.counters.pairsScored += neighboursScored;
          n = end;
        }
      }
    }

    const previous = this.rankingState.get(req.id)?.top;
    for (let x = 0; x < passing.length; x++) {
      const i = passing[x];
      if (estimates[i] + EPSILON < threshold) continue;
      if (i < offerCount || i >= peerEnd) this.exactOfferPair(req, i, stamp, top, previous);
      else {
        // A State suggested from its evidence: few per request, scored by the shared function.
        const pair = scorePeerPair(req, buf.profiles[i - offerCount], ctx);
        if (pair) insertTop(top, pair, k);
      }
    }
    return top;
  }

  /**
   * The exact pair of offer candidate `i`, built from what the bound and the text pass already hold (shared
   * mandates and types, the text relevance) and the index columns, with the same values, in the same order and with
   * the same floating-point operations as scoreOfferPair (offerStructure, then normalizedScore): the scores are
   * bit-identical to the reference scorer's, which the tests and the benchmark check pair by pair. Only a pair that
   * enters the top k is allocated.
   */
  private exactOfferPair(
    req: RequestView,
    i: number,
    stamp: number,
    top: ScoredPair[],
    previous: readonly ScoredPair[] | undefined,
  ): void {
    const ctx = this.ctx;
    const w = ctx.weightVector;
    const buf = this.buffers;
    const c = this.offerIndex.columns;
    const k = this.maxCandidates;
    const slot = buf.slots[i];
    const shared = buf.shared[i];
    const neighbour = shared === 0;
    const text = buf.knownText[i];
    // scoreOfferPair: a neighbour must be relevant enough by its text (retrieval already asked at least that).
    if (neighbour && !(text >= NEIGHBOUR_MIN_TEXT)) return;
    const values = this.exactValues;
    const requested = req.mandates.length;
    const offered = c.mandateCount[slot];
    const requestedTypes = req.types.length;
    const state = c.peerState[slot] === 1;
    const num = c.organizationNumber[slot];
    const offerLanguages = c.languageMask[slot];
    const om = c.modality[slot];
    const modality = MODALITY_CODE[req.modality];
    values[I.mandate] = neighbour ? NEIGHBOUR_MANDATE_VALUE : requested > 0 ? shared / requested : 0;
    values[I.focus] = offered > 0 ? shared / offered : 0;
    values[I.type] = requestedTypes > 0 ? buf.types[i] / requestedTypes : 0;
    values[I.language] = languageFitMasks(req.firstLanguage, req.languageMask, offerLanguages, ctx.unknown);
    values[I.modality] = modality === 2 || om === 2 || modality === om ? 1 : 0;
    values[I.text] = text;
    values[I.peer] = state && buf.evidenceStamp[num] === stamp ? buf.evidence[num] : 0;
    values[I.commitment] = 1;
    values[I.capacity] = c.capacityValue[slot];
    values[I.period] = req.period
      ? periodFit(req.period, nullable(c.validFrom[slot]), nullable(c.validTo[slot]), ctx.now)
      : c.periodNow[slot];
    values[I.funding] = c.funding[slot];
    let mask = state ? APPLIES_STATE_OFFER : APPLIES_JSWG_OFFER;
    if (req.languageMask === 0 || offerLanguages === 0) mask &= ~LANGUAGE_BIT_MASK;
    // normalizedScore, operation for operation.
    let sum = 0;
    let weight = 0;
    for (let x = 0; x < values.length; x++) {
      if (!(mask & (1 << x))) continue;
      sum += w[x] * values[x];
      weight += w[x];
    }
    const score = weight > 0 ? sum / weight : 0;
    const tier = mask & LANGUAGE_BIT_MASK && values[I.language] === 0 ? 1 : 0;
    const offer = this.offerIndex.at(slot);
    if (top.length >= k) {
      const last = top[top.length - 1];
      // comparePairs(candidate, last) >= 0: it cannot enter.
      if (
        tier !== last.tier ? tier > last.tier : score !== last.score ? score < last.score : offer.id >= last.candidateId
      )
        return;
    }
    // The same pair as in the previous ranking (the usual case in a recompute): kept, not allocated again. That
    // ranking is sorted by comparePairs, so a binary search on (tier, score, id) finds it.
    if (previous) {
      let lo = 0;
      let hi = previous.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const o = previous[mid];
        const before = o.tier !== tier ? o.tier < tier : o.score !== score ? o.score > score : o.candidateId < offer.id;
        if (before) lo = mid + 1;
        else hi = mid;
      }
      const old = lo < previous.length ? previous[lo] : undefined;
      if (
        old &&
        old.score === score &&
        old.tier === tier &&
        old.candidateId === offer.id &&
        old.applicable === mask &&
        old.kind === 'offer' &&
        old.organizationId === offer.organizationId &&
        old.neighbour === neighbour &&
        sameValues(old.values, values)
      ) {
        insertTop(top, old, k);
        return;
      }
    }
    const pair: ScoredPair = {
      candidateId: offer.id,
      kind: 'offer',
      organizationId: offer.organizationId,
      values: copyValues(values),
      applicable: mask,
      tier,
      neighbour,
      score,
    };
    pair.offerId = offer.id;
    insertTop(top, pair, k);
  }

  /**
   * The least text relevance an offer on a neighbouring mandate needs: NEIGHBOUR_MIN_TEXT to be a candidate and,
   * once the k-th best key so far is `threshold`, enough for its score to reach that key. Its cheap criteria are
   * at most those of a perfect offer on another mandate of the section (mandate NEIGHBOUR_MANDATE_VALUE, no
   * focus), whichever criteria apply to it (a State's offer or not, languages stated or not). Above 1: none can.
   */
  private neighbourMinText(threshold: number): number {
    if (!(threshold > Number.NEGATIVE_INFINITY)) return NEIGHBOUR_MIN_TEXT;
    const w = this.ctx.weightVector;
    const wText = w[I.text];
    const base =
      w[I.mandate] * NEIGHBOUR_MANDATE_VALUE +
      w[I.type] +
      w[I.modality] +
      w[I.commitment] +
      w[I.capacity] +
      w[I.period] +
      w[I.funding];
    // A margin well above the rounding between a bound, an estimate and an exact score.
    const reach = threshold - 4 * EPSILON;
    let need = Number.POSITIVE_INFINITY;
    for (const state of [false, true]) {
      for (const language of [false, true]) {
        const raw = base + (state ? w[I.peer] : 0) + (language ? w[I.language] : 0);
        const applicable = this.totalWeight - (state ? 0 : w[I.peer]) - (language ? 0 : w[I.language]);
        let text: number;
        if (!(applicable > 0)) text = reach <= 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
        else if (wText > 0) text = (reach * applicable - raw) / wText;
        else text = raw / applicable >= reach ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
        if (text < need) need = text;
      }
    }
    return Math.max(NEIGHBOUR_MIN_TEXT, need - 1e-9);
  }

  /**
   * Bounds the gathered offers [from, g.count) into the candidates from `n` on and returns the new count: the cheap
   * criteria from the index columns, with the same criteria, applicability and eligibility as offerStructure
   * (score.ts), normalised by the weight of what applies, minus the language tier's gap. The sum is only a bound
   * here, the exact score comes from scoreOfferPair.
   */
  private boundOffers(
    req: RequestView,
    g: Gathered,
    from: number,
    n: number,
    stamp: number,
    requester: number,
  ): number {
    const ctx = this.ctx;
    const w = ctx.weightVector;
    const c = this.offerIndex.columns;
    const buf = this.buffers;
    const requested = req.mandates.length;
    const requestedTypes = req.types.length;
    // Bounds and estimates only: a product by a reciprocal differs from the quotient by a rounding, far below EPSILON.
    const perRequested = requested > 0 ? 1 / requested : 0;
    const perRequestedType = requestedTypes > 0 ? 1 / requestedTypes : 0;
    const modality = MODALITY_CODE[req.modality];
    const unknown = ctx.unknown;
    const now = ctx.now;
    const need = req.period;
    const needFrom = need ? need.from : 0;
    const needTo = need ? need.to : 0;
    const needLength = needTo - needFrom + 1;
    const firstLanguage = req.firstLanguage;
    const reqLanguages = req.languageMask;
    // By the offer's language set: languageFitMasks, whether the criterion applies (1) and the tier's gap; by the
    // offer's modality code: modalityFit.
    const languageValue = buf.languageValue;
    const languageApplies = buf.languageApplies;
    const languagePenalty = buf.languagePenalty;
    for (let mask = 0; mask < languageValue.length; mask++) {
      const applies = reqLanguages !== 0 && mask !== 0;
      const value = !applies ? unknown : mask & firstLanguage ? 1 : reqLanguages & mask ? 0.75 : 0;
      languageValue[mask] = value;
      languageApplies[mask] = applies ? 1 : 0;
      languagePenalty[mask] = applies && value === 0 ? LANGUAGE_TIER_GAP : 0;
    }
    const modalityValue = buf.modalityValue;
    for (let om = 0; om < 3; om++) modalityValue[om] = modality === 2 || om === 2 || modality === om ? 1 : 0;
    // Imported bindings are read through a getter each time in the CommonJS the benchmark and the tests run
    // (tsx, vitest): the hot loop below reads local copies instead (a quarter of a recompute went to getters).
    const neighbourValue = NEIGHBOUR_MANDATE_VALUE;
    const wText = w[I.text];
    const wMandate = w[I.mandate];
    const wFocus = w[I.focus];
    const wType = w[I.type];
    const wLanguage = w[I.language];
    const wModality = w[I.modality];
    const wPeer = w[I.peer];
    const wCommitment = w[I.commitment];
    const wCapacity = w[I.capacity];
    const wPeriod = w[I.period];
    const wFunding = w[I.funding];
    // 1 / Σ weight of what applies, by (a State's offer, languages on both sides): four cases.
    const perApplicable = this.perApplicable;
    const remaining = c.remaining;
    const organizationNumber = c.organizationNumber;
    const validFrom = c.validFrom;
    const validTo = c.validTo;
    const periodNow = c.periodNow;
    const offerModality = c.modality;
    const peerState = c.peerState;
    const languageMask = c.languageMask;
    const perMandate = c.perMandate;
    const capacityValue = c.capacityValue;
    const funding = c.funding;
    const gSlots = g.slots;
    const gShared = g.sharedMandates;
    const gTypes = g.sharedTypes;
    const gText = g.text;
    const offerStamp = buf.offerStamp;
    const evidenceNow = buf.evidenceNow;
    const partials = buf.partials;
    const textWeights = buf.textWeights;
    const knownText = buf.knownText;
    const sharedOut = buf.shared;
    const typesOut = buf.types;
    const textBoundOut = buf.textBound;
    const index = this.offerIndex;
    const slots = buf.slots;
    for (let j = from; j < g.count; j++) {
      const slot = gSlots[j];
      const num = organizationNumber[slot];
      if (remaining[slot] <= 0 || num === requester) continue;
      let period: number;
      if (need) {
        // periodFit(need, validFrom, validTo, now), with NaN for "not stated".
        const vf = validFrom[slot];
        const vt = validTo[slot];
        if (vt < now) continue;
        const overlap = (vt < needTo ? vt : needTo) - (vf > needFrom ? vf : needFrom) + 1;
        if (!(overlap > 0)) continue;
        period = overlap < needLength ? overlap / needLength : 1;
      } else {
        period = periodNow[slot];
        if (!(period > 0)) continue;
      }
      const shared = gShared[j];
      const neighbour = shared === 0;
      const state = peerState[slot];
      const offerLanguages = languageMask[slot];
      // Tables by the offer's language set and modality (filled for this request above): no branch on random data.
      const raw =
        wMandate * (neighbour ? neighbourValue : shared * perRequested) +
        wFocus * (shared * perMandate[slot]) +
        wType * (gTypes[j] * perRequestedType) +
        wLanguage * languageValue[offerLanguages] +
        wModality * modalityValue[offerModality[slot]] +
        wPeer * (state * evidenceNow[num]) +
        wCommitment +
        wCapacity * capacityValue[slot] +
        wPeriod * period +
        wFunding * funding[slot];
      const inv = perApplicable[state * 2 + languageApplies[offerLanguages]];
      partials[n] = raw * inv - languagePenalty[offerLanguages];
      textWeights[n] = wText * inv;
      knownText[n] = neighbour ? gText[j] : 0;
      textBoundOut[n] = neighbour ? gText[j] : index.textBound(slot);
      sharedOut[n] = shared;
      typesOut[n] = gTypes[j];
      slots[n++] = slot;
      // Only an offer on a requested mandate hides the State's evidence-based suggestion (as in rankAllPairs).
      if (!neighbour) offerStamp[num] = stamp;
    }
    return n;
  }

  private ensureBuffers(size: number): void {
    const buf = this.buffers;
    if (buf.partials.length >= size) return;
    const n = Math.max(size, buf.partials.length * 2);
    // Grown during a ranking too (when neighbours are added), so the contents are kept.
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    buf.partials = grow(buf.partials, (m) => new Float64Array(m));
    buf.textWeights = grow(buf.textWeights, (m) => new Float64Array(m));
    buf.knownText = grow(buf.knownText, (m) => new Float64Array(m));
    buf.slots = grow(buf.slots, (m) => new Int32Array(m));
    buf.shared = grow(buf.shared, (m) => new Int32Array(m));
    buf.textBound = grow(buf.textBound, (m) => new Float64Array(m));
    buf.types = grow(buf.types, (m) => new Int32Array(m));
  }

  // -------------------------------------------------------------------------------------------------------
  // What an update touches

  private afterOfferChange(old: OfferView | undefined, next: OfferView | undefined): UpdateResult {
    const mandates = new Set([...(old?.mandates ?? []), ...(next?.mandates ?? [])]);
    // Requests on a mandate of the same section may list it as a neighbour (item 5).
    for (const m of neighbourMandates([...mandates], this.sections)) mandates.add(m);
    const affected = this.requestsByMandate.union(mandates);
    const id = (old ?? next)!.id;
    const orgs = [...new Set([old?.organizationId, next?.organizationId].filter((o): o is string => !!o))];
    const changed: string[] = [];
    const k = this.maxCandidates;
    for (const requestId of affected) {
      const req = this.requests.get(requestId)!;
      const state = this.rankingState.get(requestId)!;
      const listed = state.top.some((p) => p.candidateId === id);
      // A State's offer hides its evidence-based suggestion: when that State has evidence here, rank again.
      const peerInvolved = orgs.some((org) => this.peers.get(org)?.mandates.some((m) => req.mandates.includes(m)));
      if (listed || peerInvolved) {
        const top = this.rank(req);
        const nowListed = top.some((p) => p.candidateId === id);
        if (!samePairs(state.top, top) || listed || nowListed) changed.push(requestId);
        this.rankingState.set(requestId, { top, described: null });
        continue;
      }
      if (!next) continue;
      // The offer was not listed, so the rest of the list stands: only the new version can enter it.
      this.counters.pairsScored++;
      const pair = scoreOfferPair(req, next, this.ctx);
      if (pair && (state.top.length < k || comparePairs(pair, state.top[k - 1]) < 0)) {
        const top = [...state.top];
        insertTop(top, pair, k);
        this.rankingState.set(requestId, { top, described: null });
        changed.push(requestId);
      }
    }
    return { changed: changed.sort(), examined: affected.length };
  }

  /**
   * A State's evidence changed: every request on a mandate of its profile, before or after, may rank it
   * differently (its focus criterion depends on all the mandates it has evidence on), and so may requests
   * listing its peer-support offers.
   */
  private afterSignalChange(orgs: ReadonlySet<string>, mandatesBefore: ReadonlySet<number>): UpdateResult {
    const mandates = new Set(mandatesBefore);
    for (const m of this.profileMandates(orgs)) mandates.add(m);
    const affected = this.requestsByMandate.union(mandates);
    const changed: string[] = [];
    for (const requestId of affected) {
      const req = this.requests.get(requestId)!;
      const state = this.rankingState.get(requestId)!;
      const top = this.rank(req);
      const shows = (list: readonly ScoredPair[]) => list.some((p) => orgs.has(p.organizationId));
      if (!samePairs(state.top, top) || shows(state.top) || shows(top)) changed.push(requestId);
      this.rankingState.set(requestId, { top, described: null });
    }
    return { changed: changed.sort(), examined: affected.length };
  }

  // -------------------------------------------------------------------------------------------------------
  // Storage

  private checked<T>(what: string, id: unknown, result: { ok: true; value: T } | { ok: false; errors: string[] }): T {
    if (result.ok) return result.value;
    const label = typeof id === 'string' && id ? `${what} ${JSON.stringify(id)}` : what;
    throw new MatchingInputError(label, result.errors);
  }

  private clear(): void {
    for (const id of [...this.requests.keys()]) this.dropRequest(id);
    for (const o of this.offerIndex.all()) this.offerIndex.remove(o.id);
    this.offerSource.clear();
    for (const key of [...this.signals.keys()]) this.dropSignal(key);
    for (const org of [...this.peers.keys()]) this.rebuildProfile(org);
    this.rankingState.clear();
  }

  private storeRequest(r: AssistanceRequest, stats: TextStats): RequestView {
    const view = requestView(r, this.analyzer, stats, this.vocabulary);
    this.sortedViews = null;
    this.requests.set(view.id, view);
    this.requestSource.set(view.id, JSON.stringify(r));
    this.requestsByMandate.add(view.id, view.mandates);
    return view;
  }

  private dropRequest(id: string): boolean {
    const old = this.requests.get(id);
    if (!old) return false;
    this.requestsByMandate.remove(id, old.mandates);
    this.requests.delete(id);
    this.sortedViews = null;
    this.requestSource.delete(id);
    this.rankingState.delete(id);
    return true;
  }

  private storeOffer(o: CooperationOffer, stats: TextStats): OfferView {
    const view = offerView(o, this.analyzer, stats, this.vocabulary);
    this.offerIndex.upsert(view);
    this.offerSource.set(view.id, JSON.stringify(o));
    return view;
  }

  private storeSignal(key: string, s: PeerSignal, stats: TextStats): SignalView {
    const view = { ...signalView(s, this.analyzer, stats, this.vocabulary), key };
    this.signals.set(key, view);
    this.signalSource.set(key, JSON.stringify(s));
    let keys = this.signalsByOrg.get(view.organizationId);
    if (!keys) this.signalsByOrg.set(view.organizationId, (keys = new Set()));
    keys.add(key);
    return view;
  }

  private dropSignal(key: string): void {
    const old = this.signals.get(key);
    if (!old) return;
    this.signals.delete(key);
    this.signalSource.delete(key);
    const keys = this.signalsByOrg.get(old.organizationId);
    keys?.delete(key);
    if (keys && keys.size === 0) this.signalsByOrg.delete(old.organizationId);
  }

  private rebuildProfile(org: string): void {
    const old = this.peers.get(org);
    if (old) this.peersByMandate.remove(org, old.mandates);
    const keys = this.signalsByOrg.get(org);
    const profile = keys
      ? buildPeerProfile(
          org,
          [...keys].map((k) => this.signals.get(k)!),
        )
      : null;
    if (profile) {
      this.peers.set(org, profile);
      this.peersByMandate.add(org, profile.mandates);
    } else {
      this.peers.delete(org);
    }
  }

  /** Document frequencies from every disclosed text, then every vector again. */
  private refreshStats(): void {
    const docs: AnalyzedText[] = [];
    for (const r of this.requests.values()) if (r.doc) docs.push(r.doc);
    for (const o of this.offerIndex.all()) if (o.doc) docs.push(o.doc);
    for (const s of this.signals.values()) if (s.doc) docs.push(s.doc);
    this.stats = TextStats.fromDocuments(docs);
    for (const [id, r] of this.requests) this.requests.set(id, revectorize(r, this.stats, this.vocabulary));
    this.sortedViews = null;
    for (const o of this.offerIndex.all()) this.offerIndex.upsert(revectorize(o, this.stats, this.vocabulary));
    for (const [key, s] of this.signals) this.signals.set(key, revectorize(s, this.stats, this.vocabulary));
    for (const org of this.signalsByOrg.keys()) this.rebuildProfile(org);
  }
}

/** A plain array of the values, as scoreOfferPair gives (Array.from on a typed array is slow). */
function copyValues(values: Float64Array): number[] {
  const out = new Array<number>(values.length).fill(0);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

function sameValues(a: readonly number[], b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
