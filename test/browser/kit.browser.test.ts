import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, chromiumMissing, launchChromium, newContext, startPlatform, type RunningPlatform } from './harness.ts';

describe.skipIf(chromiumMissing)('browser: the kit generated from live data, without JavaScript', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let withJs: BrowserContext;
  let withoutJs: BrowserContext;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    // axe needs scripts in the page to run; everything else is checked with JavaScript disabled.
    withJs = await newContext(browser, platform.baseUrl);
    withoutJs = await newContext(browser, platform.baseUrl, { javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it.each([
    ['the département kit', '/kit', 'Kit d’accompagnement de l’usager'],
    ['the kit of Ribérac', '/kit/commune/24352', 'Kit d’accompagnement de l’usager — Ribérac'],
  ])('renders %s at 1280 and 320 pixels wide without horizontal scroll or axe violation', async (name, url, titre) => {
    const page = await withoutJs.newPage();
    const audit = await withJs.newPage();
    for (const [taille, largeur] of [['desktop', 1280], ['mobile', 320]] as const) {
      await page.setViewportSize({ width: largeur, height: 900 });
      await audit.setViewportSize({ width: largeur, height: 900 });
      const reponse = await page.goto(url);
      expect(reponse?.status()).toBe(200);
      expect(await page.getByRole('heading', { level: 1, name: titre, exact: true }).count()).toBe(1);
      // The map is an image with a text alternative, followed by the table that carries its content.
      const carte = page.getByRole('img', { name: /Carte des lieux/ });
      expect(await carte.count()).toBe(1);
      // Served by the platform (CSP img-src 'self') and drawn: not a broken image.
      expect(await carte.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      expect(await page.locator('#liste-dr tbody tr').count()).toBe(17);
      const depassement = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await page.screenshot({ path: `/tmp/kit-${name.replaceAll(' ', '-')}-${taille}.png`, fullPage: false });
      expect(depassement, `${url} déborde de ${depassement} px à ${largeur} px`).toBeLessThanOrEqual(0);
      await audit.goto(url);
      const violations = await axeViolations(audit);
      expect(violations, `axe sur ${url} à ${largeur} px :\n${violations.join('\n')}`).toEqual([]);
    }
    await page.close();
    await audit.close();
  });

  it('leads from the commune form to that commune’s kit, its role first, without JavaScript', async () => {
    const page = await withoutJs.newPage();
    await page.goto('/kit');
    await page.getByLabel('Le kit de votre commune').fill('Ribérac');
    await Promise.all([page.waitForURL('**/kit/commune/24352'), page.getByRole('button', { name: 'Voir le kit de cette commune' }).click()]);
    const premier = page.locator('main h2').first();
    expect(await premier.innerText()).toBe('Votre commune : Ribérac (24352)');
    expect(await page.locator('#role-commune').innerText()).toContain('Mairie équipée d’un dispositif de recueil');
    await page.close();
  });

  it('keeps the answer and shows a French message next to the field for an unknown commune', async () => {
    const page = await withoutJs.newPage();
    await page.goto('/kit/commune?commune=Atlantide');
    expect(await page.locator('#champ-commune').inputValue()).toBe('Atlantide');
    expect(await page.locator('#champ-commune-messages').innerText()).toContain('Aucune commune ne correspond à « Atlantide »');
    await page.close();
    const audit = await withJs.newPage();
    await audit.goto('/kit/commune?commune=Atlantide');
    expect(await axeViolations(audit)).toEqual([]);
    await audit.close();
  });

  it('prints the kit without the site header, the forms or the buttons', async () => {
    const page = await withoutJs.newPage();
    await page.goto('/kit');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.fr-header').isVisible()).toBe(false);
    expect(await page.locator('form[action="/kit/commune"]').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'QUI ? Le rôle de chacun' }).isVisible()).toBe(true);
    await page.close();
  });
});
