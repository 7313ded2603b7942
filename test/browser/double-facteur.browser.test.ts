import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeTotp } from '../../src/kernel/auth/totp.ts';
import { AGENT_PASSWORD, uniqueEmail } from '../../src/kernel/testing/factories.ts';
import { axeViolations, chromiumMissing, closePage, launchChromium, newContext, startPlatform, submitAndWait, type RunningPlatform } from './harness.ts';

// The first admin, as the command line creates it, signs in from the home page: the second
// factor is enrolled by QR code before any session opens, then asked at every sign-in.
describe.skipIf(chromiumMissing && !process.env.CI)('browser: the agents’ second factor', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('enrolls from the home page by clicking, axe-clean, then signs in with a recovery code', async () => {
    const email = uniqueEmail('admin-navigateur');
    const cree = await platform.built.comptes.createAdmin(email, 'Alice Navigatrice', AGENT_PASSWORD);
    expect(cree.ok).toBe(true);
    const context = await newContext(browser, platform.baseUrl);
    const page = await context.newPage();
    try {
      await page.goto('/');
      await submitAndWait(page, () => page.getByRole('link', { name: 'Espace agents' }).first().click());
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByLabel('Mot de passe').fill(AGENT_PASSWORD);
      await submitAndWait(page, () => page.getByRole('button', { name: 'Se connecter' }).click());
      expect(new URL(page.url()).pathname).toBe('/agent/double-facteur/activation');
      expect(await page.getByRole('img', { name: 'QR code à scanner avec votre application d’authentification' }).isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);

      // A wrong code: the message next to the field, the QR code still there.
      await page.getByLabel('Code à 6 chiffres').fill('000000');
      await submitAndWait(page, () => page.getByRole('button', { name: 'Activer' }).click());
      expect(await page.locator('#champ-code-messages').innerText()).toContain('Ce code n’est pas valable');
      expect(await axeViolations(page)).toEqual([]);

      const secret = (await page.locator('#secret-totp').innerText()).replaceAll(' ', '');
      await page.getByLabel('Code à 6 chiffres').fill(codeTotp(secret, new Date()));
      await submitAndWait(page, () => page.getByRole('button', { name: 'Activer' }).click());
      const codes = await page.locator('#codes-secours code').allInnerTexts();
      expect(codes).toHaveLength(10);
      expect(await axeViolations(page)).toEqual([]);
      await submitAndWait(page, () => page.getByRole('link', { name: 'Continuer vers l’espace agents' }).click());
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Espace agents');

      await submitAndWait(page, () => page.getByRole('button', { name: 'Se déconnecter' }).first().click());
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByLabel('Mot de passe').fill(AGENT_PASSWORD);
      await submitAndWait(page, () => page.getByRole('button', { name: 'Se connecter' }).click());
      expect(new URL(page.url()).pathname).toBe('/agent/connexion/code');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Code de vérification').fill(codes[0]!);
      await submitAndWait(page, () => page.getByRole('button', { name: 'Valider' }).click());
      expect(new URL(page.url()).pathname).toBe('/agent');
    } finally {
      await closePage(page);
      await context.close();
    }
  }, 120_000);
});
