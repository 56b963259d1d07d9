import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// A save that never gets the server's answer keeps the page and the text typed (outside probe 3: a dropped
// connection, a proxy's 503 and an ended session each used to throw the answer away). Each test has its own cycle
// and its own delegate.

/** Every POST to the questionnaire is answered by a proxy's 503 page until the returned function is called. */
async function proxyRefusesSaves(page: Page) {
  const pattern = '**/questionnaire/**';
  await page.route(pattern, (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>503 Service Unavailable</h1>' })
      : route.continue(),
  );
  return () => page.unroute(pattern);
}

test('a save while offline, or answered by a proxy’s 503, keeps the page and the text and says so; it saves when the way is clear', async ({
  page,
  context,
  make,
}) => {
  const cycle = await make.cycle();
  await make.logIn(page, await make.person('CU', 'delegate'));
  await page.goto(`/questionnaire/${cycle.id}/2`);
  const q1 = page.locator('#q-Q1');
  const summary = q1.getByLabel('Summary answer');
  const heading = page.getByRole('heading', { level: 1, name: 'Mandate 2: our answers' });
  const notSaved = /^Not saved: the connection or the server failed\. Your text is still here/;
  await q1.getByRole('radio', { name: 'Intermediate', exact: true }).check();

  // Offline: the save and the page's reload would both fail. The page stays; back online, it saves by itself.
  await context.setOffline(true);
  await summary.fill('Typed while offline');
  await q1.getByRole('button', { name: 'Save Q1' }).click();
  await expect(q1.getByRole('status')).toHaveText(notSaved);
  await expect(heading).toBeVisible();
  await expect(summary).toHaveValue('Typed while offline');
  await context.setOffline(false);
  await expect(q1.getByText('Q1 saved (version 1).')).toBeVisible();

  // A proxy's error page instead of Minka's answer: the same.
  const restore = await proxyRefusesSaves(page);
  await summary.fill('Typed while the proxy refused');
  await q1.getByRole('button', { name: 'Save Q1' }).click();
  await expect(q1.getByRole('status')).toHaveText(notSaved);
  await expect(heading).toBeVisible();
  await expect(summary).toHaveValue('Typed while the proxy refused');
  await restore();
  await q1.getByRole('button', { name: 'Save Q1' }).click();
  await expect(q1.getByText('Q1 saved (version 2).')).toBeVisible();
  await page.reload();
  await expect(page.locator('#q-Q1').getByLabel('Summary answer')).toHaveValue('Typed while the proxy refused');
});

test('a save after the session ended keeps the text, offers to log in in a new tab, and saves after that', async ({
  page,
  context,
  make,
}) => {
  const cycle = await make.cycle();
  const delegate = await make.person('CU', 'delegate');
  await make.logIn(page, delegate);
  await page.goto(`/questionnaire/${cycle.id}/2`);
  const q2 = page.locator('#q-Q2');
  const typed = `Typed after the session ended ${Date.now()}`;
  await q2.getByLabel('Summary answer').fill(typed);
  await context.clearCookies();
  await q2.getByRole('button', { name: 'Save Q2' }).click();

  await expect(q2.getByRole('status')).toHaveText('Not saved: your session has ended. Your text is still here.');
  await expect(page).toHaveURL(new RegExp(`/questionnaire/${cycle.id}/2$`));
  await expect(q2.getByLabel('Summary answer')).toHaveValue(typed);
  const logInLink = q2.getByRole('link', { name: 'Log in in a new tab' });
  await expect(logInLink).toHaveAttribute('target', '_blank');

  const [tab] = await Promise.all([context.waitForEvent('page'), logInLink.click()]);
  await make.logIn(tab, delegate);
  await tab.close();
  await q2.getByRole('button', { name: 'Save Q2' }).click();
  await expect(q2.getByText('Q2 saved (version 1).')).toBeVisible();
});
