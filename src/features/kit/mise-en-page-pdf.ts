// Mise en page du texte du kit dans le PDF : des lignes coupées au mot, des sauts de page
// quand la place manque, un pied de page numéroté. Le texte est écrit en texte (police
// Unicode du noyau), jamais en image : il se copie, se cherche et se lit à voix haute.
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { A4, couperTexte as couper, type PolicesPdf } from '../../kernel/documents/pdf.ts';

export const MARGE = 50;
export const [LARGEUR_PAGE, HAUTEUR_PAGE] = A4;
export const LARGEUR_UTILE = LARGEUR_PAGE - 2 * MARGE;
const ENCRE = rgb(0.09, 0.09, 0.09);
export const BLEU_FRANCE = rgb(0, 0, 0.569);

export interface OptionsTexte {
  taille?: number;
  gras?: boolean;
  retrait?: number;
  apres?: number;
  couleur?: ReturnType<typeof rgb>;
}

export class Redacteur {
  page!: PDFPage;
  /** Position verticale courante, depuis le bas de la page (convention PDF). */
  y = 0;
  private readonly pages: PDFPage[] = [];

  constructor(
    readonly doc: PDFDocument,
    readonly polices: PolicesPdf,
  ) {
    this.nouvellePage();
  }

  nouvellePage() {
    this.page = this.doc.addPage([LARGEUR_PAGE, HAUTEUR_PAGE]);
    this.pages.push(this.page);
    this.y = HAUTEUR_PAGE - MARGE;
  }

  /** Passe à la page suivante s'il reste moins de `hauteur` points. */
  reserver(hauteur: number) {
    if (this.y - hauteur < MARGE + 20) this.nouvellePage();
  }

  police(gras?: boolean): PDFFont {
    return gras ? this.polices.bold : this.polices.regular;
  }

  texte(contenu: string, options: OptionsTexte = {}) {
    const taille = options.taille ?? 10.5;
    const police = this.police(options.gras);
    const retrait = options.retrait ?? 0;
    for (const ligne of couper(contenu, police, taille, LARGEUR_UTILE - retrait)) {
      this.reserver(taille * 1.4);
      this.page.drawText(ligne, { x: MARGE + retrait, y: this.y - taille, size: taille, font: police, color: options.couleur ?? ENCRE });
      this.y -= taille * 1.4;
    }
    this.y -= options.apres ?? 3;
  }

  titre(contenu: string, niveau: 1 | 2 | 3) {
    const taille = niveau === 1 ? 20 : niveau === 2 ? 14 : 11.5;
    // Un titre n'est jamais laissé seul en bas de page.
    this.reserver(taille * 1.4 + 50);
    this.espace(niveau === 1 ? 0 : 6);
    this.texte(contenu, { taille, gras: true, apres: niveau === 1 ? 10 : 5, couleur: niveau === 3 ? ENCRE : BLEU_FRANCE });
  }

  puce(contenu: string, retrait = 0) {
    this.texte(`• ${contenu}`, { retrait: retrait + 10 });
  }

  espace(points: number) {
    this.y -= points;
  }

  /** Pied de page sur chaque page, une fois le document complet (le total est alors connu). */
  numeroter(libelle: string) {
    this.pages.forEach((page, i) => {
      const texte = `${libelle} — page ${i + 1} sur ${this.pages.length}`;
      page.drawText(texte, { x: MARGE, y: MARGE / 2, size: 8, font: this.polices.regular, color: rgb(0.4, 0.4, 0.4) });
    });
  }
}

