import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { A4, nouveauDocumentPdf, couperTexte as wrap } from '../../kernel/documents/pdf.ts';
import { displayValue } from '../../kernel/forms/index.ts';
import { CONTENU } from './contenu.ts';
import type { Justificatif } from './justificatifs.ts';
import { matriceQr } from './qr.ts';

export interface Recapitulatif {
  numero: string;
  personne: string;
  titre: string;
  validiteJusquau: string;
  answers: Record<string, string>;
  justificatifs: Justificatif[];
  timbre: string;
  serviceName: string;
  /** The three nearest DR mairies, one line each (empty when unknown). */
  mairies: string[];
  /** Who helped start it (assisted mode), as one sentence. */
  aide?: string | null;
}

const RESUME = ['titre', 'motif', 'nomNaissance', 'nomUsage', 'prenom1', 'prenom2', 'prenom3', 'sexe', 'dateNaissance', 'communeNaissance', 'villeNaissance', 'paysNaissance', 'taille', 'yeux', 'codePostal', 'commune'];

export async function recapitulatifPdf(recap: Recapitulatif): Promise<Uint8Array> {
  // Title, language and an embedded Unicode font (DejaVu): searchable, and every name prints.
  const { doc, polices } = await nouveauDocumentPdf({
    titre: `Récapitulatif de pré-demande ${recap.numero}`,
    auteur: recap.serviceName,
    sujet: 'Pré-demande de carte nationale d’identité ou de passeport',
  });
  const [font, fontBold] = [polices.regular, polices.bold];
  const page = doc.addPage([...A4]);
  const margin = 48;
  const width = page.getWidth() - 2 * margin;
  let y = page.getHeight() - margin;
  const write = (text: string, size: number, f: PDFFont = font, indent = 0, maxWidth = width) => {
    for (const line of wrap(text, f, size, maxWidth - indent)) {
      page.drawText(line, { x: margin + indent, y: y - size, size, font: f, color: rgb(0, 0, 0.1) });
      y -= size * 1.35;
    }
  };

  write(`${recap.serviceName} — récapitulatif de pré-demande`, 15, fontBold, 0, width - 150);
  write(`${recap.titre} pour ${recap.personne}`, 11, font, 0, width - 150);
  y -= 6;
  write('Numéro de pré-demande', 10);
  write(recap.numero, 24, fontBold);
  write(`Valable jusqu’au ${recap.validiteJusquau}`, 10);
  if (recap.aide) write(recap.aide, 8, font, 0, width - 150);
  drawQr(page, recap.numero, page.getWidth() - margin - 130, page.getHeight() - margin - 130, 130);
  y = Math.min(y, page.getHeight() - margin - 145) - 8;

  write('Vos réponses', 12, fontBold);
  for (const name of RESUME) {
    const value = recap.answers[name];
    if (value) write(`${CONTENU.fields[name]!.label.replace(/ \(.*\)$/, '')} : ${displayValue(CONTENU, name, value)}`, 9, font, 8);
  }
  y -= 6;
  write('Timbre fiscal', 12, fontBold);
  write(recap.timbre, 9, font, 8);
  y -= 6;
  write('Pièces à apporter en mairie', 12, fontBold);
  for (const item of recap.justificatifs) {
    if (y < margin + 40) break;
    write(`• ${item.libelle}`, 9, font, 8);
  }
  y -= 6;
  write('Mairies équipées les plus proches', 12, fontBold);
  if (recap.mairies.length === 0) write('Voir « Où aller ? » sur le site pour trouver une mairie équipée d’un dispositif de recueil.', 9, font, 8);
  for (const line of recap.mairies) write(`• ${line}`, 9, font, 8);
  y = Math.max(y - 8, margin + 24);
  write('Présentez-vous dans une mairie équipée d’un dispositif de recueil avec ce numéro et ces pièces.', 8, font);
  return doc.save();
}

/** The QR code drawn as vector squares: sharp at any print size, nothing rasterised. */
function drawQr(page: PDFPage, numero: string, x: number, y: number, size: number) {
  const { taille, noir } = matriceQr(numero);
  const cote = taille + 8;
  const module = size / cote;
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let ligne = 0; ligne < taille; ligne += 1) {
    for (let colonne = 0; colonne < taille; colonne += 1) {
      if (noir(ligne, colonne)) page.drawRectangle({ x: x + (colonne + 4) * module, y: y + size - (ligne + 5) * module, width: module, height: module, color: rgb(0, 0, 0) });
    }
  }
}

