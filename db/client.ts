import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { countingLogger } from './query-count';
import * as schema from './schema';

export type Schema = typeof schema;
/** The query builder has the same types on both drivers; code outside db/ only sees this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** A real round trip, for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Arbitrary but fixed: every Minka process migrating the same PostgreSQL database takes this lock first. */
const MIGRATION_LOCK_KEY = 7_311_2018;

export interface DatabaseOptions {
  /** postgres://… to use PostgreSQL; unset for embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` (the default) keeps everything in memory, as the tests do. */
  pgliteDir?: string;
  /** Apply pending migrations before returning (the server does; scripts may not). */
  migrate?: boolean;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** Count statements per scope (db/query-count.ts). Off by default: Drizzle then keeps its no-op logger. */
  countQueries?: boolean;
}

export async function createDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options)
    : openPglite(options.pgliteDir ?? 'memory://', options);
}

async function openPglite(dir: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  if (!dir.startsWith('memory://')) mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzlePglite(client, {
    schema,
    casing: 'snake_case',
    logger: options.countQueries ? countingLogger : false,
  });
  // PGlite is a single connection inside this process, so migrations cannot race here.
  if (options.migrate) await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.migrate) await migratePostgresWithLock(url);
  const client = postgres(url, { max: options.maxConnections ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(client, {
    schema,
    casing: 'snake_case',
    logger: options.countQueries ? countingLogger : false,
  });
  return {
    db: db as unknown as Database,
    driver: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * drizzle's migrate() takes no lock, so two instances starting together would both apply the same migration.
 * A session-level advisory lock on one dedicated connection serialises them; the second finds nothing pending.
 */
export async function migratePostgresWithLock(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
