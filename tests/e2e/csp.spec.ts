import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The Content-Security-Policy (decision 037): scripts only from this origin or with the response's nonce. Every page
// must still hydrate and run live (Remix's own inline scripts carry the nonce), and a script injected into a page
// must not run. Violations are collected by a listener the browser installs before any page script.

declare global {
  interface Window {
    __cspViolations: string[];
    __injectedRan?: boolean;
    __remixRouter?: unknown;
  }
}

async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations);

test('public pages hydrate under the policy, the cached ones too, and an injected inline script does not run', async ({
  browser,
}) => {
  // A context of its own: the fixtures' context fails a test that ends with a violation, and this one makes one.
  const page = await (await browser.newContext()).newPage();
  await watchViolations(page);
  // /mandates twice: the second view may come from the page cache, with the first view's nonce and policy.
  for (const path of ['/', '/mandates', '/mandates', '/initiatives', '/results']) {
    const response = await page.goto(path);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
    await page.waitForFunction(() => window.__remixRouter !== undefined);
    expect(await violations(page), path).toEqual([]);
  }
  // Client-side navigation works (it needs the route modules the nonce-carrying scripts load).
  await page.goto('/');
  await page.waitForFunction(() => window.__remixRouter !== undefined);
  await page.evaluate(() => ((window as Window & { __sameDocument?: boolean }).__sameDocument = true));
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Mandates', exact: true })
    .click();
  await expect(page).toHaveURL(/\/mandates$/);
  expect(await page.evaluate(() => (window as Window & { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Positive control: an inline script without the nonce, as a stored XSS would add one, is refused.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injectedRan = true';
    document.body.append(script);
  });
  await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src/)]);
  expect(await page.evaluate(() => window.__injectedRan)).toBeUndefined();
});

test('a signed-in person’s room works live under the policy', async ({ page, make }) => {
  await watchViolations(page);
  const person = await make.person('HN', 'national_coordinator', { name: `Coordinator ${make.tag}` });
  const room = await make.room({ organizations: ['HN'] });
  await make.logIn(page, person);
  await page.goto(room.url);
  await expect(page.getByText(/^Live\b/)).toBeVisible();
  const text = `Under the policy ${make.tag}`;
  await page.getByLabel('Your message').fill(text);
  await page.getByLabel('Your message').press('Enter');
  await expect(page.getByLabel('Your message')).toHaveValue('');
  await expect(page.getByRole('list', { name: 'Messages' }).getByText(text)).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
