import { makePdf } from '../../services/storage/pdf';
import { expect, test } from './fixtures';

// Each test shares documents in a room of its own (people made for it, tests/e2e/fixtures.ts).

test('a member shares a PDF; a member of another organization downloads it; a State outside the room gets 404', async ({
  browser,
  make,
}) => {
  const bolivia = await make.person('BO', 'national_coordinator');
  const paho = await make.person('PAHO', 'jswg_focal_point');
  const outsider = await make.person('PY', 'national_coordinator');
  const room = await make.room({ organizations: ['BO', 'PAHO'] });
  const stateContext = await browser.newContext();
  const jswgContext = await browser.newContext();
  const outsiderContext = await browser.newContext();
  const statePage = await stateContext.newPage();
  const jswgPage = await jswgContext.newPage();
  await make.logIn(statePage, bolivia);
  await make.logIn(jswgPage, paho);

  await statePage.goto(room.url);
  const roomUrl = room.url;

  const title = `Judicial training plan ${Date.now()}`;
  await statePage.getByLabel(/^Title \(optional/).fill(title);
  await statePage.getByLabel('File to share').setInputFiles({
    name: 'training-plan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(makePdf('Judicial training plan')),
  });
  await statePage.getByRole('button', { name: 'Upload' }).click();
  const documents = statePage.locator('#documents-list');
  // An upload is checked and stored before the list shows it: on a loaded two-core machine that took over 5 s.
  await expect(
    documents.getByRole('link', { name: 'Download training-plan.pdf' }).filter({ hasText: title }),
  ).toBeVisible({ timeout: 15_000 });
  await expect(documents.getByText(/PDF, \d+ (KB|B)\)/).first()).toBeVisible();

  await jswgPage.goto(roomUrl);
  const link = jswgPage
    .locator('#documents-list')
    .getByRole('link', { name: 'Download training-plan.pdf' })
    .filter({ hasText: title });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(/^\/roundtables\/[0-9a-f-]{36}\/documents\/[0-9a-f-]{36}$/);
  const [download] = await Promise.all([jswgPage.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('training-plan.pdf');
  const response = await jswgPage.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Jamaica is not in this room: the download address is "not found", as if it did not exist.
  const outsiderPage = await outsiderContext.newPage();
  await make.logIn(outsiderPage, outsider);
  const refused = await outsiderPage.request.get(href);
  expect(refused.status()).toBe(404);

  await stateContext.close();
  await jswgContext.close();
  await outsiderContext.close();
});

test('a refused file says why next to the field and keeps the typed title', async ({ page, make }) => {
  const person = await make.person('BS', 'delegate');
  const room = await make.room({ organizations: ['BS'] });
  await make.logIn(page, person);
  await page.goto(room.url);
  await page.getByLabel(/^Title \(optional/).fill('Not really a PDF');
  await page.getByLabel('File to share').setInputFiles({
    name: 'tool.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 3, 0, 0, 0]),
  });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByLabel('File to share')).toHaveAccessibleDescription(/program, not a document/);
  await expect(page.getByLabel(/^Title \(optional/)).toHaveValue('Not really a PDF');
});

test('without JavaScript, a file is shared and removed through the plain forms', async ({ browser, make }) => {
  const person = await make.person('BB', 'delegate');
  const room = await make.room({ organizations: ['BB'] });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await make.logIn(page, person);
  await page.goto(room.url);
  const title = `No-script notes ${Date.now()}`;
  await page.getByLabel(/^Title \(optional/).fill(title);
  await page
    .getByLabel('File to share')
    .setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makePdf('Notes')) });
  await page.getByRole('button', { name: 'Upload' }).click();
  const documents = page.locator('#documents-list');
  await expect(documents.getByRole('link', { name: 'Download notes.pdf' }).filter({ hasText: title })).toBeVisible();
  await documents.getByRole('button', { name: `Remove ${title}` }).click();
  await expect(documents.getByText(title)).toHaveCount(0);
  await context.close();
});
