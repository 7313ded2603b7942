import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, createUsager, uniqueEmail } from '../../src/kernel/testing/factories.ts';
import { chromiumMissing, launchChromium, newContext, signIn, startPlatform, type RunningPlatform, submitAndWait } from './harness.ts';

const DEMO_BANNER = 'Site de démonstration — aucune démarche réelle n\'est traitée ici';
const AGENT_NEW_PASSWORD = 'le train de Périgueux part à midi';

async function text(page: Page, selector: string) {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** The DSFR shell every page shares: Marianne block, service name, demo banner, mandatory footer links. */
async function expectPageShell(page: Page) {
  expect(await page.locator('header.fr-header').isVisible()).toBe(true);
  // The DSFR sets the Marianne block in capitals with CSS.
  expect((await text(page, 'header .fr-logo')).toLocaleLowerCase('fr')).toBe('république française');
  expect(await text(page, 'header .fr-header__service-title')).toBe('Guichet Titres');
  expect(await page.getByText(DEMO_BANNER).isVisible()).toBe(true);
  const footer = page.locator('footer.fr-footer');
  expect(await footer.isVisible()).toBe(true);
  for (const link of ['Accessibilité : non conforme', 'Mentions légales', 'Données personnelles']) {
    expect(await footer.getByRole('link', { name: link }).isVisible(), link).toBe(true);
  }
}

/** The outbox worker delivers after commit; the development mailbox shows it shortly after. */
async function invitationLink(page: Page, recipient: string, baseUrl: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await page.goto('/dev/boite');
    const card = page.locator('article', { hasText: recipient });
    if ((await card.count()) > 0) {
      const body = await card.first().locator('pre').innerText();
      const link = new RegExp(`${baseUrl.replaceAll('.', '\\.')}/compte/invitation\\?jeton=\\S+`).exec(body)?.[0];
      expect(link, `lien d’invitation absent du message :\n${body}`).toBeDefined();
      return link!;
    }
    if (Date.now() > deadline) throw new Error(`aucune invitation pour ${recipient} dans /dev/boite`);
    await page.waitForTimeout(200);
  }
}

describe.skipIf(chromiumMissing)('browser: agent account journey', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('lets an admin invite a mairie agent who activates the account, signs in, and is refused the admin page', async () => {
    const admin = await createAdmin(platform.built);
    const agentEmail = uniqueEmail('agent.perigueux');

    // The admin signs in through the form and creates the agent from the admin page.
    const adminPage = await (await newContext(browser, platform.baseUrl)).newPage();
    await adminPage.goto('/');
    await expectPageShell(adminPage);
    await signIn(adminPage, '/agent/connexion', admin.email, admin.password);
    expect(new URL(adminPage.url()).pathname).toBe('/agent');
    await Promise.all([adminPage.waitForURL('**/admin/agents'), adminPage.getByRole('link', { name: 'Gérer les agents' }).click()]);
    await adminPage.getByLabel('Nom et prénom').fill('Paul Agent');
    await adminPage.getByLabel('Adresse électronique professionnelle').fill(agentEmail);
    await adminPage.getByLabel('Rôle').selectOption('agent_mairie');
    await adminPage.getByLabel('Commune de rattachement (agent de mairie)').fill('24322');
    await submitAndWait(adminPage, () => adminPage.getByRole('button', { name: 'Créer le compte et envoyer l’invitation' }).click());
    expect(await adminPage.getByText('Le compte est créé et l’invitation envoyée.').isVisible(), await text(adminPage, 'main')).toBe(true);
    const row = adminPage.locator('tr', { hasText: agentEmail });
    expect(await row.innerText()).toContain('Périgueux (24322)');
    expect(await row.innerText()).toContain('Invitation envoyée');

    // The invitation arrives in the development mailbox, with a link to this very server.
    const link = await invitationLink(adminPage, agentEmail, platform.baseUrl);

    // The agent, in a browser of their own, chooses a password and signs in.
    const agentPage = await (await newContext(browser, platform.baseUrl)).newPage();
    await agentPage.goto(link);
    await agentPage.getByLabel('Choisissez votre mot de passe').fill(AGENT_NEW_PASSWORD);
    await submitAndWait(agentPage, () => agentPage.getByRole('button', { name: 'Activer mon compte' }).click());
    expect(await text(agentPage, 'h1')).toBe('Compte activé');
    await signIn(agentPage, '/agent/connexion', agentEmail, AGENT_NEW_PASSWORD);
    expect(new URL(agentPage.url()).pathname).toBe('/agent');
    expect(await text(agentPage, 'h1')).toBe('Espace agents');
    expect(await agentPage.getByText('Bonjour Paul Agent.').isVisible()).toBe(true);
    await expectPageShell(agentPage);

    // A mairie agent is not an admin.
    const refused = await agentPage.goto('/admin/agents');
    expect(refused?.status()).toBe(403);
    expect(await text(agentPage, 'h1')).toBe('Accès refusé');

    // The invitation link served once.
    await agentPage.goto(link);
    expect(await agentPage.getByText('Lien invalide ou expiré').isVisible()).toBe(true);
  });

  it('signs a usager in and out with JavaScript disabled, header and footer rendered, agent pages refused', async () => {
    const usager = await createUsager(platform.built);
    const context = await newContext(browser, platform.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await expectPageShell(page);

    await signIn(page, '/connexion', usager.email, usager.password);
    expect(new URL(page.url()).pathname).toBe('/mon-espace');
    await expectPageShell(page);
    expect(await page.locator('header').getByRole('link', { name: 'Camille Usagère' }).isVisible()).toBe(true);

    const refused = await page.goto('/agent');
    expect(refused?.status()).toBe(403);
    expect(await text(page, 'h1')).toBe('Accès refusé');

    await Promise.all([page.waitForURL(`${platform.baseUrl}/`), page.getByRole('button', { name: 'Se déconnecter' }).click()]);
    expect(await page.locator('header').getByRole('link', { name: 'Se connecter' }).isVisible()).toBe(true);
    const afterLogout = await page.goto('/mon-espace');
    expect(new URL(afterLogout!.url()).pathname).toBe('/connexion');
    await context.close();
  });

  it('keeps the account links reachable on a 320 pixel wide screen with JavaScript disabled', async () => {
    const usager = await createUsager(platform.built);
    const context = await newContext(browser, platform.baseUrl, { javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    await page.goto('/');
    expect(await page.locator('header').getByRole('link', { name: 'Se connecter' }).isVisible()).toBe(true);
    await signIn(page, '/connexion', usager.email, usager.password);
    const logout = page.locator('header').getByRole('button', { name: 'Se déconnecter' });
    expect(await logout.count()).toBe(1);
    await Promise.all([page.waitForURL(`${platform.baseUrl}/`), logout.click()]);
    await context.close();
  });

  it('signs an agent in with JavaScript disabled, and shows the sign-in errors without script', async () => {
    const admin = await createAdmin(platform.built);
    const context = await newContext(browser, platform.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();

    await page.goto('/agent/connexion');
    await submitAndWait(page, () => page.getByRole('button', { name: 'Se connecter' }).click());
    expect(await page.getByRole('link', { name: 'Saisissez votre adresse électronique.' }).isVisible()).toBe(true);

    await signIn(page, '/agent/connexion', admin.email, admin.password);
    expect(new URL(page.url()).pathname).toBe('/agent');
    expect(await text(page, 'h1')).toBe('Espace agents');
    await expectPageShell(page);
    await context.close();
  });
});
