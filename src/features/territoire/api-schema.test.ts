// The OpenAPI document is a contract: every answer of the public API is validated against
// the schema it documents (JSON Schema 2020-12, as OpenAPI 3.1 uses), and the schemas refuse
// undocumented fields — so a field added to the API without its documentation fails here.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { importerContours } from './contours-service.ts';

let built: GuichetApp;
let ajv: Ajv2020;
beforeAll(async () => {
  built = await createTestApp();
  const doc = (await built.app.inject('/api/openapi.json')).json() as Record<string, unknown>;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc, $id: 'openapi' });
}, 180_000);
afterAll(async () => {
  await built?.app.close();
});

async function reponse(url: string, schema: string, status = 200) {
  const r = await built.app.inject(url);
  expect(r.statusCode, url).toBe(status);
  const corps = r.json() as unknown;
  const valider = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
  const valide = valider(corps);
  expect(valide ? [] : valider.errors?.map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`), url).toEqual([]);
  return corps as Record<string, unknown>;
}

describe('the public API matches its OpenAPI document', () => {
  it('GET /api/v1/points, with the type filter repeated or comma-separated', async () => {
    const tous = await reponse('/api/v1/points', 'FeatureCollection');
    expect((tous.features as unknown[]).length).toBe(21);
    const repete = await reponse('/api/v1/points?type=dr&type=prefecture', 'FeatureCollection');
    const virgules = await reponse('/api/v1/points?type=dr,prefecture', 'FeatureCollection');
    expect((repete.features as unknown[]).length).toBe(21);
    expect(virgules.features).toEqual(repete.features);
    expect(((await reponse('/api/v1/points?type=prefecture', 'FeatureCollection')).features as unknown[]).length).toBe(4);
    await reponse('/api/v1/points?type=dr,banque', 'Erreur', 400);
  });

  it('GET /api/v1/communes, for a name, a commune déléguée and a postcode', async () => {
    for (const q of ['Périgueux', 'Belvès', '24170']) {
      const r = await reponse(`/api/v1/communes?q=${encodeURIComponent(q)}`, 'RechercheCommunes');
      expect((r.resultats as unknown[]).length).toBeGreaterThan(0);
    }
    await reponse('/api/v1/communes?q=', 'Erreur', 400);
  });

  it('GET /api/v1/orientation: an answer, a choice to make, an unknown centre, an unknown commune', async () => {
    const trouvee = await reponse('/api/v1/orientation?commune=24000', 'Orientation');
    expect((trouvee.dr as { properties: { ce_que_fait: string } }[])[0]!.properties.ce_que_fait).toContain('prend vos empreintes');
    expect((trouvee.aide as { properties: { type: string; ce_que_fait: string } }[]).find((p) => p.properties.type === 'prefecture')!.properties.ce_que_fait).toContain(
      'Ne prend pas les empreintes',
    );
    await reponse('/api/v1/orientation?commune=Saint-Germain', 'PlusieursCommunes');
    await reponse('/api/v1/orientation?commune=24001', 'Orientation');
    await reponse('/api/v1/orientation?commune=nulle-part', 'Erreur', 404);
  });

  it('GET /api/v1/contours, once an outline is imported', async () => {
    expect(((await reponse('/api/v1/contours', 'Contours')).features as unknown[]).length).toBe(0);
    const carre = [[0.68, 45.16], [0.76, 45.16], [0.76, 45.21], [0.68, 45.21], [0.68, 45.16]];
    const resultat = await importerContours(
      { db: built.db, inTransaction: built.inTransaction, departement: '24' },
      { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '24322', nom: 'Périgueux' }, geometry: { type: 'Polygon', coordinates: [carre] } }] },
    );
    expect(resultat.ok).toBe(true);
    const contours = await reponse('/api/v1/contours', 'Contours');
    expect(contours.features).toMatchObject([{ type: 'Feature', id: '24322', properties: { code: '24322', nom: 'Périgueux' }, geometry: { type: 'MultiPolygon' } }]);
  });

  it('refuses, through the schemas, a field the document does not describe', () => {
    const valider = ajv.getSchema('openapi#/components/schemas/Commune')!;
    expect(valider({ code: '24322', nom: 'Périgueux', type: 'commune-actuelle', commune_nouvelle: null, codes_postaux: ['24000'], population: 1, centre: null })).toBe(true);
    expect(valider({ code: '24322', nom: 'Périgueux', type: 'commune-actuelle', commune_nouvelle: null, codes_postaux: ['24000'], population: 1, centre: null, secret: 1 })).toBe(false);
  });
});
