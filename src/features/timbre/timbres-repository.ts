import type { ColumnType } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';
import type { StatutTimbre } from './cycle-de-vie.ts';

interface TimbresTables {
  timbres: {
    numero: string;
    commande_id: string;
    ligne: number;
    exemplaire: number;
    code: string;
    usage: string;
    montant_centimes: number;
    statut: StatutTimbre;
    achete_le: Date;
    expire_le: Date;
    remboursable_jusqu_au: Date;
  };
  timbre_consommations: { numero: string; reference_dossier: string; agent_id: string | null; commune: string | null; consomme_le: Date };
  timbre_remboursements: { numero: string; paiement_id: string; montant_centimes: number; demande_le: Date; remboursement_id: string | null; effectue_le: Date | null };
  timbre_historique: {
    id: ColumnType<number, never, never>;
    numero: string;
    evenement: string;
    de: string | null;
    vers: string;
    acteur: string;
    le: Date;
    details: ColumnType<Record<string, unknown>, string, never>;
  };
}

export interface Timbre {
  numero: string;
  commandeId: string;
  ligne: number;
  exemplaire: number;
  code: string;
  usage: string;
  montantCentimes: number;
  statut: StatutTimbre;
  acheteLe: Date;
  expireLe: Date;
  remboursableJusquAu: Date;
}

const toTimbre = (r: TimbresTables['timbres']): Timbre => ({
  numero: r.numero,
  commandeId: r.commande_id,
  ligne: r.ligne,
  exemplaire: r.exemplaire,
  code: r.code,
  usage: r.usage,
  montantCentimes: r.montant_centimes,
  statut: r.statut,
  acheteLe: r.achete_le,
  expireLe: r.expire_le,
  remboursableJusquAu: r.remboursable_jusqu_au,
});

export function timbresRepository(db: Db) {
  const t = tables<TimbresTables>(db);
  return {
    /**
     * Inserts a stamp unless this (commande, ligne, exemplaire) already has one. Returns
     * 'existe' in that case, 'collision' when the random number is taken (caller draws again).
     */
    async emettre(timbre: Omit<Timbre, 'statut'>): Promise<'emis' | 'existe' | 'collision'> {
      const inserted = await t
        .insertInto('timbres')
        .values({
          numero: timbre.numero,
          commande_id: timbre.commandeId,
          ligne: timbre.ligne,
          exemplaire: timbre.exemplaire,
          code: timbre.code,
          usage: timbre.usage,
          montant_centimes: timbre.montantCentimes,
          statut: 'valide',
          achete_le: timbre.acheteLe,
          expire_le: timbre.expireLe,
          remboursable_jusqu_au: timbre.remboursableJusquAu,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('numero')
        .executeTakeFirst();
      if (inserted) return 'emis';
      const same = await t
        .selectFrom('timbres')
        .select('numero')
        .where('commande_id', '=', timbre.commandeId)
        .where('ligne', '=', timbre.ligne)
        .where('exemplaire', '=', timbre.exemplaire)
        .executeTakeFirst();
      return same ? 'existe' : 'collision';
    },
    async trouver(numero: string) {
      const row = await t.selectFrom('timbres').selectAll().where('numero', '=', numero).executeTakeFirst();
      return row && toTimbre(row);
    },
    /** Locks the stamp row until the transaction ends: consumption and refund queue up here. */
    async verrouiller(numero: string) {
      const row = await t.selectFrom('timbres').selectAll().where('numero', '=', numero).forUpdate().executeTakeFirst();
      return row && toTimbre(row);
    },
    async deLaCommande(commandeId: string) {
      const rows = await t.selectFrom('timbres').selectAll().where('commande_id', '=', commandeId).orderBy('ligne').orderBy('exemplaire').execute();
      return rows.map(toTimbre);
    },
    async changerStatut(numero: string, de: StatutTimbre, vers: StatutTimbre) {
      const row = await t.updateTable('timbres').set({ statut: vers }).where('numero', '=', numero).where('statut', '=', de).returning('numero').executeTakeFirst();
      if (!row) throw new Error(`Timbre ${numero.slice(-4)} : statut concurrent inattendu`);
    },
    async historiser(numero: string, evenement: string, de: StatutTimbre | null, vers: StatutTimbre, acteur: string, le: Date, details: Record<string, unknown> = {}) {
      await t.insertInto('timbre_historique').values({ numero, evenement, de, vers, acteur, le, details: JSON.stringify(details) }).execute();
    },
    async historique(numero: string) {
      return t.selectFrom('timbre_historique').select(['evenement', 'de', 'vers', 'acteur', 'le']).where('numero', '=', numero).orderBy('id').execute();
    },
    async enregistrerConsommation(numero: string, referenceDossier: string, agentId: string | null, commune: string | null, le: Date) {
      await t.insertInto('timbre_consommations').values({ numero, reference_dossier: referenceDossier, agent_id: agentId, commune, consomme_le: le }).execute();
    },
    async consommation(numero: string) {
      return t.selectFrom('timbre_consommations').selectAll().where('numero', '=', numero).executeTakeFirst();
    },
    async compterConsommations(numero: string) {
      const row = await t.selectFrom('timbre_consommations').select((eb) => eb.fn.countAll<string>().as('n')).where('numero', '=', numero).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async demanderRemboursement(numero: string, paiementId: string, montantCentimes: number, le: Date) {
      await t.insertInto('timbre_remboursements').values({ numero, paiement_id: paiementId, montant_centimes: montantCentimes, demande_le: le, remboursement_id: null, effectue_le: null }).execute();
    },
    async remboursementEffectue(numero: string, remboursementId: string, le: Date) {
      await t.updateTable('timbre_remboursements').set({ remboursement_id: remboursementId, effectue_le: le }).where('numero', '=', numero).execute();
    },
    async remboursementsEnSuspens() {
      return t.selectFrom('timbre_remboursements').selectAll().where('effectue_le', 'is', null).execute();
    },
    async remboursement(numero: string) {
      return t.selectFrom('timbre_remboursements').selectAll().where('numero', '=', numero).executeTakeFirst();
    },
  };
}
export type TimbresRepository = ReturnType<typeof timbresRepository>;
