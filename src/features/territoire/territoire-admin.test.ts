// Intégration : administration des lieux (création, correction, fermeture, réouverture),
// niveau d'équipement, et journal d'audit de chaque changement.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { createAdmin, createAgent, createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { pointsRepository } from './points-repository.ts';

const CONTOURS = resolve(import.meta.dirname, '../../../../shared/data/admin-express-2018-dordogne/communes-24-dordogne.geojson');
const contoursPresents = existsSync(CONTOURS);
if (!contoursPresents) console.warn(`Test d'import des contours depuis l'administration ignoré : ${CONTOURS} est absent.`);

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
    expect(csv.headers['cache-control']).toBe('no-store');
    expect((await admin.get('/admin/points/export.geojson')).headers['cache-control']).toBe('no-store');
    expect(csv.body.split('\n')[0]).toBe('cle;type;commune;lieu_deleguee;nom;adresse;telephone;horaires;site_web;lon;lat;nombre_dispositifs;notes;source;demonstration;ouvert');
    expect(csv.body).toContain('msap-2;msap;24037;;France Services de Bergerac 2');
    expect((await listAudit(built.db, { objectType: 'point_accueil' })).some((a) => a.action === 'importer-points')).toBe(true);
  });

});

/** A multipart/form-data body as a browser sends it, a file input included. */
function multipart(champs: Record<string, string>, fichier?: { nom: string; contenu: string | Buffer; type?: string }) {
  const limite = '----guichet-test-7d1f2a';
  const morceaux: Buffer[] = [];
  for (const [nom, valeur] of Object.entries(champs)) morceaux.push(Buffer.from(`--${limite}\r\nContent-Disposition: form-data; name="${nom}"\r\n\r\n${valeur}\r\n`));
  if (fichier) {
    morceaux.push(Buffer.from(`--${limite}\r\nContent-Disposition: form-data; name="fichier"; filename="${fichier.nom}"\r\nContent-Type: ${fichier.type ?? 'application/octet-stream'}\r\n\r\n`));
    morceaux.push(Buffer.isBuffer(fichier.contenu) ? fichier.contenu : Buffer.from(fichier.contenu));
    morceaux.push(Buffer.from('\r\n'));
  }
  morceaux.push(Buffer.from(`--${limite}--\r\n`));
  return { payload: Buffer.concat(morceaux), contentType: `multipart/form-data; boundary=${limite}` };
}

describe('imports from the admin page, with a real file upload', () => {
  /** GETs the import page as the signed-in admin, then posts the form as multipart with its CSRF token. */
  async function envoyer(champs: Record<string, string>, fichier?: { nom: string; contenu: string | Buffer; type?: string }, options: { sansCsrf?: boolean } = {}) {
    const page = await admin.get('/admin/points/import');
    expect(page.body).toContain('enctype="multipart/form-data"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const corps = multipart({ ...(options.sansCsrf ? {} : { _csrf: csrf }), ...champs }, fichier);
    return built.app.inject({
      method: 'POST',
      url: '/admin/points/import',
      headers: { cookie: `gt_session=${admin.cookie('gt_session')}`, 'content-type': corps.contentType },
      payload: corps.payload,
    });
  }
  const parCle = async (prefixe: string) => (await pointsRepository(built.db).lister()).filter((p) => p.cleSource?.startsWith(prefixe));
  const erreurs = (body: string) => [...body.matchAll(/<li>((?:Ligne \d+|Objet n° \d+|Lieu n° \d+) : [^<]*)<\/li>/g)].map((m) => m[1]);

  it('refuses an upload without the CSRF token, and one from an anonymous visitor or a mairie agent', async () => {
    const csv = 'cle;type;commune;nom\nup-csrf;msap;24322;France Services de Périgueux\n';
    const sans = await envoyer({ format: 'csv' }, { nom: 'lieux.csv', contenu: csv }, { sansCsrf: true });
    expect(sans.statusCode).toBe(403);
    const corps = multipart({ format: 'csv' }, { nom: 'lieux.csv', contenu: csv });
    const anonyme = await built.app.inject({ method: 'POST', url: '/admin/points/import', headers: { 'content-type': corps.contentType }, payload: corps.payload });
    expect(anonyme.statusCode).toBe(302);
    // A signed-in mairie agent, with a valid token of its own, is refused too.
    const compte = await createAgent(built, 'agent_mairie', { communeInsee: '24322', departement: '24' });
    const agent = new TestClient(built.app);
    expect((await agent.submit('/agent/connexion', '/agent/connexion', { email: compte.email, password: compte.password })).statusCode).toBe(303);
    const jeton = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/agent')).body)?.[1];
    expect(jeton).toBeDefined();
    const parAgent = multipart({ _csrf: jeton!, format: 'csv' }, { nom: 'lieux.csv', contenu: csv });
    const refuse = await built.app.inject({ method: 'POST', url: '/admin/points/import', headers: { cookie: `gt_session=${agent.cookie('gt_session')}`, 'content-type': parAgent.contentType }, payload: parAgent.payload });
    expect(refuse.statusCode).toBe(403);
    expect(await parCle('up-csrf')).toHaveLength(0);
  });

  it('imports a CSV file, and refuses one with bad lines without applying any, citing every line', async () => {
    const mauvais = 'cle;type;commune;nom\nup-1;msap;24322\nup-2;msap;99999;France Services fictive\nup-3;msap;24322;France Services de Périgueux;de trop\nup-4;msap;24322;Bon\n';
    const refuse = await envoyer({ format: 'csv', source: 'Essai' }, { nom: 'lieux.csv', contenu: mauvais, type: 'text/csv' });
    expect(refuse.statusCode).toBe(400);
    expect(refuse.body).toContain('Fichier refusé : rien n’a été importé');
    expect(erreurs(refuse.body)).toEqual(['Ligne 2 : 3 valeurs pour 4 colonnes.', expect.stringMatching(/^Ligne 3 : commune : /), 'Ligne 4 : 5 valeurs pour 4 colonnes.']);
    expect(await parCle('up-')).toHaveLength(0);

    const bon = await envoyer({ format: 'csv', source: 'Liste du conseil départemental' }, { nom: 'lieux.csv', contenu: '\uFEFFcle;type;commune;nom;ouvert\nup-1;msap;24322;France Services de Périgueux;oui\nup-2;msap;24037;Ancienne MSAP de Bergerac;non\n' });
    expect(bon.statusCode).toBe(303);
    expect(bon.headers.location).toBe('/admin/points?fait=importe');
    const importes = await parCle('up-');
    expect(importes.map((p) => [p.nom, p.ouvert, p.source]).sort()).toEqual([['Ancienne MSAP de Bergerac', false, 'Liste du conseil départemental'], ['France Services de Périgueux', true, 'Liste du conseil départemental']]);
    const audit = (await listAudit(built.db, { objectType: 'point_accueil' })).find((a) => a.action === 'importer-points');
    expect(audit).toMatchObject({ actor_id: expect.any(String) });
    expect(audit!.actor_id).not.toBeNull();
    expect(JSON.stringify(audit!.details)).toContain('"format":"csv"');
  });

  it('imports a GeoJSON file, and refuses a bad one citing the feature', async () => {
    const feature = (cle: string, commune: string) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [0.72, 45.18] }, properties: { cle, type: 'espace_numerique', commune, nom: `Espace ${cle}` } });
    const refuse = await envoyer({ format: 'geojson' }, { nom: 'lieux.geojson', contenu: JSON.stringify({ type: 'FeatureCollection', features: [feature('geo-1', '24322'), feature('geo-2', '99999')] }) });
    expect(refuse.statusCode).toBe(400);
    expect(erreurs(refuse.body)).toEqual([expect.stringMatching(/^Objet n° 2 : commune : /)]);
    expect(await parCle('geo-')).toHaveLength(0);
    const bon = await envoyer({ format: 'geojson' }, { nom: 'lieux.geojson', contenu: JSON.stringify({ type: 'FeatureCollection', features: [feature('geo-1', '24322'), feature('geo-2', '24037')] }) });
    expect(bon.statusCode).toBe(303);
    expect((await parCle('geo-')).map((p) => p.position?.precision)).toEqual(['adresse', 'adresse']);
  });

  it('imports places of the national LieuMediationNumerique schema, and refuses a file with one bad place', async () => {
    const lieu = { id: 'adm-lmn-1', nom: 'Médiathèque de Nontron', pivot: '00000000000000', commune: 'Nontron', code_postal: '24300', code_insee: '24311', adresse: '1 place Alfred Agard', date_maj: '2024-03-01', services: 'Aide aux démarches administratives' };
    const refuse = await envoyer({ format: 'lieux-mediation' }, { nom: 'lieux.json', contenu: JSON.stringify([lieu, { ...lieu, id: 'adm-lmn-2', services: 'Faire le café' }, { ...lieu, id: 'adm-lmn-3', code_insee: undefined }]) });
    expect(refuse.statusCode).toBe(400);
    expect(erreurs(refuse.body)).toEqual([expect.stringMatching(/^Lieu n° 2 : Schéma LieuMediationNumerique/), expect.stringMatching(/^Lieu n° 3 : code_insee manquant/)]);
    expect(await parCle('lmn:adm-lmn')).toHaveLength(0);
    const bon = await envoyer({ format: 'lieux-mediation' }, { nom: 'lieux.json', contenu: JSON.stringify([lieu]) });
    expect(bon.statusCode).toBe(303);
    expect(await parCle('lmn:adm-lmn')).toMatchObject([{ nom: 'Médiathèque de Nontron', type: 'espace_numerique', adresse: '1 place Alfred Agard, 24300 Nontron' }]);
  });

  it('says next to the field when the file is too big, not in UTF-8, missing, or sent with a pasted content too', async () => {
    const enTete = 'cle;type;commune;nom\n';
    const gros = await envoyer({ format: 'csv' }, { nom: 'gros.csv', contenu: enTete + 'big;msap;24322;Grand\n'.repeat(600_000) });
    expect(gros.statusCode).toBe(400);
    expect(gros.body).toMatch(/id="champ-fichier-messages"[^>]*>\s*<p class="fr-message fr-message--error">Le fichier dépasse 10 Mo : rien n’a été importé/);
    expect(await parCle('big')).toHaveLength(0);

    const latin1 = await envoyer({ format: 'csv' }, { nom: 'excel.csv', contenu: Buffer.from(`${enTete}l1;msap;24322;Médiathèque\n`, 'latin1') });
    expect(latin1.statusCode).toBe(400);
    expect(latin1.body).toContain('Le fichier n’est pas encodé en UTF-8');
    expect(await parCle('l1')).toHaveLength(0);

    const rien = await envoyer({ format: 'csv', contenu: '' }, { nom: '', contenu: '' });
    expect(rien.statusCode).toBe(400);
    expect(rien.body).toContain('Joignez le fichier à importer, ou collez son contenu.');

    const deux = await envoyer({ format: 'csv', contenu: `${enTete}d1;msap;24322;Un\n` }, { nom: 'a.csv', contenu: `${enTete}d2;msap;24322;Deux\n` });
    expect(deux.statusCode).toBe(400);
    expect(deux.body).toContain('Joignez un fichier ou collez son contenu, pas les deux.');

    const format = await envoyer({ format: 'excel' }, { nom: 'a.csv', contenu: `${enTete}d3;msap;24322;Trois\n` });
    expect(format.statusCode).toBe(400);
    expect(format.body).toContain('Choisissez le format du fichier.');
    expect([...(await parCle('d1')), ...(await parCle('d2')), ...(await parCle('d3'))]).toHaveLength(0);
  });

  it('refuses a pasted content longer than the limit instead of applying part of it', async () => {
    const lignes = Array.from({ length: 1200 }, (_, i) => `long-${i};espace_numerique;24322;Espace numérique n° ${i} de Périgueux`);
    const contenu = `cle;type;commune;nom\n${lignes.join('\n')}\n`;
    expect(contenu.length).toBeGreaterThan(60_000);
    // The textarea has no maxlength: a browser would cut a longer paste silently.
    expect((await admin.get('/admin/points/import')).body).not.toMatch(/<textarea[^>]*maxlength/);
    const r = await envoyer({ format: 'csv', contenu, source: 'Essai' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toMatch(/id="champ-contenu-messages"[^>]*>\s*<p class="fr-message fr-message--error">Le contenu collé compte [\d\s\u202f]+ caractères, plus que les 60\s000 permis : rien n’a été importé/);
    expect((await pointsRepository(built.db).lister()).filter((p) => p.cleSource?.startsWith('long-'))).toHaveLength(0);
  });
  it('refuses a broken contour file without changing any commune', async () => {
    const avant = (await built.app.inject('/api/v1/contours')).body;
    const faux = '{"type": "FeatureCollection", "features": [\n  {"type": "Feature", "properties": {"code": "24322"}, "geometry": null}\n]}';
    const refuse = await envoyer({ format: 'contours' }, { nom: 'communes.geojson', contenu: faux });
    expect(refuse.statusCode).toBe(400);
    expect(erreurs(refuse.body)).toEqual([expect.stringMatching(/^Objet n° 1 : /)]);
    expect((await built.app.inject('/api/v1/contours')).body).toBe(avant);
    const invalide = await envoyer({ format: 'contours' }, { nom: 'communes.geojson', contenu: '{"type": "FeatureCollection",\n "features": [' });
    expect(invalide.statusCode).toBe(400);
    expect(invalide.body).toMatch(/Ligne 2 : Le fichier n&#39;est pas un JSON valide|Ligne 2 : Le fichier n'est pas un JSON valide/);
  });

  it.skipIf(!contoursPresents)('imports the IGN Admin Express contours of the Dordogne from the admin page, audited under the admin', async () => {
    const r = await envoyer({ format: 'contours' }, { nom: 'communes-24-dordogne.geojson', contenu: readFileSync(CONTOURS), type: 'application/geo+json' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Contours des communes importés');
    expect(r.body).toMatch(/520 contours lus/);
    const abjat = (await built.app.inject(`/api/v1/orientation?commune=${encodeURIComponent('Abjat-sur-Bandiat')}`)).json() as Record<string, unknown>;
    expect(abjat).toMatchObject({ centre_connu: true, origine: { source: 'admin-express' } });
    const audit = (await listAudit(built.db, { objectType: 'commune' })).find((a) => a.action === 'importer-contours');
    expect(audit?.actor_id).toEqual(expect.any(String));
  });
});
