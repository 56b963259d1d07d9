/**
 * A proposed allocation of open requests to offers for the Secretariat: each request gets at most one offer,
 * no offer gets more requests than its remaining capacity, and the total score is the largest possible.
 *
 * Method: min-cost flow with successive shortest paths (source → request, capacity 1; request → offer,
 * capacity 1, cost −score scaled to an integer; offer → sink, capacity = places left). Costs are integers so
 * the optimum is exact for the scaled scores. Dijkstra runs on reduced costs with Johnson potentials, which
 * start from the shortest paths of the initial graph (a DAG numbered in layers, so one pass in node order
 * gives them), and stops when it settles the sink. Augmenting stops as soon as the cheapest path no longer
 * lowers the cost: the cost of a min-cost flow is convex in the flow value, so that flow has the minimum cost
 * of all flows, i.e. the maximum total score.
 *
 * Each request also has a "no offer" edge to the sink (cost 0), and the flow routes every request's unit from
 * that request (FlowGraph.routeEach): each search starts at one request and stops at the sink, so it explores
 * only what is cheaper than leaving that request unassigned. Measured in the bench: 8,000 open requests over
 * 2,000 offers in about 2 s, where the searches from the source (kept as method 'from-source' to cross-check the
 * optimum) took about 25 s.
 */
import type { RequestRanking, RequestStatus } from './types';

export interface OfferCapacity {
  id: string;
  capacity: number;
  activeMatches: number;
  withheld?: boolean;
}

export interface AllocationOptions {
  /** Request statuses to allocate (default: open only). */
  statuses?: readonly RequestStatus[];
  /** Scores are multiplied by this and rounded to integer costs (default 1e6). */
  scale?: number;
  /**
   * 'per-request' (default): a shortest-path search from each request in turn; 'from-source': the searches from
   * the source this module used before issue 16, kept to cross-check the optimum (tests, bench).
   */
  method?: 'per-request' | 'from-source';
}

export interface Assignment {
  requestId: string;
  offerId: string;
  score: number;
}

export interface Allocation {
  /** Sorted by request id. */
  assignments: Assignment[];
  /** Requests that got no offer, sorted. */
  unassigned: string[];
  totalScore: number;
  /** Σ of the integer-scaled scores of the assignments: what the optimisation maximised exactly. */
  totalScaled: number;
  /** Per offer: places used by this allocation and places that were left before it. */
  load: Array<{ offerId: string; assigned: number; remaining: number }>;
}

export const DEFAULT_SCALE = 1e6;

export function allocate(
  rankings: Iterable<RequestRanking>,
  offers: Iterable<OfferCapacity>,
  options: AllocationOptions = {},
): Allocation {
  const statuses = options.statuses ?? ['open'];
  const scale = options.scale ?? DEFAULT_SCALE;
  const remaining = new Map<string, number>();
  for (const o of offers) {
    if (o.withheld) continue;
    remaining.set(o.id, Math.max(0, Math.floor(o.capacity - o.activeMatches)));
  }
  const requests = [...rankings]
    .filter((r) => statuses.includes(r.status))
    .sort((a, b) => cmp(a.requestId, b.requestId));
  const offerIds = [...remaining.keys()].filter((id) => remaining.get(id)! > 0).sort(cmp);
  // Nodes in layers: source 0, requests 1..R, offers R+1..R+O, sink R+O+1.
  const offerNode = new Map(offerIds.map((id, i) => [id, 1 + requests.length + i]));
  const source = 0;
  const sink = 1 + requests.length + offerIds.length;
  const g = new FlowGraph(sink + 1);

  const edgeInfo: Array<{ edge: number; requestId: string; offerId: string; score: number; scaled: number }> = [];
  requests.forEach((r, i) => {
    g.addEdge(source, 1 + i, 1, 0);
    // Leaving the request without an offer: cost 0, so a request takes an offer only when it adds score.
    g.addEdge(1 + i, sink, 1, 0);
    const seen = new Set<string>();
    for (const c of r.candidates) {
      // A weak candidate (below the abstention threshold) is never allocated: better no proposal than a bad one.
      if (c.kind !== 'offer' || c.weak || c.offerId === undefined || seen.has(c.offerId)) continue;
      const node = offerNode.get(c.offerId);
      const scaled = Math.round(c.score * scale);
      if (node === undefined || scaled <= 0) continue;
      seen.add(c.offerId);
      edgeInfo.push({
        edge: g.addEdge(1 + i, node, 1, -scaled),
        requestId: r.requestId,
        offerId: c.offerId,
        score: c.score,
        scaled,
      });
    }
  });
  offerIds.forEach((id, j) => g.addEdge(1 + requests.length + j, sink, remaining.get(id)!, 0));

  if (options.method === 'from-source') g.minCostFlow(source, sink, requests.length);
  else
    g.routeEach(
      source,
      sink,
      requests.map((_, i) => 1 + i),
    );

  const assignments: Assignment[] = [];
  let totalScore = 0;
  let totalScaled = 0;
  const used = new Map<string, number>();
  for (const e of edgeInfo) {
    if (g.flowOn(e.edge) !== 1) continue;
    assignments.push({ requestId: e.requestId, offerId: e.offerId, score: e.score });
    used.set(e.offerId, (used.get(e.offerId) ?? 0) + 1);
    totalScaled += e.scaled;
  }
  assignments.sort((a, b) => cmp(a.requestId, b.requestId));
  for (const a of assignments) totalScore += a.score;
  const assigned = new Set(assignments.map((a) => a.requestId));
  return {
    assignments,
    unassigned: requests.map((r) => r.requestId).filter((id) => !assigned.has(id)),
    totalScore,
    totalScaled,
    load: [...remaining.keys()]
      .sort(cmp)
      .map((offerId) => ({ offerId, assigned: used.get(offerId) ?? 0, remaining: remaining.get(offerId)! })),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A residual graph with integer capacities and costs. Edge e and e ^ 1 are each other's reverse. */
class FlowGraph {
  private readonly head: Int32Array;
  private readonly to: number[] = [];
  private readonly next: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];
  private readonly original: number[] = [];

  constructor(private readonly n: number) {
    this.head = new Int32Array(n).fill(-1);
  }

  addEdge(from: number, to: number, capacity: number, cost: number): number {
    const e = this.to.length;
    this.push(from, to, capacity, cost);
    this.push(to, from, 0, -cost);
    this.original[e] = capacity;
    return e;
  }

  private push(from: number, to: number, capacity: number, cost: number): void {
    this.to.push(to);
    this.cap.push(capacity);
    this.cost.push(cost);
    this.next.push(this.head[from]);
    this.head[from] = this.to.length - 1;
  }

  flowOn(e: number): number {
    return this.original[e] - this.cap[e];
  }

  /**
   * Successive shortest paths from one request at a time (issue 16: 8,000 × 2,000 took 25 s with searches from
   * the source, which scan every unassigned request's edges each time). Every request sends its unit to the sink,
   * through an offer or through its own "no offer" edge of cost 0, so the flow that routes all of them at minimum
   * cost is the allocation with the largest total score. Augmenting along a shortest path from any node with
   * supply keeps a min-cost flow minimal (no negative cycle appears), so the order of the requests changes
   * nothing in the optimum. Each search starts at its request and stops at the sink, which the request reaches
   * directly: it only explores the part of the graph that is cheaper than leaving the request unassigned.
   * Potentials start as in minCostFlow (shortest paths of the initial DAG from the source).
   */
  routeEach(source: number, sink: number, starts: readonly number[]): void {
    const n = this.n;
    const INF = Number.POSITIVE_INFINITY;
    const potential = new Float64Array(n).fill(INF);
    potential[source] = 0;
    for (let u = 0; u < n; u++) {
      if (potential[u] === INF) continue;
      for (let e = this.head[u]; e !== -1; e = this.next[e]) {
        if (this.cap[e] <= 0) continue;
        const d = potential[u] + this.cost[e];
        if (d < potential[this.to[e]]) potential[this.to[e]] = d;
      }
    }
    for (let u = 0; u < n; u++) if (potential[u] === INF) potential[u] = 0;

    const dist = new Float64Array(n).fill(INF);
    const prevEdge = new Int32Array(n).fill(-1);
    const done = new Uint8Array(n);
    const reached: number[] = [];
    const heap = new MinHeap();
    for (const start of starts) {
      for (const v of reached) {
        dist[v] = INF;
        prevEdge[v] = -1;
        done[v] = 0;
      }
      reached.length = 0;
      dist[start] = 0;
      reached.push(start);
      heap.clear();
      heap.push(0, start);
      while (heap.size) {
        const u = heap.pop();
        const d = heap.lastKey;
        if (done[u] || d > dist[u]) continue;
        done[u] = 1;
        if (u === sink) break;
        for (let e = this.head[u]; e !== -1; e = this.next[e]) {
          if (this.cap[e] <= 0) continue;
          const v = this.to[e];
          // The source is only where the potentials start from: no path goes through it.
          if (done[v] || v === source) continue;
          const nd = d + this.cost[e] + potential[u] - potential[v];
          if (nd < dist[v]) {
            if (dist[v] === INF) reached.push(v);
            dist[v] = nd;
            prevEdge[v] = e;
            heap.push(nd, v);
          }
        }
      }
      if (!done[sink]) throw new Error('allocation: a request cannot reach the sink (its "no offer" edge is missing)');
      const toSink = dist[sink];
      for (const v of reached) if (done[v]) potential[v] += dist[v] - toSink;
      for (let v = sink; v !== start; v = this.to[prevEdge[v] ^ 1]) {
        this.cap[prevEdge[v]] -= 1;
        this.cap[prevEdge[v] ^ 1] += 1;
      }
    }
  }

  /**
   * Successive shortest paths while they lower the cost. Nodes are numbered in the layers of the initial
   * DAG (source < requests < offers < sink), so one pass in node order gives the initial potentials.
   */
  minCostFlow(source: number, sink: number, maxFlow: number): void {
    const n = this.n;
    const INF = Number.POSITIVE_INFINITY;
    const potential = new Float64Array(n).fill(INF);
    potential[source] = 0;
    for (let u = 0; u < n; u++) {
      if (potential[u] === INF) continue;
      for (let e = this.head[u]; e !== -1; e = this.next[e]) {
        if (this.cap[e] <= 0) continue;
        const d = potential[u] + this.cost[e];
        if (d < potential[this.to[e]]) potential[this.to[e]] = d;
      }
    }
    for (let u = 0; u < n; u++) if (potential[u] === INF) potential[u] = 0;

    const dist = new Float64Array(n).fill(INF);
    const prevEdge = new Int32Array(n).fill(-1);
    const done = new Uint8Array(n);
    const reached: number[] = [];
    const heap = new MinHeap();
    let flow = 0;
    while (flow < maxFlow) {
      // Reset only what the previous search touched.
      for (const v of reached) {
        dist[v] = INF;
        prevEdge[v] = -1;
        done[v] = 0;
      }
      reached.length = 0;
      dist[source] = 0;
      reached.push(source);
      heap.clear();
      heap.push(0, source);
      while (heap.size) {
        const u = heap.pop();
        const d = heap.lastKey;
        if (done[u] || d > dist[u]) continue;
        done[u] = 1;
        // Stop at the sink: its distance is final, and that is all an augmentation needs.
        if (u === sink) break;
        for (let e = this.head[u]; e !== -1; e = this.next[e]) {
          if (this.cap[e] <= 0) continue;
          const v = this.to[e];
          if (done[v]) continue;
          const nd = d + this.cost[e] + potential[u] - potential[v];
          if (nd < dist[v]) {
            if (dist[v] === INF) reached.push(v);
            dist[v] = nd;
            prevEdge[v] = e;
            heap.push(nd, v);
          }
        }
      }
      if (!done[sink]) break;
      const toSink = dist[sink];
      // The true cost of the path; stop when it no longer lowers the total cost (scores are all positive).
      if (toSink + potential[sink] - potential[source] >= 0) break;
      // Johnson potentials with an early stop: settled nodes move by (distance − distance to the sink), the
      // others by 0 (a uniform shift of "every node by min(distance, distance to the sink)"); reduced costs
      // of every residual edge stay ≥ 0 because true distances beyond the sink are at least the sink's.
      for (const v of reached) if (done[v]) potential[v] += dist[v] - toSink;
      let push = maxFlow - flow;
      for (let v = sink; v !== source; v = this.to[prevEdge[v] ^ 1]) push = Math.min(push, this.cap[prevEdge[v]]);
      for (let v = sink; v !== source; v = this.to[prevEdge[v] ^ 1]) {
        this.cap[prevEdge[v]] -= push;
        this.cap[prevEdge[v] ^ 1] += push;
      }
      flow += push;
    }
  }
}

/**
 * Binary min-heap of (distance, node) in growable typed arrays; equal distances pop the smaller node first, so
 * runs are reproducible. pop() returns the node and leaves its distance in `lastKey` (no tuple per pop: the
 * allocation pops hundreds of thousands of entries).
 */
class MinHeap {
  private keys = new Float64Array(64);
  private nodes = new Int32Array(64);
  private length = 0;
  lastKey = 0;

  get size(): number {
    return this.length;
  }

  clear(): void {
    this.length = 0;
  }

  push(key: number, node: number): void {
    if (this.length === this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.nodes.length * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    const keys = this.keys;
    const nodes = this.nodes;
    let i = this.length++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!(key < keys[p] || (key === keys[p] && node < nodes[p]))) break;
      keys[i] = keys[p];
      nodes[i] = nodes[p];
      i = p;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  pop(): number {
    const keys = this.keys;
    const nodes = this.nodes;
    const top = nodes[0];
    this.lastKey = keys[0];
    const n = --this.length;
    if (n > 0) {
      const key = keys[n];
      const node = nodes[n];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let m = l;
        if (r < n && (keys[r] < keys[l] || (keys[r] === keys[l] && nodes[r] < nodes[l]))) m = r;
        if (!(keys[m] < key || (keys[m] === key && nodes[m] < node))) break;
        keys[i] = keys[m];
        nodes[i] = nodes[m];
        i = m;
      }
      keys[i] = key;
      nodes[i] = node;
    }
    return top;
  }
}
