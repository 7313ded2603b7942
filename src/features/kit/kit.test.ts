// Intégration : le kit généré depuis les données vivantes, en PDF (texte réel lu par
// pdftotext, titre et langue) et en HTML, son cache invalidé par un lieu ajouté par un
// administrateur, la variante d'une commune, la limite de débit des générations.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFHexString, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createAdmin } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { GENERATIONS } from './index.ts';

let built: GuichetApp;
let admin: TestClient;
const dossier = mkdtempSync(path.join(tmpdir(), 'kit-'));

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

/** The text of the PDF as pdftotext reads it (pages optional). */
function texte(pdf: Buffer, pages?: { premiere: number; derniere: number }): string {
  const fichier = path.join(dossier, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(fichier, pdf);
  const options = pages ? ['-f', String(pages.premiere), '-l', String(pages.derniere)] : [];
  // Lines joined: a long name may be split at the end of a line.
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...options, fichier, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

async function pdf(url: string, remoteAddress = '127.0.0.1') {
  const r = await built.app.inject({ url, remoteAddress });
  expect(r.statusCode, `${url} : ${r.body.slice(0, 200)}`).toBe(200);
  expect(r.headers['content-type']).toBe('application/pdf');
  return { corps: r.rawPayload, etag: String(r.headers.etag) };
}

async function communesDr(): Promise<string[]> {
  const points = (await built.app.inject('/api/v1/points?type=dr')).json() as { features: { properties: { commune_nom: string } }[] };
  return [...new Set(points.features.map((f) => f.properties.commune_nom))];
}

describe('the kit PDF, rebuilt from live data', () => {
  it('holds every DR commune of the data as real text, with a title and the French language set', async () => {
    const { corps } = await pdf('/kit.pdf');
    const lu = texte(corps);
    const communes = await communesDr();
    expect(communes.length).toBe(17);
    for (const commune of communes) expect(lu, commune).toContain(commune);
    for (const question of ['QUI ? Le rôle de chacun', 'OÙ ? Les lieux du département', 'COMMENT ? Pas à pas']) expect(lu).toContain(question);
    // The three mairie roles and the préfecture agents', in the territoire's own words.
    for (const role of ['Mairie équipée d’un dispositif de recueil', 'Mairie avec espace numérique', 'Mairie sans espace numérique', 'Agents de préfecture']) expect(lu).toContain(role);
    // The map's legend is drawn as text too, with live counts.
    expect(lu).toContain('Dispositif de recueil (DR) (17)');
    // The three guides, with their steps.
    for (const guide of ['Créer une adresse électronique', 'Étape #8']) expect(lu).toContain(guide);

    const doc = await PDFDocument.load(corps, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Kit d’accompagnement de l’usager — Dordogne (24)');
    const langue = doc.catalog.lookup(PDFName.of('Lang'));
    expect(langue instanceof PDFString || langue instanceof PDFHexString ? langue.decodeText() : langue).toBe('fr-FR');
    expect(execFileSync('pdfinfo', ['-'], { input: corps, encoding: 'utf8' })).toMatch(/Title:\s+Kit d’accompagnement de l’usager — Dordogne \(24\)/);
  });

  it('serves the same document from memory until the data changes, and shows a place an administrator adds in the next kit', async () => {
    const avant = await pdf('/kit.pdf');
    const encore = await pdf('/kit.pdf');
    expect(encore.etag).toBe(avant.etag);
    expect(encore.corps.equals(avant.corps)).toBe(true);
    expect((await built.app.inject({ url: '/kit.pdf', headers: { 'if-none-match': avant.etag } })).statusCode).toBe(304);
    expect(texte(avant.corps)).not.toContain('Mairie de Brantôme');

    await admin.get('/admin/points/nouveau');
    const cree = await admin.post('/admin/points', { type: 'dr', commune: '24064', nom: 'Mairie de Brantôme', adresse: '1 place du Marché, 24310 Brantôme', telephone: '05 53 05 70 21', source: 'Test du kit', demonstration: 'oui' });
    expect(cree.statusCode).toBe(303);

    const apres = await pdf('/kit.pdf');
    expect(apres.etag).not.toBe(avant.etag);
    const lu = texte(apres.corps);
    expect(lu).toContain('Mairie de Brantôme');
    expect(lu).toContain('1 place du Marché, 24310 Brantôme');
    expect(lu).toContain('05 53 05 70 21');
    expect(lu).toContain('Dispositif de recueil (DR) (18)');
    // The page follows too.
    expect((await built.app.inject('/kit')).body).toContain('Mairie de Brantôme');
  });

  it('puts the commune’s role and its nearest points on the first page of its kit', async () => {
    const ribérac = texte((await pdf('/kit/commune/24352.pdf')).corps, { premiere: 1, derniere: 1 });
    expect(ribérac).toContain('Votre commune : Ribérac (24352)');
    expect(ribérac).toContain('Rôle de la mairie : Mairie équipée d’un dispositif de recueil');
    expect(ribérac).toContain('Prend les empreintes digitales et remet le titre terminé.');
    // Nearest DR first: Ribérac itself, then its neighbours, nearest first.
    const drProches = ribérac.slice(ribérac.indexOf('les plus proches'), ribérac.indexOf('Lieux qui aident'));
    expect(drProches.indexOf('Mairie de Ribérac')).toBeGreaterThan(-1);
    expect(drProches.indexOf('Mairie de Ribérac')).toBeLessThan(drProches.indexOf('Mairie de Saint-Astier'));
    // The département kit follows on the next pages, not on the first.
    expect(ribérac).not.toContain('QUI ? Le rôle de chacun');
    const doc = await PDFDocument.load((await pdf('/kit/commune/24352.pdf')).corps, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Kit d’accompagnement de l’usager — Ribérac (24352)');
  });

  it('follows a commune’s role when an administrator adds an espace numérique there', async () => {
    const avant = texte((await pdf('/kit/commune/24102.pdf')).corps, { premiere: 1, derniere: 1 });
    expect(avant).toContain('Votre commune : Chancelade (24102)');
    expect(avant).toContain('Rôle de la mairie : Mairie sans espace numérique');
    expect(avant).toMatch(/dispositif de recueil les plus proches Périgueux — Mairie de Périgueux/);

    await admin.get('/admin/points/nouveau');
    expect((await admin.post('/admin/points', { type: 'espace_numerique', commune: '24102', nom: 'Espace numérique de Chancelade', source: 'Test du kit', demonstration: 'oui' })).statusCode).toBe(303);

    const apres = texte((await pdf('/kit/commune/24102.pdf')).corps, { premiere: 1, derniere: 1 });
    expect(apres).toContain('Rôle de la mairie : Mairie avec espace numérique');
    expect(apres).toMatch(/pré-demande en ligne les plus proches Chancelade — Espace numérique de Chancelade/);
    const perigueux = texte((await pdf('/kit/commune/24322.pdf')).corps, { premiere: 1, derniere: 1 });
    expect(perigueux.slice(perigueux.indexOf('Lieux qui aident'))).toContain('Espace numérique de Chancelade');
  });

  it('says so when the commune’s position is unknown instead of guessing distances', async () => {
    const page = await built.app.inject('/kit/commune/24001');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('La position de la commune n’est pas connue');
  });
});

describe('the /kit pages', () => {
  it('answers 404 for an unknown or malformed code, and leads a commune name to its kit', async () => {
    expect((await built.app.inject('/kit/commune/99999')).statusCode).toBe(404);
    expect((await built.app.inject('/kit/commune/abc')).statusCode).toBe(404);
    expect((await built.app.inject('/kit/commune/99999.pdf')).statusCode).toBe(404);
    const trouvee = await built.app.inject('/kit/commune?commune=Rib%C3%A9rac');
    expect(trouvee.statusCode).toBe(303);
    expect(trouvee.headers.location).toBe('/kit/commune/24352');
    const vide = await built.app.inject('/kit/commune?commune=');
    expect(vide.statusCode).toBe(400);
    expect(vide.body).toContain('Saisissez le nom de votre commune');
    const inconnue = await built.app.inject('/kit/commune?commune=Atlantide');
    expect(inconnue.statusCode).toBe(404);
    expect(inconnue.body).toContain('value="Atlantide"');
  });

  it('lists every DR commune in the table that goes with the map', async () => {
    const html = (await built.app.inject('/kit')).body;
    const image = /<img src="(\/kit\/carte\.svg\?v=[^"]+)" alt="Carte des lieux — Dordogne \(24\)"/.exec(html);
    expect(image).not.toBeNull();
    const carte = await built.app.inject(image![1]!.replaceAll('&amp;', '&'));
    expect(carte.statusCode).toBe(200);
    expect(carte.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(carte.headers['cache-control']).toContain('immutable');
    expect(carte.body).toContain('Dispositif de recueil (DR) (');
    const tableau = html.slice(html.indexOf('id="liste-dr"'), html.indexOf('</table>', html.indexOf('id="liste-dr"')));
    for (const commune of await communesDr()) expect(tableau, commune).toContain(commune);
  });
});

describe('rate limit of PDF generation', () => {
  it('refuses a client that asks for too many documents to generate, and still serves the ones already made', async () => {
    const client = '203.0.113.7';
    await pdf('/kit.pdf', client);
    // Unknown codes still count: each one costs a lookup, and guessing them is what the limit stops.
    for (let i = 0; i < GENERATIONS.limite; i += 1) await built.app.inject({ url: '/kit/commune/24999.pdf', remoteAddress: client });
    const refusee = await built.app.inject({ url: '/kit/commune/24001.pdf', remoteAddress: client });
    expect(refusee.statusCode).toBe(429);
    expect(Number(refusee.headers['retry-after'])).toBeGreaterThan(0);
    expect((await built.app.inject({ url: '/kit.pdf', remoteAddress: client })).statusCode).toBe(200);
    expect((await built.app.inject({ url: '/kit/commune/24001.pdf', remoteAddress: '203.0.113.8' })).statusCode).toBe(200);
  });
});
