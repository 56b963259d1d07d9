import { createHash } from 'node:crypto';
import type { Database } from './client';

/**
 * One hot statement, parsed and planned once per connection instead of on every call.
 *
 * Why: a roundtable send is one statement (services/roundtables/message-store.server.ts), and on embedded PGlite
 * parsing and planning it on every call cost more than running it: measured alone (`npm run bench:store`), p50
 * 1.1 ms per send through Drizzle's `execute` and 0.37 ms prepared on PGlite; 0.93 and 0.52 ms on PostgreSQL, where
 * postgres.js prepares a named statement per connection when asked and Drizzle's `execute` does not ask.
 *
 * Parameters are text (or null); the statement casts them (`$1::json`). Statements run this way bypass Drizzle,
 * so `MINKA_COUNT_QUERIES` does not count them.
 */
export interface PreparedStatement {
  run(params: Array<string | null>): Promise<Array<Record<string, unknown>>>;
}

interface PgliteClient {
  exec(query: string): Promise<Array<{ rows: Array<Record<string, unknown>> }>>;
  query<T>(query: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

interface PostgresClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<Array<Record<string, unknown>>>;
}

/** PREPAREd names per PGlite instance: several services may share one embedded database (the tests do). */
const preparedOnPglite = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * `paramTypes` are the PostgreSQL types of $1, $2… (PGlite's PREPARE needs them; PostgreSQL infers them).
 */
export function prepareStatement(
  db: Database,
  text: string,
  paramTypes: string[],
  options: { prepared?: boolean } = {},
): PreparedStatement {
  // `prepared: false` runs the same statement parsed and planned on every call: what bench:store compares with.
  const prepared = options.prepared ?? true;
  const client = (db as unknown as { $client: unknown }).$client;
  if (client && typeof (client as PostgresClient).unsafe === 'function') {
    const pg = client as PostgresClient;
    return { run: (params) => pg.unsafe(text, params, { prepare: prepared }) };
  }
  if (client && typeof (client as PgliteClient).exec === 'function') {
    const lite = client as PgliteClient;
    return prepared
      ? onPglite(lite, text, paramTypes)
      : { run: async (params) => (await lite.query<Record<string, unknown>>(text, params)).rows };
  }
  throw new Error('prepareStatement: unknown database driver');
}

/**
 * PGlite is one session, and its extended-protocol `query` always uses the unnamed statement, so the statement is
 * PREPAREd once by SQL and run with `EXECUTE name('…', …)` through the simple protocol. That needs its parameters
 * as literals: with `standard_conforming_strings` on (checked once here, and PostgreSQL's default since 9.1) a
 * string literal ends only at a quote, so doubling quotes is a complete escape (PostgreSQL's own quote_literal for
 * text without backslash escapes). Where the setting is off, the statement runs unprepared instead.
 */
function onPglite(client: PgliteClient, text: string, paramTypes: string[]): PreparedStatement {
  const name = `minka_${createHash('sha256').update(text).update(paramTypes.join(',')).digest('hex').slice(0, 16)}`;
  let prepared = preparedOnPglite.get(client);
  if (!prepared) preparedOnPglite.set(client, (prepared = new Map()));
  const names = prepared;
  let safeLiterals: Promise<boolean> | undefined;

  async function ready(): Promise<boolean> {
    safeLiterals ??= client
      .query<{ standard_conforming_strings: string }>('show standard_conforming_strings')
      .then((r) => r.rows[0]?.standard_conforming_strings === 'on');
    if (!(await safeLiterals)) return false;
    let done = names.get(name);
    if (!done) {
      done = client.exec(`prepare ${name}(${paramTypes.join(', ')}) as ${text}`).then(() => undefined);
      names.set(name, done);
      done.catch(() => names.delete(name));
    }
    await done;
    return true;
  }

  return {
    async run(params) {
      if (!(await ready())) return (await client.query<Record<string, unknown>>(text, params)).rows;
      const results = await client.exec(`execute ${name}(${params.map(literal).join(', ')})`);
      return results.at(-1)?.rows ?? [];
    },
  };
}

/** A SQL literal under standard_conforming_strings = on. */
export function literal(value: string | null): string {
  if (value === null) return 'null';
  if (value.includes('\u0000')) throw new Error('A parameter cannot contain a NUL character.');
  return `'${value.replaceAll("'", "''")}'`;
}
