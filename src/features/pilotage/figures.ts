// Every figure of the dashboard declared once, as columns and raw values: the page renders
// it as a captioned table and the CSV export writes the same rows, so both always agree.
import { celluleCsv } from '../../kernel/documents/csv.ts';
import { decimal, formaterNombre, formaterPoints, formaterTaux } from './calculs.ts';
import { LIBELLES_MESURES, LIBELLES_TITRES, libelleMois, MESURES, moisDeLaPeriode, SEUIL_DEMANDES_PAR_DISPOSITIF, TITRES } from './modele.ts';
import type { Tableau } from './tableau-service.ts';

export type TypeColonne = 'texte' | 'nombre' | 'taux' | 'points' | 'jours';
export type Valeur = string | number | null;

export interface Figure {
  id: string;
  titre: string;
  colonnes: { libelle: string; type: TypeColonne }[];
  lignes: Valeur[][];
  note?: string;
}

export const IDS_FIGURES = ['mois', 'mairies', 'mairies-mois', 'volumes', 'delais', 'reseau', 'accompagnement', 'departements'] as const;
export type IdFigure = (typeof IDS_FIGURES)[number];

/** How a value reads on the page (French formatting, units). */
export function afficher(v: Valeur, type: TypeColonne): string {
  if (v === null) return type === 'texte' ? '' : '—';
  if (typeof v === 'string') return v;
  if (type === 'taux') return formaterTaux(v);
  if (type === 'points') return formaterPoints(v);
  if (type === 'jours') return `${formaterNombre(v)} j`;
  return formaterNombre(v);
}

/** How a value is written in the CSV (decimal comma for a French spreadsheet, no unit; rates in %). */
export function versCsv(v: Valeur, type: TypeColonne): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (type === 'taux') return decimal(v * 100);
  if (type === 'points') return decimal(v);
  return String(v);
}

const taux = (libelle: string) => ({ libelle, type: 'taux' as const });
const nombre = (libelle: string) => ({ libelle, type: 'nombre' as const });
const texte = (libelle: string) => ({ libelle, type: 'texte' as const });

export function figures(t: Tableau): Figure[] {
  const national = t.perimetre.niveau === 'national';
  const liste: Figure[] = [
    {
      id: 'mois',
      titre: 'Taux de pré-demande en ligne par mois',
      colonnes: [texte('Mois'), nombre('Avec pré-demande'), nombre('Cerfa papier'), nombre('Total recueilli'), taux('Taux'), ...TITRES.flatMap((ti) => [nombre(`${LIBELLES_TITRES[ti]} : total`), taux(`${LIBELLES_TITRES[ti]} : taux`)])],
      lignes: t.mois.map((m) => [libelleMois(m.mois), m.comptes.preDemandes, m.comptes.cerfa, m.comptes.total, m.comptes.taux, ...TITRES.flatMap((ti) => [m.parTitre[ti].total, m.parTitre[ti].taux])]),
      note: 'Une demande refusée, classée sans suite ou détruite reste comptée comme recueillie. « — » : aucune demande recueillie ce mois-là.',
    },
    {
      id: 'mairies',
      titre: national ? 'Mairies équipées d’un DR, les plus éloignées du taux national d’abord' : 'Mairies équipées d’un DR, les plus éloignées du taux du département d’abord',
      colonnes: [texte('Mairie'), texte('Code INSEE'), nombre('Avec pré-demande'), nombre('Cerfa papier'), nombre('Total recueilli'), taux('Taux'), { libelle: 'Écart au taux de référence', type: 'points' }, ...TITRES.map((ti) => taux(`${LIBELLES_TITRES[ti]} : taux`))],
      lignes: t.mairies.map((m) => [m.nom, m.commune, m.comptes.preDemandes, m.comptes.cerfa, m.comptes.total, m.comptes.taux, m.ecart, ...TITRES.map((ti) => m.parTitre[ti].taux)]),
      note: `Taux de référence : ${formaterTaux(t.total.taux)}.`,
    },
  ];
  if (!national) {
    const mois = moisDeLaPeriode(t.periode);
    liste.push({
      id: 'mairies-mois',
      titre: 'Taux de pré-demande en ligne par mairie et par mois',
      colonnes: [texte('Mairie'), texte('Mois'), nombre('Avec pré-demande'), nombre('Cerfa papier'), nombre('Total recueilli'), taux('Taux')],
      lignes: t.mairies.flatMap((m) => mois.map((mo) => {
        const c = m.parMois?.get(mo);
        return [m.nom, libelleMois(mo), c?.preDemandes ?? 0, c?.cerfa ?? 0, c?.total ?? 0, c?.taux ?? null];
      })),
    });
  }
  const inconnus = t.mairies.filter((m) => !m.dispositifsConnus).length;
  liste.push(
    {
      id: 'volumes',
      titre: `Volumes sur 12 mois (${libelleMois(t.fenetreVolumes.du)} – ${libelleMois(t.fenetreVolumes.au)}) et seuil de ${formaterNombre(SEUIL_DEMANDES_PAR_DISPOSITIF)} demandes par dispositif et par an`,
      colonnes: [texte('Mairie'), nombre('Demandes sur 12 mois'), nombre('Dispositifs'), texte('Nombre de dispositifs connu'), nombre('Demandes par dispositif'), texte('Au-delà du seuil')],
      lignes: [...t.mairies]
        .sort((a, b) => b.parDispositif - a.parDispositif)
        .map((m) => [m.nom, m.volume12Mois, m.dispositifs, m.dispositifsConnus ? 'oui' : 'non (1 supposé)', Math.round(m.parDispositif), m.surcharge ? 'oui' : 'non']),
      note: `Tous titres confondus, sur les 12 mois qui finissent au mois de fin choisi.${inconnus > 0 ? ` Pour ${inconnus} mairie(s), les données du territoire ne donnent pas le nombre de dispositifs : un dispositif par point d’accueil DR (au moins un) est supposé.` : ''}`,
    },
    {
      id: 'delais',
      titre: 'Délais en jours : médiane et 90e centile',
      colonnes: [texte('Périmètre'), texte('Étape'), nombre('Titres'), { libelle: 'Médiane', type: 'jours' }, { libelle: '90e centile', type: 'jours' }],
      lignes: [
        ...MESURES.map((me) => ['Ensemble', LIBELLES_MESURES[me], t.delais[me].nombre, t.delais[me].mediane, t.delais[me].p90]),
        ...t.mairies.flatMap((m) => (m.delais ? MESURES.map((me) => [m.nom, LIBELLES_MESURES[me], m.delais![me].nombre, m.delais![me].mediane, m.delais![me].p90]) : [])),
      ],
      note: 'Délais comptés au mois où ils se terminent (mise à disposition ou remise), en jours entiers.',
    },
    {
      id: 'reseau',
      titre: 'Santé du réseau',
      colonnes: [texte('Indicateur'), nombre('Valeur'), texte('Périmètre de l’indicateur')],
      lignes: [
        ['Titres remis', t.remis, 'mairies de remise du périmètre'],
        ['Titres non retirés et détruits', t.detruits, 'mairies de remise du périmètre'],
        ['Timbres fiscaux vendus', t.timbres.vendus, 'toute la plateforme (un timbre n’est rattaché à aucune commune à l’achat)'],
        ['Timbres fiscaux consommés au recueil', t.timbres.consommes, 'mairies du périmètre'],
        ['Pré-demandes expirées sans avoir été utilisées', t.preDemandesExpirees, 'toute la plateforme (une pré-demande n’est rattachée à aucune mairie avant le recueil)'],
        ['Pré-demandes faites avec l’aide d’un espace numérique', t.accompagnees.reduce((n, a) => n + a.nombre, 0), 'espaces numériques du périmètre (détail ci-dessous)'],
      ],
    },
    {
      id: 'accompagnement',
      titre: 'Pré-demandes validées avec l’aide d’un espace numérique',
      colonnes: [texte('Espace numérique'), texte('Code INSEE'), nombre('Pré-demandes accompagnées')],
      lignes: t.accompagnees.map((a) => [a.nom, a.commune, a.nombre]),
      note: 'Comptées au mois de leur validation, tous titres confondus, pour la mairie de l’agent qui a aidé (mode accompagné).',
    },
  );
  if (national) {
    liste.push({
      id: 'departements',
      titre: 'Taux de pré-demande en ligne par département',
      colonnes: [texte('Département'), nombre('Avec pré-demande'), nombre('Cerfa papier'), nombre('Total recueilli'), taux('Taux')],
      lignes: t.departements.map((d) => [d.departement, d.comptes.preDemandes, d.comptes.cerfa, d.comptes.total, d.comptes.taux]),
    });
  }
  return liste;
}

/** RFC 4180 CSV with a ";" separator and a BOM, as a French Excel expects. */
export function csv(figure: Figure): string {
  // Text cells go through the one CSV cell writer, which neutralises formulas.
  const lignes = [figure.colonnes.map((c) => celluleCsv(c.libelle)).join(';'), ...figure.lignes.map((l) => l.map((v, i) => celluleCsv(versCsv(v, figure.colonnes[i]!.type))).join(';'))];
  return `\uFEFF${lignes.join('\r\n')}\r\n`;
}
