import { expect, test } from './fixtures';

// Issue 15 items 6 and 7: a draft is a draft (saved with a title only, refused publication with what is missing
// named), and mandates are picked by typing part of their topic, here in Spanish. Each test makes its own people, in
// Canada, which no demo account and no other spec uses (its drafts are nobody else's to read).

test('an almost-empty draft is saved and kept; publishing it says what is missing', async ({ page, make }) => {
  const title = `Almost empty draft ${make.tag}`;
  await make.logIn(page, await make.person('CA', 'national_coordinator'));
  await page.goto('/cooperation/requests/new');
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Draft', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText(/This draft is not complete yet/)).toBeVisible();
  const missing = page.getByTestId('missing-fields');
  await expect(missing).toContainText('Mandates: Choose at least one mandate.');
  await expect(missing).toContainText('Modality: Choose how the work can happen.');
  await expect(missing).toContainText('Types of assistance');
  await expect(page.getByText('Draft', { exact: true })).toBeVisible();
});

test('a mandate is picked by typing part of its topic in Spanish, accents and capitals aside', async ({
  page,
  make,
}) => {
  const title = `Asset declarations draft ${make.tag}`;
  await make.logIn(page, await make.person('CA', 'national_coordinator'));
  await page.goto('/cooperation/requests/new');
  await page.getByLabel('Title').fill(title);
  const mandates = page.getByRole('group', { name: 'Mandates', exact: true });
  // The whole grouped list is there before any search (it is rendered on the server).
  await expect(mandates.getByRole('checkbox', { name: /^1 / })).toBeVisible();
  await mandates.getByRole('searchbox', { name: 'Find a mandate by number or topic' }).fill('DECLARACION patrimonial');
  await expect(mandates.getByRole('checkbox', { name: /^1 / })).toBeHidden();
  const ten = mandates.getByRole('checkbox', { name: /^10 / });
  await expect(ten).toBeVisible();
  await expect(mandates.getByRole('status')).toContainText('1 of 57 mandates shown');
  await ten.check();
  // Clearing the search brings the list back; the chosen one stays chosen.
  await mandates.getByRole('searchbox').fill('');
  await expect(mandates.getByRole('checkbox', { name: /^1 / })).toBeVisible();
  await expect(ten).toBeChecked();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('dl.facts')).toContainText('10');
});
