// Où placer un point dont seule la commune est connue : au centre de sa commune déléguée
// quand il est connu (la mairie de Belvès est au bourg de Belvès, pas au centre de Pays de
// Belvès), sinon au centre de la commune actuelle, sinon nulle part — jamais au hasard.
import type { CommuneEnBase } from './communes-repository.ts';

export interface CentresConnus {
  readonly actuelles: ReadonlyMap<string, CommuneEnBase>;
  readonly deleguees: ReadonlyMap<string, CommuneEnBase>;
}

export function indexerCentres(communes: readonly CommuneEnBase[]): CentresConnus {
  const actuelles = new Map<string, CommuneEnBase>();
  const deleguees = new Map<string, CommuneEnBase>();
  for (const c of communes) (c.type === 'commune-actuelle' ? actuelles : deleguees).set(c.code, c);
  return { actuelles, deleguees };
}

export function positionAuCentre(
  centres: CentresConnus,
  communeCode: string,
  lieuDeleguee: string | null,
): { lon: number; lat: number } | null {
  const deleguee = lieuDeleguee ? centres.deleguees.get(lieuDeleguee)?.centre : null;
  const centre = deleguee ?? centres.actuelles.get(communeCode)?.centre ?? null;
  return centre ? { lon: centre.lon, lat: centre.lat } : null;
}
