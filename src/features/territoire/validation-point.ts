// Contrôle d'un lieu d'accueil décrit par des textes (formulaire d'administration, ligne de
// CSV, propriétés GeoJSON) : petites règles pures, un message en français par champ.
import { texteInterdit } from '../../kernel/http/input.ts';
import type { DonneesPoint } from './points-repository.ts';
import { estTypePoint } from './types-points.ts';

export const CHAMPS_POINT = [
  'type', 'commune', 'lieu_deleguee', 'nom', 'adresse', 'telephone', 'horaires', 'site_web',
  'lon', 'lat', 'nombre_dispositifs', 'notes', 'source', 'demonstration',
] as const;
export type ChampPoint = (typeof CHAMPS_POINT)[number];
export type SaisiePoint = Partial<Record<ChampPoint, string>>;
export type ErreursPoint = Partial<Record<ChampPoint, string>>;

export interface CommunesConnues {
  /** Vrai si ce code INSEE est celui d'une commune actuelle connue. */
  estActuelle(code: string): boolean;
  /** Vrai si ce code est celui d'une déléguée ou associée de cette commune actuelle. */
  estDelegueeDe(code: string, actuelle: string): boolean;
}

const LONGUEURS: Partial<Record<ChampPoint, number>> = { nom: 200, adresse: 300, telephone: 30, horaires: 500, site_web: 300, notes: 1000, source: 300 };


function nombre(texte: string): number {
  return /^-?\d{1,3}([.,]\d{1,12})?$/.test(texte) ? Number(texte.replace(',', '.')) : NaN;
}

export function validerPoint(
  saisie: SaisiePoint,
  communes: CommunesConnues,
  sourceParDefaut: string,
): { ok: true; point: DonneesPoint } | { ok: false; erreurs: ErreursPoint } {
  const v = (c: ChampPoint) => (saisie[c] ?? '').trim();
  const erreurs: ErreursPoint = {};
  for (const [champ, max] of Object.entries(LONGUEURS) as [ChampPoint, number][]) {
    if (v(champ).length > max) erreurs[champ] = `${max} caractères au plus.`;
  }
  for (const champ of CHAMPS_POINT) {
    // PostgreSQL refuse le caractère nul : il doit être arrêté ici, avec un message, pas en erreur 500.
    if (texteInterdit(v(champ))) erreurs[champ] = 'Ce champ contient un caractère de contrôle invisible : retapez-le.';
  }
  const type = v('type');
  if (!estTypePoint(type)) erreurs.type = 'Choisissez la sorte de lieu : dr, espace_numerique, msap, msap_poste ou prefecture.';
  const commune = v('commune').toUpperCase();
  if (!/^(\d{5}|2[AB]\d{3})$/.test(commune)) erreurs.commune = 'Saisissez le code INSEE de la commune (5 caractères, par exemple 24322).';
  else if (!communes.estActuelle(commune)) erreurs.commune = 'Aucune commune actuelle connue ne porte ce code INSEE.';
  const deleguee = v('lieu_deleguee').toUpperCase();
  if (deleguee && !erreurs.commune && !communes.estDelegueeDe(deleguee, commune)) {
    erreurs.lieu_deleguee = 'Ce code n’est celui d’aucune commune déléguée de cette commune.';
  }
  if (!v('nom')) erreurs.nom = 'Saisissez le nom du lieu, par exemple « Mairie de Ribérac ».';
  if (v('telephone') && !/^\+?[\d .()-]{6,30}$/.test(v('telephone'))) erreurs.telephone = 'Numéro de téléphone invalide, par exemple 05 53 00 00 00.';
  if (v('site_web') && !/^https?:\/\/[^\s<>"]+$/.test(v('site_web'))) erreurs.site_web = 'Adresse de site invalide : elle commence par https://';
  const [lonT, latT] = [v('lon'), v('lat')];
  let position: DonneesPoint['position'] = null;
  if (lonT || latT) {
    const [lon, lat] = [nombre(lonT), nombre(latT)];
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) erreurs.lat = 'Latitude : nombre entre -90 et 90 (laisser les deux coordonnées vides si l’adresse exacte n’est pas connue).';
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) erreurs.lon = 'Longitude : nombre entre -180 et 180.';
    if (!erreurs.lat && !erreurs.lon) position = { lon, lat, precision: 'adresse' };
  }
  let nombreDispositifs: number | null = null;
  if (v('nombre_dispositifs')) {
    const n = /^\d{1,2}$/.test(v('nombre_dispositifs')) ? Number(v('nombre_dispositifs')) : NaN;
    if (type !== 'dr') erreurs.nombre_dispositifs = 'Seule une mairie équipée (dr) a des dispositifs de recueil.';
    else if (!(n >= 1 && n <= 50)) erreurs.nombre_dispositifs = 'Nombre de dispositifs : entier entre 1 et 50, ou vide s’il n’est pas connu.';
    else nombreDispositifs = n;
  }
  const demo = v('demonstration').toLowerCase();
  if (demo && !['oui', 'non', 'true', 'false', '1', '0'].includes(demo)) erreurs.demonstration = 'Valeur attendue : oui ou non.';
  if (Object.keys(erreurs).length > 0 || !estTypePoint(type)) return { ok: false, erreurs };
  return {
    ok: true,
    point: {
      type,
      communeCode: commune,
      lieuDeleguee: deleguee || null,
      nom: v('nom'),
      adresse: v('adresse'),
      telephone: v('telephone'),
      horaires: v('horaires'),
      siteWeb: v('site_web'),
      position,
      nombreDispositifs,
      notes: v('notes'),
      source: v('source') || sourceParDefaut,
      demonstration: ['oui', 'true', '1'].includes(demo),
    },
  };
}
