import { boolean, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The four kinds of actor in the Mechanism (section 2 of the Mechanism text). */
export const organizationKind = pgEnum('organization_kind', ['state', 'jswg', 'secretariat', 'civil_society']);

/** UN M49 subregions of the Americas; null for organizations that are not States. */
export const subregion = pgEnum('subregion', ['caribbean', 'central_america', 'south_america', 'northern_america']);

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: organizationKind('kind').notNull(),
  /** ISO 3166-1 alpha-2 for States, the English acronym for organizations. Unique and stable: used by imports. */
  code: text('code').notNull().unique(),
  nameEn: text('name_en').notNull(),
  nameEs: text('name_es').notNull(),
  acronymEs: text('acronym_es'),
  subregion: subregion('subregion'),
  /** Public caveats from the reference sources (e.g. Nicaragua's reservation). */
  note: text('note'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Organization = typeof organizations.$inferSelect;
export type OrganizationKind = (typeof organizationKind.enumValues)[number];
