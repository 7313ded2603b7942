// Assemble les dépôts, la recherche et l'orientation du territoire, et compose la fiche
// QUI d'une commune : niveau d'équipement, rôle de sa mairie, ses points, le DR le plus proche.
import type { Db } from '../../kernel/db/database.ts';
import { communesRepository, type CommuneEnBase } from './communes-repository.ts';
import { orientation, type PointProche } from './orientation.ts';
import { pointsRepository, type Point } from './points-repository.ts';
import { rechercheCommunes } from './recherche.ts';
import { chargerDepartement, estCodeInsee } from './reference/index.ts';
import { niveauDeduit, type NiveauEquipement } from './types-points.ts';

export interface FicheCommune {
  readonly code: string;
  readonly commune: CommuneEnBase;
  readonly deleguees: readonly CommuneEnBase[];
  readonly niveau: NiveauEquipement;
  readonly niveauDeduit: NiveauEquipement;
  readonly niveauFixe: boolean;
  readonly points: readonly Point[];
  readonly drProches: readonly PointProche[];
}

export function territoireService(db: Db, config: { departement: string; serviceName: string }) {
  const communes = communesRepository(db);
  const points = pointsRepository(db);
  const recherche = rechercheCommunes(communes);
  const orienter = orientation({ communes, points, recherche });
  const departement = chargerDepartement(config.departement);

  async function codeActuel(code: string): Promise<string | null> {
    if (!estCodeInsee(code)) return null;
    const trouves = (await recherche.rechercher(code.toUpperCase(), 5)).filter((r) => r.correspondance === 'code-insee' || r.correspondance === 'ancien-code-insee');
    const premier = trouves.find((r) => r.commune.type === 'commune-actuelle') ?? trouves[0];
    return premier ? (premier.communeNouvelle?.code ?? premier.commune.code) : null;
  }

  return {
    communes,
    points,
    recherche,
    orientation: orienter,
    departement: config.departement,
    nomDepartement: departement ? `${departement.nom} (${departement.code})` : config.departement,
    nomService: config.serviceName,

    async fiche(code: string): Promise<FicheCommune | null> {
      const actuel = await codeActuel(code);
      const lignes = actuel ? await communes.avecDeleguees(actuel) : null;
      if (!actuel || !lignes) return null;
      const ouverts = await points.lister({ commune: actuel, ouvertsSeulement: true });
      const centre = lignes.commune.centre;
      const [proches = []] = centre ? await points.plusProches(centre.lon, centre.lat, [{ types: ['dr'], limite: 4 }]) : [];
      const drProches = proches.filter((p) => p.communeCode !== actuel).slice(0, 3);
      const deduit = niveauDeduit(ouverts.map((p) => p.type));
      return {
        code: actuel,
        commune: lignes.commune,
        deleguees: lignes.deleguees,
        niveau: lignes.commune.niveauFixe ?? deduit,
        niveauDeduit: deduit,
        niveauFixe: lignes.commune.niveauFixe !== null,
        points: ouverts,
        drProches,
      };
    },
  };
}
export type TerritoireService = ReturnType<typeof territoireService>;
