import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kernelValidators, validateStep, EMPTY_STATE } from '../../kernel/forms/index.ts';
import { communeCorrespondAuCodePostal } from './codes-postaux.ts';
import { justificatifs } from './justificatifs.ts';
import { parcoursPreDemande } from './parcours.ts';
import { anniversaireQuiChangeLePrix, timbresRequis, totalTimbres } from './tarifs.ts';
import { validateursPreDemande } from './validateurs.ts';

const jour = '2026-06-01';
const today = () => jour;
const v = validateursPreDemande(today);
const journey = parcoursPreDemande(today);
const validators = { ...kernelValidators(today), ...v };
const step = (path: string) => journey.steps.find((s) => s.path === path)!;

describe('timbre fiscal', () => {
  it.each([
    [{ titre: 'passeport', motif: 'premiere', dateNaissance: '1990-01-01' }, [86]],
    [{ titre: 'passeport', motif: 'premiere', dateNaissance: '2010-01-01' }, [42]],
    [{ titre: 'passeport', motif: 'premiere', dateNaissance: '2012-01-01' }, [17]],
    [{ titre: 'cni', motif: 'renouvellement', dateNaissance: '1990-01-01' }, []],
    [{ titre: 'cni', motif: 'perte', dateNaissance: '1990-01-01' }, [25]],
    [{ titre: 'cni', motif: 'vol', dateNaissance: '2012-01-01' }, [25]],
    [{ titre: 'les-deux', motif: 'vol', dateNaissance: '1990-01-01' }, [86, 25]],
    [{ titre: 'les-deux', motif: 'premiere', dateNaissance: '1990-01-01' }, [86]],
  ])('%o costs %o', (answers, montants) => {
    expect(timbresRequis(answers, jour).map((s) => s.montant)).toEqual(montants);
  });

  it('prices by the age on the day of the recueil, and warns of a 15th or 18th birthday before expiry', () => {
    expect(timbresRequis({ titre: 'passeport', dateNaissance: '2011-06-01' }, jour)[0]!.montant).toBe(42);
    expect(timbresRequis({ titre: 'passeport', dateNaissance: '2011-06-02' }, jour)[0]!.montant).toBe(17);
    expect(anniversaireQuiChangeLePrix({ titre: 'passeport', dateNaissance: '2008-09-10' }, jour, '2026-12-01')).toEqual({ age: 18, date: '2026-09-10' });
    expect(anniversaireQuiChangeLePrix({ titre: 'passeport', dateNaissance: '2011-07-01' }, jour, '2026-12-01')).toEqual({ age: 15, date: '2026-07-01' });
    expect(anniversaireQuiChangeLePrix({ titre: 'cni', dateNaissance: '2008-09-10' }, jour, '2026-12-01')).toBeUndefined();
    expect(totalTimbres(timbresRequis({ titre: 'les-deux', motif: 'perte', dateNaissance: '2012-01-01' }, jour))).toBe(42);
  });
});

describe('justificatifs', () => {
  const base = { titre: 'cni', motif: 'renouvellement', pour: 'moi', heberge: 'non', nationalite: 'double-droit-du-sol', lieuNaissance: 'france', dateNaissance: '1990-01-01' };
  const ids = (answers: Record<string, string>) => justificatifs(answers, jour).map((j) => j.id);

  it.each([
    ['every request needs a photo and proof of address', {}, ['photo', 'domicile', 'ancien-titre'], ['hebergement', 'timbre']],
    ['a hosted person brings the host’s attestation instead', { heberge: 'oui' }, ['hebergement'], ['domicile']],
    ['a loss needs a declaration and the birth certificate check', { motif: 'perte' }, ['declaration-perte', 'acte-naissance', 'timbre'], ['ancien-titre']],
    ['a theft needs the police receipt', { motif: 'vol' }, ['declaration-vol'], ['declaration-perte']],
    ['a first request by naturalisation needs the nationality proof', { motif: 'premiere', nationalite: 'naturalisation' }, ['nationalite', 'acte-naissance'], []],
    ['double droit du sol needs no nationality proof', { motif: 'premiere' }, ['acte-naissance'], ['nationalite']],
    ['a renewal shows the old title, no birth certificate', {}, ['ancien-titre'], ['acte-naissance', 'nationalite']],
    ['a nom d’usage from marriage needs the marriage certificate', { nomUsage: 'Martin', motifNomUsage: 'mariage' }, ['nom-usage'], []],
    ['a change of civil status needs its proof', { motif: 'changement-etat-civil' }, ['changement-etat-civil', 'ancien-titre'], []],
    ['a minor comes with the representative’s identity document', { pour: 'mineur', dateNaissance: '2014-01-01', representantQualite: 'mere' }, ['representant', 'presence-mineur'], []],
    ['a passport needs a stamp', { titre: 'passeport' }, ['timbre'], []],
  ])('%s', (_why, extra, present, absent) => {
    const list = ids({ ...base, ...extra });
    for (const id of present) expect(list).toContain(id);
    for (const id of absent) expect(list).not.toContain(id);
  });

  it('gives each item a short reason', () => {
    for (const item of justificatifs({ ...base, motif: 'vol', titre: 'les-deux', pour: 'mineur', heberge: 'oui', nomUsage: 'X' }, jour)) expect(item.pourquoi.length).toBeGreaterThan(10);
  });

  it('names the guardianship judgment for a tutor, and the stamp as bought once its number is entered', () => {
    expect(justificatifs({ ...base, pour: 'mineur', representantQualite: 'tuteur' }, jour).find((j) => j.id === 'representant')?.libelle).toContain('jugement de tutelle');
    expect(justificatifs({ ...base, titre: 'passeport', numeroTimbre: '1234' }, jour).find((j) => j.id === 'timbre')?.libelle).toContain('déjà acheté');
  });
});

describe('field rules', () => {
  const part = fc.stringMatching(/^[A-ZÉÈÀÇÔ][a-zéèêëàâîïôöûüç]{1,12}$/);
  const separator = fc.constantFrom(' ', '-', '\'', '’');

  it('accepts realistic names: accents, hyphens, apostrophes, particles, long names', () => {
    fc.assert(fc.property(fc.array(fc.tuple(separator, part), { maxLength: 6 }), part, (rest, first) => {
      const name = first + rest.map(([sep, p]) => sep + p).join('');
      expect(v.nom!(name, [], {})).toBe(true);
    }));
    for (const name of ['de La Fontaine', 'N’Diaye', 'O\'Brien', 'Saint-Exupéry', 'Ó Ceallaigh', 'Hernández Pérez de la Cruz y Ortega-Villanueva']) expect(v.nom!(name, [], {}), name).toBe(true);
  });

  it('refuses digits, symbols and doubled separators in a name', () => {
    fc.assert(fc.property(part, fc.constantFrom('1', '@', '--', '  ', '_', '<'), part, (a, bad, b) => {
      expect(v.nom!(`${a}${bad}${b}`, [], {})).toBe(false);
    }));
  });

  it('refuses a birth date in the future and parents younger than the person', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3000 }), (days) => {
      const future = new Date(Date.parse(`${jour}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      const outcome = validateStep(journey, step('etat-civil'), { nomNaissance: 'Dupont', prenom1: 'Anne', sexe: 'F', dateNaissance: future }, { answers: { pour: 'moi' }, completed: [] }, validators);
      expect(outcome.errors.dateNaissance).toBe('pastDate');
    }));
    fc.assert(fc.property(fc.integer({ min: 0, max: 20_000 }), (days) => {
      const parentDate = new Date(Date.parse('1990-01-01T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
      if (parentDate > jour) return;
      const outcome = validateStep(journey, step('parent-1'), { parent1Nom: 'Dupont', parent1Prenoms: 'Jean', parent1DateNaissance: parentDate }, { answers: { dateNaissance: '1990-01-01' }, completed: [] }, validators);
      expect(outcome.errors.parent1DateNaissance).toBe('beforeField');
    }));
  });

  it('ties "for a minor" to an age under 18, "for me" to an adult', () => {
    expect(v.ageCoherent!('2010-01-01', [], { pour: 'mineur' })).toBe(true);
    expect(v.ageCoherent!('2010-01-01', [], { pour: 'moi' })).toBe(false);
    expect(v.ageCoherent!('1990-01-01', [], { pour: 'mineur' })).toBe(false);
  });

  it('checks the commune against its postcode, forgiving case, accents and "St"', () => {
    expect(communeCorrespondAuCodePostal('24000', 'Périgueux')).toBe(true);
    expect(communeCorrespondAuCodePostal('24000', 'perigueux')).toBe(true);
    expect(communeCorrespondAuCodePostal('24110', 'St Astier')).toBe(true);
    expect(communeCorrespondAuCodePostal('24000', 'Bergerac')).toBe(false);
    expect(communeCorrespondAuCodePostal('24019', 'Périgueux Cedex')).toBe(true);
    const outcome = validateStep(journey, step('adresse'), { adresse: '1 rue X', codePostal: '24100', commune: 'Sarlat-la-Canéda', heberge: 'non' }, EMPTY_STATE, validators);
    expect(outcome.errors.commune).toBe('communeDuCodePostal');
  });

  it('reads a stamp number with its check digits, and a French mobile', () => {
    expect(v.numeroTimbre!('1234 5678 9012 3456', [], {})).toBe(true);
    expect(v.numeroTimbre!('123456789012345', [], {})).toBe(false);
    expect(v.mobile!('07 81 22 33 44', [], {})).toBe(true);
    expect(v.mobile!('05 53 22 33 44', [], {})).toBe(false);
  });
});
