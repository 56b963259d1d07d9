import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLog, users } from '../../db/schema';
import type { Viewer } from '../actor';
import { can } from '../permissions';
import { forbidden, ok, type Outcome } from '../outcome';

export interface AuditRecord {
  action: string;
  actorUserId?: string | null;
  subjectType?: string;
  subjectId?: string;
  organizationId?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** Anything that can run a query: the database or an open transaction. */
export type Executor = Pick<Database, 'insert' | 'select' | 'update' | 'delete'>;

export async function writeAudit(executor: Executor, record: AuditRecord): Promise<void> {
  await executor.insert(auditLog).values({
    action: record.action,
    actorUserId: record.actorUserId ?? null,
    subjectType: record.subjectType,
    subjectId: record.subjectId,
    organizationId: record.organizationId ?? null,
    data: record.data ?? {},
    ip: record.ip ?? null,
  });
}

export interface AuditPage {
  entries: Array<{
    id: number;
    at: Date;
    action: string;
    actorEmail: string | null;
    subjectType: string | null;
    subjectId: string | null;
    data: Record<string, unknown>;
    ip: string | null;
  }>;
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextBefore: number | null;
}

export function createAuditService(db: Database) {
  return {
    /** The Secretariat's view of the trail, newest first, keyset-paginated. */
    async list(
      viewer: Viewer,
      query: { before?: number; action?: string; limit?: number } = {},
    ): Promise<Outcome<AuditPage>> {
      if (!can(viewer, { action: 'audit.view' })) return forbidden();
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
      const filters: SQL[] = [];
      // A cursor from outside: only a positive whole number within bigint counts; anything else means no cursor
      // (a huge number reached PostgreSQL as out of range, a 500, before 2026-12-07).
      if (query.before !== undefined && Number.isSafeInteger(query.before) && query.before > 0)
        filters.push(lt(auditLog.id, query.before));
      if (query.action) filters.push(eq(auditLog.action, query.action));
      const rows = await db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          action: auditLog.action,
          actorEmail: users.email,
          subjectType: auditLog.subjectType,
          subjectId: auditLog.subjectId,
          data: auditLog.data,
          ip: auditLog.ip,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .where(filters.length ? and(...filters) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(limit + 1);
      const entries = rows.slice(0, limit);
      return ok({ entries, nextBefore: rows.length > limit ? entries[entries.length - 1].id : null });
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
