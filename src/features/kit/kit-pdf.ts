// Le kit en PDF, reconstruit depuis les données vivantes : couverture, QUI, OÙ (carte
// vectorielle et liste des communes équipées d'un DR), COMMENT (les trois fiches). La
// variante d'une commune met en première page son rôle et ses lieux les plus proches.
import { nouveauDocumentPdf } from '../../kernel/documents/pdf.ts';
import { CE_QUE_FAIT, LEGENDE, LIBELLE_COURT, LIBELLE_NIVEAU, ROLE_MAIRIE, type Point, type PointProche, type TypePoint } from '../territoire/index.ts';
import { dessinerCarte } from './carte-pdf.ts';
import { COMMENT, COMMUNE, formaterKm, KIT, OU, QUI } from './contenu.ts';
import { comptesParType, type CommuneKit, type DonneesKit } from './kit-service.ts';
import { BLEU_FRANCE, MARGE, Redacteur } from './mise-en-page-pdf.ts';

const NIVEAUX = ['dr', 'espace_numerique', 'aucun'] as const;
const AUTRES: readonly TypePoint[] = ['msap', 'msap_poste', 'prefecture'];
const dateLongue = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

export function titreKit(d: Pick<DonneesKit, 'nomDepartement'>, commune?: CommuneKit | null) {
  return commune ? `${KIT.titre} — ${commune.fiche.commune.nom} (${commune.fiche.code})` : `${KIT.titre} — ${d.nomDepartement}`;
}

function lieu(r: Redacteur, p: Point, nomDe: (code: string) => string, distanceKm?: number) {
  r.texte(`${nomDe(p.communeCode)} — ${p.nom}${p.demonstration ? ' (démonstration)' : ''}`, { gras: true, apres: 1 });
  if (distanceKm !== undefined) r.texte(`${LIBELLE_COURT[p.type]} · ${COMMUNE.distance(formaterKm(distanceKm))}`, { retrait: 10, apres: 1 });
  r.texte(`Adresse : ${p.adresse || OU.nonRenseignee} · Téléphone : ${p.telephone || OU.nonRenseigne}`, { retrait: 10, apres: p.horaires ? 1 : 5 });
  if (p.horaires) r.texte(`Horaires : ${p.horaires}`, { retrait: 10, apres: 5 });
}

function pageCommune(r: Redacteur, d: DonneesKit, c: CommuneKit) {
  r.texte(KIT.titre.toUpperCase(), { taille: 10, gras: true, couleur: BLEU_FRANCE });
  r.titre(COMMUNE.titre(`${c.fiche.commune.nom} (${c.fiche.code})`), 1);
  r.titre(`${COMMUNE.role} : ${LIBELLE_NIVEAU[c.fiche.niveau]}`, 2);
  for (const ligne of ROLE_MAIRIE[c.fiche.niveau]) r.puce(ligne);
  const proches = (titre: string, points: readonly PointProche[]) => {
    r.titre(titre, 2);
    if (!c.positionConnue) r.texte(COMMUNE.sansCentre);
    else if (points.length === 0) r.texte(COMMUNE.aucunLieu);
    for (const p of points) lieu(r, p, d.nomDe, p.distanceKm);
  };
  proches(COMMUNE.drProches, c.dr);
  proches(COMMUNE.aideProches, c.aide);
  r.espace(6);
  r.texte(KIT.versionEnLigne(`${d.adresseEnLigne}/commune/${c.fiche.code}`), { taille: 9 });
  r.nouvellePage();
}

function couverture(r: Redacteur, d: DonneesKit) {
  r.texte('RÉPUBLIQUE FRANÇAISE', { taille: 12, gras: true, apres: 1 });
  r.texte('Liberté • Égalité • Fraternité', { taille: 9, apres: 6 });
  r.texte(d.operateur.toUpperCase(), { taille: 11, gras: true, apres: 60 });
  r.texte(KIT.titre.toUpperCase(), { taille: 24, gras: true, couleur: BLEU_FRANCE, apres: 8 });
  r.texte(KIT.sousTitre, { taille: 15, apres: 8 });
  r.texte(d.nomDepartement, { taille: 13, gras: true, apres: 30 });
  r.texte(KIT.accroche, { gras: true, apres: 8 });
  for (const p of KIT.introduction) r.texte(p, { apres: 6 });
  const compte = (type: TypePoint) => d.points.filter((p) => p.type === type).length;
  r.texte(KIT.chiffres(new Set(d.dr.map((p) => p.communeCode)).size, compte('espace_numerique')), { apres: 10 });
  r.texte('Il s’articule autour de trois questions :', { gras: true });
  for (const q of KIT.questions) r.texte(`${q.titre} ${q.texte}`, { retrait: 10 });
  if (d.points.some((p) => p.demonstration)) r.texte(OU.demonstration, { gras: true });
  r.espace(20);
  r.texte(KIT.miseAJour(dateLongue.format(d.genereLe)), { taille: 9, apres: 1 });
  r.texte(KIT.versionEnLigne(d.adresseEnLigne), { taille: 9 });
}

function qui(r: Redacteur) {
  r.nouvellePage();
  r.titre(QUI.titre, 1);
  r.texte(QUI.intro, { apres: 8 });
  for (const niveau of NIVEAUX) {
    r.titre(LIBELLE_NIVEAU[niveau], 2);
    for (const ligne of ROLE_MAIRIE[niveau]) r.puce(ligne);
  }
  r.titre(QUI.prefecture.titre, 2);
  for (const ligne of QUI.prefecture.role) r.puce(ligne);
  r.titre(QUI.autresLieux, 2);
  for (const type of AUTRES) {
    r.texte(LEGENDE[type], { gras: true, apres: 1 });
    r.texte(CE_QUE_FAIT[type], { retrait: 10, apres: 6 });
  }
}

function ou(r: Redacteur, d: DonneesKit) {
  r.nouvellePage();
  r.titre(OU.titre, 1);
  r.texte(OU.intro, { apres: 8 });
  r.texte(OU.carteTitre(d.nomDepartement), { gras: true, apres: 6 });
  const comptes = comptesParType(d.points);
  r.reserver(d.carte.hauteur + 130);
  r.y -= dessinerCarte(r.page, d.carte, MARGE, r.y, r.polices.regular, comptes, OU.centreCommune) + 6;
  r.texte(OU.sources, { taille: 8 });
  r.titre(`${OU.listeDr} (${d.dr.length})`, 2);
  if (d.dr.length === 0) r.texte(OU.aucunDr);
  for (const p of d.dr) {
    r.reserver(50);
    lieu(r, p, d.nomDe);
  }
}

function comment(r: Redacteur, d: DonneesKit) {
  r.nouvellePage();
  r.titre(COMMENT.titre, 1);
  r.texte(COMMENT.intro, { apres: 8 });
  if (d.guides.length === 0) r.texte(COMMENT.indisponible);
  d.guides.forEach((g, i) => {
    if (i > 0) r.nouvellePage();
    r.titre(g.titre, 2);
    for (const p of g.intro) r.texte(p, { apres: 5 });
    for (const t of g.tarifs) r.puce(`${t.libelle} : ${t.montant}${t.conditions ? ` (${t.conditions})` : ''}`);
    if (g.encadre) {
      r.texte(g.encadre.titre, { gras: true, apres: 2 });
      for (const p of g.encadre.paragraphes) r.texte(p, { retrait: 10, apres: 3 });
      for (const l of g.encadre.liens) r.texte(`→ ${l.libelle} : ${new URL(l.href, d.adresseEnLigne).toString()}`, { retrait: 10, taille: 9.5, couleur: BLEU_FRANCE, apres: 3 });
    }
    for (const e of g.etapes) {
      r.titre(`Étape #${e.numero} — ${e.titre}`, 3);
      for (const p of e.paragraphes) r.texte(p, { apres: 4 });
      if (e.lien) r.texte(`→ ${e.lien.libelle} : ${new URL(e.lien.href, d.adresseEnLigne).toString()}`, { taille: 9.5, couleur: BLEU_FRANCE, apres: 4 });
    }
    for (const p of g.conclusion ?? []) r.texte(p, { gras: true, apres: 4 });
  });
}

export async function kitPdf(d: DonneesKit, commune: CommuneKit | null = null): Promise<Uint8Array> {
  const titre = titreKit(d, commune);
  const { doc, polices } = await nouveauDocumentPdf({ titre, auteur: d.operateur, sujet: `${KIT.sousTitre} : qui, où, comment`, creeLe: d.genereLe });
  const r = new Redacteur(doc, polices);
  if (commune) pageCommune(r, d, commune);
  couverture(r, d);
  qui(r);
  ou(r, d);
  comment(r, d);
  r.numeroter(titre);
  return doc.save();
}
