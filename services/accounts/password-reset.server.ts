import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { mailOutbox, passwordResets, users } from '../../db/schema';
import { writeAudit } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { mailFor } from '../notifications/notifications.server';
import { fieldErrorsFrom, invalid, ok, type Outcome } from '../outcome';
import { hashPassword, passwordSchema } from './password.server';
import type { SessionStore } from './sessions.server';
import { FailureThrottle } from './throttle';
import { hashSecret, randomToken } from './tokens.server';

/** How long a reset link works: long enough to find the e-mail, short enough that an old mailbox is no key. */
export const RESET_LIFETIME_MS = 60 * 60_000;

const requestSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid e-mail address.').max(254)),
});

export const resetSchema = z
  .object({ password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords differ.' });

export type ResetLinkState = 'valid' | 'expired' | 'used' | 'unknown';

interface Deps {
  db: Database;
  sessions: SessionStore;
  events: DomainEventBus;
  now: () => Date;
  throttle?: { perIp?: FailureThrottle; perAddress?: FailureThrottle };
  /**
   * The log-in lock after five wrong passwords (accounts' `clearLoginLock`): a completed reset proves the mailbox is
   * theirs, so it ends the lock and the new password works at once.
   */
  loginLock?: { clearLoginLock(email: string): boolean };
}

/**
 * Account recovery by e-mail (issue 15, decision 021). Asking always answers the same, whether or not the address
 * has an account (no one learns who has one); the e-mail goes through the mail outbox like every other. The link
 * carries a random token whose SHA-256 alone is stored; it works once, for an hour, and asking again voids the
 * earlier links. Setting the new password ends every session of the account (a thief's too) and is audited.
 */
export function createPasswordResetService({ db, sessions, events, now, throttle, loginLock }: Deps) {
  const nowMs = () => now().getTime();
  // Every request counts, known address or not, so a refusal says nothing about the address.
  const perIp = throttle?.perIp ?? new FailureThrottle({ limit: 10, windowMs: 15 * 60_000 }, nowMs);
  const perAddress = throttle?.perAddress ?? new FailureThrottle({ limit: 3, windowMs: 60 * 60_000 }, nowMs);

  async function findLink(token: string) {
    if (!token || token.length > 64) return null;
    const [row] = await db
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, hashSecret(token)))
      .limit(1);
    return row ?? null;
  }

  const stateOf = (row: typeof passwordResets.$inferSelect | null): ResetLinkState =>
    !row ? 'unknown' : row.usedAt ? 'used' : row.expiresAt.getTime() <= nowMs() ? 'expired' : 'valid';

  return {
    lifetimeMs: RESET_LIFETIME_MS,

    /** "Forgot password": the same answer for every well-formed address (ok), unless this IP or address asks too often. */
    async request(input: unknown, meta: { ip: string }): Promise<Outcome<{ sent: true }>> {
      const parsed = requestSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      const { email } = parsed.data;
      const wait = Math.max(perIp.retryAfterSeconds(meta.ip), perAddress.retryAfterSeconds(email));
      if (wait > 0) {
        await writeAudit(db, {
          action: 'auth.password_reset_throttled',
          subjectType: 'email',
          subjectId: email,
          ip: meta.ip,
        });
        return {
          ok: false,
          kind: 'rate_limited',
          message: 'Too many requests. Try again later.',
          retryAfterSeconds: wait,
        };
      }
      perIp.recordFailure(meta.ip);
      perAddress.recordFailure(email);
      const [user] = await db
        .select({ id: users.id, email: users.email, locale: users.locale, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.email, email))
        .limit(1);
      if (!user || user.disabledAt) {
        await writeAudit(db, {
          action: 'auth.password_reset_requested',
          subjectType: 'email',
          subjectId: email,
          data: { sent: false },
          ip: meta.ip,
        });
        return ok({ sent: true });
      }
      const token = randomToken();
      const link = `/password-reset/${token}`;
      await db.transaction(async (tx) => {
        // Only the newest link works.
        await tx
          .update(passwordResets)
          .set({ usedAt: now() })
          .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
        await tx.insert(passwordResets).values({
          tokenHash: hashSecret(token),
          userId: user.id,
          expiresAt: new Date(nowMs() + RESET_LIFETIME_MS),
          createdAt: now(),
          ip: meta.ip,
        });
        const mail = mailFor(
          {
            kind: 'account.password_reset',
            link,
            subject: 'Reset your password',
            body: 'Someone asked to reset the password of your Minka account. If it was you, open this link within an hour to choose a new password; it works once. If it was not you, ignore this e-mail: your password stays as it is.',
          },
          user.locale,
        );
        await tx.insert(mailOutbox).values({ toAddress: user.email, ...mail });
        await writeAudit(tx, {
          action: 'auth.password_reset_requested',
          actorUserId: user.id,
          subjectType: 'email',
          subjectId: email,
          data: { sent: true },
          ip: meta.ip,
        });
      });
      return ok({ sent: true });
    },

    /** What the link page says before asking for a password. */
    async inspect(token: string): Promise<ResetLinkState> {
      return stateOf(await findLink(token));
    },

    /** Sets the new password through a valid link, once; every session of the account ends. */
    async reset(token: string, input: unknown, meta: { ip: string }): Promise<Outcome<{ endedSessions: number }>> {
      const row = await findLink(token);
      const state = stateOf(row);
      if (state !== 'valid' || !row) return invalid(linkMessage(state));
      const parsed = resetSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      const passwordHash = await hashPassword(parsed.data.password);
      // The link is spent in the same statement that checks it: two submissions at once change the password once.
      const [spent] = await db
        .update(passwordResets)
        .set({ usedAt: now() })
        .where(and(eq(passwordResets.id, row.id), isNull(passwordResets.usedAt)))
        .returning({ userId: passwordResets.userId });
      if (!spent) return invalid(linkMessage('used'));
      const [user] = await db
        .update(users)
        .set({ passwordHash, passwordChangedAt: now() })
        .where(and(eq(users.id, spent.userId), isNull(users.disabledAt)))
        .returning({ id: users.id, email: users.email });
      if (!user) return invalid(linkMessage('unknown'));
      const unlocked = loginLock?.clearLoginLock(user.email) ?? false;
      const ended = await sessions.deleteAllOf(user.id);
      events.emit('sessions.revoked', { userId: user.id, sessionIds: 'all', reason: 'password_changed' });
      await writeAudit(db, {
        action: 'auth.password_reset',
        actorUserId: user.id,
        subjectType: 'user',
        subjectId: user.id,
        data: { endedSessions: ended.length },
        ip: meta.ip,
      });
      if (unlocked)
        await writeAudit(db, {
          action: 'auth.login_unlocked',
          actorUserId: user.id,
          subjectType: 'user',
          subjectId: user.id,
          data: { by: 'password_reset' },
          ip: meta.ip,
        });
      return ok({ endedSessions: ended.length });
    },
  };
}

function linkMessage(state: ResetLinkState): string {
  switch (state) {
    case 'expired':
      return 'This reset link has expired. Ask for a new one.';
    case 'used':
      return 'This reset link was already used or replaced by a newer one. Ask for a new one if you still need it.';
    default:
      return 'This reset link is not valid. Check that you copied the whole link, or ask for a new one.';
  }
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
