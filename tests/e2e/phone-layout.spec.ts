import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

// People made for each test (tests/e2e/fixtures.ts); the results page is public and only read.
// Issue 15, item 10: the signed-in header fits a phone behind a Menu button, and the public results page does not
// scroll sideways at 390 px.
const PHONE = { width: 390, height: 844 };

test('on a phone the header is one line with a Menu button; the menu opens, closes and passes axe', async ({
  page,
  make,
}) => {
  await make.logIn(page, await make.person('KN', 'national_coordinator'));
  await page.setViewportSize(PHONE);
  await page.goto('/questionnaire');
  const header = page.locator('header.site-header');
  expect((await header.boundingBox())!.height).toBeLessThan(90);
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: /^Notifications/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  // Following a link folds the menu again.
  await nav.getByRole('link', { name: /^Notifications/ }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
});

test('on a desktop the header shows the navigation without a Menu button', async ({ page, make }) => {
  await make.logIn(page, await make.person('SUMMITS-SECRETARIAT', 'secretariat_admin'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
});

test('the results of a cycle do not scroll sideways at 390 px', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto('/results');
  await page.locator('main a[href^="/results/"]').first().click();
  await expect(page.locator('table.distribution')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
});
