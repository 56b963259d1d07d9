import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { makePdf } from '../../services/storage/pdf';
import { demo, logIn } from './helpers';

// Issue 19, one story on the demo data: the Secretariat turns the demo's confirmed match into an initiative in one
// click, records funding and logs an outcome; Peru and the OAS agree to the outcome, only Peru to the funding; the
// Secretariat publishes the outcome. A visitor reads the chain on the public page and never meets the funding until
// every participant has agreed, in the page, the registry, the exports or the Atom feed.
test.describe.configure({ mode: 'serial' });

const matchTitle = '(Demo) Training for judges on judicial independence standards';
const fundingCanary = 'E2E-FUNDING-CANARY-5150';
const outcomeText = 'E2E: forty judges trained on the independence standards.';
let initiativePath = '';

async function as(browser: Browser, email: string | null): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (email) await logIn(page, email);
  return page;
}

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

/** Everything the public can read about initiatives, as text. */
async function publicText(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const path of [
    initiativePath,
    '/initiatives',
    '/initiatives/export.csv',
    '/initiatives/export.json',
    '/initiatives.atom',
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    parts.push(await response.text());
  }
  return parts.join('\n');
}

test('the Secretariat creates the initiative from the confirmed match, records funding and an outcome, and publishes it', async ({
  browser,
}) => {
  const anonymous = await as(browser, null);
  expect((await anonymous.request.get('/admin/initiatives', { maxRedirects: 0 })).status()).toBe(302);
  const peru = await as(browser, demo.coordinatorPE);
  expect((await peru.request.get('/admin/initiatives')).status()).toBe(403);

  const admin = await as(browser, demo.admin);
  await admin.goto('/admin/initiatives');
  await admin.getByRole('button', { name: `Create the initiative from the match for “${matchTitle}”` }).click();
  await admin.waitForURL(/\/admin\/initiatives\/[0-9a-f-]{36}$/);
  initiativePath = new URL(admin.url()).pathname.replace('/admin', '');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(matchTitle);
  // The one-click list no longer offers it.
  await admin.goto('/admin/initiatives');
  await expect(
    admin.getByRole('button', { name: `Create the initiative from the match for “${matchTitle}”` }),
  ).toHaveCount(0);
  await admin.goto(`/admin${initiativePath}`);

  await admin.getByLabel('Source').fill(fundingCanary);
  await admin.getByLabel('Amount').fill('5000');
  await admin.getByLabel('Currency').fill('usd');
  await admin.getByRole('button', { name: 'Record the funding' }).click();
  await expect(admin.getByText('Funding recorded.')).toBeVisible();
  await expect(admin.getByText('0 of 2 participants agreed to publish it')).toBeVisible();

  await admin.getByLabel('What changed').fill(outcomeText);
  await admin.getByLabel('Figures (optional)').fill('Judges trained: 40');
  await admin.getByRole('button', { name: 'Log the outcome' }).click();
  await expect(admin.getByText('Outcome logged.')).toBeVisible();

  await admin.getByLabel('New status').selectOption('in_progress');
  await admin.getByRole('button', { name: 'Change the status' }).click();
  await expect(admin.getByText('Status changed; the linked requests moved with it.')).toBeVisible();
  await admin.getByRole('button', { name: 'Publish the initiative' }).click();
  await expect(admin.getByText('Published.', { exact: true })).toBeVisible();
  expect(await violations(admin)).toEqual([]);

  // Published, but the outcome is not agreed and the funding is not: the public sees neither.
  const text = await publicText(anonymous);
  expect(text).toContain(matchTitle);
  expect(text).not.toContain(fundingCanary);
  expect(text).not.toContain(outcomeText);
});

test('the participants agree: Peru to the outcome and the funding, the OAS to the outcome only; the Secretariat publishes the outcome', async ({
  browser,
}) => {
  const peru = await as(browser, demo.coordinatorPE);
  await peru.goto(initiativePath);
  // A participant sees the funding before it is public (in the funding list; the form asking that a part not be
  // published names it too).
  await expect(peru.getByRole('listitem').filter({ hasText: fundingCanary })).toBeVisible();
  // Peru attaches the training report to the outcome while it waits for agreement (same upload checks as elsewhere).
  await peru.getByLabel('Document title (optional)').fill('Training report');
  await peru.getByLabel('Document', { exact: true }).setInputFiles({
    name: 'report.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(makePdf('Judicial training report')),
  });
  await peru.getByRole('button', { name: 'Attach the document' }).click();
  await expect(peru.getByText('Document attached.')).toBeVisible();
  await expect(peru.getByRole('link', { name: 'Training report' })).toBeVisible();
  const reportPath = (await peru.getByRole('link', { name: 'Training report' }).getAttribute('href'))!;
  expect((await peru.request.get(reportPath)).status()).toBe(200);
  const stranger = await as(browser, null);
  expect((await stranger.request.get(reportPath)).status()).toBe(404); // the outcome is not published yet
  await peru.getByRole('button', { name: 'My organization agrees to this outcome' }).click();
  await expect(peru.getByText("Your organization's agreement is recorded.")).toBeVisible();
  await peru.getByRole('button', { name: 'My organization agrees to publish this funding' }).click();
  await expect(peru.getByText('1 of 2 participants agreed to publish it')).toBeVisible();

  const delegateCO = await as(browser, demo.delegateCO);
  expect(await delegateCO.request.get(initiativePath).then((r) => r.text())).not.toContain(fundingCanary);

  const oas = await as(browser, demo.jswg);
  await oas.goto(initiativePath);
  await oas.getByRole('button', { name: 'My organization agrees to this outcome' }).click();
  await expect(oas.getByText("Your organization's agreement is recorded.")).toBeVisible();

  const admin = await as(browser, demo.admin);
  await admin.goto(`/admin${initiativePath}`);
  await admin.getByRole('button', { name: 'Publish this outcome' }).click();
  await expect(admin.getByText('Outcome published.')).toBeVisible();
});

test('a visitor reads the whole chain and never the funding one participant has not agreed to; once it agrees, the funding is public', async ({
  browser,
}) => {
  const visitor = await as(browser, null);
  await visitor.goto('/initiatives');
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Cooperation initiatives');
  await expect(visitor.getByRole('img', { name: /Initiatives by status/ })).toBeVisible();
  await expect(visitor.getByRole('table').first()).toContainText('In progress');
  expect(await violations(visitor)).toEqual([]);
  await visitor.getByRole('link', { name: matchTitle }).click();
  await expect(visitor.getByRole('heading', { name: 'The need' })).toBeVisible();
  await expect(visitor.getByRole('heading', { name: 'The match' })).toBeVisible();
  await expect(visitor.getByRole('heading', { name: 'The roundtable' })).toBeVisible();
  await expect(visitor.getByText(outcomeText)).toBeVisible();
  await expect(visitor.getByText('Judges trained', { exact: true })).toBeVisible();
  await expect(visitor.getByRole('button', { name: /agrees/ })).toHaveCount(0);
  const report = await visitor.request.get(
    (await visitor.getByRole('link', { name: 'Training report' }).getAttribute('href'))!,
  );
  expect(report.status()).toBe(200);
  expect(report.headers()['content-type']).toContain('application/pdf');
  expect(await violations(visitor)).toEqual([]);
  expect(await publicText(visitor)).not.toContain(fundingCanary);
  expect(await publicText(visitor)).toContain(outcomeText);

  const oas = await as(browser, demo.jswg);
  await oas.goto(initiativePath);
  await oas.getByRole('button', { name: 'My organization agrees to publish this funding' }).click();
  await expect(oas.getByText('every participant agreed to publish it')).toBeVisible();
  await visitor.reload();
  await expect(visitor.getByRole('heading', { name: 'External funding' })).toBeVisible();
  expect(await publicText(visitor)).toContain(fundingCanary);

  // A correction is a new version: until every participant agrees and it is published, the public keeps the first.
  const admin = await as(browser, demo.admin);
  await admin.goto(`/admin${initiativePath}`);
  await admin.getByText('Correct this outcome (a new version; this one is kept)').click();
  await admin.getByLabel('What changed, corrected').fill('E2E: forty-two judges trained (corrected count).');
  await admin.getByRole('button', { name: 'Propose the corrected version' }).click();
  await expect(admin.getByText('Corrected version recorded.')).toBeVisible();
  await expect(admin.getByText('replaced by a later version')).toBeVisible();
  const afterCorrection = await publicText(visitor);
  expect(afterCorrection).toContain(outcomeText);
  expect(afterCorrection).not.toContain('forty-two judges');

  // In Spanish too.
  await visitor.context().addCookies([{ name: 'minka_lang', value: 'es', url: visitor.url() }]);
  await visitor.goto(initiativePath);
  await expect(visitor.getByRole('heading', { name: 'La necesidad' })).toBeVisible();
});
