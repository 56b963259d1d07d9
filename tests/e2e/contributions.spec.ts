import { expect, test, type Page } from '@playwright/test';
import { demo, logIn } from './helpers';

// One story on the demo's open cycle, where Peru already invited the demo civil-society organization: the National
// Coordinator revokes and renews the invitation, the organization's member reads Peru's draft and proposes two
// contributions, Peru accepts one (it enters the answer as a new version, attributed) and leaves the other out,
// the member cannot open another State's draft, and the Secretariat opens Peru's questionnaire from the board.
test.describe.configure({ mode: 'serial' });

const year = new Date().getUTCFullYear();
const demoCycle = `(Demo) ${year} update`;
const cso = 'Demo Civil Society Network (demo data)';
const accepted = 'E2E: our observers followed 30 judicial appointment hearings in 2026.';
const leftOut = 'E2E: a claim Peru decides to leave out of its answer.';
let cycleId = '';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
const civilSociety = (page: Page) => page.getByRole('region', { name: 'Civil society' });

test('the National Coordinator revokes and renews the invitation of a civil-society organization', async ({ page }) => {
  await logIn(page, demo.coordinatorPE);
  await nav(page).getByRole('link', { name: 'Questionnaire', exact: true }).click();
  await page.getByRole('link', { name: `Our questionnaire: ${demoCycle}` }).click();
  await page.waitForURL(/\/questionnaire\/[0-9a-f-]{36}$/);
  cycleId = new URL(page.url()).pathname.split('/')[2];
  const section = civilSociety(page);
  await expect(section).toContainText(`${cso} — Invited`);
  await expect(section).toContainText('1 contribution(s) waiting for a decision');
  await expect(section.getByLabel('Civil society contributed to this questionnaire')).toBeChecked();

  await section.getByRole('button', { name: `Revoke the invitation of ${cso}` }).click();
  await expect(section.getByRole('status')).toContainText(`The invitation of ${cso} was revoked.`);
  await expect(section).toContainText(`${cso} — Invitation revoked`);

  const invite = section.getByRole('form', { name: 'Invite a civil-society organization' });
  await invite.getByLabel('Organization', { exact: true }).selectOption({ label: cso });
  await invite.getByLabel('Note to the organization (optional)').fill('Please look at mandate 2.');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(section.getByRole('status')).toContainText(`${cso} is invited. Its members were notified.`);
  await expect(section).toContainText(`${cso} — Invited`);
});

test('the civil-society member reads Peru’s draft and proposes two contributions', async ({ page }) => {
  await logIn(page, demo.civilSociety);
  await nav(page).getByRole('link', { name: 'Contribute', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contributing to States’ questionnaires' })).toBeVisible();
  await expect(page.getByText('Note from the State: Please look at mandate 2.')).toBeVisible();
  await page.getByRole('link', { name: `Read and contribute: Peru, ${demoCycle}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Draft of Peru: ${demoCycle}` })).toBeVisible();

  await page.getByLabel('Mandate', { exact: true }).selectOption('2');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Mandate 2' })).toBeVisible();
  // The State's current draft is shown (the summary), but not what Peru withheld in the earlier cycle.
  const q2 = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Q2. Measures adopted' }) });
  await expect(q2).toContainText('(Demo) Judicial career law adopted');
  await expect(page.getByText('withheld: internal figures')).toHaveCount(0);

  await q2.getByLabel('Your contribution to Q2 (measures)').fill(accepted);
  await q2.getByRole('button', { name: 'Propose to the State' }).click();
  await expect(q2.getByText('Your contribution was sent to the State.')).toBeVisible();
  await expect(q2).toContainText(`Waiting for the State ${accepted}`);

  const q3 = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: 'Q3. Examples and statistics' }) });
  await q3.getByRole('button', { name: 'Propose to the State' }).click();
  // An empty proposal is refused by the browser (required) before reaching the server; then a real one is sent.
  await q3.getByLabel('Your contribution to Q3 (examples)').fill(leftOut);
  await q3.getByRole('button', { name: 'Propose to the State' }).click();
  await expect(q3.getByText('Your contribution was sent to the State.')).toBeVisible();
});

test('a civil-society member cannot open another State’s draft or questionnaire', async ({ page }) => {
  await logIn(page, demo.civilSociety);
  const other = await page.goto(`/contribute/${cycleId}/CO`);
  expect(other?.status()).toBe(403);
  // Peru's own pages refuse a civil-society member (the registration service answers only States and JSWG).
  const questionnaire = await page.goto(`/questionnaire/${cycleId}/contributions`);
  expect(questionnaire?.status()).toBeGreaterThanOrEqual(400);
  await expect(page.getByText(accepted)).toHaveCount(0);
});

test('Peru accepts one contribution (a new, attributed version) and leaves the other out', async ({ page }) => {
  await logIn(page, demo.coordinatorPE);
  await page.goto(`/questionnaire/${cycleId}`);
  await civilSociety(page).getByRole('link', { name: 'Review civil-society contributions' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Civil-society contributions: ${demoCycle}` }),
  ).toBeVisible();

  const first = page.getByRole('article').filter({ hasText: accepted });
  await expect(first.getByRole('heading', { name: `Mandate 2, Q2 (measures) — From ${cso}` })).toBeVisible();
  await expect(first).toContainText('Current answer (version 1)');
  await first.getByRole('button', { name: 'Accept into the answer' }).click();
  await expect(page.getByText('The contribution was added to the answer as version 2.')).toBeVisible();

  const second = page.getByRole('article').filter({ hasText: leftOut });
  await second.getByLabel('Note to the organization (optional)').fill('Outside the reporting period.');
  await second.getByRole('button', { name: 'Leave out' }).click();
  await expect(page.getByText('The contribution was left out. It will not appear in your answer.')).toBeVisible();

  const decided = page.getByRole('table');
  await expect(decided.getByRole('row').filter({ hasText: leftOut })).toContainText('Left out');
  await expect(decided.getByRole('row').filter({ hasText: leftOut })).toContainText(
    'Note: Outside the reporting period.',
  );
  const acceptedRow = decided.getByRole('row').filter({ hasText: accepted });
  await expect(acceptedRow).toContainText('Added as version 2');

  // The answer's history has the new version (a carried-over answer has no stored version 1 to compare with).
  await acceptedRow.getByRole('link', { name: 'History of the answer' }).click();
  await expect(page.getByRole('row', { name: /Version 2/ })).toBeVisible();

  // The left-out text never enters the answers of mandate 2.
  await page.goto(`/questionnaire/${cycleId}/2`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mandate 2: our answers' })).toBeVisible();
  await expect(page.locator('#q-Q2').getByLabel('Full answer')).toHaveValue(
    new RegExp(`Contribution from ${cso.replace(/[()]/g, '\\$&')}: ${accepted}`),
  );
  await expect(page.locator('main')).not.toContainText(leftOut);

  // The member sees the decisions.
  const member = await page.context().browser()!.newContext();
  const memberPage = await member.newPage();
  await logIn(memberPage, demo.civilSociety);
  await memberPage.goto('/contribute');
  await expect(memberPage.getByRole('row').filter({ hasText: accepted })).toContainText('Accepted');
  await expect(memberPage.getByRole('row').filter({ hasText: leftOut })).toContainText('Left out');
  await member.close();
});

test('the Secretariat opens one organization’s questionnaire from the status board, read-only', async ({ page }) => {
  await logIn(page, demo.admin);
  await page.goto('/questionnaire');
  await page.getByRole('link', { name: `Status board: ${demoCycle}` }).click();
  await page.getByRole('link', { name: 'Peru', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Peru: ${demoCycle}` })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Mandate 2', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /^History \(version \d+\)$/ }).first()).toBeVisible();
  const contributions = page.getByRole('region', { name: 'Civil-society contributions' });
  await expect(contributions).toContainText('Civil society contributed.');
  await expect(contributions).toContainText('2 accepted, 1 left out');
  await expect(page.getByRole('region', { name: 'Non-disclosure requests' })).toContainText(
    '(Demo) Note 7-5-M/30 to the Chair',
  );
  await expect(page.locator('main')).not.toContainText('%');

  // An organization that has not started stays "not started": opening it creates nothing.
  await page.goto(`/admin/cycles/${cycleId}/JM`);
  await expect(page.getByText('This organization has not started its questionnaire.')).toBeVisible();
  await page.goto(`/admin/cycles/${cycleId}`);
  await expect(
    page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Jamaica', exact: true }) }),
  ).toContainText('Not started');
});
