// Lecture et écriture des fichiers de lieux : CSV (séparateur « ; » ou « , », guillemets
// doublés, BOM toléré) et GeoJSON (propriétés du même nom que les colonnes). Chaque erreur
// cite sa ligne (CSV) ou son numéro d'objet (GeoJSON) ; un fichier avec une seule erreur
// n'est pas appliqué du tout.
import type { Point } from './points-repository.ts';
import { CHAMPS_POINT, validerPoint, type CommunesConnues, type SaisiePoint } from './validation-point.ts';
import type { DonneesPoint } from './points-repository.ts';

export interface LigneLue {
  readonly ligne: number;
  readonly saisie: SaisiePoint;
  readonly cle: string | null;
}

export interface ErreurFichier {
  readonly ligne: number | null;
  readonly message: string;
}

export type Lecture = { ok: true; lignes: LigneLue[] } | { ok: false; erreurs: ErreurFichier[] };

/** Découpe un CSV en enregistrements, avec le numéro de ligne où chacun commence. */
export function decouperCsv(texte: string): { ligne: number; champs: string[] }[] {
  const source = texte.replace(/^\uFEFF/, '');
  const premiere = source.split(/\r?\n/, 1)[0] ?? '';
  const sep = (premiere.match(/;/g)?.length ?? 0) >= (premiere.match(/,/g)?.length ?? 0) ? ';' : ',';
  const enregistrements: { ligne: number; champs: string[] }[] = [];
  let champs: string[] = [];
  let champ = '';
  let guillemets = false;
  let ligne = 1;
  let debut = 1;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (guillemets) {
      if (c === '"' && source[i + 1] === '"') {
        champ += '"';
        i += 1;
      } else if (c === '"') guillemets = false;
      else {
        if (c === '\n') ligne += 1;
        champ += c;
      }
    } else if (c === '"' && champ === '') guillemets = true;
    else if (c === sep) {
      champs.push(champ);
      champ = '';
    }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i += 1;
      champs.push(champ);
      if (champs.some((x) => x.trim() !== '')) enregistrements.push({ ligne: debut, champs });
      champs = [];
      champ = '';
      ligne += 1;
      debut = ligne;
    } else champ += c;
  }
  champs.push(champ);
  if (champs.some((x) => x.trim() !== '')) enregistrements.push({ ligne: debut, champs });
  return enregistrements;
}

export function lireCsv(texte: string): Lecture {
  const [entete, ...reste] = decouperCsv(texte);
  if (!entete) return { ok: false, erreurs: [{ ligne: null, message: 'Le fichier est vide.' }] };
  const colonnes = entete.champs.map((c) => c.trim().toLowerCase());
  const inconnues = colonnes.filter((c) => c !== 'cle' && c !== 'id' && c !== 'ouvert' && !(CHAMPS_POINT as readonly string[]).includes(c));
  if (inconnues.length > 0) return { ok: false, erreurs: [{ ligne: 1, message: `Colonnes inconnues : ${inconnues.join(', ')}. Colonnes attendues : cle, ${CHAMPS_POINT.join(', ')}.` }] };
  const erreurs: ErreurFichier[] = [];
  const lignes: LigneLue[] = [];
  for (const { ligne, champs } of reste) {
    if (champs.length !== colonnes.length) {
      erreurs.push({ ligne, message: `${champs.length} valeurs pour ${colonnes.length} colonnes.` });
      continue;
    }
    const saisie: SaisiePoint = {};
    let cle: string | null = null;
    colonnes.forEach((col, i) => {
      if (col === 'cle') cle = champs[i]!.trim() || null;
      else if ((CHAMPS_POINT as readonly string[]).includes(col)) saisie[col as keyof SaisiePoint] = champs[i]!;
    });
    lignes.push({ ligne, saisie, cle });
  }
  return erreurs.length > 0 ? { ok: false, erreurs } : { ok: true, lignes };
}

export function lireGeoJsonPoints(texte: string): Lecture {
  let donnees: unknown;
  try {
    donnees = JSON.parse(texte.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, erreurs: [{ ligne: null, message: 'Le fichier n’est pas un JSON valide.' }] };
  }
  const features = (donnees as { type?: unknown; features?: unknown }).features;
  if ((donnees as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    return { ok: false, erreurs: [{ ligne: null, message: 'Une FeatureCollection GeoJSON est attendue.' }] };
  }
  const lignes: LigneLue[] = [];
  const erreurs: ErreurFichier[] = [];
  features.forEach((f: unknown, i) => {
    const props = (f as { properties?: unknown })?.properties;
    if (typeof props !== 'object' || props === null) {
      erreurs.push({ ligne: i + 1, message: `Objet n° ${i + 1} : propriétés manquantes.` });
      return;
    }
    const saisie: SaisiePoint = {};
    for (const champ of CHAMPS_POINT) {
      const v = (props as Record<string, unknown>)[champ];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') saisie[champ] = String(v);
    }
    const coords = (f as { geometry?: { type?: unknown; coordinates?: unknown } }).geometry;
    if (coords?.type === 'Point' && Array.isArray(coords.coordinates) && (props as Record<string, unknown>).precision_position !== 'centre-commune') {
      saisie.lon = String(coords.coordinates[0]);
      saisie.lat = String(coords.coordinates[1]);
    }
    const cle = (props as Record<string, unknown>).cle;
    lignes.push({ ligne: i + 1, saisie, cle: typeof cle === 'string' && cle ? cle : null });
  });
  return erreurs.length > 0 ? { ok: false, erreurs } : { ok: true, lignes };
}

/** Valide toutes les lignes ; la moindre erreur rejette le fichier entier. */
export function validerFichier(
  lecture: Lecture,
  communes: CommunesConnues,
  source: string,
): { ok: true; points: { point: DonneesPoint; cle: string | null }[] } | { ok: false; erreurs: ErreurFichier[] } {
  if (!lecture.ok) return lecture;
  const erreurs: ErreurFichier[] = [];
  const points: { point: DonneesPoint; cle: string | null }[] = [];
  for (const { ligne, saisie, cle } of lecture.lignes) {
    const v = validerPoint(saisie, communes, source);
    if (v.ok) points.push({ point: v.point, cle });
    else for (const [champ, message] of Object.entries(v.erreurs)) erreurs.push({ ligne, message: `${champ} : ${message}` });
  }
  if (lecture.lignes.length === 0) erreurs.push({ ligne: null, message: 'Aucun lieu dans le fichier.' });
  return erreurs.length > 0 ? { ok: false, erreurs } : { ok: true, points };
}

function celluleCsv(valeur: string): string {
  return /[";\n\r]/.test(valeur) ? `"${valeur.replaceAll('"', '""')}"` : valeur;
}

/** A point as the form's answers and the export's columns (positions only when known from an address). */
export function pointEnSaisie(p: Point): SaisiePoint {
  const exacte = p.position?.precision === 'adresse' ? p.position : null;
  return {
    type: p.type,
    commune: p.communeCode,
    lieu_deleguee: p.lieuDeleguee ?? '',
    nom: p.nom,
    adresse: p.adresse,
    telephone: p.telephone,
    horaires: p.horaires,
    site_web: p.siteWeb,
    lon: exacte ? String(exacte.lon) : '',
    lat: exacte ? String(exacte.lat) : '',
    nombre_dispositifs: p.nombreDispositifs ? String(p.nombreDispositifs) : '',
    notes: p.notes,
    source: p.source,
    demonstration: p.demonstration ? 'oui' : 'non',
  };
}

function valeursExport(p: Point): Record<string, string> {
  return { cle: p.cleSource ?? p.id, ...pointEnSaisie(p), ouvert: p.ouvert ? 'oui' : 'non' };
}

export function ecrireCsv(points: readonly Point[]): string {
  const entete = ['cle', ...CHAMPS_POINT, 'ouvert'];
  const lignes = points.map((p) => {
    const valeurs = valeursExport(p);
    return entete.map((c) => celluleCsv(valeurs[c] ?? '')).join(';');
  });
  return `${[entete.join(';'), ...lignes].join('\n')}\n`;
}

/** Mêmes propriétés que les colonnes du CSV : un export se réimporte tel quel. */
export function ecrireGeoJson(points: readonly Point[]): string {
  const features = points.map((p) => ({
    type: 'Feature',
    geometry: p.position ? { type: 'Point', coordinates: [p.position.lon, p.position.lat] } : null,
    properties: { ...valeursExport(p), precision_position: p.position?.precision ?? null },
  }));
  return `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;
}
