import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importerContoursAdminExpress, type ReconciliationContours } from './admin-express-import.ts';
import { chargerCommunes } from './communes-source.ts';
import { bboxContains, boundingBox, distanceKm, type SurfaceGeometry } from './geometry.ts';

const dordogne = chargerCommunes('24');

function feature(code: string, nom: string, ouest: number, sud: number, cote = 0.1) {
  const anneau = [[ouest, sud], [ouest + cote, sud], [ouest + cote, sud + cote], [ouest, sud + cote], [ouest, sud]];
  return { type: 'Feature', properties: { code, nom }, geometry: { type: 'Polygon', coordinates: [anneau] } };
}

function reconcilier(features: unknown[]): ReconciliationContours {
  const resultat = importerContoursAdminExpress({ type: 'FeatureCollection', features }, dordogne);
  if (!resultat.ok) throw new Error(resultat.erreurs.map((e) => e.message).join('\n'));
  return resultat.reconciliation;
}

describe('rapprochement des contours avec les communes actuelles', () => {
  const r = reconcilier([
    feature('24322', 'Périgueux', 0.7, 45.1),
    feature('24064', 'Brantôme', 0.6, 45.3),
    feature('24079', 'Cantillac', 0.7, 45.3),
    feature('24534', 'Sigoulès', 0.4, 44.7),
    feature('24181', 'Flaugeac', 0.4, 44.8, 0.2),
    feature('24999', 'Commune inconnue', 0.1, 45.0),
    feature('33063', 'Bordeaux', -0.6, 44.8),
  ]);

  it('donne à une commune actuelle le centre et le contour de son code', () => {
    expect(r.centres.get('24322')?.lon).toBeCloseTo(0.75, 12);
    expect(r.centres.get('24322')?.lat).toBeCloseTo(45.15, 12);
    expect(r.outlines.get('24322')?.coordinates).toHaveLength(1);
  });

  it('réunit dans la commune nouvelle le contour d’une déléguée, qui garde son propre centre', () => {
    expect(r.outlines.get('24064')?.coordinates).toHaveLength(2);
    expect(r.centres.get('24064')?.lon).toBeCloseTo(0.7, 12);
    expect(r.deleguees.get('24079')).toMatchObject({ precision: 'propre' });
    expect(r.deleguees.get('24079')?.lon).toBeCloseTo(0.75, 12);
    expect(r.parties).toContainEqual({ numero: 3, code: '24079', nom: 'Cantillac', rattachement: 'commune-deleguee', communeActuelle: '24064' });
  });

  it('marque approché le centre d’une déléguée dont le code couvre aussi des déléguées absentes', () => {
    // Saint-Julien-de-Bourdeilles et cinq autres déléguées de Brantôme en Périgord manquent.
    expect(r.deleguees.get('24064')).toMatchObject({ precision: 'approchee' });
  });

  it('pondère par l’aire les parties venues d’un ancien code', () => {
    // Sigoulès (aire 1) en (0,45 ; 44,75), Flaugeac (aire 4) en (0,5 ; 44,9).
    expect(r.parties).toContainEqual(expect.objectContaining({ code: '24181', rattachement: 'ancien-code', communeActuelle: '24534' }));
    expect(r.centres.get('24534')?.lon).toBeCloseTo((0.45 + 4 * 0.5) / 5, 12);
    expect(r.centres.get('24534')?.lat).toBeCloseTo((44.75 + 4 * 44.9) / 5, 12);
  });

  it('signale les codes inconnus du département et met à part ceux d’un autre département', () => {
    expect(r.unmatched).toEqual([{ numero: 6, code: '24999', nom: 'Commune inconnue' }]);
    expect(r.outsideDepartement).toEqual([{ numero: 7, code: '33063', nom: 'Bordeaux' }]);
  });

  it('liste les communes actuelles restées sans contour', () => {
    expect(r.stats).toMatchObject({ objets: 7, communesActuelles: 3, deleguees: 1, anciensCodes: 1, nonReconnus: 1, horsDepartement: 1, communesAvecCentre: 3 });
    expect(r.withoutGeometry).toHaveLength(503 - 3);
    expect(r.withoutGeometry.find((w) => w.commune.code === '24037')).toMatchObject({ raison: 'aucun-contour' });
  });

  it('refuse tout le fichier au premier objet fautif', () => {
    const resultat = importerContoursAdminExpress(
      { type: 'FeatureCollection', features: [feature('24322', 'Périgueux', 0.7, 45.1), { type: 'Feature' }] },
      dordogne,
    );
    expect(resultat).toEqual({ ok: false, erreurs: [expect.objectContaining({ numero: 2 })] });
  });
});

const racineDepot = fileURLToPath(new URL('../../../../', import.meta.url));
const dossier = `${racineDepot}../shared/data/admin-express-2018-dordogne`;
const fichierCommunes = `${dossier}/communes-24-dordogne.geojson`;
const present = existsSync(fichierCommunes);
const titre = present
  ? 'fichier réel IGN Admin Express COG 2018 de la Dordogne'
  : `fichier Admin Express absent (${fichierCommunes}) : tests sur données réelles ignorés`;

describe.skipIf(!present)(titre, () => {
  const lire = (nom: string): unknown => JSON.parse(readFileSync(`${dossier}/${nom}`, 'utf8'));
  const resultat = present ? importerContoursAdminExpress(lire('communes-24-dordogne.geojson'), dordogne) : undefined;
  const r = resultat?.ok ? resultat.reconciliation : undefined;
  const contourDepartement = present ? (lire('departement-24-dordogne.geojson') as { geometry: SurfaceGeometry }) : undefined;
  const emprise = contourDepartement ? boundingBox([contourDepartement.geometry]) : null;

  it('rattache les 520 contours de 2018 : 503 communes, 16 déléguées, 1 ancien code, aucun inconnu', () => {
    expect(resultat?.ok).toBe(true);
    expect(r?.stats).toEqual({
      objets: 520,
      communesActuelles: 503,
      deleguees: 16,
      anciensCodes: 1,
      nonReconnus: 0,
      horsDepartement: 0,
      communesAvecCentre: 503,
      communesSansGeometrie: 0,
      delegueesAvecCentre: 35,
      delegueesSansCentre: 39,
    });
    expect(r?.parties.find((p) => p.rattachement === 'ancien-code')).toMatchObject({ code: '24181', nom: 'Flaugeac', communeActuelle: '24534' });
  });

  it('place le centre de chaque commune actuelle dans l’emprise du département', () => {
    expect(emprise).not.toBeNull();
    if (!emprise || !r) return;
    const dehors = [...r.centres].filter(([, centre]) => !bboxContains(emprise, centre));
    expect(dehors).toEqual([]);
    expect(r.centres.size).toBe(503);
  });

  it('donne un centre à Pays de Belvès, et à Belvès celui du contour 24035, marqué approché', () => {
    const pays = r?.centres.get('24035');
    expect(pays && emprise && bboxContains(emprise, pays)).toBe(true);
    // En 2018, Saint-Amand-de-Belvès était déjà fusionnée : le 24035 couvre toute la commune.
    expect(r?.deleguees.get('24035')).toMatchObject({ precision: 'approchee', lon: pays?.lon, lat: pays?.lat });
    expect(r?.delegueesWithoutCentre.map((d) => d.nom)).toContain('Saint-Amand-de-Belvès');
  });

  it('compose Brantôme en Périgord de 7 contours de 2018, chaque déléguée gardant son centre', () => {
    expect(r?.outlines.get('24064')?.coordinates).toHaveLength(7);
    const centre = r?.centres.get('24064');
    const cantillac = r?.deleguees.get('24079');
    expect(cantillac?.precision).toBe('propre');
    if (!centre || !cantillac) return;
    expect(distanceKm(centre, cantillac)).toBeGreaterThan(2);
  });

  it('place le centre de Périgueux à moins de 2 km du point GeoNames de la ville', () => {
    const centre = r?.centres.get('24322');
    expect(centre && distanceKm(centre, { lon: 0.71439, lat: 45.18691 })).toBeLessThan(2);
  });
});
