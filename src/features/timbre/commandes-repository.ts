import { sql, type ColumnType, type Selectable } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';
import type { ModeReception } from './panier-repository.ts';

export type StatutCommande = 'en_attente' | 'payee' | 'refusee';

interface CommandesTables {
  timbre_commandes: {
    id: ColumnType<string, string | undefined, never>;
    reference: string;
    panier_id: string;
    statut: StatutCommande;
    montant_centimes: number;
    mode_reception: ModeReception;
    destinataire: string;
    prestataire: string;
    paiement_id: string | null;
    pre_demande: string | null;
    cree_le: Date;
    payee_le: Date | null;
  };
  timbre_notifications_paiement: { evenement_id: string; paiement_id: string; recue_le: Date };
  timbre_commande_lignes: { commande_id: string; rang: number; code: string; libelle: string; usage: string; montant_centimes: number; quantite: number };
}

export interface LigneCommande {
  rang: number;
  code: string;
  libelle: string;
  usage: string;
  montantCentimes: number;
  quantite: number;
}

export interface Commande {
  id: string;
  reference: string;
  panierId: string;
  statut: StatutCommande;
  montantCentimes: number;
  modeReception: ModeReception;
  destinataire: string;
  prestataire: string;
  paiementId: string | null;
  preDemande: string | null;
  creeLe: Date;
  payeeLe: Date | null;
}

type LigneSql = Selectable<CommandesTables['timbre_commandes']>;

const toCommande = (row: LigneSql): Commande => ({
  id: row.id,
  reference: row.reference,
  panierId: row.panier_id,
  statut: row.statut,
  montantCentimes: row.montant_centimes,
  modeReception: row.mode_reception,
  destinataire: row.destinataire,
  prestataire: row.prestataire,
  paiementId: row.paiement_id,
  preDemande: row.pre_demande,
  creeLe: row.cree_le,
  payeeLe: row.payee_le,
});

export function commandesRepository(db: Db) {
  const t = tables<CommandesTables>(db);
  return {
    async creer(commande: Omit<Commande, 'id' | 'statut' | 'paiementId' | 'payeeLe'>, lignes: LigneCommande[]): Promise<Commande> {
      const row = await t
        .insertInto('timbre_commandes')
        .values({
          reference: commande.reference,
          panier_id: commande.panierId,
          statut: 'en_attente',
          montant_centimes: commande.montantCentimes,
          mode_reception: commande.modeReception,
          destinataire: commande.destinataire,
          prestataire: commande.prestataire,
          paiement_id: null,
          pre_demande: commande.preDemande,
          cree_le: commande.creeLe,
          payee_le: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await t
        .insertInto('timbre_commande_lignes')
        .values(lignes.map((l) => ({ commande_id: row.id, rang: l.rang, code: l.code, libelle: l.libelle, usage: l.usage, montant_centimes: l.montantCentimes, quantite: l.quantite })))
        .execute();
      return toCommande(row);
    },
    async rattacherPaiement(id: string, paiementId: string) {
      await t.updateTable('timbre_commandes').set({ paiement_id: paiementId }).where('id', '=', id).execute();
    },
    async trouver(id: string) {
      const row = await t.selectFrom('timbre_commandes').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toCommande(row);
    },
    async parReference(reference: string) {
      const row = await t.selectFrom('timbre_commandes').selectAll().where('reference', '=', reference).executeTakeFirst();
      return row && toCommande(row);
    },
    async parPaiement(paiementId: string) {
      const row = await t.selectFrom('timbre_commandes').selectAll().where('paiement_id', '=', paiementId).executeTakeFirst();
      return row && toCommande(row);
    },
    async duPanier(panierId: string): Promise<Commande[]> {
      const rows = await t.selectFrom('timbre_commandes').selectAll().where('panier_id', '=', panierId).orderBy('cree_le', 'desc').orderBy('reference', 'desc').limit(20).execute();
      return rows.map(toCommande);
    },
    async lignes(commandeId: string): Promise<LigneCommande[]> {
      const rows = await t.selectFrom('timbre_commande_lignes').selectAll().where('commande_id', '=', commandeId).orderBy('rang').execute();
      return rows.map((r) => ({ rang: r.rang, code: r.code, libelle: r.libelle, usage: r.usage, montantCentimes: r.montant_centimes, quantite: r.quantite }));
    },
    /**
     * The one door to "paid": only an order still waiting changes, so however many
     * notifications and browser returns race, exactly one caller gets `true`.
     */
    async marquerPayee(id: string, at: Date): Promise<boolean> {
      const row = await t.updateTable('timbre_commandes').set({ statut: 'payee', payee_le: at }).where('id', '=', id).where('statut', '=', 'en_attente').returning('id').executeTakeFirst();
      return Boolean(row);
    },
    async marquerRefusee(id: string) {
      await t.updateTable('timbre_commandes').set({ statut: 'refusee' }).where('id', '=', id).where('statut', '=', 'en_attente').execute();
    },
    /** Orders paid whose stamps are missing (a crash between the two in an older version, a restore…). */
    async payeesSansTimbres(): Promise<Commande[]> {
      const rows = await sql<LigneSql>`
        select c.* from timbre_commandes c
        where c.statut = 'payee'
          and (select coalesce(sum(l.quantite), 0) from timbre_commande_lignes l where l.commande_id = c.id)
            > (select count(*) from timbres s where s.commande_id = c.id)`.execute(db);
      return rows.rows.map(toCommande);
    },
    /** False when this notification was already applied (a replay). */
    async noterEvenement(evenementId: string, paiementId: string, at: Date): Promise<boolean> {
      const row = await t
        .insertInto('timbre_notifications_paiement')
        .values({ evenement_id: evenementId, paiement_id: paiementId, recue_le: at })
        .onConflict((oc) => oc.column('evenement_id').doNothing())
        .returning('evenement_id')
        .executeTakeFirst();
      return Boolean(row);
    },
    async payeesDeLaPreDemande(preDemande: string): Promise<Commande[]> {
      const rows = await t.selectFrom('timbre_commandes').selectAll().where('pre_demande', '=', preDemande).where('statut', '=', 'payee').orderBy('payee_le').execute();
      return rows.map(toCommande);
    },
    async enAttenteAvecPaiement(): Promise<Commande[]> {
      const rows = await t.selectFrom('timbre_commandes').selectAll().where('statut', '=', 'en_attente').where('paiement_id', 'is not', null).execute();
      return rows.map(toCommande);
    },
  };
}
export type CommandesRepository = ReturnType<typeof commandesRepository>;
