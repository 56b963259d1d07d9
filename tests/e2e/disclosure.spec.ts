import type { Page } from '@playwright/test';
import { expect, test, type Make } from './fixtures';

// Non-disclosure requests, each test in a reporting cycle of its own (made through the services) for Guyana, with its
// own people: no demo State's requests or published answers change (docs/decisions/029).

/** Guyana's National Coordinator on the non-disclosure page of a cycle (by default made for this test); its address. */
async function disclosurePage(page: Page, make: Make, cycleId?: string) {
  const id = cycleId ?? (await make.cycle()).id;
  await make.logIn(page, await make.person('GY', 'national_coordinator'));
  // Opening the questionnaire starts it: there is nothing to withhold before.
  await page.goto(`/questionnaire/${id}`);
  await page.goto(`/disclosure/${id}`);
  return page.url();
}

const secretariat = (make: Make) => make.person('SUMMITS-SECRETARIAT', 'secretariat_staff');

test('a National Coordinator records a non-disclosure request and the Secretariat grants it', async ({
  page,
  browser,
  make,
}) => {
  const url = await disclosurePage(page, make);

  // A bad form: the field scope needs a mandate, a question and a field; nothing is recorded.
  await page.getByLabel('What to withhold').selectOption({ label: 'One field of an answer' });
  await page.getByLabel('Letter to the Chair (reference)').fill('Note e2e-1');
  await page.getByRole('button', { name: 'Record the request' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Note e2e-1' })).toHaveCount(0);

  // The form asks only for what the chosen scope needs (issue 15).
  await page.getByLabel('What to withhold').selectOption({ label: 'The whole questionnaire' });
  for (const label of ['Mandate number', 'Question', 'Field', 'Attached document to withhold'])
    await expect(page.getByLabel(label, { exact: true })).toHaveCount(0);
  await page.getByLabel('What to withhold').selectOption({ label: 'One field of an answer' });
  for (const label of ['Mandate number', 'Question', 'Field'])
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  await expect(page.getByLabel('Attached document to withhold', { exact: true })).toHaveCount(0);
  await page.getByLabel('What to withhold').selectOption({ label: 'One mandate' });
  await expect(page.getByLabel('Question', { exact: true })).toHaveCount(0);
  await page.getByLabel('Mandate number').fill('3');
  await page.getByLabel('Letter to the Chair (reference)').fill('Note e2e-2');
  await page.getByRole('button', { name: 'Record the request' }).click();
  await expect(page.getByRole('cell', { name: 'Note e2e-2' })).toBeVisible();
  // The list names the mandate.
  await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Note e2e-2' }) })).toContainText(
    'One mandate · mandate 3',
  );

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await make.logIn(adminPage, await secretariat(make));
  await adminPage.goto(url);
  // The decision is the Chair's: the Secretariat records it with the reference of the Chair's written reply.
  const row = adminPage.getByRole('row').filter({ has: adminPage.getByRole('cell', { name: 'Note e2e-2' }) });
  await row.getByLabel('Granted: withhold').check();
  await row.getByLabel('Chair’s written reply (reference)').fill('CR-2027-2');
  await row.getByRole('button', { name: 'Record the Chair’s decision' }).click();
  const granted = adminPage.getByRole('row').filter({ has: adminPage.getByRole('cell', { name: 'Note e2e-2' }) });
  await expect(granted).toContainText('Granted by the Chair');
  await expect(granted).toContainText('Chair’s written reply: CR-2027-2.');
  await admin.close();

  // Another State sees none of Guyana's requests.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await make.logIn(otherPage, await make.person('DM', 'national_coordinator'));
  await otherPage.goto(url);
  await expect(otherPage.getByRole('cell', { name: 'Note e2e-2' })).toHaveCount(0);
  await other.close();
});

test('a refusal by the Chair leaves the State a period to withdraw the content, and only the State may', async ({
  page,
  browser,
  make,
}) => {
  const url = await disclosurePage(page, make);
  await page.getByLabel('What to withhold').selectOption({ label: 'One mandate' });
  await page.getByLabel('Mandate number').fill('5');
  await page.getByLabel('Letter to the Chair (reference)').fill('Note e2e-5');
  await page.getByRole('button', { name: 'Record the request' }).click();
  await expect(page.getByRole('cell', { name: 'Note e2e-5' })).toBeVisible();
  // Pending: no withdrawal to offer yet.
  const mine = () => page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Note e2e-5' }) });
  await expect(mine().getByRole('button', { name: /Withdraw this content/ })).toHaveCount(0);

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await make.logIn(adminPage, await secretariat(make));
  await adminPage.goto(url);
  const row = adminPage.getByRole('row').filter({ has: adminPage.getByRole('cell', { name: 'Note e2e-5' }) });
  await row.getByLabel('Refused: the State may amend or withdraw, then it is published').check();
  await row.getByLabel('Chair’s written reply (reference)').fill('CR-2027-5');
  await row.getByLabel('Chair’s reply as a file (optional)').setInputFiles({
    name: 'chair-reply.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% Chair reply\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    ),
  });
  await row.getByRole('button', { name: 'Record the Chair’s decision' }).click();
  const refused = adminPage.getByRole('row').filter({ has: adminPage.getByRole('cell', { name: 'Note e2e-5' }) });
  await expect(refused).toContainText('Refused by the Chair');
  await expect(refused.getByTestId('amend-until')).toBeVisible();
  await expect(refused.getByRole('link', { name: 'Chair’s reply: chair-reply.pdf' })).toBeVisible();
  // The Secretariat records decisions; withdrawing is the State's.
  await expect(refused.getByRole('button', { name: /Withdraw this content/ })).toHaveCount(0);
  await admin.close();

  await page.reload();
  await expect(mine()).toContainText('Refused by the Chair');
  await expect(mine().getByTestId('amend-until')).toBeVisible();
  await mine()
    .getByRole('button', { name: /Withdraw this content/ })
    .click();
  await expect(mine()).toContainText('Content withdrawn by the State (never published)');
  await expect(mine().getByRole('button', { name: /Withdraw this content/ })).toHaveCount(0);
});

test('a request carried over from the previous cycle says so in the reader’s language (issue 15)', async ({
  page,
  make,
}) => {
  // A request in a registration cycle, then an update cycle that starts from it: Guyana's questionnaire there, made
  // when its page is first opened, carries the request over.
  const registration = await make.cycle();
  await disclosurePage(page, make, registration.id);
  await page.getByLabel('What to withhold').selectOption({ label: 'One mandate' });
  await page.getByLabel('Mandate number').fill('4');
  await page.getByLabel('Letter to the Chair (reference)').fill('Note e2e-carried');
  await page.getByRole('button', { name: 'Record the request' }).click();
  await expect(page.getByRole('cell', { name: 'Note e2e-carried' })).toBeVisible();
  const update = await make.cycle({ name: `E2E update ${make.tag}`, kind: 'update', previousCycleId: registration.id });
  await page.goto(`/questionnaire/${update.id}`);
  await page.goto(`/disclosure/${update.id}`);
  await expect(page.getByRole('cell', { name: 'Note e2e-carried' })).toBeVisible();
  await expect(page.getByText(/^Carried over from the previous cycle\./).first()).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByText(/^Trasladada del ciclo anterior\./).first()).toBeVisible();
  await expect(page.getByText('Carried over from the previous cycle.')).toHaveCount(0);
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
