import type { Page } from '@playwright/test';
import { expect, test, type Make } from './fixtures';

// One story in a cycle of this spec's own: Paraguay answers mandate 2 and invites a civil-society organization, the
// National Coordinator revokes and renews the invitation, the organization's member reads Paraguay's draft and
// proposes two contributions, Paraguay accepts one (it enters the answer as a new version, attributed) and leaves the
// other out, the member cannot open another State's draft, and the Secretariat opens Paraguay's questionnaire from
// the board. The people are each test's own; the organization is the demo's civil-society network (the reference data
// has none and no service makes one): what carries the story is Paraguay's questionnaire (docs/decisions/029).
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const cycleName = `E2E contributions ${run}`;
const cso = 'Demo Civil Society Network (demo data)';
const draft = 'Judicial career law adopted; the judicial council selects judges by open competition.';
const note = `Please look at mandate 2 (${run}).`;
const accepted = 'E2E: our observers followed 30 judicial appointment hearings in 2026.';
const leftOut = 'E2E: a claim Paraguay decides to leave out of its answer.';
let cycleId = '';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
const civilSociety = (page: Page) => page.getByRole('region', { name: 'Civil society' });
const coordinator = (make: Make) => make.person('PY', 'national_coordinator');
const member = (make: Make) => make.person('DEMO-CSO', 'civil_society_member');

async function invite(page: Page, text: string) {
  const form = civilSociety(page).getByRole('form', { name: 'Invite a civil-society organization' });
  await form.getByLabel('Organization', { exact: true }).selectOption({ label: cso });
  await form.getByLabel('Note to the organization (optional)').fill(text);
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(civilSociety(page).getByRole('status')).toContainText(`${cso} is invited. Its members were notified.`);
  await expect(civilSociety(page)).toContainText(`${cso} — Invited`);
}

test('the National Coordinator revokes and renews the invitation of a civil-society organization', async ({
  page,
  make,
}) => {
  cycleId = (await make.cycle({ name: cycleName })).id;
  await make.logIn(page, await coordinator(make));
  await nav(page).getByRole('link', { name: 'Questionnaire', exact: true }).click();
  await page.getByRole('link', { name: `Our questionnaire: ${cycleName}` }).click();
  await page.waitForURL(`/questionnaire/${cycleId}`);
  // Something for civil society to read: Paraguay's answer to Q2 of mandate 2.
  await page.goto(`/questionnaire/${cycleId}/2`);
  const q2 = page.locator('#q-Q2');
  await q2.getByLabel('Summary answer').fill(draft);
  await q2.getByRole('button', { name: 'Save Q2' }).click();
  await expect(q2.getByText('Q2 saved (version 1).')).toBeVisible();
  await page.goto(`/questionnaire/${cycleId}`);
  await invite(page, 'A first invitation.');
  const section = civilSociety(page);

  await section.getByRole('button', { name: `Revoke the invitation of ${cso}` }).click();
  await expect(section.getByRole('status')).toContainText(`The invitation of ${cso} was revoked.`);
  await expect(section).toContainText(`${cso} — Invitation revoked`);

  await invite(page, note);
});

test('the civil-society member reads Paraguay’s draft and proposes two contributions', async ({ page, make }) => {
  await make.logIn(page, await member(make));
  await nav(page).getByRole('link', { name: 'Contribute', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contributing to States’ questionnaires' })).toBeVisible();
  await expect(page.getByText(`Note from the State: ${note}`)).toBeVisible();
  await page.getByRole('link', { name: `Read and contribute: Paraguay, ${cycleName}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Draft of Paraguay: ${cycleName}` })).toBeVisible();

  await page.getByLabel('Mandate', { exact: true }).selectOption('2');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Mandate 2' })).toBeVisible();
  // The State's current draft is shown (the summary).
  const q2 = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Q2. Measures adopted' }) });
  await expect(q2).toContainText(draft);

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

test('a civil-society member cannot open another State’s draft or questionnaire', async ({ page, make }) => {
  await make.logIn(page, await member(make));
  const other = await page.goto(`/contribute/${cycleId}/CO`);
  expect(other?.status()).toBe(403);
  // Paraguay's own pages refuse a civil-society member (the registration service answers only States and JSWG).
  const questionnaire = await page.goto(`/questionnaire/${cycleId}/contributions`);
  expect(questionnaire?.status()).toBeGreaterThanOrEqual(400);
  await expect(page.getByText(accepted)).toHaveCount(0);
});

test('Paraguay accepts one contribution (a new, attributed version) and leaves the other out', async ({
  page,
  make,
}) => {
  await make.logIn(page, await coordinator(make));
  await page.goto(`/questionnaire/${cycleId}`);
  await civilSociety(page).getByRole('link', { name: 'Review civil-society contributions' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Civil-society contributions: ${cycleName}` }),
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

  // The answer's history has the new version.
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
  const memberContext = await page.context().browser()!.newContext();
  const memberPage = await memberContext.newPage();
  await make.logIn(memberPage, await member(make));
  await memberPage.goto('/contribute');
  await expect(memberPage.getByRole('row').filter({ hasText: accepted })).toContainText('Accepted');
  await expect(memberPage.getByRole('row').filter({ hasText: leftOut })).toContainText('Left out');
  await memberContext.close();
});

test('the Secretariat opens one organization’s questionnaire from the status board, read-only', async ({
  page,
  make,
}) => {
  await make.logIn(page, await make.person('SUMMITS-SECRETARIAT', 'secretariat_staff'));
  await page.goto('/questionnaire');
  await page.getByRole('link', { name: `Status board: ${cycleName}` }).click();
  await page.getByRole('link', { name: 'Paraguay', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Paraguay: ${cycleName}` })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Mandate 2', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /^History \(version \d+\)$/ }).first()).toBeVisible();
  const contributions = page.getByRole('region', { name: 'Civil-society contributions' });
  await expect(contributions).toContainText('1 accepted, 1 left out');
  await expect(page.locator('main')).not.toContainText('%');

  // An organization that has not started stays "not started": opening it creates nothing.
  await page.goto(`/admin/cycles/${cycleId}/JM`);
  await expect(page.getByText('This organization has not started its questionnaire.')).toBeVisible();
  await page.goto(`/admin/cycles/${cycleId}`);
  await expect(
    page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Jamaica', exact: true }) }),
  ).toContainText('Not started');
});
