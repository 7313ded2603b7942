// Import des contours IGN Admin Express : validation et rapprochement (reference/), puis
// écriture des centres et contours en une transaction, et repositionnement des lieux qui
// n'étaient placés qu'au centre de leur commune.
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { communesRepository, type MiseAJourCentre } from './communes-repository.ts';
import { indexerCentres, positionAuCentre } from './placement.ts';
import { pointsRepository } from './points-repository.ts';
import { importerContoursAdminExpress, type ErreurContour, type ReconciliationContours } from './reference/index.ts';

export type Progression = (fait: number, total: number) => void;

export type ResultatContours =
  | { ok: true; reconciliation: ReconciliationContours; communesMisesAJour: number; pointsDeplaces: number }
  | { ok: false; erreurs: readonly ErreurContour[] };

export function misesAJourDepuis(r: ReconciliationContours, types: ReadonlyMap<string, 'commune-deleguee' | 'commune-associee'>): MiseAJourCentre[] {
  const majs: MiseAJourCentre[] = [];
  for (const [code, centre] of r.centres) {
    majs.push({ code, type: 'commune-actuelle', centre: { ...centre, source: 'admin-express' }, contour: r.outlines.get(code) ?? null });
  }
  for (const [code, centre] of r.deleguees) {
    const type = types.get(code);
    if (!type) continue;
    majs.push({ code, type, centre: { lon: centre.lon, lat: centre.lat, source: centre.precision === 'propre' ? 'admin-express' : 'admin-express-approche' } });
  }
  return majs;
}

export async function importerContours(
  deps: { db: Db; inTransaction: InTransaction; departement: string },
  donnees: unknown,
  progression: Progression = () => {},
  /** The admin who ran the import from the admin page; null from the command line. */
  acteur: Principal | null = null,
): Promise<ResultatContours> {
  const communes = communesRepository(deps.db);
  const refs = (await communes.toutes()).filter((c) => c.departement === deps.departement);
  const resultat = importerContoursAdminExpress(donnees, refs);
  if (!resultat.ok) return resultat;
  const { reconciliation } = resultat;
  const types = new Map(refs.filter((c) => c.type !== 'commune-actuelle').map((c) => [c.code, c.type as 'commune-deleguee' | 'commune-associee']));
  const majs = misesAJourDepuis(reconciliation, types);
  let pointsDeplaces = 0;
  await deps.inTransaction(async (trx) => {
    const repo = communesRepository(trx);
    for (let i = 0; i < majs.length; i += 50) {
      await repo.mettreAJourCentres(majs.slice(i, i + 50), trx);
      progression(Math.min(i + 50, majs.length), majs.length);
    }
    const centres = indexerCentres(await repo.toutes());
    const points = pointsRepository(trx);
    for (const p of await points.auCentreDeLeurCommune(trx)) {
      await points.placer(p.id, positionAuCentre(centres, p.communeCode, p.lieuDeleguee), trx);
      pointsDeplaces += 1;
    }
    await recordAudit(trx, acteur, {
      action: 'importer-contours',
      objectType: 'commune',
      details: { ...reconciliation.stats },
    });
  });
  return { ok: true, reconciliation, communesMisesAJour: majs.length, pointsDeplaces };
}
