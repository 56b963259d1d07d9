import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'drizzle-orm/logger';

/**
 * Counts the SQL statements issued inside a scope (an HTTP request, a test), so that "this page costs N queries
 * whatever the number of organizations" can be measured and guarded. Drizzle calls its logger for every statement
 * it sends, on PGlite and postgres.js alike, synchronously in the caller's async context: that is where
 * AsyncLocalStorage finds the scope's counter. Statements outside any scope are not counted.
 *
 * Only wired in when asked for (MINKA_COUNT_QUERIES=1, or a test's database): otherwise Drizzle keeps its no-op
 * logger and nothing here runs.
 */
interface Counter {
  count: number;
}

const scopes = new AsyncLocalStorage<Counter>();

export const countingLogger: Logger = {
  logQuery() {
    const counter = scopes.getStore();
    if (counter) counter.count += 1;
  },
};

/** Runs `fn` in a fresh counting scope; `count()` reads the statements issued so far in it. */
export function withQueryCount<T>(fn: (count: () => number) => T): T {
  const counter: Counter = { count: 0 };
  return scopes.run(counter, () => fn(() => counter.count));
}

/** Awaits `fn` and returns its result with the number of statements it issued. */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  return withQueryCount(async (count) => {
    const result = await fn();
    return { result, queries: count() };
  });
}
