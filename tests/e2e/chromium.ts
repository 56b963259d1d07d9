/**
 * How both end-to-end suites (playwright.config.ts, playwright.cluster.config.ts) start Debian's Chromium:
 * Playwright cannot download its own browsers here, and a headless browser in a container needs no sandbox, GPU,
 * background networking or updates.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
