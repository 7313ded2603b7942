// Forme canonique d'un nom de commune pour la recherche : un usager tape « st astier »,
// « SAINT-ASTIER » ou « Saint Astier » et attend la même commune ; un agent au téléphone
// orthographie « Belves » sans accent. Toutes ces saisies doivent produire la même clé.

// NFD ne décompose pas les ligatures : sans cette table, « Œuilly » ne serait jamais
// trouvé par « oeuilly ».
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss' };

// Abréviations usuelles des noms de lieux, développées pour que « st » et « saint »
// donnent la même clé quelle que soit la forme employée par l'usager ou par la source.
const ABREVIATIONS: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

export function normaliserRecherche(texte: string): string {
  const mots = texte
    .toLowerCase()
    .replace(/[œæß]/g, (lettre) => LIGATURES[lettre] ?? lettre)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    // Traits d'union, apostrophes (droite ou typographique), points et toute ponctuation
    // séparent des mots : « L'Abergement » et « l abergement » se valent.
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((mot) => mot !== '');
  return mots.map((mot) => ABREVIATIONS[mot] ?? mot).join(' ');
}

/** Code INSEE de commune : 5 chiffres, ou 2A/2B suivis de 3 chiffres pour la Corse. */
export function estCodeInsee(texte: string): boolean {
  return /^(\d{5}|2[ab]\d{3})$/i.test(texte.trim());
}

export function estCodePostal(texte: string): boolean {
  return /^\d{5}$/.test(texte.trim());
}

/**
 * Rang d'une clé de commune face à une requête déjà normalisée : plus il est petit,
 * meilleure est la correspondance ; null quand la clé ne correspond pas.
 */
export type NiveauCorrespondance = 'nom-exact' | 'debut-du-nom' | 'debut-d-un-mot' | 'contient';

const ORDRE_NIVEAUX: readonly NiveauCorrespondance[] = ['nom-exact', 'debut-du-nom', 'debut-d-un-mot', 'contient'];

export function rangNiveau(niveau: NiveauCorrespondance): number {
  return ORDRE_NIVEAUX.indexOf(niveau);
}

export function comparerNom(cle: string, requete: string): NiveauCorrespondance | null {
  if (requete === '') return null;
  if (cle === requete) return 'nom-exact';
  if (cle.startsWith(requete)) return 'debut-du-nom';
  if (` ${cle}`.includes(` ${requete}`)) return 'debut-d-un-mot';
  if (cle.includes(requete)) return 'contient';
  return null;
}
