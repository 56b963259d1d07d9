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

// Specs that make their own data (tests/e2e/fixtures.ts), or only read demo data no spec changes (results,
// mandate-results), run on every worker, in any order. The specs listed here still act on the demo accounts and their
// data, or read what the others listed change, so they keep one worker between them, in file order, beside the
// others (docs/decisions/029). Why each is here (what it shares):
const SHARED_DEMO_DATA = [
  'privacy-canary', // demo Peru's Q4 (it answers it and asks for it to be withheld) and the demo's withheld data
].map((name) => `**/${name}.spec.ts`);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  fullyParallel: false,
  // Two cores: two browsers and the server share them (measured in docs/decisions/029).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  projects: [
    // First, so its one-worker lane starts at once: Playwright queues the projects' files in this order and skips a
    // file whose project has all its workers busy, so the other worker takes own-data files meanwhile. Listed second,
    // the lane ran alone after every own-data file, the other worker idle (docs/decisions/029).
    { name: 'shared-demo-data', testMatch: SHARED_DEMO_DATA, workers: 1 },
    // A test of its own data also waits for its fixtures (inviting people hashes their passwords): 60 s.
    { name: 'own-data', testIgnore: SHARED_DEMO_DATA, timeout: 60_000 },
  ],
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
