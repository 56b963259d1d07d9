/**
 * How many events one socket, and one person across all their sockets, may send (issue 12, item 1). Without it a
 * single signed-in socket could keep the server busy: every DB-backed event (message:send, room:join, room:history,
 * message:edit…) costs queries even when it is refused. The budget is checked before anything else (before the
 * payload is even cleaned or validated), so a refusal costs a map lookup and a few arithmetic operations.
 *
 * Token buckets in memory, per node: a person with tabs on two nodes gets one budget per node. That is deliberate —
 * this guards a node's own event loop and database pool, so a per-node count is what matters, and it costs no
 * Redis round trip per event (the per-user message rate, which is a product rule, is shared through Redis:
 * services/roundtables/flood.server.ts).
 *
 * A socket that keeps going over its budget (`strikes.limit` refusals within `strikes.windowMs`) is disconnected.
 */

export interface BucketRule {
  /** Burst: events allowed at once from a full bucket. */
  capacity: number;
  /** Sustained rate: tokens added per second. */
  refillPerSecond: number;
}

export interface EventBudgetOptions {
  perSocket: BucketRule;
  perUser: BucketRule;
  /** Refusals within the window after which the socket is disconnected. */
  strikes: { limit: number; windowMs: number };
}

export const DEFAULT_EVENT_BUDGET: EventBudgetOptions = {
  // A person typing and chatting sends a few events a second (typing:start/stop, message:send, room:read).
  perSocket: { capacity: 40, refillPerSecond: 10 },
  perUser: { capacity: 80, refillPerSecond: 20 },
  strikes: { limit: 50, windowMs: 10_000 },
};

/** The acknowledgement message; English is the catalog key (decision 011), its Spanish is in services/messages/es.ts. */
export const RATE_LIMITED_MESSAGE = 'Too many actions at once. Wait a moment and try again.';

interface Bucket {
  tokens: number;
  at: number;
}

function refill(bucket: Bucket, rule: BucketRule, now: number) {
  const elapsed = Math.max(0, now - bucket.at) / 1000;
  bucket.tokens = Math.min(rule.capacity, bucket.tokens + elapsed * rule.refillPerSecond);
  bucket.at = now;
}

const waitSeconds = (bucket: Bucket, rule: BucketRule) =>
  Math.max(1, Math.ceil((1 - bucket.tokens) / rule.refillPerSecond));

export type BudgetVerdict =
  | { ok: true }
  | {
      ok: false;
      retryAfterSeconds: number;
      /** The first refusal of this socket (log it once). */
      first: boolean;
      /** The socket kept exceeding its budget: disconnect it. */
      disconnect: boolean;
    };

interface SocketState {
  userId: string;
  bucket: Bucket;
  strikes: number[];
  refusedBefore: boolean;
}

export function createEventBudget(options: EventBudgetOptions = DEFAULT_EVENT_BUDGET, now: () => number = Date.now) {
  const sockets = new Map<string, SocketState>();
  const users = new Map<string, { bucket: Bucket; sockets: number }>();

  function open(socketId: string, userId: string): SocketState {
    let state = sockets.get(socketId);
    if (state) return state;
    const t = now();
    state = { userId, bucket: { tokens: options.perSocket.capacity, at: t }, strikes: [], refusedBefore: false };
    sockets.set(socketId, state);
    const user = users.get(userId);
    if (user) user.sockets++;
    else users.set(userId, { bucket: { tokens: options.perUser.capacity, at: t }, sockets: 1 });
    return state;
  }

  return {
    /** Counts one event of this socket; answers whether it may run. */
    take(socketId: string, userId: string): BudgetVerdict {
      const state = open(socketId, userId);
      const user = users.get(state.userId)!;
      const t = now();
      refill(state.bucket, options.perSocket, t);
      refill(user.bucket, options.perUser, t);
      if (state.bucket.tokens >= 1 && user.bucket.tokens >= 1) {
        state.bucket.tokens -= 1;
        user.bucket.tokens -= 1;
        return { ok: true };
      }
      const retryAfterSeconds = Math.max(
        state.bucket.tokens < 1 ? waitSeconds(state.bucket, options.perSocket) : 0,
        user.bucket.tokens < 1 ? waitSeconds(user.bucket, options.perUser) : 0,
      );
      const since = t - options.strikes.windowMs;
      while (state.strikes.length && state.strikes[0] <= since) state.strikes.shift();
      state.strikes.push(t);
      const first = !state.refusedBefore;
      state.refusedBefore = true;
      return { ok: false, retryAfterSeconds, first, disconnect: state.strikes.length >= options.strikes.limit };
    },
    /** The socket is gone: forget it (and its person's bucket once their last socket is gone). */
    forget(socketId: string) {
      const state = sockets.get(socketId);
      if (!state) return;
      sockets.delete(socketId);
      const user = users.get(state.userId);
      if (user && --user.sockets <= 0) users.delete(state.userId);
    },
    /** For tests and metrics. */
    size: () => ({ sockets: sockets.size, users: users.size }),
  };
}

export type EventBudget = ReturnType<typeof createEventBudget>;
