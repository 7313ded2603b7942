import type { Config } from '../config/config.ts';
import type { Db, DatabaseKind } from '../db/database.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { SessionRepository } from '../auth/session-repository.ts';
import type { NavigationItem } from '../views/page-context.ts';

/** What the web kernel needs from the composition root. */
export interface WebKernelDeps {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  now: () => Date;
  csrfSecret: Buffer;
  pseudonymSecret: Buffer;
  sessions: SessionRepository;
  rateLimiter: RateLimiter;
  /** Links of the header's main navigation, shown to visitors and citizens. */
  navigation?: ReadonlyArray<NavigationItem>;
}
