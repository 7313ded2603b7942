import { describe, expect, it } from 'vitest';
import { celluleCsv, lireCelluleCsv } from './csv.ts';

describe('CSV cells', () => {
  it('neutralises every text a spreadsheet would run as a formula', () => {
    for (const formule of ['=HYPERLINK("http://exemple.invalid","clic")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=1']) {
      const cellule = celluleCsv(formule);
      expect(cellule.replace(/^"/, '').startsWith("'"), formule).toBe(true);
    }
  });

  it('leaves numbers and ordinary text alone, and quotes separators, quotes and line breaks', () => {
    expect(celluleCsv('-0.57')).toBe('-0.57');
    expect(celluleCsv('+33')).toBe('+33');
    expect(celluleCsv('Mairie de Périgueux')).toBe('Mairie de Périgueux');
    expect(celluleCsv('a;b')).toBe('"a;b"');
    expect(celluleCsv('dit "oui"')).toBe('"dit ""oui"""');
    expect(celluleCsv('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
  });

  it('reads back exactly what it wrote', () => {
    for (const valeur of ['=HYPERLINK("x")', '-2+3', '@a', "'déjà une apostrophe", "'-0.5", '-0.5', 'texte']) {
      const cellule = celluleCsv(valeur);
      const brute = cellule.startsWith('"') ? cellule.slice(1, -1).replaceAll('""', '"') : cellule;
      expect(lireCelluleCsv(brute)).toBe(valeur);
    }
  });
});
