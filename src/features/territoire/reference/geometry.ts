// Géométrie plane sur des coordonnées GeoJSON [longitude, latitude].
//
// Le centroïde est calculé directement en degrés. C'est exact à l'échelle d'une commune :
// le centroïde commute avec toute application affine, donc multiplier les longitudes par
// cos(latitude) (pour des « kilomètres ») ne le déplacerait pas ; seule la variation de ce
// cosinus d'un bout à l'autre de la commune compte, et elle est négligeable sur 20 km.

export type Position = readonly [number, number];
export type Ring = readonly Position[];
/** Premier anneau : contour extérieur ; les suivants : trous (enclaves). */
export type PolygonRings = readonly Ring[];

export interface PolygonGeometry {
  readonly type: 'Polygon';
  readonly coordinates: PolygonRings;
}

export interface MultiPolygonGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly PolygonRings[];
}

export type SurfaceGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface LonLat {
  readonly lon: number;
  readonly lat: number;
}

export interface BoundingBox {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

/** Rayon terrestre moyen (UGGI), en kilomètres. */
export const EARTH_RADIUS_KM = 6371.0088;

export function polygonsOf(geometry: SurfaceGeometry): readonly PolygonRings[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function toMultiPolygon(geometries: readonly SurfaceGeometry[]): MultiPolygonGeometry {
  return { type: 'MultiPolygon', coordinates: geometries.flatMap(polygonsOf) };
}

interface RingMoments {
  readonly area: number;
  readonly x: number;
  readonly y: number;
}

// Aire signée (formule du lacet) et moments d'un anneau, calculés autour d'une origine
// locale : des coordonnées brutes de l'ordre de 45° feraient perdre des chiffres
// significatifs aux produits croisés de segments de quelques mètres.
function ringMoments(ring: Ring, origin: Position): RingMoments {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    if (!a || !b) continue;
    const ax = a[0] - origin[0];
    const ay = a[1] - origin[1];
    const bx = b[0] - origin[0];
    const by = b[1] - origin[1];
    const cross = ax * by - bx * ay;
    area += cross;
    x += (ax + bx) * cross;
    y += (ay + by) * cross;
  }
  return { area: area / 2, x: x / 6, y: y / 6 };
}

// Le sens de parcours des anneaux varie selon les producteurs (RFC 7946 ou non) : on
// impose un signe positif au contour extérieur et négatif aux trous, quel que soit le sens.
function polygonMoments(polygon: PolygonRings, origin: Position): RingMoments {
  let area = 0;
  let x = 0;
  let y = 0;
  polygon.forEach((ring, index) => {
    const m = ringMoments(ring, origin);
    const sign = (index === 0) === (m.area >= 0) ? 1 : -1;
    area += sign * m.area;
    x += sign * m.x;
    y += sign * m.y;
  });
  return { area, x, y };
}

function firstPosition(geometry: SurfaceGeometry): Position | undefined {
  return polygonsOf(geometry)[0]?.[0]?.[0];
}

/** Aire plane, en degrés carrés (trous déduits) : sert à pondérer, pas à mesurer. */
export function planarArea(geometry: SurfaceGeometry): number {
  const origin = firstPosition(geometry);
  if (!origin) return 0;
  return polygonsOf(geometry).reduce((total, polygon) => total + polygonMoments(polygon, origin).area, 0);
}

/**
 * Centroïde pondéré par l'aire de toutes les parties (trous déduits). Null pour une
 * géométrie vide ou d'aire nulle : mieux vaut « pas de centre » qu'un point inventé.
 */
export function centroid(geometry: SurfaceGeometry): LonLat | null {
  const origin = firstPosition(geometry);
  if (!origin) return null;
  let area = 0;
  let x = 0;
  let y = 0;
  for (const polygon of polygonsOf(geometry)) {
    const m = polygonMoments(polygon, origin);
    area += m.area;
    x += m.x;
    y += m.y;
  }
  if (!(Math.abs(area) > 0)) return null;
  return { lon: origin[0] + x / area, lat: origin[1] + y / area };
}

/** Distance orthodromique (à vol d'oiseau) en kilomètres, formule de haversine. */
export function distanceKm(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Emprise de plusieurs géométries ; null si elles n'ont aucun sommet. */
export function boundingBox(geometries: Iterable<SurfaceGeometry>): BoundingBox | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry)) {
      for (const [lon, lat] of polygon[0] ?? []) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  return west <= east ? { west, south, east, north } : null;
}

export function bboxContains(box: BoundingBox, point: LonLat): boolean {
  return point.lon >= box.west && point.lon <= box.east && point.lat >= box.south && point.lat <= box.north;
}
