// Modifications des lieux d'accueil : création, correction, fermeture, réouverture, import
// d'un fichier entier, niveau d'équipement. Chaque changement est écrit avec sa ligne
// d'audit dans la même transaction ; un import est tout ou rien.
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import { communesRepository, type CommuneEnBase } from './communes-repository.ts';
import type { LieuAImporter } from './fichiers-points.ts';
import type { Progression } from './contours-service.ts';
import { indexerCentres, positionAuCentre, type CentresConnus } from './placement.ts';
import { pointsRepository, type DonneesPoint, type Point } from './points-repository.ts';
import type { NiveauEquipement } from './types-points.ts';
import type { CommunesConnues } from './validation-point.ts';

export function communesConnues(toutes: readonly CommuneEnBase[]): CommunesConnues {
  const actuelles = new Set(toutes.filter((c) => c.type === 'commune-actuelle').map((c) => c.code));
  const deleguees = new Set(toutes.filter((c) => c.communeNouvelle).map((c) => `${c.code}>${c.communeNouvelle}`));
  return { estActuelle: (code) => actuelles.has(code), estDelegueeDe: (code, actuelle) => deleguees.has(`${code}>${actuelle}`) };
}

/** Un lieu sans coordonnées précises est placé au centre de sa commune, et le dit. */
export function placer(point: DonneesPoint, centres: CentresConnus): DonneesPoint {
  if (point.position) return point;
  const centre = positionAuCentre(centres, point.communeCode, point.lieuDeleguee);
  return { ...point, position: centre ? { ...centre, precision: 'centre-commune' } : null };
}

export function pointsService(deps: { db: Db; inTransaction: InTransaction }) {
  const communes = communesRepository(deps.db);
  const points = pointsRepository(deps.db);
  const referentiel = async () => {
    const toutes = await communes.toutes();
    return { connues: communesConnues(toutes), centres: indexerCentres(toutes) };
  };

  return {
    referentiel,
    async creer(acteur: Principal, donnees: DonneesPoint): Promise<Point> {
      const { centres } = await referentiel();
      return deps.inTransaction(async (trx) => {
        const point = await pointsRepository(trx).inserer(placer(donnees, centres));
        await recordAudit(trx, acteur, { action: 'creer-point', objectType: 'point_accueil', objectId: point.id, details: { type: point.type, commune: point.communeCode } });
        return point;
      });
    },

    async modifier(acteur: Principal, id: string, donnees: DonneesPoint): Promise<boolean> {
      const { centres } = await referentiel();
      return deps.inTransaction(async (trx) => {
        const fait = await pointsRepository(trx).modifier(id, placer(donnees, centres));
        if (fait) await recordAudit(trx, acteur, { action: 'modifier-point', objectType: 'point_accueil', objectId: id, details: { type: donnees.type, commune: donnees.communeCode } });
        return fait;
      });
    },

    async definirOuvert(acteur: Principal, id: string, ouvert: boolean): Promise<boolean> {
      return deps.inTransaction(async (trx) => {
        const fait = await pointsRepository(trx).definirOuvert(id, ouvert);
        if (fait) await recordAudit(trx, acteur, { action: ouvert ? 'rouvrir-point' : 'fermer-point', objectType: 'point_accueil', objectId: id });
        return fait;
      });
    },

    async fixerNiveau(acteur: Principal, code: string, niveau: NiveauEquipement | null): Promise<boolean> {
      return deps.inTransaction(async (trx) => {
        const fait = await communesRepository(trx).fixerNiveau(code, niveau);
        if (fait) await recordAudit(trx, acteur, { action: 'fixer-niveau-equipement', objectType: 'commune', objectId: code, details: { niveau: niveau ?? 'deduit' } });
        return fait;
      });
    },

    /**
     * Un fichier déjà entièrement validé : tout est écrit, ou rien. A line designates an
     * existing place by its stored key or by its id (an export writes the id of a place that
     * has no key), so re-importing an export updates places instead of copying them; a line's
     * `ouvert` closes or re-opens the place.
     */
    async importer(
      acteur: Principal | null,
      lignes: readonly LieuAImporter[],
      fichier: string,
      options: { format?: string; progression?: Progression | undefined } = {},
    ): Promise<number> {
      const { centres } = await referentiel();
      const progression = options.progression ?? (() => {});
      return deps.inTransaction(async (trx) => {
        const repo = pointsRepository(trx);
        await repo.attendreLesAutresImports();
        const existants = await repo.lister();
        const parCle = new Map(existants.filter((p) => p.cleSource !== null).map((p) => [p.cleSource!, p]));
        const parId = new Map(existants.map((p) => [p.id, p]));
        let crees = 0;
        let modifies = 0;
        for (const [rang, { point, cle, alias = [], ouvert }] of lignes.entries()) {
          const place = placer(point, centres);
          // The key designates a place by its stored key (or, from our own export, its id);
          // an alias only ever by our own id, so another file's identifier can never land
          // on a place imported from elsewhere under the same key.
          const cible = (cle ? (parCle.get(cle) ?? parId.get(cle)) : undefined) ?? alias.map((a) => parId.get(a)).find((p) => p !== undefined);
          if (cible) {
            await repo.modifier(cible.id, place);
            if (ouvert !== undefined && ouvert !== cible.ouvert) await repo.definirOuvert(cible.id, ouvert);
            modifies += 1;
          } else {
            const cree = await repo.inserer(place, cle);
            if (ouvert === false) await repo.definirOuvert(cree.id, false);
            if (cle) parCle.set(cle, cree);
            crees += 1;
          }
          if ((rang + 1) % 50 === 0 || rang + 1 === lignes.length) progression(rang + 1, lignes.length);
        }
        await recordAudit(trx, acteur, {
          action: 'importer-points',
          objectType: 'point_accueil',
          details: { lignes: lignes.length, crees, modifies, fichier, ...(options.format ? { format: options.format } : {}) },
        });
        return lignes.length;
      });
    },

    /** Retire tous les lieux de démonstration, en une transaction auditée. */
    async retirerDemonstration(acteur: Principal | null): Promise<number> {
      return deps.inTransaction(async (trx) => {
        const n = await pointsRepository(trx).supprimerDemonstration();
        await recordAudit(trx, acteur, { action: 'retirer-demonstration', objectType: 'point_accueil', details: { lignes: n } });
        return n;
      });
    },

    lister: (...args: Parameters<typeof points.lister>) => points.lister(...args),
    parId: (...args: Parameters<typeof points.parId>) => points.parId(...args),
  };
}
export type PointsService = ReturnType<typeof pointsService>;
