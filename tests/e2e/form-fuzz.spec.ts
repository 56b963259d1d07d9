import { request as httpRequest } from 'node:http';
import type { APIRequestContext } from '@playwright/test';
import { and, eq, gt, max, notInArray } from 'drizzle-orm';
import {
  answers,
  answerVersions,
  assistanceRequests,
  auditLog,
  cooperationOffers,
  messages,
  questionnaires,
  roundtableDocuments,
} from '../../db/schema';
import { seededRng, type Rng } from '../matching/rng';
import { expect, test } from './fixtures';

/*
 * Fuzz of the form routes over real HTTP, against the production build: generated POSTs (odd characters, NUL,
 * lone surrogates, bidi overrides, huge and numeric-looking strings, missing and repeated fields, wrong content
 * types, malformed encodings, odd file names) to every form route a signed-in focal point and an anonymous visitor
 * can reach. Each must get an answer below 500, and the server must keep serving. Seeded: FUZZ_SEED=<n> reproduces
 * a run; FUZZ_REQUESTS bounds it (default 160, about 15 s).
 *
 * A fuzzed save may succeed with odd text, so the signed-in person and every item whose id is in a route are the
 * spec's own (tests/e2e/fixtures.ts, docs/decisions/029): a National Coordinator of Grenada (whose only other spec,
 * accounts, reads the roles a coordinator may invite, not its requests, rooms or questionnaires), a reporting cycle
 * (its questionnaire and disclosure pages), a request and a peer-support offer of Grenada, a match of that request
 * with an offer of CABEI (which no other spec uses) and a room convened for Grenada. Afterwards the test checks that
 * every change the person made is to those, and withdraws any request or offer a fuzzed form created.
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

/**
 * Whether the server takes a new connection and answers its health check. The fuzz's clients keep their connections
 * alive, and a server that is shutting down (after an uncaught exception) still answers those for a while. A stopped
 * server refuses at once; a slow answer on a loaded machine is asked again (three times 5 s) before it counts.
 */
async function servesNewConnections(baseURL: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await new Promise<'up' | 'down' | 'slow'>((resolve) => {
      const probe = httpRequest(new URL('/healthz', baseURL), { agent: false, timeout: 5_000 }, (response) => {
        response.resume();
        resolve(response.statusCode === 200 ? 'up' : 'down');
      });
      probe.on('error', () => resolve('down'));
      probe.on('timeout', () => {
        probe.destroy();
        resolve('slow');
      });
      probe.end();
    });
    if (answer !== 'slow') return answer === 'up';
  }
  return false;
}

/** The links of a page whose path matches, as a person finds a route: by following links. */
async function hrefs(request: APIRequestContext, path: string, pattern: RegExp): Promise<string[]> {
  const html = await (await request.get(path)).text();
  return [...new Set([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).filter((href) => pattern.test(href)))];
}

test(`form routes answer every generated POST below 500 (seed ${SEED})`, async ({
  page,
  playwright,
  baseURL,
  make,
  world,
}) => {
  test.setTimeout(180_000);
  const coordinator = await make.person('GD', 'national_coordinator');
  const partner = await make.person('CABEI', 'jswg_focal_point');
  const cycle = await make.cycle();
  const request = await make.request(coordinator);
  const offer = await make.offer(coordinator);
  const match = await make.match(request, await make.offer(partner));
  const room = await make.room({ organizations: ['GD'] });
  await make.logIn(page, coordinator);
  const signedIn = page.request;

  const questionnaire = `/questionnaire/${cycle.id}`;
  const mandates = (await hrefs(signedIn, questionnaire, new RegExp(`^/questionnaire/${cycle.id}/\\d+$`))).slice(0, 2);
  expect(mandates.length, 'the questionnaire of the spec’s cycle lists its mandates').toBeGreaterThan(0);
  const ownTargets = [
    questionnaire,
    ...mandates,
    `/questionnaire/${cycle.id}/contributions`,
    `/disclosure/${cycle.id}`,
    room.url,
    request.url,
    offer.url,
    match.url,
  ];
  for (const target of ownTargets)
    expect((await signedIn.get(target)).status(), `${target} is the person’s to open`).toBe(200);
  const targets = [
    ...ownTargets,
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
  const anonymousClient = await playwright.request.newContext({ baseURL });
  const anonymousTargets = ['/login', '/lang', '/invitations/not-a-token', '/', '/mandates'];

  const [{ lastAudit }] = await world.db.select({ lastAudit: max(auditLog.id) }).from(auditLog);
  const rng = seededRng(SEED);
  const tally: Record<string, number> = {};
  const failures: string[] = [];
  const recent: string[] = [];
  let stopped = false;
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
    recent.push(described);
    if (!(await servesNewConnections(baseURL!))) {
      stopped = true;
      failures.push(`the server stopped taking connections; the last requests:\n${recent.slice(-3).join('\n')}`);
      break;
    }
  }
  console.info(
    `[form fuzz] seed ${SEED}: ${TOTAL} requests to ${targets.length + anonymousTargets.length} routes`,
    tally,
  );
  await anonymousClient.dispose();
  expect.soft(failures, `server errors (reproduce with FUZZ_SEED=${SEED})`).toEqual([]);
  // A stopped server's database is dropped with it: nothing left to check or clean.
  expect(stopped, 'the server stopped during the fuzz').toBe(false);

  // A request or offer a fuzzed form created is the person's own too; withdrawn like the fixture's.
  const ownItems = [request.id, offer.id];
  const [strayRequests, strayOffers] = await Promise.all([
    world.db
      .select({ id: assistanceRequests.id })
      .from(assistanceRequests)
      .where(and(eq(assistanceRequests.createdBy, coordinator.userId), notInArray(assistanceRequests.id, ownItems))),
    world.db
      .select({ id: cooperationOffers.id })
      .from(cooperationOffers)
      .where(and(eq(cooperationOffers.createdBy, coordinator.userId), notInArray(cooperationOffers.id, ownItems))),
  ]);
  for (const { id } of strayRequests) await world.services.requests.withdraw(world.admin, id);
  for (const { id } of strayOffers) await world.services.offers.withdraw(world.admin, id);

  // What the person changed: every audited action and every saved answer is about the spec's own data.
  const [ownQuestionnaire] = await world.db
    .select({ id: questionnaires.id })
    .from(questionnaires)
    .where(
      and(eq(questionnaires.cycleId, cycle.id), eq(questionnaires.organizationId, await world.organizationId('GD'))),
    );
  // What a fuzzed form may add inside the spec's own room (a shared document, a message) is the spec's data too.
  const [roomDocuments, roomMessages] = await Promise.all([
    world.db
      .select({ id: roundtableDocuments.id })
      .from(roundtableDocuments)
      .where(eq(roundtableDocuments.roundtableId, room.id)),
    world.db.select({ id: messages.id }).from(messages).where(eq(messages.roundtableId, room.id)),
  ]);
  const own = new Set<string | undefined>([
    ...roomDocuments.map((d) => d.id),
    ...roomMessages.map((m) => String(m.id)),
    coordinator.userId,
    cycle.id,
    ownQuestionnaire?.id,
    request.id,
    offer.id,
    match.id,
    room.id,
    ...strayRequests.map((r) => r.id),
    ...strayOffers.map((o) => o.id),
  ]);
  const audited = await world.db
    .select({ action: auditLog.action, subjectType: auditLog.subjectType, subjectId: auditLog.subjectId })
    .from(auditLog)
    .where(and(gt(auditLog.id, lastAudit ?? 0), eq(auditLog.actorUserId, coordinator.userId)));
  const saved = await world.db
    .select({ answerId: answers.id, cycleId: questionnaires.cycleId })
    .from(answerVersions)
    .innerJoin(answers, eq(answers.id, answerVersions.answerId))
    .innerJoin(questionnaires, eq(questionnaires.id, answers.questionnaireId))
    .where(eq(answerVersions.savedBy, coordinator.userId));
  console.info(
    `[form fuzz] the person's writes: ${audited.length} audited, ${saved.length} answers saved, ${strayRequests.length + strayOffers.length} items created`,
  );
  expect(
    audited.filter((row) => row.subjectId !== null && !own.has(row.subjectId)),
    'audited changes to what the spec did not make',
  ).toEqual([]);
  expect(
    saved.filter((row) => row.cycleId !== cycle.id),
    'answers saved outside the spec’s cycle',
  ).toEqual([]);

  // Still serving, and still signed in.
  expect((await signedIn.get('/healthz')).status()).toBe(200);
  await page.goto('/questionnaire');
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
});
