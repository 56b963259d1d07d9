import { expect, test } from '@playwright/test';
import { makePdf } from '../../services/storage/pdf';
import { demo, logIn, openDemoRoom } from './helpers';

test('a member shares a PDF; a member of another organization downloads it; a State outside the room gets 404', async ({
  browser,
}) => {
  const peru = await browser.newContext();
  const oas = await browser.newContext();
  const jamaica = await browser.newContext();
  const peruPage = await peru.newPage();
  const oasPage = await oas.newPage();
  await logIn(peruPage, demo.coordinatorPE);
  await logIn(oasPage, demo.jswg);

  await openDemoRoom(peruPage);
  await peruPage.waitForURL(/\/roundtables\/[0-9a-f-]{36}$/);
  const roomUrl = peruPage.url();

  const title = `Judicial training plan ${Date.now()}`;
  await peruPage.getByLabel(/^Title \(optional/).fill(title);
  await peruPage.getByLabel('File to share').setInputFiles({
    name: 'training-plan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(makePdf('Judicial training plan')),
  });
  await peruPage.getByRole('button', { name: 'Upload' }).click();
  const documents = peruPage.locator('#documents-list');
  await expect(
    documents.getByRole('link', { name: 'Download training-plan.pdf' }).filter({ hasText: title }),
  ).toBeVisible();
  await expect(documents.getByText(/PDF, \d+ (KB|B)\)/).first()).toBeVisible();

  await oasPage.goto(roomUrl);
  const link = oasPage
    .locator('#documents-list')
    .getByRole('link', { name: 'Download training-plan.pdf' })
    .filter({ hasText: title });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(/^\/roundtables\/[0-9a-f-]{36}\/documents\/[0-9a-f-]{36}$/);
  const [download] = await Promise.all([oasPage.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('training-plan.pdf');
  const response = await oasPage.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Jamaica is not in this room: the download address is "not found", as if it did not exist.
  const jamaicaPage = await jamaica.newPage();
  await logIn(jamaicaPage, 'coordinator.jm@demo.minka.test');
  const refused = await jamaicaPage.request.get(href);
  expect(refused.status()).toBe(404);

  await peru.close();
  await oas.close();
  await jamaica.close();
});

test('a refused file says why next to the field and keeps the typed title', async ({ page }) => {
  await logIn(page, demo.coordinatorPE);
  await openDemoRoom(page);
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

test('without JavaScript, a file is shared and removed through the plain forms', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await logIn(page, demo.coordinatorPE);
  await openDemoRoom(page);
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
