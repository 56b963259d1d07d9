import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { AccessToken } from 'livekit-server-sdk';
import { expect as baseExpect, test } from './fixtures';
import { demo, logIn, openDemoRoom } from './helpers';

/**
 * Issue 18, the call in the page, in Chromium with its fake camera and microphone. There is no LiveKit server on this
 * machine, so what is tested is what can be: the pre-join check sees a camera and a microphone; without LIVEKIT_* the
 * page says video is not configured and offers no join; with LIVEKIT_* set (a second Minka server started here, its
 * LIVEKIT_URL pointing to a stand-in that answers CreateRoom like LiveKit's Twirp API but has no media server) the
 * join asks Minka for a token, the browser takes it to that address, and the page says clearly it cannot connect.
 * A webhook signed the real way then marks the person present.
 *
 * The first test runs on the suite's server, in a room of its own for Belize (docs/decisions/029). The others run on
 * the second server, whose database is this spec's alone: they use its demo accounts and demo room.
 */

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // This spec only: Chromium's fake devices, and no permission prompt.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];
test.use({
  launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  permissions: ['camera', 'microphone'],
});

// The machine running the suite is shared and often saturated: a client-side navigation can take several seconds.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

const LK_KEY = 'APIe2ekey';
const LK_SECRET = 'e2e-livekit-secret-of-at-least-32-chars';

/** The wall clock in UTC a few minutes from now, as the form's datetime-local field takes it. */
const soonUtc = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

/** Schedules a meeting a few minutes ahead in the room at `roomPath` (by default the demo room). */
async function scheduleSoon(page: Page, title: string, roomPath?: string): Promise<string> {
  if (roomPath) await page.goto(roomPath);
  else await openDemoRoom(page);
  await page.getByRole('link', { name: 'Schedule a videoconference' }).click();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel(/^Start/).fill(soonUtc(4));
  await page.getByLabel('Time zone (IANA name)').fill('UTC');
  await page.getByLabel('Duration (minutes)').fill('30');
  await page.getByRole('button', { name: 'Schedule and invite' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  return new URL(page.url()).pathname.replace(/\/$/, '');
}

async function checkDevices(page: Page) {
  await page.getByRole('button', { name: 'Check camera and microphone' }).click();
  const status = page.getByTestId('device-status');
  await expect(status).toContainText('Camera:');
  await expect(status).not.toContainText('none found');
  await expect(status).toContainText('Microphone:');
  // The preview holds one live video track and one live audio track from the fake devices.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const stream = (document.querySelector('video.call-preview') as HTMLVideoElement | null)?.srcObject as
          MediaStream | undefined;
        return stream
          ? [stream.getVideoTracks(), stream.getAudioTracks()].map(
              (t) => t.filter((x) => x.readyState === 'live').length,
            )
          : null;
      }),
    )
    .toEqual([1, 1]);
}

test('without LiveKit: the pre-join sees the fake camera and microphone; the page says video is not configured', async ({
  browser,
  make,
}) => {
  const coordinator = await make.person('BZ', 'national_coordinator');
  const room = await make.room({ organizations: ['BZ'] });
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await make.logIn(adminPage, room.convener);
  const meetingPath = await scheduleSoon(adminPage, `Device check ${Date.now()}`, room.url);

  const peru = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await peru.newPage();
  await make.logIn(page, coordinator);
  await page.goto(meetingPath);
  await expect(page.getByText('Video is not configured on this Minka server')).toBeVisible();
  await page.goto(`${meetingPath}/call`);
  await expect(page.getByText('Video is not configured on this Minka server')).toBeVisible();
  await checkDevices(page);
  await expect(page.getByRole('button', { name: 'Join the call' })).toHaveCount(0);
  // The room's chat sits beside the call.
  await expect(page.getByRole('complementary', { name: 'The room’s chat' })).toBeVisible();
  await expect(page.getByLabel('Your message')).toBeVisible();
  // livekit-client was not loaded: only the join loads it.
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(scripts.some((name) => /livekit/i.test(name))).toBe(false);
  // Cancelled, so the meeting reminders have nothing to send for it.
  await adminPage.goto(meetingPath);
  await adminPage.getByRole('button', { name: 'Cancel and notify everyone' }).click();
  await expect(adminPage.getByText('The meeting was cancelled; everyone invited was notified.')).toBeVisible();
  await admin.close();
  await peru.close();
});

// --- With LiveKit configured (and no LiveKit media server): a Minka server of this spec's own. ---

interface StandIn {
  url: string;
  created: string[];
  /** Tokens the browser brought to the signal connection (the WebSocket and its /rtc/validate follow-up). */
  tokens: string[];
  close(): Promise<void>;
}

/** Answers CreateRoom like LiveKit's Twirp API; refuses the signal connection (no media server here). */
async function liveKitStandIn(): Promise<StandIn> {
  const created: string[] = [];
  const tokens: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'POST' && url.pathname === '/twirp/livekit.RoomService/CreateRoom') {
        if (!/^Bearer /.test(req.headers.authorization ?? '')) return res.writeHead(401).end();
        const name = (JSON.parse(body || '{}') as { name?: string }).name ?? '';
        created.push(name);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ sid: 'RM_e2e', name, empty_timeout: 600, max_participants: 100 }));
      }
      const token = url.searchParams.get('access_token');
      if (token) tokens.push(token);
      res.writeHead(503, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' });
      res.end('no media server here');
    });
  });
  server.on('upgrade', (req, socket) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('access_token');
    if (token) tokens.push(token);
    socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    created,
    tokens,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startMinka(port: number, livekitUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['tests/e2e/start-server.mjs', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, LIVEKIT_URL: livekitUrl, LIVEKIT_API_KEY: LK_KEY, LIVEKIT_API_SECRET: LK_SECRET },
  });
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://localhost:${port}/healthz`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error('the second Minka server did not start');
}

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as {
    sub: string;
    name: string;
    exp: number;
    video: { room: string; roomJoin: boolean; roomAdmin?: boolean; canPublish: boolean };
  };

async function contextAt(browser: Browser, baseURL: string) {
  return browser.newContext({ baseURL, permissions: ['camera', 'microphone'] });
}

/** Collects the Content-Security-Policy violations of a context's pages (decision 037), across navigations. */
async function policyViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding('__callCspViolation', (_source, text: string) => void violations.push(text));
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __callCspViolation(text: string): void }).__callCspViolation(
        `${event.violatedDirective} ${event.blockedURI || '(inline)'} on ${location.pathname}`,
      ),
    ),
  );
  return violations;
}

test.describe('with LiveKit configured but unreachable for media', () => {
  let standIn: StandIn;
  let minka: ChildProcess;
  let base: string;

  test.beforeAll(async () => {
    test.setTimeout(200_000);
    standIn = await liveKitStandIn();
    const port = Number(process.env.E2E_PORT ?? 3107) + 50;
    base = `http://localhost:${port}`;
    minka = await startMinka(port, standIn.url);
  });
  test.afterAll(async () => {
    minka?.kill('SIGTERM');
    await standIn?.close();
  });

  test('the join asks Minka for a token for that room only, the browser takes it to LiveKit, and the page says it cannot connect; a signed webhook marks the person present', async ({
    browser,
    request,
  }) => {
    const admin = await contextAt(browser, base);
    const adminPage = await admin.newPage();
    await logIn(adminPage, demo.admin);
    const title = `Call check ${Date.now()}`;
    const meetingPath = await scheduleSoon(adminPage, title);
    const meetingId = meetingPath.split('/').pop()!;

    const peru = await contextAt(browser, base);
    // The policy's connect-src names this server's LiveKit (both its ws:// and http:// forms): nothing is refused.
    const violations = await policyViolations(peru);
    const page = await peru.newPage();
    await logIn(page, demo.coordinatorPE);
    await page.goto(meetingPath);
    await page.getByRole('link', { name: 'Join the call' }).click();
    await page.waitForURL(/\/call$/, { timeout: 60_000 });
    await expect(page.getByRole('heading', { name: `Call: ${title}` })).toBeVisible();
    await checkDevices(page);

    const tokenAnswer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith(`${meetingPath}/call`),
    );
    await page.getByRole('button', { name: 'Join the call' }).click();
    expect((await tokenAnswer).status()).toBe(200);
    const alert = page.getByTestId('call-error');
    await expect(alert).toContainText(`Minka could not connect to the video server (${standIn.url})`, {
      timeout: 60_000,
    });
    await expect(alert).toHaveAttribute('role', 'alert');
    await expect(page.getByRole('button', { name: 'Try again' })).toBeEnabled();
    // The preview was released when joining, and the devices can be checked again.
    await checkDevices(page);

    // Minka opened the room, and the browser brought a token for that room only, named for the person.
    expect(standIn.created).toContain(`minka-${meetingId}`);
    expect(standIn.tokens.length).toBeGreaterThan(0);
    const claims = claimsOf(standIn.tokens[0]);
    expect(claims.video).toMatchObject({ room: `minka-${meetingId}`, roomJoin: true, canPublish: true });
    expect(claims.video.roomAdmin ?? false).toBe(false);
    expect(claims.name).toMatch(/\(PE\)$/);
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(claims.exp * 1000).toBeLessThan(Date.now() + 2 * 3600_000);
    expect(violations).toEqual([]);

    // LiveKit's webhook (signed with the API secret over the body's SHA-256) marks Peru's coordinator present.
    const body = JSON.stringify({
      id: `EV_e2e_${Date.now()}`,
      event: 'participant_joined',
      room: { sid: 'RM_e2e', name: `minka-${meetingId}` },
      participant: { identity: claims.sub, name: claims.name },
      createdAt: String(Math.floor(Date.now() / 1000)),
    });
    const signer = new AccessToken(LK_KEY, LK_SECRET, { ttl: 300 });
    signer.sha256 = createHash('sha256').update(body).digest('base64');
    const hook = await request.post(`${base}/livekit/webhook`, {
      data: body,
      headers: { 'Content-Type': 'application/webhook+json', Authorization: await signer.toJwt() },
    });
    expect(hook.status()).toBe(200);
    const forged = await request.post(`${base}/livekit/webhook`, {
      data: body.replace('participant_joined', 'participant_left'),
      headers: { 'Content-Type': 'application/webhook+json', Authorization: await signer.toJwt() },
    });
    expect(forged.status()).toBe(401);
    await adminPage.goto(meetingPath);
    await expect(adminPage.getByRole('table').getByText('by the video service')).toBeVisible();
    await expect(adminPage.getByRole('table')).toContainText('Peru');

    await admin.close();
    await peru.close();
  });
});
