// `npm run bench:capacity [-- --quick]`: how many people one Minka server serves at once, on PostgreSQL.
//
// The production build (`npm run build` first; the bench does not build) runs as `npm start` would, pinned to core 0,
// on a fresh database of its own (BENCH_CAPACITY_DATABASE, default `minka_capacity`, created on the PostgreSQL
// server of BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, and dropped at the end), with the
// demo data. This process then pins itself to core 1 and is the load generator (bench/capacity/people.ts): simulated
// people, each with their own session (created in the database, as a login would), in a fixed mix — anonymous
// readers 40%, State focal points 20% (questionnaire, saves with versions and now and then a conflict), Secretariat
// and JSWG 10% (brokering board, matches), roundtable members on Socket.IO 30% (25 to a room; most idle, three in
// ten type and send a message every 20–60 s) — with think times between steps.
//
// It ramps up in steps; each step adds people (spread over a few seconds), lets them settle, then measures a window.
// It stops at the first step where a threshold trips (Mattermost's, for a chat-centred system): errors > 0.025%,
// page p99 > 2 s, chat ack p99 > 500 ms, or the server's CPU saturated (≥ 0.95 of its core over the window). It
// reports the concurrent active people at the last step that held, a per-route p50/p99 table, and where the time
// goes per route, measured on the quiet server before the ramp: SQL statements (X-Query-Count, MINKA_COUNT_QUERIES=1),
// the loaders' time (the same route's `<path>.data`, as a client navigation fetches it) and the rest of a full server render. The last line is JSON.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { cpuSplit, machineCpu, percentile } from './realtime/common';
import { Crowd, sleep, type Fixtures, type Person, type Role } from './capacity/people';
import { waitForHealth } from './support/health';

const root = path.resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const port = num('BENCH_PORT', 3181);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = process.env.BENCH_CAPACITY_DATABASE ?? 'minka_capacity';
const STEPS = (process.env.BENCH_STEPS ?? (quick ? '100,200,350,500,700' : '50,100,200,300,400,500,650,800,1000'))
  .split(',')
  .map(Number);
/** Seconds per step: people join during SPREAD, then SETTLE, then the measured window HOLD. */
const SPREAD = num('BENCH_SPREAD_SECONDS', quick ? 6 : 10);
const SETTLE = num('BENCH_SETTLE_SECONDS', quick ? 4 : 10);
const HOLD = num('BENCH_HOLD_SECONDS', quick ? 20 : 45);
const ROOM_SIZE = 25;
const PROFILE_RUNS = num('BENCH_PROFILE_RUNS', quick ? 7 : 15);
const THRESHOLDS = { errorsPct: 0.025, pageP99Ms: 2000, chatAckP99Ms: 500, serverCores: 0.95 };
const MIX: Array<[Role, number]> = [
  ['reader', 0.4],
  ['focal', 0.2],
  ['broker', 0.1],
  ['member', 0.3],
];

const log = (line = '') => console.log(line);
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

if (!existsSync(path.join(root, 'build/server/index.js'))) {
  console.error('bench:capacity runs the production build: run `npm run build` first (under the shared build lock).');
  process.exit(1);
}
const cores = os.cpus().length;
// BENCH_PIN=0: no pinning (on a machine crowded by other work, a pinned process cannot move to a freer core).
const pinned =
  process.env.BENCH_PIN !== '0' && cores >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

// --- The server ------------------------------------------------------------------------------------------------
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
await admin.unsafe(`create database "${dbName}"`);
const databaseUrl = withDatabase(adminUrl, dbName);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'minka-capacity-'));
let server: ChildProcess | null = null;
async function cleanup() {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  try {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  } catch {
    // already gone
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void cleanup().finally(() => process.exit(130)));

const serverArgs = [process.execPath, '--import', 'tsx', path.join(root, 'server/index.ts')];
server = spawn(pinned ? 'taskset' : serverArgs[0], pinned ? ['-c', '0', ...serverArgs] : serverArgs.slice(1), {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: '',
    DEMO: '1',
    DEMO_PASSWORD: 'capacity-demo-password',
    LOG_LEVEL: 'warn',
    MINKA_COUNT_QUERIES: '1',
  },
});
const base = `http://127.0.0.1:${port}`;

try {
  const t0 = performance.now();
  const loadStart = os.loadavg().map((x) => round(x));
  log(
    `capacity benchmark${quick ? ' (--quick)' : ''}: steps ${STEPS.join(', ')} people; ${SPREAD}+${SETTLE}+${HOLD} s a step`,
  );
  log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${cores} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, loadavg ${loadStart.join(' ')}; ${pinned ? 'server on core 0, load generator on core 1, PostgreSQL unpinned' : 'no taskset: not pinned'}`,
  );
  await waitForHealth(port, 300_000);
  // The demo seed runs before the server listens: the database is complete once /healthz answers.
  if (pinned) spawnSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

  // --- People and their sessions ---------------------------------------------------------------------------------
  const maxPeople = Math.max(...STEPS);
  const roles: Role[] = [];
  const credit = new Map<Role, number>(MIX.map(([r]) => [r, 0]));
  for (let i = 0; i < maxPeople; i++) {
    // Smooth interleaving: every prefix of the list has the mix.
    for (const [r, w] of MIX) credit.set(r, credit.get(r)! + w);
    const [role] = [...credit.entries()].sort((a, b) => b[1] - a[1])[0];
    credit.set(role, credit.get(role)! - 1);
    roles.push(role);
  }
  const db = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const fixtures = await setUp(db, roles);
  await db.end();
  const { people } = fixtures;
  log(
    `set up: ${people.length} people (${MIX.map(([r]) => `${people.filter((p) => p.role === r).length} ${r}`).join(', ')}), ${fixtures.rooms} rooms, ${fixtures.fx.stateCodes.length} States with published answers`,
  );

  // --- Where the time goes, on the quiet server -------------------------------------------------------------------
  const profile = await profileRoutes(fixtures.fx, people);

  // --- Ramp -------------------------------------------------------------------------------------------------------
  const crowd = new Crowd(fixtures.fx);
  const results: StepResult[] = [];
  let held: StepResult | null = null;
  let tripped: string[] = [];
  for (const target of STEPS) {
    crowd.grow(people.slice(0, target), SPREAD * 1000);
    await sleep((SPREAD + SETTLE) * 1000);
    crowd.take();
    const window = cpuMeter(server.pid!);
    await sleep(HOLD * 1000);
    const stats = crowd.take();
    const cpu = window();
    const operations = stats.requests + stats.chat.sent + stats.connect_failures;
    const errorsPct = operations ? (100 * stats.errors) / operations : 0;
    const result: StepResult = {
      people: target,
      errors_pct: round(errorsPct, 4),
      page_p99_ms: round(stats.pages.p99, 1),
      page_p50_ms: round(stats.pages.p50, 1),
      chat_ack_p99_ms: round(stats.chat.ack_ms.p99, 1),
      chat_ack_p50_ms: round(stats.chat.ack_ms.p50, 1),
      requests_per_s: round(stats.requests / HOLD, 1),
      chat_per_s: round(stats.chat.sent / HOLD, 2),
      server_cores: cpu.server,
      // Server CPU per operation (page or chat send): the part of the cost other load does not inflate much.
      server_cpu_ms_per_op: operations ? round((1000 * cpu.server * HOLD) / operations, 1) : NaN,
      postgres_cores: cpu.postgres,
      generator_cores: cpu.generator,
      other_cores: cpu.other,
      stats,
    };
    results.push(result);
    tripped = [];
    if (errorsPct > THRESHOLDS.errorsPct) tripped.push(`errors ${fmt(errorsPct, 3)}% > ${THRESHOLDS.errorsPct}%`);
    if (stats.pages.p99 > THRESHOLDS.pageP99Ms) tripped.push(`page p99 ${fmt(stats.pages.p99, 0)} ms > 2 s`);
    if (stats.chat.ack_ms.p99 > THRESHOLDS.chatAckP99Ms)
      tripped.push(`chat ack p99 ${fmt(stats.chat.ack_ms.p99, 0)} ms > 500 ms`);
    if (cpu.server >= THRESHOLDS.serverCores) tripped.push(`server CPU ${cpu.server} cores (saturated)`);
    log(
      `  ${String(target).padStart(5)} people: ${result.requests_per_s} req/s, page p50 ${fmt(stats.pages.p50)} p99 ${fmt(stats.pages.p99)} ms; ${stats.chat.sent} chat sends, ack p50 ${fmt(stats.chat.ack_ms.p50)} p99 ${fmt(stats.chat.ack_ms.p99)} ms; errors ${stats.errors}/${operations} (${fmt(errorsPct, 3)}%), ${stats.conflicts} save conflicts (409, expected); CPU server ${cpu.server} (${result.server_cpu_ms_per_op} ms a request), PostgreSQL ${cpu.postgres}, generator ${cpu.generator}, other ${cpu.other} cores${tripped.length ? `  ← ${tripped.join('; ')}` : ''}`,
    );
    if (stats.first_errors.length) log(`      first errors: ${stats.first_errors.join(' | ')}`);
    if (tripped.length) break;
    held = result;
  }
  await crowd.stop();

  // --- Report -----------------------------------------------------------------------------------------------------
  const shown = held ?? results[0];
  log(
    `\nper route at ${shown.people} people${held ? ' (the last step that held)' : ' (the first step: none held)'}, and where the time goes (quiet server, ${PROFILE_RUNS} requests each, medians)`,
  );
  log(
    `${'route'.padEnd(34)}${'n'.padStart(6)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'SQL'.padStart(6)}${'page ms'.padStart(9)}${'loaders'.padStart(9)}${'render'.padStart(9)}${'KB'.padStart(7)}`,
  );
  const routes = Object.keys({ ...shown.stats.routes, ...profile }).sort();
  for (const route of routes) {
    const r = shown.stats.routes[route];
    const p = profile[route];
    log(
      `${route.padEnd(34)}${String(r?.n ?? 0).padStart(6)}${fmt(r?.p50 ?? NaN).padStart(9)}${fmt(r?.p99 ?? NaN).padStart(9)}${String(p?.sql ?? '').padStart(6)}${fmt(p?.page_ms ?? NaN).padStart(9)}${fmt(p?.loaders_ms ?? NaN).padStart(9)}${fmt(p?.render_ms ?? NaN).padStart(9)}${fmt(p?.kb ?? NaN, 0).padStart(7)}`,
    );
  }
  log(
    `"loaders": the route's loaders alone (root and parents included), as a client navigation fetches them (<path>.data); "render": page minus loaders, i.e. React's server render and the document around it. Latencies on a loaded machine: see "other load".`,
  );
  const loadEnd = os.loadavg().map((x) => round(x));
  log(
    `\n${held ? `held at ${held.people} concurrent active people` : 'no step held'}${tripped.length ? `; tripped at ${results.at(-1)!.people}: ${tripped.join('; ')}` : `; no threshold tripped up to ${results.at(-1)!.people} (the largest step)`}. Other load on this shared machine: ${results.map((r) => r.other_cores).join(' / ')} cores per step; loadavg ${loadStart.join(' ')} → ${loadEnd.join(' ')}; ${round((performance.now() - t0) / 1000, 0)} s`,
  );
  log(
    JSON.stringify({
      bench: 'capacity',
      quick,
      active_people: held?.people ?? 0,
      errors_pct: held?.errors_pct ?? null,
      page_p99_ms: held?.page_p99_ms ?? null,
      chat_ack_p99_ms: held?.chat_ack_p99_ms ?? null,
      goal: 200,
      goal_met: (held?.people ?? 0) >= 200,
      stretch_met: (held?.people ?? 0) >= 500,
      tripped_at: tripped.length ? results.at(-1)!.people : null,
      tripped,
      thresholds: THRESHOLDS,
      mix: Object.fromEntries(MIX),
      steps: results.map(({ stats, ...rest }) => ({ ...rest, conflicts: stats.conflicts })),
      profile,
      database: 'postgresql',
      machine: `${os.cpus()[0]?.model ?? 'unknown'} × ${cores}`,
      pinned,
      loadavg_start: loadStart,
      loadavg_end: loadEnd,
      node: process.version,
      seconds: round((performance.now() - t0) / 1000, 0),
    }),
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}

// --- Helpers -----------------------------------------------------------------------------------------------------

interface StepResult {
  people: number;
  errors_pct: number;
  page_p50_ms: number;
  page_p99_ms: number;
  chat_ack_p50_ms: number;
  chat_ack_p99_ms: number;
  requests_per_s: number;
  chat_per_s: number;
  server_cores: number;
  server_cpu_ms_per_op: number;
  postgres_cores: number;
  generator_cores: number;
  other_cores: number;
  stats: ReturnType<Crowd['take']>;
}

/** PostgreSQL's processes (every database on the server: other engineers' tests included, so an upper bound). */
function postgresPids(): number[] {
  const out = spawnSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' }).stdout ?? '';
  return out.split('\n').filter(Boolean).map(Number);
}

function cpuMeter(serverPid: number) {
  const t0 = performance.now();
  const busy = (pid: number) => {
    const { user, system } = cpuSplit(pid);
    return user + system;
  };
  const pgPids = postgresPids();
  const pg0 = new Map(pgPids.map((p) => [p, busy(p)]));
  const s0 = busy(serverPid);
  const g0 = busy(process.pid);
  const m0 = machineCpu().all;
  return () => {
    const wall = (performance.now() - t0) / 1000;
    const serverS = busy(serverPid) - s0;
    const genS = busy(process.pid) - g0;
    let pgS = 0;
    // A backend that ended during the window reads 0 now: it is left out rather than counted negative.
    for (const pid of new Set([...pgPids, ...postgresPids()])) pgS += Math.max(0, busy(pid) - (pg0.get(pid) ?? 0));
    const other = Math.max(0, machineCpu().all - m0 - serverS - genS - pgS);
    return {
      server: round(serverS / wall),
      generator: round(genS / wall),
      postgres: round(pgS / wall),
      other: round(other / wall),
    };
  };
}

async function setUp(db: postgres.Sql, roles: Role[]) {
  const one = async <T>(q: Promise<T[]>) => (await q)[0];
  const now = new Date();
  const open = await one(
    db<
      { id: string }[]
    >`select id from reporting_cycles where opens_at <= ${now} and closes_at > ${now} order by opens_at desc limit 1`,
  );
  if (!open) throw new Error('the demo data has no open cycle');
  const published = await one(
    db<{ id: string }[]>`select id from reporting_cycles where closes_at <= ${now} order by closes_at desc limit 1`,
  );
  const states = await db<
    { id: string; code: string }[]
  >`select o.id, o.code from organizations o where o.kind = 'state' and o.active
      and not exists (select 1 from questionnaires q where q.organization_id = o.id and q.cycle_id = ${open.id} and q.status = 'submitted')
      order by o.code`;
  const secretariat = await one(db<{ id: string }[]>`select id from organizations where code = 'SUMMITS-SECRETARIAT'`);
  const oas = await one(db<{ id: string }[]>`select id from organizations where code = 'OAS'`);
  const publishedCodes = published
    ? (
        await db<{ code: string }[]>`select distinct o.code from published_answers pa
          join organizations o on o.id = pa.organization_id where pa.cycle_id = ${published.id} order by o.code`
      ).map((r) => r.code)
    : [];
  const mandates = await db<{ commitment: string; number: number }[]>`
    select c.code as commitment, m.number from mandates m join commitments c on c.id = m.commitment_id
    order by c.code, m.number limit 20`;
  const focalStates = states.slice(0, Math.max(5, Math.ceil(roles.filter((r) => r === 'focal').length / 3)));
  const members = roles.filter((r) => r === 'member').length;
  const roomCount = Math.max(1, Math.ceil(members / ROOM_SIZE));
  const rooms: string[] = [];
  for (let i = 0; i < roomCount; i++) {
    const [room] = await db<{ id: string }[]>`insert into roundtables (title, kind)
      values (${`Capacity room ${i + 1}`}, 'working_roundtable') returning id`;
    rooms.push(room.id);
  }
  const { createSessionStore } = await import('../services/accounts/sessions.server');
  const { createDatabase } = await import('../db/client');
  const handle = await createDatabase({ databaseUrl, maxConnections: 4 });
  const sessions = createSessionStore(handle.db, () => new Date());
  const people: Person[] = [];
  const counters = { focal: 0, broker: 0, member: 0 };
  try {
    for (let i = 0; i < roles.length; i++) {
      const role = roles[i];
      if (role === 'reader') {
        people.push({ role, cookie: '' });
        continue;
      }
      const k = counters[role]++;
      const [org, memberRole] =
        role === 'focal'
          ? [focalStates[k % focalStates.length].id, k % 2 ? 'deputy_focal_point' : 'national_coordinator']
          : role === 'broker'
            ? k % 2
              ? [oas.id, 'jswg_focal_point']
              : [secretariat.id, 'secretariat_staff']
            : [states[k % states.length].id, 'delegate'];
      const [user] = await db<{ id: string }[]>`insert into users (email, display_name, password_hash)
        values (${`capacity-${i}@bench.minka.test`}, ${`Capacity ${role} ${k + 1}`}, 'no-login') returning id`;
      await db`insert into memberships (user_id, organization_id, role) values (${user.id}, ${org}, ${memberRole})`;
      const person: Person = { role, cookie: '' };
      if (role === 'broker') person.broker = memberRole === 'jswg_focal_point' ? 'jswg' : 'secretariat';
      if (role === 'member') {
        person.roomId = rooms[k % rooms.length];
        person.chatter = k % 10 < 3;
        await db`insert into roundtable_organizations (roundtable_id, organization_id) values (${person.roomId}, ${org})
          on conflict do nothing`;
        await db`insert into roundtable_members (roundtable_id, user_id) values (${person.roomId}, ${user.id})`;
      }
      if (role === 'focal') person.cycleId = open.id;
      const session = await sessions.create(user.id, { ip: '127.0.0.1', userAgent: 'minka-capacity-bench' });
      person.cookie = `minka_session=${session.token}`;
      people.push(person);
    }
  } finally {
    await handle.close();
  }
  const fx: Fixtures = {
    base,
    openCycleId: open.id,
    publishedCycleId: published?.id ?? null,
    stateCodes: publishedCodes,
    mandates,
  };
  return { fx, people, rooms: rooms.length };
}

/** Per route: SQL statements, full page time, loaders-only time (`<path>.data`), their difference, page size. */
async function profileRoutes(fx: Fixtures, people: Person[]) {
  const cookieOf = (role: Role) => people.find((p) => p.role === role && p.broker !== 'jswg')?.cookie ?? '';
  const member = people.find((p) => p.role === 'member');
  const m = fx.mandates[0];
  const routes: Array<[string, string, string[], Role]> = [
    ['/', '/', ['root', 'routes/_index'], 'reader'],
    ['/mandates', '/mandates', ['root', 'routes/mandates._index'], 'reader'],
    [
      '/mandates/:c/:n',
      `/mandates/${m.commitment}/${m.number}`,
      ['root', 'routes/mandates.$commitment.$number'],
      'reader',
    ],
    ['/results', '/results', ['root', 'routes/results._index'], 'reader'],
    ['/participants', '/participants', ['root', 'routes/participants'], 'reader'],
    ['/initiatives', '/initiatives', ['root', 'routes/initiatives._index'], 'reader'],
    ['/admin/matching', '/admin/matching', ['root', 'routes/admin', 'routes/admin.matching'], 'broker'],
    ['/matches', '/matches', ['root', 'routes/matches._index'], 'broker'],
    ['/cooperation', '/cooperation', ['root', 'routes/cooperation._index'], 'broker'],
    ['/admin', '/admin', ['root', 'routes/admin', 'routes/admin._index'], 'broker'],
    ['/questionnaire/:cycle', `/questionnaire/${fx.openCycleId}`, ['root', 'routes/questionnaire.$cycleId'], 'focal'],
    [
      '/questionnaire/:cycle/:mandate',
      `/questionnaire/${fx.openCycleId}/${m.number}`,
      ['root', 'routes/questionnaire.$cycleId.$mandate'],
      'focal',
    ],
  ];
  if (member)
    routes.push(['/roundtables/:id', `/roundtables/${member.roomId}`, ['root', 'routes/roundtables.$id'], 'member']);
  if (fx.publishedCycleId) {
    const c = fx.publishedCycleId;
    if (fx.stateCodes.length)
      routes.push([
        '/results/:cycle/:org',
        `/results/${c}/${fx.stateCodes[0]}`,
        ['root', 'routes/results.$cycleId.$org'],
        'reader',
      ]);
    routes.push(
      ['/results/:cycle', `/results/${c}`, ['root', 'routes/results.$cycleId._index'], 'reader'],
      [
        '/results/:cycle/mandates/:n',
        `/results/${c}/mandates/${m.number}`,
        ['root', 'routes/results.$cycleId.mandates.$number'],
        'reader',
      ],
    );
  }
  const timed = async (url: string, cookie: string) => {
    const t0 = performance.now();
    const res = await fetch(base + url, {
      headers: { cookie, 'cache-control': 'no-cache', 'accept-encoding': 'identity' },
      redirect: 'manual',
    });
    const body = await res.arrayBuffer();
    return {
      ms: performance.now() - t0,
      status: res.status,
      sql: Number(res.headers.get('x-query-count') ?? NaN),
      bytes: body.byteLength,
    };
  };
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const out: Record<
    string,
    { sql: number; page_ms: number; loaders_ms: number; render_ms: number; kb: number; status: number }
  > = {};
  for (const [label, url, ids, role] of routes) {
    const cookie = cookieOf(role);
    await timed(url, cookie); // warm
    const pages: number[] = [];
    const loaders: number[] = [];
    let last = { sql: NaN, bytes: 0, status: 0 };
    for (let i = 0; i < PROFILE_RUNS; i++) {
      const page = await timed(url, cookie);
      last = page;
      if (page.status !== 200) break;
      pages.push(page.ms);
      // Single fetch (v3_singleFetch): `<path>.data?_routes=…` answers the named loaders, as a client navigation.
      const dataUrl = `${url === '/' ? '/_root' : url}.data?_routes=${encodeURIComponent(ids.join(','))}`;
      const data = await timed(dataUrl, cookie);
      if (data.status !== 200 && data.status !== 202) throw new Error(`${dataUrl}: ${data.status}`);
      loaders.push(data.ms);
    }
    if (last.status !== 200) {
      log(`  profile: ${url} answered ${last.status} to a ${role}; left out of the profile`);
      continue;
    }
    const pageMs = median(pages);
    const loaderMs = median(loaders);
    out[label] = {
      sql: last.sql,
      page_ms: round(pageMs, 2),
      loaders_ms: round(loaderMs, 2),
      render_ms: round(Math.max(0, pageMs - loaderMs), 2),
      kb: round(last.bytes / 1024, 1),
      status: last.status,
    };
  }
  return out;
}
