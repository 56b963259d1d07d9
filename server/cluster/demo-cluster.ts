// `npm run demo:cluster`: two Minka nodes on one PostgreSQL and one Redis, behind the sticky proxy, on this machine.
// Open http://localhost:3100 (CLUSTER_PORT); the nodes listen on 3101 and 3102. Ctrl-C stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createStickyProxy } from './sticky-proxy';

const root = path.resolve(import.meta.dirname, '../..');
const { DATABASE_URL, REDIS_URL } = process.env;
if (!DATABASE_URL || !REDIS_URL) {
  console.error(
    [
      'Several nodes need a shared PostgreSQL and Redis (embedded PGlite belongs to one process). For example:',
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/minka REDIS_URL=redis://127.0.0.1:6379 npm run demo:cluster',
      'Attached documents are shared only with S3_BUCKET (see the README); without it each node keeps its own.',
    ].join('\n'),
  );
  process.exit(1);
}

const proxyPort = Number(process.env.CLUSTER_PORT ?? 3100);
const nodePorts = [proxyPort + 1, proxyPort + 2];
const children: ChildProcess[] = [];

async function healthy(port: number, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`node on port ${port} did not become healthy`);
}

function startNode(index: number) {
  // scripts/start.mjs builds when needed, then runs the production server.
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: String(nodePorts[index]),
      HOST: '127.0.0.1',
      DATA_DIR: process.env[`DATA_DIR_${index + 1}`] ?? path.join(root, `data/cluster-node-${index + 1}`),
      PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${proxyPort}`,
      TRUST_PROXY: '1',
      // Only the first node seeds demo data, so the two never race to create the same accounts.
      DEMO: index === 0 ? (process.env.DEMO ?? '1') : '0',
    },
  });
  children.push(child);
  child.on('exit', (code) => console.log(`node ${index + 1} exited (${code})`));
}

function stop() {
  for (const child of children) child.kill('SIGTERM');
  proxy.server.close();
  setTimeout(() => process.exit(0), 11_000).unref();
}

startNode(0);
await healthy(nodePorts[0], 180_000);
startNode(1);
await healthy(nodePorts[1], 60_000);
const proxy = createStickyProxy({ targets: nodePorts.map((p) => `http://127.0.0.1:${p}`) });
proxy.server.listen(proxyPort, '127.0.0.1', () =>
  console.log(`Minka cluster: http://localhost:${proxyPort} → nodes on ${nodePorts.join(' and ')} (sticky by cookie)`),
);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
