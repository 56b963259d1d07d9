import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The long navigation forms (a good practice, a cooperation offer or request) keep the page and what was typed when
// their submission never reaches the server: offline, or after the session ended (outside probe 3, decision 038).
// Before, offline ended on the error page ("Something went wrong · Code: 500") and an ended session on the login
// page, and the text was gone. Each test makes its own people.

const NOT_SENT =
  'Not saved: the connection or the server failed. Everything you wrote is still here; send it again in a moment.';
const SESSION_ENDED =
  'Your session has ended, so nothing was saved. Everything you wrote is still here: log in again in a new tab, then send the form again.';

/** The message shows at the top of the form (an alert) and beside its submit button. */
async function expectSaidTwice(page: Page, form: ReturnType<Page['getByRole']>, text: string) {
  await expect(form.getByRole('alert')).toContainText(text);
  await expect(form.getByText(text)).toHaveCount(2);
}

test('a good practice sent offline, new or edited, stays on the page with its text and says so; sent again online, it is saved', async ({
  page,
  context,
  make,
}) => {
  const title = `Open procurement monitors ${make.tag}`;
  await make.logIn(page, await make.person('EC', 'national_coordinator'));
  await page.goto('/practices/new');
  const heading = page.getByRole('heading', { level: 1, name: 'New good practice' });
  await expect(heading).toBeVisible();
  const form = page.getByRole('form', { name: 'New good practice' });
  const fields = {
    'Title of the practice': title,
    'Mandates of the Lima Commitment': '12',
    'Short description': 'Citizen monitors follow each tender of the procurement agency.',
    'The situation that required amending or improving': 'Tenders were rarely contested and complaints took years.',
  };
  for (const [label, value] of Object.entries(fields))
    await form.getByLabel(label, { exact: false }).first().fill(value);
  await form.getByRole('checkbox', { name: 'Spanish', exact: true }).check();

  await context.setOffline(true);
  await form.getByRole('button', { name: 'Save the draft' }).click();
  await expectSaidTwice(page, form, NOT_SENT);
  await expect(heading).toBeVisible();
  await expect(page).toHaveURL(/\/practices\/new$/);
  for (const [label, value] of Object.entries(fields))
    await expect(form.getByLabel(label, { exact: false }).first()).toHaveValue(value);
  await expect(form.getByRole('checkbox', { name: 'Spanish', exact: true })).toBeChecked();

  await context.setOffline(false);
  await form.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page).toHaveURL(/\/practices\/[0-9a-f-]{36}\/edit\?saved=1$/);
  await expect(page.getByRole('heading', { level: 1, name: `Edit: ${title}` })).toBeVisible();
  await expect(page.getByLabel('Title of the practice')).toHaveValue(title);

  // Its edit page does the same.
  const editHeading = page.getByRole('heading', { level: 1, name: `Edit: ${title}` });
  const lessons = form.getByLabel(/^Lessons learnt/);
  await lessons.fill('Train monitors before the first tender.');
  await context.setOffline(true);
  await form.getByRole('button', { name: 'Save the draft' }).click();
  await expectSaidTwice(page, form, NOT_SENT);
  await expect(editHeading).toBeVisible();
  await expect(page.getByText('Saved.', { exact: true })).toBeHidden();
  await expect(lessons).toHaveValue('Train monitors before the first tender.');
  await context.setOffline(false);
  await form.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await page.reload();
  await expect(form.getByLabel(/^Lessons learnt/)).toHaveValue('Train monitors before the first tender.');
});

test('a cooperation offer sent offline stays on the page with its text and says so; sent again online, it is created', async ({
  page,
  context,
  make,
}) => {
  const title = `Asset recovery training ${make.tag}`;
  const description = 'Training for prosecutors on asset recovery, with case studies from the region.';
  await make.logIn(page, await make.person('IICA', 'jswg_focal_point'));
  await page.goto('/cooperation/offers/new');
  const heading = page.getByRole('heading', { level: 1, name: 'New cooperation offer' });
  await expect(heading).toBeVisible();
  const form = page.getByRole('form', { name: 'Cooperation offer' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Description').fill(description);
  await form.getByLabel('Capacity (States supported at once)').fill('3');
  await form.getByLabel('Funding it brings').fill('Travel of two trainers');

  await context.setOffline(true);
  await form.getByRole('button', { name: 'Save draft' }).click();
  await expectSaidTwice(page, form, NOT_SENT);
  await expect(heading).toBeVisible();
  await expect(form.getByLabel('Title')).toHaveValue(title);
  await expect(form.getByLabel('Description')).toHaveValue(description);
  await expect(form.getByLabel('Capacity (States supported at once)')).toHaveValue('3');
  await expect(form.getByLabel('Funding it brings')).toHaveValue('Travel of two trainers');

  await context.setOffline(false);
  await form.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/cooperation\/offers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});

test('a Spanish reader’s assistance request sent offline keeps its text and says so in Spanish', async ({
  page,
  context,
  baseURL,
  make,
}) => {
  const title = `Protección de denunciantes ${make.tag}`;
  await make.logIn(page, await make.person('BR', 'national_coordinator'));
  await context.addCookies([{ name: 'minka_lang', value: 'es', url: baseURL! }]);
  await page.goto('/cooperation/requests/new');
  await page.locator('input[name="title"]').fill(title);

  await context.setOffline(true);
  await page.locator('button[name="intent"][value="draft"]').click();
  await expect(page.getByRole('alert')).toContainText(
    'No se guardó: falló la conexión o el servidor. Todo lo que escribió sigue aquí; envíelo de nuevo en un momento.',
  );
  await expect(page.locator('input[name="title"]')).toHaveValue(title);

  await context.setOffline(false);
  await page.locator('button[name="intent"][value="draft"]').click();
  await expect(page).toHaveURL(/\/cooperation\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});

test('a good practice sent after the session ended keeps its text, offers to log in in a new tab, and is created after that', async ({
  page,
  context,
  make,
}) => {
  const title = `Asset declarations online ${make.tag}`;
  const coordinator = await make.person('EC', 'national_coordinator');
  await make.logIn(page, coordinator);
  await page.goto('/practices/new');
  const form = page.getByRole('form', { name: 'New good practice' });
  await form.getByLabel('Title of the practice').fill(title);
  await form.getByLabel(/^Short description/).fill('Officials file their asset declarations online.');
  await context.clearCookies();
  await form.getByRole('button', { name: 'Save the draft' }).click();

  await expect(form.getByRole('alert')).toContainText(SESSION_ENDED);
  await expect(page).toHaveURL(/\/practices\/new$/);
  await expect(page.getByRole('heading', { level: 1, name: 'New good practice' })).toBeVisible();
  await expect(form.getByLabel('Title of the practice')).toHaveValue(title);
  await expect(form.getByLabel(/^Short description/)).toHaveValue('Officials file their asset declarations online.');
  const logInLink = form.getByRole('alert').getByRole('link', { name: 'Log in in a new tab' });
  await expect(logInLink).toHaveAttribute('target', '_blank');
  await expect(logInLink).toHaveAttribute('href', '/login?redirectTo=%2Fpractices%2Fnew');

  const [tab] = await Promise.all([context.waitForEvent('page'), logInLink.click()]);
  await make.logIn(tab, coordinator);
  await tab.close();
  await form.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit: ${title}` })).toBeVisible();
});
