import { createClient } from 'redis';
import { FailureThrottle, type ThrottleRule } from '../accounts/throttle';

/**
 * The per-user message rate limit. `take` counts one send and answers 0 (go ahead) or the seconds to wait (nothing
 * counted); `refund` gives the count back when the send turned out not to store anything new (a resend, a refusal),
 * so only stored messages count, as before.
 */
export interface FloodLimiter {
  take(key: string): Promise<number>;
  refund(key: string): void;
  close(): Promise<void>;
}

/** One process: a fixed window in memory (each node keeps its own). */
export function createMemoryFloodLimiter(rule: ThrottleRule, now: () => number = Date.now): FloodLimiter {
  const windows = new FailureThrottle(rule, now);
  return {
    async take(key) {
      const wait = windows.retryAfterSeconds(key);
      if (wait > 0) return wait;
      windows.recordFailure(key);
      return 0;
    },
    refund(key) {
      windows.forgetOne(key);
    },
    async close() {},
  };
}

// Fixed window shared by every node: INCR, start the window on the first count, give the count back when over the
// limit (a refused send does not count) and answer the milliseconds left in the window. One round trip, atomic.
const TAKE_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n > tonumber(ARGV[2]) then
  redis.call('DECR', KEYS[1])
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl <= 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  return ttl
end
return 0`;

// Never below zero, and never a key without expiry.
const REFUND_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

export interface RedisFloodOptions {
  url: string;
  prefix?: string;
  rule: ThrottleRule;
  /** Told once per distinct Redis error (the limiter keeps working on its in-memory fallback meanwhile). */
  onError?: (error: Error) => void;
}

/**
 * Several nodes (`REDIS_URL`): one counter per user in Redis, so a person with tabs on two nodes gets one limit,
 * not one per node. While Redis is unreachable, sends are limited per node by the in-memory fallback rather than
 * waiting on Redis: chat must not stall because the limiter's store is down.
 */
export function createRedisFloodLimiter({
  url,
  prefix = 'minka',
  rule,
  onError,
}: RedisFloodOptions): FloodLimiter & { connected: Promise<void> } {
  const fallback = createMemoryFloodLimiter(rule);
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) } });
  let lastError = '';
  client.on('error', (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    onError?.(error);
  });
  client.on('ready', () => (lastError = ''));
  const connected = client
    .connect()
    .then(() => undefined)
    .catch(() => {
      // reported through 'error'; the fallback serves meanwhile
    });
  const keyOf = (key: string) => `${prefix}:flood:${key}`;
  return {
    /** Settles when the first connection attempt has (or has not) succeeded. */
    connected,
    async take(key) {
      if (!client.isReady) return fallback.take(key);
      try {
        const ms = Number(
          await client.eval(TAKE_SCRIPT, {
            keys: [keyOf(key)],
            arguments: [String(rule.windowMs), String(rule.limit)],
          }),
        );
        return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
      } catch (error) {
        onError?.(error as Error);
        return fallback.take(key);
      }
    },
    refund(key) {
      if (!client.isReady) return fallback.refund(key);
      client.eval(REFUND_SCRIPT, { keys: [keyOf(key)] }).catch(() => {});
    },
    async close() {
      try {
        if (client.isReady) await client.close();
        else if (client.isOpen) client.destroy();
      } catch {
        // closing anyway
      }
    },
  };
}
