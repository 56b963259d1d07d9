import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { DatabaseHandle } from '../../db/client';
import type { Role } from '../../db/schema';
import { loadActor } from '../../services/accounts/actors.server';
import type { createServices } from '../../services/index.server';
import { expect, test, type Make, type Person, type Room } from './fixtures';

/**
 * Every page of every role's navigation, and the pages people work in (a mandate, a questionnaire, a match, a
 * room), checked by axe-core against WCAG 2.1 A and AA: labels, names, contrast, landmarks, lang. Automated checks
 * find only part of what matters (keyboard flows are tested in the other specs); what they find must be zero.
 *
 * The people are each test's own (tests/e2e/fixtures.ts, docs/decisions/029): the Secretariat's, a State's in
 * Uruguay, a JSWG member's in the ILO and a civil-society member in the demo's network, so switching their language
 * changes no demo account. The room, match and questionnaire are a room convened for Uruguay, a match of Uruguay's
 * request and the ILO's offer, and Uruguay's questionnaire in a cycle of the test's own.
 */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const STATE = 'UY';
const JSWG = 'ILO';

/** What the fixtures' worker holds (tests/e2e/fixtures.ts): the server's database and services on it. */
interface World {
  db: DatabaseHandle['db'];
  services: ReturnType<typeof createServices>;
}

async function violationsOn(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}) on ${page.url()}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(' | ')}`,
  );
}

/** The links of the main navigation, as the page shows them to this person. */
async function navigationLinks(page: Page): Promise<string[]> {
  const hrefs = await page
    .getByRole('navigation', { name: /Main navigation|Navegación principal/ })
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((href) => href.startsWith('/')))];
}

async function checkPages(page: Page, paths: string[]) {
  // An empty list would pass whatever the pages are like.
  expect(paths.length).toBeGreaterThan(4);
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    found.push(...(await violationsOn(page)));
  }
  return found;
}

/** Messages in the room, sent through the services as these members (the demo room had a short history too). */
async function say(world: World, room: Room, lines: Array<[Person, string]>) {
  for (const [index, [person, body]] of lines.entries()) {
    const actor = await loadActor(world.db, person.userId);
    if (!actor) throw new Error(`${person.email} cannot act.`);
    const sent = await world.services.roundtables.send(actor, room.id, { clientId: `a11y-${room.id}-${index}`, body });
    if (!sent.ok) throw new Error(`send: ${sent.kind}: ${sent.message}`);
  }
}

/**
 * What a State's coordinator works in: a room convened for the State with an agenda and a few messages, and a match
 * of the State's request and a JSWG member's offer (proposed, so it waits for the State's decision).
 */
async function workplace(make: Make, world: World, moderator?: Person) {
  const coordinator = await make.person(STATE, 'national_coordinator');
  const jswg = await make.person(JSWG, 'jswg_focal_point');
  const room = await make.room({
    organizations: [STATE, JSWG],
    title: `Training for judges ${make.tag}`,
    agenda: ['Welcome and introductions', 'Needs on judicial integrity training', 'Programme and calendar'],
    convener: moderator,
  });
  await say(world, room, [
    [room.convener, 'Welcome! This room follows the match on judicial integrity training.'],
    [coordinator, 'Gracias. Nuestra escuela judicial podría acoger una primera sesión en marzo.'],
    [jswg, 'We can provide two trainers and the course materials in Spanish.'],
  ]);
  const match = await make.match(await make.request(coordinator), await make.offer(jswg), {
    note: 'Both sides may accept.',
  });
  return { coordinator, jswg, room, match };
}

test('the check itself finds what it should (an input without a label, text without contrast)', async ({ page }) => {
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Check</h1><input type="text"><p style="color:#bbb;background:#fff">faint</p></main></body></html>',
  );
  const found = await violationsOn(page);
  expect(found.some((v) => v.startsWith('label '))).toBe(true);
  expect(found.some((v) => v.startsWith('color-contrast '))).toBe(true);
});

test('public pages, in English and Spanish', async ({ page }) => {
  test.setTimeout(150_000); // every public page twice (en, es), each loaded and checked by axe: 72 s at load 15
  await page.goto('/');
  // The yearly summary of initiatives (its charts and tables), as the registry links to it.
  await page.goto('/initiatives');
  const summary = await page.getByRole('link', { name: /yearly summary/i }).getAttribute('href');
  expect(summary).toMatch(/^\/initiatives\/summary\/\d{4}$/);
  await page.goto('/');
  const paths = [
    ...(await navigationLinks(page)),
    '/login',
    '/mandates/lima-2018/2',
    '/mandates/lima-2018/45',
    summary!,
  ];
  const found = await checkPages(page, paths);
  await page.goto('/');
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  found.push(...(await checkPages(page, paths)));
  expect(found).toEqual([]);
});

const walkers: Array<{ organization: string; role: Role }> = [
  { organization: 'SUMMITS-SECRETARIAT', role: 'secretariat_admin' },
  { organization: STATE, role: 'national_coordinator' },
  { organization: JSWG, role: 'jswg_focal_point' },
  { organization: 'DEMO-CSO', role: 'civil_society_member' },
];
for (const { organization, role } of walkers) {
  test(`every page in the navigation of a ${role} (${organization})`, async ({ page, make, world }) => {
    // About 17 pages, each loaded and checked by axe, after the people: the administrator's walk took 96 s at load 15.
    test.setTimeout(180_000);
    // The State's and the JSWG member's lists (rooms, matches, requests, offers) have something in them.
    const person =
      role === 'national_coordinator'
        ? (await workplace(make, world)).coordinator
        : role === 'jswg_focal_point'
          ? (await workplace(make, world)).jswg
          : await make.person(organization, role);
    await make.logIn(page, person);
    const found = await checkPages(page, await navigationLinks(page));
    expect(found).toEqual([]);
  });
}

test('the pages people work in: a room, a match, the questionnaire, in both languages', async ({
  page,
  make,
  world,
}) => {
  test.setTimeout(120_000); // six pages, each loaded and checked by axe, after the room, the match and the cycle
  const { coordinator, room, match } = await workplace(make, world);
  const cycle = await make.cycle();
  await make.logIn(page, coordinator);
  const found: string[] = [];
  let questionnaire = '';
  for (const lang of ['en', 'es']) {
    await page.goto(room.url);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByText(/^(Live|En vivo)\b/)).toBeVisible();
    found.push(...(await violationsOn(page)));

    await page.goto(match.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    found.push(...(await violationsOn(page)));

    // The State's questionnaire in this test's cycle, then its form for mandate 1 (the longest form people fill in).
    if (!questionnaire) {
      await page.goto('/questionnaire');
      await page.getByRole('link', { name: `Our questionnaire: ${cycle.name}` }).click();
      await page.waitForURL(/\/questionnaire\/[0-9a-f-]{36}$/);
      questionnaire = new URL(page.url()).pathname;
    } else await page.goto(questionnaire);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(cycle.name);
    found.push(...(await violationsOn(page)));
    await page.locator('main a[href$="/1"]').first().click();
    await page.waitForURL(/\/questionnaire\/[0-9a-f-]{36}\/1$/);
    await page.waitForLoadState('networkidle');
    found.push(...(await violationsOn(page)));
    // The switch posts the person's language; the next page is loaded once it is saved.
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('html')).not.toHaveAttribute('lang', lang);
  }
  expect(found).toEqual([]);
});

test('the Secretariat’s room page, with every moderation form, in both languages', async ({ page, make, world }) => {
  test.setTimeout(90_000);
  // The administrator convenes the room, so moderates it; the State's and the JSWG member's people are in it.
  const admin = await make.person('SUMMITS-SECRETARIAT', 'secretariat_admin');
  const { room } = await workplace(make, world, admin);
  await make.logIn(page, admin);
  const found: string[] = [];
  for (const [lang, live] of [
    ['en', /^Live\b/],
    ['es', /^En vivo\b/],
  ] as const) {
    await page.goto(room.url);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByText(live)).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Invite|Invitar)$/ })).toBeVisible();
    found.push(...(await violationsOn(page)));
    // The switch posts the person's language; the next page is loaded once it is saved.
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('html')).not.toHaveAttribute('lang', lang);
  }
  expect(found).toEqual([]);
});
