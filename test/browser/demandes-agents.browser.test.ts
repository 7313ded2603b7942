import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { agentMairie, demandeDisponible } from '../../src/features/demande-titre/test-demandes.ts';
import { createAgent } from '../../src/kernel/testing/factories.ts';
import { axeViolations, chromiumMissing, closePage, launchChromium, newContext, signIn, startPlatform, type RunningPlatform } from './harness.ts';

// The agents' screens of the demande de titre, in a real browser: axe finds nothing, and a
// Cerfa papier goes from keying in to transmission with the keyboard alone.
describe.skipIf(chromiumMissing)('browser: agent screens of the demande de titre', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let mairie: BrowserContext;
  let instructeur: BrowserContext;

  async function contexte(role: 'agent_mairie' | 'instructeur' | 'agent_prefecture', rattachement: { communeInsee?: string; departement: string }) {
    const compte = await createAgent(platform.built, role, rattachement);
    const context = await newContext(browser, platform.baseUrl);
    const page = await context.newPage();
    await signIn(page, '/agent/connexion', compte.email, compte.password);
    await closePage(page);
    return context;
  }

  /** Triggers a form post and waits for the page it leads to. */
  async function soumettre(page: Page, action: () => Promise<void>) {
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), action()]);
    await page.waitForLoadState('load');
  }

  async function sansViolation(page: Page, url: string) {
    if (url) await page.goto(url);
    const violations = await axeViolations(page);
    expect(violations, `${page.url()}\n${violations.join('\n')}`).toEqual([]);
  }

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    mairie = await contexte('agent_mairie', { communeInsee: '24322', departement: '24' });
    instructeur = await contexte('instructeur', { departement: '24' });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('keys in a Cerfa with the keyboard alone, shows errors next to the fields, and passes axe on every screen', async () => {
    const page = await mairie.newPage();
    await page.goto('/mairie/cerfa');
    await sansViolation(page, '');
    // Keyboard only: tab to each field, type, and submit with Enter.
    await page.getByLabel('Titre demandé').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByLabel('Nom de naissance').focus();
    await page.keyboard.type('Martin');
    await soumettre(page, () => page.keyboard.press('Enter'));
    await page.locator('.fr-message--error').first().waitFor();
    expect(await page.getByLabel('Nom de naissance').inputValue()).toBe('Martin');
    await sansViolation(page, '');

    await page.getByLabel('Titre demandé').selectOption('cni');
    await page.getByLabel('Motif').selectOption('renouvellement');
    await page.getByLabel('Prénoms').fill('Claire');
    await page.getByLabel('Date de naissance').fill('1975-03-02');
    await Promise.all([page.waitForURL(/\/mairie\/demandes\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Enregistrer la demande' }).press('Enter')]);
    await sansViolation(page, '');
    const demande = page.url();
    for (let tentative = 0; tentative < 10 && (await page.getByText('Non recueillies').count()) > 0; tentative += 1) {
      await soumettre(page, () => page.getByRole('button', { name: /photo et les empreintes/ }).press('Enter'));
    }
    await soumettre(page, () => page.getByRole('button', { name: 'Transmettre la demande' }).press('Enter'));
    await page.getByText('transmise pour instruction').first().waitFor();
    await sansViolation(page, demande);
    for (const url of ['/mairie/demandes', '/mairie/recueil', '/mairie/reception', '/suivi']) await sansViolation(page, url);

    const instruction = await instructeur.newPage();
    await sansViolation(instruction, '/instruction');
    await instruction.getByRole('link', { name: /^D-24-/ }).first().click();
    await instruction.waitForLoadState('load');
    await sansViolation(instruction, '');
  });

  it('finds a title to hand over by name and birth date, and hands it over with the keyboard alone, axe-clean at each step', async () => {
    const perigueux = agentMairie('24322');
    const adulte = await demandeDisponible(platform.built, perigueux, { nom: 'BERNARD', prenoms: 'Lucie', dateNaissance: '1979-09-09' });
    const enfant = await demandeDisponible(platform.built, perigueux, { nom: 'BERNARD', prenoms: 'Théo', dateNaissance: '2019-09-09' });
    const page = await mairie.newPage();
    await sansViolation(page, '/mairie/remise');
    await page.getByLabel('Nom de naissance du titulaire').focus();
    await page.keyboard.type('Bernard');
    await page.getByLabel('Date de naissance du titulaire').fill('1979-09-09');
    await soumettre(page, () => page.getByRole('button', { name: 'Rechercher par nom' }).press('Enter'));
    await page.getByRole('link', { name: adulte.numero }).waitFor();
    expect(await page.getByRole('link', { name: enfant.numero }).count()).toBe(0);
    await sansViolation(page, '');

    await Promise.all([page.waitForURL(/\/mairie\/demandes\/[0-9a-f-]{36}$/), page.getByRole('link', { name: adulte.numero }).press('Enter')]);
    await sansViolation(page, '');
    // Without an answer about the old title the form comes back with the error next to it.
    await soumettre(page, () => page.getByRole('button', { name: 'Vérifier les empreintes et remettre le titre' }).press('Enter'));
    await page.locator('.fr-message--error').first().waitFor();
    await sansViolation(page, '');
    await page.getByLabel('L’ancien titre est restitué').focus();
    await page.keyboard.press('Space');
    await soumettre(page, () => page.getByRole('button', { name: 'Vérifier les empreintes et remettre le titre' }).press('Enter'));
    await page.getByText('remise à son titulaire').first().waitFor();
    await sansViolation(page, '');

    await page.goto(`/mairie/demandes/${enfant.id}`);
    await soumettre(page, () => page.getByRole('button', { name: 'Remettre le titre' }).press('Enter'));
    await page.locator('.fr-message--error').first().waitFor();
    await sansViolation(page, '');
    await page.screenshot({ path: '/tmp/remise-enfant.png', fullPage: true });
  });
});
