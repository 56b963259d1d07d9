import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/chromium';

// End-to-end tests against the production build on a fresh, throw-away data directory and PostgreSQL database
// (tests/e2e/database.mjs) with demo data. Debian's Chromium is used: Playwright cannot download its own browsers here.
const port = Number(process.env.E2E_PORT ?? 3107);
// The workers' fixtures (tests/e2e/fixtures.ts) find the server's database by this port.
process.env.E2E_PORT = String(port);
// A small attachment limit, so the oversize refusal is tested with a 1.5 MB file instead of a 20 MB one. The web
// server below inherits the runner's environment (tests/e2e/start-server.mjs spreads process.env).
process.env.ATTACHMENT_MAX_BYTES ??= String(1024 * 1024);

// Every spec makes its own data through the services (tests/e2e/fixtures.ts) or only reads demo data no spec changes
// (results, mandate-results), so the files run on every worker, in any order (docs/decisions/029).
export default defineConfig({
  testDir: 'tests/e2e',
  // A test also waits for its fixtures (inviting people hashes their passwords): 60 s.
  timeout: 60_000,
  fullyParallel: false,
  // Two cores: two browsers and the server share them (measured in docs/decisions/029).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: chromiumLaunchOptions,
    trace: 'off',
  },
  webServer: {
    command: `node tests/e2e/start-server.mjs ${port}`,
    url: `http://localhost:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    // SIGTERM, so the starter drops the run's database after the server stops.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
