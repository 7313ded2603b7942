import { describe, expect, it } from 'vitest';
import { formaterMobile, mobileE164 as normaliserMobile } from '../../kernel/telephone/mobile.ts';
import { choisirTimbre, lireQuantite, normaliserCourriel } from './choix.ts';
import { CARTES_DE_TEST, luhnValide, verifierCarte } from './paiement/cartes.ts';

describe('questions that pick the stamp', () => {
  it.each([
    [{}, { kind: 'incomplet', question: 'demarche' }],
    [{ demarche: 'cni' }, { kind: 'gratuit' }],
    [{ demarche: 'cni-perte-vol' }, { kind: 'timbre', code: 'cni-perte-vol' }],
    [{ demarche: 'passeport' }, { kind: 'incomplet', question: 'age' }],
    [{ demarche: 'passeport', age: 'majeur' }, { kind: 'timbre', code: 'passeport-majeur' }],
    [{ demarche: 'passeport', age: 'mineur-15' }, { kind: 'timbre', code: 'passeport-mineur-15' }],
    [{ demarche: 'passeport', age: 'mineur-moins-15' }, { kind: 'timbre', code: 'passeport-mineur-moins-15' }],
  ] as const)('%j → %j', (reponses, attendu) => {
    expect(choisirTimbre(reponses)).toEqual(attendu);
  });
});

describe('delivery details', () => {
  it('accepts French mobiles only (06/07), normalised to +33', () => {
    for (const ok of ['06 12 34 56 78', '0712345678', '+33 6 12 34 56 78', '0033712345678', '06.12.34.56.78']) expect(normaliserMobile(ok), ok).toMatch(/^\+33[67]\d{8}$/);
    for (const ko of ['01 23 45 67 89', '0812345678', '+44 7911 123456', '+32 470 12 34 56', '061234567', '06123456789', 'abc', '']) expect(normaliserMobile(ko), ko).toBeUndefined();
    expect(formaterMobile('+33612345678')).toBe('06 12 34 56 78');
  });

  it('checks emails and quantities', () => {
    expect(normaliserCourriel(' lea@exemple.fr ')).toBe('lea@exemple.fr');
    expect(normaliserCourriel('pas-une-adresse')).toBeUndefined();
    expect(lireQuantite('2', 5)).toBe(2);
    for (const ko of ['0', '6', '-1', '1.5', 'deux', '']) expect(lireQuantite(ko, 5), ko).toBeUndefined();
  });
});

describe('sandbox card checks', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  it('has Luhn-valid test cards and refuses typos, past expiry and bad CVV next to each field', () => {
    for (const carte of CARTES_DE_TEST) expect(luhnValide(carte.numero)).toBe(true);
    expect(luhnValide('4970100000000015')).toBe(false);
    expect(verifierCarte({ numero: '4970 1000 0000 0014', expiration: '12/30', cvv: '123' }, now)).toEqual({ erreurs: {}, issue: 'succes' });
    const mauvais = verifierCarte({ numero: '4970100000000015', expiration: '10/26', cvv: '12' }, now).erreurs;
    expect(mauvais.numero).toMatch(/invalide/);
    expect(mauvais.expiration).toMatch(/expirée/);
    expect(mauvais.cvv).toMatch(/3 chiffres/);
    expect(verifierCarte({ numero: '4970100000000014', expiration: '11/26', cvv: '123' }, now).issue).toBe('succes');
    expect(verifierCarte({ numero: '4111111111111111', expiration: '11/27', cvv: '123' }, now).erreurs.numero).toMatch(/cartes de test/);
  });
});
