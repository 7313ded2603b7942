// Unitaire : la géométrie de la carte OÙ (projection, tracé des contours, étiquettes).
import { describe, expect, it } from 'vitest';
import { calculerCarte, LARGEUR_CARTE } from './carte.ts';

const carre = (lon: number, lat: number, d: number) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });

describe('the OÙ map geometry', () => {
  it('fits the département in the page width, north up, with every place inside the frame', () => {
    const carte = calculerCarte({
      centres: [{ lon: 0.2, lat: 44.6 }, { lon: 1.4, lat: 45.7 }],
      contours: [],
      lieux: [
        { type: 'dr', nom: 'Mairie de Nord', commune: 'Nord', lon: 0.8, lat: 45.6 },
        { type: 'espace_numerique', nom: 'Espace de Sud', commune: 'Sud', lon: 0.8, lat: 44.7 },
      ],
    });
    expect(carte.largeur).toBe(LARGEUR_CARTE);
    const [nord, sud] = [carte.lieux.find((l) => l.commune === 'Nord')!, carte.lieux.find((l) => l.commune === 'Sud')!];
    expect(nord.y).toBeLessThan(sud.y);
    for (const p of [...carte.lieux, ...carte.centres]) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(carte.largeur);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(carte.hauteur);
    }
    // Without outlines, commune centres draw the shape of the département.
    expect(carte.centres).toHaveLength(2);
    // DR places are drawn last, on top of the others.
    expect(carte.lieux.at(-1)!.type).toBe('dr');
  });

  it('draws outlines as one relative path, skips invalid geometry and then leaves out the centres', () => {
    const carte = calculerCarte({
      centres: [{ lon: 0.5, lat: 45 }],
      contours: [carre(0, 44.5, 0.5), { type: 'MultiPolygon', coordinates: [[carre(0.5, 45, 0.5).coordinates[0]]] }, { type: 'Point', coordinates: [1, 2] }, null],
      lieux: [],
    });
    expect(carte.contours.match(/M/g)).toHaveLength(2);
    expect(carte.contours).toMatch(/^M[\d.]+ [\d.]+(l-?[\d.]+ -?[\d.]+)+z/);
    expect(carte.centres).toEqual([]);
  });

  it('names DR communes where the label overlaps neither a place nor another label, once per commune', () => {
    const lieux = ['A', 'B', 'C', 'D', 'E'].flatMap((c, i) => [
      { type: 'dr' as const, nom: `Mairie de ${c}`, commune: `Commune ${c}`, lon: 0.5 + i * 0.002, lat: 45 },
      { type: 'prefecture' as const, nom: `Préfecture ${c}`, commune: `Commune ${c}`, lon: 0.5 + i * 0.002, lat: 45 },
    ]);
    const carte = calculerCarte({ centres: [{ lon: 0, lat: 44.5 }, { lon: 1, lat: 45.5 }], contours: [], lieux });
    const textes = carte.etiquettes.map((e) => e.texte);
    expect(new Set(textes).size).toBe(textes.length);
    expect(textes.length).toBeGreaterThan(0);
    expect(textes.length).toBeLessThan(5);
    const boites = carte.etiquettes.map((e) => ({ x: e.x, y: e.y - carte.tailleEtiquette, l: e.texte.length * carte.tailleEtiquette * 0.6, h: carte.tailleEtiquette + 2 }));
    for (const [i, a] of boites.entries()) for (const b of boites.slice(i + 1)) expect(a.x < b.x + b.l && b.x < a.x + a.l && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
  });

  it('gives an empty frame when nothing has a position', () => {
    const carte = calculerCarte({ centres: [], contours: [], lieux: [] });
    expect(carte.lieux).toEqual([]);
    expect(carte.contours).toBe('');
  });
});
