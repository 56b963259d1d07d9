import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demo, logIn, openDemoRoom } from './helpers';

/**
 * Every page of every role's navigation, and the pages people work in (a mandate, a questionnaire, a match, a
 * room), checked by axe-core against WCAG 2.1 A and AA: labels, names, contrast, landmarks, lang. Automated checks
 * find only part of what matters (keyboard flows are tested in the other specs); what they find must be zero.
 */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

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

test('the check itself finds what it should (an input without a label, text without contrast)', async ({ page }) => {
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Check</h1><input type="text"><p style="color:#bbb;background:#fff">faint</p></main></body></html>',
  );
  const found = await violationsOn(page);
  expect(found.some((v) => v.startsWith('label '))).toBe(true);
  expect(found.some((v) => v.startsWith('color-contrast '))).toBe(true);
});

test('public pages, in English and Spanish', async ({ page }) => {
  test.setTimeout(90_000); // every public page twice (en, es), each loaded and checked by axe
  await page.goto('/');
  const paths = [...(await navigationLinks(page)), '/login', '/mandates/lima-2018/2', '/mandates/lima-2018/45'];
  const found = await checkPages(page, paths);
  await page.goto('/');
  await page.getByTestId('lang-switch').click();
  found.push(...(await checkPages(page, paths)));
  expect(found).toEqual([]);
});

for (const who of [demo.admin, demo.coordinatorPE, demo.jswg, demo.civilSociety]) {
  test(`every page in the navigation of ${who}`, async ({ page }) => {
    test.setTimeout(90_000); // about 17 pages, each loaded and checked by axe (about 2 s each on a loaded 2-core machine)
    await logIn(page, who);
    const found = await checkPages(page, await navigationLinks(page));
    expect(found).toEqual([]);
  });
}

test('the pages people work in: a room, a match, the questionnaire, in both languages', async ({ page }) => {
  test.setTimeout(90_000); // six pages, each loaded and checked by axe: 29.9 s of the default 30 s on a loaded run
  await logIn(page, demo.coordinatorPE);
  const found: string[] = [];
  for (let pass = 0; pass < 2; pass++) {
    await openDemoRoom(page);
    await expect(page.getByText(/^(Live|En vivo)\b/)).toBeVisible();
    found.push(...(await violationsOn(page)));

    await page.goto('/matches');
    await page
      .getByRole('link', { name: /Training for judges/ })
      .first()
      .click();
    await page.waitForURL(/\/matches\/[0-9a-f-]{36}$/);
    found.push(...(await violationsOn(page)));

    // The State's questionnaire for the demo cycle, then its form for mandate 1 (the longest form people fill in).
    await page.goto('/questionnaire');
    await page.locator('main a[href^="/questionnaire/"]').first().click();
    await page.waitForURL(/\/questionnaire\/[0-9a-f-]{36}$/);
    found.push(...(await violationsOn(page)));
    await page.locator('main a[href$="/1"]').first().click();
    await page.waitForURL(/\/questionnaire\/[0-9a-f-]{36}\/1$/);
    await page.waitForLoadState('networkidle');
    found.push(...(await violationsOn(page)));
    await page.getByTestId('lang-switch').click();
  }
  expect(found).toEqual([]);
});

test('the Secretariat’s room page, with every moderation form, in both languages', async ({ page }) => {
  await logIn(page, demo.admin);
  const found: string[] = [];
  for (const live of [/^Live\b/, /^En vivo\b/]) {
    await openDemoRoom(page);
    await expect(page.getByText(live)).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Invite|Invitar)$/ })).toBeVisible();
    found.push(...(await violationsOn(page)));
    await page.getByTestId('lang-switch').click();
  }
  expect(found).toEqual([]);
});
