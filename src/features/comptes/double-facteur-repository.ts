import { tables, type Db } from '../../kernel/db/database.ts';

interface DoubleFacteurTables {
  agent_totp: { user_id: string; secret: string; confirme_le: Date | null; dernier_pas: string | number | null; cree_le: Date };
  agent_codes_secours: { user_id: string; empreinte: string; utilise_le: Date | null };
  connexions_en_attente: { jeton_hash: string; user_id: string; expire_le: Date };
}

export interface SecretTotp {
  secret: string;
  confirme: boolean;
  dernierPas: number | null;
}

export function doubleFacteurRepository(db: Db) {
  const t = tables<DoubleFacteurTables>(db);
  return {
    async secret(userId: string): Promise<SecretTotp | undefined> {
      const row = await t.selectFrom('agent_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return row && { secret: row.secret, confirme: row.confirme_le !== null, dernierPas: row.dernier_pas === null ? null : Number(row.dernier_pas) };
    },
    /**
     * The secret waiting for its first code: a new one, or the one already shown (reloading
     * the page must not invalidate a QR code the phone has just scanned).
     */
    async proposerSecret(userId: string, secret: string, now: Date): Promise<string> {
      await t
        .insertInto('agent_totp')
        .values({ user_id: userId, secret, confirme_le: null, dernier_pas: null, cree_le: now })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .execute();
      return (await t.selectFrom('agent_totp').select('secret').where('user_id', '=', userId).executeTakeFirstOrThrow()).secret;
    },
    /**
     * Records the step just used, only if it is later than the last one: two sign-ins racing
     * with the same code cannot both win (the update is the decision).
     */
    async utiliserPas(userId: string, pas: number, confirmerLe: Date | null): Promise<boolean> {
      const result = await t
        .updateTable('agent_totp')
        .set({ dernier_pas: pas, ...(confirmerLe ? { confirme_le: confirmerLe } : {}) })
        .where('user_id', '=', userId)
        .where((eb) => eb.or([eb('dernier_pas', 'is', null), eb('dernier_pas', '<', pas)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async remplacerCodesSecours(userId: string, empreintes: string[]) {
      await t.deleteFrom('agent_codes_secours').where('user_id', '=', userId).execute();
      if (empreintes.length > 0) await t.insertInto('agent_codes_secours').values(empreintes.map((empreinte) => ({ user_id: userId, empreinte, utilise_le: null }))).execute();
    },
    /** Uses a recovery code once; false when unknown or already used. */
    async utiliserCodeSecours(userId: string, empreinte: string, now: Date): Promise<boolean> {
      const result = await t.updateTable('agent_codes_secours').set({ utilise_le: now }).where('user_id', '=', userId).where('empreinte', '=', empreinte).where('utilise_le', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async codesSecoursRestants(userId: string): Promise<number> {
      const rows = await t.selectFrom('agent_codes_secours').select('empreinte').where('user_id', '=', userId).where('utilise_le', 'is', null).execute();
      return rows.length;
    },
    async supprimer(userId: string) {
      await t.deleteFrom('agent_totp').where('user_id', '=', userId).execute();
      await t.deleteFrom('agent_codes_secours').where('user_id', '=', userId).execute();
      await t.deleteFrom('connexions_en_attente').where('user_id', '=', userId).execute();
    },
    async ouvrirAttente(jetonHash: string, userId: string, expireLe: Date) {
      await t.deleteFrom('connexions_en_attente').where('user_id', '=', userId).execute();
      await t.insertInto('connexions_en_attente').values({ jeton_hash: jetonHash, user_id: userId, expire_le: expireLe }).execute();
    },
    async attente(jetonHash: string, now: Date): Promise<string | undefined> {
      const row = await t.selectFrom('connexions_en_attente').select('user_id').where('jeton_hash', '=', jetonHash).where('expire_le', '>', now).executeTakeFirst();
      return row?.user_id;
    },
    async fermerAttente(jetonHash: string) {
      await t.deleteFrom('connexions_en_attente').where('jeton_hash', '=', jetonHash).execute();
    },
    async purgerAttentes(now: Date) {
      await t.deleteFrom('connexions_en_attente').where('expire_le', '<=', now).execute();
    },
  };
}
export type DoubleFacteurRepository = ReturnType<typeof doubleFacteurRepository>;
