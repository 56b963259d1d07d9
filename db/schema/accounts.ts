import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

export const role = pgEnum('role', [
  'secretariat_admin',
  'secretariat_staff',
  'national_coordinator',
  'deputy_focal_point',
  'delegate',
  'jswg_focal_point',
  'civil_society_member',
]);
export type Role = (typeof role.enumValues)[number];

export const locale = pgEnum('locale', ['en', 'es']);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-cased; the unique index is the account identity. */
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  locale: locale('locale').notNull().default('en'),
  /** IANA time zone, used to show meeting times explicitly. */
  timeZone: text('time_zone').notNull().default('UTC'),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type User = typeof users.$inferSelect;

/**
 * One user belongs to one organization with one role. The table allows several memberships so that a
 * person can later act for two organizations (e.g. a consultant), but services pick the active one.
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    role: role('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_user_org_idx').on(t.userId, t.organizationId),
    index('memberships_org_idx').on(t.organizationId),
  ],
);
export type Membership = typeof memberships.$inferSelect;

/**
 * Sessions as the Lucia guide teaches since 2025: the cookie holds `id.secret`; only SHA-256(secret) is stored,
 * and it is compared in constant time. A leaked database therefore yields no usable token.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
export type Session = typeof sessions.$inferSelect;

/** One-time invitation links. The token travels only in the link; the table keeps its SHA-256. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    email: text('email').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    role: role('role').notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedUserId: uuid('accepted_user_id').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('invitations_org_idx').on(t.organizationId)],
);
export type Invitation = typeof invitations.$inferSelect;

/**
 * Password reset links (issue 15): the token travels only in the e-mailed link; the table keeps its SHA-256. Each
 * link works once (usedAt) and until expiresAt; asking again voids the earlier links.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);
export type PasswordReset = typeof passwordResets.$inferSelect;

/** Append-only trail of who changed what. Never updated or deleted by the application. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    /** e.g. `auth.login`, `auth.login_failed`, `membership.role_changed`, `catalogue.imported`. */
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    organizationId: uuid('organization_id').references(() => organizations.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action)],
);
export type AuditEntry = typeof auditLog.$inferSelect;
