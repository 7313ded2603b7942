// One entry point for every import the platform runs, from the command line or from the admin
// page: points (CSV, GeoJSON), places in the national LieuMediationNumerique schema, and IGN
// Admin Express commune contours. Each is all or nothing, with line- or feature-numbered
// errors, and audited under the person who ran it (null from the command line).
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { importerContours, type Progression, type ResultatContours } from './contours-service.ts';
import { lireCsv, lireGeoJsonPoints, validerFichier, type ErreurFichier } from './fichiers-points.ts';
import { lireLieuxMediationNumerique } from './lieux-mediation.ts';
import { pointsService } from './points-service.ts';
import { lireGeoJson } from './reference/index.ts';

export const FORMATS_IMPORT = ['csv', 'geojson', 'lieux-mediation', 'contours'] as const;
export type FormatImport = (typeof FORMATS_IMPORT)[number];

export function estFormatImport(valeur: unknown): valeur is FormatImport {
  return typeof valeur === 'string' && (FORMATS_IMPORT as readonly string[]).includes(valeur);
}

export type ResultatImport =
  | { ok: true; format: 'contours'; contours: Extract<ResultatContours, { ok: true }> }
  | { ok: true; format: Exclude<FormatImport, 'contours'>; lieux: number }
  | { ok: false; erreurs: ErreurFichier[] };

export interface DemandeImport {
  readonly format: FormatImport;
  readonly texte: string;
  /** File name, for the audit journal only. */
  readonly fichier: string;
  /** Source written on places that do not name their own. */
  readonly source: string;
  readonly acteur: Principal | null;
  readonly progression?: Progression | undefined;
}

export async function importerFichier(deps: { db: Db; inTransaction: InTransaction; departement: string }, demande: DemandeImport): Promise<ResultatImport> {
  const { format, texte, fichier, source, acteur, progression } = demande;
  if (format === 'contours') {
    const lu = lireGeoJson(texte);
    if (!lu.ok) return { ok: false, erreurs: lu.erreurs.map((e) => ({ ligne: e.ligne ?? null, message: e.message })) };
    const r = await importerContours(deps, lu.donnees, progression, acteur);
    // Contour messages already name their feature (« Objet n° 12 : … »).
    if (!r.ok) return { ok: false, erreurs: r.erreurs.map((e) => ({ ligne: e.ligne ?? null, message: e.message })) };
    return { ok: true, format, contours: r };
  }
  const lecture = format === 'lieux-mediation' ? lireLieuxMediationNumerique(texte) : format === 'geojson' ? lireGeoJsonPoints(texte) : lireCsv(texte);
  const service = pointsService(deps);
  const { connues } = await service.referentiel();
  const valide = validerFichier(lecture, connues, source);
  if (!valide.ok) {
    // In a JSON file a number designates a feature or an array item, not a line.
    const etiquette = format === 'geojson' ? 'Objet' : format === 'lieux-mediation' && texte.replace(/^\uFEFF/, '').trimStart().startsWith('[') ? 'Lieu' : null;
    if (!etiquette) return valide;
    return {
      ok: false,
      erreurs: valide.erreurs.map((e) =>
        e.ligne === null || e.message.startsWith(`${etiquette} n° `) ? { ligne: null, message: e.message } : { ligne: null, message: `${etiquette} n° ${e.ligne} : ${e.message}` },
      ),
    };
  }
  const lieux = await service.importer(acteur, valide.points, fichier, { format, progression });
  return { ok: true, format, lieux };
}
