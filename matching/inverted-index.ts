/**
 * Inverted indexes of the offers: by mandate, and by term of their descriptions. For one request, walking the
 * postings of its mandates gives every offer sharing a mandate with it and how many; the shared assistance types
 * come from the type bit sets (an offer has the same types on each of its mandates). No pair is looked at unless it
 * shares a mandate or is retrieved by its text as a neighbour (gatherNeighbours).
 *
 * Beside the postings, the index keeps per-offer columns (typed arrays by slot) of what the cheap criteria
 * need, so that bounding hundreds of candidates per request reads a few small arrays instead of chasing
 * hundreds of objects through memory.
 */
import { popcount, type OfferView, type RequestView } from './model';
import { capacityLeft, periodFit } from './score';
import type { Modality } from './types';

/** Added to a text bound: far above the rounding of a sum of a few dozen products in [0, 1]. */
const TEXT_MARGIN = 1e-9;

/** Bits set in each byte, for counting shared assistance types. */
const BITS_IN_BYTE = Uint8Array.from({ length: 256 }, (_, i) => popcount(i));
const bitCount = (x: number) => (x < 256 ? BITS_IN_BYTE[x] : popcount(x));

export const MODALITY_CODE: Readonly<Record<Modality, number>> = { in_person: 0, virtual: 1, either: 2 };

/** Candidates of one request, filled by OfferIndex.gather; valid until the next call. */
export interface Gathered {
  count: number;
  slots: Int32Array;
  sharedMandates: Int32Array;
  sharedTypes: Int32Array;
  /** From gatherNeighbours: the text relevance of each candidate it appended (computed to retrieve it). */
  text: Float64Array;
  /** Text relevances computed to retrieve neighbours (the pairs fully scored on the way). */
  textScored: number;
}

export class OfferIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly views: Array<OfferView | undefined> = [];
  private readonly free: number[] = [];
  private readonly byMandate = new Map<number, number[]>();
  /**
   * The same for the offers that can be proposed at all (a place left, not expired at `now`; see isLive): what a
   * ranking walks. Over a third of the offers of a catalogue are full or expired, and no ranking can list them.
   * The text postings below hold only these too.
   */
  private readonly liveByMandate = new Map<number, number[]>();
  private mandateHits = new Int32Array(64);
  private readonly gathered: Gathered = {
    count: 0,
    slots: new Int32Array(64),
    sharedMandates: new Int32Array(64),
    sharedTypes: new Int32Array(64),
    text: new Float64Array(64),
    textScored: 0,
  };
  /**
   * Text postings by vocabulary id: the slots of the offers whose vector has the term and its weight there, and the
   * largest such weight (recomputed from the postings when a removal may have lowered it).
   */
  private readonly termSlots: number[][] = [];
  private readonly termWeights: number[][] = [];
  private termMax = new Float64Array(256);
  private termStale = new Uint8Array(256);
  /** By slot: the stamp of the gather that found it on a requested mandate, or as a possible neighbour. */
  private exactStamp = new Int32Array(64);
  private neighbourStamp = new Int32Array(64);
  private stamp = 0;
  private termOrder: number[] = [];
  /**
   * By slot (2 slot and 2 slot + 1): an offer's dot product with the request over the terms textBounds() walked and
   * its squared length over them; the slots walked.
   */
  private accumulator = new Float64Array(128);
  private touched = new Int32Array(64);
  private termBound: number[] = [];
  /** By slot: the stamp of the textBounds() call whose postings reached it; the last call's stamp and results. */
  private touchedStamp = new Int32Array(64);
  private boundStamp = 0;
  private reached = 0;
  private inSection = new Int32Array(64);
  private reachedInSection = 0;
  private restSum = 0;
  private restLength = 0;
  private untouchedBound = 0;

  /** Columns by slot. `periodNow` is periodFit for a request without a stated period, at `now`. */
  readonly columns = {
    organization: [] as string[],
    /** Small integer per organization (see organizationNumber), for stamp arrays instead of sets. */
    organizationNumber: new Int32Array(64),
    peerState: new Uint8Array(64),
    mandateCount: new Int32Array(64),
    /** 1 / mandateCount (0 without mandates). */
    perMandate: new Float64Array(64),
    languageMask: new Int32Array(64),
    modality: new Int32Array(64),
    remaining: new Int32Array(64),
    capacity: new Int32Array(64),
    /** capacityLeft(remaining, capacity). */
    capacityValue: new Float64Array(64),
    funding: new Uint8Array(64),
    validFrom: new Float64Array(64),
    validTo: new Float64Array(64),
    periodNow: new Float64Array(64),
    /** Bit set of the assistance types (OfferView.typeMask). */
    typeMask: new Int32Array(64),
    /** Bit set of the sections of its mandates (see setSections; 0 without sections). */
    sectionMask: new Int32Array(64),
    /** Where the offer's text vector sits in the arena (length 0: no text). */
    vectorStart: new Int32Array(64),
    vectorLength: new Int32Array(64),
  };

  /**
   * Every offer's text vector, vocabulary ids and weights, back to back: scoring an offer's text reads one
   * contiguous run instead of three objects. Runs of removed offers are reclaimed by compaction.
   */
  arenaIds = new Int32Array(1024);
  arenaWeights = new Float64Array(1024);
  private arenaUsed = 0;
  private arenaLive = 0;

  private readonly organizationNumbers = new Map<string, number>();
  /** A bit per section, by mandate (null without sections, or with more than 31 of them). */
  private sectionBits: ReadonlyMap<number, number> | null = null;

  constructor(private now: number) {}

  /**
   * The section of each mandate, so that gatherNeighbours can tell an offer on a neighbouring mandate by a bit test.
   * Without it (or with more than 31 sections) it marks the offers of the neighbouring mandates instead.
   */
  setSections(sectionOf: ReadonlyMap<number, string> | null): void {
    const names = sectionOf ? [...new Set(sectionOf.values())].sort() : [];
    if (!sectionOf || names.length === 0 || names.length > 31) {
      this.sectionBits = null;
    } else {
      const bitOf = new Map(names.map((name, i) => [name, 1 << i]));
      this.sectionBits = new Map([...sectionOf].map(([m, name]) => [m, bitOf.get(name)!]));
    }
    for (const slot of this.slotOf.values())
      this.columns.sectionMask[slot] = this.sectionsOf(this.views[slot]!.mandates);
  }

  private sectionsOf(mandates: readonly number[]): number {
    const bits = this.sectionBits;
    if (!bits) return 0;
    let mask = 0;
    for (const m of mandates) mask |= bits.get(m) ?? 0;
    return mask;
  }

  /** A small integer for an organization id, stable for the life of the index. */
  organizationNumber(id: string): number {
    let n = this.organizationNumbers.get(id);
    if (n === undefined) {
      n = this.organizationNumbers.size;
      this.organizationNumbers.set(id, n);
    }
    return n;
  }

  get organizationCount(): number {
    return this.organizationNumbers.size;
  }

  get size(): number {
    return this.slotOf.size;
  }

  get(id: string): OfferView | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.views[slot];
  }

  at(slot: number): OfferView {
    return this.views[slot]!;
  }

  all(): OfferView[] {
    return [...this.slotOf.keys()].sort().map((id) => this.get(id)!);
  }

  /** A new `now` changes which offers are current, and so which can be proposed at all. */
  setNow(now: number): void {
    this.now = now;
    for (const slot of this.slotOf.values()) this.fillPeriod(slot);
    this.liveByMandate.clear();
    for (let t = 0; t < this.termSlots.length; t++) {
      this.termSlots[t] = [];
      this.termWeights[t] = [];
    }
    this.termMax.fill(0);
    this.termStale.fill(0);
    const c = this.columns;
    for (const slot of this.slotOf.values()) {
      if (!this.isLive(slot)) continue;
      for (const m of this.views[slot]!.mandates) add(this.liveByMandate, m, slot);
      const start = c.vectorStart[slot];
      for (let p = start; p < start + c.vectorLength[slot]; p++)
        this.addTerm(this.arenaIds[p], slot, this.arenaWeights[p]);
    }
  }

  /**
   * An offer with a place left that has not expired at `now`: the others are never eligible (offerStructure), so
   * rankings need not look at them.
   */
  private isLive(slot: number): boolean {
    return this.columns.remaining[slot] > 0 && !(this.columns.validTo[slot] < this.now);
  }

  upsert(view: OfferView): OfferView | undefined {
    const old = this.remove(view.id);
    const slot = this.free.length ? this.free.pop()! : this.views.length;
    this.ensure(slot + 1);
    this.views[slot] = view;
    this.slotOf.set(view.id, slot);
    const c = this.columns;
    c.organization[slot] = view.organizationId;
    c.organizationNumber[slot] = this.organizationNumber(view.organizationId);
    c.peerState[slot] = view.kind === 'peer_state' ? 1 : 0;
    c.mandateCount[slot] = view.mandates.length;
    c.perMandate[slot] = view.mandates.length > 0 ? 1 / view.mandates.length : 0;
    c.languageMask[slot] = view.languageMask;
    c.modality[slot] = MODALITY_CODE[view.modality];
    c.typeMask[slot] = view.typeMask;
    c.sectionMask[slot] = this.sectionsOf(view.mandates);
    c.remaining[slot] = view.remaining;
    c.capacity[slot] = view.capacity;
    c.capacityValue[slot] = capacityLeft(view.remaining, view.capacity);
    c.funding[slot] = view.funding === null ? 0 : 1;
    c.validFrom[slot] = view.validFrom ?? Number.NaN;
    c.validTo[slot] = view.validTo ?? Number.NaN;
    this.fillPeriod(slot);
    this.storeVector(slot, view);
    for (const m of view.mandates) add(this.byMandate, m, slot);
    if (this.isLive(slot)) for (const m of view.mandates) add(this.liveByMandate, m, slot);
    return old;
  }

  remove(id: string): OfferView | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    const view = this.views[slot]!;
    for (const m of view.mandates) {
      drop(this.byMandate, m, slot);
      drop(this.liveByMandate, m, slot);
    }
    const v = view.vector;
    if (v) for (let i = 0; i < v.ids.length; i++) this.dropTerm(v.ids[i], slot);
    this.views[slot] = undefined;
    this.slotOf.delete(id);
    this.free.push(slot);
    this.arenaLive -= this.columns.vectorLength[slot];
    this.columns.vectorLength[slot] = 0;
    return view;
  }

  private storeVector(slot: number, view: OfferView): void {
    const v = view.vector;
    const length = v ? v.ids.length : 0;
    if (v && v.ids.length !== v.keys.length) throw new Error('offer vectors need vocabulary ids');
    if (this.arenaUsed + length > this.arenaIds.length) {
      if (this.arenaLive * 2 < this.arenaUsed) this.compact();
      if (this.arenaUsed + length > this.arenaIds.length) {
        const size = Math.max(this.arenaIds.length * 2, this.arenaUsed + length);
        const ids = new Int32Array(size);
        ids.set(this.arenaIds.subarray(0, this.arenaUsed));
        const weights = new Float64Array(size);
        weights.set(this.arenaWeights.subarray(0, this.arenaUsed));
        this.arenaIds = ids;
        this.arenaWeights = weights;
      }
    }
    this.columns.vectorStart[slot] = this.arenaUsed;
    this.columns.vectorLength[slot] = length;
    if (v) {
      this.arenaIds.set(v.ids, this.arenaUsed);
      this.arenaWeights.set(v.weights, this.arenaUsed);
      if (this.isLive(slot)) for (let i = 0; i < length; i++) this.addTerm(v.ids[i], slot, v.weights[i]);
    }
    this.arenaUsed += length;
    this.arenaLive += length;
  }

  private addTerm(term: number, slot: number, weight: number): void {
    if (term >= this.termMax.length) {
      let n = this.termMax.length;
      while (n <= term) n *= 2;
      const max = new Float64Array(n);
      max.set(this.termMax);
      this.termMax = max;
      const stale = new Uint8Array(n);
      stale.set(this.termStale);
      this.termStale = stale;
    }
    let slots = this.termSlots[term];
    if (!slots) {
      // Fill holes so the arrays stay dense (vocabulary ids are small consecutive integers).
      for (let t = this.termSlots.length; t <= term; t++) {
        this.termSlots[t] = [];
        this.termWeights[t] = [];
      }
      slots = this.termSlots[term];
    }
    slots.push(slot);
    this.termWeights[term].push(weight);
    if (weight > this.termMax[term]) this.termMax[term] = weight;
  }

  private dropTerm(term: number, slot: number): void {
    const slots = this.termSlots[term];
    const weights = this.termWeights[term];
    // Only offers that can be proposed are in the text postings (see isLive).
    if (!slots) return;
    const at = slots.lastIndexOf(slot);
    if (at < 0) return;
    if (weights[at] >= this.termMax[term]) this.termStale[term] = 1;
    slots[at] = slots[slots.length - 1];
    weights[at] = weights[weights.length - 1];
    slots.pop();
    weights.pop();
  }

  /** The largest weight of the term in any offer's vector (0 when no offer has it). */
  private maxWeight(term: number): number {
    if (term >= this.termMax.length) return 0;
    if (this.termStale[term] === 1) {
      let max = 0;
      for (const w of this.termWeights[term]) if (w > max) max = w;
      this.termMax[term] = max;
      this.termStale[term] = 0;
    }
    return this.termMax[term];
  }

  private compact(): void {
    let used = 0;
    // In arena order, so that a run only ever moves down over space already copied or freed.
    const slots = [...this.slotOf.values()].sort((a, b) => this.columns.vectorStart[a] - this.columns.vectorStart[b]);
    for (const slot of slots) {
      const start = this.columns.vectorStart[slot];
      const length = this.columns.vectorLength[slot];
      this.arenaIds.copyWithin(used, start, start + length);
      this.arenaWeights.copyWithin(used, start, start + length);
      this.columns.vectorStart[slot] = used;
      used += length;
    }
    this.arenaUsed = used;
    this.arenaLive = used;
  }

  /**
   * Every offer that can be proposed (see isLive; with `everyOffer`, every offer) sharing at least one mandate with
   * the request, with the number of shared mandates and of shared assistance types. The order is arbitrary:
   * rankings are by score, then id, so it changes nothing.
   */
  gather(req: RequestView, everyOffer = false): Gathered {
    const byMandate = everyOffer ? this.byMandate : this.liveByMandate;
    const mandateHits = this.mandateHits;
    const out = this.gathered;
    out.textScored = 0;
    let count = 0;
    for (const m of req.mandates) {
      const postings = byMandate.get(m);
      if (!postings) continue;
      for (let i = 0; i < postings.length; i++) {
        const slot = postings[i];
        if (mandateHits[slot]++ === 0) {
          if (count === out.slots.length) this.growGathered();
          out.slots[count++] = slot;
        }
      }
    }
    out.count = count;
    if (count === 0) return out;
    const slots = out.slots;
    const sharedMandates = out.sharedMandates;
    const sharedTypes = out.sharedTypes;
    const typeMask = this.columns.typeMask;
    const requestTypes = req.typeMask;
    for (let j = 0; j < count; j++) {
      const slot = slots[j];
      sharedMandates[j] = mandateHits[slot];
      // An offer has the same types on each of its mandates: the shared types are those of the two bit sets.
      sharedTypes[j] = bitCount(requestTypes & typeMask[slot]);
      mandateHits[slot] = 0;
    }
    return out;
  }

  /**
   * Upper bounds of the text relevance of the request to every offer, for one request (until the next call): the
   * request's terms are taken by the most each can add to a cosine (its weight × the largest weight of the term in
   * any offer), and the terms that together cannot reach `least` are left out (MaxScore); the postings of the others
   * give each offer sharing one of them its dot product over those terms and the squared length of its vector over
   * them. With the most the skipped terms can then add (at most the sum of their bounds and, by Cauchy–Schwarz, the
   * length of the request's vector over them times what is left of the offer's unit vector), that bounds its
   * relevance (textBound); an offer sharing none of the walked terms is below `least`. No relevance is computed
   * here: the engine computes it (text.ts cosine(), bit for bit) only for the candidates whose bound can still enter.
   */
  textBounds(req: RequestView, least: number): void {
    const stamp = ++this.boundStamp;
    const vector = req.vector;
    this.reached = 0;
    this.reachedInSection = 0;
    if (!vector) {
      this.restSum = 0;
      this.restLength = 0;
      this.untouchedBound = 0;
      return;
    }
    // The request's terms by the most each can add, smallest first (ties by position): an insertion sort, a request
    // has a few dozen terms at most.
    const order = this.termOrder;
    const bound = this.termBound;
    const terms = vector.ids.length;
    order.length = terms;
    bound.length = terms;
    for (let i = 0; i < terms; i++) {
      const b = vector.weights[i] * this.maxWeight(vector.ids[i]);
      bound[i] = b;
      let at = i;
      while (at > 0 && bound[order[at - 1]] > b) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = i;
    }
    // A margin far above the rounding of a sum of a few dozen products in [0, 1].
    const reachable = least - TEXT_MARGIN;
    let skipped = 0;
    let restSum = 0;
    let restSquares = 0;
    while (skipped < order.length) {
      const term = order[skipped];
      const weight = vector.weights[term];
      const sum = restSum + bound[term];
      const squares = restSquares + weight * weight;
      if (Math.min(sum, Math.sqrt(squares)) >= reachable) break;
      restSum = sum;
      restSquares = squares;
      skipped++;
    }
    this.restSum = restSum;
    this.restLength = Math.sqrt(restSquares);
    this.untouchedBound = Math.min(1, Math.min(restSum, this.restLength) + TEXT_MARGIN);
    // By slot, side by side (one cache line): [2 slot] the dot product, [2 slot + 1] the squared length.
    const acc = this.accumulator;
    const touched = this.touched;
    const touchedStamp = this.touchedStamp;
    // The offers reached that have a mandate in a requested mandate's section (the possible neighbours), apart.
    const sectionMask = this.columns.sectionMask;
    const requestSections = this.sectionBits ? this.sectionsOf(req.mandates) : 0;
    const inSection = this.inSection;
    let reached = 0;
    let reachedInSection = 0;
    for (let x = skipped; x < order.length; x++) {
      const term = order[x];
      const postings = this.termSlots[vector.ids[term]];
      if (!postings) continue;
      const weights = this.termWeights[vector.ids[term]];
      const weight = vector.weights[term];
      for (let i = 0; i < postings.length; i++) {
        const slot = postings[i];
        const wo = weights[i];
        if (touchedStamp[slot] === stamp) {
          acc[2 * slot] += weight * wo;
          acc[2 * slot + 1] += wo * wo;
        } else {
          touchedStamp[slot] = stamp;
          acc[2 * slot] = weight * wo;
          acc[2 * slot + 1] = wo * wo;
          touched[reached++] = slot;
          if ((sectionMask[slot] & requestSections) !== 0) inSection[reachedInSection++] = slot;
        }
      }
    }
    this.reached = reached;
    this.reachedInSection = reachedInSection;
  }

  /** The bound of the offer's text relevance from the last textBounds() (in [0, 1]). */
  textBound(slot: number): number {
    if (this.touchedStamp[slot] !== this.boundStamp) return this.untouchedBound;
    const squares = this.accumulator[2 * slot + 1];
    const left = squares < 1 ? Math.sqrt(1 - squares) : 0;
    const b = this.accumulator[2 * slot] + Math.min(this.restSum, this.restLength * left) + TEXT_MARGIN;
    return b < 1 ? b : 1;
  }

  /**
   * Appends to the last gather() the offers on `neighbours` (mandates of the request's sections that it did not
   * ask for) that share no requested mandate and whose description can be about the same thing as the request's:
   * text relevance bound (textBounds, called for this request with at most `minText`) at least `minText` (item 5 of
   * issue 16: candidates beyond the exact mandate, retrieved from the text). Each comes with 0 shared mandates, its
   * shared types, and that bound in `text`; the engine computes the relevance of those whose bound can enter.
   *
   * Only the offers the walked postings reached can qualify (the others are below `minText`). With sections
   * numbered (at most 31), an offer not on a requested mandate is on a neighbouring one exactly when one of its
   * mandates is in a requested mandate's section: a bit test; otherwise the neighbours' postings are marked first.
   * With `minText` ≤ 0 every neighbour qualifies and all of them are appended, with the bound 1.
   */
  gatherNeighbours(req: RequestView, neighbours: readonly number[], minText: number): Gathered {
    const out = this.gathered;
    let count = out.count;
    const first = count;
    out.textScored = 0;
    const stamp = ++this.stamp;
    const exact = this.exactStamp;
    const onNeighbour = this.neighbourStamp;
    const gatheredSlots = out.slots;
    for (let j = 0; j < count; j++) exact[gatheredSlots[j]] = stamp;
    const c = this.columns;
    const requestSections = this.sectionBits ? this.sectionsOf(req.mandates) : 0;
    const marked = !(minText > 0) || requestSections === 0;
    if (marked) {
      for (const m of neighbours) {
        const postings = this.liveByMandate.get(m);
        if (!postings) continue;
        for (let i = 0; i < postings.length; i++) {
          const slot = postings[i];
          if (exact[slot] !== stamp) onNeighbour[slot] = stamp;
        }
      }
    }
    if (!(minText > 0)) {
      // Every neighbour qualifies, whatever its text.
      for (const m of neighbours) {
        for (const slot of this.liveByMandate.get(m) ?? []) {
          if (onNeighbour[slot] !== stamp) continue;
          onNeighbour[slot] = 0;
          if (count === out.slots.length) this.growGathered();
          out.slots[count] = slot;
          out.text[count++] = 1;
        }
      }
    } else if (req.vector) {
      // With sections numbered, the possible neighbours textBounds() reached, apart; otherwise every offer reached.
      const touched = marked ? this.touched : this.inSection;
      const reached = marked ? this.reached : this.reachedInSection;
      for (let x = 0; x < reached; x++) {
        const slot = touched[x];
        if (marked ? onNeighbour[slot] !== stamp : exact[slot] === stamp) continue;
        const bound = this.textBound(slot);
        if (bound < minText) continue;
        if (count === out.slots.length) this.growGathered();
        out.slots[count] = slot;
        out.text[count++] = bound;
      }
    }
    const typeMask = c.typeMask;
    const requestTypes = req.typeMask;
    for (let j = first; j < count; j++) {
      out.sharedMandates[j] = 0;
      out.sharedTypes[j] = bitCount(requestTypes & typeMask[out.slots[j]]);
    }
    out.count = count;
    return out;
  }

  private fillPeriod(slot: number): void {
    const c = this.columns;
    const vf = c.validFrom[slot];
    const vt = c.validTo[slot];
    c.periodNow[slot] = periodFit(null, Number.isNaN(vf) ? null : vf, Number.isNaN(vt) ? null : vt, this.now);
  }

  private growGathered(): void {
    const g = this.gathered;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    g.slots = grow(g.slots);
    g.sharedMandates = grow(g.sharedMandates);
    g.sharedTypes = grow(g.sharedTypes);
    const text = new Float64Array(g.text.length * 2);
    text.set(g.text);
    g.text = text;
  }

  private ensure(size: number): void {
    if (size <= this.mandateHits.length) return;
    let n = this.mandateHits.length;
    while (n < size) n *= 2;
    this.mandateHits = new Int32Array(n);
    const exact = new Int32Array(n);
    exact.set(this.exactStamp);
    this.exactStamp = exact;
    const onNeighbour = new Int32Array(n);
    onNeighbour.set(this.neighbourStamp);
    this.neighbourStamp = onNeighbour;
    this.accumulator = new Float64Array(2 * n);
    this.touched = new Int32Array(n);
    this.inSection = new Int32Array(n);
    const touchedStamp = new Int32Array(n);
    touchedStamp.set(this.touchedStamp);
    this.touchedStamp = touchedStamp;
    const c = this.columns;
    const growI = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const growU = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const growF = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    c.organizationNumber = growI(c.organizationNumber);
    c.peerState = growU(c.peerState);
    c.mandateCount = growI(c.mandateCount);
    c.perMandate = growF(c.perMandate);
    c.languageMask = growI(c.languageMask);
    c.modality = growI(c.modality);
    c.remaining = growI(c.remaining);
    c.capacity = growI(c.capacity);
    c.capacityValue = growF(c.capacityValue);
    c.funding = growU(c.funding);
    c.validFrom = growF(c.validFrom);
    c.validTo = growF(c.validTo);
    c.periodNow = growF(c.periodNow);
    c.typeMask = growI(c.typeMask);
    c.sectionMask = growI(c.sectionMask);
    c.vectorStart = growI(c.vectorStart);
    c.vectorLength = growI(c.vectorLength);
  }
}

// Postings are plain arrays (fast to walk); removal swaps with the last element (updates are rare).
function add(map: Map<number, number[]>, key: number, slot: number): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(slot);
}

function drop(map: Map<number, number[]>, key: number, slot: number): void {
  const list = map.get(key);
  if (!list) return;
  const at = list.indexOf(slot);
  if (at < 0) return;
  list[at] = list[list.length - 1];
  list.pop();
  if (list.length === 0) map.delete(key);
}

/** Keys (request ids or organization ids) by mandate, for finding what an update touches. */
export class MandateIndex {
  private readonly byMandate = new Map<number, Set<string>>();

  add(key: string, mandates: readonly number[]): void {
    for (const m of mandates) {
      let set = this.byMandate.get(m);
      if (!set) this.byMandate.set(m, (set = new Set()));
      set.add(key);
    }
  }

  remove(key: string, mandates: readonly number[]): void {
    for (const m of mandates) {
      const set = this.byMandate.get(m);
      if (!set) continue;
      set.delete(key);
      if (set.size === 0) this.byMandate.delete(m);
    }
  }

  on(mandate: number): ReadonlySet<string> {
    return this.byMandate.get(mandate) ?? EMPTY;
  }

  /** Keys listed under any of the mandates, sorted. */
  union(mandates: Iterable<number>): string[] {
    const out = new Set<string>();
    for (const m of mandates) for (const k of this.on(m)) out.add(k);
    return [...out].sort();
  }
}

const EMPTY: ReadonlySet<string> = new Set();
