import { describe, expect, it } from 'vitest';
import {
  chargerCommunes,
  chargerDepartement,
  communesActuelles,
  DepartementInconnuError,
  DonneesDecoupageInvalidesError,
  estCodeDepartement,
  extraireCommunes,
  type CommuneReference,
} from './communes-source.ts';

function parNom(communes: readonly CommuneReference[], nom: string): CommuneReference {
  const trouvee = communes.find((c) => c.nom === nom);
  if (!trouvee) throw new Error(`commune absente : ${nom}`);
  return trouvee;
}

function compterParType(communes: readonly CommuneReference[]): Record<string, number> {
  const compte: Record<string, number> = {};
  for (const c of communes) compte[c.type] = (compte[c.type] ?? 0) + 1;
  return compte;
}

describe('communes de la Dordogne (COG du paquet @etalab/decoupage-administratif 6.0.0)', () => {
  const communes = chargerCommunes();

  it('compte 503 communes actuelles, 67 déléguées et 7 associées', () => {
    expect(compterParType(communes)).toEqual({
      'commune-actuelle': 503,
      'commune-deleguee': 67,
      'commune-associee': 7,
    });
    expect(communes.every((c) => c.departement === '24')).toBe(true);
  });

  it('fait de Belvès une commune déléguée de Pays de Belvès, qui garde le code 24035', () => {
    const belves = communes.find((c) => c.nom === 'Belvès');
    const pays = parNom(communes, 'Pays de Belvès');
    expect(belves).toMatchObject({ code: '24035', type: 'commune-deleguee', communeNouvelle: '24035' });
    expect(pays).toMatchObject({ code: '24035', type: 'commune-actuelle', codesPostaux: ['24170'] });
    expect(pays.anciensCodes).toContain('24363');
    expect(parNom(communes, 'Saint-Amand-de-Belvès').communeNouvelle).toBe('24035');
  });

  it('rattache Brantôme et six autres déléguées à Brantôme en Périgord', () => {
    const brantome = parNom(communes, 'Brantôme en Périgord');
    expect(brantome).toMatchObject({ code: '24064', arrondissement: '242' });
    expect(brantome.codesPostaux).toEqual(['24310', '24460', '24530']);
    expect(parNom(communes, 'Brantôme')).toMatchObject({ type: 'commune-deleguee', communeNouvelle: '24064' });
    const deleguees = communes.filter((c) => c.communeNouvelle === '24064').map((c) => c.code);
    expect(deleguees.sort()).toEqual(['24064', ...brantome.anciensCodes].sort());
  });

  it('connaît Montignac sous son nom actuel Montignac-Lascaux (24291) et Périgueux (24322, 24000)', () => {
    expect(parNom(communes, 'Montignac-Lascaux')).toMatchObject({ code: '24291', type: 'commune-actuelle' });
    expect(communes.some((c) => c.nom === 'Montignac')).toBe(false);
    const perigueux = parNom(communes, 'Périgueux');
    expect(perigueux).toMatchObject({ code: '24322', codesPostaux: ['24000'], arrondissement: '243' });
    expect(perigueux.population).toBeGreaterThan(25_000);
  });

  it('donne une population à chaque commune actuelle et aucune aux déléguées', () => {
    const actuelles = communesActuelles(communes);
    expect(actuelles.every((c) => typeof c.population === 'number' && c.codesPostaux.length > 0)).toBe(true);
    expect(actuelles.reduce((total, c) => total + (c.population ?? 0), 0)).toBe(417_614);
    const autres = communes.filter((c) => c.type !== 'commune-actuelle');
    expect(autres.every((c) => c.population === null && c.communeNouvelle !== undefined)).toBe(true);
  });

  it('rattache chaque déléguée ou associée à une commune actuelle du département', () => {
    const codesActuels = new Set(communesActuelles(communes).map((c) => c.code));
    const orphelines = communes.filter((c) => c.communeNouvelle && !codesActuels.has(c.communeNouvelle));
    expect(orphelines).toEqual([]);
  });
});

describe('autres départements', () => {
  it('charge la Corse-du-Sud (2A) et la Guadeloupe (971)', () => {
    const corse = chargerCommunes('2A');
    expect(communesActuelles(corse)).toHaveLength(124);
    expect(corse.find((c) => c.code === '2A004')).toMatchObject({ nom: 'Ajaccio', anciensCodes: ['20004'] });
    const guadeloupe = chargerCommunes('971');
    expect(guadeloupe).toHaveLength(32);
    expect(guadeloupe.find((c) => c.code === '97101')?.nom).toBe('Les Abymes');
  });

  it('écarte les arrondissements municipaux de Paris', () => {
    expect(chargerCommunes('75').map((c) => c.code)).toEqual(['75056']);
  });

  it('donne le nom du département et de son chef-lieu', () => {
    expect(chargerDepartement('24')).toEqual({ code: '24', nom: 'Dordogne', chefLieu: '24322', region: '75' });
    expect(chargerDepartement('99')).toBeUndefined();
  });

  it('refuse un code de département inconnu avec une erreur française', () => {
    expect(() => chargerCommunes('96')).toThrow(DepartementInconnuError);
    expect(() => chargerCommunes('2C')).toThrow(/« 2C » est inconnu/);
    expect(estCodeDepartement('2A')).toBe(true);
    expect(estCodeDepartement('20')).toBe(false);
  });
});

describe('extraireCommunes', () => {
  it('signale le rang d’une entrée mal formée', () => {
    const donnees = [{ code: '24001', nom: '', type: 'commune-actuelle', departement: '24' }];
    expect(() => extraireCommunes(donnees, '24')).toThrow(DonneesDecoupageInvalidesError);
    expect(() => extraireCommunes(donnees, '24')).toThrow(/entrée n° 1, champ « nom »/);
  });
});
