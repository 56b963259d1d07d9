import type { Browser, Page } from '@playwright/test';
import { expect, test, type Make, type Person } from './fixtures';

// One story, in order: the Secretariat opens a cycle, Cuba answers (with a conflict between two editors),
// the National Coordinator submits, the questionnaire locks, and the Secretariat sees Cuba as submitted. The cycle
// is this spec's own (named with its stamp); the people are each test's own, in Cuba and the Secretariat, which no
// demo account and no other spec uses: what carries the story from one test to the next is Cuba's questionnaire in
// this cycle (docs/decisions/029).
test.describe.configure({ mode: 'serial' });

const cycleName = `E2E registration ${Date.now().toString(36)}`;
let cycleUrl = '';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });

/** A `datetime-local` value `days` from now (the wall clock of the time zone is close enough at this scale). */
function daysFromNow(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);
}

async function asUser(browser: Browser, make: Make, person: Person) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await make.logIn(page, person);
  return { context, page };
}

const secretariat = (make: Make) => make.person('SUMMITS-SECRETARIAT', 'secretariat_staff');

test('the Secretariat creates an open cycle, with its time zone shown', async ({ page, make }) => {
  await make.logIn(page, await secretariat(make));
  await nav(page).getByRole('link', { name: 'Cycles', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reporting cycles' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Create a reporting cycle' });
  await form.getByLabel('Name of the cycle').fill(cycleName);
  await form.getByLabel('Kind of cycle').selectOption('registration');
  await form.getByLabel('Time zone (IANA name)').fill('America/Lima');
  await form.getByLabel('Opens (date and time)').fill(daysFromNow(-2));
  await form.getByLabel('Closes (date and time)').fill(daysFromNow(30));
  await form.getByLabel('Publication (date and time)').fill(daysFromNow(60));
  await form.getByRole('button', { name: 'Create the cycle' }).click();
  await expect(page.getByRole('status').filter({ hasText: `The cycle “${cycleName}” was created.` })).toBeVisible();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: cycleName }) });
  await expect(card.getByText('Open', { exact: true })).toBeVisible();
  await expect(card.getByText('(America/Lima)').first()).toBeVisible();
  await expect(card.getByText(/UTC$/).first()).toBeVisible();
  await expect(card.getByRole('link', { name: `Status board: ${cycleName}` })).toBeVisible();
});

test('a delegate answers Q1 and Q2 of mandate 2 and sees the progress bar move', async ({ page, make }) => {
  await make.logIn(page, await make.person('CU', 'delegate'));
  await nav(page).getByRole('link', { name: 'Questionnaire', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: `Overall progress: ${cycleName}` })).toHaveAttribute('value', '0');
  await page.getByRole('link', { name: `Our questionnaire: ${cycleName}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Questionnaire: ${cycleName}` })).toBeVisible();
  await page.waitForURL(/\/questionnaire\/[0-9a-f-]{36}$/);
  cycleUrl = new URL(page.url()).pathname;
  const overall = page.getByRole('progressbar', { name: 'Overall progress', exact: true });
  await expect(overall).toHaveAttribute('value', '0');
  await expect(page.getByText(/^0 of \d+ answers given$/).first()).toBeVisible();

  await page.getByRole('link', { name: 'Mandate 2', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mandate 2: our answers' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Official text of the mandate' })).toBeVisible();

  const q1 = page.locator('#q-Q1');
  for (const level of ['No progress', 'Intermediate', 'Advanced', 'Completed'])
    await expect(q1.getByRole('radio', { name: level, exact: true })).toBeVisible();
  await q1.getByRole('radio', { name: 'Intermediate', exact: true }).check();
  await q1.getByLabel('Summary answer').fill('A draft law on asset declarations is before Congress.');
  await q1.getByRole('button', { name: 'Save Q1' }).click();
  await expect(q1.getByText('Q1 saved (version 1).')).toBeVisible();

  const q2 = page.locator('#q-Q2');
  await q2.getByLabel('Summary answer').fill('Cuba adopted a national integrity policy.');
  await q2
    .getByLabel('Full answer')
    .fill('The national integrity and anti-corruption policy was adopted by supreme decree.');
  await q2.getByRole('button', { name: 'Save Q2' }).click();
  await expect(q2.getByText('Q2 saved (version 1).')).toBeVisible();
  // Q4 and Q5 carry the assistance types; Q1 and Q2 do not.
  await expect(page.locator('#q-Q4').getByRole('group', { name: 'Types of technical assistance' })).toBeVisible();
  await expect(q2.getByRole('group', { name: 'Types of technical assistance' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Back to the questionnaire' }).click();
  await expect(overall).toHaveAttribute('value', '2');
  await expect(page.getByText(/^2 of \d+ answers given$/).first()).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Mandate 2', exact: true }) });
  await expect(row).toContainText('2 of 6');
  await expect(row).toContainText('Q3 (examples)');
});

test('two editors save the same answer: the second sees both versions and nothing is lost', async ({
  browser,
  make,
}) => {
  const deputy = await asUser(browser, make, await make.person('CU', 'deputy_focal_point'));
  const delegate = await asUser(browser, make, await make.person('CU', 'delegate'));
  const mandateUrl = `${cycleUrl}/2`;
  await deputy.page.goto(mandateUrl);
  await delegate.page.goto(mandateUrl);

  const deputyText = 'Deputy: the policy was published in the official gazette.';
  const delegateText = 'Delegate: the policy includes a monitoring commission.';
  await deputy.page.locator('#q-Q2').getByLabel('Summary answer').fill(deputyText);
  await deputy.page.locator('#q-Q2').getByRole('button', { name: 'Save Q2' }).click();
  await expect(deputy.page.locator('#q-Q2').getByText('Q2 saved (version 2).')).toBeVisible();

  const q2 = delegate.page.locator('#q-Q2');
  await q2.getByLabel('Summary answer').fill(delegateText);
  await q2.getByRole('button', { name: 'Save Q2' }).click();
  await expect(q2.getByRole('heading', { name: 'Someone else saved Q2 while you were editing it' })).toBeVisible();
  const theirs = q2.getByRole('region', { name: 'Their saved version (version 2)' });
  const mine = q2.getByRole('region', { name: 'Your version (not saved yet)' });
  await expect(theirs).toContainText(deputyText);
  await expect(mine).toContainText(delegateText);
  await expect(q2.getByRole('button', { name: 'Take theirs' })).toBeVisible();

  await q2.getByRole('button', { name: 'Keep mine' }).click();
  await expect(q2.getByText('Q2 saved (version 3).')).toBeVisible();
  await expect(q2.getByLabel('Summary answer')).toHaveValue(delegateText);

  // The history keeps every version, and the comparison shows what changed between them.
  await q2.getByRole('link', { name: 'History of this answer' }).click();
  await expect(delegate.page.getByRole('row', { name: /Version 2/ })).toContainText(deputyText);
  await expect(delegate.page.getByRole('row', { name: /Version 3/ })).toContainText(delegateText);
  await expect(delegate.page.getByRole('heading', { name: 'Changes from version 2 to version 3' })).toBeVisible();
  await expect(delegate.page.locator('.diff-fields ins').first()).toContainText('Delegate:');
  await expect(delegate.page.locator('.diff-fields del').first()).toContainText('Deputy:');
  await expect(delegate.page.getByText(/^Legend:/)).toBeVisible();

  await deputy.context.close();
  await delegate.context.close();
});

test('answers save themselves while typing, say when, survive a reload, save all at once, and leaving with unsaved text asks first (issue 15)', async ({
  browser,
  make,
}) => {
  const delegate = await asUser(browser, make, await make.person('CU', 'delegate'));
  const page = delegate.page;
  await page.goto(`${cycleUrl}/2`);
  const q5 = page.locator('#q-Q5');
  const typed = `Typed and never saved by hand ${Date.now()}`;
  await q5.getByLabel('Summary answer').fill(typed);
  await expect(q5.getByRole('status').filter({ hasText: /^Saved at \d\d:\d\d/ })).toBeVisible({ timeout: 10_000 });
  await page.reload();
  await expect(page.locator('#q-Q5').getByLabel('Summary answer')).toHaveValue(typed);
  // The full answer stops at the limit its hint states.
  await expect(page.locator('#q-Q5').getByLabel('Full answer')).toHaveAttribute('maxlength', '20000');

  // Two answers changed, then "Save all": both are saved at once, without waiting for the pause.
  await page.locator('#q-Q3').getByLabel('Summary answer').fill('Example: the integrity office trained 300 officials.');
  await page.locator('#q-Q6').getByLabel('Summary answer').fill('Civil society took part in the consultation.');
  await page.getByRole('button', { name: 'Save all answers of this mandate now' }).click();
  for (const q of ['Q3', 'Q6'])
    await expect(page.locator(`#q-${q}`).getByText(`${q} saved (version 1).`)).toBeVisible();

  // Text typed and not saved yet: closing the page asks first.
  await page.locator('#q-Q3').getByLabel('Full answer').fill('Not saved yet');
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  await asked.dismiss();
  await delegate.context.close();
});

test('the questionnaire as a document: every mandate with the saved answers, printable without the site’s menus (issue 15)', async ({
  browser,
  make,
}) => {
  const coordinator = await asUser(browser, make, await make.person('CU', 'national_coordinator'));
  const page = coordinator.page;
  await page.goto(cycleUrl);
  await page.getByRole('link', { name: 'Printable version (for review and signature)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Questionnaire of Cuba: ${cycleName}` })).toBeVisible();
  const two = page.getByRole('region', { name: 'Mandate 2', exact: true });
  await expect(two).toContainText('A draft law on asset declarations is before Congress.');
  await expect(page.getByRole('region', { name: 'Internal review' })).toContainText('Signature:');
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await coordinator.context.close();
});

test('the National Coordinator submits, and the questionnaire is then locked for the delegate', async ({
  browser,
  make,
}) => {
  const coordinator = await asUser(browser, make, await make.person('CU', 'national_coordinator'));
  await coordinator.page.goto(cycleUrl);
  await coordinator.page.getByLabel(/I confirm that these answers are final/).check();
  await coordinator.page.getByRole('button', { name: 'Submit to the Secretariat' }).click();
  await expect(coordinator.page.getByText('The questionnaire was submitted. It is now locked.')).toBeVisible();
  await expect(coordinator.page.getByTestId('questionnaire-status')).toHaveText('Submitted');
  await coordinator.context.close();

  const delegate = await asUser(browser, make, await make.person('CU', 'delegate'));
  await delegate.page.goto(`${cycleUrl}/2`);
  await expect(
    delegate.page.getByText('This questionnaire was submitted: it is locked until the Secretariat reopens it.'),
  ).toBeVisible();
  await expect(delegate.page.getByRole('button', { name: /^Save Q/ })).toHaveCount(0);
  await expect(delegate.page.locator('#q-Q2')).toContainText('Delegate: the policy includes a monitoring commission.');
  await delegate.context.close();
});

test('the Secretariat sees Cuba as submitted on the status board, and can reopen it with a reason', async ({
  page,
  make,
}) => {
  await make.logIn(page, await secretariat(make));
  await page.goto('/questionnaire');
  await page.getByRole('link', { name: `Status board: ${cycleName}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Status board: ${cycleName}` })).toBeVisible();
  const cuba = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Cuba', exact: true }) });
  await expect(cuba.getByText('Submitted', { exact: true })).toBeVisible();
  await expect(page.getByRole('table')).not.toContainText('%');

  await cuba.getByText('Reopen', { exact: true }).click();
  await cuba.getByLabel('Reason for reopening the questionnaire of Cuba').fill('Late update agreed with the Chair.');
  await cuba.getByRole('button', { name: 'Reopen with this reason' }).click();
  await expect(page.getByText('The questionnaire of Cuba was reopened.')).toBeVisible();
  await expect(cuba.getByText('Drafting', { exact: true })).toBeVisible();
});
