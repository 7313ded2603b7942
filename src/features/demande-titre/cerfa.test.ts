import { describe, expect, it } from 'vitest';
import { timbreRequis, usageTimbre, validerCerfa } from './cerfa.ts';
import { mobileE164 as normaliserMobile } from '../../kernel/telephone/mobile.ts';

const AUJOURDHUI = new Date('2026-11-27T00:00:00Z');
const valide = { titre: 'passeport', motif: 'premiere', nom: 'Nguyễn', prenoms: 'Łucja, Anne', date_naissance: '1990-04-12', mobile: '06 12 34 56 78', email: 'l@exemple.fr' };

describe('paper Cerfa keyed in at the mairie', () => {
  it('accepts a complete form with accented names', () => expect(validerCerfa(valide, AUJOURDHUI)).toEqual({}));

  it('reports every wrong answer at once, keyed by field', () => {
    const erreurs = validerCerfa({ titre: 'visa', motif: '', nom: '<script>', prenoms: '', date_naissance: '2026-02-30', mobile: '01 23 45 67 89', email: 'x' }, AUJOURDHUI);
    expect(Object.keys(erreurs).sort()).toEqual(['date_naissance', 'email', 'mobile', 'motif', 'nom', 'prenoms', 'titre']);
  });

  it('refuses a birth date in the future', () => expect(validerCerfa({ ...valide, date_naissance: '2030-01-01' }, AUJOURDHUI).date_naissance).toMatch(/futur/));

  it('normalises French mobile numbers only', () => {
    expect(normaliserMobile('06.12.34.56.78')).toBe('+33612345678');
    expect(normaliserMobile('+33 7 12 34 56 78')).toBe('+33712345678');
    expect(normaliserMobile('01 23 45 67 89')).toBeUndefined();
    expect(normaliserMobile('+44 7700 900123')).toBeUndefined();
  });

  it('requires a stamp for a passport, and for a CNI only after loss or theft', () => {
    expect(timbreRequis('passeport', 'premiere')).toBe(true);
    expect(timbreRequis('cni', 'renouvellement')).toBe(false);
    expect(timbreRequis('cni', 'vol')).toBe(true);
  });

  it('picks the stamp from the age on the day of the recueil', () => {
    expect(usageTimbre('passeport', '2008-11-27', AUJOURDHUI)).toBe('passeport-majeur');
    expect(usageTimbre('passeport', '2008-11-28', AUJOURDHUI)).toBe('passeport-mineur-15');
    expect(usageTimbre('passeport', '2011-11-28', AUJOURDHUI)).toBe('passeport-mineur-moins-15');
    expect(usageTimbre('cni', '1990-01-01', AUJOURDHUI)).toBe('cni-perte-vol');
  });
});
