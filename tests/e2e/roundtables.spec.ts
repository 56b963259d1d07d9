import { expect, test } from './fixtures';

// Each test convenes its own room for States and a JSWG organization that no demo account belongs to, with people
// made for it (tests/e2e/fixtures.ts), so it runs beside any other spec.

test('two people from different organizations chat live in a room; a reload shows the history', async ({
  browser,
  make,
}) => {
  const argentina = await make.person('AR', 'delegate');
  const idb = await make.person('IDB', 'jswg_focal_point');
  const room = await make.room({ organizations: ['AR', 'IDB'] });
  const arContext = await browser.newContext();
  const idbContext = await browser.newContext();
  const arPage = await arContext.newPage();
  const idbPage = await idbContext.newPage();
  await make.logIn(arPage, argentina);
  await make.logIn(idbPage, idb);

  for (const page of [arPage, idbPage]) {
    await page.goto('/roundtables');
    await page.getByRole('link', { name: room.title }).click();
    await page.waitForURL(/\/roundtables\/[0-9a-f-]{36}$/);
    await expect(page.getByText(/^Live\b/)).toBeVisible();
  }

  const text = `Hola desde Buenos Aires ${make.tag}`;
  await arPage.getByLabel('Your message').fill(text);
  await arPage.getByLabel('Your message').press('Enter');
  await expect(idbPage.getByRole('list', { name: 'Messages' }).getByText(text)).toBeVisible();
  await expect(arPage.getByLabel('Your message')).toHaveValue('');

  const reply = `The IDB agrees ${make.tag}`;
  await idbPage.getByLabel('Your message').fill(reply);
  await idbPage.getByRole('button', { name: 'Send' }).click();
  await expect(arPage.getByRole('list', { name: 'Messages' }).getByText(reply)).toBeVisible();

  await arPage.reload();
  const list = arPage.getByRole('list', { name: 'Messages' });
  await expect(list.getByText(text)).toBeVisible();
  await expect(list.getByText(reply)).toBeVisible();
  await expect(list.getByText(text)).toHaveCount(1);

  await arContext.close();
  await idbContext.close();
});

test('a State that is not a member cannot open the room', async ({ page, make }) => {
  await make.person('AR', 'delegate');
  const room = await make.room({ organizations: ['AR'] });
  const outsider = await make.person('UY', 'delegate');

  await make.logIn(page, outsider);
  const response = await page.goto(room.url);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

test('the notice of a room opened for an organization reads as text, in English and Spanish, and leads to the room', async ({
  page,
  context,
  baseURL,
  make,
}) => {
  const chile = await make.person('CL', 'deputy_focal_point');
  const room = await make.room({ organizations: ['CL'], title: `Training for judges ${make.tag}` });
  await make.logIn(page, chile);
  await page.goto('/notifications');
  const notice = page.getByRole('listitem').filter({ hasText: room.title });
  await expect(notice.getByRole('link', { name: 'A roundtable is open for your organization' })).toBeVisible();
  await expect(page.getByText('roundtable.opened')).toHaveCount(0);

  await context.addCookies([{ name: 'minka_lang', value: 'es', url: baseURL! }]);
  await page.reload();
  const aviso = page
    .getByRole('listitem')
    .filter({ hasText: room.title })
    .getByRole('link', { name: 'Hay una mesa redonda abierta para su organización' });
  await expect(aviso).toBeVisible();
  await aviso.click();
  await expect(page).toHaveURL(new RegExp(`${room.url}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(room.title);
});
