import { and, eq, lt, ne } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { sessions, users } from '../../db/schema';
import type { Actor } from '../actor';
import { loadActor } from './actors.server';
import { hashSecret, randomToken, secretMatches } from './tokens.server';

const DAY = 24 * 60 * 60 * 1000;
/** A session lives 30 days from its last use; it is extended at most once a day to spare writes. */
export const SESSION_LIFETIME_MS = 30 * DAY;
const REFRESH_AFTER_MS = 1 * DAY;

export interface ValidatedSession {
  sessionId: string;
  expiresAt: Date;
  actor: Actor;
  /** True when the expiry moved and the cookie must be sent again. */
  refreshed: boolean;
}

export function createSessionStore(db: Database, now: () => Date) {
  return {
    async create(userId: string, meta: { ip?: string | null; userAgent?: string | null } = {}) {
      const id = randomToken();
      const secret = randomToken();
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + SESSION_LIFETIME_MS);
      await db.insert(sessions).values({
        id,
        secretHash: hashSecret(secret),
        userId,
        createdAt,
        lastVerifiedAt: createdAt,
        expiresAt,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      });
      return { token: `${id}.${secret}`, sessionId: id, expiresAt };
    },

    /** Any malformed, unknown, expired or forged token is simply no session: never an error. */
    async validate(token: string | undefined | null): Promise<ValidatedSession | null> {
      if (!token || token.length > 100) return null;
      const [id, secret, extra] = token.split('.');
      if (!id || !secret || extra !== undefined) return null;
      const [row] = await db
        .select({ session: sessions, disabledAt: users.disabledAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, id))
        .limit(1);
      if (!row || !secretMatches(secret, row.session.secretHash)) return null;
      const current = now();
      if (row.session.expiresAt.getTime() <= current.getTime() || row.disabledAt) {
        await db.delete(sessions).where(eq(sessions.id, id));
        return null;
      }
      const actor = await loadActor(db, row.session.userId);
      if (!actor) return null;
      let expiresAt = row.session.expiresAt;
      let refreshed = false;
      if (current.getTime() - row.session.lastVerifiedAt.getTime() >= REFRESH_AFTER_MS) {
        expiresAt = new Date(current.getTime() + SESSION_LIFETIME_MS);
        await db.update(sessions).set({ expiresAt, lastVerifiedAt: current }).where(eq(sessions.id, id));
        refreshed = true;
      }
      return { sessionId: id, expiresAt, actor: { ...actor, sessionId: id }, refreshed };
    },

    async delete(sessionId: string) {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
    },

    async deleteAllOf(userId: string, exceptSessionId?: string) {
      const rows = await db
        .delete(sessions)
        .where(
          exceptSessionId
            ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
            : eq(sessions.userId, userId),
        )
        .returning({ id: sessions.id });
      return rows.map((r) => r.id);
    },

    /**
     * Deletes the expired sessions and answers how many. Every node runs it (server/index.ts): the delete is its own
     * claim, as each row is deleted by one statement only, so of two nodes running it at once the counts add up.
     */
    async deleteExpired(): Promise<number> {
      const gone = await db.delete(sessions).where(lt(sessions.expiresAt, now())).returning({ id: sessions.id });
      return gone.length;
    },

    async countActive(userId: string) {
      const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
      return rows.length;
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
