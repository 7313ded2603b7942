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
 * The longest window a counter may use. Housekeeping deletes counters whose window started
 * longer ago than this, so every counter it deletes has already expired.
 */
export const MAX_WINDOW_SECONDS = 24 * 3600;

function checkWindow(windowSeconds: number) {
  if (!(windowSeconds > 0 && windowSeconds <= MAX_WINDOW_SECONDS)) {
    throw new RangeError(`Rate-limit window must be between 1 and ${MAX_WINDOW_SECONDS} seconds (got ${windowSeconds}).`);
  }
}

/**
 * Fixed-window counters kept in the database, shared by every instance. Keys never hold
 * personal data in clear: callers pass pseudonymised identifiers.
 */
export function rateLimiter(db: Db, now: () => Date) {
  const t = tables<RateLimitTables>(db);
  async function purge(before: Date): Promise<number> {
    const result = await t.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
  return {
    async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
      checkWindow(windowSeconds);
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
      checkWindow(windowSeconds);
      const windowMs = windowSeconds * 1000;
      const windowStart = new Date(Math.floor(now().getTime() / windowMs) * windowMs);
      const row = await t.selectFrom('rate_limits').select('hits').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
      return row?.hits ?? 0;
    },
    /** Deletes the counters whose window started before `before`; returns how many went. */
    purge,
    /** Deletes every counter that can no longer limit anything (see MAX_WINDOW_SECONDS). */
    async purgeExpired(): Promise<number> {
      return purge(new Date(now().getTime() - MAX_WINDOW_SECONDS * 1000));
    },
  };
}
export type RateLimiter = ReturnType<typeof rateLimiter>;
