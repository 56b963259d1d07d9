// `npm run bench:http`: the server-rendered /mandates page beside the same data as JSON (/mandates.json), served
// by the same production server in the same run. Builds first if needed. Final line: one JSON object.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { waitForHealth } from './support/health';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.BENCH_PORT ?? 3199);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

function ensureBuild() {
  if (existsSync(path.join(root, 'build/server/index.js'))) return;
  console.log('Building the app…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The server gets core 0 when taskset exists; this process (the load generator) then keeps to the other. */
function startServer(): ChildProcess {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'minka-bench-'));
  const args = ['--import', 'tsx', path.join(root, 'server/index.ts')];
  const pinned = spawnSync('which', ['taskset']).status === 0;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO: '0',
    LOG_LEVEL: 'warn',
  } as NodeJS.ProcessEnv;
  const child = pinned
    ? spawn('taskset', ['-c', '0', process.execPath, ...args], { cwd: root, env, stdio: 'inherit' })
    : spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (pinned) spawnSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });
  return child;
}

async function run(urlPath: string, seconds: number, extraHeaders: Record<string, string> = {}) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    connections,
    duration: seconds,
    headers: { 'accept-encoding': 'identity', ...extraHeaders },
  });
  if (result.non2xx || result.errors) throw new Error(`${urlPath}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99, bytes: result.throughput.average };
}

ensureBuild();
const server = startServer();
try {
  await waitForHealth(port);
  const page = await fetch(`http://127.0.0.1:${port}/mandates`);
  const html = await page.text();
  if (!html.includes('Mandate 57')) throw new Error('/mandates does not render the 57 mandates');
  // Warm-up: JIT, the catalogue cache, the first render.
  await run('/mandates', 3);
  await run('/mandates.json', 3);
  const pages: Array<Awaited<ReturnType<typeof run>>> = [];
  const renders: Array<Awaited<ReturnType<typeof run>>> = [];
  const jsons: Array<Awaited<ReturnType<typeof run>>> = [];
  // Alternate them so that outside load on a shared machine hits all alike. "page" is what an anonymous visitor
  // gets (the page micro-cache on); "render" forces a full server render each time (Cache-Control: no-cache).
  for (let i = 0; i < rounds; i++) {
    pages.push(await run('/mandates', duration));
    renders.push(await run('/mandates', duration, { 'cache-control': 'no-cache' }));
    jsons.push(await run('/mandates.json', duration));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const pageRps = mean(pages.map((r) => r.rps));
  const jsonRps = mean(jsons.map((r) => r.rps));
  const renderRps = mean(renders.map((r) => r.rps));
  const summary = {
    bench: 'http',
    page_rps: Math.round(pageRps),
    json_rps: Math.round(jsonRps),
    ratio: Math.round((pageRps / jsonRps) * 1000) / 1000,
    page_p99_ms: Math.max(...pages.map((r) => r.p99)),
    render_rps: Math.round(renderRps),
    render_ratio: Math.round((renderRps / jsonRps) * 1000) / 1000,
    render_p99_ms: Math.max(...renders.map((r) => r.p99)),
    json_p99_ms: Math.max(...jsons.map((r) => r.p99)),
    page_kb: Math.round(html.length / 1024),
    connections,
    seconds_per_round: duration,
    rounds,
    machine: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    loadavg_1m: os.loadavg()[0],
  };
  console.log(
    `/mandates: ${summary.page_rps} req/s (p99 ${summary.page_p99_ms} ms); full render every time: ${summary.render_rps} req/s (p99 ${summary.render_p99_ms} ms); /mandates.json: ${summary.json_rps} req/s (p99 ${summary.json_p99_ms} ms)`,
  );
  console.log(JSON.stringify(summary));
} finally {
  server.kill('SIGTERM');
}
