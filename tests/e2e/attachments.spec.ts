import type { Browser, Page } from '@playwright/test';
import { expect, test, type Make, type Person } from './fixtures';
import { demo, logIn } from './helpers';

// One story: the United States attaches a PDF to an answer (a disguised executable and an oversize file are refused,
// the answer kept), submits; the Secretariat publishes; an anonymous visitor reads the answer and downloads the PDF.
// The cycle (made through the services), the State and the people are this spec's own (docs/decisions/029). Then the
// demo's withheld document: its canary never appears on a public page or export, and its download is 404 (this last
// test only reads the demo data).
test.describe.configure({ mode: 'serial' });

// Must match services/demo/registration-seed.server.ts.
const DEMO_CANARY = 'Internal memo on asset declarations, ref. MJ-3e9b';
const DEMO_PUBLIC_DOCUMENT = '(Demo) Judicial school curriculum.pdf';

const cycleName = `E2E documents ${Date.now().toString(36)}`;
let cycleId = '';
const SUMMARY = 'The United States published its integrity policy with an annex.';
const CANARY = `e2e-canary-${Date.now().toString(36)}`;
let withheldHref = '';

async function asUser(browser: Browser, make: Make, person: Person) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await make.logIn(page, person);
  return { context, page };
}

function pdf(text: string) {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

test('the Secretariat opens a cycle', async ({ make }) => {
  // The cycle form itself is tested by questionnaire.spec.ts.
  const day = 86_400_000;
  const cycle = await make.cycle({
    name: cycleName,
    opensAt: new Date(Date.now() - 2 * day),
    closesAt: new Date(Date.now() + 30 * day),
    publishesAt: new Date(Date.now() + 60 * day),
  });
  cycleId = cycle.id;
});

test('the National Coordinator attaches a PDF; a disguised executable and an oversize file are refused, the answer kept', async ({
  page,
  make,
}) => {
  await make.logIn(page, await make.person('US', 'national_coordinator'));
  await page.goto('/questionnaire');
  await page.getByRole('link', { name: `Our questionnaire: ${cycleName}` }).click();
  await page.waitForURL(`/questionnaire/${cycleId}`);
  await page.goto(`/questionnaire/${cycleId}/2`);

  const q2 = page.locator('#q-Q2');
  await expect(q2.getByText('Save this answer first, then attach documents to it.')).toBeVisible();
  await q2.getByLabel('Summary answer').fill(SUMMARY);
  await q2.getByRole('button', { name: 'Save Q2' }).click();
  await expect(q2.getByText('Q2 saved (version 1).')).toBeVisible();

  const fileInput = q2.getByLabel('Attach a document to Q2');
  await expect(fileInput).toHaveAccessibleDescription(/up to 1 MB/);
  await fileInput.setInputFiles({
    name: 'integrity-policy.pdf',
    mimeType: 'application/pdf',
    buffer: pdf('Integrity policy annex'),
  });
  await q2.getByRole('button', { name: 'Attach the document' }).click();
  await expect(q2.getByText('“integrity-policy.pdf” was attached.')).toBeVisible();
  await expect(q2.getByRole('link', { name: 'Download integrity-policy.pdf' })).toBeVisible();

  // An executable renamed .pdf: refused from its content, with the allowed types named.
  await q2.getByLabel('Attach a document to Q2').setInputFiles({
    name: 'report.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
  });
  await q2.getByRole('button', { name: 'Attach the document' }).click();
  await expect(q2.getByRole('alert')).toContainText('This file is a program, not a document');
  await expect(q2.getByRole('alert')).toContainText('PDF, Word');
  await expect(q2.getByLabel('Summary answer')).toHaveValue(SUMMARY);
  await expect(q2.getByRole('link', { name: 'Download report.pdf' })).toHaveCount(0);

  // Over the limit (1 MB in this suite): refused while streaming, the answer and the first document kept.
  const big = Buffer.concat([pdf('big'), Buffer.alloc(1536 * 1024, 0x20)]);
  await q2
    .getByLabel('Attach a document to Q2')
    .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: big });
  await q2.getByRole('button', { name: 'Attach the document' }).click();
  await expect(q2.getByRole('alert')).toContainText('larger than 1 MB');
  await expect(q2.getByLabel('Summary answer')).toHaveValue(SUMMARY);
  await expect(q2.getByRole('link', { name: 'Download integrity-policy.pdf' })).toBeVisible();
  await expect(q2.getByRole('link', { name: 'Download scan.pdf' })).toHaveCount(0);

  // A second document, withheld on the non-disclosure page with the letter to the Chair attached.
  await q2
    .getByLabel('Attach a document to Q2')
    .setInputFiles({ name: `annex ${CANARY}.pdf`, mimeType: 'application/pdf', buffer: pdf(`Internal ${CANARY}`) });
  await q2.getByRole('button', { name: 'Attach the document' }).click();
  const withheldLink = q2.getByRole('link', { name: `Download annex ${CANARY}.pdf` });
  withheldHref = (await withheldLink.getAttribute('href'))!;
  await page.goto(`/disclosure/${cycleId}`);
  await page.getByLabel('What to withhold').selectOption({ label: 'One attached document' });
  await page.getByLabel('Attached document to withhold').selectOption({ label: `Mandate 2, Q2: annex ${CANARY}.pdf` });
  await page.getByLabel('Letter to the Chair (reference)').fill('Note e2e-doc');
  await page
    .getByLabel('Letter to the Chair (file, optional)')
    .setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: pdf('Dear Chair') });
  await page.getByRole('button', { name: 'Record the request' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Note e2e-doc' });
  await expect(row).toContainText(`annex ${CANARY}.pdf`);
  await expect(row.getByRole('link', { name: 'Letter: letter.pdf' })).toBeVisible();

  await page.goto(`/questionnaire/${cycleId}`);
  await page.getByLabel(/I confirm that these answers are final/).check();
  await page.getByRole('button', { name: 'Submit to the Secretariat' }).click();
  await expect(page.getByText('The questionnaire was submitted. It is now locked.')).toBeVisible();
  // Locked: documents are listed, but can be neither added nor removed.
  await page.goto(`/questionnaire/${cycleId}/2`);
  await expect(page.locator('#q-Q2').getByRole('link', { name: 'Download integrity-policy.pdf' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Attach the document' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Remove the document/ })).toHaveCount(0);
});

test('the Secretariat publishes; an anonymous visitor reads the answer and downloads the PDF', async ({
  browser,
  request,
  make,
}) => {
  const admin = await asUser(browser, make, await make.person('SUMMITS-SECRETARIAT', 'secretariat_staff'));
  await admin.page.goto(`/admin/cycles/${cycleId}`);
  await admin.page.getByText('Publish now').first().click();
  await admin.page.getByLabel(/I confirm that the submitted answers become public now/).check();
  await admin.page.locator('details form').getByRole('button', { name: 'Publish now' }).click();
  await expect(admin.page.getByText(/The cycle was published: \d+ answers are now public\./)).toBeVisible();
  await admin.context.close();

  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto(`/results/${cycleId}/US`);
  await expect(page.getByText(SUMMARY)).toBeVisible();
  const link = page.getByRole('link', { name: 'Download integrity-policy.pdf' });
  await expect(link).toBeVisible();
  const download = await Promise.all([page.waitForEvent('download'), link.click()]).then(([d]) => d);
  expect(download.suggestedFilename()).toBe('integrity-policy.pdf');
  const href = (await link.getAttribute('href'))!;
  const response = await request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['content-disposition']).toBe("attachment; filename*=UTF-8''integrity-policy.pdf");
  expect(response.headers()['etag']).toMatch(/^"[0-9a-f]{64}"$/);
  expect((await response.body()).toString('latin1')).toContain('Integrity policy annex');
  // The withheld one: absent from every public page and export of the cycle, and 404 at its address.
  for (const url of [
    `/results/${cycleId}`,
    `/results/${cycleId}/US`,
    `/results/${cycleId}/export.csv`,
    `/results/${cycleId}/export.json`,
  ]) {
    const r = await request.get(url);
    expect(r.status(), url).toBe(200);
    expect(await r.text(), url).not.toContain(CANARY);
  }
  expect((await request.get(withheldHref)).status()).toBe(404);
  await visitor.close();
});

async function publishedDemoCycle(page: Page) {
  await page.goto('/results');
  await page.getByRole('link', { name: /\(Demo\) \d{4} registration/ }).click();
  await page.waitForURL(/\/results\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

test('a withheld document never appears publicly and its download is 404; the public one downloads anonymously', async ({
  browser,
  request,
}) => {
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  const demoCycle = await publishedDemoCycle(page);
  const urls = [
    `/results/${demoCycle}`,
    `/results/${demoCycle}/PE`,
    `/results/${demoCycle}/CO`,
    `/results/${demoCycle}/OAS`,
    `/results/${demoCycle}/JM`,
    `/results/${demoCycle}/export.csv`,
    `/results/${demoCycle}/export.json`,
    '/results',
    '/directory?q=canary',
    '/mandates?q=canary',
    '/',
    `/results/${cycleId}`,
    `/results/${cycleId}/US`,
  ];
  for (const url of urls) {
    const response = await request.get(url);
    expect([200, 404], url).toContain(response.status());
    expect(await response.text(), url).not.toContain(DEMO_CANARY);
  }
  await page.goto(`/results/${demoCycle}/CO`);
  const publicLink = page.getByRole('link', { name: `Download ${DEMO_PUBLIC_DOCUMENT}` });
  const publicResponse = await request.get((await publicLink.getAttribute('href'))!);
  expect(publicResponse.status()).toBe(200);
  expect(publicResponse.headers()['content-type']).toBe('application/pdf');
  await visitor.close();

  // Peru still reads its own withheld document; the public gets 404 for the same address.
  // (It reads the demo data: the demo coordinator of Peru changes nothing.)
  const peruContext = await browser.newContext();
  const peru = { context: peruContext, page: await peruContext.newPage() };
  await logIn(peru.page, demo.coordinatorPE);
  await peru.page.goto(`/questionnaire/${demoCycle}/2`);
  const withheld = peru.page.getByRole('link', { name: new RegExp(`Download .*${DEMO_CANARY}`) });
  const href = (await withheld.getAttribute('href'))!;
  expect((await peru.page.request.get(href)).status()).toBe(200);
  await peru.context.close();
  const anonymous = await request.get(href);
  expect(anonymous.status()).toBe(404);
  expect(await anonymous.text()).not.toContain(DEMO_CANARY);
});
