import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test, type Make, type Person } from './fixtures';

/*
 * Privacy canary (issue 13, item 1; decision 014), on data of its own (docs/decisions/029): Suriname (no demo
 * account belongs to it; accounts.spec only resets a password of a coordinator of its own there) answers Q4 in a
 * reporting cycle this spec makes, through the pages, harmlessly, publishes the request drafted from it, edits Q4 to
 * text carrying a unique canary, and asks for Q4 to be withheld. It also answers Q4 of another mandate with harmless
 * text and publishes that request: the positive control. It submits, and the Secretariat publishes the cycle. Then
 * people of every other role, made for each test (another State: Uruguay; a JSWG organization: the OECD; civil
 * society; the Secretariat's staff and administrator), and an anonymous visitor crawl every page reachable from the
 * home page, plus the exports and JSON routes: the canary must appear nowhere, and the harmless text must be where it
 * is public (the cycle's results; the control request for those signed in). Those tests are serial (the first stores
 * the canary); the last test, on initiatives, is independent of them. No demo data is written or relied upon: the
 * crawl reads the demo's pages as any visitor would, and only checks that the canary is not in them.
 *
 * Withheld parts of a cooperation initiative (issue 19), on data of its own (tests/e2e/fixtures.ts): an outcome a
 * participant asked not to publish after it was published, and funding only one of the two participants agreed to
 * publish, each with a canary of its own. The same readers fetch every public surface of initiatives (the page, the
 * registry, the Atom feed, the exports, the open-data API, the yearly summary and its CSV): neither canary is there.
 */

const UNIQUE = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const CANARY = `CANARY-${UNIQUE}`;
/** In the answer that stays public (the positive control): the readers must find it. */
const HARMLESS = `HARMLESS-${UNIQUE}`;
/** The State that answers, withholds and publishes (by organization code). */
const STATE = 'SR';
// The cycle is this spec's own, so any mandate would do; the control is answered in another one.
const MANDATE = 9;
const CONTROL_MANDATE = 10;
let requestPath = '';
let controlRequestPath = '';
let cycleId = '';

const q4 = (page: Page) => page.locator('section.question[id$="Q4"]').first();

async function saveQ4(page: Page, summary: string, full: string) {
  const block = q4(page);
  await block.getByLabel('Summary answer').fill(summary);
  await block.getByLabel('Full answer').fill(full);
  const policy = block.getByRole('checkbox', { name: 'Policy design' });
  if (!(await policy.isChecked())) await policy.check();
  await block.getByRole('button', { name: 'Save Q4' }).click();
  await expect(block.getByText(/^Q4 saved \(version \d+\)\.$/)).toBeVisible();
}

/** From a saved Q4 to the request drafted from it, published; its address. */
async function publishRequestFromQ4(page: Page) {
  await q4(page).getByRole('link', { name: 'Open the request' }).click();
  await page.waitForURL(/\/cooperation\/requests\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByTestId('withheld-notice')).toHaveCount(0);
  return new URL(page.url()).pathname;
}

/** Pages whose bytes are not text, and links that change the session rather than show something. */
const SKIP = [
  /^\/logout/,
  /^\/lang/,
  /^\/build\//,
  /^\/assets\//,
  /\.(css|js|mjs|map|ico|svg|png|jpe?g|gif|webp|woff2?)(\?|$)/,
];
/**
 * The Secretariat reviews each State's own questionnaire, answers included (decision 008): that is where it reads a
 * pending non-disclosure request's content to record the Chair's decision. Those two pages are not public surfaces.
 */
const SECRETARIAT_REVIEW = [
  /^\/admin\/cycles\/[0-9a-f-]{36}\/[^/?#]+/,
  /^\/questionnaire\/answers\/[0-9a-f-]{36}\/history/,
];

/**
 * Breadth-first over same-origin links from the seeds; every response body (pages, exports, JSON) is checked for the
 * canary, and the pages that carry the harmless text are noted.
 */
async function crawl(request: APIRequestContext, seeds: string[], { skip = [] as RegExp[], limit = 700 } = {}) {
  const seen = new Set<string>();
  const queue = [...seeds];
  const leaks: string[] = [];
  const harmless = new Set<string>();
  const cycles = new Set<string>();
  const enqueue = (path: string) => {
    if (!seen.has(path) && !queue.includes(path) && ![...SKIP, ...skip].some((r) => r.test(path))) queue.push(path);
  };
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    seen.add(path);
    const response = await request.get(path, { failOnStatusCode: false });
    const body = await response.text();
    if (body.includes(CANARY)) leaks.push(`${path} (${response.status()})`);
    if (response.ok() && body.includes(HARMLESS)) harmless.add(path);
    for (const match of path.matchAll(/^\/results\/([0-9a-f-]{36})/g)) {
      if (cycles.has(match[1])) continue;
      cycles.add(match[1]);
      // The exports and JSON routes of each published cycle, linked or not.
      for (const extra of [
        `/results/${match[1]}/export.csv`,
        `/results/${match[1]}/export.json`,
        `/results/${match[1]}/mandates/${MANDATE}.json`,
        `/results/${match[1]}/mandates/${MANDATE}`,
        `/results/${match[1]}/mandates/${CONTROL_MANDATE}.json`,
        `/results/${match[1]}/mandates/${CONTROL_MANDATE}`,
      ])
        enqueue(extra);
    }
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue;
    for (const [, raw] of body.matchAll(/href="([^"]+)"/g)) {
      const href = raw.replace(/&amp;/g, '&').split('#')[0];
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      enqueue(href);
    }
  }
  return { leaks, visited: seen.size, seen, harmless };
}

const SEEDS = () => [
  '/',
  requestPath,
  controlRequestPath,
  '/mandates.json',
  '/directory',
  '/cooperation',
  '/admin/matching',
  '/matches',
  '/notifications',
  '/results',
  `/results/${cycleId}`,
  `/results/${cycleId}/${STATE}`,
  `/disclosure/${cycleId}`,
];

async function signedIn(browser: Browser, make: Make, person: Person | null) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (person) await make.logIn(page, person);
  return context;
}

/** Every reader role, a person of its own made for the test (null: an anonymous visitor). */
const ROLES: Array<[string, (make: Make) => Promise<Person | null>]> = [
  ['anonymous', async () => null],
  ['another State (Uruguay, coordinator)', (make) => make.person('UY', 'national_coordinator')],
  ['another State (Uruguay, delegate)', (make) => make.person('UY', 'delegate')],
  ['a JSWG organization (OECD)', (make) => make.person('OECD', 'jswg_focal_point')],
  ['civil society', (make) => make.person('DEMO-CSO', 'civil_society_member')],
  ['the Secretariat (staff)', (make) => make.person('SUMMITS-SECRETARIAT', 'secretariat_staff')],
  ['the Secretariat (admin)', (make) => make.person('SUMMITS-SECRETARIAT', 'secretariat_admin')],
];

const isSecretariat = (person: Person | null) => person?.organizationCode === 'SUMMITS-SECRETARIAT';

test.describe('a withheld questionnaire answer', () => {
  test.describe.configure({ mode: 'serial' });

  test.afterAll(async ({ world }) => {
    // The control request is the only thing published through the pages that nothing takes back.
    if (controlRequestPath) await world.services.requests.withdraw(world.admin, controlRequestPath.split('/').pop()!);
  });

  test(`${STATE} publishes a request from Q4, edits Q4 to sensitive text and asks for it to be withheld; the cycle is published`, async ({
    page,
    browser,
    make,
  }) => {
    test.setTimeout(150_000);
    cycleId = (await make.cycle({ name: `E2E privacy canary ${make.tag}` })).id;
    await make.logIn(page, await make.person(STATE, 'national_coordinator'));
    // Opening the questionnaire starts it.
    await page.goto(`/questionnaire/${cycleId}`);
    const mandatePath = `/questionnaire/${cycleId}/${MANDATE}`;
    await page.goto(mandatePath);

    // 1. A harmless Q4 becomes a draft request; 2. the State publishes it.
    await saveQ4(
      page,
      'Civic education curriculum',
      'We need policy design support for a civic education curriculum on integrity in secondary schools.',
    );
    requestPath = await publishRequestFromQ4(page);
    await expect(page.getByText('Civic education curriculum').first()).toBeVisible();

    // 3. Q4 is edited to sensitive text: the published request is not rewritten, the edit waits for confirmation.
    await page.goto(mandatePath);
    await saveQ4(
      page,
      `${CANARY} sensitive summary`,
      `${CANARY}: the sensitive details of the case, for the Chair only.`,
    );
    await page.goto(requestPath);
    await expect(page.getByRole('heading', { level: 1 })).not.toContainText(CANARY);
    await expect(page.getByTestId('pending-update')).toContainText(CANARY); // shown to the State only

    // 4. The State asks for Q4 of the mandate to be withheld.
    await page.goto(`/disclosure/${cycleId}`);
    await page.getByLabel('What to withhold').selectOption({ label: 'One question' });
    await page.getByLabel('Mandate number').fill(String(MANDATE));
    await page.getByLabel('Question', { exact: true }).selectOption('Q4');
    await page.getByLabel('Letter to the Chair (reference)').fill('Note canary-1');
    await page.getByRole('button', { name: 'Record the request' }).click();
    await expect(page.getByRole('cell', { name: 'Note canary-1' })).toBeVisible();

    // The request is taken back, and not even the State's own copy holds the withheld text any more.
    await page.goto(requestPath);
    await expect(page.getByRole('heading', { name: 'No longer published' })).toBeVisible();
    await expect(page.getByTestId('withheld-notice')).toContainText('The whole answer is withheld at your request');
    expect(await page.content()).not.toContain(CANARY);
    // The canary is really stored: the State's own questionnaire shows it (so the crawl below is not vacuous).
    await page.goto(mandatePath);
    await expect(q4(page).getByLabel('Full answer')).toHaveValue(new RegExp(CANARY));

    // 5. The positive control: Q4 of another mandate, harmless, not withheld, and its request published.
    await page.goto(`/questionnaire/${cycleId}/${CONTROL_MANDATE}`);
    await saveQ4(
      page,
      `${HARMLESS} open data portal`,
      `${HARMLESS}: we need policy design support for an open data portal on public procurement.`,
    );
    controlRequestPath = await publishRequestFromQ4(page);
    await expect(page.getByText(`${HARMLESS} open data portal`).first()).toBeVisible();

    // 6. The State submits, and the Secretariat publishes the cycle now: its results are public.
    await page.goto(`/questionnaire/${cycleId}`);
    await page.getByLabel(/I confirm that these answers are final/).check();
    await page.getByRole('button', { name: 'Submit to the Secretariat' }).click();
    await expect(page.getByText('The questionnaire was submitted. It is now locked.')).toBeVisible();
    const staff = await signedIn(browser, make, await make.person('SUMMITS-SECRETARIAT', 'secretariat_staff'));
    const admin = await staff.newPage();
    await admin.goto(`/admin/cycles/${cycleId}`);
    await admin.getByText('Publish now').first().click();
    await admin.getByLabel(/I confirm that the submitted answers become public now/).check();
    await admin.locator('details form').getByRole('button', { name: 'Publish now' }).click();
    await expect(admin.getByText(/The cycle was published: \d+ answers are now public\./)).toBeVisible();
    await staff.close();
  });

  for (const [role, reader] of ROLES) {
    test(`${role} finds the canary nowhere: pages, request, brokering, directory, exports and JSON`, async ({
      browser,
      make,
    }) => {
      test.setTimeout(240_000);
      expect(requestPath, 'the first test stored the canary').not.toBe('');
      const person = await reader(make);
      const context = await signedIn(browser, make, person);
      const { leaks, visited, seen, harmless } = await crawl(context.request, SEEDS(), {
        skip: isSecretariat(person) ? SECRETARIAT_REVIEW : [],
      });
      await context.close();
      test.info().annotations.push({ type: 'visited', description: String(visited) });
      expect(leaks, `the canary leaked to ${role}`).toEqual([]);
      // The crawl really went through the site, the request page and the cooperation pages included.
      expect(visited).toBeGreaterThan(person ? 40 : 20);
      expect(seen.has(requestPath)).toBe(true);
      // And it read what is public of the same questionnaire: the harmless answer in the cycle's results (and, signed
      // in, the published request drafted from it).
      expect(harmless, `${role} reads the harmless answer in the results`).toContain(`/results/${cycleId}/${STATE}`);
      if (person) expect(harmless, `${role} reads the harmless request`).toContain(controlRequestPath);
    });
  }
});

test('withheld initiative parts: an outcome a participant asked not to publish and funding not every participant agreed to reach no reader', async ({
  browser,
  make,
}) => {
  test.setTimeout(300_000);
  const unique = `${make.tag}-${Date.now().toString(36)}`;
  const OUTCOME_CANARY = `OUTCOME-CANARY-${unique}`;
  const FUNDING_CANARY = `FUNDING-CANARY-${unique}`;
  const canaries = [OUTCOME_CANARY, FUNDING_CANARY];
  // Saint Vincent and the Grenadines and the IOM: organizations no demo account belongs to.
  const state = await make.person('VC', 'national_coordinator');
  const jswg = await make.person('IOM', 'jswg_focal_point');
  const match = await make.match(await make.request(state), await make.offer(jswg));
  await make.confirm(match);
  const initiative = await make.initiative(match);
  await make.funding(initiative, { source: FUNDING_CANARY, amount: 7300, agreedBy: [state] });
  const publicOutcome = `E2E ${make.tag}: the whistleblower protection bill was drafted with the IOM.`;
  await make.outcome(initiative, { text: publicOutcome, agreedBy: [state, jswg], publish: true });
  // Published first, so the request not to publish takes back what the public could already read.
  const withheld = await make.outcome(initiative, {
    text: `${OUTCOME_CANARY}: the names of the officials who reported the case.`,
    figures: 'Officials protected: 3',
    agreedBy: [state, jswg],
    publish: true,
  });

  // The IOM's focal point asks, through the initiative's page, that the outcome not be published: withheld at once.
  const participant = await (await browser.newContext()).newPage();
  await make.logIn(participant, jswg);
  await participant.goto(initiative.url);
  await participant.getByLabel('Part not to publish').selectOption(`outcome:${withheld.seriesId}`);
  await participant.getByLabel('Why it should not be published').fill('It names officials who asked to stay unknown.');
  await participant.getByRole('button', { name: 'Ask not to publish it' }).click();
  await expect(participant.getByText('Asked. The part is withheld until the Secretariat decides.')).toBeVisible();
  await expect(participant.getByText('Withheld, waiting for the Secretariat')).toBeVisible();
  // The participant still reads both in its own view of the record (so the searches below are not vacuous).
  await participant.reload();
  const own = await participant.content();
  for (const canary of canaries) expect(own, 'the participant sees its own record').toContain(canary);
  await participant.context().close();

  const year = new Date().getUTCFullYear();
  const surfaces = [
    initiative.url,
    '/initiatives',
    `/initiatives?organization=VC`,
    '/initiatives.atom',
    '/initiatives/export.csv',
    '/initiatives/export.json',
    '/api/v1/initiatives',
    '/api/v1/initiatives?organization=VC',
    `/api/v1/initiatives/${initiative.id}`,
    `/initiatives/summary/${year}`,
    `/initiatives/summary/${year}/export.csv`,
    '/mandates/lima-2018/12',
  ];
  for (const [role, reader] of ROLES) {
    const person = await reader(make);
    const context = await signedIn(browser, make, person);
    for (const path of surfaces) {
      // The Secretariat reads the record on the initiative's page (what is withheld included): not a public surface.
      if (isSecretariat(person) && path === initiative.url) continue;
      const response = await context.request.get(path);
      expect(response.status(), `${role}: ${path}`).toBe(200);
      const body = await response.text();
      for (const canary of canaries) expect(body, `${role}: ${path}`).not.toContain(canary);
      // The initiative itself is public, and so is its other outcome: the reader did get the initiative.
      if (path.includes('organization=VC')) expect(body, `${role}: ${path}`).toContain(initiative.title);
      if (
        [
          initiative.url,
          `/api/v1/initiatives/${initiative.id}`,
          '/initiatives/export.json',
          '/initiatives.atom',
        ].includes(path)
      )
        expect(body, `${role}: ${path}`).toContain(publicOutcome);
    }
    await context.close();
  }
});
