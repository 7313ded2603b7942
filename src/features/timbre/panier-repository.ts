import { sql, type ColumnType } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';
import type { Reponses } from './choix.ts';

export type ModeReception = 'courriel' | 'sms';

interface PanierTables {
  timbre_paniers: {
    id: ColumnType<string, string | undefined, never>;
    jeton_hash: string;
    reponses: ColumnType<Reponses, string, string>;
    mode_reception: ModeReception | null;
    destinataire: string | null;
    pre_demande: string | null;
    cree_le: ColumnType<Date, Date, never>;
    modifie_le: Date;
  };
  timbre_panier_lignes: { panier_id: string; code: string; quantite: number };
}

export interface Panier {
  id: string;
  reponses: Reponses;
  modeReception: ModeReception | null;
  destinataire: string | null;
  preDemande: string | null;
  lignes: { code: string; quantite: number }[];
}

/** The anonymous cart: found by the hash of the random token in the buyer's cookie. */
export function panierRepository(db: Db) {
  const t = tables<PanierTables>(db);
  return {
    async trouver(jetonHash: string): Promise<Panier | undefined> {
      const row = await t.selectFrom('timbre_paniers').selectAll().where('jeton_hash', '=', jetonHash).executeTakeFirst();
      if (!row) return undefined;
      const lignes = await t.selectFrom('timbre_panier_lignes').select(['code', 'quantite']).where('panier_id', '=', row.id).orderBy('code').execute();
      return { id: row.id, reponses: row.reponses, modeReception: row.mode_reception, destinataire: row.destinataire, preDemande: row.pre_demande, lignes };
    },
    async creer(jetonHash: string, now: Date): Promise<string> {
      const row = await t
        .insertInto('timbre_paniers')
        .values({ jeton_hash: jetonHash, reponses: '{}', mode_reception: null, destinataire: null, pre_demande: null, cree_le: now, modifie_le: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async enregistrerReponses(id: string, reponses: Reponses, now: Date) {
      await t.updateTable('timbre_paniers').set({ reponses: JSON.stringify(reponses), modifie_le: now }).where('id', '=', id).execute();
    },
    /** Adds to the line of that stamp if there is one, capped at `max`. */
    async ajouter(id: string, code: string, quantite: number, max: number) {
      await t
        .insertInto('timbre_panier_lignes')
        .values({ panier_id: id, code, quantite })
        .onConflict((oc) => oc.columns(['panier_id', 'code']).doUpdateSet({ quantite: sql<number>`least(timbre_panier_lignes.quantite + excluded.quantite, ${max})` }))
        .execute();
    },
    async changerQuantite(id: string, code: string, quantite: number) {
      await t.updateTable('timbre_panier_lignes').set({ quantite }).where('panier_id', '=', id).where('code', '=', code).execute();
    },
    async retirer(id: string, code: string) {
      await t.deleteFrom('timbre_panier_lignes').where('panier_id', '=', id).where('code', '=', code).execute();
    },
    async vider(id: string, now: Date) {
      await t.deleteFrom('timbre_panier_lignes').where('panier_id', '=', id).execute();
      await t.updateTable('timbre_paniers').set({ reponses: '{}', pre_demande: null, modifie_le: now }).where('id', '=', id).execute();
    },
    async rattacherPreDemande(id: string, preDemande: string, now: Date) {
      await t.updateTable('timbre_paniers').set({ pre_demande: preDemande, modifie_le: now }).where('id', '=', id).execute();
    },
    async enregistrerReception(id: string, mode: ModeReception, destinataire: string, now: Date) {
      await t.updateTable('timbre_paniers').set({ mode_reception: mode, destinataire, modifie_le: now }).where('id', '=', id).execute();
    },
  };
}
export type PanierRepository = ReturnType<typeof panierRepository>;
