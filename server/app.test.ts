import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { createServices, type Services } from '../services/index.server';
import { createTestDatabase } from '../tests/db';
import { createOrganization, createUser } from '../tests/factories';
import { createHttpServer } from './app';
import { parseEnv } from './env';

/**
 * The HTTP and Socket.IO edge with a real server on an ephemeral port. Remix is replaced by a handler that
 * echoes the load context, so these tests see exactly what every loader would receive.
 */
let handle: DatabaseHandle;
let services: Services;
let base: string;
let stop: () => Promise<void>;
let credentials: { email: string; password: string };

beforeAll(async () => {
  handle = await createTestDatabase();
  services = createServices({ db: handle.db });
  const org = await createOrganization(handle.db, 'state', 'PE');
  credentials = await createUser(handle.db, { organizationId: org.id, role: 'delegate' });
  const { server, io } = await createHttpServer({
    config: parseEnv({ LOG_LEVEL: 'silent' }),
    logger: pino({ level: 'silent' }),
    database: handle,
    services,
    remix: {
      handler: (getLoadContext) => (req, res) => {
        const context = getLoadContext(req, res);
        res.json({
          method: req.method,
          actor: context.actor ? { email: context.actor.email, role: context.actor.role } : null,
          lang: context.lang,
          cspNonce: context.cspNonce,
        });
      },
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = () => new Promise<void>((resolve) => io.close(() => resolve()));
});

afterAll(async () => {
  await stop();
  await handle.close();
});

async function sessionCookie() {
  const login = await services.accounts.login(credentials, { ip: '127.0.0.1' });
  if (!login.ok) throw new Error(login.message);
  return { cookie: `minka_session=${login.value.token}`, actor: login.value.actor };
}

describe('HTTP edge', () => {
  it('answers /healthz with a database round trip', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('refuses a cross-origin POST before it reaches Remix, and lets a same-origin one through', async () => {
    const foreign = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      body: 'x=1',
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toMatch(/Cross-origin request refused/);
    const crossSite = await fetch(`${base}/login`, { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    // Without TRUST_PROXY the forwarded headers are anyone's to write: they never vouch for a foreign origin.
    const forgedHost = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example', 'X-Forwarded-Host': 'evil.example' },
    });
    expect(forgedHost.status).toBe(403);
    const otherScheme = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { Origin: base.replace('http:', 'https:') },
    });
    expect(otherScheme.status).toBe(403);
    const own = await fetch(`${base}/login`, { method: 'POST', headers: { Origin: base } });
    expect(own.status).toBe(200);
    expect((await own.json()).method).toBe('POST');
  });

  it('sends the security headers on every answer, a content security policy among them', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    const policy = response.headers.get('Content-Security-Policy') ?? '';
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"])
      expect(policy).toContain(directive);
  });

  it('lets scripts run only from this origin or with this response’s nonce, a new one each time, given to the render', async () => {
    // A page outside the micro-cache (a cached page replays its own nonce with its body: page-cache.test.ts).
    const first = await fetch(`${base}/anything`);
    const second = await fetch(`${base}/anything`);
    const nonces = [first, second].map((response) => {
      const policy = response.headers.get('Content-Security-Policy') ?? '';
      const match = /script-src 'self' 'nonce-([A-Za-z0-9+/]{22}==)'(;|$)/.exec(policy);
      expect(match, policy).not.toBeNull();
      return match![1];
    });
    expect(nonces[0]).not.toBe(nonces[1]);
    expect((await first.json()).cspNonce).toBe(nonces[0]);
    expect((await second.json()).cspNonce).toBe(nonces[1]);
  });

  it('sends the complete policy, whose connect-src names the LiveKit server only when video is configured', async () => {
    const policyOf = (response: Response) => response.headers.get('Content-Security-Policy') ?? '';
    const without = policyOf(await fetch(`${base}/anything`));
    expect(without).toContain("default-src 'self'");
    expect(without).toContain("style-src 'self'; style-src-attr 'unsafe-inline'");
    expect(without).toMatch(/connect-src 'self'(;|$)/);

    const withVideo = await createHttpServer({
      config: parseEnv({
        LOG_LEVEL: 'silent',
        LIVEKIT_URL: 'wss://livekit.example.org',
        LIVEKIT_API_KEY: 'APIkey',
        LIVEKIT_API_SECRET: 'a-livekit-secret-of-at-least-32-characters',
      }),
      logger: pino({ level: 'silent' }),
      database: handle,
      services,
      remix: { handler: () => (_req, res) => void res.json({}) },
    });
    await new Promise<void>((resolve) => withVideo.server.listen(0, '127.0.0.1', resolve));
    try {
      const policy = policyOf(await fetch(`http://127.0.0.1:${(withVideo.server.address() as AddressInfo).port}/x`));
      expect(policy).toMatch(/connect-src 'self' wss:\/\/livekit\.example\.org https:\/\/livekit\.example\.org(;|$)/);
      expect(policy).toContain("default-src 'self'");
    } finally {
      await new Promise<void>((resolve) => withVideo.io.close(() => resolve()));
    }
  });

  it('resolves a valid session cookie into the actor', async () => {
    const { cookie } = await sessionCookie();
    const body = await (await fetch(`${base}/anything`, { headers: { cookie } })).json();
    expect(body.actor).toEqual({ email: credentials.email, role: 'delegate' });
  });

  it('treats a forged cookie as a logged-out visitor and clears it', async () => {
    const response = await fetch(`${base}/anything`, { headers: { cookie: 'minka_session=forged.token' } });
    expect(response.status).toBe(200);
    expect((await response.json()).actor).toBeNull();
    expect(response.headers.get('set-cookie')).toMatch(/minka_session=; .*Max-Age=0/);
  });

  it('picks the language from the cookie, then Accept-Language', async () => {
    expect(
      (await (await fetch(`${base}/`, { headers: { 'accept-language': 'es-PE,es;q=0.9,en;q=0.5' } })).json()).lang,
    ).toBe('es');
    expect(
      (await (await fetch(`${base}/`, { headers: { 'accept-language': 'es', cookie: 'minka_lang=en' } })).json()).lang,
    ).toBe('en');
    expect((await (await fetch(`${base}/`, { headers: { 'accept-language': 'fr' } })).json()).lang).toBe('en');
  });
});

describe('Socket.IO handshake', () => {
  const open: Socket[] = [];
  afterAll(() => open.forEach((s) => s.close()));

  function socket(headers: Record<string, string>) {
    const client = connect(base, {
      transports: ['websocket'],
      extraHeaders: headers,
      reconnection: false,
      forceNew: true,
    });
    open.push(client);
    return client;
  }

  const connectError = (client: Socket) =>
    new Promise<string>((resolve) => client.once('connect_error', (error) => resolve(error.message)));

  it('refuses a socket without a session', async () => {
    expect(await connectError(socket({ origin: base }))).toMatch(/unauthorized/);
  });

  it('refuses a socket from a foreign origin even with a valid session', async () => {
    const { cookie } = await sessionCookie();
    expect(await connectError(socket({ origin: 'https://evil.example', cookie }))).toBeTruthy();
    expect(
      await connectError(socket({ origin: 'http://evil.example', 'x-forwarded-host': 'evil.example', cookie })),
    ).toBeTruthy();
  });

  it('accepts a same-origin socket with a valid session, and drops it at logout', async () => {
    const { cookie, actor } = await sessionCookie();
    const client = socket({ origin: base, cookie });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('connect_error', reject);
    });
    const me = await client.timeout(2000).emitWithAck('session:whoami');
    expect(me).toMatchObject({ role: 'delegate', organizationCode: 'PE' });

    const ended = new Promise<string>((resolve) => client.once('session:ended', ({ reason }) => resolve(reason)));
    const disconnected = new Promise<string>((resolve) => client.once('disconnect', (reason) => resolve(reason)));
    await services.accounts.logout(actor);
    expect(await ended).toBe('logout');
    expect(await disconnected).toBe('io server disconnect');
  });
});

describe('health when the database is down', () => {
  it('answers 503', async () => {
    await handle.close();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', database: 'down' });
    handle = await createTestDatabase(); // so afterAll can close something
  });
});
