import type { SessionRepository } from '../auth/session-repository.ts';
import { RETENTION_MESSAGES_ENVOYES_JOURS, type OutboxRepository } from '../notifications/outbox-repository.ts';
import type { RateLimiter } from './rate-limit.ts';

/** How often expired sessions and rate-limit counters are deleted. */
export const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

export interface HousekeepingDeps {
  sessions: SessionRepository;
  rateLimiter: RateLimiter;
  /** Sent messages past their retention are deleted too (when given). */
  outbox?: OutboxRepository;
  now: () => Date;
  sessionIdleMinutes: number;
  onDone?: (purged: { sessions: number; compteurs: number; messages: number }) => void;
  onError?: (error: unknown) => void;
}

/**
 * Deletes what can no longer be used: sessions past their idle or absolute end, rate-limit
 * counters whose window is over, and sent messages past their retention period. It runs in the process that runs the message worker (the
 * app by default, or `npm run worker`); several of them at once only delete the same rows.
 */
export function sessionHousekeeping(deps: HousekeepingDeps) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const api = {
    async runOnce() {
      const now = deps.now();
      const sessions = await deps.sessions.purgeExpired(now, new Date(now.getTime() - deps.sessionIdleMinutes * 60_000));
      const compteurs = await deps.rateLimiter.purgeExpired();
      const messages = deps.outbox ? await deps.outbox.purgeSent(new Date(now.getTime() - RETENTION_MESSAGES_ENVOYES_JOURS * 86_400_000)) : 0;
      return { sessions, compteurs, messages };
    },
    /** Runs once now, then every `intervalMs`; a run never overlaps the previous one. */
    start(intervalMs = HOUSEKEEPING_EVERY_MS) {
      const tick = () => {
        if (running) return;
        running = api
          .runOnce()
          .then((purged) => deps.onDone?.(purged))
          .catch((error: unknown) => deps.onError?.(error))
          .finally(() => {
            running = undefined;
          });
      };
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    /** Stops the timer and waits for a run in progress, so the database can close after. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
  return api;
}
export type SessionHousekeeping = ReturnType<typeof sessionHousekeeping>;
