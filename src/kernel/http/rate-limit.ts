import { tables, type Db } from '../db/database.ts';

interface RateLimitTables {
  rate_limits: { key: string; window_start: Date; hits: number };
}

/** One counter: at most `limit` attempts per fixed window of `windowSeconds`. */
export interface Limit {
  key: string;
  limit: number;
  windowSeconds: number;
}

export type AttemptOutcome<T> = { allowed: true; result: T } | { allowed: false; retryAfterSeconds: number };

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

function windowStartOf(at: number, windowSeconds: number) {
  const windowMs = windowSeconds * 1000;
  return new Date(Math.floor(at / windowMs) * windowMs);
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
  async function take(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult & { windowStart: Date }> {
    checkWindow(windowSeconds);
    const at = now().getTime();
    const windowMs = windowSeconds * 1000;
    const windowStart = windowStartOf(at, windowSeconds);
    const row = await t
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, hits: 1 })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limits.hits', '+', 1) })))
      .returning('hits')
      .executeTakeFirstOrThrow();
    const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - at) / 1000);
    return { allowed: row.hits <= limit, hits: row.hits, retryAfterSeconds, windowStart };
  }

  return {
    /** Counts one more call and says whether it is within the limit: every call counts. */
    async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
      const { windowStart: _windowStart, ...result } = await take(key, limit, windowSeconds);
      return result;
    },
    /**
     * Count first, then decide: the attempt takes one unit on every counter (one atomic
     * increment each) before `evaluate` runs; over any limit, it is refused without being
     * evaluated, so concurrent requests cannot all slip in before the first failure is counted.
     * An attempt that `isFailure` does not call a failure gives its units back: only failures
     * use up the allowance. There is no way to look at a counter without taking a unit.
     */
    async attempt<T>(limits: Limit[], evaluate: () => Promise<T>, isFailure: (result: T) => boolean): Promise<AttemptOutcome<T>> {
      const taken: Array<{ key: string; windowStart: Date }> = [];
      let retryAfterSeconds = 0;
      for (const { key, limit, windowSeconds } of limits) {
        const verdict = await take(key, limit, windowSeconds);
        taken.push({ key, windowStart: verdict.windowStart });
        if (!verdict.allowed) retryAfterSeconds = Math.max(retryAfterSeconds, verdict.retryAfterSeconds);
      }
      if (retryAfterSeconds > 0) return { allowed: false, retryAfterSeconds };
      const result = await evaluate();
      if (!isFailure(result)) {
        for (const { key, windowStart } of taken) {
          await t
            .updateTable('rate_limits')
            .set((eb) => ({ hits: eb('rate_limits.hits', '-', 1) }))
            .where('key', '=', key)
            .where('window_start', '=', windowStart)
            .where('hits', '>', 0)
            .execute();
        }
      }
      return { allowed: true, result };
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
