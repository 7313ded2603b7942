// La carte OÙ tracée en vectoriel dans le PDF (contours, lieux, noms, légende), depuis la
// même géométrie que la carte SVG de la page.
import { rgb, type PDFPage, type PDFFont } from 'pdf-lib';
import { COULEUR, LEGENDE, TYPES_POINT, type TypePoint } from '../territoire/index.ts';
import type { Carte } from './carte.ts';
import { SYMBOLES } from './symboles.ts';

const GRIS = rgb(0.55, 0.55, 0.55);
const ENCRE = rgb(0.09, 0.09, 0.09);

export function couleurPdf(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** Un symbole centré en (x, y), coordonnées PDF (origine en bas à gauche). */
export function symbolePdf(page: PDFPage, type: TypePoint, x: number, y: number) {
  const s = SYMBOLES[type];
  const couleur = couleurPdf(COULEUR[type]);
  if (s.forme === 'cercle') page.drawCircle({ x, y, size: s.rayon, color: couleur, borderColor: ENCRE, borderWidth: 0.6 });
  else if (s.forme === 'anneau') page.drawCircle({ x, y, size: s.rayon, color: rgb(1, 1, 1), borderColor: couleur, borderWidth: 2.2 });
  // drawSvgPath place l'origine du tracé (axe des y vers le bas) au point donné.
  else if (s.forme === 'trace') page.drawSvgPath(s.trace, { x, y, color: couleur, borderColor: ENCRE, borderWidth: 0.6 });
}

/** Dessine la carte et sa légende à partir de `haut` (y PDF du bord supérieur) ; rend la hauteur utilisée. */
export function dessinerCarte(page: PDFPage, carte: Carte, gauche: number, haut: number, police: PDFFont, comptes: Record<TypePoint, number>, libelleCentre: string): number {
  page.drawRectangle({ x: gauche, y: haut - carte.hauteur, width: carte.largeur, height: carte.hauteur, color: rgb(0.965, 0.965, 0.965), borderColor: GRIS, borderWidth: 0.5 });
  if (carte.contours) page.drawSvgPath(carte.contours, { x: gauche, y: haut, color: rgb(1, 1, 1), borderColor: GRIS, borderWidth: 0.3 });
  for (const c of carte.centres) page.drawCircle({ x: gauche + c.x, y: haut - c.y, size: 0.9, color: GRIS });
  for (const l of carte.lieux) symbolePdf(page, l.type, gauche + l.x, haut - l.y);
  for (const e of carte.etiquettes) page.drawText(e.texte, { x: gauche + e.x, y: haut - e.y, size: carte.tailleEtiquette, font: police, color: ENCRE });

  let y = haut - carte.hauteur - 16;
  for (const type of TYPES_POINT) {
    symbolePdf(page, type, gauche + 8, y + 3);
    page.drawText(`${LEGENDE[type]} (${comptes[type]})`, { x: gauche + 20, y, size: 9, font: police, color: ENCRE });
    y -= 14;
  }
  if (carte.centres.length > 0) {
    page.drawCircle({ x: gauche + 8, y: y + 3, size: 1.2, color: GRIS });
    page.drawText(libelleCentre, { x: gauche + 20, y, size: 9, font: police, color: ENCRE });
    y -= 14;
  }
  return haut - y;
}
