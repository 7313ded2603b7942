import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../src/kernel/testing/factories.ts';
import { axeViolations, chromiumMissing, closePage, launchChromium, newContext, signIn, startPlatform, type RunningPlatform, submitAndWait } from './harness.ts';

/** Screenshots are for a person to look at; they never go into the repository. */
const SCREENS_DIR = path.join(os.tmpdir(), 'screens');

describe.skipIf(chromiumMissing)('browser: accessibility (axe, WCAG 2.x A/AA) and rendering', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let anonymous: BrowserContext;
  let asAdmin: BrowserContext;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    anonymous = await newContext(browser, platform.baseUrl);
    asAdmin = await newContext(browser, platform.baseUrl);
    const admin = await createAdmin(platform.built);
    const page = await asAdmin.newPage();
    await signIn(page, '/agent/connexion', admin.email, admin.password);
    expect(new URL(page.url()).pathname).toBe('/agent');
    await closePage(page);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function expectNoViolations(page: Page) {
    const violations = await axeViolations(page);
    // The message lists rule ids and targets so they can be fixed without re-running.
    expect(violations, `axe sur ${page.url()} :\n${violations.join('\n')}`).toEqual([]);
  }

  async function visit(context: BrowserContext, url: string, expectedStatus = 200) {
    const page = await context.newPage();
    const response = await page.goto(url);
    expect(response?.status()).toBe(expectedStatus);
    return page;
  }

  it.each([
    ['home page', '/', 200],
    ['usager sign-in page', '/connexion', 200],
    ['agent sign-in page', '/agent/connexion', 200],
    ['404 page', '/cette-page-n-existe-pas', 404],
    ['expired invitation link page', '/compte/invitation?jeton=inconnu', 200],
  ])('axe finds no violation on the %s', async (_name, url, status) => {
    const page = await visit(anonymous, url, status);
    await expectNoViolations(page);
    await closePage(page);
  });

  it('axe finds no violation on the sign-in page showing validation errors', async () => {
    const page = await visit(anonymous, '/connexion');
    await submitAndWait(page, () => page.getByRole('button', { name: 'Se connecter' }).click());
    expect(await page.getByRole('heading', { name: '2 réponses sont à corriger' }).count()).toBe(1);
    expect(await page.locator('#champ-email').getAttribute('aria-invalid')).toBe('true');
    await expectNoViolations(page);
    await closePage(page);
  });

  it.each([
    ['admin agents page', '/admin/agents'],
    ['agent home page', '/agent'],
    ['development mailbox page', '/dev/boite'],
  ])('axe finds no violation on the %s (signed in as admin)', async (_name, url) => {
    const page = await visit(asAdmin, url);
    await expectNoViolations(page);
    await closePage(page);
  });

  it('axe finds no violation on the admin agents form showing validation errors', async () => {
    const page = await visit(asAdmin, '/admin/agents');
    await submitAndWait(page, () => page.getByRole('button', { name: 'Créer le compte et envoyer l’invitation' }).click());
    expect(await page.locator('#champ-nom').getAttribute('aria-invalid')).toBe('true');
    await expectNoViolations(page);
    await closePage(page);
  });

  async function homePageConsole() {
    const page = await anonymous.newPage();
    const lines: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') lines.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => lines.push(`pageerror: ${error.message}`));
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    await closePage(page);
    return lines;
  }

  it('loads the home page with its DSFR styles, fonts and scripts without any Content Security Policy violation', async () => {
    const lines = await homePageConsole();
    expect(lines.filter((line) => /Content[ -]Security[ -]Policy|Refused to (load|execute|apply)/i.test(line)), lines.join('\n')).toEqual([]);
  });

  it('runs the DSFR scripts on the home page without a JavaScript error', async () => {
    const lines = await homePageConsole();
    expect(lines.filter((line) => line.startsWith('pageerror') || line.startsWith('error')), lines.join('\n')).toEqual([]);
  });

  it.each([
    ['home', '/', false],
    ['admin', '/admin/agents', true],
  ])('renders the %s page at 1280 and 320 pixels wide without horizontal scrolling or axe violation (screenshots in the temp folder)', async (name, url, signedIn) => {
    await mkdir(SCREENS_DIR, { recursive: true });
    const context = signedIn ? asAdmin : anonymous;
    for (const [label, width] of [
      ['desktop', 1280],
      ['mobile', 320],
    ] as const) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${label}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${url} déborde de ${overflow} px à ${width} px de large`).toBeLessThanOrEqual(0);
      // Some rules depend on the layout (a table that scrolls sideways only on a narrow screen).
      await expectNoViolations(page);
      await closePage(page);
    }
  });

  it('lets a signed-in agent reach "Se déconnecter" from the header on a 320 pixel wide screen', async () => {
    const page = await asAdmin.newPage();
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto('/agent');
    await page.waitForLoadState('networkidle');
    // Below 992 px the DSFR hides the header tools links; its mobile menu (button "Menu" and
    // a .fr-header__menu modal whose links the DSFR script copies from the tools links) shows them.
    const menu = page.locator('header').getByRole('button', { name: 'Menu' });
    if ((await menu.count()) > 0 && (await menu.isVisible())) await menu.click();
    const logout = page.locator('header').getByRole('button', { name: 'Se déconnecter' }).filter({ visible: true });
    expect(await logout.count(), 'à 320 px, « Se déconnecter » est inaccessible : l’en-tête n’a pas de menu mobile DSFR').toBe(1);
    await closePage(page);
  });
});
