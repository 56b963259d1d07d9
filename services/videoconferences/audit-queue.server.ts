import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { AuditRecord } from '../audit/audit.server';

/**
 * One waiting line, with short keys and no empty values: the batch travels as one JSON text, and its size is most of
 * the statement's cost on the embedded database (t = at, a = action, u = actor, st/si = subject type/id,
 * o = organization, d = data, ip).
 */
interface Line {
  t: string;
  a: string;
  u?: string;
  st?: string;
  si?: string;
  o?: string;
  d?: Record<string, unknown>;
  ip?: string;
}

/**
 * The batch as one statement with one parameter (the lines as JSON): building a multi-row insert through the query
 * builder cost more than the database's own work (it checks every value of every row), and a fixed statement text
 * is parsed the same way each time.
 */
const insertLines = (lines: Line[]) => sql`
  insert into audit_log (at, action, actor_user_id, subject_type, subject_id, organization_id, data, ip)
  select t, a, u, st, si, o, coalesce(d, '{}'::jsonb), ip
  from json_to_recordset(${JSON.stringify(lines)}::json)
    as r(t timestamptz, a text, u uuid, st text, si text, o uuid, d jsonb, ip text)`;

export interface AuditQueueOptions {
  /** A line waits at most this long before its batch is written. */
  flushMs?: number;
  /** A batch is written at once when this many lines wait. */
  batchSize?: number;
  /** Past this many waiting lines (the database is slow or down), `ready()` makes callers wait for a write. */
  highWater?: number;
  /** Where a failed write is reported (it is retried). */
  onError?: (error: unknown, waiting: number) => void;
}

/**
 * Audit lines written off the request path, in batches (decision 028). A line is stamped when it is queued and
 * written, with the others waiting, by one multi-row insert within `flushMs` (or as soon as `batchSize` wait). A
 * failed insert keeps its lines and is retried; `drain()` writes everything that waits and is called by the server's
 * graceful shutdown before the database closes, so only a hard crash inside the flush interval can lose lines.
 * Callers await `ready()`: free while the queue is short, it holds a caller while more than `highWater` lines wait,
 * so a slow database slows joins down instead of filling memory.
 */
export function createAuditQueue(db: Database, options: AuditQueueOptions = {}) {
  const flushMs = options.flushMs ?? 50;
  const batchSize = options.batchSize ?? 2_000;
  const highWater = options.highWater ?? 10_000;
  const onError = options.onError ?? ((error) => console.error('audit queue: write failed, will retry', error));
  let waiting: Line[] = [];
  let writing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;

  function schedule(delay: number) {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
    timer.unref();
  }

  /** Writes what waits now, one batch at a time; resolves when nothing that waited at the call is unwritten. */
  function flush(): Promise<void> {
    if (writing) return writing;
    if (!waiting.length) return Promise.resolve();
    const batch = waiting.slice(0, batchSize);
    waiting = waiting.slice(batch.length);
    writing = db
      .execute(insertLines(batch))
      .then(
        () => {
          failures = 0;
        },
        (error: unknown) => {
          failures += 1;
          waiting = batch.concat(waiting);
          onError(error, waiting.length);
        },
      )
      .finally(() => {
        writing = null;
        // Back off after failures (up to 5 s); otherwise carry on with what arrived meanwhile.
        if (waiting.length) schedule(failures ? Math.min(5_000, flushMs * 2 ** failures) : 0);
      });
    return writing;
  }

  return {
    push(record: AuditRecord): void {
      const line: Line = { t: new Date().toISOString(), a: record.action };
      if (record.actorUserId) line.u = record.actorUserId;
      if (record.subjectType) line.st = record.subjectType;
      if (record.subjectId) line.si = record.subjectId;
      if (record.organizationId) line.o = record.organizationId;
      if (record.data && Object.keys(record.data).length) line.d = record.data;
      if (record.ip) line.ip = record.ip;
      waiting.push(line);
      if (waiting.length >= batchSize) void flush();
      else schedule(flushMs);
    },
    /** Resolves at once unless too many lines wait; then after the write under way. */
    ready(): Promise<void> | undefined {
      if (waiting.length <= highWater) return undefined;
      return flush();
    },
    /** Writes every waiting line (shutdown, tests). Gives up after `attempts` failed writes in a row. */
    async drain(attempts = 5): Promise<void> {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      let failed = 0;
      while (writing || waiting.length) {
        const before = failures;
        await flush();
        if (failures > before) {
          failed += 1;
          if (failed >= attempts) throw new Error(`audit queue: ${waiting.length} lines could not be written`);
        }
      }
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
    },
    get waiting(): number {
      return waiting.length;
    },
  };
}
export type AuditQueue = ReturnType<typeof createAuditQueue>;
