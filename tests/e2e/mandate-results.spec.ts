import { expect, test } from '@playwright/test';

// Must match services/demo/registration-seed.server.ts: the demo withholds this text at Peru's request.
const WITHHELD = '(Demo) withheld: internal figures on judicial appointments';

test('a mandate’s public results: counts per level, organizations alphabetically, nothing withheld, same data as JSON', async ({
  page,
  request,
}) => {
  await page.goto('/results');
  await page.getByRole('link', { name: /\(Demo\) \d{4} registration/ }).click();
  await page.waitForURL(/\/results\/[0-9a-f-]{36}$/);
  const cycleUrl = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Results of mandate 2' }).click();
  await page.waitForURL(`**${cycleUrl}/mandates/2`);

  await expect(page.getByRole('heading', { level: 1, name: 'Mandate 2' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Mandate 2: 0 answers at A, 1 at B, 2 at C, 1 at D/ })).toBeVisible();
  const table = page.locator('table.level-table');
  await expect(table.getByRole('row', { name: /C Advanced 2/ })).toBeVisible();
  // The chart names nobody; the list beside it is alphabetical.
  await expect(page.locator('figure.level-chart')).not.toContainText(/Peru|Colombia|Jamaica|Organization/);
  const listed = await page.locator('h2:has-text("Organizations that answered") + ul li').allInnerTexts();
  expect(listed).toEqual(['Colombia', 'Jamaica', 'Organization of American States', 'Peru']);
  await expect(page.getByText('(Demo) Judicial career law adopted')).toBeVisible();

  for (const url of [`${cycleUrl}/mandates/2`, `${cycleUrl}/mandates/2.json`]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    expect(await response.text(), url).not.toContain(WITHHELD);
  }
  const json = await (await request.get(`${cycleUrl}/mandates/2.json`)).json();
  expect(json.counts).toEqual({ A: 0, B: 1, C: 2, D: 1 });
  expect(json.organizations.map((o: { code: string }) => o.code)).toEqual(['CO', 'JM', 'OAS', 'PE']);
});

test('unknown mandates, unknown or unpublished cycles are 404', async ({ request }) => {
  const cycles = await request.get('/results');
  const cycleUrl = (await cycles.text()).match(/\/results\/[0-9a-f-]{36}/)![0];
  for (const url of [
    `${cycleUrl}/mandates/999`,
    `${cycleUrl}/mandates/999.json`,
    `${cycleUrl}/mandates/two`,
    '/results/00000000-0000-4000-8000-000000000000/mandates/2',
    '/results/00000000-0000-4000-8000-000000000000/mandates/2.json',
  ]) {
    expect((await request.get(url)).status(), url).toBe(404);
  }
});
