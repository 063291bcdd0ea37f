import type { SqliteDatabase } from './database';

/**
 * Transactions with work to do once they commit: notifications and broadcasts must never announce
 * something that a rollback then takes back. Nested writes join the outermost transaction.
 */
export function transactions(db: SqliteDatabase): { write<T>(fn: () => T): T; afterCommit(fn: () => void): void } {
  let depth = 0;
  let queue: (() => void)[] = [];
  return {
    write<T>(fn: () => T): T {
      depth += 1;
      let result: T;
      try {
        result = db.transaction(fn)();
      } catch (error) {
        if (depth === 1) queue = [];
        throw error;
      } finally {
        depth -= 1;
      }
      if (depth === 0) {
        const ready = queue;
        queue = [];
        for (const fn of ready) fn();
      }
      return result;
    },
    afterCommit(fn) {
      if (depth > 0) queue.push(fn);
      else fn();
    },
  };
}
