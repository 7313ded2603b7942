// Jeu de démonstration, facultatif et toujours signalé : des lieux fictifs (nom « … (démonstration) »,
// drapeau `demonstration`, source explicite) dans les communes les plus peuplées qui n'ont pas
// de DR, pour montrer la carte et l'orientation tant que la vraie liste n'est pas importée.
// Les pages affichent un avertissement dès qu'un tel lieu est présent ; rien n'est mêlé en silence.
import type { CommuneEnBase } from './communes-repository.ts';
import type { DonneesPoint } from './points-repository.ts';
import type { TypePoint } from './types-points.ts';

export const SOURCE_DEMONSTRATION = 'Données de démonstration : lieu fictif';

export function lieuxDeDemonstration(communes: readonly CommuneEnBase[], communesAvecDr: ReadonlySet<string>, nombre = 25): { point: DonneesPoint; cle: string }[] {
  const candidates = communes
    .filter((c) => c.type === 'commune-actuelle' && !communesAvecDr.has(c.code))
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.code.localeCompare(b.code))
    .slice(0, nombre);
  return candidates.map((c, i) => {
    // Une sur cinq en France Services fictive, pour que chaque calque de la carte ait un exemple.
    const type: TypePoint = i % 5 === 4 ? 'msap' : 'espace_numerique';
    return {
      cle: `demonstration:${type}:${c.code}`,
      point: {
        type,
        communeCode: c.code,
        lieuDeleguee: null,
        nom: `${type === 'msap' ? 'France Services' : 'Espace numérique'} de ${c.nom} (démonstration)`,
        adresse: '',
        telephone: '',
        horaires: '',
        siteWeb: '',
        position: null,
        nombreDispositifs: null,
        notes: 'Lieu fictif, chargé pour une démonstration : il n’existe pas.',
        source: SOURCE_DEMONSTRATION,
        demonstration: true,
      },
    };
  });
}
