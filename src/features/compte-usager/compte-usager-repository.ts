import { tables, type Db } from '../../kernel/db/database.ts';

interface TelephoneTables {
  usager_telephones: { user_id: string; mobile: string; updated_at: Date };
}

interface ChangementEmailTables {
  changements_email: { token_hash: string; user_id: string; nouvelle_adresse: string; cree_le: Date; expire_le: Date; utilise_le: Date | null };
}

/** Pending changes of email address: a link to the new address, used once, before it expires. */
export function changementsEmailRepository(db: Db) {
  const t = tables<ChangementEmailTables>(db);
  return {
    /** A new request replaces the pending one: only the last link sent works. */
    async creer(tokenHash: string, userId: string, nouvelle: string, now: Date, expireLe: Date) {
      await t.deleteFrom('changements_email').where('user_id', '=', userId).where('utilise_le', 'is', null).execute();
      await t.insertInto('changements_email').values({ token_hash: tokenHash, user_id: userId, nouvelle_adresse: nouvelle, cree_le: now, expire_le: expireLe, utilise_le: null }).execute();
    },
    /** A password reset cancels any pending change: it may have been asked by whoever held a session. */
    async annulerEnAttente(userId: string) {
      await t.deleteFrom('changements_email').where('user_id', '=', userId).where('utilise_le', 'is', null).execute();
    },
    async valide(tokenHash: string, now: Date): Promise<{ userId: string; nouvelle: string } | undefined> {
      const row = await t.selectFrom('changements_email').select(['user_id', 'nouvelle_adresse']).where('token_hash', '=', tokenHash).where('utilise_le', 'is', null).where('expire_le', '>', now).executeTakeFirst();
      return row && { userId: row.user_id, nouvelle: row.nouvelle_adresse };
    },
    async consommer(tokenHash: string, now: Date): Promise<{ userId: string; nouvelle: string } | undefined> {
      const row = await t
        .updateTable('changements_email')
        .set({ utilise_le: now })
        .where('token_hash', '=', tokenHash)
        .where('utilise_le', 'is', null)
        .where('expire_le', '>', now)
        .returning(['user_id', 'nouvelle_adresse'])
        .executeTakeFirst();
      return row && { userId: row.user_id, nouvelle: row.nouvelle_adresse };
    },
  };
}

/** The mobile number kept with the account, offered again in each new pré-demande. */
export function telephonesRepository(db: Db) {
  const t = tables<TelephoneTables>(db);
  return {
    async set(userId: string, mobile: string, now: Date) {
      await t
        .insertInto('usager_telephones')
        .values({ user_id: userId, mobile, updated_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ mobile, updated_at: now }))
        .execute();
    },
    async find(userId: string): Promise<string | undefined> {
      const row = await t.selectFrom('usager_telephones').select('mobile').where('user_id', '=', userId).executeTakeFirst();
      return row?.mobile;
    },
  };
}
