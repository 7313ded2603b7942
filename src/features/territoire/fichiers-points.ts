// Lecture et écriture des fichiers de lieux : CSV (séparateur « ; » ou « , », guillemets
// doublés, BOM toléré) et GeoJSON (propriétés du même nom que les colonnes). Chaque erreur
// cite sa ligne (CSV) ou son numéro d'objet (GeoJSON) ; un fichier avec une seule erreur
// n'est pas appliqué du tout.
import { celluleCsv, lireCelluleCsv } from '../../kernel/documents/csv.ts';
import type { Point } from './points-repository.ts';
import { CHAMPS_POINT, validerPoint, type CommunesConnues, type SaisiePoint } from './validation-point.ts';
import type { DonneesPoint } from './points-repository.ts';

export interface LigneLue {
  readonly ligne: number;
  readonly saisie: SaisiePoint;
  /** Identifier kept with a place created by this line, and the first one looked up. */
  readonly cle: string | null;
  /** Other identifiers that designate the same place (e.g. the bare id of a national-schema export). */
  readonly alias?: readonly string[];
  /** Open/closed state given by the file; undefined leaves an existing place as it is. */
  readonly ouvert?: boolean | undefined;
}

export interface ErreurFichier {
  readonly ligne: number | null;
  readonly message: string;
}

/**
 * A file read line by line. When it is refused, `lignes` may still hold the lines that could be
 * read, so their own errors are reported too: one pass shows every line to correct.
 */
export type Lecture = { ok: true; lignes: LigneLue[] } | { ok: false; erreurs: ErreurFichier[]; lignes?: LigneLue[] };

/** A place ready to be written, with what identifies it. */
export interface LieuAImporter {
  readonly point: DonneesPoint;
  readonly cle: string | null;
  readonly alias?: readonly string[] | undefined;
  readonly ouvert?: boolean | undefined;
}

/** `ouvert` column: « oui » / « non » (as exported), also true/false and 1/0; empty means unchanged. */
export function lireOuvert(valeur: unknown): { ok: true; ouvert: boolean | undefined } | { ok: false } {
  if (typeof valeur === 'boolean') return { ok: true, ouvert: valeur };
  if (valeur === undefined || valeur === null) return { ok: true, ouvert: undefined };
  if (typeof valeur !== 'string' && typeof valeur !== 'number') return { ok: false };
  const texte = String(valeur).trim().toLowerCase();
  if (texte === '') return { ok: true, ouvert: undefined };
  if (['oui', 'true', '1', 'ouvert'].includes(texte)) return { ok: true, ouvert: true };
  if (['non', 'false', '0', 'fermé', 'ferme'].includes(texte)) return { ok: true, ouvert: false };
  return { ok: false };
}
const MESSAGE_OUVERT = 'ouvert : « oui » ou « non » attendu (vide : état inchangé).';

/** Découpe un CSV en enregistrements, avec le numéro de ligne où chacun commence. */
export function decouperCsv(texte: string): { ligne: number; champs: string[]; guillemetNonFerme?: true }[] {
  const source = texte.replace(/^\uFEFF/, '');
  const premiere = source.split(/\r?\n/, 1)[0] ?? '';
  const sep = (premiere.match(/;/g)?.length ?? 0) >= (premiere.match(/,/g)?.length ?? 0) ? ';' : ',';
  const enregistrements: { ligne: number; champs: string[]; guillemetNonFerme?: true }[] = [];
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
      champs.push(lireCelluleCsv(champ));
      champ = '';
    }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i += 1;
      champs.push(lireCelluleCsv(champ));
      if (champs.some((x) => x.trim() !== '')) enregistrements.push({ ligne: debut, champs });
      champs = [];
      champ = '';
      ligne += 1;
      debut = ligne;
    } else champ += c;
  }
  champs.push(lireCelluleCsv(champ));
  // A quote never closed swallows the rest of the file: say so rather than read one huge field.
  if (champs.some((x) => x.trim() !== '')) enregistrements.push({ ligne: debut, champs, ...(guillemets ? { guillemetNonFerme: true as const } : {}) });
  return enregistrements;
}

export function lireCsv(texte: string): Lecture {
  const [entete, ...reste] = decouperCsv(texte);
  if (!entete) return { ok: false, erreurs: [{ ligne: null, message: 'Le fichier est vide.' }] };
  const colonnes = entete.champs.map((c) => c.trim().toLowerCase());
  const inconnues = colonnes.filter((c) => c !== 'cle' && c !== 'id' && c !== 'ouvert' && !(CHAMPS_POINT as readonly string[]).includes(c));
  if (inconnues.length > 0) return { ok: false, erreurs: [{ ligne: 1, message: `Colonnes inconnues : ${inconnues.join(', ')}. Colonnes attendues : cle, ${CHAMPS_POINT.join(', ')}, ouvert.` }] };
  const doublons = colonnes.filter((c, i) => colonnes.indexOf(c) !== i);
  if (doublons.length > 0) return { ok: false, erreurs: [{ ligne: 1, message: `Colonnes en double : ${[...new Set(doublons)].join(', ')}.` }] };
  const erreurs: ErreurFichier[] = [];
  const lignes: LigneLue[] = [];
  for (const { ligne, champs, guillemetNonFerme } of reste) {
    if (guillemetNonFerme) {
      erreurs.push({ ligne, message: 'un guillemet ouvert sur cette ligne n’est jamais refermé : la suite du fichier n’a pas pu être lue.' });
      continue;
    }
    if (champs.length !== colonnes.length) {
      erreurs.push({ ligne, message: `${champs.length} valeurs pour ${colonnes.length} colonnes.` });
      continue;
    }
    const saisie: SaisiePoint = {};
    let cle: string | null = null;
    let id: string | null = null;
    let ouvert: boolean | undefined;
    colonnes.forEach((col, i) => {
      const valeur = champs[i]!;
      if (col === 'cle') cle = valeur.trim() || null;
      else if (col === 'id') id = valeur.trim() || null;
      else if (col === 'ouvert') {
        const lu = lireOuvert(valeur);
        if (lu.ok) ouvert = lu.ouvert;
        else erreurs.push({ ligne, message: MESSAGE_OUVERT });
      } else saisie[col as keyof SaisiePoint] = valeur;
    });
    lignes.push({ ligne, saisie, cle: cle ?? id, alias: cle && id ? [id] : [], ouvert });
  }
  return erreurs.length > 0 ? { ok: false, erreurs, lignes } : { ok: true, lignes };
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
    const ouvert = lireOuvert((props as Record<string, unknown>).ouvert);
    if (!ouvert.ok) erreurs.push({ ligne: i + 1, message: `Objet n° ${i + 1} : ${MESSAGE_OUVERT}` });
    lignes.push({ ligne: i + 1, saisie, cle: typeof cle === 'string' && cle.trim() ? cle.trim() : null, ouvert: ouvert.ok ? ouvert.ouvert : undefined });
  });
  return erreurs.length > 0 ? { ok: false, erreurs, lignes } : { ok: true, lignes };
}

/**
 * Valide toutes les lignes ; la moindre erreur rejette le fichier entier. Errors from reading
 * and from validation are reported together, in line order.
 */
export function validerFichier(
  lecture: Lecture,
  communes: CommunesConnues,
  source: string,
): { ok: true; points: LieuAImporter[] } | { ok: false; erreurs: ErreurFichier[] } {
  if (!lecture.ok && !lecture.lignes) return { ok: false, erreurs: lecture.erreurs };
  const erreurs: ErreurFichier[] = lecture.ok ? [] : [...lecture.erreurs];
  const lignes = lecture.lignes ?? [];
  const points: LieuAImporter[] = [];
  const vues = new Map<string, number>();
  for (const { ligne, saisie, cle, alias, ouvert } of lignes) {
    if (cle !== null) {
      const avant = vues.get(cle);
      if (avant !== undefined) erreurs.push({ ligne, message: `cle : « ${cle} » figure déjà ligne ${avant}.` });
      else vues.set(cle, ligne);
    }
    const v = validerPoint(saisie, communes, source);
    if (v.ok) points.push({ point: v.point, cle, alias, ouvert });
    else for (const [champ, message] of Object.entries(v.erreurs)) erreurs.push({ ligne, message: `${champ} : ${message}` });
  }
  if (lecture.ok && lignes.length === 0) erreurs.push({ ligne: null, message: 'Aucun lieu dans le fichier.' });
  // Stable sort: file-level errors first, then by line, each line's errors in reading order.
  erreurs.sort((a, b) => (a.ligne ?? 0) - (b.ligne ?? 0));
  return erreurs.length > 0 ? { ok: false, erreurs } : { ok: true, points };
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
