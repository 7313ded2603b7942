// Données de référence du territoire : communes (COG), recherche, géométrie, contours IGN
// et coordonnées GeoNames. Modules purs, sans base de données : le reste de la
// fonctionnalité « territoire » les importe d'ici.
export {
  chargerCommunes,
  chargerDepartement,
  communesActuelles,
  DepartementInconnuError,
  DonneesDecoupageInvalidesError,
  estCodeDepartement,
  extraireCommunes,
  type CommuneReference,
  type DepartementReference,
  type TypeCommune,
} from './communes-source.ts';
export { estCodeInsee, estCodePostal, normaliserRecherche } from './normalize.ts';
export {
  construireIndexCommunes,
  rechercherCommunes,
  type Correspondance,
  type IndexCommunes,
  type ResultatRecherche,
} from './recherche-communes.ts';
export {
  bboxContains,
  boundingBox,
  centroid,
  distanceKm,
  planarArea,
  toMultiPolygon,
  type BoundingBox,
  type LonLat,
  type MultiPolygonGeometry,
  type PolygonGeometry,
  type SurfaceGeometry,
} from './geometry.ts';
export {
  ERREURS_MAX,
  lireGeoJson,
  validerContours,
  type ContourCommune,
  type ErreurContour,
  type ResultatValidation,
} from './admin-express-validation.ts';
export {
  importerContoursAdminExpress,
  reconcilierContours,
  type CentreDeleguee,
  type CommuneSansGeometrie,
  type PrecisionCentre,
  type ReconciliationContours,
  type ResultatImportContours,
} from './admin-express-import.ts';
export {
  chargerCoordonnees,
  chargerVillesGeonames,
  rapprocherVillesGeonames,
  type CoordonneesCommune,
  type CoordonneesGeonames,
  type VilleGeonames,
} from './coordinates-source.ts';
