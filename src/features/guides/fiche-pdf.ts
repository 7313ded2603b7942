import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { A4, nouveauDocumentPdf, couperTexte as couper } from '../../kernel/documents/pdf.ts';
import type { Besoins } from './besoins.ts';
import { CE_QU_IL_VOUS_FAUT as C } from './contenu/ce-qu-il-vous-faut.ts';

const MARGE = 48;
const ENCRE = rgb(0, 0, 0.1);
const GRIS = rgb(0.3, 0.3, 0.35);

/** The printable sheet of « Ce qu’il vous faut »: real text (searchable, read aloud), title and language set. */
export async function ficheBesoinsPdf(besoins: Besoins, meta: { serviceName: string; jour: string }): Promise<Uint8Array> {
  const { doc, polices } = await nouveauDocumentPdf({ titre: `${C.titre} — ${besoins.resume}`, auteur: meta.serviceName, sujet: C.fiche.titre });
  let page: PDFPage = doc.addPage([...A4]);
  const largeur = page.getWidth() - 2 * MARGE;
  let y = page.getHeight() - MARGE;
  /** A bullet (`puce`) hangs in the margin: wrapped lines align with the text, not under it. */
  const ecrire = (texte: string, taille: number, police: PDFFont = polices.regular, retrait = 0, couleur = ENCRE, puce = '') => {
    const decalage = puce ? police.widthOfTextAtSize(`${puce} `, taille) : 0;
    couper(texte, police, taille, largeur - retrait - decalage).forEach((ligne, index) => {
      if (y - taille < MARGE) {
        page = doc.addPage([...A4]);
        y = page.getHeight() - MARGE;
      }
      if (puce && index === 0) page.drawText(puce, { x: MARGE + retrait, y: y - taille, size: taille, font: police, color: couleur });
      page.drawText(ligne, { x: MARGE + retrait + decalage, y: y - taille, size: taille, font: police, color: couleur });
      y -= taille * 1.4;
    });
  };
  const titre = (texte: string) => {
    // A heading never sits alone at the bottom of a page.
    if (y < MARGE + 80) y = MARGE - 1;
    y -= 8;
    ecrire(texte, 13, polices.bold);
    y -= 2;
  };

  ecrire(`${meta.serviceName} — ${C.fiche.titre}`, 16, polices.bold);
  ecrire(besoins.resume, 11);
  y -= 4;
  for (const p of C.intro.slice(0, 1)) ecrire(p, 9, polices.regular, 0, GRIS);

  titre(C.cout.titre);
  if (besoins.couts.length === 0) ecrire(C.cout.gratuit, 10);
  else {
    ecrire(C.cout.timbre, 10);
    for (const c of besoins.couts) {
      ecrire(`${c.libelle} : ${c.montant}`, 10, polices.bold, 8, ENCRE, '•');
      ecrire(c.conditions, 9, polices.regular, 20, GRIS);
    }
  }

  titre(C.pieces.titre);
  for (const p of besoins.pieces) {
    ecrire(p.libelle, 10, polices.regular, 8, ENCRE, '☐');
    if (p.condition) ecrire(p.condition, 8.5, polices.regular, 22, GRIS);
  }

  titre(C.questions.titre);
  ecrire(C.questions.intro, 9, polices.regular, 0, GRIS);
  besoins.etapes.forEach((etape, index) => {
    y -= 3;
    ecrire(etape.titre, 10, polices.bold, 8, ENCRE, `${index + 1}.`);
    if (etape.condition) ecrire(etape.condition, 8.5, polices.regular, 22, GRIS);
    for (const q of etape.questions) ecrire(q.libelle, 9, polices.regular, 22, ENCRE, '–');
  });

  y -= 8;
  ecrire(`${C.fiche.pied} ${meta.jour.split('-').reverse().join('/')}.`, 8, polices.regular, 0, GRIS);
  // Without object streams: older readers (and a plain text search) find the catalogue, its title and language.
  return doc.save({ useObjectStreams: false });
}

