import { describe, expect, it } from 'vitest';
import { centile, classerParEcart, comptes, delais, ecart, tendance } from './calculs.ts';
import { csv, type Figure } from './figures.ts';
import { lireFiltres } from './filtres.ts';

describe('pilotage arithmetic on aggregates', () => {
  it('has no rate when nothing was collected, and counts a Cerfa in the denominator', () => {
    expect(comptes(0, 0).taux).toBeNull();
    expect(comptes(3, 1)).toEqual({ preDemandes: 3, cerfa: 1, total: 4, taux: 0.75 });
  });

  it('reads the median and the 90th percentile on a day histogram by nearest rank', () => {
    // 10 titles: 4 in 3 days, 5 in 7 days, 1 in 40 days.
    const h = [{ jours: 40, nombre: 1 }, { jours: 3, nombre: 4 }, { jours: 7, nombre: 5 }];
    expect(centile(h, 0.5)).toBe(7);
    expect(centile(h, 0.9)).toBe(7);
    expect(centile(h, 0.91)).toBe(40);
    expect(centile([], 0.5)).toBeNull();
    expect(delais([{ mesure: 'disponible_remise', jours: 2, nombre: 3 }])).toEqual({
      recueil_disponible: { nombre: 0, mediane: null, p90: null },
      disponible_remise: { nombre: 3, mediane: 2, p90: 2 },
    });
  });

  it('measures the trend between the first and last months that had applications', () => {
    const serie = [
      { mois: '2026-01', comptes: comptes(0, 0) },
      { mois: '2026-02', comptes: comptes(1, 3) },
      { mois: '2026-03', comptes: comptes(0, 0) },
      { mois: '2026-04', comptes: comptes(3, 1) },
    ];
    expect(tendance(serie)).toEqual({ de: '2026-02', a: '2026-04', points: 50 });
    expect(tendance(serie.slice(0, 2))).toBeNull();
  });

  it('lists the mairies furthest below the reference first, those without applications last', () => {
    const m = (nom: string, taux: number | null) => ({ nom, ecart: ecart(taux, 0.6) });
    expect(classerParEcart([m('Nontron', null), m('Périgueux', 0.75), m('Bergerac', 0), m('Thiviers', 0.5)]).map((x) => x.nom)).toEqual(['Bergerac', 'Thiviers', 'Périgueux', 'Nontron']);
  });

  it('writes a CSV for a French spreadsheet: BOM, semicolons, decimal comma, quoted and neutralised text', () => {
    const f: Figure = { id: 'x', titre: 'x', colonnes: [{ libelle: 'Mairie', type: 'texte' }, { libelle: 'Taux', type: 'taux' }], lignes: [['Saint-Astier; "centre"', 0.6667], ['=HYPERLINK()', null]] };
    expect(csv(f)).toBe('\uFEFFMairie;Taux\r\n"Saint-Astier; ""centre""";66,7\r\n\'=HYPERLINK();\r\n');
  });

  it('defaults to the last 12 months and explains each bad filter', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    expect(lireFiltres({}, now, () => []).periode).toEqual({ du: '2025-12', au: '2026-11' });
    expect(lireFiltres({ du: '2020-01', au: '2026-11' }, now, () => []).erreurs.du).toMatch(/36 mois/);
    expect(lireFiltres({ departement: 'XX' }, now, () => []).erreurs.departement).toMatch(/code de département/);
    expect(lireFiltres({ arrondissement: '243' }, now, () => ['243']).arrondissement).toBe('243');
  });
});
