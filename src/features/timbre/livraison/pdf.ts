import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { A4, nouveauDocumentPdf } from '../../../kernel/documents/pdf.ts';
import QRCode from 'qrcode';
import { dateFr, euros } from '../contenu.ts';
import { formaterNumero } from '../numero.ts';

export interface TimbreImprime {
  numero: string;
  libelle: string;
  montantCentimes: number;
  expireLe: string;
}

export interface PreuveDePaiement {
  transaction: string;
  montantCentimes: number;
  payeLe: string;
  service: string;
}

/**
 * One A4 page per stamp: its number in clear and as a QR code (what a counter scanner
 * reads), what it pays for, its validity and the proof of payment. Rendered at send or
 * download time from the stored values: the PDF bytes themselves are never stored.
 */
export async function rendreTimbresPdf(timbres: TimbreImprime[], preuve: PreuveDePaiement): Promise<Buffer> {
  const { doc, polices } = await nouveauDocumentPdf({ titre: 'Timbre fiscal électronique', auteur: preuve.service, sujet: `Transaction ${preuve.transaction}`, creeLe: new Date(preuve.payeLe) });
  for (const [index, timbre] of timbres.entries()) {
    const page = doc.addPage([...A4]);
    await dessinerTimbre(doc, page, polices, timbre, preuve, `${index + 1} / ${timbres.length}`);
  }
  // Plain objects (no object streams): older readers and checkers see the catalogue directly.
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

async function dessinerTimbre(doc: PDFDocument, page: PDFPage, f: { regular: PDFFont; bold: PDFFont }, timbre: TimbreImprime, preuve: PreuveDePaiement, rang: string) {
  const bleu = rgb(0, 0, 0.57);
  const texte = (s: string, x: number, y: number, size = 11, font = f.regular) => page.drawText(s, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
  page.drawRectangle({ x: 40, y: 770, width: 515.28, height: 40, color: bleu });
  page.drawText('Timbre fiscal électronique', { x: 52, y: 783, size: 18, font: f.bold, color: rgb(1, 1, 1) });
  texte(`Timbre ${rang}`, 470, 745, 10);
  texte(timbre.libelle, 52, 720, 13, f.bold);
  texte('Numéro du timbre', 52, 690, 10);
  texte(formaterNumero(timbre.numero), 52, 666, 22, f.bold);
  texte(`Montant : ${euros(timbre.montantCentimes)}`, 52, 636);
  texte(`Valable jusqu’au ${dateFr(new Date(timbre.expireLe))}, pour une seule démarche.`, 52, 618);
  const png = await QRCode.toBuffer(timbre.numero, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 });
  const image = await doc.embedPng(png);
  page.drawImage(image, { x: 52, y: 400, width: 190, height: 190 });
  texte('Présentez ce code ou le numéro ci-dessus à la mairie lors du dépôt de votre demande.', 52, 380, 10);
  page.drawLine({ start: { x: 52, y: 350 }, end: { x: 543, y: 350 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
  texte('Preuve de paiement', 52, 325, 13, f.bold);
  texte(`Numéro de transaction : ${preuve.transaction}`, 52, 302);
  texte(`Montant payé par carte (commande entière) : ${euros(preuve.montantCentimes)}`, 52, 284);
  texte(`Payé le ${dateFr(new Date(preuve.payeLe))}`, 52, 266);
  texte('Le timbre n’est pas nominatif : conservez-le comme un moyen de paiement.', 52, 236, 10);
  texte('Remboursement possible tant qu’il n’a pas été utilisé, avec ce numéro de transaction.', 52, 220, 10);
  texte(preuve.service, 52, 60, 9);
}
