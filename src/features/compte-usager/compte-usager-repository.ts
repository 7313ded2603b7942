import { tables, type Db } from '../../kernel/db/database.ts';

interface TelephoneTables {
  usager_telephones: { user_id: string; mobile: string; updated_at: Date };
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
