import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseCatalogue } from './file-format/format';
import type { Database } from '../../db/client';
import { commitments, organizations } from '../../db/schema';
import { importCatalogueAsSystem } from './import.server';
import { importOrganizations, organizationRecordSchema, organizationsFileSchema } from './organizations.server';

/**
 * The committed reference data (db/reference/*.json, built by server/cli/build-reference.cli.ts), loaded at server
 * start so that a fresh installation has its States, JSWG members, Secretariat and the Lima Commitment. It only
 * adds what is missing: a boot must never undo what the Secretariat has since imported or corrected.
 */
export const ORGANIZATIONS_FILE = fileURLToPath(new URL('../../db/reference/organizations.json', import.meta.url));
export const LIMA_CATALOGUE_FILE = fileURLToPath(
  new URL('../../db/reference/lima-commitment.catalogue.json', import.meta.url),
);

export function readReferenceOrganizations() {
  const file = organizationsFileSchema.parse(JSON.parse(readFileSync(ORGANIZATIONS_FILE, 'utf8')));
  return z.array(organizationRecordSchema).parse(file.organizations);
}

export async function loadReferenceData(db: Database): Promise<{ loaded: string[] }> {
  const loaded: string[] = [];

  const records = readReferenceOrganizations();
  const known = new Set((await db.select({ code: organizations.code }).from(organizations)).map((o) => o.code));
  const missing = records.filter((r) => !known.has(r.code));
  if (missing.length) {
    const result = await importOrganizations(db, missing);
    if (!result.ok) throw new Error(`Reference organizations could not be loaded: ${result.message}`);
    loaded.push(`${result.value.created.length} organizations`);
  }

  const parsed = parseCatalogue(readFileSync(LIMA_CATALOGUE_FILE, 'utf8'), 'json');
  if (!parsed.ok)
    throw new Error(
      `The committed Lima catalogue is invalid: ${parsed.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`,
    );
  const code = parsed.catalogue.commitment.code;
  const [existing] = await db.select({ id: commitments.id }).from(commitments).where(eq(commitments.code, code));
  if (!existing) {
    const result = await importCatalogueAsSystem(db, parsed.catalogue, { via: 'reference' });
    if (!result.ok) throw new Error(`The Lima catalogue could not be imported: ${result.message}`);
    loaded.push(`catalogue ${code}`);
  }
  return { loaded };
}
