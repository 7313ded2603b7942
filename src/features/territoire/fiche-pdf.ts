// La fiche QUI en PDF, à afficher en mairie (police Unicode, titre et langue : voir le noyau).
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { nouveauDocumentPdf, couperTexte as couper } from '../../kernel/documents/pdf.ts';
import { formaterKm } from './composants.tsx';
import type { FicheCommune } from './territoire-service.ts';
import { LIBELLE_COURT, LIBELLE_NIVEAU, ROLE_MAIRIE } from './types-points.ts';

const MARGE = 50;
const LARGEUR = 595.28;
const HAUTEUR = 841.89;

class Redaction {
  private page: PDFPage;
  private y = HAUTEUR - MARGE;
  constructor(
    private readonly doc: PDFDocument,
    private readonly normale: PDFFont,
    private readonly grasse: PDFFont,
  ) {
    this.page = doc.addPage([LARGEUR, HAUTEUR]);
  }

  texte(contenu: string, options: { taille?: number; gras?: boolean; retrait?: number; apres?: number } = {}) {
    const taille = options.taille ?? 11;
    const police = options.gras ? this.grasse : this.normale;
    const retrait = options.retrait ?? 0;
    const largeurMax = LARGEUR - 2 * MARGE - retrait;
    for (const ligne of couper(contenu, police, taille, largeurMax)) {
      if (this.y < MARGE + taille) {
        this.page = this.doc.addPage([LARGEUR, HAUTEUR]);
        this.y = HAUTEUR - MARGE;
      }
      this.page.drawText(ligne, { x: MARGE + retrait, y: this.y - taille, size: taille, font: police, color: rgb(0.09, 0.09, 0.09) });
      this.y -= taille * 1.4;
    }
    this.y -= options.apres ?? 4;
  }
}


export async function ficheCommunePdf(fiche: FicheCommune, options: { nomService: string; nomDe: (code: string) => string }): Promise<Uint8Array> {
  const titre = `${fiche.commune.nom} — rôle de la mairie pour les cartes d’identité et passeports`;
  const { doc, polices } = await nouveauDocumentPdf({ titre, auteur: options.nomService, sujet: 'Fiche QUI du kit d’accompagnement de l’usager' });
  const r = new Redaction(doc, polices.regular, polices.bold);

  r.texte(`${fiche.commune.nom} (${fiche.commune.code})`, { taille: 20, gras: true });
  r.texte('Cartes nationales d’identité et passeports : rôle de la mairie', { taille: 13, apres: 12 });
  r.texte(`Niveau d’équipement : ${LIBELLE_NIVEAU[fiche.niveau]}`, { taille: 14, gras: true });
  for (const ligne of ROLE_MAIRIE[fiche.niveau]) r.texte(`• ${ligne}`, { retrait: 12 });
  r.texte('', { apres: 8 });

  r.texte('Lieux de la commune', { taille: 13, gras: true });
  if (fiche.points.length === 0) r.texte('Aucun lieu enregistré dans la commune.');
  for (const p of fiche.points) {
    r.texte(`${p.nom} — ${LIBELLE_COURT[p.type]}`, { gras: true });
    r.texte(`Adresse : ${p.adresse || 'non renseignée'} · Téléphone : ${p.telephone || 'non renseigné'}`, { retrait: 12 });
    if (p.horaires) r.texte(`Horaires : ${p.horaires}`, { retrait: 12 });
  }
  r.texte('', { apres: 8 });

  r.texte('Mairies équipées d’un dispositif de recueil les plus proches', { taille: 13, gras: true });
  if (!fiche.commune.centre) r.texte('Position de la commune inconnue : distances non calculées. Consultez la liste en ligne.');
  else if (fiche.drProches.length === 0) r.texte('Aucune autre mairie équipée d’un dispositif de recueil n’est enregistrée dans le département.');
  for (const p of fiche.drProches) {
    r.texte(`${p.nom} (${options.nomDe(p.communeCode)}) — ${formaterKm(p.distanceKm)} à vol d’oiseau`);
  }
  r.texte('', { apres: 8 });
  r.texte('Avant de vous déplacer, faites votre pré-demande en ligne et notez son numéro.', { gras: true });
  r.texte(`Document produit par ${options.nomService}. Sources indiquées en ligne sur la fiche de la commune.`, { taille: 9 });
  return doc.save();
}
