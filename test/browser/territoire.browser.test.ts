import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formaterKm } from '../../src/features/territoire/composants.tsx';
import { importerContours } from '../../src/features/territoire/contours-service.ts';
import { DR_DORDOGNE_2017 } from '../../src/features/territoire/donnees-dordogne.ts';
import { distanceKm } from '../../src/features/territoire/reference/geometry.ts';
import { LEGENDE } from '../../src/features/territoire/types-points.ts';
import { createAdmin } from '../../src/kernel/testing/factories.ts';
import { createTestApp, testConfig } from '../../src/kernel/testing/test-app.ts';
import { axeViolations, chromiumMissing, closePage, launchChromium, newContext, signIn, startPlatform, type RunningPlatform, submitAndWait, freePort } from './harness.ts';

// Real IGN Admin Express 2018 outlines, read from the shared data folder (never copied here).
const CONTOURS = path.resolve(import.meta.dirname, '../../../shared/data/admin-express-2018-dordogne/communes-24-dordogne.geojson');
const contoursPresents = existsSync(CONTOURS);
if (!contoursPresents) console.warn(`Test de la carte avec contours ignoré : ${CONTOURS} est absent.`);
/** Périgueux and two neighbours: enough for outlines on the map, small enough to stay quick. */
const CODES_CONTOURS = ['24322', '24557', '24102'];
const SHOTS_DIR = path.join(os.tmpdir(), 'shots');
// 1×1 transparent PNG, served in place of every base-map tile: no network in tests.
const TUILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

function contoursChoisis() {
  const tous = JSON.parse(readFileSync(CONTOURS, 'utf8')) as { type: string; features: { properties: { code: string } }[] };
  return { ...tous, features: tous.features.filter((f) => CODES_CONTOURS.includes(f.properties.code)) };
}

/** Every request the page makes, to check where the map fetches its tiles from. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/**
 * Markers that no pointer can reach: for each one, the point just inside its left edge and
 * its centre are tested, and the marker is reachable if the topmost element at one of them is itself.
 */
async function unreachableMarkers(page: Page): Promise<{ checked: number; unreachable: string[] }> {
  return page.locator('#carte path.gt-point').evaluateAll((marqueurs) => {
    // Markers outside the map's frame (the map may be zoomed on imported outlines) are not drawn there.
    const cadre = document.querySelector('#carte')!.getBoundingClientRect();
    const dedans = (x: number, y: number) => x > cadre.left && x < cadre.right && y > cadre.top && y < cadre.bottom;
    let checked = 0;
    const unreachable = marqueurs
      .map((m, i) => {
        const r = m.getBoundingClientRect();
        if (!dedans(r.left + r.width / 2, r.top + r.height / 2)) return null;
        checked += 1;
        const points: [number, number][] = [
          [r.left + 2, r.top + r.height / 2],
          [r.left + r.width / 2, r.top + r.height / 2],
        ];
        return points.some(([x, y]) => document.elementFromPoint(x, y) === m) ? null : `${m.getAttribute('class') ?? ''} #${i}`;
      })
      .filter((m): m is string => m !== null);
    return { checked, unreachable };
  });
}

async function waitForMap(page: Page) {
  await page.locator('#carte.leaflet-container').waitFor();
  await page.locator('#carte path.gt-point').first().waitFor({ state: 'attached' });
}

describe.skipIf(chromiumMissing)('browser: QUI et OÙ — où aller, list and map, commune sheet', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let withJs: BrowserContext;
  let withoutJs: BrowserContext;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    withJs = await newContext(browser, platform.baseUrl);
    withoutJs = await newContext(browser, platform.baseUrl, { javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function expectNoViolations(page: Page) {
    const violations = await axeViolations(page);
    expect(violations, `axe sur ${page.url()} :\n${violations.join('\n')}`).toEqual([]);
  }

  /** CSP refusals, and errors thrown by this feature's scripts (the kernel's own scripts are tested elsewhere). */
  function watchConsole(page: Page) {
    const lines: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content[ -]Security[ -]Policy|Refused to|territoire/i.test(m.text())) lines.push(m.text());
    });
    page.on('pageerror', (e) => {
      if (/\/territoire\//.test(e.stack ?? '')) lines.push(`${e.message} ${e.stack ?? ''}`);
    });
    return lines;
  }

  it('finds Pays de Belvès when a person types "Belvès", without JavaScript', async () => {
    const page = await withoutJs.newPage();
    await page.goto('/ou-aller');
    await page.getByLabel('Votre commune').fill('Belvès');
    await submitAndWait(page, () => page.getByRole('button', { name: 'Chercher', exact: true }).click());
    expect(await page.getByRole('heading', { name: 'Depuis Belvès (commune déléguée de Pays de Belvès)' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Mairie de Belvès' }).count()).toBe(1);
    await page.close();
  });

  it('shows the 17 DR communes of the Dordogne data in the list view without JavaScript', async () => {
    const page = await withoutJs.newPage();
    await page.goto('/ou');
    const lignes = page.locator('tr[data-type="dr"]');
    expect(await lignes.count()).toBe(17);
    const texte = await lignes.allInnerTexts();
    for (const dr of DR_DORDOGNE_2017) expect(texte.join('\n')).toContain(dr.nom);
    expect(await page.locator('#carte').isHidden()).toBe(true);
    await page.close();
  });

  it('enhances the list with a Leaflet map served by the platform, without CSP violation or script error', async () => {
    const page = await withJs.newPage();
    const erreurs = watchConsole(page);
    await page.goto('/ou');
    await page.locator('#carte.leaflet-container').waitFor();
    await page.locator('#carte path.leaflet-interactive').first().waitFor();
    expect(await page.locator('#carte path.leaflet-interactive').count()).toBeGreaterThanOrEqual(17);
    expect(erreurs, erreurs.join('\n')).toEqual([]);
    await expectNoViolations(page);
    await page.close();
  });

  it.each([
    ['où aller, empty form', '/ou-aller', 200],
    ['où aller, an answer', '/ou-aller?commune=24000', 200],
    ['où aller, a choice', '/ou-aller?commune=Saint-Germain', 200],
    ['où aller, an unknown commune', '/ou-aller?commune=Atlantide', 404],
    ['où aller, a commune without known centre', '/ou-aller?commune=Abjat-sur-Bandiat', 200],
    ['commune sheet', '/communes/24035', 200],
    ['API documentation', '/api/docs', 200],
  ])('axe finds no violation on %s', async (_nom, url, status) => {
    const page = await withJs.newPage();
    const response = await page.goto(url);
    expect(response?.status()).toBe(status);
    await page.waitForLoadState('networkidle');
    await expectNoViolations(page);
    await page.close();
  });

  it('axe finds no violation on the admin pages for places, including a form showing errors', async () => {
    const admin = await createAdmin(platform.built);
    const context = await newContext(browser, platform.baseUrl);
    const page = await context.newPage();
    await signIn(page, '/agent/connexion', admin.email, admin.password);
    for (const url of ['/admin/points', '/admin/points/import', '/admin/communes/24035']) {
      await page.goto(url);
      await expectNoViolations(page);
    }
    await page.goto('/admin/points/nouveau');
    await submitAndWait(page, () => page.getByRole('button', { name: 'Enregistrer' }).click());
    expect(await page.locator('#champ-nom').getAttribute('aria-invalid')).toBe('true');
    await expectNoViolations(page);
    await context.close();
  });

  it('axe finds no violation on the list view as a browser without JavaScript shows it', async () => {
    // axe itself needs JavaScript (with it disabled, it never returns): the page is checked as
    // served, with its scripts taken out and its <noscript> content shown.
    const context = await newContext(browser, platform.baseUrl);
    await context.route(
      (url) => url.pathname === '/ou',
      async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '').replace(/<(\/?)noscript>/gi, '<$1div>');
        await route.fulfill({ response, body: html });
      },
    );
    const page = await context.newPage();
    await page.goto('/ou');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('#carte').isHidden()).toBe(true);
    expect(await page.locator('.leaflet-container').count()).toBe(0);
    expect(await page.locator('tr[data-type="dr"]').count()).toBe(DR_DORDOGNE_2017.length);
    await expectNoViolations(page);
    await context.close();
  });

  it.skipIf(!contoursPresents)('draws the commune outlines we hold, and asks no tile server for anything, when no tile server is configured', async () => {
    const resultat = await importerContours({ db: platform.built.db, inTransaction: platform.built.inTransaction, departement: '24' }, contoursChoisis());
    expect(resultat.ok).toBe(true);
    const page = await withJs.newPage();
    const requetes = recordRequests(page);
    await page.goto('/ou');
    await waitForMap(page);
    const contours = page.locator('#carte path.gt-contour');
    await contours.first().waitFor({ state: 'attached' });
    expect(await contours.count()).toBe(CODES_CONTOURS.length);
    // The outlines are the background, drawn in grey and not clickable; the places are markers of their own.
    expect(await page.locator('#carte path.gt-contour.gt-point, #carte path.gt-contour.leaflet-interactive').count()).toBe(0);
    expect(await contours.first().getAttribute('stroke')).toBe('#6a6a6a');
    expect(await page.locator('#carte path.gt-point--dr').count()).toBe(DR_DORDOGNE_2017.length);
    expect(await page.locator('#carte .leaflet-tile').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    const origine = new URL(platform.baseUrl).origin;
    expect(requetes.filter((u) => /^https?:/.test(u) && new URL(u).origin !== origine)).toEqual([]);
    await mkdir(SHOTS_DIR, { recursive: true });
    await page.locator('#carte').screenshot({ path: path.join(SHOTS_DIR, 'ou-contours.png') });
    await page.screenshot({ path: path.join(SHOTS_DIR, 'ou-contours-page.png'), fullPage: true });
    await closePage(page);
  });

  it('hides a kind of place when it is unchecked in the map’s layer control, and shows it again when re-checked', async () => {
    const page = await withJs.newPage();
    await page.goto('/ou');
    await waitForMap(page);
    const dr = page.locator('#carte path.gt-point--dr');
    const prefectures = page.locator('#carte path.gt-point--prefecture');
    expect(await dr.count()).toBe(DR_DORDOGNE_2017.length);
    const nbPrefectures = await prefectures.count();
    expect(nbPrefectures).toBeGreaterThan(0);
    const case_ = page.locator('#carte').getByRole('checkbox', { name: LEGENDE.dr, exact: true });
    expect(await case_.isChecked()).toBe(true);
    await case_.uncheck();
    expect(await dr.count()).toBe(0);
    expect(await prefectures.count()).toBe(nbPrefectures);
    await case_.check();
    expect(await dr.count()).toBe(DR_DORDOGNE_2017.length);
    // The préfecture and the DR mairie of Périgueux share the commune's centre: both stay reachable.
    await page.setViewportSize({ width: 1280, height: 2000 });
    await page.locator('#carte').scrollIntoViewIfNeeded();
    const markers = await unreachableMarkers(page);
    expect(markers.unreachable).toEqual([]);
    // At least Périgueux's DR mairie and préfecture, which share the commune's centre.
    expect(markers.checked).toBeGreaterThanOrEqual(2);
    await expectNoViolations(page);
    await closePage(page);
  });

  it('prints the list of places without the map, its controls or the forms, on the OÙ page and on « Où aller ? »', async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    const page = await withJs.newPage();
    await page.goto('/ou');
    await waitForMap(page);
    expect(await page.locator('#carte').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#carte').isHidden()).toBe(true);
    expect(await page.locator('.leaflet-control-layers').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Filtrer' }).isHidden()).toBe(true);
    expect(await page.locator('#liste-lieux').isVisible()).toBe(true);
    expect(await page.locator('tr[data-type="dr"]').first().isVisible()).toBe(true);
    expect(await page.locator('tr[data-type="dr"]').last().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'ou-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('#carte').isVisible()).toBe(true);

    await page.goto('/ou-aller?commune=24000');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Chercher', exact: true }).isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Utiliser ma position' }).isHidden()).toBe(true);
    expect(await page.getByLabel('Votre commune').isHidden()).toBe(true);
    expect(await page.locator('#titre-reponse').isVisible()).toBe(true);
    expect(await page.locator('.fr-card').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'ou-aller-print.png'), fullPage: true });
    await closePage(page);
  });

  it('answers from the position the browser gives, with the nearest DR first and its distance', async () => {
    // Périgueux, city centre.
    const context = await newContext(browser, platform.baseUrl, { permissions: ['geolocation'], geolocation: { latitude: 45.184, longitude: 0.721 } });
    const page = await context.newPage();
    await page.goto('/ou-aller');
    await submitAndWait(page, () => page.getByRole('button', { name: 'Utiliser ma position' }).click());
    // Rounded to about 1 km before it goes into the address of the page.
    const adresse = new URL(page.url());
    expect([adresse.searchParams.get('lat'), adresse.searchParams.get('lon')]).toEqual(['45.18', '0.72']);
    expect(await page.getByRole('heading', { name: 'Depuis votre position' }).count()).toBe(1);

    const dr = (await (await page.request.get('/api/v1/points?type=dr')).json()) as { features: { geometry: { coordinates: [number, number] }; properties: { nom: string } }[] };
    const ici = { lon: 0.72, lat: 45.18 };
    const [plusProche] = dr.features
      .map((f) => ({ nom: f.properties.nom, km: distanceKm(ici, { lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }) }))
      .sort((a, b) => a.km - b.km);
    expect(plusProche?.nom).toBe('Mairie de Périgueux');
    const premiere = page.locator('.fr-card').first();
    expect(await premiere.locator('.fr-card__title').innerText()).toBe('Mairie de Périgueux');
    expect(await premiere.locator('.fr-tag').allInnerTexts()).toContain(`à ${formaterKm(plusProche!.km)} à vol d’oiseau`);
    await expectNoViolations(page);
    await context.close();
  });

  it('says in French that the position is not available when the person refuses to share it, and stays on the form', async () => {
    const context = await newContext(browser, platform.baseUrl);
    const page = await context.newPage();
    await page.goto('/ou-aller');
    await page.getByRole('button', { name: 'Utiliser ma position' }).click();
    const etat = page.locator('#etat-position', { hasText: 'autorisé' });
    await etat.waitFor();
    expect(await etat.innerText()).toBe('Vous n’avez pas autorisé l’accès à votre position : saisissez le nom de votre commune ou son code postal.');
    expect(new URL(page.url()).search).toBe('');
    await expectNoViolations(page);
    await context.close();
  });
});

describe.skipIf(chromiumMissing)('browser: OÙ map over the configured tile server', () => {
  let built: Awaited<ReturnType<typeof createTestApp>>;
  let baseUrl: string;
  let tileUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    // An empty TILE_URL means the default tile server (IGN Géoplateforme, Plan IGN).
    const config = testConfig({ publicUrl: new URL(baseUrl), port, host: '127.0.0.1' }, { TILE_URL: '' });
    tileUrl = config.tileUrl ?? '';
    built = await createTestApp({ config });
    await built.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await built?.app.close();
  });

  it('fetches the base map tiles from the configured address, and from nowhere else', async () => {
    expect(tileUrl).toMatch(/^https:\/\/data\.geopf\.fr\//);
    const serveurTuiles = new URL(tileUrl.replace(/\{[a-z]\}/g, '0')).origin;
    const echappe = tileUrl.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    const modele = new RegExp(`^${echappe.replace(/\{[xyz]\}/g, '\\d+')}$`);
    const context = await newContext(browser, baseUrl);
    // No network in tests: the tile server is played by the test, with a blank tile.
    await context.route((url) => url.origin === serveurTuiles, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: TUILE_PNG }));
    const page = await context.newPage();
    const refus: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content[ -]Security[ -]Policy|Refused to/i.test(m.text())) refus.push(m.text());
    });
    const requetes = recordRequests(page);
    await page.goto('/ou');
    await waitForMap(page);
    await page.locator('#carte img.leaflet-tile-loaded').first().waitFor();
    await page.waitForLoadState('networkidle');
    const externes = requetes.filter((u) => /^https?:/.test(u) && new URL(u).origin !== new URL(baseUrl).origin);
    expect(externes.length).toBeGreaterThan(0);
    expect(externes.filter((u) => !modele.test(u))).toEqual([]);
    expect(refus, refus.join('\n')).toEqual([]);
    await context.close();
  });
});
