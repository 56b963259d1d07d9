// Helpers for the realtime tests: a real server on an ephemeral port, real socket.io clients, room fixtures.
// No vitest imports here: tests/realtime-server.ts (a child process) uses this file too.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import type { DatabaseHandle } from '../db/client';
import type { ClientToServerEvents, ServerToClientEvents } from '../realtime/events';
import { createRealtimeServer, dropAllConnections, type RealtimeServer } from '../realtime/server';
import { createHttpServer } from '../server/app';
import { parseCookies, SESSION_COOKIE } from '../server/cookies';
import { parseEnv } from '../server/env';
import { isSameOriginRequest } from '../server/origin';
import type { Actor } from '../services/actor';
import type { Services } from '../services/index.server';
import { createOrganization, createUser } from './factories';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Node {
  url: string;
  io: RealtimeServer;
  close(): Promise<void>;
}

/**
 * One server node. Without Redis: the app's own createHttpServer with a trivial Remix handler (the whole edge).
 * With Redis: Socket.IO with the same Origin and cookie checks on a bare http.Server, because createHttpServer does
 * not pass a Redis URL on yet (see the report of issue 5).
 */
export async function startNode({
  services,
  database,
  redisUrl,
  redisPrefix,
  port = 0,
}: {
  services: Services;
  database: DatabaseHandle;
  redisUrl?: string;
  redisPrefix?: string;
  port?: number;
}): Promise<Node> {
  const logger = pino({ level: process.env.REALTIME_TEST_LOG ?? 'silent' });
  let server: http.Server;
  let io: RealtimeServer;
  if (!redisUrl) {
    ({ server, io } = await createHttpServer({
      config: parseEnv({ LOG_LEVEL: 'silent' }),
      logger,
      database,
      services,
      remix: { handler: () => (_req, res) => void res.json({ ok: true }) },
    }));
  } else {
    server = http.createServer((_req, res) => res.end('ok'));
    io = createRealtimeServer(server, {
      services,
      logger,
      isAllowedOrigin: (headers) => isSameOriginRequest(headers, { allowedOrigins: [], trustProxy: false }),
      sessionTokenFrom: (headers) => parseCookies(headers.cookie)[SESSION_COOKIE],
      redisUrl,
      redisPrefix,
    });
  }
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    io,
    /** Stops the node the way server/index.ts does on SIGTERM: connections dropped (clients reconnect), then closed. */
    close: async () => {
      dropAllConnections(io);
      server.closeAllConnections();
      await io.close();
    },
  };
}

export async function sessionCookie(services: Services, email: string, password: string): Promise<string> {
  const login = await services.accounts.login({ email, password }, { ip: '127.0.0.1' });
  if (!login.ok) throw new Error(login.message);
  return `${SESSION_COOKIE}=${login.value.token}`;
}

/** A connected client (same Origin as the server, websocket only). */
export async function connectClient(
  url: string,
  cookie: string,
  options: { reconnection?: boolean; origin?: string } = {},
): Promise<Client> {
  const client: Client = connect(url, {
    transports: ['websocket'],
    extraHeaders: { origin: options.origin ?? url, cookie },
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('connect_error', (error) => {
      client.close();
      reject(error);
    });
  });
  return client;
}

/** Emits with an acknowledgement (2 s timeout), without the contract's types: tests also send bad payloads. */
export function request<T = Record<string, unknown>>(client: Client, event: string, ...args: unknown[]): Promise<T> {
  return (
    client.timeout(5_000) as unknown as { emitWithAck(event: string, ...args: unknown[]): Promise<T> }
  ).emitWithAck(event, ...args);
}

/** Resolves with the next `event` whose payload matches. */
export function next<T = Record<string, unknown>>(
  client: Client,
  event: string,
  match: (payload: T) => boolean = () => true,
  ms = 5_000,
): Promise<T> {
  const untyped = client as unknown as {
    on(e: string, l: (p: T) => void): void;
    off(e: string, l: (p: T) => void): void;
  };
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      untyped.off(event, listener);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      untyped.off(event, listener);
      resolve(payload);
    };
    untyped.on(event, listener);
  });
}

/** Records every payload of `event` (for "nothing more arrived" assertions). */
export function record<T = Record<string, unknown>>(client: Client, event: string): T[] {
  const seen: T[] = [];
  (client as unknown as { on(e: string, l: (p: T) => void): void }).on(event, (payload: T) => seen.push(payload));
  return seen;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Person {
  actor: Actor;
  email: string;
  password: string;
}

async function person(
  database: DatabaseHandle,
  services: Services,
  organizationId: string,
  role: Parameters<typeof createUser>[1]['role'],
): Promise<Person> {
  const { email, password } = await createUser(database.db, { organizationId, role });
  const login = await services.accounts.login({ email, password }, { ip: '127.0.0.1' });
  if (!login.ok) throw new Error(login.message);
  return { actor: login.value.actor, email, password };
}

/**
 * A roundtable with people from two States and a JSWG organization, convened by a Secretariat moderator, plus an
 * outsider (a State not invited) and a second Secretariat member who is not listed in the room.
 */
export async function roomFixture(database: DatabaseHandle, services: Services) {
  const [peru, colombia, jswg, outsiderOrg, secretariat] = await Promise.all([
    createOrganization(database.db, 'state'),
    createOrganization(database.db, 'state'),
    createOrganization(database.db, 'jswg'),
    createOrganization(database.db, 'state'),
    createOrganization(database.db, 'secretariat'),
  ]);
  const moderator = await person(database, services, secretariat.id, 'secretariat_staff');
  const staff = await person(database, services, secretariat.id, 'secretariat_staff');
  const alice = await person(database, services, peru.id, 'delegate');
  const bruno = await person(database, services, colombia.id, 'delegate');
  const carla = await person(database, services, jswg.id, 'jswg_focal_point');
  const outsider = await person(database, services, outsiderOrg.id, 'delegate');
  const created = await services.roundtables.create(moderator.actor, {
    title: 'Legislative assistance on mandate 12',
    kind: 'working_roundtable',
    organizationIds: [peru.id, colombia.id, jswg.id],
  });
  if (!created.ok) throw new Error(created.message);
  return { roomId: created.value.id, moderator, staff, alice, bruno, carla, outsider };
}

let counter = 0;
/** A client-generated message id (8 to 64 characters). */
export const clientId = (tag = 'm') => `${tag}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

const root = path.resolve(import.meta.dirname, '..');

export interface SpawnedNode {
  pid: number;
  /** Resolves with the first line `<TAG> {json}` printed by tests/realtime-server.ts. */
  line<T>(tag: 'READY' | 'SEED', ms?: number): Promise<T>;
  exited: Promise<number | null>;
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

/** tests/realtime-server.ts in a child process (node + tsx, so signals reach it directly). */
export function spawnNode(env: Record<string, string>): SpawnedNode {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/realtime-server.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    pid: child.pid!,
    async line<T>(tag: string, ms = 30_000) {
      const pattern = new RegExp(`^${tag} (.*)$`, 'm');
      const deadline = Date.now() + ms;
      while (!pattern.test(output)) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no ${tag} line from the node (exit ${child.exitCode}); output:\n${output}`);
        await sleep(25);
      }
      return JSON.parse(output.match(pattern)![1]) as T;
    },
    exited,
    output: () => output,
    kill: (signal) => void child.kill(signal),
  };
}
