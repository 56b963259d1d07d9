import { expect, test } from '@playwright/test';

// Reads only the demo offers, which no spec changes, and the public directory: it runs beside any other spec.

test('the public directory finds offers without accents, in Spanish, and filters by kind', async ({ page }) => {
  await page.goto('/directory');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regional capacities');
  await expect(page.getByRole('heading', { name: '(Demo) Judicial integrity training programme' })).toBeVisible();

  await page.getByLabel('Search offers').fill('capacitacion');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { name: '(Demo) Judicial integrity training programme' })).toBeVisible();

  await page.goto('/directory?kind=peer_state');
  await expect(page.getByRole('heading', { name: '(Demo) Peer exchange: civic education on integrity' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '(Demo) Judicial integrity training programme' })).toHaveCount(0);

  await page.goto('/directory?q=zzzzqqq');
  await expect(page.getByRole('status')).toHaveText('No published offer matches. Try fewer filters or other words.');
});
