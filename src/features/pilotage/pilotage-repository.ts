import { sql, type ExpressionBuilder, type Kysely, type OperandExpression, type SqlBool } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';
import { departementDe, JOURS_MAX, MESURES, type Mesure, type Periode, type Perimetre, type Titre } from './modele.ts';

interface PilotageTables {
  stats_recueil_mensuel: { commune: string; mois: string; titre: Titre; origine: 'pre_demande' | 'cerfa'; nombre: number };
  pilotage_transitions_mensuelles: { commune: string; mois: string; titre: Titre; vers: string; nombre: number };
  pilotage_delais: { commune: string; mois: string; titre: Titre; mesure: Mesure; jours: number; nombre: number };
  pilotage_delais_departement: { departement: string; mois: string; titre: Titre; mesure: Mesure; jours: number; nombre: number };
  pilotage_pre_demandes_accompagnees: { commune: string; mois: string; nombre: number };
}

/** What a status change tells the aggregates: the application just before the change. */
export interface DemandeAvantTransition {
  titre: Titre;
  commune_recueil: string;
  commune_remise: string;
  recueillie_le: Date;
  disponible_depuis: Date | null;
}

// States reached at the mairie that hands the title over; the others belong to the recueil mairie.
const ETATS_DE_LA_REMISE = new Set(['disponible', 'remise', 'detruite']);
const JOUR_MS = 86_400_000;

const joursEntre = (debut: Date, fin: Date) => Math.min(JOURS_MAX, Math.max(0, Math.floor((fin.getTime() - new Date(debut).getTime()) / JOUR_MS)));
const premierDuMois = (date: Date) => `${date.toISOString().slice(0, 7)}-01`;

/**
 * Counts one status change in the pilotage aggregates; called inside the transaction that
 * applies the change, so a rolled-back change is never counted.
 */
export async function compterTransition(db: Db, demande: DemandeAvantTransition, vers: string, maintenant: Date): Promise<void> {
  const t = tables<PilotageTables>(db);
  const mois = premierDuMois(maintenant);
  const commune = ETATS_DE_LA_REMISE.has(vers) ? demande.commune_remise : demande.commune_recueil;
  await t
    .insertInto('pilotage_transitions_mensuelles')
    .values({ commune, mois, titre: demande.titre, vers, nombre: 1 })
    .onConflict((oc) => oc.columns(['commune', 'mois', 'titre', 'vers']).doUpdateSet({ nombre: sql`pilotage_transitions_mensuelles.nombre + 1` }))
    .execute();
  const delai =
    vers === 'disponible'
      ? { commune: demande.commune_recueil, mesure: 'recueil_disponible' as const, jours: joursEntre(demande.recueillie_le, maintenant) }
      : vers === 'remise' && demande.disponible_depuis
        ? { commune: demande.commune_remise, mesure: 'disponible_remise' as const, jours: joursEntre(demande.disponible_depuis, maintenant) }
        : undefined;
  if (!delai) return;
  await t
    .insertInto('pilotage_delais')
    .values({ ...delai, mois, titre: demande.titre, nombre: 1 })
    .onConflict((oc) => oc.columns(['commune', 'mois', 'titre', 'mesure', 'jours']).doUpdateSet({ nombre: sql`pilotage_delais.nombre + 1` }))
    .execute();
  await t
    .insertInto('pilotage_delais_departement')
    .values({ departement: departementDe(delai.commune), mesure: delai.mesure, jours: delai.jours, mois, titre: demande.titre, nombre: 1 })
    .onConflict((oc) => oc.columns(['mois', 'titre', 'mesure', 'jours', 'departement']).doUpdateSet({ nombre: sql`pilotage_delais_departement.nombre + 1` }))
    .execute();
}

/**
 * Counts a pré-demande validated in an assisted session, for the espace numérique that
 * helped; called inside the validation's transaction.
 */
export async function compterPreDemandeAccompagnee(db: Db, commune: string, maintenant: Date): Promise<void> {
  await tables<PilotageTables>(db)
    .insertInto('pilotage_pre_demandes_accompagnees')
    .values({ commune, mois: premierDuMois(maintenant), nombre: 1 })
    .onConflict((oc) => oc.columns(['commune', 'mois']).doUpdateSet({ nombre: sql`pilotage_pre_demandes_accompagnees.nombre + 1` }))
    .execute();
}

/** The next code after every code starting with `prefixe` in binary order ("24" → "25"). */
export function finDePrefixe(prefixe: string) {
  return prefixe.slice(0, -1) + String.fromCharCode(prefixe.charCodeAt(prefixe.length - 1) + 1);
}

type Agregat = keyof PilotageTables;

// Every aggregate has (commune, mois, titre): one filter builder serves the three of them.
function filtre<T extends Agregat>(perimetre: Perimetre, periode: Periode, titre: Titre | undefined, communes: readonly string[] | undefined) {
  return (eb: ExpressionBuilder<PilotageTables, T>) => {
    const e = eb as unknown as ExpressionBuilder<PilotageTables, 'stats_recueil_mensuel'>;
    const conditions: OperandExpression<SqlBool>[] = [e('mois', '>=', `${periode.du}-01`), e('mois', '<=', `${periode.au}-01`)];
    if (titre) conditions.push(e('titre', '=', titre));
    if (communes) conditions.push(communes.length > 0 ? e('commune', 'in', [...communes]) : sql<SqlBool>`false`);
    if (perimetre.niveau === 'commune') conditions.push(e('commune', '=', perimetre.commune));
    if (perimetre.niveau === 'departement') {
      conditions.push(sql<SqlBool>`(commune collate "C") >= ${perimetre.departement}`, sql<SqlBool>`(commune collate "C") < ${finDePrefixe(perimetre.departement)}`);
    }
    return e.and(conditions);
  };
}

export interface Selection {
  perimetre: Perimetre;
  periode: Periode;
  titre?: Titre | undefined;
  /** Restricts to these communes (an arrondissement); undefined: the whole périmètre. */
  communes?: readonly string[] | undefined;
}

const somme = sql<number>`sum(nombre)::int`.as('nombre');
const mois = sql<string>`to_char(mois, 'YYYY-MM')`;

export function pilotageRepository(db: Db) {
  const t: Kysely<PilotageTables> = tables<PilotageTables>(db);
  const where = <T extends Agregat>(s: Selection) => filtre<T>(s.perimetre, s.periode, s.titre, s.communes);
  return {
    async recueilsParCommune(s: Selection) {
      return t.selectFrom('stats_recueil_mensuel').select(['commune', 'titre', 'origine', somme]).where(where(s)).groupBy(['commune', 'titre', 'origine']).execute();
    },
    async recueilsParMois(s: Selection) {
      return t.selectFrom('stats_recueil_mensuel').select([mois.as('mois'), 'titre', 'origine', somme]).where(where(s)).groupBy(['mois', 'titre', 'origine']).execute();
    },
    async recueilsParCommuneEtMois(s: Selection) {
      return t.selectFrom('stats_recueil_mensuel').select(['commune', mois.as('mois'), 'origine', somme]).where(where(s)).groupBy(['commune', 'mois', 'origine']).execute();
    },
    async transitionsParCommune(s: Selection, etats: readonly string[]) {
      return t.selectFrom('pilotage_transitions_mensuelles').select(['commune', 'vers', somme]).where(where(s)).where('vers', 'in', [...etats]).groupBy(['commune', 'vers']).execute();
    },
    /** Assisted pré-demandes per helping commune (no titre: one pré-demande may ask for both). */
    async accompagneesParCommune(s: Selection) {
      return t.selectFrom('pilotage_pre_demandes_accompagnees').select(['commune', somme]).where(where({ ...s, titre: undefined })).groupBy('commune').orderBy('commune').execute();
    },
    /** Day histograms per commune (a commune or a département). */
    async delais(s: Selection) {
      return t.selectFrom('pilotage_delais').where(where(s)).where('mesure', 'in', [...MESURES]).select(['commune', 'mesure', 'jours', somme]).groupBy(['commune', 'mesure', 'jours']).execute();
    },
    /** Day histograms of the whole country, from the per-département table. */
    async delaisNationaux(periode: Periode, titre: Titre | undefined) {
      let q = t.selectFrom('pilotage_delais_departement').where('mois', '>=', `${periode.du}-01`).where('mois', '<=', `${periode.au}-01`);
      if (titre) q = q.where('titre', '=', titre);
      return (await q.select(['mesure', 'jours', somme]).groupBy(['mesure', 'jours']).execute()).map((l) => ({ ...l, commune: '' }));
    },
  };
}
export type PilotageRepository = ReturnType<typeof pilotageRepository>;
