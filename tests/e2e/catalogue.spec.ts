import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The administrator's catalogue upload (app/routes/admin.catalogue.tsx) with the fixtures of tests/fixtures/catalogue,
// which services/catalogue/file-format/fixtures.test.ts checks on their own. The test commitment is this spec's own
// (no other spec imports it), adopted in 2010, before the Lima Commitment, so /mandates without a code and new cycles
// keep Lima for the other specs that share this server; the administrator and the delegate are each test's own.
const FIXTURES = path.resolve('tests/fixtures/catalogue');
const PUBLIC_PAGE = '/mandates?commitment=test-commitment';
const ORIGINAL_TEXT = 'Publish the example registry of test records, including the "sample" entries, every year.';
const CORRECTED_TEXT =
  'Publish the example registry of test records, including the "sample" entries, every six months.';

type Counts = Record<
  'commitment' | 'sections' | 'mandates' | 'indicators' | 'provisions' | 'links',
  [created: number, updated: number, unchanged: number]
>;

async function upload(page: Page, fixture: string) {
  await page.getByLabel('Catalogue file (.json or .csv)').setInputFiles(path.join(FIXTURES, fixture));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

async function expectCounts(page: Page, counts: Counts) {
  const result = page.getByRole('status').filter({ hasText: 'Imported.' });
  await expect(result.getByRole('columnheader')).toHaveText(['Records', 'Created', 'Updated', 'Unchanged', 'Deleted']);
  await expect(result.getByRole('rowheader')).toHaveText(Object.keys(counts));
  for (const [kind, numbers] of Object.entries(counts)) {
    const row = result.getByRole('row').filter({ has: page.getByRole('rowheader', { name: kind, exact: true }) });
    // Only treaty links are ever deleted (a mandate's links are synced exactly); none are in these files.
    await expect(row.getByRole('cell'), kind).toHaveText([...numbers.map(String), kind === 'links' ? '0' : '—']);
  }
}

test('the administrator imports a catalogue: a bad file writes nothing, a second import changes nothing, a correction updates', async ({
  page,
  browser,
  make,
}) => {
  // The public catalogue as an anonymous visitor sees it, in a context of its own (no session cookie).
  const visitor = await (await browser.newContext()).newPage();

  await make.logIn(page, await make.person('SUMMITS-SECRETARIAT', 'secretariat_admin'));
  await page.goto('/admin/catalogue');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import a commitment catalogue');

  await test.step('broken.csv: every problem with its line, and nothing imported', async () => {
    await upload(page, 'broken.csv');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The file was not imported. Fix these problems and upload it again:');
    await expect(alert.getByRole('listitem')).toHaveText([
      'line 7, column section: unknown section "Z" (known sections: A, B): add the section or correct the code',
      'line 9, column text_status_en: is "verified" but text_en is missing: add the text, or set text_status_en to "missing"',
      'line 10, column number: mandate number 2 appears twice (first at line 7): remove one of them or correct it',
      'line 12, column mandate: refers to mandate 9, which is not in the file: add the mandate or correct the number',
    ]);
    await expect(page.getByText('test-commitment:')).toHaveCount(0);
    const response = await visitor.goto(PUBLIC_PAGE);
    expect(response?.status()).toBe(404);
  });

  await test.step('example.json: everything created', async () => {
    await upload(page, 'example.json');
    await expectCounts(page, {
      commitment: [1, 0, 0],
      sections: [2, 0, 0],
      mandates: [3, 0, 0],
      indicators: [2, 0, 0],
      provisions: [2, 0, 0],
      links: [1, 0, 0],
    });
    await expect(page.getByRole('alert')).toHaveCount(0);
    // The page's list of imported commitments: code, title, mandates imported / mandateCount.
    await expect(
      page.getByText('test-commitment: Test Commitment on Example Matters (test fixture, not a real commitment) (3/3)'),
    ).toBeVisible();
    const response = await visitor.goto(PUBLIC_PAGE);
    expect(response?.status()).toBe(200);
    await expect(visitor.getByText(ORIGINAL_TEXT, { exact: true })).toBeVisible();
  });

  await test.step('example.json again: nothing created, nothing updated', async () => {
    await upload(page, 'example.json');
    await expectCounts(page, {
      commitment: [0, 0, 1],
      sections: [0, 0, 2],
      mandates: [0, 0, 3],
      indicators: [0, 0, 2],
      provisions: [0, 0, 2],
      links: [0, 0, 1],
    });
  });

  await test.step('example-corrected.json: the one corrected mandate updated', async () => {
    await upload(page, 'example-corrected.json');
    await expectCounts(page, {
      commitment: [0, 0, 1],
      sections: [0, 0, 2],
      mandates: [0, 1, 2],
      indicators: [0, 0, 2],
      provisions: [0, 0, 2],
      links: [0, 0, 1],
    });
  });

  await test.step('the public catalogue shows the corrected text', async () => {
    // The visitor loaded this page a moment ago: a correction must not be hidden behind a cached copy.
    const response = await visitor.goto(PUBLIC_PAGE);
    expect(response?.status()).toBe(200);
    await expect(visitor.getByText(CORRECTED_TEXT, { exact: true })).toBeVisible();
    await expect(visitor.getByText(ORIGINAL_TEXT, { exact: true })).toHaveCount(0);
    await page.goto(PUBLIC_PAGE);
    await expect(page.getByText(CORRECTED_TEXT, { exact: true })).toBeVisible();
  });

  await visitor.context().close();
});

test('a delegate cannot open the catalogue import', async ({ page, make }) => {
  await make.logIn(page, await make.person('BS', 'delegate'));
  const response = await page.goto('/admin/catalogue');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByLabel('Catalogue file (.json or .csv)')).toHaveCount(0);
});

// The shipped Lima catalogue (issue 13, item 8): topics from lima_mandate_topics.json are shown as summaries, labelled
// with their confidence, never as the official text; sections follow the newer research.
test('the Lima catalogue shows topics as labelled summaries, places 9–12 in A and lists what is known of C–E', async ({
  page,
  context,
  baseURL,
}) => {
  const block = (code: string) =>
    page
      .locator('.section-block')
      .filter({ has: page.getByRole('heading', { level: 2, name: new RegExp(`^Section ${code}:`) }) });
  const card = (n: number) => page.getByRole('article', { name: new RegExp(`^Mandate ${n}\\b`) });

  await page.goto('/mandates');
  // 9–12 sit in section A, marked as inferred.
  for (const n of [9, 10, 11, 12])
    await expect(block('A').getByRole('article', { name: new RegExp(`^Mandate ${n}\\b`) })).toBeVisible();
  await expect(card(9).getByText('section inferred, not confirmed by a source')).toBeVisible();
  // The summary is labelled as one, with its confidence; the official text is still said to be missing.
  await expect(card(9).getByText('Summary, not the official text · confidence: inferred')).toBeVisible();
  await expect(
    card(9).getByText('Transparent, merit-based, equal-opportunity selection of public servants.'),
  ).toBeVisible();
  await expect(card(9).getByText('Official text not yet imported.')).toBeVisible();
  await expect(card(6).getByText('Summary, not the official text · confidence: verified')).toBeVisible();
  // Official text verified: no summary next to it.
  await expect(card(1).getByText(/^Summary, not the official text/)).toHaveCount(0);
  // Unknown stays unknown: no summary for 16 or 30.
  await expect(card(16).getByText(/^Summary, not the official text/)).toHaveCount(0);
  await expect(card(30).getByText(/^Summary, not the official text/)).toHaveCount(0);

  // C lists mandate 25 and its topics without numbers; D and E list theirs.
  await expect(block('C').getByRole('article', { name: /^Mandate 25\b/ })).toBeVisible();
  const unplaced = (code: string) =>
    block(code)
      .getByRole('listitem')
      .filter({ hasText: 'Summary, not the official text · paragraph number not established' });
  await expect(unplaced('C')).toHaveCount(2);
  await expect(unplaced('D')).toHaveCount(4);
  await expect(unplaced('E')).toHaveCount(7);
  await expect(unplaced('D').first()).toContainText('Electronic systems for public procurement');

  // Mandate 2 has its official text in English only: the English page shows no summary, the Spanish one shows the
  // Spanish summary, labelled, next to the English official text.
  await page.goto('/mandates/lima-2018/2');
  await expect(page.getByText(/^Summary, not the official text/)).toHaveCount(0);
  await context.addCookies([{ name: 'minka_lang', value: 'es', url: baseURL! }]);
  await page.reload();
  await expect(page.getByText('Resumen, no es el texto oficial · confianza: verificada')).toBeVisible();
  await expect(
    page.getByText(
      'Autonomía e independencia judicial según estándares interamericanos y universales; integridad judicial.',
    ),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Fuentes del resumen y de la sección (investigación, no el texto oficial)' }),
  ).toBeVisible();

  await page.goto('/mandates');
  // The summit is named in Spanish on the Spanish page (an outside probe found it in English there).
  await expect(page.getByText('VIII Cumbre de las Américas (Lima, 2018)', { exact: false })).toBeVisible();
  await expect(page.getByText('VIII Summit of the Americas', { exact: false })).toHaveCount(0);
  await expect(
    page
      .getByRole('article', { name: /^Mandato 9\b/ })
      .getByText('Resumen, no es el texto oficial · confianza: inferida'),
  ).toBeVisible();
});
