// Commandes d'import et d'export du territoire, branchées dans src/cli.ts :
//   territoire import-contours <fichier.geojson>
//   territoire import-points <fichier.csv|fichier.geojson> [--source <texte>]
//   territoire export-points <fichier.csv|fichier.geojson>
import { readFile, writeFile } from 'node:fs/promises';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { ecrireCsv, ecrireGeoJson } from './fichiers-points.ts';
import { importerFichier, type FormatImport } from './import-fichiers.ts';
import { communesRepository } from './communes-repository.ts';
import { lieuxDeDemonstration } from './demonstration.ts';
import { exporterLieuxMediationNumerique } from './lieux-mediation.ts';
import { pointsService } from './points-service.ts';

export const USAGE_TERRITOIRE = `  territoire import-contours <fichier.geojson>
                                        centres et contours des communes (IGN Admin Express),
                                        rapprochés des communes actuelles ; rapport des codes non reconnus
  territoire import-points <fichier.csv|.geojson> [--source <texte>]
                                        lieux d'accueil ; tout ou rien, erreurs numérotées par ligne
  territoire export-points <fichier.csv|.geojson>
                                        tous les lieux, réimportables tels quels
  territoire import-lieux-mediation <fichier.json|.csv>
                                        lieux au schéma national LieuMediationNumerique ; tout ou rien
  territoire export-lieux-mediation <fichier.json>
                                        lieux d'aide au schéma national ; signale ceux qui ne peuvent pas l'être
  territoire demonstration charger|retirer
                                        lieux fictifs, signalés comme tels, pour une démonstration`;

export interface Sortie {
  ecrire(ligne: string): void;
  erreur(ligne: string): void;
  /** Barre de progression ; absente quand la sortie n'est pas un terminal. */
  progression?: (fait: number, total: number) => void;
}

export interface DepsCommande {
  db: Db;
  inTransaction: InTransaction;
  departement: string;
  sortie: Sortie;
}

/** Text of the progress bar: `[#####.....]  50 % 5/10`, `largeur` characters between brackets. */
export function dessinBarre(fait: number, total: number, largeur = 30): string {
  const part = total <= 0 ? 1 : Math.min(1, Math.max(0, fait / total));
  const plein = Math.round(part * largeur);
  return `[${'#'.repeat(plein)}${'.'.repeat(largeur - plein)}] ${String(Math.floor(part * 100)).padStart(3)} % ${fait}/${total}`;
}

/** Barre de progression pour un terminal (stderr), redessinée sur place ; rien quand ce n'est pas un terminal. */
export function barreProgression(flux: { write(texte: string): boolean; isTTY?: boolean }, largeur = 30): ((fait: number, total: number) => void) | undefined {
  if (!flux.isTTY) return undefined;
  return (fait, total) => {
    flux.write(`\r${dessinBarre(fait, total, largeur)}${fait >= total ? '\n' : ''}`);
  };
}

/** Exécute une sous-commande ; renvoie le code de sortie du processus. */
export async function executerCommandeTerritoire(args: readonly string[], deps: DepsCommande, options: { source?: string | undefined } = {}): Promise<number> {
  const [sousCommande, fichier] = args;
  const { sortie } = deps;
  if (sousCommande === 'demonstration' && (fichier === 'charger' || fichier === 'retirer')) return demonstration(fichier, deps);
  if (!fichier) {
    sortie.erreur(`Fichier manquant.\n${USAGE_TERRITOIRE}`);
    return 2;
  }
  const formats: Record<string, FormatImport | undefined> = {
    'import-contours': 'contours',
    'import-lieux-mediation': 'lieux-mediation',
    'import-points': /\.(geo)?json$/i.test(fichier) ? 'geojson' : 'csv',
  };
  const format = formats[sousCommande ?? ''];
  if (format) {
    const nom = fichier.split('/').pop() ?? fichier;
    const r = await importerFichier(deps, {
      format,
      texte: await readFile(fichier, 'utf8'),
      fichier: nom,
      source: options.source?.trim() || `Import du fichier ${nom}`,
      acteur: null,
      progression: sortie.progression,
    });
    if (!r.ok) return rapporterErreurs(sortie, r.erreurs);
    if (r.format !== 'contours') {
      sortie.ecrire(`${r.lieux} lieux importés.`);
      return 0;
    }
    const s = r.contours.reconciliation.stats;
    sortie.ecrire(`${s.objets} contours lus : ${s.communesActuelles} communes actuelles, ${s.deleguees} déléguées, ${s.anciensCodes} anciens codes rattachés, ${s.horsDepartement} hors département.`);
    sortie.ecrire(`${s.communesAvecCentre} communes ont désormais un centre ; ${s.delegueesAvecCentre} déléguées aussi. ${r.contours.pointsDeplaces} lieux repositionnés.`);
    for (const u of r.contours.reconciliation.unmatched) sortie.ecrire(`Non reconnu : objet n° ${u.numero}, code ${u.code} (${u.nom})`);
    for (const c of r.contours.reconciliation.withoutGeometry) sortie.ecrire(`Sans contour : ${c.commune.nom} (${c.commune.code})`);
    return 0;
  }
  if (sousCommande === 'export-points') {
    const points = await pointsService(deps).lister();
    await writeFile(fichier, /\.(geo)?json$/i.test(fichier) ? ecrireGeoJson(points) : ecrireCsv(points), 'utf8');
    sortie.ecrire(`${points.length} lieux exportés dans ${fichier}.`);
    return 0;
  }
  if (sousCommande === 'export-lieux-mediation') {
    const [points, communes] = await Promise.all([pointsService(deps).lister(), communesRepository(deps.db).toutes()]);
    const parCode = new Map(communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
    const { lieux, ecartes } = exporterLieuxMediationNumerique(points, parCode);
    await writeFile(fichier, `${JSON.stringify(lieux, null, 1)}\n`, 'utf8');
    sortie.ecrire(`${lieux.length} lieux exportés dans ${fichier}.`);
    for (const e of ecartes) sortie.ecrire(`Non exporté : ${e.nom} — ${e.raison}`);
    return 0;
  }
  sortie.erreur(`Sous-commande inconnue : ${sousCommande ?? '(aucune)'}\n${USAGE_TERRITOIRE}`);
  return 2;
}

function rapporterErreurs(sortie: Sortie, erreurs: readonly { ligne: number | null; message: string }[]): number {
  sortie.erreur(`Fichier refusé : rien n'a été importé (${erreurs.length} erreur${erreurs.length > 1 ? 's' : ''}).`);
  for (const e of erreurs.slice(0, 100)) sortie.erreur(e.ligne !== null ? `  ligne ${e.ligne} : ${e.message}` : `  ${e.message}`);
  return 1;
}

async function demonstration(action: 'charger' | 'retirer', deps: DepsCommande): Promise<number> {
  const service = pointsService(deps);
  if (action === 'retirer') {
    deps.sortie.ecrire(`${await service.retirerDemonstration(null)} lieux de démonstration retirés.`);
    return 0;
  }
  const [communes, points] = await Promise.all([communesRepository(deps.db).toutes(), service.lister({ types: ['dr'] })]);
  const lieux = lieuxDeDemonstration(communes.filter((c) => c.departement === deps.departement), new Set(points.map((p) => p.communeCode)));
  const n = await service.importer(null, lieux, 'jeu de démonstration');
  deps.sortie.ecrire(`${n} lieux de démonstration chargés ; chaque page qui les montre l'indique. Retrait : territoire demonstration retirer.`);
  return 0;
}
