// What the dashboard needs from the territory: names and arrondissements of communes (the
// packaged COG, every département), and for the département loaded in the platform its DR
// mairies with their number of devices and the centres of its communes (for the map).
import { createRequire } from 'node:module';
import { chargerCommunes, type CommuneReference } from '../territoire/index.ts';
import { departementDe } from './modele.ts';

/** The subset of the territory service the dashboard reads (kept structural: no coupling to its internals). */
export interface TerritoireLu {
  departement: string;
  points: { lister(filtre: { types?: readonly 'dr'[]; ouvertsSeulement?: boolean }): Promise<readonly { communeCode: string; nombreDispositifs: number | null }[]> };
  communes: { toutes(): Promise<readonly { code: string; type: string; centre: { lon: number; lat: number } | null }[]> };
}

export interface MairieDR {
  commune: string;
  /** null when at least one of its DR points has no declared number of devices. */
  dispositifs: number | null;
  points: number;
}

export interface Referentiel {
  /** The département whose DR points and commune centres are in the platform's database. */
  departementCharge: string;
  nom(code: string): string;
  arrondissement(code: string): string | null;
  arrondissements(departement: string): { code: string; nom: string }[];
  communesDe(departement: string, arrondissement: string): string[];
  mairiesDR(): Promise<MairieDR[]>;
  centres(): Promise<Map<string, { lon: number; lat: number }>>;
}


const require = createRequire(import.meta.url);
let nomsArrondissements: Map<string, string> | undefined;
function nomArrondissement(code: string) {
  nomsArrondissements ??= new Map((require('@etalab/decoupage-administratif/data/arrondissements.json') as { code: string; nom: string }[]).map((a) => [a.code, a.nom]));
  return nomsArrondissements.get(code) ?? code;
}

export function referentiel(territoire: TerritoireLu): Referentiel {
  const parDepartement = new Map<string, Map<string, CommuneReference>>();
  const communes = (departement: string) => {
    let index = parDepartement.get(departement);
    if (!index) {
      index = new Map();
      try {
        // Current communes win over a déléguée carrying the same code.
        for (const c of chargerCommunes(departement)) if (c.type === 'commune-actuelle' || !index.has(c.code)) index.set(c.code, c);
      } catch {
        // An unknown département simply has no names: codes are shown instead.
      }
      parDepartement.set(departement, index);
    }
    return index;
  };
  const commune = (code: string) => communes(departementDe(code)).get(code);
  return {
    departementCharge: territoire.departement,
    nom: (code) => commune(code)?.nom ?? code,
    arrondissement: (code) => commune(code)?.arrondissement ?? null,
    arrondissements(departement) {
      const codes = new Set([...communes(departement).values()].map((c) => c.arrondissement).filter((a): a is string => a !== null));
      return [...codes].sort().map((code) => ({ code, nom: nomArrondissement(code) }));
    },
    communesDe: (departement, arrondissement) => [...communes(departement).values()].filter((c) => c.arrondissement === arrondissement).map((c) => c.code),
    async mairiesDR() {
      const parCommune = new Map<string, MairieDR>();
      for (const p of await territoire.points.lister({ types: ['dr'], ouvertsSeulement: true })) {
        const avant = parCommune.get(p.communeCode);
        const dispositifs = p.nombreDispositifs === null || (avant && avant.dispositifs === null) ? null : (avant?.dispositifs ?? 0) + p.nombreDispositifs;
        parCommune.set(p.communeCode, { commune: p.communeCode, dispositifs, points: (avant?.points ?? 0) + 1 });
      }
      return [...parCommune.values()];
    },
    async centres() {
      const centres = new Map<string, { lon: number; lat: number }>();
      for (const c of await territoire.communes.toutes()) if (c.type === 'commune-actuelle' && c.centre) centres.set(c.code, { lon: c.centre.lon, lat: c.centre.lat });
      return centres;
    },
  };
}
