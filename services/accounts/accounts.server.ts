import { and, asc, count, eq, gt, ilike, isNull, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  invitations,
  locale as localeEnum,
  memberships,
  organizations,
  users,
  type OrganizationKind,
  type Role,
} from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can, ROLES_BY_KIND, roleFitsOrganization } from '../permissions';
import { loadActor } from './actors.server';
import { hashPassword, passwordSchema, verifyAgainstDummy, verifyPassword } from './password.server';
import type { SessionStore } from './sessions.server';
import { FailureThrottle } from './throttle';
import { hashSecret, randomToken } from './tokens.server';
import { canonicalTimeZone, TIME_ZONE_CHOICES } from '../videoconferences/time.server';

export type Locale = (typeof localeEnum.enumValues)[number];
const localeSchema = z.enum(localeEnum.enumValues);

const emailSchema = z.string().trim().toLowerCase().pipe(z.email('Enter a valid e-mail address.').max(254));

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(256),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.'),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two new passwords differ.',
  });

export const inviteSchema = z.object({
  email: emailSchema,
  organizationId: z.uuid('Choose an organization.'),
  role: z.enum(
    [
      'secretariat_admin',
      'secretariat_staff',
      'national_coordinator',
      'deputy_focal_point',
      'delegate',
      'jswg_focal_point',
      'civil_society_member',
    ],
    'Choose a role.',
  ),
});

export const acceptInvitationSchema = z
  .object({
    displayName: z.string().trim().min(2, 'Enter your name.').max(120),
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords differ.' });

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface AccountsDeps {
  db: Database;
  sessions: SessionStore;
  events: DomainEventBus;
  now: () => Date;
  throttle?: { perIp?: FailureThrottle; perAccount?: FailureThrottle };
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

export type InvitationState = 'valid' | 'expired' | 'used' | 'revoked' | 'unknown';

/**
 * The coarse checks that come before looking anything up or validating anything: may this viewer invite anyone at all,
 * disable or re-role anyone at all. Asked of `can()` with the most favourable case (a delegate of the viewer's own
 * organization, someone else), so the rule stays in services/permissions.ts; the exact check follows once the target
 * is known.
 */
function mayInviteSomeone(viewer: Viewer): viewer is Actor {
  if (!viewer) return false;
  return (Object.keys(ROLES_BY_KIND) as OrganizationKind[]).some((organizationKind) =>
    ROLES_BY_KIND[organizationKind].some((role) =>
      can(viewer, { action: 'invitation.create', organizationId: viewer.organizationId, organizationKind, role }),
    ),
  );
}

function mayManageSomeone(viewer: Viewer, action: 'user.disable' | 'user.change_role'): viewer is Actor {
  if (!viewer) return false;
  const roles = inviteSchema.shape.role.options;
  // An id that is never the viewer's own: nobody may act on themselves.
  const someoneElse = `not-${viewer.userId}`;
  return roles.some((role) => {
    const target = { userId: someoneElse, organizationId: viewer.organizationId, role };
    return action === 'user.disable'
      ? can(viewer, { action, target })
      : roles.some((newRole) => can(viewer, { action, target, newRole }));
  });
}

export function createAccountsService({ db, sessions, events, now, throttle }: AccountsDeps) {
  const nowMs = () => now().getTime();
  // Per IP: enough for an office behind one NAT; per account: stops guessing one person's password.
  const perIp = throttle?.perIp ?? new FailureThrottle({ limit: 20, windowMs: 15 * 60_000 }, nowMs);
  const perAccount = throttle?.perAccount ?? new FailureThrottle({ limit: 5, windowMs: 15 * 60_000 }, nowMs);

  async function findUserByEmail(email: string) {
    const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
    return user;
  }

  return {
    /**
     * Ends the failed-login lock of an account (its per-account count), after its owner proved they hold the mailbox
     * by completing a password reset (services/accounts/password-reset.server.ts): they log in with the new password
     * at once instead of waiting out the 15 minutes. Whether a lock was on, for the audit. The per-IP count stays.
     */
    clearLoginLock(email: string): boolean {
      const key = email.trim().toLowerCase();
      const locked = perAccount.retryAfterSeconds(key) > 0;
      perAccount.reset(key);
      return locked;
    },

    /**
     * `meta.locale`: the language the person is reading Minka in. It becomes their account's language, which is
     * the language of the e-mails Minka sends them (services/notifications).
     */
    async login(
      input: unknown,
      meta: { ip: string; userAgent?: string | null; locale?: Locale },
    ): Promise<Outcome<LoginResult>> {
      const parsed = loginSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      const { email, password } = parsed.data;
      // Reserve the attempt on both counters before the (slow, awaited) password check: the check and the count
      // happen in one synchronous step, so 30 parallel guesses cannot all pass a limit of 5 (issue 12).
      const wait = Math.max(perIp.retryAfterSeconds(meta.ip), perAccount.retryAfterSeconds(email));
      if (wait === 0) {
        perIp.recordFailure(meta.ip);
        perAccount.recordFailure(email);
      }
      if (wait > 0) {
        await writeAudit(db, { action: 'auth.login_throttled', subjectType: 'email', subjectId: email, ip: meta.ip });
        return {
          ok: false,
          kind: 'rate_limited',
          message: 'Too many failed attempts. Try again later.',
          retryAfterSeconds: wait,
        };
      }
      const user = await findUserByEmail(email);
      const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
      const actor = valid && user && !user.disabledAt ? await loadActor(db, user.id) : null;
      if (!actor || !user) {
        // The failure was counted when the attempt was reserved.
        const reason = !user
          ? 'unknown_email'
          : !valid
            ? 'wrong_password'
            : user.disabledAt
              ? 'disabled'
              : 'no_membership';
        await writeAudit(db, {
          action: 'auth.login_failed',
          actorUserId: user?.id,
          subjectType: 'email',
          subjectId: email,
          data: { reason },
          ip: meta.ip,
        });
        // One message for every cause, so the form does not reveal which e-mails have accounts.
        return invalid('The e-mail or password is not correct, or the account is disabled.');
      }
      perAccount.reset(email);
      perIp.forgetOne(meta.ip);
      if (meta.locale && meta.locale !== user.locale)
        await db.update(users).set({ locale: meta.locale }).where(eq(users.id, user.id));
      const session = await sessions.create(user.id, meta);
      await writeAudit(db, {
        action: 'auth.login',
        actorUserId: user.id,
        organizationId: actor.organizationId,
        subjectType: 'session',
        subjectId: session.sessionId,
        ip: meta.ip,
      });
      return ok({
        token: session.token,
        expiresAt: session.expiresAt,
        actor: { ...actor, sessionId: session.sessionId },
      });
    },

    validateSession: (token: string | null | undefined) => sessions.validate(token),

    /** Housekeeping for the nightly job: expired sessions are refused anyway, this only reclaims space. */
    deleteExpiredSessions: () => sessions.deleteExpired(),

    async logout(actor: Actor, options: { everywhere?: boolean } = {}): Promise<Outcome<{ endedSessions: number }>> {
      let ended: string[];
      if (options.everywhere) {
        ended = await sessions.deleteAllOf(actor.userId);
        events.emit('sessions.revoked', { userId: actor.userId, sessionIds: 'all', reason: 'logout_everywhere' });
      } else {
        if (actor.sessionId) await sessions.delete(actor.sessionId);
        ended = actor.sessionId ? [actor.sessionId] : [];
        events.emit('sessions.revoked', { userId: actor.userId, sessionIds: ended, reason: 'logout' });
      }
      await writeAudit(db, {
        action: options.everywhere ? 'auth.logout_everywhere' : 'auth.logout',
        actorUserId: actor.userId,
        data: { sessions: ended.length },
        ip: actor.ip,
      });
      return ok({ endedSessions: ended.length });
    },

    /** The account's language: the language of the e-mails Minka sends this person. */
    async localeOf(actor: Actor): Promise<Locale> {
      const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, actor.userId));
      return row?.locale ?? 'en';
    },

    /** The language switch, for a signed-in person: their e-mails follow the language they chose. */
    async setLocale(actor: Actor, locale: unknown): Promise<Outcome<{ locale: Locale }>> {
      const parsed = localeSchema.safeParse(locale);
      if (!parsed.success) return invalid('The language is English (en) or Spanish (es).');
      await db.update(users).set({ locale: parsed.data }).where(eq(users.id, actor.userId));
      return ok({ locale: parsed.data });
    },

    /** The zones a person may choose for their account (UTC first). */
    timeZoneChoices: TIME_ZONE_CHOICES,

    /** The time zone this person reads meeting times in, on My meetings and in meeting e-mails (UTC by default). */
    async timeZoneOf(actor: Actor): Promise<string> {
      const [row] = await db.select({ zone: users.timeZone }).from(users).where(eq(users.id, actor.userId));
      return row?.zone ?? 'UTC';
    },

    /** Each person chooses their own time zone; stored by its canonical IANA name, audited. */
    async setTimeZone(actor: Actor, input: unknown): Promise<Outcome<{ timeZone: string }>> {
      const zone = typeof input === 'string' ? canonicalTimeZone(input.trim()) : null;
      if (!zone)
        return invalid('Choose a time zone from the list.', { timeZone: ['Choose a time zone from the list.'] });
      const [before] = await db.select({ zone: users.timeZone }).from(users).where(eq(users.id, actor.userId));
      if (!before) return notFound('Your account no longer exists.');
      if (before.zone === zone) return ok({ timeZone: zone });
      await db.transaction(async (tx) => {
        await tx.update(users).set({ timeZone: zone }).where(eq(users.id, actor.userId));
        await writeAudit(tx, {
          action: 'account.time_zone_changed',
          actorUserId: actor.userId,
          subjectType: 'user',
          subjectId: actor.userId,
          data: { from: before.zone, to: zone },
          ip: actor.ip,
        });
      });
      return ok({ timeZone: zone });
    },

    async changePassword(actor: Actor, input: unknown): Promise<Outcome<{ endedOtherSessions: number }>> {
      const parsed = changePasswordSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      const [user] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
      if (!user) return notFound('Your account no longer exists.');
      if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
        return invalid('Check the highlighted fields.', { currentPassword: ['The current password is not correct.'] });
      }
      await db
        .update(users)
        .set({ passwordHash: await hashPassword(parsed.data.newPassword), passwordChangedAt: now() })
        .where(eq(users.id, user.id));
      // Whoever knew the old password loses access everywhere but here.
      const ended = await sessions.deleteAllOf(user.id, actor.sessionId);
      if (ended.length)
        events.emit('sessions.revoked', { userId: user.id, sessionIds: ended, reason: 'password_changed' });
      await writeAudit(db, {
        action: 'auth.password_changed',
        actorUserId: user.id,
        data: { endedOtherSessions: ended.length },
        ip: actor.ip,
      });
      return ok({ endedOtherSessions: ended.length });
    },

    async invite(
      actor: Viewer,
      input: unknown,
    ): Promise<Outcome<{ invitationId: string; token: string; expiresAt: Date }>> {
      // Permission before validation (outside probe): someone who may invite nobody learns nothing about the form's
      // rules. The fine-grained check (this role in this organization) follows validation.
      if (!mayInviteSomeone(actor)) return forbidden('You cannot invite this role to this organization.');
      const parsed = inviteSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      const { email, organizationId, role } = parsed.data;
      const [organization] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
      if (!organization)
        return invalid('Check the highlighted fields.', { organizationId: ['This organization does not exist.'] });
      if (!roleFitsOrganization(role, organization.kind)) {
        return invalid('Check the highlighted fields.', {
          role: ['This role does not exist in that kind of organization.'],
        });
      }
      if (!can(actor, { action: 'invitation.create', organizationId, organizationKind: organization.kind, role })) {
        return forbidden('You cannot invite this role to this organization.');
      }
      if (await findUserByEmail(email))
        return invalid('Check the highlighted fields.', { email: ['An account with this e-mail already exists.'] });
      const token = randomToken();
      const expiresAt = new Date(nowMs() + INVITATION_LIFETIME_MS);
      const [row] = await db
        .insert(invitations)
        .values({ tokenHash: hashSecret(token), email, organizationId, role, invitedBy: actor.userId, expiresAt })
        .returning({ id: invitations.id });
      await writeAudit(db, {
        action: 'invitation.created',
        actorUserId: actor.userId,
        organizationId,
        subjectType: 'invitation',
        subjectId: row.id,
        data: { email, role },
        ip: actor.ip,
      });
      return ok({ invitationId: row.id, token, expiresAt });
    },

    async inspectInvitation(token: string): Promise<{
      state: InvitationState;
      email?: string;
      role?: Role;
      organizationName?: string;
      organizationNameEs?: string;
    }> {
      const found = await findInvitation(token);
      if (!found) return { state: 'unknown' };
      return {
        state: invitationState(found.invitation),
        email: found.invitation.email,
        role: found.invitation.role,
        organizationName: found.organizationName,
        organizationNameEs: found.organizationNameEs,
      };
    },

    async acceptInvitation(
      token: string,
      input: unknown,
      meta: { ip: string; userAgent?: string | null; locale?: Locale },
    ): Promise<Outcome<LoginResult>> {
      const found = await findInvitation(token);
      const state = found ? invitationState(found.invitation) : 'unknown';
      if (!found || state !== 'valid')
        return { ok: false, kind: state === 'unknown' ? 'not_found' : 'conflict', message: invitationMessage(state) };
      const parsed = acceptInvitationSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      const { invitation } = found;
      const passwordHash = await hashPassword(parsed.data.password);
      const userId = await db.transaction(async (tx) => {
        // Claim the invitation first: of two simultaneous submissions only one finds it still open.
        const claimed = await tx
          .update(invitations)
          .set({ acceptedAt: now() })
          .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
          .returning({ id: invitations.id });
        if (claimed.length === 0) return null;
        const [user] = await tx
          .insert(users)
          .values({
            email: invitation.email,
            displayName: parsed.data.displayName,
            passwordHash,
            ...(meta.locale ? { locale: meta.locale } : {}),
          })
          .returning({ id: users.id });
        await tx
          .insert(memberships)
          .values({ userId: user.id, organizationId: invitation.organizationId, role: invitation.role });
        await tx.update(invitations).set({ acceptedUserId: user.id }).where(eq(invitations.id, invitation.id));
        await writeAudit(tx, {
          action: 'invitation.accepted',
          actorUserId: user.id,
          organizationId: invitation.organizationId,
          subjectType: 'invitation',
          subjectId: invitation.id,
          data: { role: invitation.role },
          ip: meta.ip,
        });
        return user.id;
      });
      if (!userId) return { ok: false, kind: 'conflict', message: invitationMessage('used') };
      events.emit('account.joined', { userId, organizationId: invitation.organizationId });
      const actor = await loadActor(db, userId);
      if (!actor) return notFound();
      const session = await sessions.create(userId, meta);
      await writeAudit(db, {
        action: 'auth.login',
        actorUserId: userId,
        organizationId: actor.organizationId,
        subjectType: 'session',
        subjectId: session.sessionId,
        data: { via: 'invitation' },
        ip: meta.ip,
      });
      return ok({
        token: session.token,
        expiresAt: session.expiresAt,
        actor: { ...actor, sessionId: session.sessionId },
      });
    },

    async listUsers(actor: Viewer, query: { organizationId?: string; search?: string; page?: number } = {}) {
      const organizationId =
        actor && !can(actor, { action: 'admin.access' }) ? actor.organizationId : query.organizationId;
      if (!can(actor, { action: 'users.list', organizationId })) return forbidden();
      // The filter takes an organization's id; a code (PE) or junk names no organization (not a failed query).
      if (organizationId && !z.uuid().safeParse(organizationId).success)
        return notFound('This organization does not exist.');
      const pageSize = 25;
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const filters: SQL[] = [];
      if (organizationId) filters.push(eq(memberships.organizationId, organizationId));
      if (query.search?.trim()) {
        const term = `%${query.search.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        filters.push(or(ilike(users.email, term), ilike(users.displayName, term))!);
      }
      const where = filters.length ? and(...filters) : undefined;
      const [rows, [{ total }]] = await Promise.all([
        db
          .select({
            id: users.id,
            email: users.email,
            displayName: users.displayName,
            disabledAt: users.disabledAt,
            role: memberships.role,
            organizationId: organizations.id,
            organizationKind: organizations.kind,
            organizationCode: organizations.code,
            organizationNameEn: organizations.nameEn,
            organizationNameEs: organizations.nameEs,
          })
          .from(users)
          .innerJoin(memberships, eq(memberships.userId, users.id))
          .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
          .where(where)
          .orderBy(asc(organizations.nameEn), asc(users.email))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db.select({ total: count() }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(where),
      ]);
      return ok({ users: rows, page, pageCount: Math.max(1, Math.ceil(total / pageSize)), total });
    },

    async setUserDisabled(
      actor: Viewer,
      userId: string,
      disabled: boolean,
    ): Promise<Outcome<{ userId: string; disabled: boolean }>> {
      // Whoever may disable nobody is refused whatever the id, so ids cannot be probed (not found vs forbidden).
      if (!mayManageSomeone(actor, 'user.disable')) return forbidden();
      const target = await membershipOf(userId);
      if (!target) return notFound('This user does not exist.');
      if (
        !can(actor, {
          action: 'user.disable',
          target: { userId, organizationId: target.organizationId, role: target.role },
        })
      )
        return forbidden();
      await db
        .update(users)
        .set({ disabledAt: disabled ? now() : null })
        .where(eq(users.id, userId));
      if (disabled) {
        await sessions.deleteAllOf(userId);
        events.emit('sessions.revoked', { userId, sessionIds: 'all', reason: 'user_disabled' });
      }
      await writeAudit(db, {
        action: disabled ? 'user.disabled' : 'user.enabled',
        actorUserId: actor!.userId,
        organizationId: target.organizationId,
        subjectType: 'user',
        subjectId: userId,
        ip: actor!.ip,
      });
      return ok({ userId, disabled });
    },

    async changeRole(
      actor: Viewer,
      userId: string,
      newRoleInput: unknown,
    ): Promise<Outcome<{ userId: string; role: Role }>> {
      // Whoever may change nobody's role is refused whatever the id, so ids cannot be probed (not found vs forbidden).
      if (!actor || !mayManageSomeone(actor, 'user.change_role')) return forbidden();
      const target = await membershipOf(userId);
      if (!target) return notFound('This user does not exist.');
      const targetRef = { userId, organizationId: target.organizationId, role: target.role };
      // Authorization before validation: someone who may not make this change learns nothing about their input (a
      // role that does not fit was a 400 for them, a fitting one a 403). A value that names no role is checked
      // against every role: whoever may give this person none is refused first.
      const parsedRole = inviteSchema.shape.role.safeParse(newRoleInput);
      const allowed = parsedRole.success
        ? can(actor, { action: 'user.change_role', target: targetRef, newRole: parsedRole.data })
        : inviteSchema.shape.role.options.some((newRole) =>
            can(actor, { action: 'user.change_role', target: targetRef, newRole }),
          );
      if (!allowed) return forbidden();
      if (!parsedRole.success) return invalid('Choose a role.', { role: ['Choose a role.'] });
      const newRole = parsedRole.data;
      if (!roleFitsOrganization(newRole, target.organizationKind))
        return invalid('This role does not exist in that kind of organization.', {
          role: ['This role does not exist in that kind of organization.'],
        });
      await db.update(memberships).set({ role: newRole }).where(eq(memberships.id, target.membershipId));
      await writeAudit(db, {
        action: 'membership.role_changed',
        actorUserId: actor!.userId,
        organizationId: target.organizationId,
        subjectType: 'user',
        subjectId: userId,
        data: { from: target.role, to: newRole },
        ip: actor!.ip,
      });
      return ok({ userId, role: newRole });
    },

    /** Figures for the Secretariat's dashboard. Counts only: the platform never scores or ranks States. */
    async adminOverview(actor: Viewer) {
      if (!can(actor, { action: 'admin.access' })) return forbidden();
      const byKind = await db
        .select({ kind: organizations.kind, total: count() })
        .from(organizations)
        .groupBy(organizations.kind);
      const [{ total: userCount }] = await db.select({ total: count() }).from(users).where(isNull(users.disabledAt));
      const [{ total: pendingInvitations }] = await db
        .select({ total: count() })
        .from(invitations)
        .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now())));
      return ok({
        organizationsByKind: Object.fromEntries(byKind.map((r) => [r.kind, r.total])) as Partial<
          Record<OrganizationKind, number>
        >,
        userCount,
        pendingInvitations,
      });
    },

    /** An organization's private page: its members and what the viewer may do there. */
    async workspace(actor: Viewer, code: string) {
      const [organization] = await db.select().from(organizations).where(eq(organizations.code, code)).limit(1);
      if (!organization) return notFound('This organization does not exist.');
      if (!can(actor, { action: 'organization.view_private', organizationId: organization.id }))
        return forbidden('This page belongs to another organization.');
      const members = await db
        .select({
          id: users.id,
          email: users.email,
          displayName: users.displayName,
          role: memberships.role,
          disabledAt: users.disabledAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.organizationId, organization.id))
        .orderBy(asc(memberships.role), asc(users.displayName));
      const pending = await db
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          expiresAt: invitations.expiresAt,
        })
        .from(invitations)
        .where(
          and(
            eq(invitations.organizationId, organization.id),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        )
        .orderBy(asc(invitations.createdAt));
      const invitableRoles = ROLES_BY_KIND[organization.kind].filter((role) =>
        can(actor, {
          action: 'invitation.create',
          organizationId: organization.id,
          organizationKind: organization.kind,
          role,
        }),
      );
      return ok({
        organization,
        members: members.map((m) => ({
          ...m,
          canDisable: can(actor, {
            action: 'user.disable',
            target: { userId: m.id, organizationId: organization.id, role: m.role },
          }),
        })),
        pendingInvitations: pending.map((p) => ({ ...p, expired: p.expiresAt.getTime() <= nowMs() })),
        invitableRoles,
      });
    },

    async listOrganizations() {
      return db
        .select()
        .from(organizations)
        .where(eq(organizations.active, true))
        .orderBy(asc(organizations.kind), asc(organizations.nameEn));
    },
  };

  /** Undefined for an id from outside that is no uuid, as for one that names nobody: "not found", not a failed query. */
  async function membershipOf(userId: string) {
    if (!z.uuid().safeParse(userId).success) return undefined;
    const [row] = await db
      .select({
        membershipId: memberships.id,
        organizationId: memberships.organizationId,
        role: memberships.role,
        organizationKind: organizations.kind,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(eq(memberships.userId, userId))
      .limit(1);
    return row;
  }

  async function findInvitation(token: string) {
    if (!token || token.length > 64) return null;
    const [row] = await db
      .select({
        invitation: invitations,
        organizationName: organizations.nameEn,
        organizationNameEs: organizations.nameEs,
      })
      .from(invitations)
      .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
      .where(eq(invitations.tokenHash, hashSecret(token)))
      .limit(1);
    return row ?? null;
  }

  function invitationState(invitation: typeof invitations.$inferSelect): InvitationState {
    if (invitation.revokedAt) return 'revoked';
    if (invitation.acceptedAt) return 'used';
    if (invitation.expiresAt.getTime() <= nowMs()) return 'expired';
    return 'valid';
  }
}

function invitationMessage(state: InvitationState): string {
  switch (state) {
    case 'expired':
      return 'This invitation link has expired. Ask the person who invited you for a new one.';
    case 'used':
      return 'This invitation link has already been used. Log in with the account it created.';
    case 'revoked':
      return 'This invitation was withdrawn. Ask the person who invited you.';
    default:
      return 'This invitation link is not valid. Check that you copied the whole link.';
  }
}

export type AccountsService = ReturnType<typeof createAccountsService>;
