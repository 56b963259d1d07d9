import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/chromium';

// The cluster end-to-end test (`npm run test:cluster`, docs/decisions/032): the production build as two nodes on one
// PostgreSQL database and Redis behind the sticky proxy of `npm run demo:cluster` (tests/e2e-cluster/start-cluster.ts).
// Kept apart from playwright.config.ts: it needs Redis, and it kills a node. Needs a build (`npm run build`).
const port = Number(process.env.E2E_PORT ?? 3170);
// The shared fixtures (tests/e2e/fixtures.ts) find the run's database by this port.
process.env.E2E_PORT = String(port);

export default defineConfig({
  testDir: 'tests/e2e-cluster',
  timeout: 90_000,
  // One worker, in file order: the last test kills a node, and the cluster is shared.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: chromiumLaunchOptions,
    trace: 'off',
  },
  webServer: {
    command: `node --import tsx tests/e2e-cluster/start-cluster.ts ${port}`,
    url: `http://localhost:${port}/healthz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    // SIGTERM, so the starter stops both nodes and drops the run's database.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});
