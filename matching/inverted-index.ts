/**
 * Inverted indexes of the offers: by mandate, and by (mandate, assistance type). For one request, walking the
 * postings of its mandates gives every offer sharing a mandate with it and how many; walking the postings of
 * its (mandate, type) pairs gives, divided by that count, how many requested types each offer has. No pair
 * is looked at unless it shares a mandate, which every candidate must.
 *
 * Beside the postings, the index keeps per-offer columns (typed arrays by slot) of what the cheap criteria
 * need, so that bounding hundreds of candidates per request reads a few small arrays instead of chasing
 * hundreds of objects through memory.
 */
import type { OfferView, RequestView } from './model';
import { capacityLeft, periodFit } from './score';
import { ASSISTANCE_TYPES, type AssistanceType, type Modality } from './types';

const TYPE_INDEX: Record<AssistanceType, number> = Object.fromEntries(ASSISTANCE_TYPES.map((t, i) => [t, i])) as Record<
  AssistanceType,
  number
>;
const typeKey = (mandate: number, type: AssistanceType) => mandate * 8 + TYPE_INDEX[type];

export const MODALITY_CODE: Readonly<Record<Modality, number>> = { in_person: 0, virtual: 1, either: 2 };

/** Candidates of one request, filled by OfferIndex.gather; valid until the next call. */
export interface Gathered {
  count: number;
  slots: Int32Array;
  sharedMandates: Int32Array;
  sharedTypes: Int32Array;
}

export class OfferIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly views: Array<OfferView | undefined> = [];
  private readonly free: number[] = [];
  private readonly byMandate = new Map<number, number[]>();
  private readonly byMandateType = new Map<number, number[]>();
  private mandateHits = new Int32Array(64);
  private typeHits = new Int32Array(64);
  private readonly gathered: Gathered = {
    count: 0,
    slots: new Int32Array(64),
    sharedMandates: new Int32Array(64),
    sharedTypes: new Int32Array(64),
  };

  /** Columns by slot. `periodNow` is periodFit for a request without a stated period, at `now`. */
  readonly columns = {
    organization: [] as string[],
    /** Small integer per organization (see organizationNumber), for stamp arrays instead of sets. */
    organizationNumber: new Int32Array(64),
    peerState: new Uint8Array(64),
    mandateCount: new Int32Array(64),
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

  constructor(private now: number) {}

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

  /** A new `now` changes which offers are current. */
  setNow(now: number): void {
    this.now = now;
    for (const slot of this.slotOf.values()) this.fillPeriod(slot);
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
    c.languageMask[slot] = view.languageMask;
    c.modality[slot] = MODALITY_CODE[view.modality];
    c.remaining[slot] = view.remaining;
    c.capacity[slot] = view.capacity;
    c.capacityValue[slot] = capacityLeft(view.remaining, view.capacity);
    c.funding[slot] = view.funding === null ? 0 : 1;
    c.validFrom[slot] = view.validFrom ?? Number.NaN;
    c.validTo[slot] = view.validTo ?? Number.NaN;
    this.fillPeriod(slot);
    this.storeVector(slot, view);
    for (const m of view.mandates) {
      add(this.byMandate, m, slot);
      for (const t of view.types) add(this.byMandateType, typeKey(m, t), slot);
    }
    return old;
  }

  remove(id: string): OfferView | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    const view = this.views[slot]!;
    for (const m of view.mandates) {
      drop(this.byMandate, m, slot);
      for (const t of view.types) drop(this.byMandateType, typeKey(m, t), slot);
    }
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
    }
    this.arenaUsed += length;
    this.arenaLive += length;
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
   * Every offer sharing at least one mandate with the request, with the number of shared mandates and of
   * shared assistance types, both read from the postings. The order is arbitrary: rankings are by score,
   * then id, so it changes nothing.
   */
  gather(req: RequestView): Gathered {
    const mandateHits = this.mandateHits;
    const typeHits = this.typeHits;
    const out = this.gathered;
    let count = 0;
    for (const m of req.mandates) {
      const postings = this.byMandate.get(m);
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
    for (const m of req.mandates) {
      for (const t of req.types) {
        const postings = this.byMandateType.get(typeKey(m, t));
        if (!postings) continue;
        for (let i = 0; i < postings.length; i++) typeHits[postings[i]]++;
      }
    }
    const slots = out.slots;
    for (let j = 0; j < count; j++) {
      const slot = slots[j];
      const shared = mandateHits[slot];
      out.sharedMandates[j] = shared;
      // Each shared type was counted once per shared mandate.
      out.sharedTypes[j] = typeHits[slot] / shared;
      mandateHits[slot] = 0;
      typeHits[slot] = 0;
    }
    return out;
  }

  /**
   * Appends to the last gather() the offers on `neighbours` (mandates of the request's sections that it did not
   * ask for) that share no requested mandate, with 0 shared mandates and their shared types counted from the
   * offers' own types. Item 5 of issue 16: candidates beyond the exact mandate.
   */
  gatherNeighbours(req: RequestView, neighbours: readonly number[]): Gathered {
    const out = this.gathered;
    const seen = this.mandateHits;
    let count = out.count;
    const first = count;
    for (let j = 0; j < count; j++) seen[out.slots[j]] = 1;
    for (const m of neighbours) {
      const postings = this.byMandate.get(m);
      if (!postings) continue;
      for (let i = 0; i < postings.length; i++) {
        const slot = postings[i];
        if (seen[slot] !== 0) continue;
        seen[slot] = 1;
        if (count === out.slots.length) this.growGathered();
        out.slots[count++] = slot;
      }
    }
    for (let j = 0; j < count; j++) seen[out.slots[j]] = 0;
    for (let j = first; j < count; j++) {
      const view = this.views[out.slots[j]]!;
      out.sharedMandates[j] = 0;
      let shared = 0;
      for (let x = req.typeMask & view.typeMask; x; x &= x - 1) shared++;
      out.sharedTypes[j] = shared;
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
  }

  private ensure(size: number): void {
    if (size <= this.mandateHits.length) return;
    let n = this.mandateHits.length;
    while (n < size) n *= 2;
    this.mandateHits = new Int32Array(n);
    this.typeHits = new Int32Array(n);
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
    c.languageMask = growI(c.languageMask);
    c.modality = growI(c.modality);
    c.remaining = growI(c.remaining);
    c.capacity = growI(c.capacity);
    c.capacityValue = growF(c.capacityValue);
    c.funding = growU(c.funding);
    c.validFrom = growF(c.validFrom);
    c.validTo = growF(c.validTo);
    c.periodNow = growF(c.periodNow);
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
