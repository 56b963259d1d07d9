import { expect, test } from '@playwright/test';
import { demo, logIn, openDemoRoom } from './helpers';

test('two people from different organizations chat live in a room; a reload shows the history', async ({ browser }) => {
  const peru = await browser.newContext();
  const oas = await browser.newContext();
  const peruPage = await peru.newPage();
  const oasPage = await oas.newPage();
  await logIn(peruPage, demo.coordinatorPE);
  await logIn(oasPage, demo.jswg);

  for (const page of [peruPage, oasPage]) {
    await openDemoRoom(page);
    await expect(page.getByText(/^Live\b/)).toBeVisible();
  }

  const text = `Hola desde Lima ${Date.now()}`;
  await peruPage.getByLabel('Your message').fill(text);
  await peruPage.getByLabel('Your message').press('Enter');
  await expect(oasPage.getByRole('list', { name: 'Messages' }).getByText(text)).toBeVisible();
  await expect(peruPage.getByLabel('Your message')).toHaveValue('');

  const reply = `The OAS agrees ${Date.now()}`;
  await oasPage.getByLabel('Your message').fill(reply);
  await oasPage.getByRole('button', { name: 'Send' }).click();
  await expect(peruPage.getByRole('list', { name: 'Messages' }).getByText(reply)).toBeVisible();

  await peruPage.reload();
  const list = peruPage.getByRole('list', { name: 'Messages' });
  await expect(list.getByText(text)).toBeVisible();
  await expect(list.getByText(reply)).toBeVisible();
  await expect(list.getByText(text)).toHaveCount(1);

  await peru.close();
  await oas.close();
});

test('a State that is not a member cannot open the room', async ({ page, browser }) => {
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await logIn(adminPage, demo.admin);
  await openDemoRoom(adminPage);
  await adminPage.waitForURL(/\/roundtables\/[0-9a-f-]{36}$/);
  const roomUrl = adminPage.url();
  await admin.close();

  await logIn(page, 'coordinator.jm@demo.minka.test');
  const response = await page.goto(roomUrl);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

test('the notice of the room opened from the demo match reads as text, in English and Spanish, and leads to the room', async ({
  page,
  context,
  baseURL,
}) => {
  await logIn(page, demo.coordinatorPE);
  await page.goto('/notifications');
  // Other tests in this file open rooms for Peru too, so pick the notice of the demo match's room by its title.
  const notice = page.getByRole('listitem').filter({ hasText: 'Training for judges' });
  await expect(notice.getByRole('link', { name: 'A roundtable is open for your organization' })).toBeVisible();
  await expect(page.getByText('roundtable.opened')).toHaveCount(0);

  await context.addCookies([{ name: 'minka_lang', value: 'es', url: baseURL! }]);
  await page.reload();
  const aviso = page
    .getByRole('listitem')
    .filter({ hasText: 'Training for judges' })
    .getByRole('link', { name: 'Hay una mesa redonda abierta para su organización' });
  await expect(aviso).toBeVisible();
  await aviso.click();
  await expect(page).toHaveURL(/\/roundtables\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Training for judges');
});
