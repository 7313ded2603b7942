// Référentiel des communes, lu dans le paquet npm @etalab/decoupage-administratif (Code
// officiel géographique de l'INSEE, populations légales, codes postaux de La Poste).
//
// Le point d'entrée du paquet lit `./data/*.json` relativement au répertoire courant et
// échoue dès que le processus ne tourne pas dans le dossier du paquet : on lit donc les
// fichiers JSON nous-mêmes, à partir du chemin résolu du paquet.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type TypeCommune = 'commune-actuelle' | 'commune-deleguee' | 'commune-associee';

export interface CommuneReference {
  readonly code: string;
  readonly nom: string;
  readonly type: TypeCommune;
  readonly departement: string;
  /**
   * Code de la commune actuelle dont elle dépend (commune nouvelle pour une déléguée,
   * commune de rattachement pour une associée). Absent pour une commune actuelle.
   */
  readonly communeNouvelle?: string;
  /** Vide pour les déléguées et associées : La Poste rattache les codes à la commune actuelle. */
  readonly codesPostaux: readonly string[];
  /** Population légale ; null pour les déléguées et associées, que l'INSEE ne publie pas ici. */
  readonly population: number | null;
  readonly arrondissement: string | null;
  /** Codes INSEE de communes fusionnées dans celle-ci (qu'elles soient déléguées ou non). */
  readonly anciensCodes: readonly string[];
}

export interface DepartementReference {
  readonly code: string;
  readonly nom: string;
  readonly chefLieu: string;
  readonly region: string;
}

export class DepartementInconnuError extends Error {
  readonly code = 'DEPARTEMENT_INCONNU';
  constructor(readonly departement: string) {
    super(`Le département « ${departement} » est inconnu du Code officiel géographique.`);
    this.name = 'DepartementInconnuError';
  }
}

export class DonneesDecoupageInvalidesError extends Error {
  readonly code = 'DONNEES_DECOUPAGE_INVALIDES';
  constructor(detail: string) {
    super(`Fichier du paquet @etalab/decoupage-administratif illisible : ${detail}`);
    this.name = 'DonneesDecoupageInvalidesError';
  }
}

/** Métropole (01–95, 2A, 2B) et outre-mer (971–989). */
export function estCodeDepartement(code: string): boolean {
  return /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|9[78]\d)$/.test(code);
}

const TYPES_RETENUS: readonly string[] = ['commune-actuelle', 'commune-deleguee', 'commune-associee'];

function estTypeRetenu(type: unknown): type is TypeCommune {
  return typeof type === 'string' && TYPES_RETENUS.includes(type);
}

type Brut = Record<string, unknown>;

function estObjet(valeur: unknown): valeur is Brut {
  return typeof valeur === 'object' && valeur !== null && !Array.isArray(valeur);
}

function listeDeTextes(valeur: unknown, champ: string, rang: number): readonly string[] {
  if (valeur === undefined) return [];
  if (Array.isArray(valeur) && valeur.every((v): v is string => typeof v === 'string')) return valeur;
  throw new DonneesDecoupageInvalidesError(`entrée n° ${rang}, champ « ${champ} » : liste de textes attendue`);
}

function texte(valeur: unknown, champ: string, rang: number): string {
  if (typeof valeur === 'string' && valeur !== '') return valeur;
  throw new DonneesDecoupageInvalidesError(`entrée n° ${rang}, champ « ${champ} » : texte attendu`);
}

function versCommune(brute: Brut, type: TypeCommune, rang: number): CommuneReference {
  const population = brute.population;
  const commune: CommuneReference = {
    code: texte(brute.code, 'code', rang),
    nom: texte(brute.nom, 'nom', rang),
    type,
    departement: texte(brute.departement, 'departement', rang),
    codesPostaux: listeDeTextes(brute.codesPostaux, 'codesPostaux', rang),
    population: typeof population === 'number' && Number.isFinite(population) ? population : null,
    arrondissement: typeof brute.arrondissement === 'string' ? brute.arrondissement : null,
    anciensCodes: listeDeTextes(brute.anciensCodes, 'anciensCodes', rang),
  };
  if (type === 'commune-actuelle') return commune;
  return { ...commune, communeNouvelle: texte(brute.chefLieu, 'chefLieu', rang) };
}

/**
 * Communes actuelles, déléguées et associées d'un département, dans l'ordre du fichier
 * (par code). Les arrondissements municipaux de Paris, Lyon et Marseille sont écartés : le
 * guichet raisonne en communes, et leurs codes postaux figurent déjà sur la commune.
 */
export function extraireCommunes(donnees: unknown, departement: string): CommuneReference[] {
  if (!Array.isArray(donnees)) throw new DonneesDecoupageInvalidesError('une liste de communes est attendue');
  const communes: CommuneReference[] = [];
  donnees.forEach((brute: unknown, index) => {
    if (!estObjet(brute)) throw new DonneesDecoupageInvalidesError(`entrée n° ${index + 1} : objet attendu`);
    if (brute.departement !== departement || !estTypeRetenu(brute.type)) return;
    communes.push(versCommune(brute, brute.type, index + 1));
  });
  return communes;
}

function dossierDonnees(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data');
}

// Le fichier des communes pèse près de 9 Mo : on ne le lit et l'analyse qu'une fois par
// processus, quel que soit le nombre de départements demandés.
const fichiersLus = new Map<string, unknown>();

function lireFichier(nom: 'communes' | 'departements'): unknown {
  if (!fichiersLus.has(nom)) {
    const chemin = join(dossierDonnees(), `${nom}.json`);
    fichiersLus.set(nom, JSON.parse(readFileSync(chemin, 'utf8')) as unknown);
  }
  return fichiersLus.get(nom);
}

export function chargerDepartement(code: string): DepartementReference | undefined {
  const departements = lireFichier('departements');
  if (!Array.isArray(departements)) throw new DonneesDecoupageInvalidesError('une liste de départements est attendue');
  const trouve: unknown = departements.find((d: unknown) => estObjet(d) && d.code === code);
  if (!estObjet(trouve)) return undefined;
  return {
    code,
    nom: texte(trouve.nom, 'nom', 0),
    chefLieu: texte(trouve.chefLieu, 'chefLieu', 0),
    region: texte(trouve.region, 'region', 0),
  };
}

/** Toutes les communes du département (défaut : 24, Dordogne). */
export function chargerCommunes(departement = '24'): CommuneReference[] {
  if (!estCodeDepartement(departement)) throw new DepartementInconnuError(departement);
  const communes = extraireCommunes(lireFichier('communes'), departement);
  if (communes.length === 0) throw new DepartementInconnuError(departement);
  return communes;
}

export function communesActuelles(communes: readonly CommuneReference[]): CommuneReference[] {
  return communes.filter((c) => c.type === 'commune-actuelle');
}
