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

/**
 * Ceilings of one import, from the command line or the admin page: far above a département
 * (the Dordogne has 505 communes and a few hundred places; France about 35,000 communes), far
 * below what exhausts memory or holds the database for minutes.
 */
export const MAX_LIEUX_PAR_IMPORT = 20_000;
export const MAX_CONTOURS_PAR_IMPORT = 40_000;
const trop = (n: number, max: number, quoi: string): ResultatImport => ({
  ok: false,
  erreurs: [{ ligne: null, message: `Le fichier compte ${n.toLocaleString('fr-FR')} ${quoi}, plus que les ${max.toLocaleString('fr-FR')} permis par import : rien n’a été importé. Découpez-le en plusieurs fichiers.` }],
});
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
    const objets = (lu.donnees as { features?: unknown }).features;
    if (Array.isArray(objets) && objets.length > MAX_CONTOURS_PAR_IMPORT) return trop(objets.length, MAX_CONTOURS_PAR_IMPORT, 'contours');
    const r = await importerContours(deps, lu.donnees, progression, acteur);
    // Contour messages already name their feature (« Objet n° 12 : … »).
    if (!r.ok) return { ok: false, erreurs: r.erreurs.map((e) => ({ ligne: e.ligne ?? null, message: e.message })) };
    return { ok: true, format, contours: r };
  }
  const lecture = format === 'lieux-mediation' ? lireLieuxMediationNumerique(texte) : format === 'geojson' ? lireGeoJsonPoints(texte) : lireCsv(texte);
  const lus = lecture.lignes?.length ?? 0;
  if (lus > MAX_LIEUX_PAR_IMPORT) return trop(lus, MAX_LIEUX_PAR_IMPORT, 'lieux');
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
