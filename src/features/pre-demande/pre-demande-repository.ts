import type { ColumnType, Generated, Selectable } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';
import type { JourneyState } from '../../kernel/forms/index.ts';
import type { Statut } from './cycle-de-vie.ts';
import { UUID } from '../../kernel/db/ids.ts';

interface PreDemandeTables {
  pre_demandes: {
    id: Generated<string>;
    user_id: string;
    numero: string | null;
    statut: Statut;
    reponses: ColumnType<Record<string, string>, string, string>;
    etapes: ColumnType<string[], string, string>;
    personne: string;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    validee_le: Date | null;
    expire_le: Date | null;
    accompagnement_id: string | null;
    aide_agent_id: string | null;
    aide_agent_nom: string | null;
    aide_commune: string | null;
    aide_le: Date | null;
  };
  pre_demande_rendez_vous: {
    id: Generated<string>;
    pre_demande_id: string;
    date_rdv: Date;
    lieu: string;
    lien_gestion: string | null;
    source: string;
    cree_le: Generated<Date>;
  };
  pre_demande_historique: {
    id: Generated<string>;
    pre_demande_id: string;
    evenement: string;
    de: string;
    vers: string;
    acteur_id: string | null;
    acteur_role: string | null;
    motif: string | null;
    at: Generated<Date>;
  };
}

export interface PreDemande {
  id: string;
  userId: string;
  numero: string | null;
  statut: Statut;
  state: JourneyState;
  personne: string;
  createdAt: Date;
  updatedAt: Date;
  valideeLe: Date | null;
  expireLe: Date | null;
  /** The espace numérique agent who helped start it (assisted mode), if any. */
  aide: Aide | null;
}

export interface Aide {
  accompagnementId: string | null;
  agentId: string;
  agentNom: string;
  commune: string;
  le: Date;
}

/** An appointment booked for the pré-demande (the national API's `appointments`). */
export interface RendezVous {
  date: Date;
  lieu: string;
  lienGestion: string | null;
}

export interface Historique {
  evenement: string;
  de: string;
  vers: string;
  acteurId: string | null;
  acteurRole: string | null;
  at: Date;
}

function toPreDemande(row: Selectable<PreDemandeTables['pre_demandes']>): PreDemande {
  return {
    id: row.id,
    userId: row.user_id,
    numero: row.numero,
    statut: row.statut,
    state: { answers: row.reponses, completed: row.etapes },
    personne: row.personne,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    valideeLe: row.validee_le,
    expireLe: row.expire_le,
    aide:
      row.aide_agent_id && row.aide_commune && row.aide_le
        ? { accompagnementId: row.accompagnement_id, agentId: row.aide_agent_id, agentNom: row.aide_agent_nom ?? '', commune: row.aide_commune, le: row.aide_le }
        : null,
  };
}

/** Every read is scoped to the owner: someone else's pré-demande is simply not found. */
export function preDemandeRepository(db: Db) {
  const t = tables<PreDemandeTables>(db);
  return {
    async creer(userId: string, state: JourneyState, personne: string, aide: Aide | null = null): Promise<string> {
      const row = await t
        .insertInto('pre_demandes')
        .values({
          user_id: userId,
          statut: 'brouillon',
          reponses: JSON.stringify(state.answers),
          etapes: JSON.stringify(state.completed),
          personne,
          numero: null,
          validee_le: null,
          expire_le: null,
          accompagnement_id: aide?.accompagnementId ?? null,
          aide_agent_id: aide?.agentId ?? null,
          aide_agent_nom: aide?.agentNom ?? null,
          aide_commune: aide?.commune ?? null,
          aide_le: aide?.le ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async trouver(id: string, userId: string): Promise<PreDemande | undefined> {
      if (!UUID.test(id)) return undefined;
      const row = await t.selectFrom('pre_demandes').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      return row && toPreDemande(row);
    },
    /** At the mairie: the number is the key the citizen brings (typed, or read from the QR code). */
    async trouverParNumero(numero: string): Promise<PreDemande | undefined> {
      const row = await t.selectFrom('pre_demandes').selectAll().where('numero', '=', numero).executeTakeFirst();
      return row && toPreDemande(row);
    },
    async lister(userId: string): Promise<PreDemande[]> {
      const rows = await t.selectFrom('pre_demandes').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
      return rows.map(toPreDemande);
    },
    async enregistrerBrouillon(id: string, userId: string, state: JourneyState, personne: string, now: Date): Promise<boolean> {
      const result = await t
        .updateTable('pre_demandes')
        .set({ reponses: JSON.stringify(state.answers), etapes: JSON.stringify(state.completed), personne, updated_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('statut', '=', 'brouillon')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Freezes the answers on the path and gives the number; only a draft can be validated. */
    async valider(id: string, reponses: Record<string, string>, numero: string, expireLe: Date, now: Date): Promise<boolean> {
      const result = await t
        .updateTable('pre_demandes')
        .set({ statut: 'validee', numero, reponses: JSON.stringify(reponses), validee_le: now, expire_le: expireLe, updated_at: now })
        .where('id', '=', id)
        .where('statut', '=', 'brouillon')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async changerStatut(id: string, de: Statut, vers: Statut, now: Date): Promise<boolean> {
      const result = await t.updateTable('pre_demandes').set({ statut: vers, updated_at: now }).where('id', '=', id).where('statut', '=', de).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async supprimerBrouillon(id: string, userId: string): Promise<boolean> {
      if (!UUID.test(id)) return false;
      const result = await t.deleteFrom('pre_demandes').where('id', '=', id).where('user_id', '=', userId).where('statut', '=', 'brouillon').executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async ajouterHistorique(entry: { preDemandeId: string; evenement: string; de: string; vers: string; acteurId: string | null; acteurRole: string | null; at: Date }) {
      await t
        .insertInto('pre_demande_historique')
        .values({ pre_demande_id: entry.preDemandeId, evenement: entry.evenement, de: entry.de, vers: entry.vers, acteur_id: entry.acteurId, acteur_role: entry.acteurRole, motif: null, at: entry.at })
        .execute();
    },
    async historique(id: string): Promise<Historique[]> {
      const rows = await t.selectFrom('pre_demande_historique').selectAll().where('pre_demande_id', '=', id).orderBy('id').execute();
      return rows.map((row) => ({ evenement: row.evenement, de: row.de, vers: row.vers, acteurId: row.acteur_id, acteurRole: row.acteur_role, at: row.at }));
    },
    /** Pré-demandes started in one assisted session: all the helping agent may see of the account. */
    async delAccompagnement(accompagnementId: string): Promise<PreDemande[]> {
      if (!UUID.test(accompagnementId)) return [];
      const rows = await t.selectFrom('pre_demandes').selectAll().where('accompagnement_id', '=', accompagnementId).orderBy('created_at').execute();
      return rows.map(toPreDemande);
    },
    async ajouterRendezVous(preDemandeId: string, rdv: RendezVous, source: string) {
      await t.insertInto('pre_demande_rendez_vous').values({ pre_demande_id: preDemandeId, date_rdv: rdv.date, lieu: rdv.lieu, lien_gestion: rdv.lienGestion, source }).execute();
    },
    async rendezVous(preDemandeIds: readonly string[]): Promise<Map<string, RendezVous[]>> {
      const parPd = new Map<string, RendezVous[]>();
      if (preDemandeIds.length === 0) return parPd;
      const rows = await t.selectFrom('pre_demande_rendez_vous').selectAll().where('pre_demande_id', 'in', [...preDemandeIds]).orderBy('date_rdv').execute();
      for (const row of rows) parPd.set(row.pre_demande_id, [...(parPd.get(row.pre_demande_id) ?? []), { date: row.date_rdv, lieu: row.lieu, lienGestion: row.lien_gestion }]);
      return parPd;
    },
    /** Validated or declared pré-demandes whose expiry falls before `jusqua` (overdue ones included), across all accounts. */
    async expirantAvant(jusqua: Date, limite = 500): Promise<PreDemande[]> {
      const rows = await t.selectFrom('pre_demandes').selectAll().where('statut', 'in', ['validee', 'declaree']).where('expire_le', '<=', jusqua).orderBy('expire_le').limit(limite).execute();
      return rows.map(toPreDemande);
    },
    async numeroExiste(numero: string): Promise<boolean> {
      return Boolean(await t.selectFrom('pre_demandes').select('id').where('numero', '=', numero).executeTakeFirst());
    },
  };
}
export type PreDemandeRepository = ReturnType<typeof preDemandeRepository>;
