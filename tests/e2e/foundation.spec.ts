import type { Page } from '@playwright/test';
import type { Role } from '../../db/schema';
import { expect, test } from './fixtures';

// Each test that signs in makes its own person (tests/e2e/fixtures.ts, docs/decisions/029): the Secretariat's people,
// a State's in Uruguay, a JSWG member's in the UNDP (where no demo account is and no room is opened, so a new
// member joins no other spec's room) and a civil-society member in the demo's network. Nothing here writes what
// another spec reads, so the spec runs on any worker, in any order; the tests without a person read public pages.
test.describe.configure({ timeout: 60_000 }); // a person is invited and signs up (a password hashed) before the page

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });

test.describe('each role sees its navigation', () => {
  const cases: Array<{ organization: string; role: Role; sees: string[]; doesNotSee: string[] }> = [
    {
      organization: 'SUMMITS-SECRETARIAT',
      role: 'secretariat_admin',
      sees: ['Secretariat', 'People', 'Audit log', 'Catalogue import', 'Account'],
      doesNotSee: ['My State'],
    },
    {
      organization: 'SUMMITS-SECRETARIAT',
      role: 'secretariat_staff',
      sees: ['Secretariat', 'People', 'Audit log'],
      doesNotSee: ['Catalogue import', 'My State'],
    },
    {
      organization: 'UY',
      role: 'national_coordinator',
      sees: ['My State', 'Account'],
      doesNotSee: ['Secretariat', 'People'],
    },
    { organization: 'UY', role: 'deputy_focal_point', sees: ['My State'], doesNotSee: ['Secretariat'] },
    { organization: 'UY', role: 'delegate', sees: ['My State'], doesNotSee: ['Secretariat', 'Audit log'] },
    {
      organization: 'UNDP',
      role: 'jswg_focal_point',
      sees: ['My organization'],
      doesNotSee: ['Secretariat', 'My State'],
    },
    {
      organization: 'DEMO-CSO',
      role: 'civil_society_member',
      sees: ['My organization'],
      doesNotSee: ['Secretariat', 'My State'],
    },
  ];
  for (const { organization, role, sees, doesNotSee } of cases) {
    test(`${role} (${organization})`, async ({ page, make }) => {
      await make.logIn(page, await make.person(organization, role));
      for (const label of sees) await expect(nav(page).getByRole('link', { name: label, exact: true })).toBeVisible();
      for (const label of doesNotSee)
        await expect(nav(page).getByRole('link', { name: label, exact: true })).toHaveCount(0);
    });
  }
});

test('a delegate cannot open another State’s page or the Secretariat’s pages', async ({ page, make }) => {
  await make.logIn(page, await make.person('UY', 'delegate'));
  await nav(page).getByRole('link', { name: 'My State' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uruguay');

  for (const path of [
    '/org/CO',
    '/admin',
    '/admin/people',
    '/admin/audit',
    '/admin/catalogue',
    '/org/SUMMITS-SECRETARIAT',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  }
});

test('an unknown route gets the 404 page', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('the language switch turns the page Spanish and persists', async ({ page }) => {
  await page.goto('/mandates');
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mandatos');
  await page.goto('/');
  await expect(
    page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Mandatos' }),
  ).toBeVisible();
});

test('the catalogue search finds a mandate', async ({ page }) => {
  await page.goto('/mandates');
  await page.getByLabel('Search mandates').fill('judicial independence');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText(/mandate\(s\) match/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /Mandate 2\b/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Mandate 1\b/ })).toHaveCount(0);
});

test('a mandate without imported text says so instead of inventing it', async ({ page }) => {
  await page.goto('/mandates/lima-2018/30');
  await expect(page.getByText('Official text not yet imported.')).toBeVisible();
});

test('a mandate’s context note is in the reader’s language, and says it is not the official text', async ({
  page,
  context,
  baseURL,
}) => {
  await page.goto('/mandates/lima-2018/45');
  await expect(page.locator('.note [lang="en"]')).toContainText('Topic cited by the Mechanism (not the official text)');
  await context.addCookies([{ name: 'minka_lang', value: 'es', url: baseURL! }]);
  await page.reload();
  await expect(page.locator('.note [lang="es"]')).toContainText(
    'Tema citado por el Mecanismo (no es el texto oficial)',
  );
  await expect(page.getByText('Topic cited by the Mechanism')).toHaveCount(0);
});

test('a bad login keeps the e-mail and shows an error tied to the form', async ({ page, make }) => {
  // A person of this test's own: a failed attempt counts towards the login limit of the account (and of no demo one).
  const delegate = await make.person('UY', 'delegate');
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(delegate.email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('not correct');
  await expect(page.getByLabel('E-mail')).toHaveValue(delegate.email);
});

test('a forged session cookie is a logged-out visitor, not an error', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'minka_session', value: 'forged.cookie', url: baseURL! }]);
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('pages name their icon, and it is served (no 404 for /favicon.ico in every console)', async ({
  page,
  request,
}) => {
  // Chromium reports a missing icon only as a console error, not as a response of the page.
  const failed: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') failed.push(message.text());
  });
  await page.goto('/');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
  const icon = await request.get('/favicon.svg');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  await page.waitForLoadState('networkidle');
  expect(failed).toEqual([]);
});

// Issue 13, item 6: the home page names only what is built. Each capability it names is a link, and each link
// leads to a page (anonymous visitors are sent to log in for pages that need an account, never to a 404).
for (const lang of ['en', 'es'] as const) {
  test(`every capability the home page names has its page (${lang})`, async ({ page, context }) => {
    await page.goto('/');
    await context.addCookies([{ name: 'minka_lang', value: lang, url: page.url() }]);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const links = page.locator('.home-features a');
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThanOrEqual(8);
    for (const href of new Set(hrefs)) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
      expect(await response.text(), href).not.toContain('Page not found');
    }
    // Good practices, videoconferences and initiatives landed (issues 17–19): they are named only through their links above.
  });
}
