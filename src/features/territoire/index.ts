import { chargerCommunes } from './reference/index.ts';

/**
 * Name of every commune (current and déléguée) of a département, from the packaged
 * reference data (COG). The database-backed territory replaces this lookup as it lands.
 */
export function nomsDesCommunes(departement: string): (code: string) => string | undefined {
  const noms = new Map<string, string>();
  for (const commune of chargerCommunes(departement)) {
    if (commune.type === 'commune-actuelle' || !noms.has(commune.code)) noms.set(commune.code, commune.nom);
  }
  return (code) => noms.get(code);
}
