// La carte OÙ du kit, calculée une fois et dessinée deux fois : en SVG dans la page et en
// tracés vectoriels dans le PDF. Projection équirectangulaire corrigée par le cosinus de la
// latitude moyenne (juste à l'échelle d'un département), origine en haut à gauche, unités
// prêtes pour le PDF (points typographiques). Les contours des communes servent de fond
// quand ils ont été importés ; sinon, le centre de chaque commune dessine le département.
import type { TypePoint } from '../territoire/index.ts';

export const LARGEUR_CARTE = 495;
const HAUTEUR_MAX = 470;
const MARGE = 12;
/** Points plus proches que ceci (en unités de carte) fusionnés : invisibles, et lourds dans le PDF. */
const PAS_MIN = 1.5;

export interface LieuCarte {
  readonly type: TypePoint;
  readonly nom: string;
  readonly commune: string;
  readonly lon: number;
  readonly lat: number;
}

export interface EntreeCarte {
  readonly centres: readonly { lon: number; lat: number }[];
  /** GeoJSON (Polygon ou MultiPolygon) des communes, tel que le territoire le stocke. */
  readonly contours: readonly unknown[];
  readonly lieux: readonly LieuCarte[];
}

export interface Carte {
  readonly largeur: number;
  readonly hauteur: number;
  /** Un seul tracé SVG (M, l, z) pour tous les contours, ou '' sans contours. */
  readonly contours: string;
  readonly centres: readonly { x: number; y: number }[];
  /** Dans l'ordre du dessin : les DR en dernier, par-dessus les autres lieux. */
  readonly lieux: readonly (LieuCarte & { x: number; y: number })[];
  readonly etiquettes: readonly { x: number; y: number; texte: string }[];
  readonly tailleEtiquette: number;
}

type Anneau = readonly (readonly [number, number])[];

function anneaux(geometrie: unknown): Anneau[] {
  if (!geometrie || typeof geometrie !== 'object') return [];
  const g = geometrie as { type?: unknown; coordinates?: unknown };
  const valide = (a: unknown): a is Anneau => Array.isArray(a) && a.every((p) => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number');
  if (g.type === 'Polygon' && Array.isArray(g.coordinates)) return g.coordinates.filter(valide);
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) return g.coordinates.flatMap((poly: unknown) => (Array.isArray(poly) ? poly.filter(valide) : []));
  return [];
}

/** Ordre de dessin : les lieux d'aide d'abord, les DR au-dessus. */
const RANG: Record<TypePoint, number> = { espace_numerique: 0, msap_poste: 1, msap: 2, prefecture: 3, dr: 4 };

export function calculerCarte(entree: EntreeCarte): Carte {
  const formes = entree.contours.map(anneaux);
  // Bornes tenues au fil de l'eau : des dizaines de milliers de sommets ne passent pas en arguments de Math.min.
  let [ouest, est, sud, nord, n] = [Infinity, -Infinity, Infinity, -Infinity, 0];
  const ajouter = (lon: number, lat: number) => {
    [ouest, est, sud, nord, n] = [Math.min(ouest, lon), Math.max(est, lon), Math.min(sud, lat), Math.max(nord, lat), n + 1];
  };
  for (const c of entree.centres) ajouter(c.lon, c.lat);
  for (const l of entree.lieux) ajouter(l.lon, l.lat);
  for (const forme of formes) for (const anneau of forme) for (const [lon, lat] of anneau) ajouter(lon, lat);
  if (n === 0) return { largeur: LARGEUR_CARTE, hauteur: 120, contours: '', centres: [], lieux: [], etiquettes: [], tailleEtiquette: 8 };

  const cos = Math.cos((((sud + nord) / 2) * Math.PI) / 180);
  const etendueX = Math.max((est - ouest) * cos, 0.01);
  const etendueY = Math.max(nord - sud, 0.01);
  const echelle = Math.min((LARGEUR_CARTE - 2 * MARGE) / etendueX, (HAUTEUR_MAX - 2 * MARGE) / etendueY);
  const decalageX = (LARGEUR_CARTE - etendueX * echelle) / 2;
  const x = (lon: number) => decalageX + (lon - ouest) * cos * echelle;
  const y = (lat: number) => MARGE + (nord - lat) * echelle;
  const hauteur = Math.round(etendueY * echelle + 2 * MARGE);
  const r1 = (n: number) => Math.round(n * 10) / 10;

  // Tracé relatif (l dx dy) entre positions déjà arrondies : plus court d'un tiers, sans
  // dérive d'arrondi ; les sommets trop proches du précédent sont sautés.
  let contours = '';
  for (const forme of formes) {
    for (const anneau of forme) {
      let precedent: [number, number] | undefined;
      let morceau = '';
      let sommets = 0;
      for (const [lon, lat] of anneau) {
        const p: [number, number] = [r1(x(lon)), r1(y(lat))];
        if (!precedent) morceau = `M${p[0]} ${p[1]}`;
        else if (Math.hypot(p[0] - precedent[0], p[1] - precedent[1]) < PAS_MIN) continue;
        else morceau += `l${r1(p[0] - precedent[0])} ${r1(p[1] - precedent[1])}`;
        precedent = p;
        sommets += 1;
      }
      if (sommets >= 3) contours += `${morceau}z`;
    }
  }

  const lieux = [...entree.lieux].sort((a, b) => RANG[a.type] - RANG[b.type]).map((l) => ({ ...l, x: r1(x(l.lon)), y: r1(y(l.lat)) }));
  const tailleEtiquette = 7.5;
  return {
    largeur: LARGEUR_CARTE,
    hauteur,
    contours,
    centres: formes.some((f) => f.length > 0) ? [] : entree.centres.map((c) => ({ x: r1(x(c.lon)), y: r1(y(c.lat)) })),
    lieux,
    etiquettes: placerEtiquettes(lieux, LARGEUR_CARTE, hauteur, tailleEtiquette),
    tailleEtiquette,
  };
}

interface Rect {
  x: number;
  y: number;
  l: number;
  h: number;
}
const chevauche = (a: Rect, b: Rect) => a.x < b.x + b.l && b.x < a.x + a.l && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Les communes équipées d'un DR et celles de la préfecture sont nommées sur la carte, là où
 * l'étiquette ne chevauche ni un lieu ni une autre étiquette (à droite, à gauche, au-dessus,
 * au-dessous) ; sans place libre, le nom est omis : la liste qui suit la carte le donne.
 */
function placerEtiquettes(lieux: readonly { type: TypePoint; commune: string; x: number; y: number }[], largeur: number, hauteur: number, taille: number) {
  const occupes: Rect[] = lieux.map((p) => ({ x: p.x - 5, y: p.y - 5, l: 10, h: 10 }));
  const poses: { x: number; y: number; texte: string }[] = [];
  const deja = new Set<string>();
  const nommes = lieux.filter((l) => l.type === 'dr' || l.type === 'prefecture').sort((a, b) => (a.type === b.type ? a.y - b.y : a.type === 'dr' ? -1 : 1));
  for (const p of nommes) {
    if (deja.has(p.commune)) continue;
    // Largeur approchée (DejaVu Sans : ~0,6 em par caractère) : assez pour éviter les chevauchements.
    const l = p.commune.length * taille * 0.6;
    const h = taille + 2;
    const essais: Rect[] = [
      { x: p.x + 7, y: p.y - h / 2, l, h },
      { x: p.x - 7 - l, y: p.y - h / 2, l, h },
      { x: p.x - l / 2, y: p.y - 7 - h, l, h },
      { x: p.x - l / 2, y: p.y + 7, l, h },
    ];
    const place = essais.find((r) => r.x >= 0 && r.x + r.l <= largeur && r.y >= 0 && r.y + r.h <= hauteur && !occupes.some((o) => chevauche(o, r)));
    if (!place) continue;
    occupes.push(place);
    deja.add(p.commune);
    // y : ligne de base du texte, origine en haut.
    poses.push({ x: Math.round(place.x * 10) / 10, y: Math.round((place.y + taille) * 10) / 10, texte: p.commune });
  }
  return poses;
}
