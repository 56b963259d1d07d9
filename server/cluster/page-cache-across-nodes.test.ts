import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Actor } from '../../services/actor';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';
import { createSharedPostgresDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import { createHttpServer } from '../app';
import { parseEnv } from '../env';
import { startEventRelay, type EventRelay } from '../event-relay';

/*
 * Decision 033: the public page cache is node memory, emptied by results.changed. Three nodes on one PostgreSQL
 * database, each with its own services, bus and page cache (as `npm run demo:cluster` runs them): A and B joined by
 * the event relay through Redis, C without it (what every node was before). A State's non-disclosure request made
 * through node A must empty node B's cache, so B stops serving the withheld answer at once; C shows the bug the
 * relay fixes (it keeps serving it until the cache's TTL). Needs DATABASE_URL and REDIS_URL.
 */
const redisUrl = process.env.REDIS_URL;
const postgresRun = inject('postgresTemplate') !== null;
const CANARY = `canary-${randomBytes(4).toString('hex')}-withheld-after-publication`;

interface PageNode {
  services: Services;
  base: string;
  close: () => Promise<void>;
}

describe.skipIf(!redisUrl || !postgresRun)('the public page cache across nodes (PostgreSQL + Redis)', () => {
  const channel = `minka-page-cache-test-${randomBytes(4).toString('hex')}`;
  let shared: NonNullable<Awaited<ReturnType<typeof createSharedPostgresDatabase>>>;
  const nodes: PageNode[] = [];
  const relays: EventRelay[] = [];
  let clock = new Date('2027-02-01T12:00:00Z');
  let chile: Actor;
  let cycleId: string;

  const startPageNode = async (handle: DatabaseHandle): Promise<PageNode> => {
    const services = createServices({ db: handle.db, now: () => clock });
    const { server, io } = await createHttpServer({
      config: parseEnv({ LOG_LEVEL: 'silent', PAGE_CACHE_SECONDS: '600' }),
      logger: pino({ level: 'silent' }),
      database: handle,
      services,
      // The public page of one organization's answers, as the results route reads them.
      remix: {
        handler: () => async (_req, res) => {
          res.type('html').send(JSON.stringify(await services.publication.publicAnswers(cycleId, 'CL')));
        },
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      services,
      base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise<void>((resolve) => io.close(() => resolve())),
    };
  };

  beforeAll(async () => {
    shared = (await createSharedPostgresDatabase(3))!;
    const [first] = shared.handles;
    await loadReferenceData(first.db);
    for (const handle of shared.handles) nodes.push(await startPageNode(handle));
    for (const node of nodes.slice(0, 2))
      relays.push(startEventRelay({ url: redisUrl!, events: node.services.events, channel }));
    await Promise.all(relays.map((r) => r.ready));

    const orgId = async (code: string) =>
      (await first.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
    const secretariat = await createActor(
      first.db,
      'secretariat',
      'secretariat_admin',
      await orgId('SUMMITS-SECRETARIAT'),
    );
    chile = await createActor(first.db, 'state', 'national_coordinator', await orgId('CL'));
    const { services } = nodes[0];
    const cycle = await services.registration.createCycle(secretariat, {
      name: '2027 registration',
      kind: 'registration',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T00:00:00Z',
      publishesAt: '2027-05-15T00:00:00Z',
      timeZone: 'America/Lima',
    });
    if (!cycle.ok) throw new Error(cycle.message);
    cycleId = cycle.value.id;
    for (const input of [
      { mandate: 2, question: 'Q1', progress: 'D' },
      { mandate: 2, question: 'Q2', summary: `Public procurement reform ${CANARY}` },
    ]) {
      const saved = await services.registration.saveAnswer(chile, cycleId, { baseVersion: 0, ...input });
      if (!saved.ok) throw new Error(saved.message);
    }
    expect((await services.registration.submit(chile, cycleId)).ok).toBe(true);
    clock = new Date('2027-05-15T00:01:00Z');
    expect((await services.publication.publishCycle(cycleId)).ok).toBe(true);
  }, 120_000);

  afterAll(async () => {
    for (const relay of relays) await relay.close();
    for (const node of nodes) await node.close().catch(() => {});
    await shared?.close();
  });

  const read = async (node: PageNode) => {
    const response = await fetch(`${node.base}/results/${cycleId}/CL`);
    return { cache: response.headers.get('x-page-cache'), body: await response.text() };
  };

  it('a non-disclosure request made through node A empties node B’s cache: B stops serving the withheld answer', async () => {
    const [a, b, c] = nodes;
    // B and C read the published answer and keep the page in memory.
    for (const node of [b, c]) {
      expect(await read(node)).toMatchObject({ cache: 'miss', body: expect.stringContaining(CANARY) });
      expect(await read(node)).toMatchObject({ cache: 'hit', body: expect.stringContaining(CANARY) });
    }

    // Chile asks, through node A, to withhold the mandate: a pending request withholds at once.
    const requested = await a.services.publication.requestNonDisclosure(chile, cycleId, {
      scope: 'mandate',
      mandate: 2,
      letterReference: 'Late note to the Chair',
    });
    expect(requested.ok).toBe(true);
    expect((await read(a)).body).not.toContain(CANARY);

    // B hears it through the relay within moments: its next read is computed afresh, without the answer.
    const deadline = Date.now() + 5_000;
    let onB = await read(b);
    while (onB.body.includes(CANARY) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      onB = await read(b);
    }
    expect(onB.body).not.toContain(CANARY);
    expect(onB.body).toContain('"ok":true');
    expect(await read(b)).toMatchObject({ cache: 'hit', body: expect.not.stringContaining(CANARY) });

    // C, without the relay, still serves the withheld answer from memory: the bug the relay fixes.
    expect(await read(c)).toMatchObject({ cache: 'hit', body: expect.stringContaining(CANARY) });
  }, 60_000);
});
