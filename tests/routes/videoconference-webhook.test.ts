import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { AccessToken } from 'livekit-server-sdk';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { meetings, organizations } from '../../db/schema';
import { createHttpServer } from '../../server/app';
import { ConfigError, parseEnv } from '../../server/env';
import { createTestDatabase } from '../../tests/db';
import { createActor } from '../../tests/factories';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createServices, type Services } from '../../services/index.server';

/** The webhook path over real HTTP: exempt from the Origin check and the form-body guard, and from nothing else. */
const LK = {
  LIVEKIT_URL: 'http://livekit.test:7880',
  LIVEKIT_API_KEY: 'APIroutekey',
  LIVEKIT_API_SECRET: 'route-test-secret-of-at-least-32-chars',
};
let handle: DatabaseHandle;
let services: Services;
let base: string;
let stop: () => Promise<void>;
let room: string;
let meetingId: string;

async function sign(body: string) {
  const token = new AccessToken(LK.LIVEKIT_API_KEY, LK.LIVEKIT_API_SECRET, { ttl: 300 });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
  const config = parseEnv({ LOG_LEVEL: 'silent', ...LK });
  services = createServices({ db: handle.db, livekit: config.livekit });
  const orgId = async (code: string) =>
    (await handle.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code)))[0].id;
  const secretariat = await createActor(
    handle.db,
    'secretariat',
    'secretariat_staff',
    await orgId('SUMMITS-SECRETARIAT'),
  );
  const rt = await services.roundtables.create(secretariat, {
    title: 'Room for the webhook',
    kind: 'working_roundtable',
    organizationIds: [await orgId('PE')],
  });
  if (!rt.ok) throw new Error(rt.message);
  const made = await services.videoconferences.schedule(secretariat, rt.value.id, {
    title: 'Webhook call',
    start: '2099-01-05T10:00',
    timeZone: 'America/Lima',
    durationMinutes: 30,
  });
  if (!made.ok) throw new Error(made.message);
  meetingId = made.value.id;
  room = (await handle.db.select().from(meetings).where(eq(meetings.id, meetingId)))[0].livekitRoom;
  const { server, io } = await createHttpServer({
    config,
    logger: pino({ level: 'silent' }),
    database: handle,
    services,
    remix: { handler: () => (_req, res) => void res.json({ remix: true }) },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = () => new Promise<void>((resolve) => io.close(() => resolve()));
});
afterAll(async () => {
  await stop();
  await handle.close();
});

describe('POST /livekit/webhook', () => {
  it('a signed event from another origin, with LiveKit’s content type, is applied; a bad signature gets 401 and changes nothing', async () => {
    const body = JSON.stringify({
      id: 'EV_route_1',
      event: 'room_started',
      room: { name: room },
      createdAt: String(Math.floor(Date.now() / 1000)),
    });
    const forged = await fetch(`${base}/livekit/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/webhook+json', Authorization: await sign(body + ' ') },
      body,
    });
    expect(forged.status).toBe(401);
    expect((await handle.db.select().from(meetings).where(eq(meetings.id, meetingId)))[0].status).toBe('scheduled');
    const missing = await fetch(`${base}/livekit/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/webhook+json' },
      body,
    });
    expect(missing.status).toBe(401);
    const response = await fetch(`${base}/livekit/webhook`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/webhook+json',
        Authorization: await sign(body),
        Origin: 'https://livekit.example.net',
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, applied: true });
    expect((await handle.db.select().from(meetings).where(eq(meetings.id, meetingId)))[0].status).toBe('live');
  });

  it('the exception is that one path: a cross-origin POST anywhere else, even below it, is still refused', async () => {
    for (const path of ['/livekit/webhook/other', '/livekit/webhooks', '/meetings']) {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
        body: 'a=1',
      });
      expect(response.status, path).toBe(403);
    }
  });
});

describe('LiveKit configuration', () => {
  it('all three variables or none; a short secret or a bad address is refused at boot with the variable named', () => {
    expect(parseEnv({}).livekit).toBeNull();
    expect(parseEnv(LK).livekit).toEqual({
      url: LK.LIVEKIT_URL,
      apiKey: LK.LIVEKIT_API_KEY,
      apiSecret: LK.LIVEKIT_API_SECRET,
    });
    expect(() => parseEnv({ LIVEKIT_URL: LK.LIVEKIT_URL })).toThrow(
      /LIVEKIT_URL: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET together/,
    );
    expect(() => parseEnv({ ...LK, LIVEKIT_API_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => parseEnv({ ...LK, LIVEKIT_URL: 'livekit.example.org' })).toThrow(
      /LIVEKIT_URL must be the LiveKit server address/,
    );
  });
});
