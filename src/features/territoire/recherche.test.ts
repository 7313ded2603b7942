// Unitaire : du texte saisi à une commune, ou à une liste où choisir (référentiel réel, sans base).
import { describe, expect, it } from 'vitest';
import { choisir } from './recherche.ts';
import { decouperCsv } from './fichiers-points.ts';
import { chargerCommunes, construireIndexCommunes, rechercherCommunes } from './reference/index.ts';

const index = construireIndexCommunes(chargerCommunes('24'));
const resoudre = (q: string) => choisir(rechercherCommunes(index, q, 20));
const nom = (q: string) => {
  const r = resoudre(q);
  return r.statut === 'trouvee' ? `${r.resultat.commune.nom}${r.resultat.communeNouvelle ? ` < ${r.resultat.communeNouvelle.nom}` : ''}` : r.statut;
};

describe('choosing a commune from what a person typed', () => {
  it.each([
    ['Belvès', 'Belvès < Pays de Belvès'],
    ['BELVES', 'Belvès < Pays de Belvès'],
    ['24000', 'Périgueux'],
    ['24322', 'Périgueux'],
    ['24035', 'Pays de Belvès'],
    ['Montignac', 'Montignac-Lascaux'],
    ['brantome', 'Brantôme < Brantôme en Périgord'],
    ['st astier', 'Saint-Astier'],
    ['Saint-Germain', 'plusieurs'],
    ['24170', 'plusieurs'],
    ['Atlantide', 'inconnue'],
  ])('%s → %s', (saisie, attendu) => {
    expect(nom(saisie)).toBe(attendu);
  });
});

describe('CSV records', () => {
  it('keeps separators, quotes and line breaks inside quoted fields, and numbers records by their first line', () => {
    expect(decouperCsv('a;b\n"x;1";"dit ""oui""\nsuite"\n\n3;4\n')).toEqual([
      { ligne: 1, champs: ['a', 'b'] },
      { ligne: 2, champs: ['x;1', 'dit "oui"\nsuite'] },
      { ligne: 5, champs: ['3', '4'] },
    ]);
    expect(decouperCsv('\uFEFFa,b\r\n1,2')).toEqual([
      { ligne: 1, champs: ['a', 'b'] },
      { ligne: 2, champs: ['1', '2'] },
    ]);
  });
});
