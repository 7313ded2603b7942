import type { Db } from './database.ts';

export type InTransaction = <T>(work: (trx: Db) => Promise<T>) => Promise<T>;

/**
 * Runs work in one transaction, then — only once it committed — runs the after-commit
 * effects (waking the message worker). A rolled-back change never tells anyone anything.
 */
export function transactional(db: Db, afterCommit: () => void): InTransaction {
  return async (work) => {
    const result = await db.transaction().execute(work);
    afterCommit();
    return result;
  };
}
