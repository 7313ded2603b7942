// Lecture et contrôle d'un fichier de contours de communes au format IGN Admin Express
// (GeoJSON, propriétés `code` et `nom`). Le fichier vient d'un téléchargement fait par un
// administrateur : tout y est vérifié, et la moindre erreur empêche l'import entier, pour
// ne jamais laisser la carte moitié à jour. Les erreurs citent le numéro de l'objet (les
// exports GeoJSON tiennent souvent sur une seule ligne, la ligne n'aiderait pas).
import type { PolygonRings, Position, Ring, SurfaceGeometry } from './geometry.ts';
import { estCodeInsee } from './normalize.ts';
import { positionDansTexte, positionErreurJson } from './position-erreur-json.ts';

export interface ContourCommune {
  /** Rang de l'objet dans `features`, à partir de 1. */
  readonly numero: number;
  readonly code: string;
  readonly nom: string;
  readonly geometrie: SurfaceGeometry;
}

export type MotifErreurContour = 'json-invalide' | 'collection-invalide' | 'objet-invalide' | 'code-en-double';

export interface ErreurContour {
  readonly motif: MotifErreurContour;
  /** Numéro de l'objet en cause ; null quand c'est le fichier entier. */
  readonly numero: number | null;
  readonly ligne?: number;
  readonly colonne?: number;
  readonly message: string;
}

export type ResultatValidation =
  | { readonly ok: true; readonly contours: readonly ContourCommune[] }
  | { readonly ok: false; readonly erreurs: readonly ErreurContour[] };

// Un fichier entièrement faux produirait des dizaines de milliers de lignes d'erreur ;
// les premières suffisent à comprendre ce qui ne va pas.
export const ERREURS_MAX = 50;

type Brut = Record<string, unknown>;

function estObjet(valeur: unknown): valeur is Brut {
  return typeof valeur === 'object' && valeur !== null && !Array.isArray(valeur);
}

/** Analyse le texte JSON ; une erreur de syntaxe est située en ligne et colonne. */
export function lireGeoJson(texte: string): { ok: true; donnees: unknown } | { ok: false; erreurs: ErreurContour[] } {
  const sansBom = texte.replace(/^\uFEFF/, '');
  try {
    return { ok: true, donnees: JSON.parse(sansBom) as unknown };
  } catch {
    const position = positionErreurJson(sansBom) ?? positionDansTexte(sansBom, sansBom.length);
    const { ligne, colonne } = position;
    const message = `Le fichier n'est pas un JSON valide (ligne ${ligne}, colonne ${colonne}).`;
    return { ok: false, erreurs: [{ motif: 'json-invalide', numero: null, ligne, colonne, message }] };
  }
}

function lirePosition(valeur: unknown, ou: string): Position | string {
  if (!Array.isArray(valeur) || valeur.length < 2) return `${ou} n'est pas une position [longitude, latitude]`;
  const [lon, lat] = valeur as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return `${ou} contient une coordonnée non numérique`;
  }
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    return `${ou} est hors des bornes longitude/latitude (${lon}, ${lat}) : le fichier doit être en WGS 84`;
  }
  return [lon, lat];
}

function lireAnneau(valeur: unknown, ou: string): Ring | string {
  if (!Array.isArray(valeur) || valeur.length < 4) return `${ou} doit compter au moins 4 positions`;
  const anneau: Position[] = [];
  for (const [rang, brute] of valeur.entries()) {
    const position = lirePosition(brute, `la position ${rang + 1} de ${ou}`);
    if (typeof position === 'string') return position;
    anneau.push(position);
  }
  const premier = anneau[0];
  const dernier = anneau.at(-1);
  if (!premier || !dernier || premier[0] !== dernier[0] || premier[1] !== dernier[1]) return `${ou} n'est pas fermé`;
  return anneau;
}

/** `polygone` : « polygone » ou « polygone 2 », pour situer l'erreur dans le message. */
function lirePolygone(valeur: unknown, polygone: string): PolygonRings | string {
  if (!Array.isArray(valeur) || valeur.length === 0) return `le ${polygone} n'a aucun anneau`;
  const anneaux: Ring[] = [];
  for (const [rang, brut] of valeur.entries()) {
    const anneau = lireAnneau(brut, `l'anneau ${rang + 1} du ${polygone}`);
    if (typeof anneau === 'string') return anneau;
    anneaux.push(anneau);
  }
  return anneaux;
}

function lireGeometrie(valeur: unknown): SurfaceGeometry | string {
  if (!estObjet(valeur)) return 'géométrie absente';
  if (valeur.type === 'Polygon') {
    const polygone = lirePolygone(valeur.coordinates, 'polygone');
    return typeof polygone === 'string' ? polygone : { type: 'Polygon', coordinates: polygone };
  }
  if (valeur.type === 'MultiPolygon') {
    if (!Array.isArray(valeur.coordinates) || valeur.coordinates.length === 0) return 'MultiPolygon sans polygone';
    const polygones: PolygonRings[] = [];
    for (const [rang, brut] of valeur.coordinates.entries()) {
      const polygone = lirePolygone(brut, `polygone ${rang + 1}`);
      if (typeof polygone === 'string') return polygone;
      polygones.push(polygone);
    }
    return { type: 'MultiPolygon', coordinates: polygones };
  }
  return `géométrie de type « ${String(valeur.type)} » : Polygon ou MultiPolygon attendu`;
}

function lireContour(valeur: unknown, numero: number): ContourCommune | string {
  if (!estObjet(valeur) || valeur.type !== 'Feature') return 'objet GeoJSON de type « Feature » attendu';
  const proprietes = valeur.properties;
  if (!estObjet(proprietes)) return 'propriétés absentes (code et nom attendus)';
  const { code, nom } = proprietes;
  if (typeof code !== 'string' || !estCodeInsee(code)) {
    const recu = code === undefined ? 'absente' : JSON.stringify(code);
    return `propriété « code » invalide (${recu}) : code INSEE à 5 caractères attendu`;
  }
  if (typeof nom !== 'string' || nom.trim() === '') return `propriété « nom » absente pour le code ${code}`;
  const geometrie = lireGeometrie(valeur.geometry);
  if (typeof geometrie === 'string') return `${geometrie} (code ${code}, ${nom})`;
  return { numero, code: code.toUpperCase(), nom: nom.trim(), geometrie };
}

/** Vérifie une FeatureCollection déjà analysée ; aucun contour n'est rendu s'il y a une erreur. */
export function validerContours(donnees: unknown): ResultatValidation {
  if (!estObjet(donnees) || donnees.type !== 'FeatureCollection' || !Array.isArray(donnees.features)) {
    const message = 'Le fichier doit être une FeatureCollection GeoJSON avec une liste « features ».';
    return { ok: false, erreurs: [{ motif: 'collection-invalide', numero: null, message }] };
  }
  const erreurs: ErreurContour[] = [];
  const contours: ContourCommune[] = [];
  const premiersNumeros = new Map<string, number>();
  let erreursNonDetaillees = 0;
  const signaler = (erreur: ErreurContour): void => {
    if (erreurs.length < ERREURS_MAX) erreurs.push(erreur);
    else erreursNonDetaillees++;
  };
  donnees.features.forEach((brut: unknown, index) => {
    const numero = index + 1;
    const contour = lireContour(brut, numero);
    if (typeof contour === 'string') {
      signaler({ motif: 'objet-invalide', numero, message: `Objet n° ${numero} : ${contour}.` });
      return;
    }
    const premier = premiersNumeros.get(contour.code);
    if (premier !== undefined) {
      const message = `Objet n° ${numero} : le code ${contour.code} figure déjà à l'objet n° ${premier}.`;
      signaler({ motif: 'code-en-double', numero, message });
      return;
    }
    premiersNumeros.set(contour.code, numero);
    contours.push(contour);
  });
  if (erreursNonDetaillees > 0) {
    const message = `… et ${erreursNonDetaillees} autre(s) erreur(s) non détaillée(s).`;
    erreurs.push({ motif: 'objet-invalide', numero: null, message });
  }
  return erreurs.length > 0 ? { ok: false, erreurs } : { ok: true, contours };
}
