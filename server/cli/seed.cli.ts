// `npm run db:seed -- --admin EMAIL [--name "Full Name"]`: loads the reference data if it is missing and creates the
// first Secretariat administrator of a real installation, printing a one-time password. Exit 0 on success,
// 1 on failure, 2 on wrong usage.
import path from 'node:path';
import { createAdministrator } from '../../services/accounts/bootstrap.server';
import { loadReferenceData } from '../../services/catalogue/reference.server';
import { createDatabase } from '../../db/client';

const USAGE = 'Usage: npm run db:seed -- --admin EMAIL [--name "Full Name"]';
const args = process.argv.slice(2);
const valueOf = (flag: string) => {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
};
const email = valueOf('--admin');
if (!email) {
  console.error(USAGE);
  process.exit(2);
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const handle = await createDatabase({
  databaseUrl,
  pgliteDir: path.join(process.env.DATA_DIR ?? './data', 'pglite'),
  migrate: true,
});
try {
  await loadReferenceData(handle.db);
  const result = await createAdministrator(handle.db, { email, displayName: valueOf('--name') });
  if (!result.ok) {
    console.error(result.message);
    process.exitCode = 1;
  } else {
    console.log(
      `Created Secretariat administrator ${result.value.email}\nOne-time password: ${result.value.password}\nLog in and change it under Account.`,
    );
  }
} finally {
  await handle.close();
}
