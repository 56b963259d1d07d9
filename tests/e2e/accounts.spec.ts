import type { Response } from '@playwright/test';
import { expect, test } from './fixtures';

// Every test acts on people made for it (tests/e2e/fixtures.ts) or invited by it under a unique address, in States no
// other spec uses, so no demo account is logged out, renamed or switched to Spanish under another spec's feet.

test('too many failed logins get 429 with Retry-After and a clear message', async ({ page, make }) => {
  await page.goto('/login');
  const email = `nobody-here-${make.tag}@example.org`;
  let last: Response | null = null;
  for (let attempt = 0; attempt < 6; attempt++) {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(`wrong password ${attempt}`);
    const responsePromise = page.waitForResponse((r) => r.url().includes('/login') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Log in' }).click();
    last = await responsePromise;
  }
  expect(last?.status()).toBe(429);
  expect(Number(last?.headers()['retry-after'])).toBeGreaterThan(0);
  await expect(page.getByRole('alert')).toContainText('Too many failed attempts');
});

test('the Secretariat invites a National Coordinator, who joins through the one-time link', async ({
  page,
  browser,
  make,
}) => {
  const email = `coordinator.tt.${make.tag}@example.org`;
  await make.logIn(page, await make.person('SUMMITS-SECRETARIAT', 'secretariat_admin'));
  await page.goto('/admin/people');
  const invite = page.getByRole('region', { name: 'Invite someone' });
  await invite.getByLabel('E-mail').fill(email);
  await invite.getByLabel('Organization').selectOption({ label: 'Trinidad and Tobago (State)' });
  await invite.getByLabel('Role').selectOption({ label: 'National Coordinator' });
  await invite.getByRole('button', { name: 'Create invitation' }).click();
  const link = await invite.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/invitations\/[a-z2-7]+$/);

  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(link);
  await expect(inviteePage.getByText('You are invited to Trinidad and Tobago as National Coordinator')).toBeVisible();
  await inviteePage.getByLabel('Name').fill('Camila Coordinator');
  await inviteePage.getByLabel('New password', { exact: true }).fill('too short');
  await inviteePage.getByLabel('Repeat the new password').fill('too short');
  await inviteePage.getByRole('button', { name: 'Create my account' }).click();
  await expect(inviteePage.getByText('Use at least 10 characters.')).toBeVisible();
  await expect(inviteePage.getByLabel('Name')).toHaveValue('Camila Coordinator');

  await inviteePage.getByLabel('New password', { exact: true }).fill('a long enough password');
  await inviteePage.getByLabel('Repeat the new password').fill('a long enough password');
  await inviteePage.getByRole('button', { name: 'Create my account' }).click();
  await expect(inviteePage.getByRole('link', { name: 'My State' })).toBeVisible();
  await inviteePage.getByRole('link', { name: 'My State' }).click();
  await expect(inviteePage.getByRole('heading', { level: 1 })).toHaveText('Trinidad and Tobago');
  await invitee.close();

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  const reuse = await strangerPage.goto(link);
  expect(reuse?.status()).toBe(410);
  await expect(strangerPage.getByText('already been used')).toBeVisible();
  await stranger.close();

  await page.goto('/admin/audit?action=invitation.accepted');
  await expect(page.getByRole('cell', { name: email })).toBeVisible();
});

test('a locked-out coordinator resets the password by e-mail: same answer for any address, one-time link, every session ended (issue 15)', async ({
  page,
  browser,
  make,
}) => {
  // Two browsers, the outbox and a reset: slower than most.
  test.slow();
  // A coordinator of its own, logged in on another device.
  const coordinator = await make.person('SR', 'national_coordinator');
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await make.logIn(otherPage, coordinator);

  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto('/login');
  await anonymous.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(anonymous.getByRole('heading', { level: 1, name: 'Forgot your password' })).toBeVisible();
  await anonymous.getByLabel('E-mail').fill('nobody-at-all@example.org');
  await anonymous.getByRole('button', { name: 'Send the link' }).click();
  const answer = anonymous.getByText(/^If an account uses this address, we sent it a link/);
  await expect(answer).toBeVisible();
  await anonymous.getByLabel('E-mail').fill(coordinator.email);
  await anonymous.getByRole('button', { name: 'Send the link' }).click();
  await expect(answer).toBeVisible();

  // The e-mail, as the development outbox shows it.
  await make.logIn(page, await make.person('SUMMITS-SECRETARIAT', 'secretariat_admin'));
  await page.goto('/admin/outbox');
  const mail = page
    .getByRole('row')
    .filter({ hasText: coordinator.email })
    .filter({ hasText: 'Reset your password' })
    .first();
  const body = (await mail.locator('pre').textContent()) ?? '';
  const path = body.match(/\/password-reset\/[a-z0-9]+/)?.[0];
  expect(path).toBeTruthy();
  await expect(page.getByRole('row').filter({ hasText: 'nobody-at-all@example.org' })).toHaveCount(0);

  await anonymous.goto(path!);
  await anonymous.getByLabel('New password', { exact: true }).fill('my recovered password');
  await anonymous.getByLabel('Repeat the new password').fill('my recovered password');
  await anonymous.getByRole('button', { name: 'Save the new password' }).click();
  await expect(anonymous.getByText('Your password was changed and every session of your account ended.')).toBeVisible();
  await anonymous.getByLabel('E-mail').fill(coordinator.email);
  await anonymous.getByLabel('Password').fill('my recovered password');
  await anonymous.getByRole('button', { name: 'Log in' }).click();
  await expect(anonymous.getByRole('button', { name: 'Log out' })).toBeVisible();

  // The other device's session ended; the link works once.
  await otherPage.reload();
  await expect(otherPage.getByRole('link', { name: 'Log in' })).toBeVisible();
  const again = await otherPage.goto(path!);
  expect(again?.status()).toBe(410);
  await expect(otherPage.getByText('This link was already used')).toBeVisible();
  await other.close();
  await anonymous.context().close();
});

test('a National Coordinator can invite delegates of their own State only', async ({ page, make }) => {
  await make.logIn(page, await make.person('GD', 'national_coordinator'));
  await page.goto('/org/GD');
  const roles = page.getByRole('region', { name: 'Invite someone' }).getByLabel('Role');
  await expect(roles.locator('option', { hasText: 'Delegate' })).toHaveCount(1);
  await expect(roles.locator('option', { hasText: 'Deputy focal point' })).toHaveCount(0);
  const response = await page.goto('/org/CO');
  expect(response?.status()).toBe(403);
});

test('logging out everywhere ends the session', async ({ page, make }) => {
  await make.logIn(page, await make.person('LC', 'deputy_focal_point'));
  await page.goto('/account');
  await page.getByRole('button', { name: 'Log out everywhere' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  const response = await page.goto('/account');
  expect(page.url()).toContain('/login?redirectTo=%2Faccount');
  expect(response?.status()).toBe(200);
});

test('the language switch also sets the language of the person’s e-mails, shown on their account page', async ({
  page,
  make,
}) => {
  await make.logIn(page, await make.person('VC', 'delegate'));
  await page.goto('/account');
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText('Language of your e-mails');
  await expect(facts).toContainText('English');

  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(facts).toContainText('Idioma de sus correos');
  await expect(facts.locator('[lang="es"]')).toHaveText('Español');

  // And back to English.
  await page.getByTestId('lang-switch').click();
  await expect(facts.locator('[lang="en"]')).toHaveText('English');
});
