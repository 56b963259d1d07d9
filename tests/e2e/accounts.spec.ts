import { expect, test, type Response } from '@playwright/test';
import { demo, logIn } from './helpers';

test('too many failed logins get 429 with Retry-After and a clear message', async ({ page }) => {
  await page.goto('/login');
  const email = 'nobody-here@example.org';
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

test('the Secretariat invites a National Coordinator, who joins through the one-time link', async ({ page, browser }) => {
  await logIn(page, demo.admin);
  await page.goto('/admin/people');
  const invite = page.getByRole('region', { name: 'Invite someone' });
  await invite.getByLabel('E-mail').fill('coordinator.cl@example.org');
  await invite.getByLabel('Organization').selectOption({ label: 'Chile (State)' });
  await invite.getByLabel('Role').selectOption({ label: 'National Coordinator' });
  await invite.getByRole('button', { name: 'Create invitation' }).click();
  const link = await invite.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/invitations\/[a-z2-7]+$/);

  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(link);
  await expect(inviteePage.getByText('You are invited to Chile as National Coordinator')).toBeVisible();
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
  await expect(inviteePage.getByRole('heading', { level: 1 })).toHaveText('Chile');
  await invitee.close();

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  const reuse = await strangerPage.goto(link);
  expect(reuse?.status()).toBe(410);
  await expect(strangerPage.getByText('already been used')).toBeVisible();
  await stranger.close();

  await page.goto('/admin/audit?action=invitation.accepted');
  await expect(page.getByRole('cell', { name: 'coordinator.cl@example.org' })).toBeVisible();
});

test('a National Coordinator can invite delegates of their own State only', async ({ page }) => {
  await logIn(page, demo.coordinatorPE);
  await page.goto('/org/PE');
  const roles = page.getByRole('region', { name: 'Invite someone' }).getByLabel('Role');
  await expect(roles.locator('option', { hasText: 'Delegate' })).toHaveCount(1);
  await expect(roles.locator('option', { hasText: 'Deputy focal point' })).toHaveCount(0);
  const response = await page.goto('/org/CO');
  expect(response?.status()).toBe(403);
});

test('logging out everywhere ends the session', async ({ page }) => {
  await logIn(page, demo.deputyPE);
  await page.goto('/account');
  await page.getByRole('button', { name: 'Log out everywhere' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  const response = await page.goto('/account');
  expect(page.url()).toContain('/login?redirectTo=%2Faccount');
  expect(response?.status()).toBe(200);
});

test('the language switch also sets the language of the person’s e-mails, shown on their account page', async ({ page }) => {
  await logIn(page, demo.delegateCO);
  await page.goto('/account');
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText('Language of your e-mails');
  await expect(facts).toContainText('English');

  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(facts).toContainText('Idioma de sus correos');
  await expect(facts.locator('[lang="es"]')).toHaveText('Español');

  // Back to English for the other tests that log in as this person.
  await page.getByTestId('lang-switch').click();
  await expect(facts.locator('[lang="en"]')).toHaveText('English');
});
