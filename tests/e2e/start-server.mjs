// Starts the built app for the end-to-end suite: a fresh data directory, a fresh PostgreSQL database of its own
// (tests/e2e/database.mjs) and demo data with a known password. The database is dropped when the server stops.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { e2eDatabase } from './database.mjs';

const port = process.argv[2] ?? '3107';
const database = e2eDatabase(port);

async function adminQuery(run) {
  const sql = postgres(database.serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

try {
  await adminQuery(async (sql) => {
    await sql.unsafe(`drop database if exists "${database.name}" with (force)`);
    await sql.unsafe(`create database "${database.name}"`);
  });
} catch (error) {
  console.error(
    `The end-to-end suite needs a PostgreSQL server for its own database (${database.name}) and could not create it ` +
      `on ${database.serverUrl}: ${error.message}\nStart PostgreSQL, or name one with E2E_POSTGRES_URL.`,
  );
  process.exit(1);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'minka-e2e-'));
const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    DEMO: '1',
    DEMO_PASSWORD: 'e2e-demo-password',
    LOG_LEVEL: 'warn',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', async (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  await adminQuery((sql) => sql.unsafe(`drop database if exists "${database.name}" with (force)`)).catch((error) =>
    console.error(`Could not drop ${database.name}: ${error.message}`),
  );
  process.exit(code ?? 0);
});
