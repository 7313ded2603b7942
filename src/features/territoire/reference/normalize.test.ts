import { describe, expect, it } from 'vitest';
import { comparerNom, estCodeInsee, estCodePostal, normaliserRecherche } from './normalize.ts';

describe('normaliserRecherche', () => {
  it.each([
    ['Belvès', 'belves'],
    ['BELVÈS', 'belves'],
    ['Brantôme en Périgord', 'brantome en perigord'],
    ['Montignac-Lascaux', 'montignac lascaux'],
    ["Saint-Michel-l'Écluse-et-Léparon", 'saint michel l ecluse et leparon'],
    ['La Chapelle’Péchaud', 'la chapelle pechaud'],
    ['  Coly -- Saint-Amand  ', 'coly saint amand'],
    ['Œuilly', 'oeuilly'],
  ])('ramène « %s » à « %s »', (saisie, attendu) => {
    expect(normaliserRecherche(saisie)).toBe(attendu);
  });

  it('développe st et ste en saint et sainte, en mot entier seulement', () => {
    expect(normaliserRecherche('st astier')).toBe('saint astier');
    expect(normaliserRecherche('Ste-Foy-de-Belvès')).toBe('sainte foy de belves');
    expect(normaliserRecherche('St. Cyprien')).toBe('saint cyprien');
    expect(normaliserRecherche('Stenay')).toBe('stenay');
  });

  it('donne une clé vide pour une saisie sans lettre ni chiffre', () => {
    expect(normaliserRecherche(" - ' ")).toBe('');
  });
});

describe('comparerNom', () => {
  it('classe exact, début du nom, début d’un mot puis contenu', () => {
    expect(comparerNom('belves', 'belves')).toBe('nom-exact');
    expect(comparerNom('montignac lascaux', 'montignac')).toBe('debut-du-nom');
    expect(comparerNom('pays de belves', 'belves')).toBe('debut-d-un-mot');
    expect(comparerNom('coulounieix chamiers', 'amiers')).toBe('contient');
    expect(comparerNom('perigueux', 'bergerac')).toBeNull();
    expect(comparerNom('perigueux', '')).toBeNull();
  });
});

describe('codes', () => {
  it('reconnaît les codes INSEE, Corse comprise, et les codes postaux', () => {
    expect(estCodeInsee('24322')).toBe(true);
    expect(estCodeInsee('2A004')).toBe(true);
    expect(estCodeInsee('2a004')).toBe(true);
    expect(estCodeInsee('2432')).toBe(false);
    expect(estCodePostal('24000')).toBe(true);
    expect(estCodePostal('2A004')).toBe(false);
  });
});
