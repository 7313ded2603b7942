import { tables, type Db } from '../db/database.ts';
import type { Principal } from './principal.ts';

interface SessionTables {
  sessions: {
    id_hash: string;
    user_id: string;
    principal: Principal;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
  };
}

export interface SessionRow {
  idHash: string;
  principal: Principal;
  lastSeenAt: Date;
}

/** Server-side sessions live in the database so that any instance can serve any request. */
export function sessionRepository(db: Db) {
  const t = tables<SessionTables>(db);
  return {
    async insert(idHash: string, principal: Principal, now: Date, expiresAt: Date) {
      await t
        .insertInto('sessions')
        .values({ id_hash: idHash, user_id: principal.userId, principal: JSON.stringify(principal) as never, created_at: now, last_seen_at: now, expires_at: expiresAt })
        .execute();
    },
    async findActive(idHash: string, now: Date, idleSince: Date): Promise<SessionRow | undefined> {
      const row = await t
        .selectFrom('sessions')
        .select(['id_hash', 'principal', 'last_seen_at'])
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', now)
        .where('last_seen_at', '>', idleSince)
        .executeTakeFirst();
      return row && { idHash: row.id_hash, principal: row.principal, lastSeenAt: row.last_seen_at };
    },
    async touch(idHash: string, now: Date) {
      await t.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    },
    async delete(idHash: string) {
      await t.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteForUser(userId: string, exceptIdHash?: string) {
      let query = t.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptIdHash) query = query.where('id_hash', '<>', exceptIdHash);
      await query.execute();
    },
    /** Deletes the sessions `findActive` would refuse (past their absolute end, or idle); returns how many went. */
    async purgeExpired(now: Date, idleSince: Date): Promise<number> {
      const result = await t.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)])).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
export type SessionRepository = ReturnType<typeof sessionRepository>;
