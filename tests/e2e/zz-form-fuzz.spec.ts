import { expect, test, type APIRequestContext } from '@playwright/test';
import { seededRng, type Rng } from '../matching/rng';
import { demo, logIn } from './helpers';

/*
 * Fuzz of the form routes over real HTTP, against the production build: generated POSTs (odd characters, NUL,
 * lone surrogates, bidi overrides, huge and numeric-looking strings, missing and repeated fields, wrong content
 * types, malformed encodings, odd file names) to every form route a signed-in focal point and an anonymous visitor
 * can reach. Each must get an answer below 500, and the server must keep serving. Seeded: FUZZ_SEED=<n> reproduces
 * a run; FUZZ_REQUESTS bounds it (default 160, about 15 s).
 *
 * Named zz- so it runs after the other specs (one worker, files in order): a fuzzed save may succeed with odd
 * text, and no other spec should find it in the demo data.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 160);

const ODD_VALUES = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202Egpj.exe',
  '\u2066isolate\u2069',
  '<script>alert(1)</script>',
  "'; drop table users; --",
  '=1+1',
  '\t=cmd|calc',
  '../../etc/passwd',
  'x'.repeat(25_000),
  '𝕏'.repeat(2_000),
  '-1',
  '0',
  '1e309',
  'NaN',
  '99999999999999999999',
  'null',
  '[object Object]',
  '{"a":1}',
  '\r\n\r\n--',
  'ñandú',
  '00000000-0000-0000-0000-000000000000',
  'Q9',
  'https://evil.test/\u0000',
  'javascript:alert(1)',
];

const FIELD_NAMES = [
  'intent',
  'question',
  'indicator',
  'summary',
  'full',
  'level',
  'version',
  'mandate',
  'reason',
  'confirm',
  'title',
  'body',
  'clientId',
  'url',
  'minutes',
  'userId',
  'organizationId',
  'role',
  'status',
  'itemId',
  'direction',
  'documentId',
  'requestId',
  'scope',
  'field',
  'letterReference',
  'attachmentId',
  'description',
  'kind',
  'mandates',
  'email',
  'password',
  'redirectTo',
  'lang',
  'id',
  'contributionId',
  'candidateId',
  'currentPassword',
  'newPassword',
  'confirmPassword',
  'displayName',
  'q',
  'page',
];
const INTENTS = [
  'save',
  'submit',
  'reopen',
  'send',
  'agenda-add',
  'document',
  'mute',
  'accept',
  'decline',
  'withdraw',
  'request',
  'cso-invite',
  'role',
  '',
];

/** Percent-encodes like a form, but writes a lone surrogate as its raw (invalid) UTF-8 bytes, as a hostile client can. */
function encodeRaw(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const isHigh = code >= 0xd800 && code <= 0xdbff;
    const isLow = code >= 0xdc00 && code <= 0xdfff;
    const next = value.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (isHigh || isLow) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(value[i]);
    }
  }
  return out;
}

function oddValue(rng: Rng): string {
  return rng.chance(0.15) ? rng.pick(INTENTS) : rng.pick(ODD_VALUES);
}

function fields(rng: Rng): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  if (rng.chance(0.8)) result.push(['intent', rng.pick(INTENTS)]);
  for (let i = rng.int(0, 6); i > 0; i--)
    result.push([rng.chance(0.9) ? rng.pick(FIELD_NAMES) : oddValue(rng), oddValue(rng)]);
  return result;
}

interface Body {
  kind: string;
  headers: Record<string, string>;
  data: Buffer;
}

function body(rng: Rng): Body {
  const pairs = fields(rng);
  const roll = rng.next();
  if (roll < 0.6) {
    const text = pairs.map(([k, v]) => `${encodeRaw(k)}=${encodeRaw(v)}`).join('&');
    return {
      kind: 'urlencoded',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: Buffer.from(text),
    };
  }
  if (roll < 0.8) {
    const boundary = `----fuzz${rng.int(1, 1e9)}`;
    const parts = pairs.map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n${v}\r\n`,
    );
    if (rng.chance(0.6)) {
      const name = rng.pick([
        'a=b.pdf',
        'x;y.pdf',
        'report.pdf',
        '\u202Efdp.exe',
        '',
        '..\\..\\boot.ini',
        'ñ "q".pdf',
        'x'.repeat(300),
      ]);
      const content = rng.pick(['%PDF-1.4\n%%EOF\n', 'MZ\u0090\u0000', '#!/bin/sh\nrm -rf /\n', 'a,b\n1,2\n', '']);
      parts.push(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n${content}\r\n`,
      );
    }
    const close = rng.chance(0.9) ? `--${boundary}--\r\n` : ''; // sometimes unterminated
    return {
      kind: 'multipart',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      data: Buffer.from(parts.join('') + close),
    };
  }
  if (roll < 0.9) {
    const json = rng.chance(0.8) ? JSON.stringify(Object.fromEntries(pairs)) : '{"intent": "save", ';
    return { kind: 'json', headers: { 'content-type': 'application/json' }, data: Buffer.from(json) };
  }
  const raw = rng.pick(['%', '%E0%A4%A', 'a=%00&b=%ZZ', '&&&==&', 'intent', '\u0000\u0000']);
  return {
    kind: 'malformed',
    headers: {
      'content-type': rng.pick(['application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream']),
    },
    data: Buffer.from(raw),
  };
}

/** Form routes with real ids from the demo data, found the way a person finds them: by following links. */
async function discoverTargets(request: APIRequestContext): Promise<string[]> {
  const hrefs = async (path: string, pattern: RegExp) => {
    const html = await (await request.get(path)).text();
    return [...new Set([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).filter((href) => pattern.test(href)))];
  };
  const cycles = await hrefs('/questionnaire', /^\/questionnaire\/[0-9a-f-]{36}$/);
  const mandates = cycles.length ? (await hrefs(cycles[0], /^\/questionnaire\/[0-9a-f-]{36}\/\d+$/)).slice(0, 2) : [];
  const rooms = (await hrefs('/roundtables', /^\/roundtables\/[0-9a-f-]{36}$/)).slice(0, 1);
  const requests = (await hrefs('/cooperation', /^\/cooperation\/requests\/[0-9a-f-]{36}$/)).slice(0, 1);
  const matches = (await hrefs('/matches', /^\/matches\/[0-9a-f-]{36}$/)).slice(0, 1);
  const disclosure = cycles.map((c) => c.replace('/questionnaire/', '/disclosure/')).slice(0, 1);
  return [
    ...cycles.slice(0, 1),
    ...mandates,
    ...rooms,
    ...requests,
    ...matches,
    ...disclosure,
    '/cooperation/requests/new',
    '/cooperation/offers/new',
    '/roundtables',
    '/account',
    '/notifications',
    '/contribute',
    '/lang',
    '/admin/people',
    '/questionnaire/00000000-0000-0000-0000-000000000000/1',
    '/roundtables/not-a-uuid',
  ];
}

test(`form routes answer every generated POST below 500 (seed ${SEED})`, async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  await logIn(page, demo.coordinatorPE);
  const signedIn = page.request;
  const targets = await discoverTargets(signedIn);
  expect(
    targets.filter((t) => /\/questionnaire\/[0-9a-f-]{36}\/\d+$/.test(t)).length,
    'the demo questionnaire was found',
  ).toBeGreaterThan(0);
  expect(
    targets.some((t) => /^\/roundtables\/[0-9a-f-]{36}$/.test(t)),
    'the demo room was found',
  ).toBe(true);
  const anonymousClient = await playwright.request.newContext({ baseURL });
  const anonymousTargets = ['/login', '/lang', '/invitations/not-a-token', '/', '/mandates'];

  const rng = seededRng(SEED);
  const tally: Record<string, number> = {};
  const failures: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const anonymous = rng.chance(0.25);
    const target = anonymous ? rng.pick(anonymousTargets) : rng.pick(targets);
    const generated = body(rng);
    const client = anonymous ? anonymousClient : signedIn;
    const described = `#${i} POST ${target} (${generated.kind}) ${JSON.stringify(generated.data.toString('latin1').slice(0, 300))}`;
    const response = await client
      .post(target, {
        headers: generated.headers,
        data: generated.data,
        maxRedirects: 0,
        failOnStatusCode: false,
        timeout: 10_000,
      })
      .catch(() => null);
    if (!response) {
      failures.push(`no answer within 10 s: ${described}`);
      continue;
    }
    const status = response.status();
    tally[`${Math.floor(status / 100)}xx`] = (tally[`${Math.floor(status / 100)}xx`] ?? 0) + 1;
    if (status >= 500) failures.push(`${status}: ${described}`);
  }
  console.info(
    `[form fuzz] seed ${SEED}: ${TOTAL} requests to ${targets.length + anonymousTargets.length} routes`,
    tally,
  );
  await anonymousClient.dispose();
  expect(failures, `server errors (reproduce with FUZZ_SEED=${SEED})`).toEqual([]);

  // Still serving, and still signed in.
  expect((await signedIn.get('/healthz')).status()).toBe(200);
  await page.goto('/questionnaire');
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
});
