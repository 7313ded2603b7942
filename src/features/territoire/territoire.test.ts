// Intégration : pages et API du territoire sur une vraie base (PGlite, ou PostgreSQL avec
// DATABASE_URL), données de la Dordogne chargées au démarrage de l'application.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createTestApp, testConfig } from '../../kernel/testing/test-app.ts';
import { chargerTerritoireInitial } from './chargement.ts';
import { DR_DORDOGNE_2017 } from './donnees-dordogne.ts';
import { CE_QUE_FAIT } from './types-points.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
}, 180_000);
afterAll(async () => {
  await built?.app.close();
});

const get = (url: string) => built.app.inject({ method: 'GET', url });
const json = async (url: string) => {
  const r = await get(url);
  return { status: r.statusCode, body: r.json() as Record<string, unknown> & { features?: { properties: Record<string, unknown> }[] } };
};

describe('où aller ?', () => {
  it('finds Pays de Belvès from the name of its commune déléguée Belvès, with its DR mairie at distance 0', async () => {
    const r = await get(`/ou-aller?commune=${encodeURIComponent('belves')}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Belvès (commune déléguée de Pays de Belvès)');
    expect(r.body).toContain('est équipée d’un dispositif de recueil');
    expect(r.body).toContain('Mairie de Belvès');
    expect(r.body).toContain('moins de 1 km');
  });

  it('answers Périgueux for the postcode 24000, with the préfecture among the places that help online', async () => {
    const r = await get('/ou-aller?commune=24000');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Depuis Périgueux');
    expect(r.body).toContain('Préfecture de la Dordogne');
  });

  it('lets the person choose when several communes match', async () => {
    const r = await get('/ou-aller?commune=Saint-Germain');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Plusieurs communes correspondent');
    expect(r.body).toMatch(/href="\/ou-aller\?commune=24\d{3}"/);
  });

  it('says plainly when a commune has no known centre, and offers neighbours sharing its postcode', async () => {
    const r = await get('/ou-aller?commune=Abjat-sur-Bandiat');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Nous ne connaissons pas la position de Abjat-sur-Bandiat');
    expect(r.body).toContain('href="/ou-aller?commune=24311"');
    expect(r.body).toContain('name="lat"');
  });

  it.each([
    ['', 400, 'Saisissez le nom de votre commune'],
    ['x'.repeat(10_000), 400, 'Votre saisie est trop longue'],
    ['Atlantide-sur-Mer', 404, 'Aucune commune ne correspond à « Atlantide-sur-Mer »'],
    ["'; drop table communes; --", 404, 'Aucune commune ne correspond'],
    ['<script>alert(1)</script>', 404, '&lt;script'],
  ])('answers %#: a bad query gets a clear French message, never a 500', async (saisie, status, message) => {
    const r = await get(`/ou-aller?commune=${encodeURIComponent(saisie)}`);
    expect(r.statusCode).toBe(status);
    expect(r.body).toContain(message);
    expect(r.body).not.toContain('<script>alert');
    expect(r.body).not.toContain('x'.repeat(200));
  });

  it('answers from a position typed or given by the browser, and refuses an impossible one', async () => {
    const ok = await get('/ou-aller?lat=44.85&lon=0.48');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Mairie de Bergerac');
    const bad = await get('/ou-aller?lat=123&lon=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('La latitude est un nombre entre -90 et 90');
  });
});

describe('public API', () => {
  it('lists the 17 DR of 2017 as a GeoJSON FeatureCollection, filtered by type and commune', async () => {
    const dr = await json('/api/v1/points?type=dr');
    expect(dr.status).toBe(200);
    expect(dr.body.type).toBe('FeatureCollection');
    expect(dr.body.features).toHaveLength(17);
    expect(dr.body.features!.every((f) => f.properties.adresse === null && f.properties.telephone === null)).toBe(true);
    const perigueux = await json('/api/v1/points?commune=24322');
    expect(perigueux.body.features!.map((f) => f.properties.type).sort()).toEqual(['dr', 'prefecture']);
    expect((await json('/api/v1/points?type=banque')).body).toMatchObject({ code: 'TYPE_INCONNU' });
    expect((await json('/api/v1/points?commune=abc')).status).toBe(400);
  });

  it('searches communes by déléguée name and postcode', async () => {
    const r = await json(`/api/v1/communes?q=${encodeURIComponent('Brantôme')}`);
    expect((r.body.resultats as { nom: string; commune_nouvelle: { nom: string } | null }[])[0]).toMatchObject({ nom: 'Brantôme', commune_nouvelle: { nom: 'Brantôme en Périgord' } });
    expect((await json('/api/v1/communes?q=')).body).toMatchObject({ code: 'REQUETE_VIDE' });
    expect((await json(`/api/v1/communes?q=${'a'.repeat(10_000)}`)).body).toMatchObject({ code: 'REQUETE_TROP_LONGUE' });
  });

  it('orients from a commune with distances in km, and says when the centre is unknown', async () => {
    const r = await json('/api/v1/orientation?commune=24000');
    expect(r.body).toMatchObject({ statut: 'trouvee', centre_connu: true, commune: { code: '24322' } });
    const dr = r.body.dr as { properties: { commune_nom: string; distance_km: number } }[];
    expect(dr[0]!.properties).toMatchObject({ commune_nom: 'Périgueux', distance_km: 0 });
    expect(dr[1]!.properties.distance_km).toBeGreaterThan(0);
    const sans = await json('/api/v1/orientation?commune=24001');
    expect(sans.body).toMatchObject({ statut: 'trouvee', centre_connu: false, dr: [], aide: [] });
    expect((sans.body.communes_voisines as { code: string }[]).map((c) => c.code)).toContain('24311');
    expect((await json('/api/v1/orientation?commune=nulle-part')).status).toBe(404);
    expect((await json(`/api/v1/orientation?commune=${'b'.repeat(10_000)}`)).body).toMatchObject({ code: 'REQUETE_TROP_LONGUE' });
  });

  it('documents the API in OpenAPI, as JSON and as a readable page', async () => {
    const doc = await json('/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths as object)).toEqual(expect.arrayContaining(['/api/v1/points', '/api/v1/communes', '/api/v1/orientation']));
    const page = await get('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('GET /api/v1/orientation');
  });
});

describe('OÙ and QUI pages', () => {
  it('lists, without JavaScript, the 17 DR communes and says what is not known', async () => {
    const r = await get('/ou');
    expect(r.statusCode).toBe(200);
    for (const dr of DR_DORDOGNE_2017) expect(r.body).toContain(dr.nom);
    expect(r.body).toContain('Le kit de 2017 en compte 137 en Dordogne');
    const filtre = await get('/ou?type=prefecture');
    expect(filtre.body).toContain('Sous-préfecture de Nontron');
    expect(filtre.body).not.toContain('Mairie de Thiviers');
  });

  it('shows the role sheet of a DR commune and its communes déléguées, and prints a PDF with a title', async () => {
    const r = await get('/communes/24035');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Niveau d’équipement : Mairie équipée d’un dispositif de recueil');
    expect(r.body).toContain('Prend les empreintes digitales');
    expect(r.body).toContain('Communes déléguées');
    expect((await get('/communes/99999')).statusCode).toBe(404);
    expect((await get('/communes/abc')).statusCode).toBe(404);
    const pdf = await get('/communes/24035/fiche.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dossier = mkdtempSync(join(tmpdir(), 'fiche-'));
    writeFileSync(join(dossier, 'f.pdf'), pdf.rawPayload);
    const texte = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dossier, 'f.pdf'), '-'], { encoding: 'utf8' });
    expect(texte).toContain('Pays de Belvès (24035)');
    expect(texte).toContain('Niveau d’équipement : Mairie équipée d’un dispositif de');
    expect(texte).toContain('Mairie de Belvès');
    const info = execFileSync('pdfinfo', [join(dossier, 'f.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Pays de Belvès/);
  });

  it('sends a commune déléguée or an old code to the sheet of its commune nouvelle', async () => {
    const r = await get('/communes/24363');
    expect(r.statusCode).toBe(301);
    expect(r.headers.location).toBe('/communes/24035');
    expect((await get('/communes/24363/fiche.pdf')).statusCode).toBe(404);
  });

  it('gives a commune without equipment its role and the nearest DR mairies with distances, nearest first, on the page and in the PDF', async () => {
    const r = await get('/communes/24557');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Niveau d’équipement : Mairie sans espace numérique');
    expect(r.body).toContain('Oriente vers la mairie équipée d’un dispositif de recueil ou l’espace numérique le plus proche.');
    const section = r.body.slice(r.body.indexOf('Mairies équipées d’un dispositif de recueil les plus proches'));
    const ordre = ['Mairie de Périgueux', 'Mairie de Coulounieix-Chamiers', 'Mairie de Boulazac-Isle-Manoire'].map((nom) => section.indexOf(nom));
    expect(ordre.every((i) => i > 0)).toBe(true);
    expect([...ordre].sort((a, b) => a - b)).toEqual(ordre);
    expect(section).toContain('à 5,4 km à vol d’oiseau');
    expect(section).toContain('prend vos empreintes');
    const dossier = mkdtempSync(join(tmpdir(), 'fiche-'));
    writeFileSync(join(dossier, 'f.pdf'), (await get('/communes/24557/fiche.pdf')).rawPayload);
    const texte = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dossier, 'f.pdf'), '-'], { encoding: 'utf8' });
    expect(texte).toMatch(/Mairie de Périgueux \(Périgueux\) — 5,4 km/);
    expect(texte).not.toContain('Position de la commune inconnue');
  });

  it('says what each place does for the person on « où aller ? »', async () => {
    const r = await get('/ou-aller?commune=24000');
    expect(r.body).toContain(CE_QUE_FAIT.dr);
    expect(r.body).toContain(CE_QUE_FAIT.prefecture);
  });

  it('loads the reference data only once, however many instances start', async () => {
    expect(await chargerTerritoireInitial({ db: built.db, inTransaction: built.inTransaction, departement: '24' })).toEqual({ communes: 0, points: 0 });
    expect((await json('/api/v1/points?type=dr')).body.features).toHaveLength(17);
  });
});

describe('another département', () => {
  it('loads the communes of the configured département, with no service point invented for it', async () => {
    const gironde = await createTestApp({ config: testConfig({ departement: '33' }) });
    try {
      const r = await gironde.app.inject(`/ou-aller?commune=${encodeURIComponent('Bordeaux')}`);
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('Depuis Bordeaux');
      expect(r.body).toContain('Aucune mairie équipée n’est enregistrée.');
      const ou = await gironde.app.inject('/ou');
      expect(ou.body).toContain('Gironde (33)');
      expect(ou.body).not.toContain('Le kit de 2017');
      expect(((await gironde.app.inject('/api/v1/points')).json() as { features: unknown[] }).features).toHaveLength(0);
      const fiche = await gironde.app.inject('/communes/33063');
      expect(fiche.body).toContain('Aucune autre mairie équipée d’un dispositif de recueil n’est enregistrée dans le département.');
      expect(fiche.body).not.toContain('La position de la commune n’est pas connue');
      const dossier = mkdtempSync(join(tmpdir(), 'fiche-'));
      writeFileSync(join(dossier, 'f.pdf'), (await gironde.app.inject('/communes/33063/fiche.pdf')).rawPayload);
      const texte = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dossier, 'f.pdf'), '-'], { encoding: 'utf8' });
      expect(texte).toContain('Aucune autre mairie équipée d’un dispositif de recueil');
      expect(texte).not.toContain('Position de la commune inconnue');
    } finally {
      await gironde.app.close();
    }
  }, 180_000);
});
