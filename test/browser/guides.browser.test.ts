import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, chromiumMissing, launchChromium, newContext, startPlatform, type RunningPlatform } from './harness.ts';

const PAGES = [
  ['guides index', '/guides'],
  ['créer une adresse électronique', '/guides/adresse-electronique'],
  ['pré-demande', '/guides/pre-demande'],
  ['timbre fiscal', '/guides/timbre'],
  ['ce qu’il vous faut, the question', '/guides/ce-qu-il-vous-faut'],
  ['ce qu’il vous faut, a minor’s lost passport', '/guides/ce-qu-il-vous-faut?titre=passeport&motif=perte&pour=mineur'],
  ['ce qu’il vous faut, an incomplete answer', '/guides/ce-qu-il-vous-faut?titre=cni'],
  ['bientôt disponible', '/bientot-disponible?page=/rendez-vous'],
] as const;

describe.skipIf(chromiumMissing)('browser: guides pas à pas and « ce qu’il vous faut »', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let withJs: BrowserContext;
  let withoutJs: BrowserContext;
  let narrow: BrowserContext;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    withJs = await newContext(browser, platform.baseUrl);
    withoutJs = await newContext(browser, platform.baseUrl, { javaScriptEnabled: false });
    narrow = await newContext(browser, platform.baseUrl, { viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it.each(PAGES)('%s (%s): axe without violation, and no horizontal scroll at 320 px', async (_nom, url) => {
    const page = await withJs.newPage();
    await page.goto(url);
    const violations = await axeViolations(page);
    expect(violations, `axe sur ${url} :\n${violations.join('\n')}`).toEqual([]);
    await page.close();

    const etroite = await narrow.newPage();
    await etroite.goto(url);
    const { scrollWidth, clientWidth } = await etroite.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth, `défilement horizontal sur ${url}`).toBeLessThanOrEqual(clientWidth);
    await etroite.close();
  });

  it('answers « ce qu’il vous faut » without JavaScript, keeps the answers and offers the printable sheet', async () => {
    const page: Page = await withoutJs.newPage();
    await page.goto('/guides/ce-qu-il-vous-faut');
    // DSFR draws the radio through its label: people (and the test) click the label.
    await page.getByRole('group', { name: 'Quel titre demandez-vous ?' }).getByText('Passeport', { exact: true }).click();
    await page.getByRole('group', { name: 'Pour quelle raison ?' }).getByText('Perte', { exact: true }).click();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Afficher ce qu’il me faut' }).click()]);
    // One question left unanswered: told next to it, the other answers kept.
    expect(await page.getByRole('group', { name: /Pour qui \?/ }).getByText('Choisissez une des réponses proposées.').count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Pour quelle raison ?' }).getByLabel('Perte').isChecked()).toBe(true);
    await page.getByText('Pour un enfant mineur dont je suis le représentant légal').click();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Afficher ce qu’il me faut' }).click()]);
    expect(new URL(page.url()).search).toBe('?titre=passeport&motif=perte&pour=mineur');
    const contenu = await page.locator('#resultat').innerText();
    expect(contenu).toContain('déclaration de perte');
    expect(contenu).toContain('représentant légal');
    expect(contenu).toContain('Représentant légal');
    const fiche = await page.getByRole('link', { name: 'Télécharger la fiche à imprimer (PDF)' }).getAttribute('href');
    const reponse = await page.request.get(fiche!);
    expect(reponse.headers()['content-type']).toBe('application/pdf');
    await page.close();
  });

  it('follows a guide step to the platform page without JavaScript', async () => {
    const page = await withoutJs.newPage();
    await page.goto('/guides/timbre');
    expect(await page.locator('.fr-stepper').count()).toBe(8);
    // On paper: each link's full address is written out, the screen-only parts are gone.
    const adresse = page.getByText(`${platform.baseUrl}/timbre/demarche`);
    expect(await adresse.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await adresse.isVisible()).toBe(true);
    expect(await page.getByText('Pour garder ce guide sur papier').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Choisir ma démarche' }).click()]);
    expect(new URL(page.url()).pathname).toBe('/timbre/demarche');
    await page.close();
  });
});
