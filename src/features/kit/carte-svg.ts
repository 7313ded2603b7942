// La carte OÙ en SVG, servie à part (/kit/carte.svg) pour que la page reste légère : les
// contours des communes pèsent plusieurs centaines de Kio. Tout texte qui y figure passe par
// `echapper`. La page la montre dans une <img> avec son texte de remplacement et une
// description ; le tableau qui suit en donne tout le contenu. Des attributs de présentation
// et non un attribut style : la CSP refuse les styles en ligne.
import { COULEUR, LEGENDE, TYPES_POINT, type TypePoint } from '../territoire/index.ts';
import type { Carte } from './carte.ts';
import { SYMBOLES } from './symboles.ts';

export function echapper(texte: string) {
  return texte.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function symboleSvg(type: TypePoint, x: number, y: number) {
  const s = SYMBOLES[type];
  const couleur = COULEUR[type];
  if (s.forme === 'cercle') return `<circle cx="${x}" cy="${y}" r="${s.rayon}" fill="${couleur}" stroke="#161616" stroke-width="0.6"/>`;
  if (s.forme === 'anneau') return `<circle cx="${x}" cy="${y}" r="${s.rayon}" fill="#ffffff" stroke="${couleur}" stroke-width="2.2"/>`;
  if (s.forme !== 'trace') return '';
  return `<path transform="translate(${x} ${y})" d="${s.trace}" fill="${couleur}" stroke="#161616" stroke-width="0.6"/>`;
}

/** Une pastille de légende autonome (dans la liste, à côté du nom de la sorte de lieu). */
export function pastilleSvg(type: TypePoint) {
  return `<svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true" focusable="false">${symboleSvg(type, 0, 0)}</svg>`;
}

/** Largeur et hauteur du dessin, légende comprise (pour réserver sa place dans la page). */
export function dimensionsSvg(carte: Carte) {
  const lignes = TYPES_POINT.length + (carte.centres.length > 0 ? 1 : 0);
  return { largeur: carte.largeur, hauteur: carte.hauteur + 18 + lignes * 16 };
}

export function carteSvg(carte: Carte, titre: string, description: string, comptes: Record<TypePoint, number>, libelleCentre: string) {
  const legendeY = carte.hauteur + 18;
  const { hauteur } = dimensionsSvg(carte);
  let contenu = `<rect x="0" y="0" width="${carte.largeur}" height="${carte.hauteur}" fill="#f6f6f6" stroke="#929292" stroke-width="0.5"/>`;
  if (carte.contours) contenu += `<path d="${carte.contours}" fill="#ffffff" stroke="#929292" stroke-width="0.3"/>`;
  for (const c of carte.centres) contenu += `<circle cx="${c.x}" cy="${c.y}" r="0.9" fill="#929292"/>`;
  for (const l of carte.lieux) contenu += symboleSvg(l.type, l.x, l.y);
  for (const e of carte.etiquettes) contenu += `<text x="${e.x}" y="${e.y}" font-size="${carte.tailleEtiquette}" fill="#161616">${echapper(e.texte)}</text>`;
  TYPES_POINT.forEach((type, i) => {
    const y = legendeY + i * 16;
    contenu += `${symboleSvg(type, 8, y - 3)}<text x="20" y="${y}" font-size="9" fill="#161616">${echapper(`${LEGENDE[type]} (${comptes[type]})`)}</text>`;
  });
  if (carte.centres.length > 0) {
    const y = legendeY + TYPES_POINT.length * 16;
    contenu += `<circle cx="8" cy="${y - 3}" r="1.2" fill="#929292"/><text x="20" y="${y}" font-size="9" fill="#161616">${echapper(libelleCentre)}</text>`;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="carte-kit-titre carte-kit-desc" viewBox="0 0 ${carte.largeur} ${hauteur}" width="${carte.largeur}" height="${hauteur}" font-family="Arial, sans-serif">` +
    `<title id="carte-kit-titre">${echapper(titre)}</title><desc id="carte-kit-desc">${echapper(description)}</desc>${contenu}</svg>`
  );
}
