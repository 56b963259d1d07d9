import { readFileSync } from 'node:fs';
import type { Catalogue, CatalogueFile } from './file-format/format';
import { checkCatalogue } from './file-format/format';
import type { Database } from '../../db/client';
import { memberships, organizations, users, type OrganizationKind, type Role } from '../../db/schema';
import type { Actor } from '../actor';

/** Shared by the catalogue tests: actors built by hand on real rows (the audit trail references users). */
export async function insertActor(db: Database, kind: OrganizationKind, role: Role, code: string): Promise<Actor> {
  const [org] = await db
    .insert(organizations)
    .values({ kind, code, nameEn: `${code} (test)`, nameEs: `${code} (prueba)` })
    .returning();
  const email = `${role}.${code.toLowerCase()}@example.test`;
  const [user] = await db
    .insert(users)
    .values({ email, displayName: `Test ${role}`, passwordHash: 'not-a-real-hash' })
    .returning();
  await db.insert(memberships).values({ userId: user.id, organizationId: org.id, role });
  return {
    userId: user.id,
    email,
    displayName: user.displayName,
    role,
    organizationId: org.id,
    organizationKind: kind,
    organizationCode: code,
  };
}

export function limaCatalogue(): Catalogue {
  return valid(
    JSON.parse(readFileSync(new URL('../../db/reference/lima-commitment.catalogue.json', import.meta.url), 'utf8')),
  );
}

export function valid(file: CatalogueFile | unknown): Catalogue {
  const result = checkCatalogue(file);
  if (!result.ok) throw new Error(`test catalogue is invalid: ${JSON.stringify(result.problems)}`);
  return result.catalogue;
}

/**
 * A small synthetic commitment (clearly not real wording) exercising every kind of record: version 1, and a
 * corrected version 2 that changes, adds and drops records.
 */
export function testCatalogue(version: 1 | 2): Catalogue {
  const v1: CatalogueFile = {
    commitment: {
      code: 'test-commitment',
      titleEn: 'Test commitment (fixture)',
      adoptedOn: '2030-01-01',
      mandateCount: 5,
    },
    sections: [
      { code: 'A', position: 1, titleEn: 'Section A (fixture)' },
      { code: 'B', position: 2, titleEn: 'Section B (fixture)' },
    ],
    mandates: [
      {
        number: 1,
        section: 'A',
        sectionCertainty: 'stated',
        textEn: 'Fixture text one.',
        textStatusEn: 'verified',
        textStatusEs: 'missing',
        sources: ['https://example.test/1'],
      },
      {
        number: 2,
        section: 'B',
        sectionCertainty: 'inferred',
        textEn: 'Fixture text two.',
        textStatusEn: 'partial',
        textStatusEs: 'missing',
      },
      {
        number: 3,
        sectionCertainty: 'unknown',
        textStatusEn: 'missing',
        textStatusEs: 'missing',
        note: 'Fixture note.',
      },
    ],
    indicators: [
      { mandate: 1, code: '1.1', textEn: 'Fixture indicator 1.1' },
      { mandate: 1, code: '1.2', textEn: 'Fixture indicator 1.2' },
    ],
    provisions: [
      { treaty: 'IACC', reference: 'Article III', titleEn: 'Preventive Measures' },
      { treaty: 'UNCAC', reference: 'Article 13', titleEn: 'Participation of society' },
    ],
    links: [
      { mandate: 1, treaty: 'IACC', reference: 'Article III' },
      { mandate: 1, treaty: 'UNCAC', reference: 'Article 13' },
      { mandate: 2, treaty: 'IACC', reference: 'Article III' },
      { mandate: 3, treaty: 'UNCAC', reference: 'Article 13' },
    ],
  };
  if (version === 1) return valid(v1);
  return valid({
    ...v1,
    sections: [v1.sections![0], { code: 'B', position: 2, titleEn: 'Section B (fixture, corrected)' }],
    // Mandate 2 corrected, 3 left out of the file, 4 new.
    mandates: [
      v1.mandates![0],
      { ...v1.mandates![1], textEn: 'Fixture text two, corrected.', textStatusEn: 'verified' },
      { number: 4, sectionCertainty: 'unknown', textStatusEn: 'missing', textStatusEs: 'missing' },
    ],
    indicators: [{ mandate: 1, code: '1.1', textEn: 'Fixture indicator 1.1' }],
    links: [
      { mandate: 1, treaty: 'IACC', reference: 'Article III' },
      { mandate: 2, treaty: 'IACC', reference: 'Article III' },
      { mandate: 2, treaty: 'UNCAC', reference: 'Article 13' },
    ],
  });
}
