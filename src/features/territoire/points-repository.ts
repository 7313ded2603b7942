// Points d'accueil : lieux où l'usager dépose sa demande (DR) ou se fait aider en ligne.
// Le plus proche se cherche par l'index GiST sur ll_to_earth(lat, lon), parcouru dans
// l'ordre de la distance (opérateur <-> du type cube : la corde croît avec l'arc).
import { sql, type Generated, type Kysely, type Selectable } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';
import type { TypePoint } from './types-points.ts';

export type PrecisionPosition = 'centre-commune' | 'adresse';

interface PointsTables {
  points_accueil: {
    id: Generated<string>;
    type: TypePoint;
    commune_code: string;
    lieu_deleguee: string | null;
    nom: string;
    adresse: string;
    telephone: string;
    horaires: string;
    site_web: string;
    lon: number | null;
    lat: number | null;
    position_precision: PrecisionPosition | null;
    nombre_dispositifs: number | null;
    notes: string;
    source: string;
    demonstration: boolean;
    ouvert: Generated<boolean>;
    cle_source: string | null;
    updated_at: Generated<Date>;
  };
}

/** Ce qu'un administrateur ou un fichier d'import décrit d'un point. */
export interface DonneesPoint {
  readonly type: TypePoint;
  readonly communeCode: string;
  readonly lieuDeleguee: string | null;
  readonly nom: string;
  readonly adresse: string;
  readonly telephone: string;
  readonly horaires: string;
  readonly siteWeb: string;
  readonly position: { lon: number; lat: number; precision: PrecisionPosition } | null;
  readonly nombreDispositifs: number | null;
  readonly notes: string;
  readonly source: string;
  readonly demonstration: boolean;
}

export interface Point extends DonneesPoint {
  readonly id: string;
  readonly ouvert: boolean;
  readonly cleSource: string | null;
  readonly majLe: Date;
}

type Ligne = Selectable<PointsTables['points_accueil']>;

function versPoint(l: Ligne): Point {
  return {
    id: l.id,
    type: l.type,
    communeCode: l.commune_code,
    lieuDeleguee: l.lieu_deleguee,
    nom: l.nom,
    adresse: l.adresse,
    telephone: l.telephone,
    horaires: l.horaires,
    siteWeb: l.site_web,
    position: l.lon !== null && l.lat !== null ? { lon: l.lon, lat: l.lat, precision: l.position_precision ?? 'centre-commune' } : null,
    nombreDispositifs: l.nombre_dispositifs,
    notes: l.notes,
    source: l.source,
    demonstration: l.demonstration,
    ouvert: l.ouvert,
    cleSource: l.cle_source,
    majLe: new Date(l.updated_at),
  };
}

function versLigne(p: DonneesPoint) {
  return {
    type: p.type,
    commune_code: p.communeCode,
    lieu_deleguee: p.lieuDeleguee,
    nom: p.nom,
    adresse: p.adresse,
    telephone: p.telephone,
    horaires: p.horaires,
    site_web: p.siteWeb,
    lon: p.position?.lon ?? null,
    lat: p.position?.lat ?? null,
    position_precision: p.position?.precision ?? null,
    nombre_dispositifs: p.type === 'dr' ? p.nombreDispositifs : null,
    notes: p.notes,
    source: p.source,
    demonstration: p.demonstration,
  };
}

export interface FiltrePoints {
  readonly types?: readonly TypePoint[];
  readonly commune?: string;
  readonly ouvertsSeulement?: boolean;
}

export interface GroupeProches {
  readonly types: readonly TypePoint[];
  readonly limite: number;
}

/**
 * The nearest open points of each group, in one statement. Each branch orders by the same
 * expression as the GiST index `points_accueil_position`, so PostgreSQL walks the index in
 * distance order instead of sorting the table (checked by EXPLAIN in points-index.test.ts).
 */
export function requetePlusProches(db: Db, lon: number, lat: number, groupes: readonly GroupeProches[]) {
  const t = tables<PointsTables>(db);
  const origine = sql`ll_to_earth(${lat}, ${lon})`;
  const parGroupe = groupes.map((g, rang) =>
    t
      .selectFrom('points_accueil')
      .selectAll()
      .select(sql<number>`earth_distance(ll_to_earth(lat, lon), ${origine}) / 1000`.as('distance'))
      .select(sql<number>`${rang}::int`.as('groupe'))
      .where('lat', 'is not', null)
      .where('lon', 'is not', null)
      .where('ouvert', '=', true)
      .where('type', 'in', [...g.types])
      .orderBy(sql`ll_to_earth(lat, lon) <-> ${origine}`)
      .limit(g.limite),
  );
  const [premier, ...autres] = parGroupe.map((q, i) => t.selectFrom(q.as(`g${i}`)).selectAll());
  return premier ? autres.reduce((acc, q) => acc.unionAll(q), premier) : null;
}

export function pointsRepository(db: Db) {
  const t = (handle: Db = db): Kysely<PointsTables> => tables<PointsTables>(handle);
  return {
    async inserer(point: DonneesPoint, cleSource: string | null = null, handle: Db = db): Promise<Point> {
      const ligne = await t(handle)
        .insertInto('points_accueil')
        .values({ ...versLigne(point), cle_source: cleSource })
        .returningAll()
        .executeTakeFirstOrThrow();
      return versPoint(ligne);
    },

    async supprimerDemonstration(handle: Db = db): Promise<number> {
      const r = await t(handle).deleteFrom('points_accueil').where('demonstration', '=', true).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** Données livrées : ne remplace jamais ce qu'un administrateur a corrigé depuis. */
    async insererSiAbsent(point: DonneesPoint, cleSource: string, handle: Db = db): Promise<void> {
      await t(handle)
        .insertInto('points_accueil')
        .values({ ...versLigne(point), cle_source: cleSource })
        .onConflict((oc) => oc.column('cle_source').doNothing())
        .execute();
    },

    /** Crée ou remplace le point de cette clé (import rejoué, données livrées). */
    async enregistrerParCle(point: DonneesPoint, cleSource: string, handle: Db = db): Promise<void> {
      await t(handle)
        .insertInto('points_accueil')
        .values({ ...versLigne(point), cle_source: cleSource })
        .onConflict((oc) => oc.column('cle_source').doUpdateSet({ ...versLigne(point), updated_at: new Date() }))
        .execute();
    },

    async modifier(id: string, point: DonneesPoint, handle: Db = db): Promise<boolean> {
      const r = await t(handle).updateTable('points_accueil').set({ ...versLigne(point), updated_at: new Date() }).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async definirOuvert(id: string, ouvert: boolean, handle: Db = db): Promise<boolean> {
      const r = await t(handle).updateTable('points_accueil').set({ ouvert, updated_at: new Date() }).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async parId(id: string): Promise<Point | null> {
      const l = await t().selectFrom('points_accueil').selectAll().where('id', '=', id).executeTakeFirst();
      return l ? versPoint(l) : null;
    },

    async compter(): Promise<number> {
      const r = await t().selectFrom('points_accueil').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /**
     * Within an import's transaction: waits for any other import to finish, so two imports of
     * the same new key (a double submit, the CLI and the admin page at once) run one after
     * the other instead of one failing on the unique key. Released at commit or rollback.
     */
    async attendreLesAutresImports(): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtext('guichet-titres:import-points'))`.execute(db);
    },

    async lister(filtre: FiltrePoints = {}): Promise<Point[]> {
      let q = t().selectFrom('points_accueil').selectAll();
      if (filtre.types && filtre.types.length > 0) q = q.where('type', 'in', [...filtre.types]);
      if (filtre.commune) q = q.where('commune_code', '=', filtre.commune);
      if (filtre.ouvertsSeulement) q = q.where('ouvert', '=', true);
      return (await q.orderBy('type').orderBy('nom').execute()).map(versPoint);
    },

    /**
     * Les points ouverts les plus proches pour chaque groupe de types, en une requête (une
     * sous-requête par groupe, chacune parcourant l'index dans l'ordre de la distance).
     */
    async plusProches(lon: number, lat: number, groupes: readonly GroupeProches[]): Promise<(Point & { distanceKm: number })[][]> {
      const union = requetePlusProches(db, lon, lat, groupes);
      if (!union) return [];
      const lignes = await union.execute();
      return groupes.map((_, rang) =>
        lignes
          .filter((l) => Number(l.groupe) === rang)
          .map((l) => ({ ...versPoint(l), distanceKm: Number(l.distance) }))
          .sort((a, b) => a.distanceKm - b.distanceKm),
      );
    },

    /** Points placés au centre de leur commune (pas à leur adresse) : à recalculer quand les centres changent. */
    async auCentreDeLeurCommune(handle: Db = db): Promise<Point[]> {
      const lignes = await t(handle)
        .selectFrom('points_accueil')
        .selectAll()
        .where((eb) => eb.or([eb('position_precision', '=', 'centre-commune'), eb('position_precision', 'is', null)]))
        .execute();
      return lignes.map(versPoint);
    },

    async placer(id: string, position: { lon: number; lat: number } | null, handle: Db): Promise<void> {
      await t(handle)
        .updateTable('points_accueil')
        .set({ lon: position?.lon ?? null, lat: position?.lat ?? null, position_precision: position ? 'centre-commune' : null })
        .where('id', '=', id)
        .execute();
    },
  };
}
export type PointsRepository = ReturnType<typeof pointsRepository>;
