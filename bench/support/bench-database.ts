import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, type DatabaseHandle } from '../../db/client';

type BenchStore = { name: string; json: 'postgresql' | 'pglite' | 'pglite-disk' };

/**
 * Which database a benchmark stores into, from the environment:
 * - BENCH_DATABASE_URL=postgres://…: PostgreSQL (queries leave the process);
 * - BENCH_PGLITE_DISK=1: PGlite on disk, in a throw-away directory, as `npm start` runs it (DATA_DIR/pglite);
 * - neither: PGlite in memory, as the tests run it.
 */
export function benchStore(): BenchStore {
  if (process.env.BENCH_DATABASE_URL) return { name: 'PostgreSQL', json: 'postgresql' };
  if (process.env.BENCH_PGLITE_DISK === '1') return { name: 'PGlite (on disk)', json: 'pglite-disk' };
  return { name: 'PGlite (in memory)', json: 'pglite' };
}

/** Opens (and migrates) the database `benchStore()` names; an on-disk directory is removed when the process exits. */
export async function openBenchDatabase(): Promise<DatabaseHandle> {
  const store = benchStore();
  if (store.json === 'postgresql')
    return createDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, migrate: true });
  if (store.json === 'pglite') return createDatabase({ migrate: true });
  // A parent benchmark that kills its servers with SIGKILL owns the directory (BENCH_SCRATCH_DIR) and removes it.
  const owned = !process.env.BENCH_SCRATCH_DIR;
  const dir = mkdtempSync(path.join(process.env.BENCH_SCRATCH_DIR ?? os.tmpdir(), 'minka-bench-pglite-'));
  if (owned) process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return createDatabase({ pgliteDir: path.join(dir, 'pglite'), migrate: true });
}

/** For a parent process: a scratch directory its children's databases go under, removed when it exits. */
export function ownScratchDirectory(): void {
  if (benchStore().json !== 'pglite-disk' || process.env.BENCH_SCRATCH_DIR) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minka-bench-'));
  process.env.BENCH_SCRATCH_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
