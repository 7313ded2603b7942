// Rapprochement d'un fichier de contours IGN Admin Express avec les communes actuelles.
//
// Le fichier peut être plus ancien que le Code officiel géographique du paquet : un code
// de 2018 peut désigner aujourd'hui une commune déléguée, ou une commune fusionnée sans
// statut de déléguée (elle ne survit que dans les `anciensCodes` de la commune nouvelle).
// Chaque contour est alors rattaché à la commune actuelle qui couvre désormais son
// territoire : le contour de la commune nouvelle réunit toutes ses parties et son centre
// est le centroïde pondéré par l'aire de l'ensemble.
import type { CommuneReference } from './communes-source.ts';
import { centroid, toMultiPolygon, type LonLat, type MultiPolygonGeometry } from './geometry.ts';
import { validerContours, type ContourCommune, type ErreurContour } from './admin-express-validation.ts';

/**
 * `propre` : le contour de la déléguée elle-même. `approchee` : la déléguée porte le code
 * de sa commune nouvelle et, dans le fichier, le contour de ce code couvre aussi d'autres
 * déléguées (fusion antérieure au fichier) ; son centre est à présenter comme approximatif.
 */
export type PrecisionCentre = 'propre' | 'approchee';

export interface CentreDeleguee extends LonLat {
  readonly precision: PrecisionCentre;
}

export type Rattachement = 'commune-actuelle' | 'commune-deleguee' | 'ancien-code';

export interface ObjetIgnore {
  readonly numero: number;
  readonly code: string;
  readonly nom: string;
}

export interface PartieRattachee extends ObjetIgnore {
  readonly rattachement: Rattachement;
  /** Code de la commune actuelle qui reçoit ce contour. */
  readonly communeActuelle: string;
}

export interface CommuneSansGeometrie {
  readonly commune: CommuneReference;
  readonly raison: 'aucun-contour' | 'contour-degenere';
}

export interface StatistiquesContours {
  readonly objets: number;
  readonly communesActuelles: number;
  readonly deleguees: number;
  readonly anciensCodes: number;
  readonly nonReconnus: number;
  readonly horsDepartement: number;
  readonly communesAvecCentre: number;
  readonly communesSansGeometrie: number;
  readonly delegueesAvecCentre: number;
  readonly delegueesSansCentre: number;
}

export interface ReconciliationContours {
  /** Centre de chaque commune actuelle, par code INSEE. */
  readonly centres: ReadonlyMap<string, LonLat>;
  /** Contour de chaque commune actuelle, toutes parties réunies. */
  readonly outlines: ReadonlyMap<string, MultiPolygonGeometry>;
  /** Centre des déléguées et associées, par leur code (qui peut être celui de la commune nouvelle). */
  readonly deleguees: ReadonlyMap<string, CentreDeleguee>;
  readonly parties: readonly PartieRattachee[];
  readonly unmatched: readonly ObjetIgnore[];
  /** Codes d'un autre département : normal pour un fichier national, pas une erreur. */
  readonly outsideDepartement: readonly ObjetIgnore[];
  readonly withoutGeometry: readonly CommuneSansGeometrie[];
  readonly delegueesWithoutCentre: readonly CommuneReference[];
  readonly stats: StatistiquesContours;
}

export type ResultatImportContours =
  | { readonly ok: true; readonly reconciliation: ReconciliationContours }
  | { readonly ok: false; readonly erreurs: readonly ErreurContour[] };

function departementDuCode(code: string): string {
  return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

interface Referentiel {
  readonly actuelles: ReadonlyMap<string, CommuneReference>;
  readonly deleguees: ReadonlyMap<string, CommuneReference>;
  /** Déléguées (sans les associées) de chaque commune nouvelle. */
  readonly delegueesDe: ReadonlyMap<string, readonly CommuneReference[]>;
  readonly absorbees: ReadonlyMap<string, string>;
  readonly departements: ReadonlySet<string>;
}

function indexer(communes: readonly CommuneReference[]): Referentiel {
  const actuelles = new Map<string, CommuneReference>();
  const deleguees = new Map<string, CommuneReference>();
  const absorbees = new Map<string, string>();
  const delegueesDe = new Map<string, CommuneReference[]>();
  for (const commune of communes) {
    if (commune.type !== 'commune-actuelle') deleguees.set(commune.code, commune);
    if (commune.type === 'commune-deleguee' && commune.communeNouvelle) {
      delegueesDe.set(commune.communeNouvelle, [...(delegueesDe.get(commune.communeNouvelle) ?? []), commune]);
    }
    if (commune.type === 'commune-actuelle') {
      actuelles.set(commune.code, commune);
      for (const ancien of commune.anciensCodes) absorbees.set(ancien, commune.code);
    }
  }
  return { actuelles, deleguees, delegueesDe, absorbees, departements: new Set(communes.map((c) => c.departement)) };
}

function rattacher(contour: ContourCommune, ref: Referentiel): PartieRattachee | null {
  const { numero, code, nom } = contour;
  if (ref.actuelles.has(code)) return { numero, code, nom, rattachement: 'commune-actuelle', communeActuelle: code };
  const parent = ref.deleguees.get(code)?.communeNouvelle;
  if (parent && ref.actuelles.has(parent)) {
    return { numero, code, nom, rattachement: 'commune-deleguee', communeActuelle: parent };
  }
  const absorbante = ref.absorbees.get(code);
  if (absorbante) return { numero, code, nom, rattachement: 'ancien-code', communeActuelle: absorbante };
  return null;
}

// Une déléguée qui porte le code de sa commune nouvelle (Belvès dans Pays de Belvès) n'a
// un contour « propre » que si toutes les autres déléguées de la commune ont le leur dans
// le fichier : sinon, le contour de ce code couvre aussi le territoire de celles qui
// manquent (en 2018, le 24064 couvrait Brantôme et Saint-Julien-de-Bourdeilles).
function precisionDeleguee(
  deleguee: CommuneReference,
  ref: Referentiel,
  codesPresents: ReadonlyMap<string, unknown>,
): PrecisionCentre {
  if (deleguee.code !== deleguee.communeNouvelle) return 'propre';
  const soeurs = (ref.delegueesDe.get(deleguee.code) ?? []).filter((s) => s.code !== deleguee.code);
  return soeurs.length > 0 && soeurs.every((s) => codesPresents.has(s.code)) ? 'propre' : 'approchee';
}

/** Rapproche des contours déjà validés des communes données ; fonction pure. */
export function reconcilierContours(
  contours: readonly ContourCommune[],
  communes: readonly CommuneReference[],
): ReconciliationContours {
  const ref = indexer(communes);
  const parties: PartieRattachee[] = [];
  const unmatched: ObjetIgnore[] = [];
  const outsideDepartement: ObjetIgnore[] = [];
  const geometriesParCommune = new Map<string, ContourCommune[]>();
  const contoursParCode = new Map(contours.map((c) => [c.code, c]));

  for (const contour of contours) {
    const partie = rattacher(contour, ref);
    const ignore = { numero: contour.numero, code: contour.code, nom: contour.nom };
    if (!partie) {
      (ref.departements.has(departementDuCode(contour.code)) ? unmatched : outsideDepartement).push(ignore);
      continue;
    }
    parties.push(partie);
    const liste = geometriesParCommune.get(partie.communeActuelle) ?? [];
    liste.push(contour);
    geometriesParCommune.set(partie.communeActuelle, liste);
  }

  const centres = new Map<string, LonLat>();
  const outlines = new Map<string, MultiPolygonGeometry>();
  const withoutGeometry: CommuneSansGeometrie[] = [];
  for (const commune of ref.actuelles.values()) {
    const morceaux = geometriesParCommune.get(commune.code);
    if (!morceaux) {
      withoutGeometry.push({ commune, raison: 'aucun-contour' });
      continue;
    }
    const outline = toMultiPolygon(morceaux.map((m) => m.geometrie));
    const centre = centroid(outline);
    outlines.set(commune.code, outline);
    if (centre) centres.set(commune.code, centre);
    else withoutGeometry.push({ commune, raison: 'contour-degenere' });
  }

  const deleguees = new Map<string, CentreDeleguee>();
  const delegueesWithoutCentre: CommuneReference[] = [];
  for (const deleguee of ref.deleguees.values()) {
    const contour = contoursParCode.get(deleguee.code);
    const centre = contour ? centroid(contour.geometrie) : null;
    if (!centre) {
      delegueesWithoutCentre.push(deleguee);
      continue;
    }
    deleguees.set(deleguee.code, { ...centre, precision: precisionDeleguee(deleguee, ref, contoursParCode) });
  }

  const compter = (r: Rattachement): number => parties.filter((p) => p.rattachement === r).length;
  return {
    centres,
    outlines,
    deleguees,
    parties,
    unmatched,
    outsideDepartement,
    withoutGeometry,
    delegueesWithoutCentre,
    stats: {
      objets: contours.length,
      communesActuelles: compter('commune-actuelle'),
      deleguees: compter('commune-deleguee'),
      anciensCodes: compter('ancien-code'),
      nonReconnus: unmatched.length,
      horsDepartement: outsideDepartement.length,
      communesAvecCentre: centres.size,
      communesSansGeometrie: withoutGeometry.length,
      delegueesAvecCentre: deleguees.size,
      delegueesSansCentre: delegueesWithoutCentre.length,
    },
  };
}

/** Valide puis rapproche un GeoJSON analysé ; en cas d'erreur, aucun résultat partiel. */
export function importerContoursAdminExpress(donnees: unknown, communes: readonly CommuneReference[]): ResultatImportContours {
  const validation = validerContours(donnees);
  if (!validation.ok) return validation;
  return { ok: true, reconciliation: reconcilierContours(validation.contours, communes) };
}
