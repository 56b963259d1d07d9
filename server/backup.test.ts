import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../db/client';
import { auditLog, organizations, users } from '../db/schema';
import { loadReferenceData } from '../services/catalogue/reference.server';
import { seedDemoAccounts } from '../services/demo/seed.server';
import { createServices } from '../services/index.server';
import { withDatabase } from '../tests/global-setup';

/*
 * The backups the README documents, restored and used: a copy of a stopped PGlite DATA_DIR, and a pg_dump of a
 * PostgreSQL database restored into a fresh one that the server process then starts on.
 */
const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'minka-backup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const PASSWORD = 'backup-test-password';

async function fingerprint(db: Database) {
  const [u] = await db.select({ n: count() }).from(users);
  const [o] = await db.select({ n: count() }).from(organizations);
  const [a] = await db.select({ n: count() }).from(auditLog);
  const emails = (await db.select({ email: users.email }).from(users)).map((r) => r.email).sort();
  return { users: u.n, organizations: o.n, audit: a.n, emails };
}

async function seed(db: Database) {
  await loadReferenceData(db);
  const accounts = await seedDemoAccounts(db, { password: PASSWORD });
  if (!accounts) throw new Error('demo accounts were not created');
  return accounts[0].email;
}

describe('backups', () => {
  it('a copy of a stopped PGlite data directory opens with the data intact and people can log in', async () => {
    const original = path.join(scratch, 'pglite');
    const handle = await createDatabase({ pgliteDir: original, migrate: true });
    const email = await seed(handle.db);
    const before = await fingerprint(handle.db);
    await handle.close(); // stopped, as the README says: never copy a directory a running server writes to

    const copy = path.join(scratch, 'pglite-restored');
    cpSync(original, copy, { recursive: true });
    const restored = await createDatabase({ pgliteDir: copy, migrate: true });
    try {
      expect(await fingerprint(restored.db)).toEqual(before);
      const login = await createServices({ db: restored.db }).accounts.login(
        { email, password: PASSWORD },
        { ip: '127.0.0.1' },
      );
      expect(login.ok).toBe(true);
    } finally {
      await restored.close();
    }
  }, 120_000);

  const pg = inject('postgresTemplate');
  // Needs PostgreSQL: runs in the suite's PostgreSQL pass (DATABASE_URL set, as CI does), not on embedded PGlite.
  it.skipIf(!pg)(
    'pg_dump restored into a fresh database: the server starts on it with the data intact',
    async () => {
      if (!pg) return;
      const source = `${pg.prefix}_${randomBytes(4).toString('hex')}`;
      const target = `${source}_restored`;
      const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${source}" template "${pg.template}"`);
      await admin.unsafe(`create database "${target}"`);
      const dump = path.join(scratch, 'minka.dump');
      try {
        const sourceUrl = withDatabase(pg.adminUrl, source);
        const targetUrl = withDatabase(pg.adminUrl, target);
        const original = await createDatabase({ databaseUrl: sourceUrl, maxConnections: 2 });
        const email = await seed(original.db);
        const before = await fingerprint(original.db);
        await original.close();

        // The commands of the README's "Backups" section.
        execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, sourceUrl]);
        execFileSync('pg_restore', ['--no-owner', `--dbname=${targetUrl}`, dump]);

        const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/index.ts')], {
          cwd: root,
          env: {
            ...process.env,
            DATABASE_URL: targetUrl,
            MINKA_DEV: '1',
            PORT: '0',
            DEMO: '0',
            LOG_LEVEL: 'info',
            DATA_DIR: path.join(scratch, 'data'),
          },
        });
        let output = '';
        server.stdout.on('data', (chunk) => (output += chunk));
        server.stderr.on('data', (chunk) => (output += chunk));
        const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
        try {
          const deadline = Date.now() + 60_000;
          while (!/"port":(\d+)/.test(output)) {
            if (Date.now() > deadline) throw new Error(`server did not start on the restored database:\n${output}`);
            await new Promise((r) => setTimeout(r, 100));
          }
          const port = output.match(/"port":(\d+)/)![1];
          expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
        } finally {
          server.kill('SIGTERM');
          expect(await exited).toBe(0);
        }

        const restored = await createDatabase({ databaseUrl: targetUrl, maxConnections: 2 });
        try {
          expect(await fingerprint(restored.db)).toEqual(before);
          // Migrations found nothing to do: the restored schema is the current one.
          const direct = postgres(targetUrl, { max: 1, onnotice: () => {} });
          const [{ applied }] = await direct<
            { applied: number }[]
          >`select count(*)::int as applied from drizzle.__drizzle_migrations`;
          await direct.end();
          expect(applied).toBeGreaterThan(10);
          expect(
            (
              await createServices({ db: restored.db }).accounts.login(
                { email, password: PASSWORD },
                { ip: '127.0.0.1' },
              )
            ).ok,
          ).toBe(true);
        } finally {
          await restored.close();
        }
      } finally {
        await admin.unsafe(`drop database if exists "${target}" with (force)`);
        await admin.unsafe(`drop database if exists "${source}" with (force)`);
        await admin.end();
      }
    },
    180_000,
  );
});
