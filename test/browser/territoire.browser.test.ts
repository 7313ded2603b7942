import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DR_DORDOGNE_2017 } from '../../src/features/territoire/donnees-dordogne.ts';
import { createAdmin } from '../../src/kernel/testing/factories.ts';
import { axeViolations, chromiumMissing, launchChromium, newContext, signIn, startPlatform, type RunningPlatform, submitAndWait } from './harness.ts';

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
});
