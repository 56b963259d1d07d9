// Standalone migration step (`npm run db:migrate`): exits non-zero on any error so deploy scripts stop.
import path from 'node:path';
import { createDatabase } from './client';

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR ?? './data';
try {
  const handle = await createDatabase({ databaseUrl, pgliteDir: path.join(dataDir, 'pglite'), migrate: true });
  await handle.close();
  console.log(`Migrations applied (${databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`}).`);
} catch (error) {
  console.error('Migration failed:', error);
  process.exit(1);
}
