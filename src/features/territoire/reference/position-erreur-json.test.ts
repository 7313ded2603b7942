import { describe, expect, it } from 'vitest';
import { positionErreurJson } from './position-erreur-json.ts';

describe('positionErreurJson', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "é\\n\\u00e9"], "b": {"c": {}}} ',
    '"seul"',
    '0',
  ])('ne trouve aucune erreur dans %s', (texte) => {
    expect(() => JSON.parse(texte) as unknown).not.toThrow();
    expect(positionErreurJson(texte)).toBeNull();
  });

  it.each([
    ['{\n  "features": [,]\n}', 2, 16],
    ['{"a":1,}', 1, 8],
    ['{"a" 1}', 1, 6],
    ['[1 2]', 1, 4],
    ['{"a":1}x', 1, 8],
    ['{"a": tru}', 1, 7],
    ['{"a": 01}', 1, 8],
    ['["a\tb"]', 1, 4],
    ['["\\x"]', 1, 3],
    ['{"type":\n"Feature",\n"properties": {"code": "24322"', 3, 31],
    ['', 1, 1],
  ])('situe l’erreur de %j en ligne %i, colonne %i', (texte, ligne, colonne) => {
    expect(() => JSON.parse(texte) as unknown).toThrow();
    expect(positionErreurJson(texte)).toMatchObject({ ligne, colonne });
  });

  it('résiste à une imbrication démesurée sans épuiser la pile', () => {
    expect(positionErreurJson('['.repeat(200_000))).toMatchObject({ ligne: 1, colonne: 200_001 });
  });
});
