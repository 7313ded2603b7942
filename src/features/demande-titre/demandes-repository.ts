import { sql, type Generated, type Selectable } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';
import type { Etat } from './cycle-de-vie.ts';
import type { CaptureBiometrique } from './dispositif-recueil.ts';

export type Titre = 'cni' | 'passeport';
export type Origine = 'pre_demande' | 'cerfa';
export type AncienTitre = 'restitue' | 'aucun' | 'perdu_vole';
export type QualiteRepresentant = 'mere' | 'pere' | 'tuteur';
export type ResultatControle = 'concordance' | 'discordance' | 'dispositif_indisponible' | 'representant_present';

interface DemandesTables {
  demandes_titres: {
    id: Generated<string>;
    numero: string;
    titre: Titre;
    origine: Origine;
    pre_demande_numero: string | null;
    etat: Etat;
    commune_recueil: string;
    commune_remise: string;
    departement: string;
    usager_id: string | null;
    nom: string;
    prenoms: string;
    date_naissance: string;
    mobile: string | null;
    email: string | null;
    timbre_requis: boolean;
    timbre_numero: string | null;
    timbre_consomme: Generated<boolean>;
    capture: CaptureBiometrique | null;
    numero_titre: string | null;
    recueillie_le: Generated<Date>;
    disponible_depuis: Date | null;
    remise_le: Date | null;
    ancien_titre: AncienTitre | null;
    updated_at: Generated<Date>;
  };
  demandes_titres_controles_remise: {
    id: Generated<number>;
    demande_id: string;
    at: Date;
    agent_id: string | null;
    commune: string;
    methode: 'empreintes' | 'representant_legal';
    resultat: ResultatControle;
    dispositif: string | null;
    representant_nom: string | null;
    representant_qualite: QualiteRepresentant | null;
  };
  demandes_titres_historique: {
    id: Generated<number>;
    demande_id: string;
    at: Generated<Date>;
    evenement: string;
    de: Etat | null;
    vers: Etat;
    acteur_id: string | null;
    acteur_role: string;
    acteur_commune: string | null;
    motif: string | null;
  };
  stats_recueil_mensuel: { commune: string; mois: string; titre: Titre; origine: Origine; nombre: number };
}

export type DemandeRow = Selectable<DemandesTables['demandes_titres']>;
export type HistoriqueRow = Selectable<DemandesTables['demandes_titres_historique']>;
export type ControleRemiseRow = Selectable<DemandesTables['demandes_titres_controles_remise']>;
export type NouveauControle = Omit<ControleRemiseRow, 'id'>;
export type NouvelleDemande = Omit<DemandeRow, 'id' | 'etat' | 'timbre_consomme' | 'capture' | 'numero_titre' | 'recueillie_le' | 'disponible_depuis' | 'remise_le' | 'ancien_titre' | 'updated_at'> & {
  timbre_consomme: boolean;
  capture: CaptureBiometrique | null;
};

/** Where an agent may look: a mairie sees its commune, an instructeur its département. */
export type Perimetre = { commune: string } | { departement: string };

export function demandesRepository(db: Db) {
  const t = tables<DemandesTables>(db);
  const scoped = (perimetre: Perimetre) => {
    const query = t.selectFrom('demandes_titres').selectAll();
    return 'commune' in perimetre
      ? query.where((eb) => eb.or([eb('commune_recueil', '=', perimetre.commune), eb('commune_remise', '=', perimetre.commune)]))
      : query.where('departement', '=', perimetre.departement);
  };
  return {
    async inserer(demande: NouvelleDemande & { correction?: string }, recueillieLe: Date): Promise<DemandeRow> {
      const { correction: _correction, ...colonnes } = demande;
      return t
        .insertInto('demandes_titres')
        .values({ ...colonnes, capture: colonnes.capture ? (JSON.stringify(colonnes.capture) as never) : null, etat: 'recueillie', recueillie_le: recueillieLe, updated_at: recueillieLe })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async trouverDansPerimetre(perimetre: Perimetre, id: string) {
      return scoped(perimetre).where('id', '=', id).executeTakeFirst();
    },
    async trouverParNumero(perimetre: Perimetre, numero: string) {
      return scoped(perimetre).where('numero', '=', numero).executeTakeFirst();
    },
    /** For the public status check only: both the number and the birth date must match. */
    async trouverPourSuivi(numero: string, dateNaissance: string) {
      return t.selectFrom('demandes_titres').select(['numero', 'titre', 'etat', 'commune_remise', 'updated_at']).where('numero', '=', numero).where('date_naissance', '=', dateNaissance).executeTakeFirst();
    },
    async lister(perimetre: Perimetre, etats: readonly Etat[], limite = 200) {
      return scoped(perimetre).where('etat', 'in', [...etats]).orderBy('updated_at').limit(limite).execute();
    },
    async deLUsager(usagerId: string) {
      return t.selectFrom('demandes_titres').selectAll().where('usager_id', '=', usagerId).orderBy('recueillie_le', 'desc').limit(50).execute();
    },
    async trouverParNumeroTitre(commune: string, numeroTitre: string) {
      return t.selectFrom('demandes_titres').selectAll().where('commune_remise', '=', commune).where('numero_titre', '=', numeroTitre).executeTakeFirst();
    },
    /** The remise counter's lookup by name: titles waiting in this commune for someone born that day. */
    async aRemettreNesLe(commune: string, dateNaissance: string, limite = 50) {
      return t.selectFrom('demandes_titres').selectAll().where('commune_remise', '=', commune).where('etat', '=', 'disponible').where('date_naissance', '=', dateNaissance).orderBy('nom').limit(limite).execute();
    },
    async ajouterControle(controle: NouveauControle) {
      await t.insertInto('demandes_titres_controles_remise').values(controle).execute();
    },
    async controles(demandeId: string) {
      return t.selectFrom('demandes_titres_controles_remise').selectAll().where('demande_id', '=', demandeId).orderBy('id').execute();
    },
    /** System-wide, for the reminder job only. */
    async disponiblesDepuisAvant(limite: Date, nombre: number) {
      return t.selectFrom('demandes_titres').selectAll().where('etat', '=', 'disponible').where('disponible_depuis', '<=', limite).orderBy('disponible_depuis').limit(nombre).execute();
    },
    /** System-wide, for the production adapter only. */
    async accordeesAvant(limite: Date, nombre: number) {
      return t.selectFrom('demandes_titres').select(['id']).where('etat', '=', 'accordee').where('updated_at', '<=', limite).orderBy('updated_at').limit(nombre).execute();
    },
    async verrouiller(id: string) {
      return t.selectFrom('demandes_titres').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },
    async changerEtat(id: string, etat: Etat, maintenant: Date, autres: { disponible_depuis?: Date; remise_le?: Date; numero_titre?: string; ancien_titre?: AncienTitre } = {}) {
      await t.updateTable('demandes_titres').set({ etat, updated_at: maintenant, ...autres }).where('id', '=', id).execute();
    },
    async enregistrerCapture(id: string, capture: CaptureBiometrique, maintenant: Date) {
      await t.updateTable('demandes_titres').set({ capture: JSON.stringify(capture) as never, updated_at: maintenant }).where('id', '=', id).where('etat', '=', 'recueillie').execute();
    },
    /**
     * Claims the application's one stamp slot before the stamp is consumed, so two agents
     * entering two stamps at once cannot both have theirs consumed: the second claim fails.
     * A claim left by a crash (no consumption after five minutes) can be taken again.
     */
    async reserverTimbre(id: string, numero: string, maintenant: Date): Promise<boolean> {
      const perimee = new Date(maintenant.getTime() - 5 * 60_000);
      const resultat = await t
        .updateTable('demandes_titres')
        .set({ timbre_numero: numero, updated_at: maintenant })
        .where('id', '=', id)
        .where('etat', '=', 'recueillie')
        .where('timbre_consomme', '=', false)
        .where((eb) => eb.or([eb('timbre_numero', 'is', null), eb('updated_at', '<', perimee)]))
        .executeTakeFirst();
      return Number(resultat.numUpdatedRows) === 1;
    },
    /** Gives the slot back when the stamp was refused. */
    async libererTimbre(id: string, numero: string) {
      await t.updateTable('demandes_titres').set({ timbre_numero: null }).where('id', '=', id).where('timbre_numero', '=', numero).where('timbre_consomme', '=', false).execute();
    },
    async enregistrerTimbre(id: string, numero: string, maintenant: Date) {
      await t.updateTable('demandes_titres').set({ timbre_numero: numero, timbre_consomme: true, updated_at: maintenant }).where('id', '=', id).where('etat', '=', 'recueillie').execute();
    },
    async ajouterHistorique(ligne: Omit<HistoriqueRow, 'id' | 'at'> & { at: Date }) {
      await t.insertInto('demandes_titres_historique').values(ligne).execute();
    },
    async historique(demandeId: string) {
      return t.selectFrom('demandes_titres_historique').selectAll().where('demande_id', '=', demandeId).orderBy('id').execute();
    },
    /** Kept in the same transaction as the recueil, so the dashboard never scans history. */
    async compterRecueil(commune: string, mois: string, titre: Titre, origine: Origine) {
      await sql`insert into stats_recueil_mensuel (commune, mois, titre, origine, nombre) values (${commune}, ${mois}, ${titre}, ${origine}, 1)
        on conflict (commune, mois, titre, origine) do update set nombre = stats_recueil_mensuel.nombre + 1`.execute(db);
    },
    async statistiques(commune: string) {
      return t.selectFrom('stats_recueil_mensuel').selectAll().where('commune', '=', commune).orderBy('mois').execute();
    },
  };
}
export type DemandesRepository = ReturnType<typeof demandesRepository>;
