// `npm run bench:registration`: a full published cycle (34 States and 13 JSWG organizations answering every
// applicable question of every mandate, a few non-disclosure requests), then in one run the public page of one
// mandate (its A–D chart and the answers by organization) beside the same data as JSON, served by the same
// production server; and the SQL statements per request for a cycle of 3 organizations and one of 47.
// PGlite on a fresh temporary DATA_DIR by default; BENCH_DATABASE_URL=postgres://… to use a fresh database on that
// PostgreSQL server instead (created and dropped here). Builds first if needed. Final line: one JSON object.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { createDatabase } from '../db/client';
import { organizations } from '../db/schema';
import { loadReferenceData } from '../services/catalogue/reference.server';
import { seedPublishedCycle, type Withholding } from '../tests/registration-fixtures';
import { waitForHealth } from './support/health';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.BENCH_PORT ?? 3198);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const MANDATE = Number(process.env.BENCH_MANDATE ?? 12);
const CANARY = 'canary-bench-withheld';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Like `npm start`: a build older than app/ would not have the page being measured. */
function ensureBuild() {
  const entry = path.join(root, 'build/server/index.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(path.join(root, 'app'))) return;
  console.log('Building the app…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** A fresh database: a PGlite directory, or a new database on BENCH_DATABASE_URL's server (dropped at the end). */
async function freshDatabase() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'minka-bench-registration-'));
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl)
    return { dataDir, databaseUrl: '', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const name = `minka_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Realistic lengths: a summary of a sentence or two, a full answer of a paragraph. */
function answerText({
  organizationCode,
  mandate,
  question,
  field,
}: {
  organizationCode: string;
  mandate: number;
  question: string;
  field: 'summary' | 'full';
}) {
  const withheld =
    (organizationCode === 'PE' && mandate === MANDATE && question === 'Q2' && field === 'full') ||
    (organizationCode === 'CL' && mandate === MANDATE && question === 'Q3') ||
    (organizationCode === 'JM' && mandate === MANDATE) ||
    organizationCode === 'MX';
  const head = `${withheld ? `${CANARY} ` : ''}${organizationCode} on mandate ${mandate}, ${question}:`;
  const sentence =
    ' measures adopted by the responsible institutions, with their legal basis, budget and the bodies that follow them up.';
  return field === 'summary' ? head + sentence : head + sentence.repeat(4);
}

/** The requests cover every scope; the refused one withholds nothing. */
const WITHHOLDINGS: Withholding[] = [
  { organizationCode: 'PE', scope: 'field', mandate: MANDATE, question: 'Q2', field: 'full', decision: 'pending' },
  { organizationCode: 'CL', scope: 'question', mandate: MANDATE, question: 'Q3', decision: 'granted' },
  { organizationCode: 'JM', scope: 'mandate', mandate: MANDATE, decision: 'granted' },
  { organizationCode: 'MX', scope: 'questionnaire', decision: 'pending' },
  { organizationCode: 'AR', scope: 'question', mandate: MANDATE, question: 'Q4', decision: 'refused' },
];

async function seed(dataDir: string, databaseUrl: string) {
  const started = Date.now();
  const handle = await createDatabase({
    databaseUrl: databaseUrl || undefined,
    pgliteDir: path.join(dataDir, 'pglite'),
    migrate: true,
  });
  try {
    await loadReferenceData(handle.db);
    const orgs = await handle.db
      .select({ code: organizations.code, kind: organizations.kind })
      .from(organizations)
      .where(inArray(organizations.kind, ['state', 'jswg']));
    const states = orgs.filter((o) => o.kind === 'state').length;
    const jswg = orgs.filter((o) => o.kind === 'jswg').length;
    if (states !== 34 || jswg !== 13)
      throw new Error(`expected 34 States and 13 JSWG organizations, found ${states} and ${jswg}`);
    const full = await seedPublishedCycle(handle.db, {
      name: 'Bench: 47 organizations',
      organizationCodes: orgs.map((o) => o.code),
      text: answerText,
      withholdings: WITHHOLDINGS,
    });
    const small = await seedPublishedCycle(handle.db, {
      name: 'Bench: 3 organizations',
      organizationCodes: ['PE', 'CL', 'OAS'],
      text: answerText,
    });
    if (!full.published || !small.published) throw new Error('nothing was published');
    return {
      cycle47: full.cycleId,
      cycle3: small.cycleId,
      answers: full.answers + small.answers,
      published: full.published + small.published,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await handle.close();
  }
}

/**
 * The server gets core 0 when taskset exists; this process (the load generator) then keeps to the other.
 * BENCH_PIN=0 leaves both to the scheduler: on a shared machine where another benchmark pins its own server to
 * core 0, pinning ours there too measures the neighbour.
 */
const pin = process.env.BENCH_PIN !== '0' && spawnSync('which', ['taskset']).status === 0;

function startServer(dataDir: string, databaseUrl: string, countQueries: boolean): ChildProcess {
  const args = ['--import', 'tsx', path.join(root, 'server/index.ts')];
  const pinned = pin;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    DEMO: '0',
    LOG_LEVEL: 'warn',
    MINKA_COUNT_QUERIES: countQueries ? '1' : '0',
  } as NodeJS.ProcessEnv;
  const child = pinned
    ? spawn('taskset', ['-c', '0', process.execPath, ...args], { cwd: root, env, stdio: 'inherit' })
    : spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (pinned) spawnSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });
  return child;
}

/** PGlite's directory must be closed before the next server opens it: wait for the exit, not just the signal. */
async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function get(urlPath: string, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    headers: { 'accept-encoding': 'identity', ...headers },
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${urlPath}: HTTP ${response.status}`);
  return {
    body,
    queries: Number(response.headers.get('x-query-count') ?? NaN),
    cache: response.headers.get('x-page-cache'),
  };
}

async function run(urlPath: string, seconds: number, extraHeaders: Record<string, string> = {}) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    connections,
    duration: seconds,
    headers: { 'accept-encoding': 'identity', ...extraHeaders },
  });
  if (result.non2xx || result.errors) throw new Error(`${urlPath}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

ensureBuild();
const database = await freshDatabase();
let server: ChildProcess | null = null;
try {
  console.log(`Seeding on ${database.databaseUrl ? 'PostgreSQL' : 'PGlite'}…`);
  const seeded = await seed(database.dataDir, database.databaseUrl);
  console.log(
    `Seeded ${seeded.answers} answers (${seeded.published} published after non-disclosure) in ${seeded.seconds.toFixed(1)} s.`,
  );
  const page47 = `/results/${seeded.cycle47}/mandates/${MANDATE}`;
  const page3 = `/results/${seeded.cycle3}/mandates/${MANDATE}`;

  // 1. Statements per request, with counting on (it costs a little, so the throughput runs below have it off).
  server = startServer(database.dataDir, database.databaseUrl, true);
  await waitForHealth(port);
  const cold = await get(page47, { 'cache-control': 'no-cache' }); // also loads the catalogue into memory
  const counts = {
    queries_3: (await get(page3, { 'cache-control': 'no-cache' })).queries,
    queries_47: (await get(page47, { 'cache-control': 'no-cache' })).queries,
    json_queries_47: (await get(`${page47}.json`)).queries,
  };
  // What must hold before any figure means something: withheld items absent from every page, in both forms.
  const first = JSON.parse((await get(`${page47}.json`)).body) as {
    answers: { pageCount: number; total: number };
    organizations: unknown[];
    counts: Record<string, number>;
  };
  for (let p = 1; p <= first.answers.pageCount; p++) {
    for (const url of [`${page47}?page=${p}`, `${page47}.json?page=${p}`])
      if ((await get(url)).body.includes(CANARY)) throw new Error(`${url} shows a withheld item`);
  }
  if (first.answers.total !== 45)
    throw new Error(
      `expected 45 organizations on mandate ${MANDATE} (47 minus 2 withheld), got ${first.answers.total}`,
    );
  await stopServer(server);

  // 2. Throughput, counting off: what an anonymous visitor gets (micro-cache on), a full render every time
  // (Cache-Control: no-cache), and the JSON (not micro-cached: it is computed for every request).
  server = startServer(database.dataDir, database.databaseUrl, false);
  await waitForHealth(port);
  const html = await get(page47);
  const json = await get(`${page47}.json`);
  if (!html.body.includes('role="img"') || !html.body.includes(`Mandate ${MANDATE}`))
    throw new Error('the page does not render the chart');
  await run(page47, 3);
  await run(page47, 3, { 'cache-control': 'no-cache' });
  await run(`${page47}.json`, 3);
  const pages: Array<Awaited<ReturnType<typeof run>>> = [];
  const renders: Array<Awaited<ReturnType<typeof run>>> = [];
  const jsons: Array<Awaited<ReturnType<typeof run>>> = [];
  // Alternated, so that outside load on a shared machine hits all three alike.
  for (let i = 0; i < rounds; i++) {
    pages.push(await run(page47, duration));
    renders.push(await run(page47, duration, { 'cache-control': 'no-cache' }));
    jsons.push(await run(`${page47}.json`, duration));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const htmlRps = mean(pages.map((r) => r.rps));
  const renderRps = mean(renders.map((r) => r.rps));
  const jsonRps = mean(jsons.map((r) => r.rps));
  const cpus = os.cpus();
  const summary = {
    bench: 'registration',
    ratio: Math.round((htmlRps / jsonRps) * 1000) / 1000,
    ratio_uncached: Math.round((renderRps / jsonRps) * 1000) / 1000,
    html_rps: Math.round(htmlRps),
    json_rps: Math.round(jsonRps),
    queries_3: counts.queries_3,
    queries_47: counts.queries_47,
    machine: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    render_rps: Math.round(renderRps),
    html_p99_ms: Math.max(...pages.map((r) => r.p99)),
    render_p99_ms: Math.max(...renders.map((r) => r.p99)),
    json_p99_ms: Math.max(...jsons.map((r) => r.p99)),
    queries_json_47: counts.json_queries_47,
    queries_cold: cold.queries,
    html_kb: Math.round(Buffer.byteLength(html.body) / 1024),
    json_kb: Math.round(Buffer.byteLength(json.body) / 1024),
    organizations_on_page: Math.min(first.answers.total, 20),
    answers_seeded: seeded.answers,
    database: database.databaseUrl ? 'postgres' : 'pglite',
    pinned: pin,
    connections,
    seconds_per_round: duration,
    rounds,
    loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  const row = (name: string, rps: number, p99: number, extra = '') =>
    console.log(
      `  ${name.padEnd(44)} ${String(Math.round(rps)).padStart(7)} req/s   p99 ${String(p99).padStart(5)} ms  ${extra}`,
    );
  console.log('');
  console.log(
    `Mandate ${MANDATE}, ${first.answers.total} organizations (${summary.organizations_on_page} on the page), ${summary.database}; ${connections} connections, ${rounds} × ${duration} s each`,
  );
  row('HTML page, anonymous (micro-cache)', htmlRps, summary.html_p99_ms, `${summary.html_kb} KB`);
  row('HTML page, full render (no-cache)', renderRps, summary.render_p99_ms);
  row('JSON, same data', jsonRps, summary.json_p99_ms, `${summary.json_kb} KB`);
  console.log(`  ratio HTML/JSON ${summary.ratio} (full render: ${summary.ratio_uncached})`);
  console.log(
    `  SQL statements per page request: ${summary.queries_3} with 3 organizations, ${summary.queries_47} with 47 (JSON: ${summary.queries_json_47}; first request, catalogue not yet in memory: ${summary.queries_cold})`,
  );
  console.log(
    `  machine: ${summary.machine}; load average ${summary.loadavg.join(' ')}; ${pin ? 'server on core 0, load generator on core 1' : 'not pinned'}`,
  );
  console.log(JSON.stringify(summary));
} finally {
  if (server) await stopServer(server);
  await database.drop();
}
