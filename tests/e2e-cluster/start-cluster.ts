// Starts the set-up of `npm run demo:cluster` for the cluster end-to-end test (playwright.cluster.config.ts): two
// production nodes on one PostgreSQL database of the run's own (tests/e2e/database.mjs, named by the proxy's port, so
// the shared fixtures of tests/e2e/fixtures.ts find it) and one Redis, behind the sticky proxy of
// server/cluster/sticky-proxy.ts on the given port. The nodes listen on port+1 and port+2; only the first seeds the
// demo data. The spec reads the nodes' process ids from the state file (clusterStateFile) to kill one. SIGTERM stops
// everything and drops the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createStickyProxy } from '../../server/cluster/sticky-proxy';
import { e2eDatabase } from '../e2e/database.mjs';
import { clusterStateFile, type ClusterState } from './cluster-state';

const root = path.resolve(import.meta.dirname, '../..');
const port = Number(process.argv[2] ?? 3170);
const nodePorts = [port + 1, port + 2];
const database = e2eDatabase(port);
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

async function adminQuery(run: (sql: postgres.Sql) => Promise<unknown>) {
  const sql = postgres(database.serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function healthy(nodePort: number, child: ChildProcess, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the node on port ${nodePort} exited (${child.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${nodePort}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the node on port ${nodePort} did not become healthy in ${ms / 1000} s`);
}

try {
  await adminQuery(async (sql) => {
    await sql.unsafe(`drop database if exists "${database.name}" with (force)`);
    await sql.unsafe(`create database "${database.name}"`);
  });
} catch (error) {
  console.error(
    `The cluster test needs PostgreSQL for its own database (${database.name}) on ${database.serverUrl}: ` +
      `${(error as Error).message}\nStart PostgreSQL, or name one with E2E_POSTGRES_URL.`,
  );
  process.exit(1);
}

const dataDirs: string[] = [];
const children: ChildProcess[] = [];
function startNode(index: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `minka-e2e-cluster-${index + 1}-`));
  dataDirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(nodePorts[index]),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      // Browsers open the proxy's address: the Origin check allows it.
      PUBLIC_URL: `http://localhost:${port}`,
      TRUST_PROXY: '1',
      // Only the first node seeds, so the two never race to create the same accounts.
      DEMO: index === 0 ? '1' : '0',
      DEMO_PASSWORD: 'e2e-demo-password',
      LOG_LEVEL: 'warn',
    },
  });
  children[index] = child;
  child.on('exit', (code, signal) =>
    console.log(`[cluster] node ${index} (port ${nodePorts[index]}) exited`, code ?? signal),
  );
  return child;
}

// Listens only once both nodes are up (the Playwright runner waits for /healthz through it).
const proxy = createStickyProxy({ targets: nodePorts.map((p) => `http://127.0.0.1:${p}`) });
let stopping = false;
async function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  proxy.server.closeAllConnections();
  proxy.server.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  rmSync(clusterStateFile(port), { force: true });
  await adminQuery((sql) => sql.unsafe(`drop database if exists "${database.name}" with (force)`)).catch((error) =>
    console.error(`Could not drop ${database.name}: ${(error as Error).message}`),
  );
  process.exit(exitCode);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());

try {
  // One after the other: the first migrates and seeds, the second finds it done.
  await healthy(nodePorts[0], startNode(0), 150_000);
  await healthy(nodePorts[1], startNode(1), 60_000);
} catch (error) {
  console.error(`[cluster] ${(error as Error).message}`);
  await stop(1);
}
const state: ClusterState = {
  proxyPort: port,
  nodes: children.map((child, index) => ({ index, port: nodePorts[index], pid: child.pid! })),
};
writeFileSync(clusterStateFile(port), JSON.stringify(state));
proxy.server.listen(port, '127.0.0.1', () =>
  console.log(`[cluster] http://localhost:${port} → nodes on ${nodePorts.join(' and ')} (sticky by cookie)`),
);
