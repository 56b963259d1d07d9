// `npm run db:import -- FILE [--dry-run]`: imports a commitment catalogue (.json or .csv) as the operator.
// Shell access to the database is already full trust, so there is no sign-in: the import runs through
// importCatalogueAsSystem and is audited with no user and via 'cli'. Exit codes: 0 imported (or checked),
// 1 the file is bad or the import failed, 2 wrong usage.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCatalogue, type CatalogueFormat } from '../../services/catalogue/file-format/format';
import { createDatabase } from '../../db/client';
import { importCatalogueAsSystem, type ImportReport } from '../../services/catalogue/import.server';

const USAGE = 'Usage: npm run db:import -- FILE.json|FILE.csv [--dry-run]';

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

function formatReport(report: ImportReport): string {
  const lines = [
    report.dryRun
      ? `Checked ${report.commitmentCode} (dry run: nothing was written).`
      : `Imported ${report.commitmentCode}.`,
  ];
  for (const [kind, c] of Object.entries(report.counts)) {
    const deleted = 'deleted' in c ? `, ${c.deleted} deleted` : '';
    lines.push(`  ${kind.padEnd(11)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged${deleted}`);
  }
  const { sections, mandates, indicators, provisions } = report.notInFile;
  const kept = [
    sections.length ? `sections ${sections.join(', ')}` : '',
    mandates.length ? `mandates ${mandates.join(', ')}` : '',
    indicators.length ? `indicators ${indicators.map((i) => `${i.mandate}/${i.code}`).join(', ')}` : '',
    provisions.length ? `provisions ${provisions.map((p) => `${p.treaty} ${p.reference}`).join(', ')}` : '',
  ].filter(Boolean);
  if (kept.length) lines.push(`In the database but not in the file (kept): ${kept.join('; ')}.`);
  return lines.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--dry-run');
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length || files.length !== 1) fail(USAGE, 2);
  const file = files[0];
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.json' && extension !== '.csv') fail(`${file}: the file must end in .json or .csv.\n${USAGE}`, 2);
  const format: CatalogueFormat = extension === '.csv' ? 'csv' : 'json';

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`Cannot read ${file}: ${(error as Error).message}`, 1);
  }
  const parsed = parseCatalogue(text, format);
  if (!parsed.ok) {
    for (const p of parsed.problems) console.error(`${p.where}: ${p.message}`);
    fail(`${file}: ${parsed.problems.length} problem(s); nothing was imported.`, 1);
  }

  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DATA_DIR ?? './data';
  const handle = await createDatabase({ databaseUrl, pgliteDir: path.join(dataDir, 'pglite'), migrate: true });
  try {
    const result = await importCatalogueAsSystem(handle.db, parsed.catalogue, {
      dryRun,
      via: 'cli',
      actorUserId: null,
    });
    if (result.ok) {
      console.log(formatReport(result.value));
    } else {
      for (const [where, messages] of Object.entries(result.kind === 'invalid' ? (result.fieldErrors ?? {}) : {})) {
        for (const message of messages) console.error(`${where}: ${message}`);
      }
      console.error(result.message);
      process.exitCode = 1;
    }
  } finally {
    // Not process.exit() here: PGlite must close its data directory cleanly.
    await handle.close();
  }
}

main().catch((error) => {
  console.error('Import failed:', error);
  process.exit(1);
});
