// « J'habite X : où aller ? » — les mairies équipées d'un DR les plus proches et les lieux
// qui aident à faire la pré-demande en ligne, depuis le centre connu de la commune (ou la
// position donnée par l'usager). Sans centre connu, on le dit et on propose des communes
// voisines dont le centre est connu, plutôt que de deviner.
import type { CommuneEnBase, CommunesRepository, SourceCentre } from './communes-repository.ts';
import type { Point, PointsRepository } from './points-repository.ts';
import type { RechercheCommunes, Resolution } from './recherche.ts';
import { TYPES_AIDE } from './types-points.ts';

export type OrigineSource = SourceCentre | 'position-usager';

export interface Origine {
  readonly lon: number;
  readonly lat: number;
  readonly source: OrigineSource;
  /** Commune dont le centre sert d'origine (la déléguée, ou sa commune nouvelle à défaut). */
  readonly communeNom: string | null;
}

export type PointProche = Point & { readonly distanceKm: number };

export interface Reponse {
  readonly commune: CommuneEnBase | null;
  readonly communeActuelle: CommuneEnBase | null;
  readonly origine: Origine | null;
  readonly dr: readonly PointProche[];
  readonly aide: readonly PointProche[];
  readonly pointsDeLaCommune: readonly Point[];
  /** Sans centre connu : communes du même code postal dont le centre est connu. */
  readonly voisines: readonly CommuneEnBase[];
}

export type ResultatOrientation = Exclude<Resolution, { statut: 'trouvee' }> | ({ readonly statut: 'trouvee' } & Reponse);

export const NOMBRE_DR = 3;
export const NOMBRE_AIDE = 5;

export function orientation(deps: { communes: CommunesRepository; points: PointsRepository; recherche: RechercheCommunes }) {
  async function depuis(origine: Origine | null, commune: CommuneEnBase | null, actuelle: CommuneEnBase | null): Promise<Reponse> {
    const groupes = [{ types: ['dr'] as const, limite: NOMBRE_DR }, { types: TYPES_AIDE, limite: NOMBRE_AIDE }];
    const [[dr = [], aide = []], pointsDeLaCommune] = await Promise.all([
      origine ? deps.points.plusProches(origine.lon, origine.lat, groupes) : [],
      actuelle ? deps.points.lister({ commune: actuelle.code, ouvertsSeulement: true }) : [],
    ]);
    const voisines = !origine && actuelle ? await deps.communes.parCodesPostaux(actuelle.codesPostaux, actuelle.code) : [];
    return { commune, communeActuelle: actuelle, origine, dr, aide, pointsDeLaCommune, voisines };
  }

  return {
    async pourSaisie(saisie: string): Promise<ResultatOrientation> {
      const resolution = await deps.recherche.resoudre(saisie);
      if (resolution.statut !== 'trouvee') return resolution;
      const { commune, communeNouvelle } = resolution.resultat;
      const codeActuel = communeNouvelle?.code ?? commune.code;
      const lignes = await deps.communes.avecDeleguees(codeActuel);
      if (!lignes) return { statut: 'inconnue' };
      const choisie =
        commune.type === 'commune-actuelle' ? lignes.commune : (lignes.deleguees.find((d) => d.code === commune.code && d.type === commune.type) ?? lignes.commune);
      const centre = choisie.centre ?? lignes.commune.centre;
      const origine = centre ? { lon: centre.lon, lat: centre.lat, source: centre.source, communeNom: (choisie.centre ? choisie : lignes.commune).nom } : null;
      return { statut: 'trouvee', ...(await depuis(origine, choisie, lignes.commune)) };
    },

    /** Depuis la position que l'usager a choisi de donner (jamais enregistrée). */
    async pourPosition(lon: number, lat: number): Promise<Reponse> {
      return depuis({ lon, lat, source: 'position-usager', communeNom: null }, null, null);
    },
  };
}
export type Orientation = ReturnType<typeof orientation>;
