// Pure: reading point files reports every line's error in one pass, and the `ouvert` column.
import { describe, expect, it } from 'vitest';
import { lireCsv, lireGeoJsonPoints, validerFichier } from './fichiers-points.ts';
import type { CommunesConnues } from './validation-point.ts';

const communes: CommunesConnues = { estActuelle: (code) => code === '24322' || code === '24037', estDelegueeDe: () => false };

describe('lireCsv and validerFichier', () => {
  it('reports every wrong line, column counts and field errors together, in line order', () => {
    const csv = [
      'cle;type;commune;nom',
      'a;msap;24322',
      'b;msap;99999;France Services fictive',
      'c;msap;24037;France Services de Bergerac;en trop',
      'd;msap;24037;',
      'e;msap;24322;Bon lieu',
    ].join('\n');
    const v = validerFichier(lireCsv(csv), communes, 'Test');
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.erreurs.map((e) => e.ligne)).toEqual([2, 3, 4, 5]);
    expect(v.erreurs[0]!.message).toBe('3 valeurs pour 4 colonnes.');
    expect(v.erreurs[1]!.message).toMatch(/^commune : /);
    expect(v.erreurs[2]!.message).toBe('5 valeurs pour 4 colonnes.');
    expect(v.erreurs[3]!.message).toMatch(/^nom : /);
  });

  it('says where a quote is never closed instead of reading the rest as one field', () => {
    const lu = lireCsv('cle;type;commune;nom\na;msap;24322;"Sans fin\nb;msap;24322;Autre\n');
    expect(lu).toMatchObject({ ok: false, erreurs: [{ ligne: 2, message: expect.stringMatching(/guillemet/) }] });
  });

  it('refuses a key used twice in one file', () => {
    const v = validerFichier(lireCsv('cle;type;commune;nom\na;msap;24322;Un\na;msap;24322;Deux\n'), communes, 'Test');
    expect(v).toEqual({ ok: false, erreurs: [{ ligne: 3, message: 'cle : « a » figure déjà ligne 2.' }] });
  });

  it('reads the exported `ouvert` column, leaves the state alone when empty, and refuses anything else', () => {
    const lu = lireCsv('cle;type;commune;nom;ouvert\na;msap;24322;Un;non\nb;msap;24322;Deux;oui\nc;msap;24322;Trois;\n');
    expect(lu.ok && lu.lignes.map((l) => l.ouvert)).toEqual([false, true, undefined]);
    expect(lireCsv('cle;type;commune;nom;ouvert\na;msap;24322;Un;peut-être\n')).toMatchObject({ ok: false, erreurs: [{ ligne: 2, message: expect.stringMatching(/^ouvert : /) }] });
    const geo = lireGeoJsonPoints(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: { cle: 'a', type: 'msap', commune: '24322', nom: 'Un', ouvert: 'non' } }] }));
    expect(geo.ok && geo.lignes[0]!.ouvert).toBe(false);
  });

  it('takes the `id` column as the identifier when there is no `cle`', () => {
    const lu = lireCsv('id;type;commune;nom\n0b6f1c2e-0000-4000-8000-000000000001;msap;24322;Un\n');
    expect(lu.ok && lu.lignes[0]!.cle).toBe('0b6f1c2e-0000-4000-8000-000000000001');
  });
});

describe('CSV export of places', () => {
  it('neutralises a place name written as a formula, and re-imports it unchanged', async () => {
    const { ecrireCsv } = await import('./fichiers-points.ts');
    const nom = '=HYPERLINK("http://exemple.invalid";"Cliquez")';
    const point = { id: '00000000-0000-4000-8000-000000000001', cle: 'x', type: 'msap', communeInsee: '24322', nom, ouvert: true } as unknown as Parameters<typeof ecrireCsv>[0][number];
    const texte = ecrireCsv([point]);
    expect(texte).not.toMatch(/[;\n]=HYPERLINK/);
    expect(texte).toContain(`"'=HYPERLINK`);
    const relu = lireCsv(texte);
    expect(relu.ok && relu.lignes[0]?.saisie.nom).toBe(nom);
  });
});
