import { expect, test } from '@playwright/test';
import { demo, logIn } from './helpers';

test('a National Coordinator records a non-disclosure request and the Secretariat grants it', async ({ page, browser }) => {
  await logIn(page, demo.coordinatorPE);
  await page.goto('/questionnaire');
  await page.getByRole('link', { name: 'Non-disclosure' }).first().click();
  await page.waitForURL(/\/disclosure\//);
  const url = page.url();

  // A bad form: the field scope needs a mandate, a question and a field; nothing is recorded.
  await page.getByLabel('What to withhold').selectOption({ label: 'One field of an answer' });
  await page.getByLabel('Letter to the Chair (reference)').fill('Note e2e-1');
  await page.getByRole('button', { name: 'Record the request' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Note e2e-1' })).toHaveCount(0);

  await page.getByLabel('What to withhold').selectOption({ label: 'One mandate' });
  await page.getByLabel('Mandate number').fill('3');
  await page.getByLabel('Letter to the Chair (reference)').fill('Note e2e-2');
  await page.getByRole('button', { name: 'Record the request' }).click();
  await expect(page.getByRole('cell', { name: 'Note e2e-2' })).toBeVisible();

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await logIn(adminPage, demo.admin);
  await adminPage.goto(url);
  const row = adminPage.getByRole('row').filter({ has: adminPage.getByRole('cell', { name: 'Note e2e-2' }) });
  await row.getByRole('button', { name: 'Grant' }).click();
  await expect(adminPage.getByRole('row').filter({ has: adminPage.getByRole('cell', { name: 'Note e2e-2' }) })).toContainText('Granted');
  await admin.close();

  // Another State sees none of Peru's requests.
  const colombia = await browser.newContext();
  const colombiaPage = await colombia.newPage();
  await logIn(colombiaPage, 'coordinator.co@demo.minka.test');
  await colombiaPage.goto(url);
  await expect(colombiaPage.getByRole('cell', { name: 'Note e2e-2' })).toHaveCount(0);
  await colombia.close();
});
