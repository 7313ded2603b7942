import { describe, expect, it } from 'vitest';
import { ERREURS_MAX, lireGeoJson, validerContours } from './admin-express-validation.ts';

type Coordonnees = number[][][];

function carre(x: number, y: number, cote = 0.01): Coordonnees {
  return [[[x, y], [x + cote, y], [x + cote, y + cote], [x, y + cote], [x, y]]];
}

function objet(code: unknown, nom: unknown, geometry: unknown = { type: 'Polygon', coordinates: carre(0.7, 45.1) }) {
  return { type: 'Feature', properties: { code, nom }, geometry };
}

function collection(...features: unknown[]) {
  return { type: 'FeatureCollection', features };
}

function messages(donnees: unknown): string[] {
  const resultat = validerContours(donnees);
  return resultat.ok ? [] : resultat.erreurs.map((e) => e.message);
}

describe('lireGeoJson', () => {
  it('situe une erreur de syntaxe en ligne et colonne', () => {
    const resultat = lireGeoJson('{\n  "type": "FeatureCollection",\n  "features": [,]\n}');
    expect(resultat.ok).toBe(false);
    if (resultat.ok) return;
    expect(resultat.erreurs[0]).toMatchObject({ motif: 'json-invalide', ligne: 3, colonne: 16 });
    expect(resultat.erreurs[0]?.message).toBe("Le fichier n'est pas un JSON valide (ligne 3, colonne 16).");
  });

  it('accepte un fichier précédé d’une marque d’ordre des octets', () => {
    expect(lireGeoJson('\uFEFF{"type":"FeatureCollection","features":[]}')).toEqual({
      ok: true,
      donnees: { type: 'FeatureCollection', features: [] },
    });
  });
});

describe('validerContours', () => {
  it('rend les contours d’un fichier correct, numérotés à partir de 1, sans altitude', () => {
    const avecAltitude = { type: 'Polygon', coordinates: [[[1, 45, 120], [1.1, 45, 130], [1.1, 45.1, 90], [1, 45, 120]]] };
    const resultat = validerContours(collection(objet('24322', 'Périgueux'), objet('2a004', 'Ajaccio', avecAltitude)));
    expect(resultat.ok).toBe(true);
    if (!resultat.ok) return;
    expect(resultat.contours.map((c) => [c.numero, c.code, c.nom])).toEqual([
      [1, '24322', 'Périgueux'],
      [2, '2A004', 'Ajaccio'],
    ]);
    expect(resultat.contours[1]?.geometrie.coordinates[0]?.[0]).toEqual([1, 45]);
  });

  it('refuse ce qui n’est pas une FeatureCollection', () => {
    expect(messages({ type: 'Feature' })).toEqual([
      'Le fichier doit être une FeatureCollection GeoJSON avec une liste « features ».',
    ]);
    expect(messages([])).toHaveLength(1);
  });

  it('numérote chaque objet fautif et ne rend aucun contour', () => {
    const resultat = validerContours(
      collection(
        objet('24322', 'Périgueux'),
        objet(undefined, 'Sans code'),
        objet('24037', ''),
        objet('24035', 'Pays de Belvès', { type: 'Point', coordinates: [1, 44.7] }),
        objet('24064', 'Brantôme', { type: 'Polygon', coordinates: [[[0.6, 45.3], [0.7, 45.3], [0.7, 45.4], [0.6, 45.4]]] }),
        objet('24291', 'Montignac', { type: 'Polygon', coordinates: [[[0.6, 45.3], [0.7, 45.3], [0.7, 45.4]]] }),
        objet('24520', 'Sarlat', { type: 'MultiPolygon', coordinates: [carre(1.2, 44.9), [[[650000, 6420000], [1, 2], [3, 4], [650000, 6420000]]]] }),
        objet('24322', 'Périgueux bis'),
        'pas un objet',
      ),
    );
    expect(resultat).toEqual({
      ok: false,
      erreurs: [
        { motif: 'objet-invalide', numero: 2, message: 'Objet n° 2 : propriété « code » invalide (absente) : code INSEE à 5 caractères attendu.' },
        { motif: 'objet-invalide', numero: 3, message: 'Objet n° 3 : propriété « nom » absente pour le code 24037.' },
        { motif: 'objet-invalide', numero: 4, message: 'Objet n° 4 : géométrie de type « Point » : Polygon ou MultiPolygon attendu (code 24035, Pays de Belvès).' },
        { motif: 'objet-invalide', numero: 5, message: "Objet n° 5 : l'anneau 1 du polygone n'est pas fermé (code 24064, Brantôme)." },
        { motif: 'objet-invalide', numero: 6, message: "Objet n° 6 : l'anneau 1 du polygone doit compter au moins 4 positions (code 24291, Montignac)." },
        {
          motif: 'objet-invalide',
          numero: 7,
          message:
            "Objet n° 7 : la position 1 de l'anneau 1 du polygone 2 est hors des bornes longitude/latitude (650000, 6420000) : le fichier doit être en WGS 84 (code 24520, Sarlat).",
        },
        { motif: 'code-en-double', numero: 8, message: "Objet n° 8 : le code 24322 figure déjà à l'objet n° 1." },
        { motif: 'objet-invalide', numero: 9, message: 'Objet n° 9 : objet GeoJSON de type « Feature » attendu.' },
      ],
    });
  });

  it(`ne détaille que les ${ERREURS_MAX} premières erreurs`, () => {
    const fautifs = Array.from({ length: ERREURS_MAX + 7 }, () => objet('abc', 'X'));
    const liste = messages(collection(...fautifs));
    expect(liste).toHaveLength(ERREURS_MAX + 1);
    expect(liste.at(-1)).toBe('… et 7 autre(s) erreur(s) non détaillée(s).');
  });
});
