import { rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { A4, nouveauDocumentPdf } from '../../kernel/documents/pdf.ts';
import { LIBELLES_ETATS } from './cycle-de-vie.ts';
import type { DemandeRow } from './demandes-repository.ts';
import { formatDate, TITRES } from './views-communs.tsx';

/**
 * The récépissé handed to the citizen at the recueil: the numéro de demande in clear and as
 * a QR code (scanned again at the remise), what happens next, and where to collect.
 */
export async function recepissePdf(demande: DemandeRow, mairie: string, service: string): Promise<Buffer> {
  const { doc, polices } = await nouveauDocumentPdf({ titre: `Récépissé de demande ${demande.numero}`, auteur: service, creeLe: demande.recueillie_le });
  const page = doc.addPage([...A4]);
  const texte = (s: string, x: number, y: number, size = 11, gras = false) => page.drawText(s, { x, y, size, font: gras ? polices.bold : polices.regular, color: rgb(0.1, 0.1, 0.1) });
  page.drawRectangle({ x: 40, y: 770, width: 515, height: 40, color: rgb(0, 0, 0.57) });
  page.drawText('Récépissé de demande de titre', { x: 52, y: 783, size: 18, font: polices.bold, color: rgb(1, 1, 1) });
  texte('Numéro de demande', 52, 735, 11);
  texte(demande.numero, 52, 712, 20, true);
  const lignes: Array<[string, string]> = [
    ['Titre', TITRES[demande.titre]],
    ['Demandeur', `${demande.nom} ${demande.prenoms}`],
    ['Né(e) le', formatDate(demande.date_naissance)],
    ['Recueillie le', demande.recueillie_le.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })],
    ['Mairie de retrait', mairie],
    ['État', LIBELLES_ETATS[demande.etat]],
  ];
  lignes.forEach(([libelle, valeur], index) => {
    texte(libelle, 52, 670 - index * 22, 11, true);
    texte(valeur, 200, 670 - index * 22, 11);
  });
  const qr = await QRCode.toBuffer(demande.numero, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  const image = await doc.embedPng(qr);
  page.drawImage(image, { x: 400, y: 590, width: 140, height: 140 });
  const suite = [
    'Conservez ce récépissé : il vous sera demandé au retrait de votre titre.',
    'Vous recevrez un SMS dès que votre titre sera disponible en mairie.',
    'Vous pouvez suivre votre demande sans compte sur la page « Suivre ma demande »,',
    'avec ce numéro et votre date de naissance.',
    'Un titre non retiré dans les 3 mois est détruit.',
  ];
  suite.forEach((ligne, index) => texte(ligne, 52, 500 - index * 18, 10));
  return Buffer.from(await doc.save());
}
