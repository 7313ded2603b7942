// Communes du territoire : nom, codes postaux, population, centre (et d'où il vient),
// contour et niveau d'équipement fixé par un administrateur.
import { sql, type ColumnType, type Generated, type Kysely, type Selectable } from 'kysely';
import { tables, type Db } from '../../kernel/db/database.ts';
import type { CommuneReference, TypeCommune } from './reference/index.ts';
import type { NiveauEquipement } from './types-points.ts';

export type SourceCentre = 'geonames' | 'admin-express' | 'admin-express-approche';

interface CommunesTables {
  communes: {
    id: Generated<number>;
    code: string;
    type: TypeCommune;
    departement: string;
    nom: string;
    nom_normalise: string;
    commune_nouvelle: string | null;
    codes_postaux: string[];
    population: number | null;
    anciens_codes: string[];
    lon: number | null;
    lat: number | null;
    centre_source: SourceCentre | null;
    contour: ColumnType<unknown, string | undefined, string | null>;
    niveau_equipement: ColumnType<NiveauEquipement | null, NiveauEquipement | null | undefined, NiveauEquipement | null>;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
}

export interface Centre {
  readonly lon: number;
  readonly lat: number;
  readonly source: SourceCentre;
}

export interface CommuneEnBase extends CommuneReference {
  readonly centre: Centre | null;
  readonly niveauFixe: NiveauEquipement | null;
}

export interface NouvelleCommune {
  readonly reference: CommuneReference;
  readonly nomNormalise: string;
  readonly centre: Centre | null;
}

const COLONNES = [
  'code', 'type', 'departement', 'nom', 'commune_nouvelle', 'codes_postaux', 'population',
  'anciens_codes', 'lon', 'lat', 'centre_source', 'niveau_equipement',
] as const;

type Ligne = Pick<Selectable<CommunesTables['communes']>, (typeof COLONNES)[number]>;

function versCommune(l: Ligne): CommuneEnBase {
  const base = {
    code: l.code,
    nom: l.nom,
    type: l.type,
    departement: l.departement,
    codesPostaux: l.codes_postaux,
    population: l.population,
    arrondissement: null,
    anciensCodes: l.anciens_codes,
    centre: l.lon !== null && l.lat !== null && l.centre_source ? { lon: l.lon, lat: l.lat, source: l.centre_source } : null,
    niveauFixe: l.niveau_equipement,
  };
  return l.commune_nouvelle ? { ...base, communeNouvelle: l.commune_nouvelle } : base;
}

export interface MiseAJourCentre {
  readonly code: string;
  readonly type: TypeCommune;
  readonly centre: Centre | null;
  /** Contour GeoJSON de la commune actuelle ; undefined : inchangé. */
  readonly contour?: unknown;
}

export function communesRepository(db: Db) {
  const t = (handle: Db = db): Kysely<CommunesTables> => tables<CommunesTables>(handle);
  return {
    async compter(departement?: string): Promise<number> {
      let q = t().selectFrom('communes').select((eb) => eb.fn.countAll<string>().as('n'));
      if (departement) q = q.where('departement', '=', departement);
      return Number((await q.executeTakeFirst())?.n ?? 0);
    },

    /** Insertion par lots : un département en compte quelques centaines, la France 37 000. */
    async inserer(communes: readonly NouvelleCommune[], handle: Db = db): Promise<void> {
      for (let i = 0; i < communes.length; i += 500) {
        const lot = communes.slice(i, i + 500).map(({ reference: r, nomNormalise, centre }) => ({
          code: r.code,
          type: r.type,
          departement: r.departement,
          nom: r.nom,
          nom_normalise: nomNormalise,
          commune_nouvelle: r.communeNouvelle ?? null,
          codes_postaux: [...r.codesPostaux],
          population: r.population,
          anciens_codes: [...r.anciensCodes],
          lon: centre?.lon ?? null,
          lat: centre?.lat ?? null,
          centre_source: centre?.source ?? null,
        }));
        await t(handle).insertInto('communes').values(lot).onConflict((oc) => oc.columns(['code', 'type']).doNothing()).execute();
      }
    },

    async toutes(): Promise<CommuneEnBase[]> {
      return (await t().selectFrom('communes').select(COLONNES).orderBy('code').orderBy('type').execute()).map(versCommune);
    },

    /** La commune actuelle et ses déléguées ou associées. */
    async avecDeleguees(code: string): Promise<{ commune: CommuneEnBase; deleguees: CommuneEnBase[] } | null> {
      const lignes = await t()
        .selectFrom('communes')
        .select(COLONNES)
        .where((eb) => eb.or([eb('code', '=', code), eb('commune_nouvelle', '=', code)]))
        .execute();
      const actuelle = lignes.find((l) => l.code === code && l.type === 'commune-actuelle');
      if (!actuelle) return null;
      const deleguees = lignes.filter((l) => l.type !== 'commune-actuelle' && l.commune_nouvelle === code).map(versCommune);
      return { commune: versCommune(actuelle), deleguees };
    },

    /** Communes actuelles au centre connu, de la plus proche à la plus lointaine (index GiST). */
    async voisines(lon: number, lat: number, limite: number, sauf?: string): Promise<(CommuneEnBase & { distanceKm: number })[]> {
      const lignes = await t()
        .selectFrom('communes')
        .select(COLONNES)
        .select(sql<number>`earth_distance(ll_to_earth(lat, lon), ll_to_earth(${lat}, ${lon})) / 1000`.as('distance'))
        .where('lat', 'is not', null)
        .where('lon', 'is not', null)
        .where('type', '=', 'commune-actuelle')
        .$if(sauf !== undefined, (q) => q.where('code', '!=', sauf!))
        .orderBy(sql`ll_to_earth(lat, lon) <-> ll_to_earth(${lat}, ${lon})`)
        .limit(limite)
        .execute();
      return lignes.map((l) => ({ ...versCommune(l), distanceKm: Number(l.distance) }));
    },

    /** Communes actuelles au centre connu qui partagent un de ces codes postaux. */
    async parCodesPostaux(codes: readonly string[], sauf: string): Promise<CommuneEnBase[]> {
      if (codes.length === 0) return [];
      const lignes = await t()
        .selectFrom('communes')
        .select(COLONNES)
        .where(sql<boolean>`codes_postaux && ${sql.val([...codes])}::text[]`)
        .where('type', '=', 'commune-actuelle')
        .where('code', '!=', sauf)
        .where('lat', 'is not', null)
        .orderBy('population', 'desc')
        .limit(10)
        .execute();
      return lignes.map(versCommune);
    },

    async contours(departement: string): Promise<{ code: string; nom: string; contour: unknown }[]> {
      return t()
        .selectFrom('communes')
        .select(['code', 'nom', 'contour'])
        .where('departement', '=', departement)
        .where('type', '=', 'commune-actuelle')
        .where('contour', 'is not', null)
        .orderBy('code')
        .execute();
    },

    async mettreAJourCentres(majs: readonly MiseAJourCentre[], handle: Db): Promise<void> {
      for (const m of majs) {
        await t(handle)
          .updateTable('communes')
          .set({
            lon: m.centre?.lon ?? null,
            lat: m.centre?.lat ?? null,
            centre_source: m.centre?.source ?? null,
            ...(m.contour !== undefined ? { contour: m.contour === null ? null : JSON.stringify(m.contour) } : {}),
            updated_at: new Date(),
          })
          .where('code', '=', m.code)
          .where('type', '=', m.type)
          .execute();
      }
    },

    async fixerNiveau(code: string, niveau: NiveauEquipement | null, handle: Db = db): Promise<boolean> {
      const r = await t(handle)
        .updateTable('communes')
        .set({ niveau_equipement: niveau, updated_at: new Date() })
        .where('code', '=', code)
        .where('type', '=', 'commune-actuelle')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type CommunesRepository = ReturnType<typeof communesRepository>;
