import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryFloodLimiter, createRedisFloodLimiter, type FloodLimiter } from './flood.server';

const rule = { limit: 3, windowMs: 10_000 };

/** The same behaviour from both limiters: `limit` takes per window, refunds give one back, the wait is the window's rest. */
function behaves(make: () => Promise<FloodLimiter>, key: () => string) {
  it('allows `limit` sends per window, then answers the seconds to wait without counting the refusal', async () => {
    const limiter = await make();
    const k = key();
    for (let i = 0; i < rule.limit; i++) expect(await limiter.take(k)).toBe(0);
    const wait = await limiter.take(k);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(rule.windowMs / 1000);
    // Refused sends did not count: one refund opens exactly one more send.
    limiter.refund(k);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the Redis refund is not awaited by the caller
    expect(await limiter.take(k)).toBe(0);
    expect(await limiter.take(k)).toBeGreaterThan(0);
  });

  it('keeps people apart', async () => {
    const limiter = await make();
    const [a, b] = [key(), key()];
    for (let i = 0; i < rule.limit; i++) await limiter.take(a);
    expect(await limiter.take(a)).toBeGreaterThan(0);
    expect(await limiter.take(b)).toBe(0);
  });
}

let n = 0;
describe('in-memory flood limiter', () => {
  behaves(
    async () => createMemoryFloodLimiter(rule),
    () => `user-${n++}`,
  );

  it('opens a fresh window when the old one has passed', async () => {
    let now = 1_000_000;
    const limiter = createMemoryFloodLimiter(rule, () => now);
    for (let i = 0; i < rule.limit; i++) await limiter.take('u');
    expect(await limiter.take('u')).toBe(10);
    now += rule.windowMs;
    expect(await limiter.take('u')).toBe(0);
  });
});

const redisUrl = process.env.REDIS_URL;
const prefix = `minka-test-flood-${randomBytes(4).toString('hex')}`;
const limiters: FloodLimiter[] = [];

describe.skipIf(!redisUrl)('Redis flood limiter (REDIS_URL)', () => {
  // Connected first: before that, the limiter serves from its in-memory fallback, which is not what is tested here.
  const make = async () => {
    const limiter = createRedisFloodLimiter({ url: redisUrl!, prefix, rule });
    limiters.push(limiter);
    await limiter.connected;
    return limiter;
  };

  behaves(make, () => `user-${n++}`);

  it('is one limit for two nodes (two limiters on one Redis)', async () => {
    const [nodeA, nodeB] = [await make(), await make()];
    const k = `user-${n++}`;
    expect(await nodeA.take(k)).toBe(0);
    expect(await nodeB.take(k)).toBe(0);
    expect(await nodeA.take(k)).toBe(0);
    expect(await nodeB.take(k)).toBeGreaterThan(0);
    expect(await nodeA.take(k)).toBeGreaterThan(0);
  });

  afterAll(async () => {
    for (const limiter of limiters) await limiter.close();
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 100 })) keys.push(...batch);
    if (keys.length) await redis.del(keys);
    await redis.close();
  });
});
