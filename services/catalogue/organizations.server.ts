import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { organizationKind, organizations, subregion } from '../../db/schema';
import { fieldErrorsFrom, invalid, ok, type Outcome } from '../outcome';

/**
 * Reference organizations (States, JSWG members, the Secretariat) upserted by their stable code, as the seed does
 * from db/reference/organizations.json. Organizations missing from the records are left alone: deactivating one
 * is a decision for the Secretariat, not a side effect of a file.
 */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

export const organizationRecordSchema = z
  .strictObject({
    kind: z.enum(organizationKind.enumValues),
    code: z.string().trim().min(1).max(64),
    nameEn: z.string().trim().min(1).max(300),
    nameEs: z.string().trim().min(1).max(300),
    acronymEs: optional(z.string().trim().min(1).max(64)),
    subregion: optional(z.enum(subregion.enumValues)),
    note: optional(z.string().trim().min(1).max(10_000)),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'state' && !/^[A-Z]{2}$/.test(r.code))
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: 'A State is identified by its ISO 3166-1 alpha-2 code, e.g. PE.',
      });
    if (r.kind !== 'state' && r.subregion !== null)
      ctx.addIssue({ code: 'custom', path: ['subregion'], message: 'Only States have a subregion.' });
  });
export type OrganizationRecord = z.input<typeof organizationRecordSchema>;

/** The committed file db/reference/organizations.json: a provenance note and the records. */
export const organizationsFileSchema = z.object({ _about: z.string().optional(), organizations: z.array(z.unknown()) });

export interface OrganizationImportReport {
  created: string[];
  updated: string[];
  unchanged: number;
}

const COMPARED = ['nameEn', 'nameEs', 'acronymEs', 'subregion', 'note'] as const;

export async function importOrganizations(
  db: Database,
  records: readonly unknown[],
): Promise<Outcome<OrganizationImportReport>> {
  const parsed = z.array(organizationRecordSchema).safeParse(records);
  if (!parsed.success)
    return invalid(
      'Some organization records are invalid; nothing was imported.',
      fieldErrorsFrom(parsed.error.issues),
    );
  const rows = parsed.data;
  const firstIndex = new Map<string, number>();
  const duplicates: Record<string, string[]> = {};
  rows.forEach((r, i) => {
    if (firstIndex.has(r.code))
      duplicates[`${i}.code`] = [`Code ${r.code} appears twice (first at ${firstIndex.get(r.code)}).`];
    else firstIndex.set(r.code, i);
  });
  if (Object.keys(duplicates).length)
    return invalid('Some organization codes appear twice; nothing was imported.', duplicates);

  return db.transaction(async (tx) => {
    const existing = rows.length
      ? await tx
          .select()
          .from(organizations)
          .where(inArray(organizations.code, [...firstIndex.keys()]))
      : [];
    const byCode = new Map(existing.map((o) => [o.code, o]));
    // Roles belong to a kind of organization (permissions.ts): changing the kind would strand its members.
    const kindChanges: Record<string, string[]> = {};
    rows.forEach((r, i) => {
      const found = byCode.get(r.code);
      if (found && found.kind !== r.kind)
        kindChanges[`${i}.kind`] = [
          `${r.code} is a ${found.kind} in the database; its kind cannot change to ${r.kind}.`,
        ];
    });
    if (Object.keys(kindChanges).length)
      return invalid('An organization would change kind; nothing was imported.', kindChanges);

    const report: OrganizationImportReport = { created: [], updated: [], unchanged: 0 };
    const fresh = rows.filter((r) => !byCode.has(r.code));
    if (fresh.length) {
      await tx.insert(organizations).values(fresh);
      report.created.push(...fresh.map((r) => r.code));
    }
    for (const r of rows) {
      const found = byCode.get(r.code);
      if (!found) continue;
      if (COMPARED.every((key) => found[key] === r[key])) {
        report.unchanged++;
        continue;
      }
      await tx
        .update(organizations)
        .set({ nameEn: r.nameEn, nameEs: r.nameEs, acronymEs: r.acronymEs, subregion: r.subregion, note: r.note })
        .where(eq(organizations.id, found.id));
      report.updated.push(r.code);
    }
    return ok(report);
  });
}
