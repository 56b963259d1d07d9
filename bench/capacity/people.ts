// The capacity benchmark's load generator (bench/capacity.bench.ts): simulated people, each with their own session
// cookie, doing what their role does on Minka with think times between steps, against one server on loopback.
//   reader      anonymous visitor: home, mandates, a mandate, results, a State's results, participants, initiatives;
//   focal       a State focal point: the questionnaire, a mandate's page, saves an answer (with its version: two focal
//               points of one State on one answer meet a conflict now and then, answered 409 and retried on theirs);
//   broker      Secretariat or JSWG: the brokering board, the matches, cooperation, the catalogue;
//   member      a roundtable member: opens the room's page, connects by Socket.IO, joins the room and stays; most are
//               idle, a chatter types (typing:start / stop) and sends a message every 20–60 s, timed to its ack.
// Everything is counted per step: latencies per route, HTTP errors (status ≥ 500, or any unexpected status, or a
// network failure), chat acks and failed acks. Bounded: people stop when told, sockets close, nothing outlives stop().
import { io, type Socket } from 'socket.io-client';
// Remix's own wire format for single fetch (a dependency of @remix-run/server-runtime): the save's reply is decoded
// the way the browser decodes it, so the focal point starts its next save from the version it got back.
import { decode } from 'turbo-stream';
import { Samples, summarize, type LatencySummary } from '../realtime/common';

export type Role = 'reader' | 'focal' | 'broker' | 'member';

export interface Person {
  role: Role;
  /** `minka_session=…` for signed-in people; empty for anonymous readers. */
  cookie: string;
  /** member: the room; focal: the State's open questionnaire. */
  roomId?: string;
  chatter?: boolean;
  /** broker: Secretariat staff or a JSWG focal point (they see different pages). */
  broker?: 'secretariat' | 'jswg';
  cycleId?: string;
}

export interface Fixtures {
  base: string;
  openCycleId: string;
  publishedCycleId: string | null;
  stateCodes: string[];
  mandates: Array<{ commitment: string; number: number }>;
}

/** A route as the table reports it: a label, a request builder, and the Remix route id (for the profile pass). */
interface Step {
  route: string;
  path: string;
  init?: RequestInit;
  /** Statuses that are not errors here (a save conflict is 409 by design). */
  expect?: number[];
}

/** The action's data in a single-fetch reply (`{ data }`), or null when the reply carries none (an error, a redirect). */
interface SaveReply {
  version?: number;
  theirs?: { version: number };
  message?: string;
}
/** What the save needs of the mandate page's loader data: its first indicator ('' for the mandate) and answers. */
interface MandatePage {
  units: Array<{ code: string }>;
  answers: Record<string, { version: number } | undefined>;
}
const MANDATE_ROUTE = 'routes/questionnaire.$cycleId.$mandate';

/** A single-fetch reply (Remix's turbo-stream encoding), decoded as the browser does; null when it is not one. */
async function singleFetchValue(body: ArrayBuffer): Promise<unknown> {
  try {
    const decoded = await decode(new Response(body).body!);
    await decoded.done;
    return decoded.value;
  } catch {
    return null;
  }
}

const rand = (a: number, b: number) => a + Math.random() * (b - a);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];

export class StepStats {
  routes = new Map<string, Samples>();
  requests = 0;
  errors = 0;
  firstErrors: string[] = [];
  conflicts = 0;
  acks = new Samples();
  chatSent = 0;
  chatFailed = 0;
  typing = 0;
  connectFailures = 0;

  page(route: string, ms: number) {
    let s = this.routes.get(route);
    if (!s) this.routes.set(route, (s = new Samples()));
    s.push(ms);
  }
  error(what: string) {
    this.errors += 1;
    if (this.firstErrors.length < 5) this.firstErrors.push(what);
  }
  summary() {
    const all = new Samples();
    const routes: Record<string, LatencySummary> = {};
    for (const [route, s] of this.routes) {
      const sorted = s.sorted();
      routes[route] = summarize(sorted);
      for (const x of sorted) all.push(x);
    }
    return {
      requests: this.requests,
      errors: this.errors,
      first_errors: this.firstErrors,
      conflicts: this.conflicts,
      pages: summarize(all.sorted()),
      routes,
      chat: {
        sent: this.chatSent,
        failed: this.chatFailed,
        typing: this.typing,
        ack_ms: summarize(this.acks.sorted()),
      },
      connect_failures: this.connectFailures,
    };
  }
}

export class Crowd {
  stats = new StepStats();
  private running: Array<{ stop: () => void }> = [];
  private sockets = new Set<Socket>();
  constructor(private fx: Fixtures) {}

  get size() {
    return this.running.length;
  }

  /** Starts people until `people.length` run; each begins after a random delay within `spreadMs` (a ramp, no wave). */
  grow(people: Person[], spreadMs: number) {
    for (const person of people.slice(this.running.length)) {
      let stopped = false;
      const handle = { stop: () => (stopped = true) };
      this.running.push(handle);
      const alive = () => !stopped;
      setTimeout(() => void this.live(person, alive).catch((e) => this.stats.error(`person: ${e}`)), rand(0, spreadMs));
    }
  }

  /** Statistics since the last call, then a fresh set. */
  take() {
    const s = this.stats;
    this.stats = new StepStats();
    return s.summary();
  }

  async stop() {
    for (const r of this.running) r.stop();
    for (const s of this.sockets) s.close();
    this.sockets.clear();
  }

  /** One step, timed; its status and body (already read, so the timing includes the whole body). */
  private async request(person: Person, step: Step): Promise<{ status: number; body: ArrayBuffer } | null> {
    const t0 = performance.now();
    const stats = this.stats;
    stats.requests += 1;
    try {
      const headers = new Headers(step.init?.headers);
      if (person.cookie) headers.set('cookie', person.cookie);
      headers.set('accept-encoding', 'gzip');
      headers.set('accept-language', Math.random() < 0.5 ? 'es' : 'en');
      const res = await fetch(this.fx.base + step.path, { ...step.init, headers, redirect: 'manual' });
      const body = await res.arrayBuffer();
      stats.page(step.route, performance.now() - t0);
      const fine = res.status < 400 || (step.expect ?? []).includes(res.status);
      if (!fine) stats.error(`${step.route} ${step.path}: ${res.status}`);
      if (res.status === 409) stats.conflicts += 1;
      return { status: res.status, body };
    } catch (error) {
      stats.error(`${step.route} ${step.path}: ${(error as Error).message}`);
      return null;
    }
  }

  private async think(alive: () => boolean, lo: number, hi: number) {
    const until = Date.now() + rand(lo, hi);
    while (alive() && Date.now() < until) await sleep(Math.min(1000, until - Date.now()));
  }

  private async live(person: Person, alive: () => boolean) {
    if (person.role === 'member') return this.member(person, alive);
    const fx = this.fx;
    const mandate = () => pick(fx.mandates);
    const readerSteps = (): Step[] => {
      const m = mandate();
      const steps: Step[] = [
        { route: '/', path: '/' },
        { route: '/mandates', path: '/mandates' },
        { route: '/mandates/:c/:n', path: `/mandates/${m.commitment}/${m.number}` },
        { route: '/results', path: '/results' },
        { route: '/participants', path: '/participants' },
        { route: '/initiatives', path: '/initiatives' },
      ];
      if (fx.publishedCycleId)
        steps.push(
          { route: '/results/:cycle', path: `/results/${fx.publishedCycleId}` },
          { route: '/results/:cycle/mandates/:n', path: `/results/${fx.publishedCycleId}/mandates/${m.number}` },
        );
      if (fx.publishedCycleId && fx.stateCodes.length)
        steps.push({ route: '/results/:cycle/:org', path: `/results/${fx.publishedCycleId}/${pick(fx.stateCodes)}` });
      return steps;
    };
    while (alive()) {
      if (person.role === 'reader') {
        await this.request(person, pick(readerSteps()));
        await this.think(alive, 5_000, 15_000);
      } else if (person.role === 'broker') {
        const common: Step[] = [
          { route: '/matches', path: '/matches' },
          { route: '/cooperation', path: '/cooperation' },
          { route: '/mandates', path: '/mandates' },
        ];
        const secretariat: Step[] = [
          { route: '/admin/matching', path: '/admin/matching' },
          { route: '/admin', path: '/admin' },
        ];
        await this.request(person, pick(person.broker === 'secretariat' ? [...common, ...secretariat] : common));
        await this.think(alive, 5_000, 15_000);
      } else {
        // A focal point: the questionnaire, then a mandate, where they edit one answer a few times. Each save names
        // the version it started from: another focal point of the State saving the same answer meanwhile makes it a
        // conflict (409), and the person goes on from theirs ("keep mine").
        await this.request(person, { route: '/questionnaire/:cycle', path: `/questionnaire/${person.cycleId}` });
        await this.think(alive, 3_000, 8_000);
        const m = mandate();
        const page = `/questionnaire/${person.cycleId}/${m.number}`;
        await this.request(person, { route: '/questionnaire/:cycle/:mandate', path: page });
        // The page's data as the browser revalidates it after every action (single fetch: `<path>.data`).
        const pageData = async (): Promise<MandatePage | null> => {
          const res = await this.request(person, {
            route: 'GET questionnaire data',
            path: `${page}.data?_routes=${encodeURIComponent(MANDATE_ROUTE)}`,
          });
          if (!res || res.status !== 200) return null;
          const value = (await singleFetchValue(res.body)) as Record<string, { data?: MandatePage }> | null;
          const data = value?.[MANDATE_ROUTE]?.data ?? null;
          if (!data) this.stats.error(`GET ${page}.data: no loader data in the reply`);
          return data;
        };
        let current = await pageData();
        for (let edit = 0; edit < 3 && alive() && current; edit++) {
          await this.think(alive, 8_000, 20_000);
          if (!alive()) break;
          const indicator = current.units[0]?.code ?? '';
          const form = new URLSearchParams({
            intent: 'save',
            question: 'Q2',
            indicator,
            summary: `Measures reported in a capacity run, edit ${edit} at ${new Date().toISOString()}`,
            full: '',
            baseVersion: String(current.answers[`${indicator}|Q2`]?.version ?? 0),
          });
          // The page's action as the browser calls it with single fetch: the reply is the action's data, with the
          // action's status (409 on a conflict).
          const res = await this.request(person, {
            route: 'POST save answer',
            path: `${page}.data`,
            init: {
              method: 'POST',
              body: form,
              headers: { origin: fx.base, 'content-type': 'application/x-www-form-urlencoded' },
            },
            expect: [409],
          });
          if (!res) continue;
          const reply = ((await singleFetchValue(res.body)) as { data?: SaveReply } | null)?.data;
          if (!reply) this.stats.error(`POST save answer ${page}.data: ${res.status}, no action data in the reply`);
          else if (res.status !== 200 && res.status !== 409)
            this.stats.error(`POST save answer ${page}.data: ${res.status}: ${reply.message}`);
          if (res.status === 409 && reply?.theirs)
            current = { ...current, answers: { ...current.answers, [`${indicator}|Q2`]: reply.theirs } };
          else current = (await pageData()) ?? current;
        }
        await this.think(alive, 5_000, 15_000);
      }
    }
  }

  private async member(person: Person, alive: () => boolean) {
    const fx = this.fx;
    await this.request(person, { route: '/roundtables/:id', path: `/roundtables/${person.roomId}` });
    const socket: Socket = io(fx.base, {
      transports: ['websocket'],
      extraHeaders: { origin: fx.base, cookie: person.cookie },
      reconnection: true,
    });
    this.sockets.add(socket);
    const failure = await new Promise<string | null>((resolve) => {
      const timer = setTimeout(
        () => resolve(socket.connected ? 'no join acknowledgement within 10 s' : 'not connected within 10 s'),
        10_000,
      );
      socket.once('connect', () =>
        socket.emit('room:join', { roomId: person.roomId }, (reply: { ok?: boolean; error?: { message?: string } }) => {
          clearTimeout(timer);
          resolve(reply?.ok === false ? `join refused: ${reply.error?.message}` : null);
        }),
      );
    });
    if (failure) {
      this.stats.connectFailures += 1;
      this.stats.error(`socket, room ${person.roomId}: ${failure}`);
    }
    // Received messages are read and dropped, as a browser tab would.
    socket.on('message:new', () => {});
    let n = 0;
    while (alive()) {
      if (!person.chatter) {
        await this.think(alive, 5_000, 10_000);
        continue;
      }
      await this.think(alive, 20_000, 60_000);
      if (!alive() || !socket.connected) continue;
      socket.emit('typing:start', { roomId: person.roomId });
      this.stats.typing += 1;
      await sleep(rand(1_000, 4_000));
      if (!alive()) break;
      socket.emit('typing:stop', { roomId: person.roomId });
      const stats = this.stats;
      stats.chatSent += 1;
      const t0 = performance.now();
      const clientId = `cap-${process.pid}-${Math.random().toString(36).slice(2)}-${n++}`;
      const ok = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          stats.error('message:send: no acknowledgement within 10 s');
          resolve(false);
        }, 10_000);
        socket.emit(
          'message:send',
          { roomId: person.roomId, clientId, body: `Capacity run: a point for the agenda (${n}).` },
          (reply: { ok?: boolean; error?: { message?: string } }) => {
            clearTimeout(timer);
            if (reply?.ok === false) stats.error(`message:send: ${reply.error?.message}`);
            resolve(reply?.ok !== false);
          },
        );
      });
      if (ok) stats.acks.push(performance.now() - t0);
      else stats.chatFailed += 1;
    }
    socket.close();
    this.sockets.delete(socket);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
