import { defineConfig } from '@playwright/test';

// End-to-end tests against the production build on a fresh, throw-away data directory with demo data.
// Debian's Chromium is used: Playwright cannot download its own browsers here.
const port = Number(process.env.E2E_PORT ?? 3107);
// A small attachment limit, so the oversize refusal is tested with a 1.5 MB file instead of a 20 MB one. The web
// server below inherits the runner's environment (tests/e2e/start-server.mjs spreads process.env).
process.env.ATTACHMENT_MAX_BYTES ??= String(1024 * 1024);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
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
    },
    trace: 'off',
  },
  webServer: {
    command: `node tests/e2e/start-server.mjs ${port}`,
    url: `http://localhost:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
