import { describe, expect, it } from 'vitest';
import { chargerCommunes } from './communes-source.ts';
import { construireIndexCommunes, rechercherCommunes, type ResultatRecherche } from './recherche-communes.ts';

const index = construireIndexCommunes(chargerCommunes('24'));

function premier(requete: string): ResultatRecherche {
  const [resultat] = rechercherCommunes(index, requete);
  if (!resultat) throw new Error(`aucun résultat pour « ${requete} »`);
  return resultat;
}

describe('rechercherCommunes en Dordogne', () => {
  it.each(['belves', 'Belvès', 'BELVES', ' belvès '])('trouve Pays de Belvès par sa déléguée avec « %s »', (requete) => {
    const resultat = premier(requete);
    expect(resultat.correspondance).toBe('nom-exact');
    expect(resultat.commune).toMatchObject({ nom: 'Belvès', type: 'commune-deleguee' });
    expect(resultat.communeNouvelle).toMatchObject({ nom: 'Pays de Belvès', code: '24035' });
  });

  it('propose aussi les communes dont un mot commence par la saisie', () => {
    const noms = rechercherCommunes(index, 'belves').map((r) => r.commune.nom);
    expect(noms.slice(0, 2)).toEqual(['Belvès', 'Pays de Belvès']);
    expect(noms).toContain('Sainte-Foy-de-Belvès');
  });

  it('trouve Brantôme en Périgord par « brantome »', () => {
    const resultats = rechercherCommunes(index, 'brantome');
    expect(resultats[0]).toMatchObject({ commune: { nom: 'Brantôme' }, communeNouvelle: { code: '24064' } });
    expect(resultats.map((r) => r.commune.nom)).toContain('Brantôme en Périgord');
  });

  it('trouve Montignac-Lascaux par « montignac »', () => {
    expect(premier('montignac')).toMatchObject({ commune: { code: '24291' }, correspondance: 'debut-du-nom' });
  });

  it('trouve Saint-Astier par « st astier »', () => {
    expect(premier('st astier')).toMatchObject({ commune: { code: '24372', nom: 'Saint-Astier' } });
  });

  it('trouve Périgueux par son code postal 24000', () => {
    expect(rechercherCommunes(index, '24000')).toEqual([
      expect.objectContaining({ commune: expect.objectContaining({ code: '24322' }), correspondance: 'code-postal' }),
    ]);
  });

  it('donne toutes les communes d’un code postal partagé, les plus peuplées d’abord', () => {
    const resultats = rechercherCommunes(index, '24170', 100);
    expect(resultats[0]).toMatchObject({ commune: { nom: 'Eyvirat' }, correspondance: 'code-insee' });
    const parCodePostal = resultats.filter((r) => r.correspondance === 'code-postal');
    expect(parCodePostal.length).toBeGreaterThan(5);
    expect(parCodePostal.every((r) => r.commune.codesPostaux.includes('24170'))).toBe(true);
    expect(parCodePostal[0]?.commune.nom).toBe('Pays de Belvès');
  });

  it('trouve une commune par son code INSEE, la commune actuelle avant sa déléguée homonyme de code', () => {
    expect(rechercherCommunes(index, '24322').map((r) => r.commune.nom)).toEqual(['Périgueux']);
    const belves = rechercherCommunes(index, '24035');
    expect(belves.map((r) => [r.commune.nom, r.correspondance])).toEqual([
      ['Pays de Belvès', 'code-insee'],
      ['Belvès', 'code-insee'],
    ]);
  });

  it('ramène un ancien code INSEE à la commune qui l’a absorbé', () => {
    expect(premier('24181')).toMatchObject({ commune: { nom: 'Sigoulès-et-Flaugeac' }, correspondance: 'ancien-code-insee' });
  });

  it('complète un début de code postal', () => {
    const resultats = rechercherCommunes(index, '2400', 5);
    expect(resultats.map((r) => r.commune.nom)).toEqual(['Périgueux']);
  });

  it('respecte la limite et ne répond rien à une saisie vide ou démesurée', () => {
    expect(rechercherCommunes(index, 'saint', 3)).toHaveLength(3);
    expect(rechercherCommunes(index, 'saint', Number.NaN)).toHaveLength(10);
    expect(rechercherCommunes(index, 'saint', 10_000)).toHaveLength(100);
    expect(rechercherCommunes(index, '   ')).toEqual([]);
    expect(rechercherCommunes(index, 'a'.repeat(10_000))).toEqual([]);
    expect(rechercherCommunes(index, "'; DROP TABLE communes; --<script>")).toEqual([]);
  });

  it('ne fait pas doublon quand une déléguée porte le nom de sa commune nouvelle (Bazeilles, Ardennes)', () => {
    const ardennes = construireIndexCommunes(chargerCommunes('08'));
    const bazeilles = rechercherCommunes(ardennes, 'bazeilles').filter((r) => r.correspondance === 'nom-exact');
    expect(bazeilles).toEqual([expect.objectContaining({ commune: expect.objectContaining({ type: 'commune-actuelle' }) })]);
  });
});
