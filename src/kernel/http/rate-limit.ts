import { tables, type Db } from '../db/database.ts';

interface RateLimitTables {
  rate_limits: { key: string; window_start: Date; hits: number };
}

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters kept in the database, shared by every instance. Keys never hold
 * personal data in clear: callers pass pseudonymised identifiers.
 */
export function rateLimiter(db: Db, now: () => Date) {
  const t = tables<RateLimitTables>(db);
  return {
    async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
      const at = now().getTime();
      const windowMs = windowSeconds * 1000;
      const windowStart = new Date(Math.floor(at / windowMs) * windowMs);
      const row = await t
        .insertInto('rate_limits')
        .values({ key, window_start: windowStart, hits: 1 })
        .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limits.hits', '+', 1) })))
        .returning('hits')
        .executeTakeFirstOrThrow();
      const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - at) / 1000);
      return { allowed: row.hits <= limit, hits: row.hits, retryAfterSeconds };
    },
    async peek(key: string, windowSeconds: number): Promise<number> {
      const windowMs = windowSeconds * 1000;
      const windowStart = new Date(Math.floor(now().getTime() / windowMs) * windowMs);
      const row = await t.selectFrom('rate_limits').select('hits').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
      return row?.hits ?? 0;
    },
    async purge(before: Date) {
      await t.deleteFrom('rate_limits').where('window_start', '<', before).execute();
    },
  };
}
export type RateLimiter = ReturnType<typeof rateLimiter>;
