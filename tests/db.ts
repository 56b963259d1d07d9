import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../db/client';
import { withDatabase } from './global-setup';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, a private PostgreSQL database
 * (copied from the run's template) when the suite runs with DATABASE_URL.
 */
export async function createTestDatabase(options: { countQueries?: boolean } = {}): Promise<DatabaseHandle> {
  const pg = inject('postgresTemplate');
  if (!pg) return createDatabase({ migrate: true, countQueries: options.countQueries });
  const name = `${pg.prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${pg.template}"`);
  } finally {
    await admin.end();
  }
  const handle = await createDatabase({
    databaseUrl: withDatabase(pg.adminUrl, name),
    maxConnections: 4,
    countQueries: options.countQueries,
  });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Several handles (each its own connection pool, as separate server instances have) on one private PostgreSQL
 * database copied from the run's template; null without DATABASE_URL, since in-memory PGlite belongs to one process.
 */
export async function createSharedPostgresDatabase(
  instances: number,
): Promise<{ handles: DatabaseHandle[]; close: () => Promise<void> } | null> {
  const pg = inject('postgresTemplate');
  if (!pg) return null;
  const name = `${pg.prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${pg.template}"`);
  } finally {
    await admin.end();
  }
  const handles = await Promise.all(
    Array.from({ length: instances }, () =>
      createDatabase({ databaseUrl: withDatabase(pg.adminUrl, name), maxConnections: 4 }),
    ),
  );
  return {
    handles,
    close: async () => {
      await Promise.all(handles.map((h) => h.close()));
      const cleanup = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}
