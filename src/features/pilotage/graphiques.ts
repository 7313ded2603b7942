// Server-rendered SVG charts. They reach the page through the kernel's unsafeRawHtml door,
// so every piece of text put in them goes through `echapper`. Each chart is role="img"
// with a <title> and a <desc> (what a screen reader announces), and the page shows the
// same figures in a table right after it: the chart is never the only way to read them.
import { formaterNombre, formaterTaux, type Comptes } from './calculs.ts';

export function echapper(texte: string) {
  return texte.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const MOIS_COURTS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const moisCourt = (mois: string) => `${MOIS_COURTS[Number(mois.slice(5, 7)) - 1]} ${mois.slice(2, 4)}`;

function cadre(id: string, titre: string, description: string, largeur: number, hauteur: number, contenu: string) {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-titre ${id}-desc" viewBox="0 0 ${largeur} ${hauteur}" width="100%" font-family="Marianne, Arial, sans-serif" font-size="12">` +
    `<title id="${id}-titre">${echapper(titre)}</title><desc id="${id}-desc">${echapper(description)}</desc>${contenu}</svg>`
  );
}

const BLEU = '#000091';
const GRIS = '#3a3a3a';
const ORANGE = '#b34000';

/** Monthly rate of pré-demande as bars, with the period's overall rate as a dashed line. */
export function graphiqueTaux(id: string, mois: readonly { mois: string; comptes: Comptes }[], reference: number | null, titre: string) {
  const [l, h, gauche, bas, haut] = [760, 280, 48, 40, 16];
  const pas = (l - gauche - 8) / Math.max(1, mois.length);
  const y = (taux: number) => haut + (1 - taux) * (h - haut - bas);
  let contenu = '';
  for (const g of [0, 0.25, 0.5, 0.75, 1]) {
    contenu += `<line x1="${gauche}" x2="${l - 8}" y1="${y(g)}" y2="${y(g)}" stroke="#cecece"/><text x="${gauche - 6}" y="${y(g) + 4}" text-anchor="end" fill="${GRIS}">${g * 100} %</text>`;
  }
  mois.forEach((m, i) => {
    const x = gauche + i * pas;
    const taux = m.comptes.taux;
    if (taux === null) contenu += `<text x="${x + pas / 2}" y="${y(0) - 4}" text-anchor="middle" fill="${GRIS}">–</text>`;
    else contenu += `<rect x="${x + pas * 0.15}" y="${y(taux)}" width="${pas * 0.7}" height="${y(0) - y(taux)}" fill="${BLEU}"/>`;
    contenu += `<text x="${x + pas / 2}" y="${h - bas + 16}" text-anchor="middle" fill="${GRIS}" font-size="10">${echapper(moisCourt(m.mois))}</text>`;
  });
  if (reference !== null) contenu += `<line x1="${gauche}" x2="${l - 8}" y1="${y(reference)}" y2="${y(reference)}" stroke="${ORANGE}" stroke-width="2" stroke-dasharray="6 4"/>`;
  const connus = mois.filter((m) => m.comptes.taux !== null);
  const description =
    `Barres : taux mensuel de pré-demande en ligne, de ${moisCourt(mois[0]?.mois ?? '')} à ${moisCourt(mois[mois.length - 1]?.mois ?? '')}. ` +
    `Ligne pointillée : taux de la période, ${formaterTaux(reference)}. ` +
    (connus.length === 0 ? 'Aucune demande recueillie sur la période.' : connus.map((m) => `${moisCourt(m.mois)} : ${formaterTaux(m.comptes.taux)}`).join(' ; ') + '.') +
    ' Les valeurs figurent dans le tableau qui suit.';
  return cadre(id, titre, description, l, h, contenu);
}

/** Applications per month, stacked: with a pré-demande (blue) under paper Cerfa (orange). */
export function graphiqueVolumes(id: string, mois: readonly { mois: string; comptes: Comptes }[], titre: string) {
  const [l, h, gauche, bas, haut] = [760, 280, 64, 56, 16];
  const max = Math.max(1, ...mois.map((m) => m.comptes.total));
  const pas = (l - gauche - 8) / Math.max(1, mois.length);
  const y = (n: number) => haut + (1 - n / max) * (h - haut - bas);
  let contenu = '';
  for (const g of [0, 0.5, 1]) contenu += `<line x1="${gauche}" x2="${l - 8}" y1="${y(g * max)}" y2="${y(g * max)}" stroke="#cecece"/><text x="${gauche - 6}" y="${y(g * max) + 4}" text-anchor="end" fill="${GRIS}">${formaterNombre(Math.round(g * max))}</text>`;
  mois.forEach((m, i) => {
    const x = gauche + i * pas + pas * 0.15;
    const w = pas * 0.7;
    contenu += `<rect x="${x}" y="${y(m.comptes.preDemandes)}" width="${w}" height="${y(0) - y(m.comptes.preDemandes)}" fill="${BLEU}"/>`;
    contenu += `<rect x="${x}" y="${y(m.comptes.total)}" width="${w}" height="${y(m.comptes.preDemandes) - y(m.comptes.total)}" fill="${ORANGE}"/>`;
    contenu += `<text x="${x + w / 2}" y="${h - bas + 16}" text-anchor="middle" fill="${GRIS}" font-size="10">${echapper(moisCourt(m.mois))}</text>`;
  });
  contenu += `<rect x="${gauche}" y="${h - 20}" width="12" height="12" fill="${BLEU}"/><text x="${gauche + 18}" y="${h - 10}" fill="${GRIS}">avec pré-demande en ligne</text>`;
  contenu += `<rect x="${gauche + 220}" y="${h - 20}" width="12" height="12" fill="${ORANGE}"/><text x="${gauche + 238}" y="${h - 10}" fill="${GRIS}">Cerfa papier</text>`;
  const description = `Demandes recueillies par mois, empilées : avec pré-demande en ligne en bas, Cerfa papier au-dessus. ${mois.map((m) => `${moisCourt(m.mois)} : ${m.comptes.preDemandes} avec pré-demande, ${m.comptes.cerfa} Cerfa`).join(' ; ')}.`;
  return cadre(id, titre, description, l, h, contenu);
}

export const CLASSES_TAUX = [
  { min: 0.75, couleur: BLEU, libelle: '75 % et plus' },
  { min: 0.5, couleur: '#6a6af4', libelle: 'de 50 % à moins de 75 %' },
  { min: 0.25, couleur: '#e4794a', libelle: 'de 25 % à moins de 50 %' },
  { min: 0, couleur: ORANGE, libelle: 'moins de 25 %' },
] as const;
const couleurDe = (taux: number) => CLASSES_TAUX.find((c) => taux >= c.min)!.couleur;

interface Rect {
  x: number;
  y: number;
  l: number;
  h: number;
}
const chevauche = (a: Rect, b: Rect) => a.x < b.x + b.l && b.x < a.x + a.l && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * The département's DR mairies placed at their commune centre (equirectangular projection,
 * corrected by the cosine of the mean latitude), coloured by rate and labelled with it so
 * the colour is never the only carrier of the information.
 */
export function carteTaux(id: string, points: readonly { nom: string; lon: number; lat: number; taux: number | null }[], titre: string) {
  const [l, gauche, droite, marge] = [760, 30, 30, 40];
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const cos = Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180);
  const etendue = Math.max((Math.max(...lons) - Math.min(...lons)) * cos, 0.01);
  const echelle = (l - gauche - droite - 180) / etendue;
  const h = Math.round((Math.max(...lats) - Math.min(...lats)) * echelle + 2 * marge + 40);
  const px = (lon: number) => gauche + 90 + (lon - Math.min(...lons)) * cos * echelle;
  const py = (lat: number) => marge + (Math.max(...lats) - lat) * echelle;
  let contenu = `<rect x="0" y="0" width="${l}" height="${h}" fill="#f6f6f6"/>`;
  const poses = points.map((p) => ({ ...p, x: px(p.lon), y: py(p.lat) }));
  for (const p of poses) {
    contenu += p.taux === null ? `<circle cx="${p.x}" cy="${p.y}" r="7" fill="#ffffff" stroke="${GRIS}" stroke-width="2"/>` : `<circle cx="${p.x}" cy="${p.y}" r="7" fill="${couleurDe(p.taux)}" stroke="#ffffff" stroke-width="1"/>`;
  }
  // Labels are placed greedily (right, left, above, below) where they overlap neither a
  // point nor another label; a label with no free place is left out: the table has it.
  const occupes: Rect[] = poses.map((p) => ({ x: p.x - 8, y: p.y - 8, l: 16, h: 16 }));
  for (const p of [...poses].sort((a, b) => a.y - b.y)) {
    const texte = `${p.nom} ${formaterTaux(p.taux)}`;
    const largeur = texte.length * 6.2;
    const essais: Rect[] = [
      { x: p.x + 10, y: p.y - 7, l: largeur, h: 13 },
      { x: p.x - 10 - largeur, y: p.y - 7, l: largeur, h: 13 },
      { x: p.x - largeur / 2, y: p.y - 22, l: largeur, h: 13 },
      { x: p.x - largeur / 2, y: p.y + 9, l: largeur, h: 13 },
    ];
    const place = essais.find((r) => r.x >= 0 && r.x + r.l <= l && r.y >= 0 && r.y + r.h <= h - 30 && !occupes.some((o) => chevauche(o, r)));
    if (!place) continue;
    occupes.push(place);
    contenu += `<text x="${place.x}" y="${place.y + 10}" fill="#161616" font-size="11">${echapper(texte)}</text>`;
  }
  CLASSES_TAUX.forEach((c, i) => {
    contenu += `<rect x="${10 + i * 155}" y="${h - 26}" width="12" height="12" fill="${c.couleur}"/><text x="${26 + i * 155}" y="${h - 16}" fill="#161616" font-size="11">${echapper(c.libelle)}</text>`;
  });
  const description = `Carte des mairies équipées d’un dispositif de recueil, placées au centre de leur commune, colorées selon leur taux de pré-demande en ligne. ${points.map((p) => `${p.nom} : ${formaterTaux(p.taux)}`).join(' ; ')}. Le tableau qui suit donne les mêmes valeurs.`;
  return cadre(id, titre, description, l, h, contenu);
}
