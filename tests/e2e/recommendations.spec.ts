import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type Make } from './fixtures';

// Issue 13, item 7, one story: a civil-society member submits two recommendations (one from the mandate page, on the
// demo's published cycle), nobody else sees them while pending, the Secretariat declines one with a reason and
// publishes the other as written, the organization reads the outcome, and the public sees only the published one on
// the mandate page and in the export. Other roles are refused the submit page. The people are each test's own; the
// organization is the demo's civil-society network (the reference data has no civil-society organization and no
// service makes one), whose recommendations no other spec touches; what carries the story from one test to the next
// is that organization's recommendations (docs/decisions/029).
test.describe.configure({ mode: 'serial' });

const year = new Date().getUTCFullYear();
const publishedCycle = `(Demo) ${year - 1} registration`;
const cso = 'Demo Civil Society Network (demo data)';
const declinedTitle = 'E2E: name the judges who delayed cases';
const publishedTitle = 'E2E: publish judicial appointment hearings';
const publishedText = 'Hearings for judicial appointments should be streamed and their records kept online.';
const reason = 'It names individuals; please resubmit without personal data.';

/** WCAG 2.1 A and AA violations on the current page (as tests/e2e/accessibility.spec.ts checks the navigation's pages). */
async function violations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} on ${page.url()}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
const section = (page: Page) => page.getByRole('region', { name: 'Recommendations of civil society' });
const member = (make: Make) => make.person('DEMO-CSO', 'civil_society_member');
const staff = (make: Make) => make.person('SUMMITS-SECRETARIAT', 'secretariat_staff');

test('before anything is submitted, the mandate page says so and other roles cannot submit', async ({ page, make }) => {
  await page.goto('/mandates/lima-2018/2');
  await expect(section(page)).toContainText('No recommendation of civil society on this mandate has been published.');
  await expect(section(page).getByRole('link', { name: 'Submit a recommendation on this mandate' })).toHaveCount(0);
  await page.goto('/recommendations/new');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Frecommendations%2Fnew/);

  await make.logIn(page, await make.person('KN', 'delegate'));
  await expect(nav(page).getByRole('link', { name: 'Our recommendations', exact: true })).toHaveCount(0);
  expect((await page.request.get('/recommendations/new')).status()).toBe(403);
  expect((await page.request.get('/admin/recommendations')).status()).toBe(403);
  const post = await page.request.post('/recommendations/new', {
    form: { title: 'State', text: 'A State cannot submit.', language: 'en', commitment: 'lima-2018', mandate: '2' },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(post.status()).toBe(403);
});

test('a civil-society member submits two recommendations and sees them waiting', async ({ page, make }) => {
  await make.logIn(page, await member(make));
  await nav(page).getByRole('link', { name: 'Our recommendations', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your organization’s recommendations' })).toBeVisible();
  await page.getByRole('link', { name: 'Submit a recommendation', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Submit a recommendation' })).toBeVisible();

  // A mistake keeps what was typed and names the field.
  await page.getByLabel('Recommendation', { exact: true }).fill('Publish the names.');
  await page.getByLabel('Mandate number').fill('2');
  await page.getByLabel('Title', { exact: true }).fill('   ');
  await page.getByRole('button', { name: 'Submit to the Secretariat' }).click();
  await expect(page.getByRole('alert')).toContainText('Check the highlighted fields. Nothing was saved.');
  await expect(page.getByText('Give your recommendation a title.')).toBeVisible();
  await expect(page.getByLabel('Recommendation', { exact: true })).toHaveValue('Publish the names.');

  await page.getByLabel('Title', { exact: true }).fill(declinedTitle);
  await page.getByRole('button', { name: 'Submit to the Secretariat' }).click();
  await expect(page.getByRole('status')).toContainText('Your recommendation was submitted.');
  await expect(page.getByRole('row', { name: new RegExp(declinedTitle) })).toContainText('Waiting for the Secretariat');

  // From the mandate page: the mandate is filled in; this one is also about the published cycle.
  await page.goto('/mandates/lima-2018/2');
  await section(page).getByRole('link', { name: 'Submit a recommendation on this mandate' }).click();
  await expect(page.getByLabel('Mandate number')).toHaveValue('2');
  await page.getByLabel('Title', { exact: true }).fill(publishedTitle);
  await page.getByLabel('Recommendation', { exact: true }).fill(publishedText);
  await page.getByLabel('Published reporting cycle').selectOption({ label: publishedCycle });
  await page.getByRole('button', { name: 'Submit to the Secretariat' }).click();
  const row = page.getByRole('row', { name: new RegExp(publishedTitle) });
  await expect(row).toContainText('Waiting for the Secretariat');
  await expect(row).toContainText(`Reporting cycle: ${publishedCycle}`);
});

test('pending recommendations are not public', async ({ page, make }) => {
  await page.goto('/recommendations');
  await expect(page.getByText('No recommendation has been published yet.')).toBeVisible();
  await page.goto('/mandates/lima-2018/2');
  await expect(section(page)).toContainText('No recommendation of civil society on this mandate has been published.');
  const csv = await (await page.request.get('/recommendations/export.csv')).text();
  expect(csv).not.toContain('E2E:');
  // Another signed-in role sees no more than the public.
  await make.logIn(page, await make.person('KN', 'national_coordinator'));
  await page.goto('/recommendations');
  await expect(page.getByText('E2E:')).toHaveCount(0);
});

test('the pages with recommendations in them pass the automated accessibility checks', async ({ page, make }) => {
  const found: string[] = [];
  await make.logIn(page, await member(make));
  for (const path of ['/recommendations/mine', '/recommendations/new']) {
    await page.goto(path);
    found.push(...(await violations(page)));
  }
  // The form with its errors shown (blank title and no target pass the browser's checks, not the service's).
  await page.getByLabel('Title', { exact: true }).fill('   ');
  await page.getByLabel('Recommendation', { exact: true }).fill('Something');
  await page.getByRole('button', { name: 'Submit to the Secretariat' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  found.push(...(await violations(page)));
  await page.context().clearCookies();
  await make.logIn(page, await staff(make));
  await page.goto('/admin/recommendations');
  await expect(page.getByRole('article')).toHaveCount(2);
  found.push(...(await violations(page)));
  expect(found).toEqual([]);
});

test('the Secretariat declines one with a reason and publishes the other as written; the members are notified', async ({
  page,
  browser,
  make,
}) => {
  // A member of the organization before the decision, to be notified of it.
  const notified = await member(make);
  await make.logIn(page, await staff(make));
  await nav(page).getByRole('link', { name: 'Recommendations', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recommendations to moderate' })).toBeVisible();
  const declined = page.getByRole('article', { name: declinedTitle });
  await expect(declined).toContainText(`From ${cso}`);
  await expect(declined.getByRole('textbox', { name: 'Title' })).toHaveCount(0); // nothing to edit
  await declined.getByRole('button', { name: `Decline “${declinedTitle}”` }).click();
  await expect(page.getByRole('article', { name: declinedTitle }).getByRole('alert')).toContainText(
    'Give the organization the reason.',
  );
  await page
    .getByRole('article', { name: declinedTitle })
    .getByLabel('Reason for declining (the organization is told)')
    .fill(reason);
  await page
    .getByRole('article', { name: declinedTitle })
    .getByRole('button', { name: `Decline “${declinedTitle}”` })
    .click();
  await expect(page.getByRole('status')).toContainText('Declined. The organization was told the reason.');
  await expect(page.getByRole('article', { name: declinedTitle })).toHaveCount(0);

  await page
    .getByRole('article', { name: publishedTitle })
    .getByRole('button', { name: `Publish “${publishedTitle}” as written` })
    .click();
  await expect(page.getByRole('status')).toContainText('Published. The organization was notified.');
  await expect(page.getByText('No recommendation is waiting.')).toBeVisible();

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await make.logIn(memberPage, notified);
  await memberPage.goto('/notifications');
  await expect(
    memberPage.getByRole('link', {
      name: 'The Summits Secretariat declined your organization’s recommendation: see the reason',
    }),
  ).toBeVisible();
  await memberContext.close();
});

test('the organization reads the outcome and the Secretariat’s reason', async ({ page, make }) => {
  await make.logIn(page, await member(make));
  await page.goto('/recommendations/mine');
  await expect(page.getByRole('row', { name: new RegExp(declinedTitle) })).toContainText(`Declined`);
  await expect(page.getByRole('row', { name: new RegExp(declinedTitle) })).toContainText(
    `The Secretariat’s reason: ${reason}`,
  );
  await expect(page.getByRole('row', { name: new RegExp(publishedTitle) })).toContainText('Published');
});

test('the public sees only the published one, on the mandate page, the list and the export, in both languages', async ({
  page,
  context,
}) => {
  await page.goto('/mandates/lima-2018/2');
  const card = section(page).getByRole('article').filter({ hasText: publishedTitle });
  await expect(card).toContainText(publishedText);
  await expect(card).toContainText(new RegExp(`By ${cso.replace(/[()]/g, '\\$&')}, published \\d{4}-\\d{2}-\\d{2}`));
  await expect(section(page)).not.toContainText(declinedTitle);
  await expect(page.getByText(reason)).toHaveCount(0);

  await page.goto('/recommendations');
  await page.getByLabel('Reporting cycle').selectOption({ label: publishedCycle });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { level: 2, name: publishedTitle })).toBeVisible();
  await expect(page.getByText(declinedTitle)).toHaveCount(0);

  const csv = await page.request.get('/recommendations/export.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  const body = await csv.text();
  expect(body).toContain(publishedTitle);
  expect(body).not.toContain(declinedTitle);
  expect(body).not.toContain(reason);
  const json = (await (await page.request.get('/recommendations/export.json')).json()) as {
    recommendations: Array<{ title: string; organization_name_en: string }>;
  };
  expect(json.recommendations).toEqual([expect.objectContaining({ title: publishedTitle, organization_name_en: cso })]);

  for (const path of ['/recommendations', '/mandates/lima-2018/2']) {
    await page.goto(path);
    expect(await violations(page)).toEqual([]);
  }

  await context.addCookies([{ name: 'minka_lang', value: 'es', url: page.url() }]);
  await page.goto('/mandates/lima-2018/2');
  const seccion = page.getByRole('region', { name: 'Recomendaciones de la sociedad civil' });
  await expect(seccion).toContainText(publishedTitle);
  await expect(seccion).toContainText(/publicada el \d{4}-\d{2}-\d{2}/);
});
