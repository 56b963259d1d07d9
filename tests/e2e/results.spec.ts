import { expect, test, type Page } from '@playwright/test';

// Must match services/demo/registration-seed.server.ts: the demo withholds this text at Peru's request.
const WITHHELD = '(Demo) withheld: internal figures on judicial appointments';

async function publishedCycleUrl(page: Page) {
  await page.goto('/results');
  await page.getByRole('link', { name: /\(Demo\) \d{4} registration/ }).click();
  await page.waitForURL(/\/results\/[0-9a-f-]{36}$/);
  return page.url();
}

test('the published cycle shows counts per level, names no State in the chart, and never the withheld text', async ({
  page,
  request,
}) => {
  const cycleUrl = await publishedCycleUrl(page);
  await expect(page.getByRole('img', { name: /Mandate 2: 0 at A, 1 at B, 2 at C, 1 at D/ })).toBeVisible();
  const pages = [
    cycleUrl,
    `${cycleUrl}/PE`,
    `${cycleUrl}/CO`,
    `${cycleUrl}/OAS`,
    `${cycleUrl}/export.csv`,
    `${cycleUrl}/export.json`,
    '/directory?q=withheld',
    '/mandates?q=withheld',
  ];
  for (const url of pages) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    expect(await response.text(), url).not.toContain(WITHHELD);
  }
  await page.goto(`${cycleUrl}/PE`);
  await expect(page.getByText('(Demo) Judicial career law adopted')).toBeVisible();
  // The date of the latest published version (decision 015: late updates are published as new versions).
  await expect(page.getByTestId('latest-update')).toContainText(/Published on \d{4}-\d{2}-\d{2}/);
});

test('an unpublished cycle and an organization without published answers are 404, not leaks', async ({ request }) => {
  expect((await request.get('/results/00000000-0000-4000-8000-000000000000')).status()).toBe(404);
  expect((await request.get('/results/not-a-cycle/export.csv')).status()).toBe(404);
});
