// Intégration : administration des lieux (création, correction, fermeture, réouverture),
// niveau d'équipement, et journal d'audit de chaque changement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { createAdmin, createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';

let built: GuichetApp;
let admin: TestClient;
beforeAll(async () => {
  built = await createTestApp();
  const compte = await createAdmin(built);
  admin = new TestClient(built.app);
  const login = await admin.submit('/agent/connexion', '/agent/connexion', { email: compte.email, password: compte.password });
  expect(login.statusCode).toBe(303);
}, 180_000);
afterAll(async () => {
  await built?.app.close();
});

const pointsRibérac = async () =>
  (await built.app.inject('/api/v1/points?commune=24352')).json() as { features: { id: string; properties: Record<string, unknown>; geometry: unknown }[] };

describe('administration of service points', () => {
  it('refuses anonymous visitors and citizens', async () => {
    expect((await built.app.inject('/admin/points')).statusCode).toBe(302);
    const usager = await createUsager(built);
    const client = new TestClient(built.app);
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    expect((await client.get('/admin/points')).statusCode).toBe(403);
  });

  it('keeps the answers and shows a French message next to each wrong field', async () => {
    await admin.get('/admin/points/nouveau');
    const r = await admin.post('/admin/points', { type: 'espace_numerique', commune: '99999', nom: '', site_web: 'javascript:alert(1)', adresse: 'Place du Marché', notes: 'nul\u0000' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('Aucune commune actuelle connue ne porte ce code INSEE.');
    expect(r.body).toContain('Saisissez le nom du lieu');
    expect(r.body).toContain('elle commence par https://');
    expect(r.body).toContain('value="Place du Marché"');
    expect(r.body).toContain('caractère de contrôle invisible');
  });

  it('creates a place at the centre of its commune, edits, closes and re-opens it, each change audited', async () => {
    await admin.get('/admin/points/nouveau');
    const cree = await admin.post('/admin/points', { type: 'espace_numerique', commune: '24352', nom: 'Espace numérique de Ribérac', source: 'Test', demonstration: 'oui' });
    expect(cree.statusCode).toBe(303);
    const [point] = (await pointsRibérac()).features.filter((f) => f.properties.type === 'espace_numerique');
    expect(point!.properties).toMatchObject({ precision_position: 'centre-commune', demonstration: true, adresse: null });
    expect(point!.geometry).not.toBeNull();

    await admin.get(`/admin/points/${point!.id}`);
    const modifie = await admin.post(`/admin/points/${point!.id}`, { type: 'espace_numerique', commune: '24352', nom: 'Espace numérique de Ribérac', telephone: '05 53 00 00 00', lat: '45.25', lon: '0.34', source: 'Test', demonstration: 'oui' });
    expect(modifie.statusCode).toBe(303);
    expect((await pointsRibérac()).features.find((f) => f.id === point!.id)!.properties).toMatchObject({ telephone: '05 53 00 00 00', precision_position: 'adresse' });

    await admin.get('/admin/points');
    expect((await admin.post(`/admin/points/${point!.id}/fermer`)).statusCode).toBe(303);
    expect((await pointsRibérac()).features.some((f) => f.id === point!.id)).toBe(false);
    expect((await admin.post(`/admin/points/${point!.id}/rouvrir`)).statusCode).toBe(303);
    expect((await pointsRibérac()).features.some((f) => f.id === point!.id)).toBe(true);

    const actions = (await listAudit(built.db, { objectType: 'point_accueil' })).filter((a) => a.object_id === point!.id).map((a) => a.action);
    expect(actions.sort()).toEqual(['creer-point', 'fermer-point', 'modifier-point', 'rouvrir-point']);
  });

  it('derives the equipment level from the points and lets an admin set it', async () => {
    expect((await built.app.inject('/communes/24004')).body).toContain('Niveau d’équipement : Mairie sans espace numérique');
    await admin.get('/admin/communes/24004');
    expect((await admin.post('/admin/communes/24004/niveau', { niveau: 'nimporte' })).statusCode).toBe(400);
    expect((await admin.post('/admin/communes/24004/niveau', { niveau: 'espace_numerique' })).statusCode).toBe(303);
    const fiche = (await built.app.inject('/communes/24004')).body;
    expect(fiche).toContain('Niveau d’équipement : Mairie avec espace numérique');
    expect(fiche).toContain('Niveau fixé par un administrateur');
    expect((await listAudit(built.db, { objectType: 'commune' })).some((a) => a.action === 'fixer-niveau-equipement' && a.object_id === '24004')).toBe(true);
    await admin.post('/admin/communes/24004/niveau', { niveau: 'deduit' });
    expect((await built.app.inject('/communes/24004')).body).toContain('Niveau déduit des lieux');
  });

  it('imports a pasted CSV all or nothing, with line-numbered errors, and exports every place', async () => {
    await admin.get('/admin/points/import');
    const mauvais = 'cle;type;commune;nom\nmsap-1;msap;24037;France Services de Bergerac\nmsap-2;msap;24037;\n';
    const refuse = await admin.post('/admin/points/import', { contenu: mauvais, source: 'Essai' });
    expect(refuse.statusCode).toBe(400);
    expect(refuse.body).toContain('Ligne 3 : nom');
    expect(refuse.body).toMatch(/<textarea[^>]*>[^<]*msap-2;msap;24037;/);
    expect(((await built.app.inject('/api/v1/points?type=msap')).json() as { features: unknown[] }).features).toHaveLength(0);
    const bon = await admin.post('/admin/points/import', { contenu: mauvais.replace('msap-2;msap;24037;', 'msap-2;msap;24037;France Services de Bergerac 2'), source: 'Essai' });
    expect(bon.statusCode).toBe(303);
    expect(((await built.app.inject('/api/v1/points?type=msap')).json() as { features: unknown[] }).features).toHaveLength(2);
    const csv = await admin.get('/admin/points/export.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('cle;type;commune;lieu_deleguee;nom;adresse;telephone;horaires;site_web;lon;lat;nombre_dispositifs;notes;source;demonstration;ouvert');
    expect(csv.body).toContain('msap-2;msap;24037;;France Services de Bergerac 2');
    expect((await listAudit(built.db, { objectType: 'point_accueil' })).some((a) => a.action === 'importer-points')).toBe(true);
  });
});
